using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace SpikeSharp.Generator.Tests;

/// <summary>The README's tutorial works verbatim: its <c>Model.cs</c> and <c>Program.cs</c> blocks, taken from the
/// README itself, compile with the generator's output, the runtime and SpikeSharp.Plotting, without an error or warning.</summary>
public class ReadmeTutorialTests
{
    static string RepoFile(string relative, [CallerFilePath] string self = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(self)!, "..", relative));

    /// <summary>What <c>dotnet new console</c>'s ImplicitUsings add.</summary>
    const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    [Fact]
    public void TutorialModelAndProgram_CompileAsWritten_WithoutErrorsOrWarnings()
    {
        string readme = RepoFile("README.md");
        int tutorial = readme.IndexOf("## Tutorial", StringComparison.Ordinal);
        Assert.True(tutorial >= 0, "README has no Tutorial section");
        var blocks = Regex.Matches(readme[tutorial..], "```csharp\\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        Assert.True(blocks.Count >= 2, $"the tutorial has {blocks.Count} C# blocks, expected Model.cs and Program.cs");
        string model = blocks[0], program = blocks[1];
        Assert.Contains("[Population(", model);
        Assert.Contains("new Runner(", program);

        var references = Net100.References.All
            .Append(MetadataReference.CreateFromFile(typeof(PopulationAttribute).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(SpikeSharp.Plotting.Plots).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(ScottPlot.Plot).Assembly.Location));
        var compilation = CSharpCompilation.Create("Tutorial",
            [CSharpSyntaxTree.ParseText(model, GeneratorHarness.ParseOptions, path: "Model.cs"),
             CSharpSyntaxTree.ParseText(program, GeneratorHarness.ParseOptions, path: "Program.cs"),
             CSharpSyntaxTree.ParseText(ImplicitUsings, GeneratorHarness.ParseOptions, path: "GlobalUsings.g.cs")],
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        var result = GeneratorHarness.Run(compilation);
        var problems = result.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToList();
        Assert.Empty(problems);
        Assert.Empty(GeneratorHarness.Analyze(result.Output));
    }
}
