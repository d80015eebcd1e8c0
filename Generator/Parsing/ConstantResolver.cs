using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SpikeSharp.Generator.Diagnostics;

namespace SpikeSharp.Generator.Parsing;

/// <summary>
/// Attribute arguments that name constants SpikeSharp generates (<c>[Population(N.Size)]</c>,
/// <c>[InitConstant("V", N.VRest)]</c>, <c>[EventJitFPHomoLinear(E.Size, I.Size)]</c>). The generator runs before
/// those constants exist, so the compiler cannot give their value. The parse reads such an argument here instead: a bare <c>T.Member</c> (or a simple name bound in a containing
/// model type) is resolved from <c>T</c>'s own attributes, recursively, with cycles detected; a generated constant
/// inside an expression, or reached through a user constant, is SPK0027 at the argument (never a silent skip).
/// </summary>
internal sealed class ConstantResolver
{
    public enum Target { Int, Long, Double, String }

    public enum Outcome
    {
        /// <summary>The argument does not depend on a generated constant: read it as the compiler gives it.</summary>
        NotGenerated,
        Resolved,
        /// <summary>Resolved, but the member's type does not convert to the parameter's (the compiler reports it).</summary>
        Mismatch,
        /// <summary>SPK0027 was reported (or, for a nested read, the failure is in <see cref="Failure"/>).</summary>
        Failed,
    }

    enum Kind { Int, Float, Double, ULong, String }

    /// <summary>Size, and every stored parameter of every neuron definition (a name's kind is only used to tell ints
    /// apart; the rounding follows the owner's own definition).</summary>
    static readonly Dictionary<string, Kind> PopulationConstants = BuildPopulationConstants();

    static Dictionary<string, Kind> BuildPopulationConstants()
    {
        var d = new Dictionary<string, Kind>(StringComparer.Ordinal) { ["Size"] = Kind.Int };
        foreach (var def in Model.Definitions.Catalogue.AllNeurons)
            foreach (var p in def.Params)
                if (p.Storage != Model.Definitions.Storage.None && !d.ContainsKey(p.Name))
                    d[p.Name] = p.Storage == Model.Definitions.Storage.Float ? Kind.Float : Kind.Double;
        return d;
    }

    static readonly Dictionary<string, Kind> ProjectionConstants = new(StringComparer.Ordinal)
    {
        ["NumIn"] = Kind.Int, ["NumOut"] = Kind.Int, ["Prob"] = Kind.Double, ["Weight"] = Kind.Float,
        ["DefaultSeed"] = Kind.ULong, ["MergeKey"] = Kind.String,
    };

    const int MaxDepth = 32;

    readonly Compilation _compilation;
    readonly DiagnosticSink? _sink;
    readonly string _owner;
    readonly CancellationToken _ct;
    readonly HashSet<string> _inProgress;
    readonly HashSet<(SyntaxTree, int)> _reported = new();

    /// <summary>Why the last nested resolution failed (for the message of the top-level one).</summary>
    public string? Failure { get; private set; }

    public ConstantResolver(Compilation compilation, DiagnosticSink? sink, string owner, CancellationToken ct)
        : this(compilation, sink, owner, ct, new HashSet<string>(StringComparer.Ordinal)) { }

    ConstantResolver(Compilation compilation, DiagnosticSink? sink, string owner, CancellationToken ct, HashSet<string> inProgress)
    {
        _compilation = compilation;
        _sink = sink;
        _owner = owner;
        _ct = ct;
        _inProgress = inProgress;
    }

    /// <summary>A resolver for reading another type's attributes: it reports nothing and shares the cycle guard.</summary>
    ConstantResolver Nested() => new(_compilation, null, _owner, _ct, _inProgress);

    /// <summary>Reads argument <paramref name="argument"/> (parameter <paramref name="parameter"/> of
    /// <paramref name="attribute"/>) if it depends on a generated constant.</summary>
    public Outcome Resolve(AttributeArgumentSyntax argument, Target target, string attribute, string parameter, out double value)
    {
        value = double.NaN;
        var expr = argument.Expression;
        if (!HasNames(expr)) return Outcome.NotGenerated; // literals: the common case, no semantic model needed
        var model = ModelOf(expr.SyntaxTree);
        if (model is null) return Outcome.NotGenerated;

        var bare = Strip(expr);
        var direct = Classify(bare, model);
        string? reason;
        string member;
        if (direct is { } d)
        {
            member = d.Owner.Name + "." + d.Member;
            if (target == Target.String || d.Kind == Kind.String)
                reason = "which SpikeSharp does not resolve in a string argument; write the text itself";
            else
            {
                var outcome = ReadMember(d.Owner, d.Member, d.Kind, out value, out reason);
                if (outcome == Outcome.Resolved) return Convertible(d.Kind, target) ? Outcome.Resolved : Outcome.Mismatch;
            }
        }
        else
        {
            var via = DependsOnGenerated(expr, model, new HashSet<ISymbol>(SymbolEqualityComparer.Default), 0);
            if (via is null) return Outcome.NotGenerated;
            member = via.Value.Member;
            reason = via.Value.Through is null
                ? $"inside an expression; SpikeSharp resolves a generated constant only when it is the whole argument: write '{member}' alone, or the value"
                : $"through the constant '{via.Value.Through}'; SpikeSharp resolves a generated constant only when it is the whole argument: write '{member}' itself, or the value";
        }

        Failure = reason;
        if (_sink is not null && _reported.Add((argument.SyntaxTree, argument.SpanStart)))
            _sink.Report(DiagnosticDescriptors.UnresolvedGeneratedConstant, argument.GetLocation(), _owner, parameter, attribute, member, reason);
        return Outcome.Failed;
    }

    /// <summary>Whether some argument of <paramref name="attribute"/> depends on a generated constant: before generation
    /// the compiler then binds no constructor, and the other arguments are read from their syntax instead.</summary>
    public bool MentionsGenerated(AttributeSyntax attribute)
    {
        if (attribute.ArgumentList is not { } list) return false;
        foreach (var a in list.Arguments)
        {
            if (!HasNames(a.Expression) || ModelOf(a.SyntaxTree) is not { } model) continue;
            if (Classify(Strip(a.Expression), model) is not null
                || DependsOnGenerated(a.Expression, model, new HashSet<ISymbol>(SymbolEqualityComparer.Default), 0) is not null) return true;
        }
        return false;
    }

    /// <summary>The compile-time constant of an argument's expression, as the compiler folds it (for an attribute the
    /// compiler did not bind).</summary>
    public bool TryConstant(AttributeArgumentSyntax argument, out object? value)
    {
        value = null;
        if (ModelOf(argument.SyntaxTree) is not { } model) return false;
        var c = model.GetConstantValue(argument.Expression, _ct);
        if (!c.HasValue) return false;
        value = c.Value;
        return true;
    }

    /// <summary>The type in a <c>typeof(T)</c> argument (for an attribute the compiler did not bind); null otherwise.</summary>
    public ITypeSymbol? TypeOfArgument(AttributeArgumentSyntax argument) =>
        Strip(argument.Expression) is TypeOfExpressionSyntax t && ModelOf(argument.SyntaxTree) is { } model
            ? model.GetTypeInfo(t.Type, _ct).Type : null;

    static bool HasNames(ExpressionSyntax expr)
    {
        foreach (var n in expr.DescendantNodesAndSelf())
            if (n is IdentifierNameSyntax) return true;
        return false;
    }

    static ExpressionSyntax Strip(ExpressionSyntax e)
    {
        while (e is ParenthesizedExpressionSyntax p) e = p.Expression;
        return e;
    }

    SemanticModel? ModelOf(SyntaxTree tree)
    {
        if (!_compilation.ContainsSyntaxTree(tree)) return null;
#pragma warning disable RS1030 // The argument may sit on another partial declaration, or a constant in another file: its tree's model is needed.
        return _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
    }

    static bool Convertible(Kind from, Target to) => to switch
    {
        Target.Int => from == Kind.Int,
        Target.Long => from == Kind.Int,
        Target.Double => from != Kind.String,
        _ => false,
    };

    readonly record struct Reference(INamedTypeSymbol Owner, string Member, Kind Kind);

    /// <summary>Whether <paramref name="e"/> is a name of a generated constant: <c>T.Member</c> or a simple name bound
    /// (or, before generation, unbound) in a containing model type. A user member of that name is the user's.</summary>
    Reference? Classify(ExpressionSyntax e, SemanticModel model)
    {
        string name;
        INamedTypeSymbol? owner = null;
        ISymbol? bound;
        if (e is MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression, Name: IdentifierNameSyntax id } ma)
        {
            name = id.Identifier.ValueText;
            if (!IsConstantName(name)) return null;
            bound = model.GetSymbolInfo(ma, _ct).Symbol;
            if (bound is null) owner = model.GetSymbolInfo(ma.Expression, _ct).Symbol as INamedTypeSymbol;
        }
        else if (e is IdentifierNameSyntax simple)
        {
            name = simple.Identifier.ValueText;
            if (!IsConstantName(name)) return null;
            bound = model.GetSymbolInfo(simple, _ct).Symbol;
            if (bound is null)
            {
                // Unbound before generation: the nearest enclosing model type (an attribute does not see its own target's members).
                foreach (var td in e.Ancestors())
                {
                    if (td is not TypeDeclarationSyntax t) continue;
                    if (InAttributeOf(e, t)) continue;
                    if (model.GetDeclaredSymbol(t, _ct) is INamedTypeSymbol candidate && KindOf(candidate, name) is not null) { owner = candidate; break; }
                }
            }
        }
        else return null;

        if (bound is not null)
        {
            if (!ModelParser.IsOwnOutput(bound)) return null;
            owner = bound.ContainingType;
        }
        if (owner is null || KindOf(owner, name) is not { } kind) return null;
        return new Reference(owner, name, kind);
    }

    static bool InAttributeOf(SyntaxNode node, TypeDeclarationSyntax type)
    {
        foreach (var list in type.AttributeLists)
            if (list.Span.Contains(node.Span)) return true;
        return false;
    }

    static bool IsConstantName(string name) => PopulationConstants.ContainsKey(name) || ProjectionConstants.ContainsKey(name);

    /// <summary>The kind of generated constant <paramref name="name"/> on <paramref name="type"/>, or null when that type
    /// does not get one (not a model of that role).</summary>
    static Kind? KindOf(INamedTypeSymbol type, string name)
    {
        bool population = false, projection = false;
        foreach (var a in type.GetAttributes())
        {
            switch (a.AttributeClass?.ToDisplayString())
            {
                case AttributeNames.Population: population = true; break;
                case AttributeNames.HalfProjAlignPostMg: projection = true; break;
                case AttributeNames.FullProjAlignPostMg: projection = true; break;
                case AttributeNames.HalfProjAlignPost: projection = true; break;
                case AttributeNames.FullProjAlignPost: projection = true; break;
                case AttributeNames.HalfProjDelta: projection = true; break;
                case AttributeNames.FullProjDelta: projection = true; break;
            }
        }
        if (population && PopulationConstants.TryGetValue(name, out var k)) return k;
        if (projection && ProjectionConstants.TryGetValue(name, out k)) return k;
        return null;
    }

    /// <summary>The first generated constant <paramref name="e"/> depends on, directly inside an expression or through
    /// user constants (followed to their initializers); null when none.</summary>
    (string Member, string? Through)? DependsOnGenerated(ExpressionSyntax e, SemanticModel model, HashSet<ISymbol> visited, int depth)
    {
        if (depth > MaxDepth) return null;
        foreach (var node in e.DescendantNodesAndSelf())
        {
            _ct.ThrowIfCancellationRequested();
            if (node is not (IdentifierNameSyntax or MemberAccessExpressionSyntax)) continue;
            if (node is IdentifierNameSyntax && node.Parent is MemberAccessExpressionSyntax parent && parent.Name == node) continue;
            var expr = (ExpressionSyntax)node;
            if (Classify(expr, model) is { } r) return (r.Owner.Name + "." + r.Member, null);
            if (model.GetSymbolInfo(expr, _ct).Symbol is not IFieldSymbol { IsConst: true } field || ModelParser.IsOwnOutput(field) || !visited.Add(field)) continue;
            foreach (var reference in field.DeclaringSyntaxReferences)
            {
                var value = reference.GetSyntax(_ct) switch
                {
                    VariableDeclaratorSyntax v => v.Initializer?.Value,
                    EnumMemberDeclarationSyntax m => m.EqualsValue?.Value,
                    _ => null,
                };
                if (value is null || ModelOf(reference.SyntaxTree) is not { } m2) continue;
                if (DependsOnGenerated(value, m2, visited, depth + 1) is { } found) return (found.Member, found.Through ?? field.Name);
            }
        }
        return null;
    }

    /// <summary>The value SpikeSharp emits for <paramref name="owner"/>.<paramref name="member"/>, from the owner's attributes.</summary>
    Outcome ReadMember(INamedTypeSymbol owner, string member, Kind kind, out double value, out string? reason)
    {
        value = double.NaN;
        reason = null;
        string key = ModelParser.FullyQualifiedName(owner) + "." + member;
        if (_inProgress.Count >= MaxDepth) { reason = "which depends on too long a chain of generated constants"; return Outcome.Failed; }
        if (!_inProgress.Add(key)) { reason = "which depends on itself (a cycle through generated constants)"; return Outcome.Failed; }
        try
        {
            var nested = Nested();
            AttributeData? population = null, neuron = null, comm = null;
            Model.Definitions.NeuronDef? neuronDef = null;
            int neurons = 0;
            foreach (var a in owner.GetAttributes())
            {
                string? n = a.AttributeClass?.ToDisplayString();
                switch (n)
                {
                    case AttributeNames.Population: population ??= a; break;
                    case AttributeNames.EventJitFPHomoLinear: comm ??= a; break;
                    default:
                        if (n is not null && Model.Definitions.Catalogue.NeuronByMetadataName(n) is { } nd)
                        {
                            neuron ??= a;
                            neuronDef ??= nd;
                            neurons++;
                        }
                        break;
                }
            }
            AttributeArgs.Read read;
            double v;
            switch (member)
            {
                case "Size" when population is not null:
                    read = new AttributeArgs(population, _ct, nested).Ctor(0, "size", out v, out _);
                    break;
                case not "Size" when neuron is not null && neuronDef is not null && neurons == 1 && PopulationConstants.ContainsKey(member):
                {
                    Model.Definitions.ParamDef? param = null;
                    foreach (var p in neuronDef.Params)
                        if (p.Name == member && p.Storage != Model.Definitions.Storage.None) param = p;
                    if (param is null) { reason = $"but '{owner.Name}' is a [{neuronDef.Attribute}] population, which has no {member}"; return Outcome.Failed; }
                    read = new AttributeArgs(neuron, _ct, nested).Named(member, out v, out _);
                    if (read == AttributeArgs.Read.Absent)
                    {
                        read = AttributeArgs.Read.Ok;
                        v = param.Default;
                    }
                    kind = param.Storage == Model.Definitions.Storage.Float ? Kind.Float : Kind.Double;
                    break;
                }
                case "NumIn" or "NumOut" when comm is not null:
                    read = new AttributeArgs(comm, _ct, nested).Ctor(member == "NumIn" ? 0 : 1, member == "NumIn" ? "numIn" : "numOut", out v, out _);
                    break;
                case "Prob" or "Weight" when comm is not null:
                    read = new AttributeArgs(comm, _ct, nested).Named(member, out v, out _);
                    if (read == AttributeArgs.Read.Absent)
                    {
                        read = AttributeArgs.Read.Ok;
                        v = 0;
                        foreach (var p in Model.Definitions.Comms.EventJitFPHomoLinear.Params) if (p.Name == member) v = p.Default;
                    }
                    break;
                case "DefaultSeed" when comm is not null:
                {
                    read = new AttributeArgs(comm, _ct, nested).NamedLong("Seed", out long seed, out _);
                    if (read == AttributeArgs.Read.Absent) { read = AttributeArgs.Read.Ok; seed = (long)Model.Definitions.Comms.EventJitFPHomoLinear.Params[2].Default; }
                    v = unchecked((ulong)seed);
                    break;
                }
                default:
                    reason = $"but the attributes of '{owner.Name}' do not define it (a neuron model or comm is missing)";
                    return Outcome.Failed;
            }
            if (read != AttributeArgs.Read.Ok)
            {
                reason = nested.Failure ?? $"but its value in the attributes of '{owner.Name}' is not a readable constant";
                return Outcome.Failed;
            }
            if (kind == Kind.Int && (v != Math.Floor(v) || v < int.MinValue || v > int.MaxValue))
            {
                reason = $"but its value in the attributes of '{owner.Name}' is not an int";
                return Outcome.Failed;
            }
            value = kind == Kind.Float ? (float)v : v; // emitted as a float constant: the compiler reads it rounded
            return Outcome.Resolved;
        }
        finally
        {
            _inProgress.Remove(key);
        }
    }
}
