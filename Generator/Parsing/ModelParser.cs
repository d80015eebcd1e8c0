using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SpikeSharp.Generator.Diagnostics;
using SpikeSharp.Generator.Helpers;
using SpikeSharp.Generator.Model;
using static SpikeSharp.Generator.Parsing.AttributeArgs;

namespace SpikeSharp.Generator.Parsing;

/// <summary>
/// Symbols → specs. The only place that reads Roslyn symbols. Shared by the generator (which drops a type whose
/// parse reported an error) and the analyzer (which reports the diagnostics). Never throws on user input.
/// </summary>
internal static class ModelParser
{
    /// <summary>Parses a [Population] class; returns null (with diagnostics in <paramref name="sink"/>) when invalid.</summary>
    public static PopulationSpec? ParsePopulation(INamedTypeSymbol type, DiagnosticSink sink, CancellationToken ct)
    {
        var typeInfo = ParseTypeDecl(type, "Population", sink);
        string name = type.Name;
        int size = 0;
        NeuronSpec? neuron = null;
        var inits = new List<InitSpec>();
        var initArgs = new List<(InitSpec Spec, Location? Location)>();

        foreach (var attr in type.GetAttributes())
        {
            ct.ThrowIfCancellationRequested();
            string? attrName = attr.AttributeClass?.ToDisplayString();
            if (attrName is null) continue;
            var args = new AttributeArgs(attr, ct);
            switch (attrName)
            {
                case AttributeNames.Population:
                    size = ReadSize(args, 0, "size", name, sink);
                    break;
                case AttributeNames.LifRef:
                case AttributeNames.Lif:
                {
                    bool isRef = attrName == AttributeNames.LifRef;
                    double vRest = Named(args, "VRest", 0, name, sink);
                    double vReset = Named(args, "VReset", -5, name, sink);
                    double vTh = Named(args, "VTh", 20, name, sink);
                    double r = Named(args, "R", 1, name, sink);
                    double tau = TimeConstant(args, "Tau", 10, name, sink);
                    double tauRef = isRef ? Named(args, "TauRef", 0, name, sink) : 0;
                    neuron = new NeuronSpec(isRef ? NeuronKind.LifRef : NeuronKind.Lif, vRest, vReset, vTh, r, tau, tauRef);
                    break;
                }
                case AttributeNames.InitNormal:
                case AttributeNames.InitUniform:
                case AttributeNames.InitConstant:
                {
                    var read = args.CtorString(0, "variable", out string? variable, out var loc);
                    if (read != Read.Ok || variable is null)
                    {
                        if (read == Read.Invalid) sink.Report(DiagnosticDescriptors.InvalidArgument, loc ?? args.AttributeLocation, name, "variable", args.Name, "string");
                        break;
                    }
                    InitSpec spec = attrName switch
                    {
                        AttributeNames.InitNormal => new InitSpec(variable, InitKind.Normal, Named(args, "Mean", 0, name, sink), Named(args, "Std", 1, name, sink)),
                        AttributeNames.InitUniform => new InitSpec(variable, InitKind.Uniform, Named(args, "Min", 0, name, sink), Named(args, "Max", 1, name, sink)),
                        _ => new InitSpec(variable, InitKind.Constant, CtorValue(args, 1, "value", name, sink), 0),
                    };
                    initArgs.Add((spec, loc));
                    break;
                }
            }
        }

        if (neuron is null)
            sink.Report(DiagnosticDescriptors.MissingNeuronModel, FirstLocation(type), name);

        foreach (var (spec, loc) in initArgs)
        {
            if (Array.IndexOf(NeuronSpec.InitializableVariables, spec.Variable) < 0)
            {
                sink.Report(DiagnosticDescriptors.UnknownStateVariable, loc, name, spec.Variable,
                    Suggest(spec.Variable, NeuronSpec.InitializableVariables), string.Join(", ", NeuronSpec.InitializableVariables));
                continue;
            }
            inits.Add(spec);
        }

        if (sink.HasErrors || typeInfo is null || neuron is null) return null;
        return new PopulationSpec(typeInfo, size, neuron, inits.ToEquatableArray());
    }

    /// <summary>Parses a [HalfProjAlignPostMg] class. With <paramref name="checkPost"/> the post type's attributes are
    /// read too (analyzer); the generator checks the post in lowering instead, from the populations it parsed.</summary>
    public static ProjectionSpec? ParseProjection(INamedTypeSymbol type, DiagnosticSink sink, bool checkPost, CancellationToken ct)
    {
        var typeInfo = ParseTypeDecl(type, "HalfProjAlignPostMg", sink);
        string name = type.Name;
        INamedTypeSymbol? post = null;
        Location? postLoc = null, numOutLoc = null;
        string? outLabel = null;
        bool postGiven = false, postInvalid = false;
        CommSpec? comm = null;
        SynSpec? syn = null;
        OutSpec? output = null;
        Location? projLoc = null;

        foreach (var attr in type.GetAttributes())
        {
            ct.ThrowIfCancellationRequested();
            string? attrName = attr.AttributeClass?.ToDisplayString();
            if (attrName is null) continue;
            var args = new AttributeArgs(attr, ct);
            switch (attrName)
            {
                case AttributeNames.HalfProjAlignPostMg:
                {
                    projLoc = args.AttributeLocation;
                    var read = args.NamedType("Post", out post, out postLoc);
                    postGiven = read != Read.Absent;
                    postInvalid = read == Read.Invalid; // e.g. typeof(Unknown): the compiler reports it
                    args.NamedString("OutLabel", out outLabel, out _);
                    break;
                }
                case AttributeNames.EventJitFPHomoLinear:
                {
                    int numIn = ReadSize(args, 0, "numIn", name, sink);
                    int numOut = ReadSize(args, 1, "numOut", name, sink);
                    args.Ctor(1, "numOut", out _, out numOutLoc);
                    double prob = Named(args, "Prob", double.NaN, name, sink, out var probLoc);
                    if (!(prob > 0 && prob <= 1))
                        sink.Report(DiagnosticDescriptors.ProbOutOfRange, probLoc ?? args.AttributeLocation, name, Literals.Short(prob));
                    double weight = Named(args, "Weight", 1, name, sink);
                    long seed = (long)Named(args, "Seed", 0, name, sink);
                    comm = new CommSpec(numIn, numOut, prob, weight, seed);
                    break;
                }
                case AttributeNames.Expon:
                    syn = new SynSpec(SynKind.Expon, TimeConstant(args, "Tau", 8, name, sink));
                    break;
                case AttributeNames.Coba:
                    output = new OutSpec(OutKind.Coba, Named(args, "E", 0, name, sink));
                    break;
                case AttributeNames.Cuba:
                    output = new OutSpec(OutKind.Cuba, 0);
                    break;
            }
        }

        var anchor = projLoc ?? FirstLocation(type);
        if (!postGiven) sink.Report(DiagnosticDescriptors.MissingPost, anchor, name);
        if (comm is null) sink.Report(DiagnosticDescriptors.MissingProjectionPart, anchor, name, "comm", "[EventJitFPHomoLinear]");
        if (syn is null) sink.Report(DiagnosticDescriptors.MissingProjectionPart, anchor, name, "synapse", "[Expon]");
        if (output is null) sink.Report(DiagnosticDescriptors.MissingProjectionPart, anchor, name, "output", "[Coba], [Cuba]");

        if (checkPost && post is not null)
        {
            var popAttr = post.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == AttributeNames.Population);
            if (popAttr is null)
                sink.Report(DiagnosticDescriptors.PostNotPopulation, postLoc, name, post.Name);
            else if (comm is not null && comm.NumOut > 0
                     && new AttributeArgs(popAttr, ct).Ctor(0, "size", out double postSize, out _) == Read.Ok
                     && postSize != comm.NumOut)
                sink.Report(DiagnosticDescriptors.CommSizeMismatch, numOutLoc, name, comm.NumOut, post.Name, postSize);
        }

        if (sink.HasErrors || postInvalid || typeInfo is null || post is null || comm is null || syn is null || output is null) return null;
        string postName = post.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        return new ProjectionSpec(typeInfo, postName, comm, syn, output, outLabel);
    }

    static TypeDecl? ParseTypeDecl(INamedTypeSymbol type, string attribute, DiagnosticSink sink)
    {
        bool ok = true;
        if (!IsPartial(type))
        {
            sink.Report(DiagnosticDescriptors.NotPartial, FirstLocation(type), type.Name, attribute);
            ok = false;
        }
        var containing = new List<string>();
        for (var c = type.ContainingType; c is not null; c = c.ContainingType)
        {
            if (!IsPartial(c)) ok = false; // reported with its own ID by the full catalogue
            containing.Insert(0, "partial " + (c.IsRecord ? "record " : "") + (c.TypeKind == TypeKind.Struct ? "struct " : c.TypeKind == TypeKind.Interface ? "interface " : "class ") + c.Name);
            if (c.IsGenericType) ok = false;
        }
        if (type.IsGenericType || type.TypeKind != TypeKind.Class) ok = false;
        if (!ok) return null;
        string ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : "";
        return new TypeDecl(ns, containing.ToEquatableArray(), type.Name, type.IsRecord ? "record" : "class");
    }

    static bool IsPartial(INamedTypeSymbol type)
    {
        if (type.DeclaringSyntaxReferences.Length == 0) return false;
        foreach (var r in type.DeclaringSyntaxReferences)
            if (r.GetSyntax() is not TypeDeclarationSyntax t || !t.Modifiers.Any(SyntaxKind.PartialKeyword)) return false;
        return true;
    }

    internal static Location? FirstLocation(INamedTypeSymbol type) => type.Locations.FirstOrDefault();

    static int ReadSize(AttributeArgs args, int index, string parameter, string owner, DiagnosticSink sink)
    {
        var read = args.Ctor(index, parameter, out double v, out var loc);
        if (read == Read.Invalid)
        {
            sink.Report(DiagnosticDescriptors.InvalidArgument, loc ?? args.AttributeLocation, owner, parameter, args.Name, "int");
            return 0;
        }
        if (read == Read.Absent || !args.IsBound) return 0; // the compiler reports the missing argument
        if (!(v > 0) || v > int.MaxValue)
        {
            sink.Report(DiagnosticDescriptors.NonPositiveSize, loc, owner, parameter, Literals.Short(v));
            return 0;
        }
        return (int)v;
    }

    static double CtorValue(AttributeArgs args, int index, string parameter, string owner, DiagnosticSink sink)
    {
        var read = args.Ctor(index, parameter, out double v, out var loc);
        if (read == Read.Invalid) sink.Report(DiagnosticDescriptors.InvalidArgument, loc ?? args.AttributeLocation, owner, parameter, args.Name, "number");
        return read == Read.Ok ? v : 0;
    }

    static double Named(AttributeArgs args, string property, double fallback, string owner, DiagnosticSink sink) =>
        Named(args, property, fallback, owner, sink, out _);

    static double Named(AttributeArgs args, string property, double fallback, string owner, DiagnosticSink sink, out Location? location)
    {
        var read = args.Named(property, out double v, out location);
        if (read == Read.Invalid)
        {
            sink.Report(DiagnosticDescriptors.InvalidArgument, location ?? args.AttributeLocation, owner, property, args.Name, "number");
            return fallback;
        }
        return read == Read.Ok ? v : fallback;
    }

    static double TimeConstant(AttributeArgs args, string property, double fallback, string owner, DiagnosticSink sink)
    {
        double v = Named(args, property, fallback, owner, sink, out var loc);
        if (!(v > 0) || double.IsInfinity(v))
            sink.Report(DiagnosticDescriptors.NonPositiveTimeConstant, loc ?? args.AttributeLocation, owner, args.Name + "." + property, Literals.Short(v));
        return v;
    }

    /// <summary>" (did you mean 'V'?)" for the closest valid name within edit distance 2, else "".</summary>
    internal static string Suggest(string given, IReadOnlyList<string> valid)
    {
        string? best = null;
        int bestD = int.MaxValue;
        foreach (var v in valid)
        {
            int d = EditDistance(given.ToUpperInvariant(), v.ToUpperInvariant());
            if (d < bestD) { bestD = d; best = v; }
        }
        return best is not null && bestD <= Math.Max(2, given.Length / 2) ? $" (did you mean '{best}'?)" : "";
    }

    static int EditDistance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
