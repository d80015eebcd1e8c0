using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using SpikeSharp.Generator.Diagnostics;
using SpikeSharp.Generator.Helpers;
using SpikeSharp.Generator.Model;
using static SpikeSharp.Generator.Parsing.AttributeArgs;

namespace SpikeSharp.Generator.Parsing;

/// <summary>What a [FullProjAlignPostMg] adds to the projection parse: Pre, and Delay (ms) or DelaySteps.</summary>
internal sealed class FullProjectionParse
{
    public INamedTypeSymbol? Pre;
    public Location? PreLocation;
    public bool PreGiven;
    public DelayUnit Unit = DelayUnit.None;
    public double Value;
}

/// <summary>The Full-projection part of <see cref="ModelParser"/>'s projection parse (SPK4002–SPK4006, SPK4009, SPK4010).</summary>
internal static class FullProjectionParser
{
    /// <summary>The default dt (ms) the whole-steps check of a delay in ms uses (SPK4006); the runtime's <c>Simulation.Dt</c> default.</summary>
    const double DefaultDt = 0.1;

    public static void ReadPreAndDelay(AttributeArgs args, FullProjectionParse full, string name, DiagnosticSink sink, Action unreadable)
    {
        var read = args.NamedType("Pre", out var preType, out full.PreLocation);
        full.PreGiven = read != Read.Absent;
        if (read == Read.Invalid) unreadable();
        else if (read == Read.Null) sink.Report(ProjectionDescriptors.MissingPre, full.PreLocation ?? args.AttributeLocation, name, args.Name);
        else if (preType is INamedTypeSymbol named) full.Pre = named;
        else if (preType is not null)
            sink.Report(ProjectionDescriptors.PreNotPopulation, full.PreLocation ?? args.AttributeLocation, name, preType.ToDisplayString());
        if (read == Read.Absent) sink.Report(ProjectionDescriptors.MissingPre, args.AttributeLocation, name, args.Name);

        var msRead = args.Named("Delay", out double ms, out var msLoc);
        var stepsRead = args.Named("DelaySteps", out double steps, out var stepsLoc);
        if (msRead == Read.Unresolved || stepsRead == Read.Unresolved) { unreadable(); return; }
        if (msRead == Read.Invalid) { sink.Report(DiagnosticDescriptors.InvalidArgument, msLoc ?? args.AttributeLocation, name, "Delay", args.Name, "number"); unreadable(); return; }
        if (stepsRead == Read.Invalid) { sink.Report(DiagnosticDescriptors.InvalidArgument, stepsLoc ?? args.AttributeLocation, name, "DelaySteps", args.Name, "int"); unreadable(); return; }
        bool bad = false;
        if (msRead == Read.Ok && !(ms >= 0 && !double.IsInfinity(ms)))
        {
            sink.Report(ProjectionDescriptors.InvalidDelay, msLoc ?? args.AttributeLocation, name, "Delay", Literals.Short(ms));
            bad = true;
        }
        if (stepsRead == Read.Ok && !(steps >= 0))
        {
            sink.Report(ProjectionDescriptors.InvalidDelay, stepsLoc ?? args.AttributeLocation, name, "DelaySteps", Literals.Short(steps));
            bad = true;
        }
        if (bad) return;
        if (msRead == Read.Ok && stepsRead == Read.Ok)
        {
            sink.Report(ProjectionDescriptors.TwoDelays, stepsLoc ?? args.AttributeLocation, name, Literals.Short(ms), Literals.Short(steps));
            return;
        }
        if (msRead == Read.Ok && ms > 0)
        {
            double s = Math.Ceiling(ms / DefaultDt - 1e-9); // the runtime's SpikeDelay.StepsFor
            if (s > int.MaxValue)
            {
                sink.Report(ProjectionDescriptors.InvalidDelay, msLoc ?? args.AttributeLocation, name, "Delay", Literals.Short(ms));
                return;
            }
            if (Math.Abs(ms / DefaultDt - Math.Round(ms / DefaultDt)) > 1e-9)
                sink.Report(ProjectionDescriptors.DelayNotWholeSteps, msLoc ?? args.AttributeLocation, name, Literals.Short(ms),
                    Literals.Short(s), Literals.Short(Math.Round(s * DefaultDt, 9)));
            full.Unit = DelayUnit.Ms;
            full.Value = ms;
        }
        else if (stepsRead == Read.Ok && steps > 0)
        {
            full.Unit = DelayUnit.Steps;
            full.Value = steps;
        }
    }

    /// <summary>Pre is a population of this compilation, at least as accessible as the projection, of size numIn.</summary>
    public static void CheckPre(INamedTypeSymbol type, FullProjectionParse full, CommSpec? comm, Location? anchor, TypeDecl? typeInfo, string name,
        DiagnosticSink sink, CancellationToken ct, Compilation? compilation)
    {
        var pre = full.Pre;
        if (pre is null) return;
        // A population or a Poisson group (BrainPy's PoissonGroup is a NeuDyn: any projection's pre); both take their size first.
        var popAttr = pre.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() is AttributeNames.Population or AttributeNames.PoissonGroup);
        if (popAttr is null)
        {
            sink.Report(ProjectionDescriptors.PreNotPopulation, full.PreLocation ?? anchor, name, pre.Name);
            full.Pre = null;
            return;
        }
        if (!SymbolEqualityComparer.Default.Equals(pre.ContainingAssembly, type.ContainingAssembly))
        {
            sink.Report(ProjectionDescriptors.PreInOtherAssembly, full.PreLocation ?? anchor, name, pre.Name, pre.ContainingAssembly?.Name ?? "?");
            full.Pre = null;
            return;
        }
        if (typeInfo is not null && !VisibilityRules.CanExpose(typeInfo.Visibility, ModelParser.VisibilityOf(pre)))
            sink.Report(ProjectionDescriptors.PreLessAccessible, full.PreLocation ?? anchor, name, Describe(typeInfo.Visibility), pre.Name, Describe(ModelParser.VisibilityOf(pre)));
        if (comm is not null && comm.NumIn > 0
            && new AttributeArgs(popAttr, ct, compilation is null ? null : new ConstantResolver(compilation, null, pre.Name, ct))
                .Ctor(0, "size", out double preSize, out _) == Read.Ok
            && preSize != comm.NumIn)
            sink.Report(ProjectionDescriptors.PreSizeMismatch, NumInLocation(type, ct) ?? anchor, name, comm.NumIn, pre.Name, Literals.Short(preSize));
    }

    /// <summary>The comm attribute's first argument (numIn), where SPK4001 points.</summary>
    static Location? NumInLocation(INamedTypeSymbol type, CancellationToken ct)
    {
        foreach (var a in type.GetAttributes())
        {
            if (a.AttributeClass?.ToDisplayString() is not (AttributeNames.EventJitFPHomoLinear or AttributeNames.EventCSRLinear or AttributeNames.CSRLinear
                or AttributeNames.EventJitFPUniformLinear or AttributeNames.EventJitFPNormalLinear or AttributeNames.AllToAll or AttributeNames.OneToOne
                or AttributeNames.JitFPHomoLinear or AttributeNames.JitFPUniformLinear or AttributeNames.JitFPNormalLinear)) continue;
            var args = new AttributeArgs(a, ct, null);
            args.Ctor(0, "numIn", out _, out var loc);
            return loc ?? args.AttributeLocation;
        }
        return null;
    }

    static string Describe(Visibility v) => v switch
    {
        Visibility.Public => "public",
        Visibility.Internal => "internal",
        _ => "private or protected",
    };
}
