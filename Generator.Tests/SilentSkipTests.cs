using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace SpikeSharp.Generator.Tests;

/// <summary>Models that were skipped without a diagnostic (issue 8): arguments naming generated constants, a null,
/// array, foreign or file-local post or model, a post named '@record', and models in generated-code files. Each now
/// works or gets a located SPK error. The analyzer is run as a build runs it, on the compilation that already holds
/// the generated code (<see cref="GeneratorHarness.AnalyzeBuilt"/>), where the generated constants exist.</summary>
public class SilentSkipTests
{
    const string Pop = TestModels.SmallPopulation;

    /// <summary>Exactly the marked diagnostics, in a build (after generation) and in the generator's view (before).</summary>
    static List<Diagnostic> AssertBuilt(string markup, params string[] others)
    {
        var (source, expected) = DiagnosticMarkup.Parse(markup);
        foreach (var diags in new[] { GeneratorHarness.AnalyzeBuilt(new[] { source }.Concat(others).ToArray()), GeneratorHarness.Analyze(new[] { source }.Concat(others).ToArray()) })
        {
            var actual = diags.Where(d => d.Location.SourceTree?.FilePath == "File0.cs").Select(d => (d.Id, d.Location.SourceSpan)).OrderBy(x => x.SourceSpan.Start).ToList();
            Assert.True(expected.OrderBy(e => e.Span.Start).SequenceEqual(actual),
                "Expected " + string.Join(", ", expected) + "\nActual " + string.Join("\n", diags));
        }
        return GeneratorHarness.AnalyzeBuilt(new[] { source }.Concat(others).ToArray()).ToList();
    }

    // ---- item 11: arguments that name generated constants ----

    [Fact]
    public void BareGeneratedConstants_AreResolved_FromTheOwnersAttributes()
    {
        const string source = """
            using SpikeSharp;
            namespace N;
            [Population(40)]
            [LifRef(VRest = -60, VTh = -50, VReset = -61, Tau = 20, TauRef = 5)]
            public partial class Neurons;

            [Population(Neurons.Size)]
            [Lif(VRest = Neurons.VRest, VTh = Neurons.VTh, VReset = Neurons.VReset, Tau = Neurons.TauRef)]
            [InitConstant("V", Neurons.VReset)]
            public partial class Copy;

            [HalfProjAlignPostMg(Post = typeof(Neurons))]
            [EventJitFPHomoLinear(30, Neurons.Size, Prob = 0.25, Weight = 0.6, Seed = 9)]
            [Expon(Tau = Neurons.Tau)]
            [Coba]
            public partial class Exc;

            [HalfProjAlignPostMg(Post = typeof(Copy))]
            [EventJitFPHomoLinear(Exc.NumIn, Copy.Size, Prob = Exc.Prob, Weight = Exc.Weight, Seed = Exc.NumIn)]
            [Expon]
            [Cuba]
            public partial class Chain;
            """;
        var r = GeneratorHarness.Run(source);
        Assert.Equal(4, r.Sources.Count);
        Assert.Empty(r.CompileErrors);
        Assert.Empty(GeneratorHarness.AnalyzeBuilt(source));
        string copy = r.Sources["N.Copy.g.cs"];
        Assert.Contains("public const int Size = 40;", copy);
        Assert.Contains("public const float VRest = -60f;", copy);
        Assert.Contains("public const double Tau = 5.0;", copy);
        Assert.Contains("Initializers.Constant(V, -61.0);", copy);
        Assert.Contains("public const int NumOut = 40;", r.Sources["N.Exc.g.cs"]);
        string chain = r.Sources["N.Chain.g.cs"];
        Assert.Contains("public const int NumIn = 30;", chain);
        Assert.Contains("public const double Prob = 0.25;", chain);
        Assert.Contains("public const float Weight = 0.6f;", chain); // Exc.Weight is a float: 0.6f, as the compiler reads it
        Assert.Contains("DefaultSeed = 30UL;", chain);
    }

    [Fact]
    public void GeneratedConstantOfItself_SPK0027_Cycle()
    {
        var d = Assert.Single(AssertBuilt("""
            using SpikeSharp;
            [Population({|SPK0027:A.Size|})]
            [Lif]
            public partial class A;
            """));
        Assert.Equal("'A': argument size of [Population] uses the generated constant 'A.Size', which depends on itself (a cycle through generated constants)", d.GetMessage());
    }

    [Fact]
    public void GeneratedConstantsInACycleOfTwo_SPK0027_OnBoth()
    {
        var diags = AssertBuilt("""
            using SpikeSharp;
            [Population({|SPK0027:B.Size|})] [Lif] public partial class A;
            [Population({|SPK0027:A.Size|})] [Lif] public partial class B;
            """);
        Assert.All(diags, d => Assert.EndsWith("which depends on itself (a cycle through generated constants)", d.GetMessage(), StringComparison.Ordinal));
    }

    [Fact]
    public void GeneratedConstantInAnExpression_SPK0027()
    {
        var d = Assert.Single(AssertBuilt("""
            using SpikeSharp;
            namespace D;
            [Population({|SPK0027:P.Size * 2|})]
            [Lif]
            public partial class Twice;
            """, Pop));
        Assert.Equal("'Twice': argument size of [Population] uses the generated constant 'P.Size', inside an expression; SpikeSharp resolves a generated constant only when it is the whole argument: write 'P.Size' alone, or the value", d.GetMessage());
        // No model for it, only a shell (with the placeholder size), so uses of Twice.Size do not add errors.
        var twice = GeneratorHarness.Run(DiagnosticMarkup.Parse("""
            using SpikeSharp;
            namespace D;
            [Population(P.Size * 2)] [Lif] public partial class Twice;
            """).Source, Pop).Sources["D.Twice.g.cs"];
        Assert.True(GeneratorHarness.IsShell(twice));
        Assert.Contains("public const int Size = 1;", twice);
    }

    [Fact]
    public void GeneratedConstantThroughAUserConstant_SPK0027()
    {
        var d = Assert.Single(AssertBuilt("""
            using SpikeSharp;
            namespace D;
            static class K { public const double Rest = P.VRest; }
            [Population(10)]
            [Lif({|SPK0027:VRest = K.Rest|})]
            public partial class Cells;
            """, Pop));
        Assert.Equal("'Cells': argument VRest of [Lif] uses the generated constant 'P.VRest', through the constant 'Rest'; SpikeSharp resolves a generated constant only when it is the whole argument: write 'P.VRest' itself, or the value", d.GetMessage());
    }

    [Fact]
    public void TauRefOfALifPopulation_SPK0027_SaysItIsNotGenerated()
    {
        var d = Assert.Single(AssertBuilt("""
            using SpikeSharp;
            [Population(10)] [Lif] public partial class L;
            [Population(10)]
            [Lif({|SPK0027:Tau = L.TauRef|})]
            public partial class M;
            """));
        Assert.Equal("'M': argument Tau of [Lif] uses the generated constant 'L.TauRef', but 'L' is a [Lif] population, which has no TauRef", d.GetMessage());
    }

    // ---- item 12: posts and models that were skipped silently ----

    static string Proj(string head) => $$"""
        using SpikeSharp;
        namespace D;
        [{{head}}]
        [EventJitFPHomoLinear(10, 100, Prob = 0.1)]
        [Expon]
        [Coba]
        public partial class Proj;
        """;

    [Fact]
    public void NullPost_SPK0009_AtTheArgument()
    {
        var d = Assert.Single(AssertBuilt(Proj("HalfProjAlignPostMg({|SPK0009:Post = null|})"), Pop));
        Assert.Equal("Projection 'Proj': [HalfProjAlignPostMg] needs Post = typeof(<population>)", d.GetMessage());
    }

    [Fact]
    public void ArrayPost_SPK0002()
    {
        var d = Assert.Single(AssertBuilt(Proj("HalfProjAlignPostMg({|SPK0002:Post = typeof(P[])|})"), Pop));
        Assert.Equal("Projection 'Proj': Post = typeof(D.P[]), but 'D.P[]' has no [Population] attribute", d.GetMessage());
    }

    [Fact]
    public void PostRecordKeyword_IsMatched_AndGenerated()
    {
        const string source = """
            using SpikeSharp;
            namespace D;
            [Population(100)] [Lif] public partial class @record;
            [HalfProjAlignPostMg(Post = typeof(@record))] [EventJitFPHomoLinear(10, 100, Prob = 0.1)] [Expon] [Coba] public partial class Proj;
            """;
        var r = GeneratorHarness.Run(source);
        Assert.Contains("D.Proj.g.cs", r.Sources.Keys); // was dropped: Roslyn's display name and ours escaped 'record' differently
        Assert.Empty(r.CompileErrors);
        Assert.Contains("public readonly float[] G0;", r.Sources["D.record.g.cs"]);
    }

    [Fact]
    public void FileLocalModel_SPK0014()
    {
        var d = Assert.Single(AssertBuilt("""
            using SpikeSharp;
            [Population(10)]
            [Lif]
            file partial class {|SPK0014:Cells|};
            """));
        Assert.Equal("Type 'Cells' is a file-local class, but [Population] needs a partial, non-static, non-record class", d.GetMessage());
    }

    [Fact]
    public void PostFromAReferencedAssembly_SPK0026()
    {
        // The library is built with the generator, as a real referenced project would be.
        var lib = GeneratorHarness.Run(GeneratorHarness.Compile(Pop.Replace("namespace D;", "namespace Lib;")).WithAssemblyName("Lib")).Output;
        var libRef = lib.ToMetadataReference();
        var (source, expected) = DiagnosticMarkup.Parse(Proj("HalfProjAlignPostMg({|SPK0026:Post = typeof(Lib.P)|})"));
        var user = GeneratorHarness.Compile(source).AddReferences(libRef);
        var r = GeneratorHarness.Run(user);
        Assert.True(GeneratorHarness.IsShell(Assert.Single(r.Sources).Value)); // only a shell of Proj, which names Lib.P
        Assert.Empty(r.CompileErrors);
        var d = Assert.Single(GeneratorHarness.Analyze(r.Output));
        Assert.Equal(("SPK0026", expected[0].Span), (d.Id, d.Location.SourceSpan));
        Assert.Equal("Projection 'Proj': post population 'P' is declared in assembly 'Lib'; a projection and its post must be compiled together", d.GetMessage());
    }

    // ---- item 13: models in files that look generated ----

    [Theory]
    [InlineData("Model.g.cs", "")]
    [InlineData("Model.cs", "// <auto-generated/>\n")]
    public void ModelInAGeneratedCodeFile_IsDiagnosed(string path, string header)
    {
        const string body = "using SpikeSharp;\n[Population(10)]\n[Lif(Tau = 0)]\npublic partial class Cells;\n";
        var tree = CSharpSyntaxTree.ParseText(header + body, GeneratorHarness.ParseOptions, path: path);
        var c = GeneratorHarness.Compile().AddSyntaxTrees(tree);
        var d = Assert.Single(GeneratorHarness.Analyze(c));
        Assert.Equal("SPK0004", d.Id);
        Assert.Equal("Tau = 0", tree.GetText().ToString(d.Location.SourceSpan));
    }
}
