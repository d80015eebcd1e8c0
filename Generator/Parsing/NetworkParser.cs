using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SpikeSharp.Generator.Diagnostics;
using SpikeSharp.Generator.Helpers;
using SpikeSharp.Generator.Model;
using static SpikeSharp.Generator.Parsing.AttributeArgs;

namespace SpikeSharp.Generator.Parsing;

/// <summary>One parse of a [Network] class: the spec (null when invalid) and its diagnostics, apart.</summary>
internal sealed class ParsedNetwork(NetworkSpec? spec, ImmutableArray<Diagnostic> diagnostics)
{
    public NetworkSpec? Spec { get; } = spec;
    public ImmutableArray<Diagnostic> Diagnostics { get; } = diagnostics;
}

/// <summary>
/// Reads a [Network] partial class: every instance field whose type is a population or projection is a member, in
/// declaration order (file path, then position). SPK4020–SPK4025, SPK4007 and the type checks every model has.
/// Never throws on user input.
/// </summary>
internal static class NetworkParser
{
    public static ParsedNetwork Parse(INamedTypeSymbol type, CancellationToken ct, Compilation? compilation = null)
    {
        var sink = new DiagnosticSink();
        var spec = ParseCore(type, sink, ct, compilation);
        return new ParsedNetwork(spec, sink.Diagnostics.ToImmutableArray());
    }

    static MemberKind? RoleOf(INamedTypeSymbol t, out AttributeData? role)
    {
        role = null;
        MemberKind? kind = null;
        foreach (var a in t.GetAttributes())
        {
            switch (a.AttributeClass?.ToDisplayString())
            {
                case AttributeNames.Population: kind ??= MemberKind.Population; break;
                case AttributeNames.HalfProjAlignPostMg: if (kind is null) { kind = MemberKind.HalfProjection; role = a; } break;
                case AttributeNames.FullProjAlignPostMg: if (kind is null) { kind = MemberKind.FullProjection; role = a; } break;
                case AttributeNames.HalfProjAlignPost: if (kind is null) { kind = MemberKind.HalfProjection; role = a; } break;
                case AttributeNames.FullProjAlignPost: if (kind is null) { kind = MemberKind.FullProjection; role = a; } break;
                case AttributeNames.HalfProjDelta: if (kind is null) { kind = MemberKind.HalfProjection; role = a; } break;
                case AttributeNames.FullProjDelta: if (kind is null) { kind = MemberKind.FullProjection; role = a; } break;
                case AttributeNames.FullProjAlignPreDSMg: if (kind is null) { kind = MemberKind.FullProjection; role = a; } break;
                case AttributeNames.FullProjAlignPreSDMg: if (kind is null) { kind = MemberKind.FullProjection; role = a; } break;
                case AttributeNames.PoissonInput: if (kind is null) { kind = MemberKind.PoissonInput; role = a; } break;
                case AttributeNames.PoissonGroup: kind ??= MemberKind.PoissonGroup; break;
                case AttributeNames.VanillaProj: if (kind is null) { kind = MemberKind.Vanilla; role = a; } break;
            }
        }
        return kind;
    }

    static INamedTypeSymbol? TypeArg(AttributeData? a, string name)
    {
        if (a is null) return null;
        foreach (var kv in a.NamedArguments)
            if (kv.Key == name && kv.Value.Kind == TypedConstantKind.Type && kv.Value.Value is INamedTypeSymbol t && t.TypeKind != TypeKind.Error) return t;
        return null;
    }

    static NetworkSpec? ParseCore(INamedTypeSymbol type, DiagnosticSink sink, CancellationToken ct, Compilation? compilation)
    {
        string name = type.Name;
        var typeInfo = ModelParser.ParseTypeDecl(type, "Network", sink, out _);
        foreach (var a in type.GetAttributes())
        {
            string? n = a.AttributeClass?.ToDisplayString();
            if (n is AttributeNames.Population or AttributeNames.HalfProjAlignPostMg or AttributeNames.FullProjAlignPostMg)
            {
                var at = a.ApplicationSyntaxReference?.GetSyntax(ct).GetLocation() ?? ModelParser.FirstLocation(type);
                sink.Report(ProjectionDescriptors.TwoRoles, at, name, n.Substring("SpikeSharp.".Length, n.Length - "SpikeSharp.".Length - "Attribute".Length), "Network");
            }
        }

        var fields = new List<(IFieldSymbol Field, INamedTypeSymbol FieldType, MemberKind Kind, AttributeData? Role, Location Loc)>();
        foreach (var m in type.GetMembers())
        {
            ct.ThrowIfCancellationRequested();
            if (m is not IFieldSymbol { IsImplicitlyDeclared: false, IsConst: false } f || ModelParser.IsOwnOutput(f)) continue;
            if (f.Type is not INamedTypeSymbol ft || RoleOf(ft, out var role) is not { } kind) continue;
            fields.Add((f, ft, kind, role, f.Locations.FirstOrDefault() ?? Location.None));
        }
        fields.Sort(static (a, b) =>
        {
            int c = string.CompareOrdinal(a.Loc.SourceTree?.FilePath ?? "", b.Loc.SourceTree?.FilePath ?? "");
            return c != 0 ? c : a.Loc.SourceSpan.Start.CompareTo(b.Loc.SourceSpan.Start);
        });

        var members = new List<NetworkMember>();
        var byType = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (f, ft, kind, role, loc) in fields)
        {
            if (f.IsStatic) { sink.Report(ProjectionDescriptors.StaticMember, loc, name, f.Name); continue; }
            foreach (var r in f.DeclaringSyntaxReferences)
                if (r.GetSyntax(ct) is VariableDeclaratorSyntax { Initializer: not null })
                    sink.Report(ProjectionDescriptors.MemberInitialized, loc, name, f.Name);
            string fq = ModelParser.FullyQualifiedName(ft);
            if (byType.TryGetValue(fq, out var first))
            {
                sink.Report(ProjectionDescriptors.DuplicateMember, loc, name, first, f.Name, ft.Name);
                continue;
            }
            byType.Add(fq, f.Name);
            var pre = kind == MemberKind.FullProjection ? TypeArg(role, "Pre") : null;
            var post = kind is MemberKind.Population or MemberKind.PoissonGroup ? null : TypeArg(role, kind == MemberKind.PoissonInput ? "Target" : "Post");
            members.Add(new NetworkMember(f.Name, fq, kind, pre is null ? null : ModelParser.FullyQualifiedName(pre), post is null ? null : ModelParser.FullyQualifiedName(post)));
        }
        CheckVanillaInputs(type, name, fields.Select(static x => (x.Field, x.FieldType, x.Kind)).ToList(), members, sink, ct, compilation);

        bool userUpdate = type.GetMembers("Update").OfType<IMethodSymbol>().Any(static m =>
            !m.IsStatic && m.Parameters.Length == 1 && m.Parameters[0].Type.SpecialType == SpecialType.System_Single && !ModelParser.IsOwnOutput(m));

        var locOf = fields.GroupBy(static x => x.Field.Name).ToDictionary(static g => g.Key, static g => g.First().Loc, StringComparer.Ordinal);
        bool anyPopulation = false;
        foreach (var m in members)
        {
            if (m.Kind == MemberKind.Population) { anyPopulation = true; continue; }
            if (m.Kind == MemberKind.PoissonGroup) continue;
            var loc = locOf[m.Field];
            string role = m.Kind switch { MemberKind.FullProjection => "Full projection", MemberKind.PoissonInput => "PoissonInput", MemberKind.Vanilla => "VanillaProj", _ => "Half projection" };
            // A Poisson group is a source: a Full projection's pre (as Post the projection reports SPK4093, not this).
            if (m.Pre is not null && !members.Any(p => p.Kind is MemberKind.Population or MemberKind.PoissonGroup && p.Type == m.Pre))
                sink.Report(ProjectionDescriptors.MemberNotInNetwork, loc, name, m.Field, role, "pre", Short(m.Pre));
            if (m.Post is not null && !members.Any(p => p.Kind is MemberKind.Population or MemberKind.PoissonGroup && p.Type == m.Post))
                sink.Report(ProjectionDescriptors.MemberNotInNetwork, loc, name, m.Field, role, m.Kind == MemberKind.PoissonInput ? "target" : "post", Short(m.Post));
            if (m.Kind == MemberKind.HalfProjection && !userUpdate)
                sink.Report(ProjectionDescriptors.HalfProjectionNotFed, loc, name, m.Field);
        }
        if (!anyPopulation) sink.Report(ProjectionDescriptors.NoPopulation, ModelParser.FirstLocation(type), name);

        if (typeInfo is not null)
        {
            var generated = GeneratedMembers.Network(type.Name, userUpdate, members.Any(static m => m.Kind == MemberKind.Vanilla && m.InputMember is null));
            ModelParser.CheckClashes(type, "network", generated, indexed: false, sink, ct, GeneratedMembers.NetworkPrefixedMember);
            ModelParser.CheckInheritedClashes(type, "network", generated, indexed: false, sink, ct, GeneratedMembers.NetworkPrefixedMember);
        }
        if (sink.HasErrors || typeInfo is null) return null;
        return new NetworkSpec(typeInfo, members.ToEquatableArray(), userUpdate);
    }

    /// <summary>Reads each VanillaProj member's <c>[VanillaInput]</c> into its <see cref="NetworkMember"/> and checks it:
    /// SPK4130 a source that is not a population or Poisson group member, SPK4131 a source whose size is not the comm's
    /// numIn, SPK4132 a state the population's model does not have, SPK4133 the attribute on a field that is not a
    /// VanillaProj member. Each at the argument (the attribute when the argument cannot be read).</summary>
    static void CheckVanillaInputs(INamedTypeSymbol type, string name, List<(IFieldSymbol Field, INamedTypeSymbol FieldType, MemberKind Kind)> fields,
        List<NetworkMember> members, DiagnosticSink sink, CancellationToken ct, Compilation? compilation)
    {
        var sources = fields.Where(static x => x.Kind is MemberKind.Population or MemberKind.PoissonGroup).GroupBy(static x => x.Field.Name)
            .ToDictionary(static g => g.Key, static g => g.First(), StringComparer.Ordinal);
        string sourceList = sources.Count == 0 ? "none" : string.Join(", ", sources.Keys);
        foreach (var m in type.GetMembers())
        {
            ct.ThrowIfCancellationRequested();
            if (m is not IFieldSymbol { IsImplicitlyDeclared: false } f || ModelParser.IsOwnOutput(f)) continue;
            foreach (var a in f.GetAttributes())
            {
                if (a.AttributeClass?.ToDisplayString() != AttributeNames.VanillaInput) continue;
                var args = new AttributeArgs(a, ct, compilation is null ? null : new ConstantResolver(compilation, null, name, ct));
                var at = args.AttributeLocation ?? f.Locations.FirstOrDefault() ?? Location.None;
                int index = members.FindIndex(x => x.Field == f.Name && x.Kind == MemberKind.Vanilla);
                if (index < 0 || f.IsStatic)
                {
                    sink.Report(VanillaDescriptors.InputNotOnVanilla, at, name, f.Name);
                    continue;
                }
                var read = args.CtorString(0, "member", out string? source, out var sourceLoc);
                if (read != Read.Ok || string.IsNullOrEmpty(source) || !sources.TryGetValue(source!, out var src))
                {
                    if (read == Read.Ok || read == Read.Null)
                        sink.Report(VanillaDescriptors.UnknownInput, sourceLoc ?? at, name, f.Name, source ?? "null", sourceList);
                    continue; // unreadable: the compiler reports the argument
                }
                var stateRead = args.NamedString("State", out string? state, out var stateLoc);
                if (stateRead == Read.Ok && state is not null)
                {
                    if (src.Kind == MemberKind.PoissonGroup)
                    {
                        sink.Report(VanillaDescriptors.UnknownState, stateLoc ?? at, name, f.Name, state, source!, "is a Poisson group: it has only its spikes (remove State)");
                        continue;
                    }
                    var states = StatesOf(src.FieldType, compilation, ct);
                    if (states is not null && !states.Contains(state))
                    {
                        sink.Report(VanillaDescriptors.UnknownState, stateLoc ?? at, name, f.Name, state, source!,
                            "has no such state (its model's states: " + (states.Count == 0 ? "none" : string.Join(", ", states)) + ")");
                        continue;
                    }
                }
                int? size = SizeArg(src.FieldType, compilation, ct, "size", AttributeNames.Population, AttributeNames.PoissonGroup);
                int? numIn = SizeArg(f.Type as INamedTypeSymbol, compilation, ct, "numIn", CommAttributes);
                if (size is { } n && numIn is { } k && n != k)
                    sink.Report(VanillaDescriptors.InputSizeMismatch, sourceLoc ?? at, name, f.Name, Literals.Int(k), source!, state is null ? "spikes" : state, Literals.Int(n));
                members[index] = members[index] with { InputMember = source, InputState = stateRead == Read.Ok ? state : null };
            }
        }
    }

    static readonly string[] CommAttributes =
    {
        AttributeNames.CSRLinear, AttributeNames.JitFPHomoLinear, AttributeNames.JitFPUniformLinear, AttributeNames.JitFPNormalLinear,
        AttributeNames.AllToAll, AttributeNames.OneToOne, AttributeNames.EventCSRLinear, AttributeNames.EventJitFPHomoLinear,
        AttributeNames.EventJitFPUniformLinear, AttributeNames.EventJitFPNormalLinear,
    };

    /// <summary>The first constructor argument (size, numIn) of the first of <paramref name="attributes"/> on the type, when it reads as a whole number.</summary>
    static int? SizeArg(INamedTypeSymbol? t, Compilation? compilation, CancellationToken ct, string parameter, params string[] attributes)
    {
        if (t is null) return null;
        foreach (var a in t.GetAttributes())
        {
            if (a.AttributeClass?.ToDisplayString() is not { } n || Array.IndexOf(attributes, n) < 0) continue;
            var args = new AttributeArgs(a, ct, compilation is null ? null : new ConstantResolver(compilation, null, t.Name, ct));
            if (args.Ctor(0, parameter, out double v, out _) == Read.Ok && v >= 0 && v <= int.MaxValue && v == Math.Floor(v)) return (int)v;
            return null;
        }
        return null;
    }

    /// <summary>The state names of a population's neuron model (a built-in one, or a user's [NeuronModel] read here);
    /// null when the model cannot be read (its own parse reports it).</summary>
    static List<string>? StatesOf(INamedTypeSymbol population, Compilation? compilation, CancellationToken ct)
    {
        foreach (var a in population.GetAttributes())
        {
            if (a.AttributeClass is not { } cls) continue;
            var def = Model.Definitions.Catalogue.NeuronByMetadataName(cls.ToDisplayString());
            if (def is null && compilation is not null && UserModelParser.DerivesFromCustomNeuron(cls) && UserModelParser.HasMarker(cls) && cls.DeclaringSyntaxReferences.Length > 0)
            {
                def = UserModelParser.Parse(cls, compilation, new DiagnosticSink(), ct);
                if (def is null) return null;
            }
            if (def is not null) return def.States.Select(static st => st.Name).ToList();
        }
        return null;
    }

    static string Short(string fq)
    {
        int dot = fq.LastIndexOf('.');
        return dot >= 0 ? fq.Substring(dot + 1) : fq.Replace("global::", "");
    }
}
