using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SpikeSharp.Generator.Diagnostics;

namespace SpikeSharp.Generator.Tests;

/// <summary>Compiles user sources against .NET 10 reference assemblies plus SpikeSharp.Runtime, runs the generator
/// (with step tracking) and the analyzer, and exposes what came out.</summary>
internal static class GeneratorHarness
{
    static readonly MetadataReference RuntimeReference =
        MetadataReference.CreateFromFile(typeof(SpikeSharp.PopulationAttribute).Assembly.Location);

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create("UserModel",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"File{i}.cs")),
            Net100.References.All.Append(RuntimeReference),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            new[] { new SpikeSharpGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public sealed record Result(Compilation Output, GeneratorDriverRunResult Run, ImmutableArray<Diagnostic> GeneratorDiagnostics, GeneratorDriver Driver)
    {
        public IReadOnlyDictionary<string, string> Sources =>
            Run.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);

        public IEnumerable<Diagnostic> CompileErrors =>
            Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);
    }

    public static Result Run(params string[] sources) => Run(Compile(sources));

    public static Result Run(Compilation compilation)
    {
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diags);
        var run = driver.GetRunResult();
        foreach (var r in run.Results)
            if (r.Exception is not null) throw new InvalidOperationException("The generator threw", r.Exception);
        return new Result(output, run, diags, driver);
    }

    /// <summary>Whether a generated file is the shell of a model with errors (its members throw; see ShellTests).</summary>
    public static bool IsShell(string generated) =>
        generated.Contains("/// <summary>Placeholder of a ", StringComparison.Ordinal)
        && generated.Contains("throw new global::System.InvalidOperationException(", StringComparison.Ordinal);

    /// <summary>Runs the SpikeSharp analyzer; throws if it threw (AD0001).</summary>
    public static ImmutableArray<Diagnostic> Analyze(params string[] sources) => Analyze(Compile(sources));

    /// <summary>Runs the analyzer as a build does: on the compilation that already holds the generated sources
    /// (where generated constants such as <c>N.Size</c> exist).</summary>
    public static ImmutableArray<Diagnostic> AnalyzeBuilt(params string[] sources) => Analyze(Run(sources).Output);

    public static ImmutableArray<Diagnostic> Analyze(Compilation compilation)
    {
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null,
            concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false);
        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new SpikeSharpAnalyzer()), options);
        var all = withAnalyzers.GetAllDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        var crash = all.FirstOrDefault(d => d.Id == "AD0001");
        if (crash is not null) throw new InvalidOperationException("The analyzer threw: " + crash.GetMessage());
        return withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult()
            .Where(d => d.Id.StartsWith("SPK", StringComparison.Ordinal)).ToImmutableArray();
    }
}
