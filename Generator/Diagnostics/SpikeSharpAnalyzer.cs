using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SpikeSharp.Generator.Lowering;
using SpikeSharp.Generator.Model;
using SpikeSharp.Generator.Parsing;

namespace SpikeSharp.Generator.Diagnostics;

/// <summary>Reports the SpikeSharp diagnostics. It runs the generator's own parser, so what it flags is exactly
/// what the generator skips; locations are real, so <c>#pragma warning disable</c> and .editorconfig work.
/// At the end of the compilation it runs the generator's planner on the valid specs to tell (SPK2001, off by
/// default) which projections share a synapse buffer.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SpikeSharpAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.NotPartial,
        DiagnosticDescriptors.PostNotPopulation,
        DiagnosticDescriptors.CommSizeMismatch,
        DiagnosticDescriptors.NonPositiveTimeConstant,
        DiagnosticDescriptors.ProbOutOfRange,
        DiagnosticDescriptors.MissingNeuronModel,
        DiagnosticDescriptors.MissingProjectionPart,
        DiagnosticDescriptors.NonPositiveSize,
        DiagnosticDescriptors.MissingPost,
        DiagnosticDescriptors.InvalidArgument,
        DiagnosticDescriptors.UnknownStateVariable,
        DiagnosticDescriptors.ContainingTypeNotPartial,
        DiagnosticDescriptors.GenericType,
        DiagnosticDescriptors.UnsupportedTypeKind,
        DiagnosticDescriptors.TwoNeuronModels,
        DiagnosticDescriptors.DuplicateProjectionPart,
        DiagnosticDescriptors.NonFiniteValue,
        DiagnosticDescriptors.NegativeRefractoryPeriod,
        DiagnosticDescriptors.NegativeStd,
        DiagnosticDescriptors.UniformRangeInverted,
        DiagnosticDescriptors.DuplicateInitializer,
        DiagnosticDescriptors.ConflictingRoles,
        DiagnosticDescriptors.InvalidOutLabel,
        DiagnosticDescriptors.PostLessAccessible,
        DiagnosticDescriptors.GeneratedMemberClash,
        DiagnosticDescriptors.ThresholdNotAboveReset,
        DiagnosticDescriptors.MergedProjections);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var network = new Network();
            start.RegisterSymbolAction(ctx => AnalyzeType(ctx, network), SymbolKind.NamedType);
            start.RegisterCompilationEndAction(ctx => ReportMerges(ctx, network));
        });
    }

    sealed class Network
    {
        public readonly ConcurrentBag<PopulationSpec> Populations = new();
        public readonly ConcurrentBag<(ProjectionSpec Spec, Location Location)> Projections = new();
    }

    static void AnalyzeType(SymbolAnalysisContext context, Network network)
    {
        if (context.Symbol is not INamedTypeSymbol type) return;
        AttributeData? projection = null;
        bool isPopulation = false;
        foreach (var a in type.GetAttributes())
        {
            switch (a.AttributeClass?.ToDisplayString())
            {
                case AttributeNames.Population: isPopulation = true; break;
                case AttributeNames.HalfProjAlignPostMg: projection ??= a; break;
            }
        }
        if (!isPopulation && projection is null) return;
        var sink = new DiagnosticSink();
        if (isPopulation && ModelParser.ParsePopulation(type, sink, context.CancellationToken) is { } pop)
            network.Populations.Add(pop);
        if (projection is not null && ModelParser.ParseProjection(type, sink, checkPost: true, context.CancellationToken) is { } proj
            && projection.ApplicationSyntaxReference is { } r)
            network.Projections.Add((proj, r.GetSyntax(context.CancellationToken).GetLocation()));
        foreach (var d in sink.Diagnostics) context.ReportDiagnostic(d);
    }

    /// <summary>SPK2001 on every projection whose merge group has other members, in the generator's own grouping.</summary>
    static void ReportMerges(CompilationAnalysisContext context, Network network)
    {
        if (network.Projections.IsEmpty) return;
        var locations = new Dictionary<string, Location>(StringComparer.Ordinal);
        foreach (var (spec, loc) in network.Projections)
            if (!locations.ContainsKey(spec.Type.MetadataName)) locations.Add(spec.Type.MetadataName, loc);
        var plan = NetworkPlanner.Plan(network.Populations.ToImmutableArray(), network.Projections.Select(p => p.Spec).ToImmutableArray(), "");
        foreach (var pop in plan.Populations)
        {
            foreach (var group in pop.Groups)
            {
                if (group.Projections.Length < 2) continue;
                foreach (var member in group.Projections)
                {
                    if (!locations.TryGetValue(member, out var loc)) continue;
                    string others = string.Join(", ", group.Projections.Where(m => m != member).Select(m => "'" + m + "'"));
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MergedProjections, loc,
                        member, group.Index, pop.Spec.Type.MetadataName, others, group.Key.Text));
                }
            }
        }
    }
}
