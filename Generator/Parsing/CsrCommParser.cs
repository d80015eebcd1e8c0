using System;
using Microsoft.CodeAnalysis;
using SpikeSharp.Generator.Diagnostics;
using SpikeSharp.Generator.Helpers;
using SpikeSharp.Generator.Model;
using SpikeSharp.Generator.Model.Definitions;
using static SpikeSharp.Generator.Parsing.AttributeArgs;

namespace SpikeSharp.Generator.Parsing;

/// <summary>Reads [EventCSRLinear(numIn, numOut, Prob, Weight, Seed, Conn, Num, AllowMultiConn, IncludeSelf)]: sizes
/// (SPK0008, SPK0010), Prob for FixedProb/Bernoulli (SPK0005), Num for the counting connectors (SPK4030), square sizes
/// where the connector needs them (SPK4031).</summary>
internal static class CsrCommParser
{
    const int MaxArrayLength = 0x7FFFFFC7;

    public static CommSpec? Read(AttributeArgs args, string name, DiagnosticSink sink, out Location? numOutLoc, Action unreadable)
    {
        numOutLoc = null;
        var def = Comms.EventCSRLinear;
        double Default(string p) => def.Params[NeuronSpec.IndexOf(def.Params, p)].Default;
        int numIn = Size(args, 0, "numIn", name, sink, unreadable, out var numInLoc);
        int numOut = Size(args, 1, "numOut", name, sink, unreadable, out numOutLoc);

        var connRead = args.NamedEnum("Conn", out long conn, out var connLoc);
        if (connRead == AttributeArgs.Read.Absent) conn = (long)Default("Conn");
        else if (connRead != AttributeArgs.Read.Ok || conn < 0 || conn >= Comms.ConnKinds.Length)
        {
            sink.Report(DiagnosticDescriptors.InvalidArgument, connLoc ?? args.AttributeLocation, name, "Conn", args.Name, "Conn");
            return null;
        }
        string kind = Comms.ConnKinds[conn];

        double prob = Number(args, "Prob", Default("Prob"), name, sink, unreadable, out var probLoc, out bool probGiven);
        if (kind is "FixedProb" or "Bernoulli" && !(prob > 0 && prob <= 1))
            sink.Report(DiagnosticDescriptors.ProbOutOfRange, probLoc ?? args.AttributeLocation, name, Literals.Short(prob));
        double weight = Number(args, "Weight", Default("Weight"), name, sink, unreadable, out var weightLoc, out bool weightGiven);
        if (double.IsNaN(weight) || double.IsInfinity(weight) || float.IsInfinity((float)weight))
            sink.Report(DiagnosticDescriptors.NonFiniteValue, weightLoc ?? args.AttributeLocation, name, args.Name + ".Weight", Literals.Short(weight));

        var seedRead = args.NamedLong("Seed", out long seed, out var seedLoc);
        if (seedRead == AttributeArgs.Read.Absent) seed = 0;
        else if (seedRead == AttributeArgs.Read.Unresolved) { unreadable(); seed = 0; }
        else if (seedRead == AttributeArgs.Read.Invalid) { sink.Report(DiagnosticDescriptors.InvalidArgument, seedLoc ?? args.AttributeLocation, name, "Seed", args.Name, "long"); seed = 0; }

        var numRead = args.NamedLong("Num", out long num, out var numLoc);
        if (numRead == AttributeArgs.Read.Unresolved) unreadable();
        else if (numRead == AttributeArgs.Read.Invalid) sink.Report(DiagnosticDescriptors.InvalidArgument, numLoc ?? args.AttributeLocation, name, "Num", args.Name, "long");
        if (numRead != AttributeArgs.Read.Ok) num = 0;
        if (kind is "FixedPreNum" or "FixedPostNum" or "FixedTotalNum" && numRead != AttributeArgs.Read.Unresolved && !(num > 0 && (kind == "FixedTotalNum" || num <= int.MaxValue)))
            sink.Report(ProjectionDescriptors.InvalidConnectorCount, numLoc ?? connLoc ?? args.AttributeLocation, name, Literals.Short(num), kind);

        bool multi = Bool(args, "AllowMultiConn", false, name, sink, out _);
        bool self = Bool(args, "IncludeSelf", true, name, sink, out var selfLoc);
        if (numIn > 0 && numOut > 0 && numIn != numOut && (kind == "OneToOne" || !self && kind != "FixedTotalNum"))
            sink.Report(ProjectionDescriptors.ConnectorNeedsSquare, (kind == "OneToOne" ? connLoc : selfLoc) ?? numInLoc ?? args.AttributeLocation, name,
                kind == "OneToOne" ? "Conn = OneToOne" : "IncludeSelf = false", numIn, numOut);
        _ = probGiven;
        // Per-synapse weights: WLow/WHigh (uniform) or WMu/WSigma (normal, optionally clipped by WMin/WMax).
        double Opt(string p, out bool given, out Location? loc) => Number(args, p, double.NaN, name, sink, unreadable, out loc, out given);
        double lo = Opt("WLow", out bool loG, out _), hi = Opt("WHigh", out bool hiG, out var hiLoc);
        double mu = Opt("WMu", out bool muG, out _), sd = Opt("WSigma", out bool sdG, out var sdLoc);
        double mn = Opt("WMin", out bool mnG, out _), mx = Opt("WMax", out bool mxG, out var mxLoc);
        CsrWeights? ws = null;
        bool uni = loG || hiG, nor = muG || sdG || mnG || mxG;
        if (weightGiven && (uni || nor)) // per-synapse weights replace Weight: both given would silently drop one
            sink.Report(ProjectionDescriptors.InvalidWeightRange, weightLoc ?? args.AttributeLocation, name,
                $"Weight = {Literals.Short(weight)} is not used when per-synapse weights are given ({(uni ? "WLow/WHigh" : "WMu/WSigma")}); give one or the other");
        if (uni && nor)
            sink.Report(ProjectionDescriptors.InvalidWeightRange, hiLoc ?? sdLoc ?? args.AttributeLocation, name, "give WLow/WHigh (uniform) or WMu/WSigma (normal), not both");
        else if (uni)
        {
            if (!(loG && hiG)) sink.Report(ProjectionDescriptors.InvalidWeightRange, hiLoc ?? args.AttributeLocation, name, "uniform weights need both WLow and WHigh");
            else if (!((float)lo <= (float)hi)) sink.Report(ProjectionDescriptors.InvalidWeightRange, hiLoc ?? args.AttributeLocation, name, $"WHigh = {Literals.Short(hi)} is below WLow = {Literals.Short(lo)}");
            else ws = new CsrWeights(false, lo, hi, double.NaN, double.NaN);
        }
        else if (nor)
        {
            if (!(muG && sdG)) sink.Report(ProjectionDescriptors.InvalidWeightRange, sdLoc ?? args.AttributeLocation, name, "normal weights need both WMu and WSigma");
            else if (!(sd >= 0)) sink.Report(ProjectionDescriptors.InvalidWeightRange, sdLoc ?? args.AttributeLocation, name, $"WSigma = {Literals.Short(sd)} must be ≥ 0");
            else if (mnG && mxG && !((float)mn <= (float)mx)) sink.Report(ProjectionDescriptors.InvalidWeightRange, mxLoc ?? args.AttributeLocation, name, $"WMax = {Literals.Short(mx)} is below WMin = {Literals.Short(mn)}");
            else ws = new CsrWeights(true, mu, sd, mnG ? mn : double.NaN, mxG ? mx : double.NaN);
        }
        return new CommSpec(numIn, numOut, kind is "FixedProb" or "Bernoulli" ? prob : 0, weight, seed, new CsrSpec((int)conn, num, multi, self, ws));
    }

    internal static int Size(AttributeArgs args, int index, string parameter, string name, DiagnosticSink sink, Action unreadable, out Location? loc)
    {
        var read = args.Ctor(index, parameter, out double v, out loc);
        if (read == AttributeArgs.Read.Invalid)
        {
            sink.Report(DiagnosticDescriptors.InvalidArgument, loc ?? args.AttributeLocation, name, parameter, args.Name, "int");
            unreadable();
            return -1;
        }
        if (read != AttributeArgs.Read.Ok || !args.IsBound) { unreadable(); return -1; }
        if (!(v > 0)) { sink.Report(DiagnosticDescriptors.NonPositiveSize, loc ?? args.AttributeLocation, name, parameter, Literals.Short(v)); return -1; }
        if (v > MaxArrayLength)
        {
            sink.Report(DiagnosticDescriptors.SizeTooLarge, loc ?? args.AttributeLocation, name, parameter, Literals.Short(v), MaxArrayLength.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            return -1;
        }
        return (int)v;
    }

    internal static double Number(AttributeArgs args, string property, double fallback, string name, DiagnosticSink sink, Action unreadable, out Location? loc, out bool given)
    {
        var read = args.Named(property, out double v, out loc);
        given = read == AttributeArgs.Read.Ok;
        if (read == AttributeArgs.Read.Unresolved) { unreadable(); return fallback; }
        if (read == AttributeArgs.Read.Invalid)
        {
            sink.Report(DiagnosticDescriptors.InvalidArgument, loc ?? args.AttributeLocation, name, property, args.Name, "number");
            unreadable();
            return fallback;
        }
        return read == AttributeArgs.Read.Ok ? v : fallback;
    }

    internal static bool Bool(AttributeArgs args, string property, bool fallback, string name, DiagnosticSink sink, out Location? loc)
    {
        var read = args.NamedBool(property, out bool v, out loc);
        if (read == AttributeArgs.Read.Invalid) sink.Report(DiagnosticDescriptors.InvalidArgument, loc ?? args.AttributeLocation, name, property, args.Name, "bool");
        return read == AttributeArgs.Read.Ok ? v : fallback;
    }
}
