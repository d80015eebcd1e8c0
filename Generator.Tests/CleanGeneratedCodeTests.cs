using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Abstractions;

namespace SpikeSharp.Generator.Tests;

/// <summary>The generated code is warning-free in strict user projects: header, nullable, global:: names, stable
/// hint names; in process at warning level 9999 with documentation diagnostics; and in a real <c>dotnet build</c>
/// with TreatWarningsAsErrors and AnalysisLevel=latest-all.</summary>
public class CleanGeneratedCodeTests(ITestOutputHelper output)
{
    /// <summary>The seed model plus nested, namespaced and CUBA/out-label variants, so every emitter branch is covered.</summary>
    static readonly string[] Models =
    {
        TestModels.Seed,
        """
        using SpikeSharp;
        namespace Deep.Space
        {
            /// <summary>Outer.</summary>
            public static partial class Outer
            {
                /// <summary>Cells.</summary>
                [Population(50)]
                [Lif(Tau = 5)]
                [InitUniform("V", Min = -5, Max = 5)]
                public partial class Cells;

                /// <summary>Current-based projection with a label.</summary>
                [HalfProjAlignPostMg(Post = typeof(Cells), OutLabel = "I<&>")]
                [EventJitFPHomoLinear(50, 50, Prob = 1, Weight = -2, Seed = -7)]
                [Expon]
                [Cuba]
                internal partial class Feedback;
            }
        }
        """,
    };

    static CSharpCompilation StrictCompile(params string[] sources)
    {
        var parse = GeneratorHarness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);
        return CSharpCompilation.Create("Strict",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parse, path: $"File{i}.cs")),
            Net100.References.All.Append(MetadataReference.CreateFromFile(typeof(SpikeSharp.PopulationAttribute).Assembly.Location)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
                warningLevel: 9999, allowUnsafe: true, generalDiagnosticOption: ReportDiagnostic.Error));
    }

    static (Compilation Output, GeneratorDriverRunResult Run) RunStrict(params string[] sources)
    {
        var parse = GeneratorHarness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new SpikeSharpGenerator().AsSourceGenerator() }, parseOptions: parse);
        driver = driver.RunGeneratorsAndUpdateCompilation(StrictCompile(sources), out var outputCompilation, out var diags);
        Assert.Empty(diags.Where(d => !d.Id.StartsWith("SPK", StringComparison.Ordinal))); // SPK ones are the models' (tested elsewhere)
        return (outputCompilation, driver.GetRunResult());
    }

    [Fact]
    public void GeneratedTrees_HaveNoDiagnostics_AtWarningLevel9999_WithDocs_AndWarningsAsErrors()
    {
        var (compilation, run) = RunStrict(Models);
        var generated = run.GeneratedTrees.ToHashSet();
        Assert.Equal(5, generated.Count);
        var all = compilation.GetDiagnostics();
        var inGenerated = all.Where(d => d.Location.SourceTree is { } t && generated.Contains(t) && d.Severity >= DiagnosticSeverity.Info).ToList();
        Assert.True(inGenerated.Count == 0, string.Join("\n", inGenerated));
        Assert.True(all.All(d => d.Severity < DiagnosticSeverity.Warning), string.Join("\n", all)); // the user files above are clean too

        // The strict settings bite: an undocumented public member in user code is an error under them.
        var planted = StrictCompile("/// <summary>T.</summary>\npublic class T { public int X; }").GetDiagnostics();
        Assert.Contains(planted, d => d.Id == "CS1591" && d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Shells_HaveNoDiagnostics_AtWarningLevel9999_WithDocs_AndWarningsAsErrors()
    {
        // Invalid variants of every shape above (public, internal, nested, keyword and lowercase names, a post that is
        // itself a shell, one that is valid): each type gets a shell, and the shells warn about nothing.
        var (compilation, run) = RunStrict(
            TestModels.Seed.Replace("Tau = 20, TauRef", "Tau = 0, TauRef"),
            Models[1].Replace("[Population(50)]", "[Population(0)]").Replace("Prob = 1,", "Prob = 2,"),
            """
            using SpikeSharp;
            namespace K
            {
                /// <summary>Valid.</summary>
                [Population(10)] [Lif] internal partial class cells;
                /// <summary>Keyword name.</summary>
                [Population(10)] [LifRef(TauRef = -1)] internal partial class @class;
                /// <summary>Onto a valid post.</summary>
                [HalfProjAlignPostMg(Post = typeof(cells))] [EventJitFPHomoLinear(10, 11)] [Expon] [Cuba] internal partial class @event;
            }
            """);
        Assert.Equal(8, run.GeneratedTrees.Length);
        Assert.Equal(7, run.GeneratedTrees.Count(t => GeneratorHarness.IsShell(t.ToString())));
        var generated = run.GeneratedTrees.ToHashSet();
        var inGenerated = compilation.GetDiagnostics().Where(d => d.Location.SourceTree is { } t && generated.Contains(t) && d.Severity >= DiagnosticSeverity.Info).ToList();
        Assert.True(inGenerated.Count == 0, string.Join("\n", inGenerated));
    }

    [Fact]
    public void GeneratedFiles_HaveHeader_Nullable_AndStableHintNames()
    {
        var r = GeneratorHarness.Run(Models);
        Assert.Equal(new[] { "Deep.Space.Outer.Cells.g.cs", "Deep.Space.Outer.Feedback.g.cs", "EINet.Excitatory.g.cs", "EINet.Inhibitory.g.cs", "EINet.Neurons.g.cs" },
            r.Sources.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (var (hint, text) in r.Sources)
        {
            var lines = text.Replace("\r\n", "\n").Split('\n');
            Assert.True(lines[0] == "// <auto-generated/>", hint + ": first line is " + lines[0]);
            Assert.Contains("#nullable enable", lines.Take(5));
            Assert.DoesNotContain(lines, l => l.StartsWith("using ", StringComparison.Ordinal)); // every name is global::-qualified
            Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("#pragma warning disable", StringComparison.Ordinal)); // nothing hidden
        }
        // Run twice on fresh drivers: same names, same text.
        var again = GeneratorHarness.Run(Models.Reverse().ToArray());
        Assert.Equal(r.Sources.OrderBy(kv => kv.Key, StringComparer.Ordinal), again.Sources.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void GeneratedCode_UsesGlobalNames_EvenWhenUserTypesShadowSystemNames()
    {
        // Decoys in the user's namespace: any non-global:: reference to System, SpikeSharp, Span, Math... would bind to them.
        const string decoys = """
            namespace EINet
            {
                internal sealed class System { }
                internal sealed class SpikeSharp { }
                internal sealed class Span<T> { }
                internal sealed class ReadOnlySpan<T> { }
                internal sealed class Math { }
                internal sealed class MathF { }
                internal sealed class Array { }
                internal sealed class ArgumentException { }
                internal sealed class Spikes { }
                internal sealed class JitConnectivity { }
                internal sealed class Simulation { }
                internal sealed class Initializers { }
            }
            """;
        var r = GeneratorHarness.Run(TestModels.Seed, decoys);
        Assert.Equal(3, r.Sources.Count);
        Assert.Empty(r.CompileErrors);
    }

    [Fact]
    public async System.Threading.Tasks.Task DotnetBuild_TreatWarningsAsErrors_AnalysisLevelLatestAll_Succeeds()
    {
        string dir = Path.Combine(Path.GetTempPath(), "spikesharp-strict-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string runtime = typeof(SpikeSharp.PopulationAttribute).Assembly.Location;
            string generator = typeof(SpikeSharpGenerator).Assembly.Location;
            File.WriteAllText(Path.Combine(dir, "Strict.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Library</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>disable</ImplicitUsings>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                    <AnalysisLevel>latest-all</AnalysisLevel>
                    <EnforceCodeStyleInBuild>true</EnforceCodeStyleInBuild>
                    <GenerateDocumentationFile>true</GenerateDocumentationFile>
                    <WarningLevel>9999</WarningLevel>
                    <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
                  </PropertyGroup>
                  <ItemGroup>
                    <Reference Include="{runtime}" />
                    <Analyzer Include="{generator}" />
                  </ItemGroup>
                </Project>
                """);
            // Public types, so documentation and public-API rules apply to the generated members; Use() calls them,
            // so the build fails if nothing was generated.
            File.WriteAllText(Path.Combine(dir, "Model.cs"), TestModels.Seed.Replace("public partial class", "public sealed partial class") + """


                /// <summary>Uses the generated members.</summary>
                public static class Use
                {
                    /// <summary>One step of the network.</summary>
                    /// <returns>The step index after the step.</returns>
                    public static int Step()
                    {
                        var n = new Neurons(seed: 1);
                        var e = new Excitatory(n);
                        var i = new Inhibitory(n);
                        var s = n.Update(20f);
                        e.Deliver(s.Slice(0, 3200));
                        i.Deliver(s.Slice(3200, 800));
                        return n.StepIndex;
                    }
                }
                """);
            var (exitCode, log) = await DotnetBuild.RunAsync(dir);
            output.WriteLine(log);
            Assert.True(exitCode == 0, "dotnet build failed:\n" + log);
            Assert.DoesNotContain(": warning ", log, StringComparison.Ordinal);
            Assert.Contains(" 0 Warning(s)", log, StringComparison.Ordinal);
            var generatedFiles = Directory.GetFiles(Path.Combine(dir, "obj"), "*.g.cs", SearchOption.AllDirectories)
                .Where(f => f.Contains("SpikeSharp.Generator", StringComparison.Ordinal)).ToList();
            Assert.Equal(3, generatedFiles.Count);
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
