using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using SpikeSharp.Generator.Diagnostics;
using SpikeSharp.Generator.Helpers;
using SpikeSharp.Generator.Model;

namespace SpikeSharp.Generator.Parsing;

/// <summary>One parse of a [PoissonGroup] class.</summary>
internal sealed class ParsedPoissonGroup(PoissonGroupSpec? spec, ImmutableArray<Diagnostic> diagnostics)
{
    public PoissonGroupSpec? Spec { get; } = spec;
    public ImmutableArray<Diagnostic> Diagnostics { get; } = diagnostics;
}

/// <summary>Reads [PoissonGroup(size, Freqs = …)] (SPK4090–SPK4092, SPK4094, the type checks every model has and the
/// generated-member clashes). Never throws on user input.</summary>
internal static class PoissonGroupParser
{
    /// <summary>The dt (ms) of the saturation check (SPK4092): the runtime's default, as SPK4006 and SPK4042 use.</summary>
    const double DefaultDt = 0.1;

    /// <summary>Roles a Poisson group cannot share a type with.</summary>
    static readonly string[] OtherRoles =
    {
        AttributeNames.Population, AttributeNames.HalfProjAlignPostMg, AttributeNames.FullProjAlignPostMg, AttributeNames.HalfProjAlignPost,
        AttributeNames.FullProjAlignPost, AttributeNames.HalfProjDelta, AttributeNames.FullProjDelta, AttributeNames.FullProjAlignPreDSMg,
        AttributeNames.FullProjAlignPreSDMg, AttributeNames.VanillaProj, AttributeNames.Network, AttributeNames.PoissonInput,
    };

    public static ParsedPoissonGroup Parse(INamedTypeSymbol type, CancellationToken ct, string version)
    {
        var sink = new DiagnosticSink();
        var spec = ParseCore(type, sink, ct, version);
        return new ParsedPoissonGroup(spec, sink.Diagnostics.ToImmutableArray());
    }

    static PoissonGroupSpec? ParseCore(INamedTypeSymbol type, DiagnosticSink sink, CancellationToken ct, string version)
    {
        string name = type.Name;
        var typeInfo = ModelParser.ParseTypeDecl(type, "PoissonGroup", sink, out _);
        var attr = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == AttributeNames.PoissonGroup);
        if (attr is null) return null;
        var args = new AttributeArgs(attr, ct, null);
        if (!args.IsBound) return null; // the compiler reports the missing size
        bool unreadable = false, twoRoles = false;
        foreach (var other in type.GetAttributes())
        {
            string? n = other.AttributeClass?.ToDisplayString();
            if (n is null || System.Array.IndexOf(OtherRoles, n) < 0) continue;
            var at = other.ApplicationSyntaxReference?.GetSyntax(ct).GetLocation() ?? args.AttributeLocation ?? ModelParser.FirstLocation(type);
            sink.Report(PoissonGroupDescriptors.GroupTwoRoles, at, name, n.Substring("SpikeSharp.".Length, n.Length - "SpikeSharp.".Length - "Attribute".Length));
            twoRoles = true;
        }

        var sizeRead = args.Ctor(0, "size", out double size, out var sizeLoc);
        if (sizeRead is AttributeArgs.Read.Unresolved or AttributeArgs.Read.Invalid) unreadable = true;
        else if (!(size > 0) || size > int.MaxValue || size != System.Math.Floor(size))
            sink.Report(PoissonGroupDescriptors.GroupInvalidSize, sizeLoc ?? args.AttributeLocation, name, Literals.Short(size));

        var freqRead = args.Named("Freqs", out double freqs, out var fLoc);
        if (freqRead == AttributeArgs.Read.Absent) freqs = 0;
        else if (freqRead is AttributeArgs.Read.Unresolved or AttributeArgs.Read.Invalid) { unreadable = true; freqs = 0; }
        else if (!(freqs >= 0) || double.IsInfinity(freqs))
            sink.Report(PoissonGroupDescriptors.GroupInvalidFreqs, fLoc ?? args.AttributeLocation, name, Literals.Short(freqs));
        else if (freqs * DefaultDt / 1000 > 1)
            sink.Report(PoissonGroupDescriptors.GroupSaturates, fLoc ?? args.AttributeLocation, name, Literals.Short(freqs), Literals.Short(freqs * DefaultDt / 1000));

        if (typeInfo is not null)
        {
            var members = GeneratedMembers.PoissonGroup(type.Name);
            ModelParser.CheckClashes(type, "Poisson group", members, indexed: false, sink, ct);
            ModelParser.CheckInheritedClashes(type, "Poisson group", members, indexed: false, sink, ct);
        }
        if (sink.HasErrors || unreadable || twoRoles || typeInfo is null) return null;
        return new PoissonGroupSpec(typeInfo, (int)size, freqs, version);
    }
}
