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

    /// <summary>SpikeSharp's diagnostics of <paramref name="sources"/>: the generator's (its one parse reports them), as the
    /// compiler keeps them (<c>#pragma warning disable</c>, the compilation's severity options, off-by-default ones).</summary>
    public static ImmutableArray<Diagnostic> Analyze(params string[] sources) => Analyze(Compile(sources));

    /// <summary>The same on the compilation that already holds the generated sources (what a second build step, or the
    /// IDE after generation, sees): the generator ignores its own output, so the diagnostics are the same.</summary>
    public static ImmutableArray<Diagnostic> AnalyzeBuilt(params string[] sources) => Analyze(Run(sources).Output);

    public static ImmutableArray<Diagnostic> Analyze(Compilation compilation)
    {
        // Only the user's trees: a compilation that already holds generated files gets them regenerated, not doubled.
        var user = compilation.RemoveSyntaxTrees(compilation.SyntaxTrees.Where(t => t.FilePath.Contains("SpikeSharp.Generator.SpikeSharpGenerator", StringComparison.Ordinal)));
        var run = Run(user);
        var reported = run.Run.Diagnostics.Where(d => d.Id.StartsWith("SPK", StringComparison.Ordinal));
        return CompilationWithAnalyzers.GetEffectiveDiagnostics(reported, user).ToImmutableArray();
    }
}
