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
    public static ParsedNetwork Parse(INamedTypeSymbol type, CancellationToken ct)
    {
        var sink = new DiagnosticSink();
        var spec = ParseCore(type, sink, ct);
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

    static NetworkSpec? ParseCore(INamedTypeSymbol type, DiagnosticSink sink, CancellationToken ct)
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

        bool userUpdate = type.GetMembers("Update").OfType<IMethodSymbol>().Any(static m =>
            !m.IsStatic && m.Parameters.Length == 1 && m.Parameters[0].Type.SpecialType == SpecialType.System_Single && !ModelParser.IsOwnOutput(m));

        var locOf = fields.GroupBy(static x => x.Field.Name).ToDictionary(static g => g.Key, static g => g.First().Loc, StringComparer.Ordinal);
        bool anyPopulation = false;
        foreach (var m in members)
        {
            if (m.Kind == MemberKind.Population) { anyPopulation = true; continue; }
            if (m.Kind == MemberKind.PoissonGroup) continue;
            var loc = locOf[m.Field];
            string role = m.Kind switch { MemberKind.FullProjection => "Full projection", MemberKind.PoissonInput => "PoissonInput", _ => "Half projection" };
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
            var generated = GeneratedMembers.Network(type.Name, userUpdate);
            ModelParser.CheckClashes(type, "network", generated, indexed: false, sink, ct);
            ModelParser.CheckInheritedClashes(type, "network", generated, indexed: false, sink, ct);
        }
        if (sink.HasErrors || typeInfo is null) return null;
        return new NetworkSpec(typeInfo, members.ToEquatableArray(), userUpdate);
    }

    static string Short(string fq)
    {
        int dot = fq.LastIndexOf('.');
        return dot >= 0 ? fq.Substring(dot + 1) : fq.Replace("global::", "");
    }
}
