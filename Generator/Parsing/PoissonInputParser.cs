using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using SpikeSharp.Generator.Diagnostics;
using SpikeSharp.Generator.Helpers;
using SpikeSharp.Generator.Model;
using SpikeSharp.Generator.Model.Definitions;

namespace SpikeSharp.Generator.Parsing;

/// <summary>One parse of a [PoissonInput] class.</summary>
internal sealed class ParsedPoisson(PoissonSpec? spec, ImmutableArray<Diagnostic> diagnostics)
{
    public PoissonSpec? Spec { get; } = spec;
    public ImmutableArray<Diagnostic> Diagnostics { get; } = diagnostics;
}

/// <summary>Reads [PoissonInput(Target, Variable, NumInput, Freq, Weight)] (SPK4040–SPK4042).</summary>
internal static class PoissonInputParser
{
    public static ParsedPoisson Parse(INamedTypeSymbol type, CancellationToken ct, string version)
    {
        var sink = new DiagnosticSink();
        var spec = ParseCore(type, sink, ct, version);
        return new ParsedPoisson(spec, sink.Diagnostics.ToImmutableArray());
    }

    static PoissonSpec? ParseCore(INamedTypeSymbol type, DiagnosticSink sink, CancellationToken ct, string version)
    {
        string name = type.Name;
        var typeInfo = ModelParser.ParseTypeDecl(type, "PoissonInput", sink, out _);
        var attr = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == AttributeNames.PoissonInput);
        if (attr is null) return null;
        var args = new AttributeArgs(attr, ct, null);
        if (!args.IsBound) return null;
        bool unreadable = false;

        INamedTypeSymbol? target = null;
        var read = args.NamedType("Target", out var t, out var tLoc);
        if (read == AttributeArgs.Read.Ok && t is INamedTypeSymbol nt && nt.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == AttributeNames.Population)
            && SymbolEqualityComparer.Default.Equals(nt.ContainingAssembly, type.ContainingAssembly))
            target = nt;
        else if (read == AttributeArgs.Read.Invalid) unreadable = true;
        else sink.Report(ProjectionDescriptors.PoissonTargetNotPopulation, tLoc ?? args.AttributeLocation, name, t?.ToDisplayString() ?? "null");

        var vRead = args.NamedString("Variable", out var variable, out var vLoc);
        if (vRead == AttributeArgs.Read.Absent) variable = "V";
        else if (vRead != AttributeArgs.Read.Ok || variable is null) { sink.Report(DiagnosticDescriptors.InvalidArgument, vLoc ?? args.AttributeLocation, name, "Variable", args.Name, "string"); variable = "V"; }
        if (target is not null)
        {
            NeuronDef? def = null;
            foreach (var a in target.GetAttributes())
                if (a.AttributeClass?.ToDisplayString() is { } n && Catalogue.NeuronByMetadataName(n) is { } d) def = d;
            if (def is not null)
            {
                var states = def.States.Select(static s => s.Name).ToArray();
                if (System.Array.IndexOf(states, variable) < 0)
                    sink.Report(ProjectionDescriptors.PoissonUnknownVariable, vLoc ?? args.AttributeLocation, name, variable, target.Name, string.Join(", ", states));
            }
        }

        double numInput = Number(args, "NumInput", 0, ref unreadable, out var nLoc);
        double freq = Number(args, "Freq", 0, ref unreadable, out var fLoc);
        double weight = Number(args, "Weight", 0, ref unreadable, out var wLoc);
        if (!(numInput > 0) || numInput > int.MaxValue || numInput != System.Math.Floor(numInput))
            sink.Report(ProjectionDescriptors.PoissonInvalidParameter, nLoc ?? args.AttributeLocation, name, "NumInput", Literals.Short(numInput), "a positive whole number of sources");
        if (!(freq >= 0) || double.IsInfinity(freq) || freq * 0.1 / 1000 > 1)
            sink.Report(ProjectionDescriptors.PoissonInvalidParameter, fLoc ?? args.AttributeLocation, name, "Freq", Literals.Short(freq), "a rate ≥ 0 Hz with Freq·dt/1000 ≤ 1");
        if (double.IsNaN(weight) || double.IsInfinity(weight) || float.IsInfinity((float)weight))
            sink.Report(ProjectionDescriptors.PoissonInvalidParameter, wLoc ?? args.AttributeLocation, name, "Weight", Literals.Short(weight), "finite");

        if (typeInfo is not null)
        {
            var members = GeneratedMembers.Poisson(type.Name, target is null ? "?" : ModelParser.FullyQualifiedName(target));
            ModelParser.CheckClashes(type, "Poisson input", members, indexed: false, sink, ct);
        }
        if (sink.HasErrors || unreadable || typeInfo is null || target is null) return null;
        return new PoissonSpec(typeInfo, ModelParser.FullyQualifiedName(target), variable, (int)numInput, freq, weight, version);
    }

    static double Number(AttributeArgs args, string property, double fallback, ref bool unreadable, out Location? loc)
    {
        var read = args.Named(property, out double v, out loc);
        if (read is AttributeArgs.Read.Unresolved or AttributeArgs.Read.Invalid) { unreadable = true; return fallback; }
        return read == AttributeArgs.Read.Ok ? v : fallback;
    }
}
