using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SpikeSharp.Generator.Parsing;

namespace SpikeSharp.Generator.Diagnostics;

/// <summary>Reports the SpikeSharp diagnostics. It runs the generator's own parser, so what it flags is exactly
/// what the generator skips; locations are real, so <c>#pragma warning disable</c> and .editorconfig work.</summary>
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
        DiagnosticDescriptors.UnknownStateVariable);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(AnalyzeType, SymbolKind.NamedType);
    }

    static void AnalyzeType(SymbolAnalysisContext context)
    {
        if (context.Symbol is not INamedTypeSymbol type) return;
        bool isPopulation = false, isProjection = false;
        foreach (var a in type.GetAttributes())
        {
            switch (a.AttributeClass?.ToDisplayString())
            {
                case AttributeNames.Population: isPopulation = true; break;
                case AttributeNames.HalfProjAlignPostMg: isProjection = true; break;
            }
        }
        if (!isPopulation && !isProjection) return;
        var sink = new DiagnosticSink();
        if (isPopulation) ModelParser.ParsePopulation(type, sink, context.CancellationToken);
        if (isProjection) ModelParser.ParseProjection(type, sink, checkPost: true, context.CancellationToken);
        foreach (var d in sink.Diagnostics) context.ReportDiagnostic(d);
    }
}
