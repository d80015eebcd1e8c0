using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SpikeSharp.Generator.Diagnostics;
using SpikeSharp.Generator.Emit;
using SpikeSharp.Generator.Lowering;
using SpikeSharp.Generator.Model;
using SpikeSharp.Generator.Parsing;

namespace SpikeSharp.Generator;

/// <summary>
/// The SpikeSharp source generator. Pipeline: one ForAttributeWithMetadataName per role attribute → value-equatable
/// specs (<c>Populations</c>, <c>Projections</c>) → collected and grouped into merge groups (<c>Plan</c>) → one plan
/// per output file (<c>PopulationPlans</c>, <c>ProjectionPlans</c>, <c>ShellPlans</c>) → source. An invalid type gets
/// a shell where it can take one (its public members with throwing bodies, so the parse's SPK error is the only
/// error), or nothing; nothing here throws on user input.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SpikeSharpGenerator : IIncrementalGenerator
{
    internal static readonly string Version = typeof(SpikeSharpGenerator).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // One parse per model type. Its model goes down the equatable pipeline; its diagnostics, apart, to a cheap output
        // that only reports them (the LoggerMessage generator's pattern): this parse is the only one, there is no analyzer.
        var populationParses = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeNames.Population,
                static (node, _) => node is BaseTypeDeclarationSyntax, // records, structs, interfaces, enums too: SPK0014
                static (ctx, ct) => ctx.TargetSymbol is INamedTypeSymbol t ? ModelParser.ParsePopulationForGenerator(t, ct, ctx.SemanticModel.Compilation) : null)
            .Where(static p => p is not null)
            .Select(static (p, _) => p!);
        var populations = populationParses
            .Select(static (p, _) => p.Model)
            .Where(static p => p is { Spec: not null } or { Shell: not null })
            .WithTrackingName(TrackingNames.Populations);

        var projectionParses = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeNames.HalfProjAlignPostMg,
                static (node, _) => node is BaseTypeDeclarationSyntax,
                static (ctx, ct) => ctx.TargetSymbol is INamedTypeSymbol t ? ModelParser.ParseProjectionForGenerator(t, ct, ctx.SemanticModel.Compilation) : null)
            .Where(static p => p is not null)
            .Select(static (p, _) => p!);
        var projections = projectionParses
            .Select(static (p, _) => p.Model)
            .Where(static p => p is { Spec: not null } or { Shell: not null })
            .WithTrackingName(TrackingNames.Projections);

        // FullProjAlignPostMg: the same parse with the Full role; planned together with the Half projections (they share
        // merge groups).
        var fullProjectionParses = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeNames.FullProjAlignPostMg,
                static (node, _) => node is BaseTypeDeclarationSyntax,
                static (ctx, ct) => ctx.TargetSymbol is INamedTypeSymbol t ? ModelParser.ParseProjectionForGenerator(t, ct, ctx.SemanticModel.Compilation, AttributeNames.FullProjAlignPostMg) : null)
            .Where(static p => p is not null)
            .Select(static (p, _) => p!);
        // HalfProjAlignPost / FullProjAlignPost (own synapse, no merging): the same parse with their role.
        var halfOwnParses = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeNames.HalfProjAlignPost,
                static (node, _) => node is BaseTypeDeclarationSyntax,
                static (ctx, ct) => ctx.TargetSymbol is INamedTypeSymbol t ? ModelParser.ParseProjectionForGenerator(t, ct, ctx.SemanticModel.Compilation, AttributeNames.HalfProjAlignPost) : null)
            .Where(static p => p is not null)
            .Select(static (p, _) => p!);
        var fullOwnParses = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeNames.FullProjAlignPost,
                static (node, _) => node is BaseTypeDeclarationSyntax,
                static (ctx, ct) => ctx.TargetSymbol is INamedTypeSymbol t ? ModelParser.ParseProjectionForGenerator(t, ct, ctx.SemanticModel.Compilation, AttributeNames.FullProjAlignPost) : null)
            .Where(static p => p is not null)
            .Select(static (p, _) => p!);
        // HalfProjDelta / FullProjDelta (onto V after integration): the same parse with their role.
        var halfDeltaParses = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeNames.HalfProjDelta,
                static (node, _) => node is BaseTypeDeclarationSyntax,
                static (ctx, ct) => ctx.TargetSymbol is INamedTypeSymbol t ? ModelParser.ParseProjectionForGenerator(t, ct, ctx.SemanticModel.Compilation, AttributeNames.HalfProjDelta) : null)
            .Where(static p => p is not null)
            .Select(static (p, _) => p!);
        var fullDeltaParses = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeNames.FullProjDelta,
                static (node, _) => node is BaseTypeDeclarationSyntax,
                static (ctx, ct) => ctx.TargetSymbol is INamedTypeSymbol t ? ModelParser.ParseProjectionForGenerator(t, ct, ctx.SemanticModel.Compilation, AttributeNames.FullProjDelta) : null)
            .Where(static p => p is not null)
            .Select(static (p, _) => p!);
        // FullProjAlignPreDSMg (pre-sized synapse on the projection, non-event comm, its own output): the same parse with its role.
        var alignPreParses = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeNames.FullProjAlignPreDSMg,
                static (node, _) => node is BaseTypeDeclarationSyntax,
                static (ctx, ct) => ctx.TargetSymbol is INamedTypeSymbol t ? ModelParser.ParseProjectionForGenerator(t, ct, ctx.SemanticModel.Compilation, AttributeNames.FullProjAlignPreDSMg) : null)
            .Where(static p => p is not null)
            .Select(static (p, _) => p!);
        var alignPreSdParses = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeNames.FullProjAlignPreSDMg,
                static (node, _) => node is BaseTypeDeclarationSyntax,
                static (ctx, ct) => ctx.TargetSymbol is INamedTypeSymbol t ? ModelParser.ParseProjectionForGenerator(t, ct, ctx.SemanticModel.Compilation, AttributeNames.FullProjAlignPreSDMg) : null)
            .Where(static p => p is not null)
            .Select(static (p, _) => p!);
        // VanillaProj (the user's values → non-event comm → its own output): the same parse with its role.
        var vanillaParses = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeNames.VanillaProj,
                static (node, _) => node is BaseTypeDeclarationSyntax,
                static (ctx, ct) => ctx.TargetSymbol is INamedTypeSymbol t ? ModelParser.ParseProjectionForGenerator(t, ct, ctx.SemanticModel.Compilation, AttributeNames.VanillaProj) : null)
            .Where(static p => p is not null)
            .Select(static (p, _) => p!);
        var otherProjectionParses = fullProjectionParses.Collect().Combine(halfOwnParses.Collect().Combine(fullOwnParses.Collect()))
            .Combine(halfDeltaParses.Collect().Combine(fullDeltaParses.Collect().Combine(alignPreParses.Collect().Combine(alignPreSdParses.Collect().Combine(vanillaParses.Collect())
                .Select(static (pair, _) => pair.Left.AddRange(pair.Right)))
                .Select(static (pair, _) => pair.Left.AddRange(pair.Right)))))
            .Select(static (pair, _) => pair.Left.Left.AddRange(pair.Left.Right.Left).AddRange(pair.Left.Right.Right).AddRange(pair.Right.Left).AddRange(pair.Right.Right.Left).AddRange(pair.Right.Right.Right));

        static IncrementalValueProvider<ImmutableArray<ModelParse<ProjectionSpec>>> Models(IncrementalValuesProvider<Parsed<ProjectionSpec>> parses) =>
            parses.Select(static (p, _) => p.Model).Where(static p => p is { Spec: not null } or { Shell: not null }).Collect();
        var otherProjections = Models(fullProjectionParses).Combine(Models(halfOwnParses).Combine(Models(fullOwnParses)))
            .Combine(Models(halfDeltaParses).Combine(Models(fullDeltaParses).Combine(Models(alignPreParses).Combine(Models(alignPreSdParses).Combine(Models(vanillaParses)).Select(static (pair, _) => pair.Left.AddRange(pair.Right))).Select(static (pair, _) => pair.Left.AddRange(pair.Right)))
                .Select(static (pair, _) => pair.Left.AddRange(pair.Right))));
        var plan = populations.Collect()
            .Combine(projections.Collect().Combine(otherProjections))
            .Select(static (pair, _) => NetworkPlanner.Plan(pair.Left,
                pair.Right.Left.AddRange(pair.Right.Right.Left.Left).AddRange(pair.Right.Right.Left.Right.Left).AddRange(pair.Right.Right.Left.Right.Right)
                    .AddRange(pair.Right.Right.Right.Left).AddRange(pair.Right.Right.Right.Right), Version))
            .WithTrackingName(TrackingNames.Plan);

        var populationPlans = plan.SelectMany(static (p, _) => p.Populations.AsImmutableArray()).WithTrackingName(TrackingNames.PopulationPlans);
        var projectionPlans = plan.SelectMany(static (p, _) => p.Projections.AsImmutableArray()).WithTrackingName(TrackingNames.ProjectionPlans);
        var shellPlans = plan.SelectMany(static (p, _) => p.Shells.AsImmutableArray()).WithTrackingName(TrackingNames.ShellPlans);

        context.RegisterSourceOutput(populationPlans, static (spc, p) =>
            spc.AddSource(p.HintName, PopulationEmitter.Emit(p)));
        context.RegisterSourceOutput(projectionPlans, static (spc, p) =>
            spc.AddSource(p.HintName, ProjectionEmitter.Emit(p)));
        context.RegisterSourceOutput(shellPlans, static (spc, p) =>
            spc.AddSource(p.HintName, ShellEmitter.Emit(p)));

        // Diagnostics: every parse's, once each (a type whose attribute repeats over partial declarations is parsed once per
        // declaration), then SPK2001 from the plan's merge groups.
        var parseDiagnostics = populationParses.Select(static (p, _) => p.Diagnostics).Collect()
            .Combine(projectionParses.Select(static (p, _) => p.Diagnostics).Collect()
                .Combine(otherProjectionParses.Select(static (list, _) => list.Select(static p => p.Diagnostics).ToImmutableArray())));
        context.RegisterSourceOutput(parseDiagnostics, static (spc, pair) =>
        {
            var seen = new System.Collections.Generic.HashSet<(string, Location, string)>();
            foreach (var list in pair.Left.Concat(pair.Right.Left).Concat(pair.Right.Right))
                foreach (var d in list)
                    if (seen.Add((d.Id, d.Location, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)))) spc.ReportDiagnostic(d);
        });
        var sites = projectionParses.Select(static (p, _) => p.Site).Collect()
            .Combine(otherProjectionParses.Select(static (list, _) => list.Select(static p => p.Site).ToImmutableArray()))
            .Select(static (pair, _) => pair.Left.AddRange(pair.Right));
        context.RegisterSourceOutput(plan.Combine(sites), static (spc, pair) =>
        {
            foreach (var d in MergeReport.Diagnostics(pair.Left, pair.Right)) spc.ReportDiagnostic(d);
            foreach (var d in FullProjectionReport.Diagnostics(pair.Left, pair.Right)) spc.ReportDiagnostic(d);
        });

        // Users' own models ([NeuronModel]): checked as typed, used or not; a population parses the model it names again
        // (its definition travels by value in the population's spec) and reports nothing of it.
        var userModels = context.SyntaxProvider
            .ForAttributeWithMetadataName(UserModelParser.NeuronModelAttribute,
                static (node, _) => node is BaseTypeDeclarationSyntax,
                static (ctx, ct) => ctx.TargetSymbol is INamedTypeSymbol t ? UserModelParser.Diagnostics(t, ctx.SemanticModel.Compilation, ct) : ImmutableArray<Diagnostic>.Empty);
        context.RegisterSourceOutput(userModels, static (spc, list) =>
        {
            foreach (var d in list) spc.ReportDiagnostic(d);
        });
        var userSynapses = context.SyntaxProvider
            .ForAttributeWithMetadataName(UserSynapseParser.SynapseModelAttribute,
                static (node, _) => node is BaseTypeDeclarationSyntax,
                static (ctx, ct) => ctx.TargetSymbol is INamedTypeSymbol t ? UserSynapseParser.Diagnostics(t, ctx.SemanticModel.Compilation, ct) : ImmutableArray<Diagnostic>.Empty);
        context.RegisterSourceOutput(userSynapses, static (spc, list) =>
        {
            foreach (var d in list) spc.ReportDiagnostic(d);
        });
        // Declared networks: one parse per [Network] class (diagnostics apart), matched with the plan; the populations
        // they hold get a second file with their state I/O.
        var networkParses = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeNames.Network,
                static (node, _) => node is BaseTypeDeclarationSyntax,
                static (ctx, ct) => ctx.TargetSymbol is INamedTypeSymbol t ? NetworkParser.Parse(t, ct, ctx.SemanticModel.Compilation) : null)
            .Where(static p => p is not null)
            .Select(static (p, _) => p!);
        context.RegisterSourceOutput(networkParses.Select(static (p, _) => p.Diagnostics), static (spc, list) =>
        {
            foreach (var d in list) spc.ReportDiagnostic(d);
        });
        // [PoissonInput]: BrainPy's dyn.PoissonInput, a member of networks (runs with the projections).
        var poissonParses = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeNames.PoissonInput,
                static (node, _) => node is BaseTypeDeclarationSyntax,
                static (ctx, ct) => ctx.TargetSymbol is INamedTypeSymbol t ? PoissonInputParser.Parse(t, ct, Version) : null)
            .Where(static p => p is not null)
            .Select(static (p, _) => p!);
        context.RegisterSourceOutput(poissonParses.Select(static (p, _) => p.Diagnostics), static (spc, list) =>
        {
            foreach (var d in list) spc.ReportDiagnostic(d);
        });
        var poissonSpecs = poissonParses.Select(static (p, _) => p.Spec).Where(static s => s is not null).Select(static (s, _) => s!);
        context.RegisterSourceOutput(poissonSpecs, static (spc, s) => spc.AddSource("SpikeSharp.PoissonInput." + s.Type.MetadataName + ".g.cs", PoissonInputEmitter.Emit(s)));

        // [PoissonGroup]: BrainPy's dyn.PoissonGroup, a network member that steps with the populations and can be a Full projection's pre.
        var groupParses = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeNames.PoissonGroup,
                static (node, _) => node is BaseTypeDeclarationSyntax,
                static (ctx, ct) => ctx.TargetSymbol is INamedTypeSymbol t ? PoissonGroupParser.Parse(t, ct, Version) : null)
            .Where(static p => p is not null)
            .Select(static (p, _) => p!);
        context.RegisterSourceOutput(groupParses.Select(static (p, _) => p.Diagnostics), static (spc, list) =>
        {
            foreach (var d in list) spc.ReportDiagnostic(d);
        });
        var groupSpecs = groupParses.Select(static (p, _) => p.Spec).Where(static s => s is not null).Select(static (s, _) => s!);
        context.RegisterSourceOutput(groupSpecs, static (spc, s) => spc.AddSource(s.HintName, PoissonGroupEmitter.Emit(s)));

        var networkPlans = networkParses
            .Select(static (p, _) => p.Spec)
            .Where(static s => s is not null)
            .Combine(plan.Combine(poissonSpecs.Collect().Combine(groupSpecs.Collect())))
            .Select(static (pair, _) => NetworkLowering.Plan(pair.Left!, pair.Right.Left, pair.Right.Right.Left, pair.Right.Right.Right, Version))
            .WithTrackingName(TrackingNames.Networks);
        context.RegisterSourceOutput(networkPlans, static (spc, p) => spc.AddSource(p.HintName, NetworkEmitter.Emit(p)));
        var statePlans = networkPlans.Collect().Combine(plan)
            .SelectMany(static (pair, _) => NetworkLowering.States(pair.Left, pair.Right).AsImmutableArray());
        context.RegisterSourceOutput(statePlans, static (spc, p) => spc.AddSource(p.HintName, StateEmitter.Emit(p, Version)));

        // The runtime's own build: its model attribute classes, from the definitions.
        var emitAttributes = context.AnalyzerConfigOptionsProvider.Select(static (o, _) =>
            o.GlobalOptions.TryGetValue(AttributeEmitter.BuildProperty, out var v) && string.Equals(v, "true", System.StringComparison.OrdinalIgnoreCase));
        context.RegisterSourceOutput(emitAttributes, static (spc, emit) =>
        {
            if (emit) spc.AddSource("SpikeSharp.ModelAttributes.g.cs", AttributeEmitter.Emit(Version));
        });
    }
}

/// <summary>Names of the pipeline steps, asserted by the incrementality tests.</summary>
internal static class TrackingNames
{
    public const string Populations = nameof(Populations);
    public const string Projections = nameof(Projections);
    public const string Plan = nameof(Plan);
    public const string PopulationPlans = nameof(PopulationPlans);
    public const string ProjectionPlans = nameof(ProjectionPlans);
    public const string ShellPlans = nameof(ShellPlans);
    public const string Networks = nameof(Networks);
}
