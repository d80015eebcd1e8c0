using System;
using Microsoft.CodeAnalysis;
using SpikeSharp.Generator.Diagnostics;
using SpikeSharp.Generator.Helpers;
using SpikeSharp.Generator.Model;
using SpikeSharp.Generator.Model.Definitions;

namespace SpikeSharp.Generator.Parsing;

/// <summary>Reads [EventJitFPUniformLinear], [EventJitFPNormalLinear], [AllToAll] and [OneToOne]: sizes (SPK0008, SPK0010;
/// OneToOne's one size is numIn and numOut), Prob (SPK0005), finite weights (SPK0017), WLow ≤ WHigh and WSigma ≥ 0 (SPK4080).</summary>
internal static class AltCommParser
{
    public static CommSpec? Read(string kind, AttributeArgs args, string name, DiagnosticSink sink, out Location? numOutLoc, Action unreadable)
    {
        var def = kind switch
        {
            "EventJitFPUniformLinear" => Comms.EventJitFPUniformLinear,
            "EventJitFPNormalLinear" => Comms.EventJitFPNormalLinear,
            "JitFPHomoLinear" => Comms.JitFPHomoLinear,
            "JitFPUniformLinear" => Comms.JitFPUniformLinear,
            "JitFPNormalLinear" => Comms.JitFPNormalLinear,
            "AllToAll" => Comms.AllToAll,
            _ => Comms.OneToOne,
        };
        double Default(string p) => def.Params[NeuronSpec.IndexOf(def.Params, p)].Default;
        int numIn, numOut;
        if (kind == "OneToOne")
        {
            numIn = numOut = CsrCommParser.Size(args, 0, "num", name, sink, unreadable, out numOutLoc);
        }
        else
        {
            numIn = CsrCommParser.Size(args, 0, "numIn", name, sink, unreadable, out _);
            numOut = CsrCommParser.Size(args, 1, "numOut", name, sink, unreadable, out numOutLoc);
        }
        double Finite(string p)
        {
            double v = CsrCommParser.Number(args, p, Default(p), name, sink, unreadable, out var loc, out _);
            if (double.IsNaN(v) || double.IsInfinity(v) || float.IsInfinity((float)v))
                sink.Report(DiagnosticDescriptors.NonFiniteValue, loc ?? args.AttributeLocation, name, args.Name + "." + p, Literals.Short(v));
            return v;
        }
        if (kind is "AllToAll" or "OneToOne")
        {
            double weight = Finite("Weight");
            bool self = kind != "AllToAll" || CsrCommParser.Bool(args, "IncludeSelf", true, name, sink, out _);
            return new CommSpec(numIn, numOut, 0, weight, 0, null, new AltComm(kind, 0, 0, self));
        }
        bool probUnresolved = args.Named("Prob", out _, out _) == AttributeArgs.Read.Unresolved;
        double prob = CsrCommParser.Number(args, "Prob", Default("Prob"), name, sink, unreadable, out var probLoc, out _);
        if (!(prob > 0 && prob <= 1) && !probUnresolved)
            sink.Report(DiagnosticDescriptors.ProbOutOfRange, probLoc ?? args.AttributeLocation, name, Literals.Short(prob));
        // The non-event JitFP* forms take the event forms' parameters (NonEvent: align-pre only, SPK4063 elsewhere).
        bool nonEvent = kind.StartsWith("JitFP", StringComparison.Ordinal);
        bool homo = kind == "JitFPHomoLinear", uniform = kind.EndsWith("UniformLinear", StringComparison.Ordinal);
        double jitWeight = 0, a = 0, b = 0;
        if (homo) jitWeight = Finite("Weight");
        else
        {
            string pa = uniform ? "WLow" : "WMu", pb = uniform ? "WHigh" : "WSigma";
            a = Finite(pa); b = Finite(pb);
            args.Named(pb, out _, out var bLoc);
            if (uniform && !((float)a <= (float)b))
                sink.Report(ProjectionDescriptors.InvalidWeightRange, bLoc ?? args.AttributeLocation, name, $"WHigh = {Literals.Short(b)} is below WLow = {Literals.Short(a)}");
            if (!uniform && !(b >= 0))
                sink.Report(ProjectionDescriptors.InvalidWeightRange, bLoc ?? args.AttributeLocation, name, $"WSigma = {Literals.Short(b)} must be ≥ 0");
        }
        var seedRead = args.NamedLong("Seed", out long seed, out var seedLoc);
        if (seedRead == AttributeArgs.Read.Absent) seed = 0;
        else if (seedRead == AttributeArgs.Read.Unresolved) { unreadable(); seed = 0; }
        else if (seedRead == AttributeArgs.Read.Invalid) { sink.Report(DiagnosticDescriptors.InvalidArgument, seedLoc ?? args.AttributeLocation, name, "Seed", args.Name, "long"); seed = 0; }
        return new CommSpec(numIn, numOut, prob, jitWeight, seed, null, new AltComm(kind, a, b, true)) { NonEvent = nonEvent };
    }
}
