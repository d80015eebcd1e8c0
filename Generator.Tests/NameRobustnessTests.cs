using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using SpikeSharp.Generator.Lowering;
using Xunit;

namespace SpikeSharp.Generator.Tests;

/// <summary>Names that broke the generated output (issue 8): hint names that differ only in case (CS8785, the whole
/// output lost) or are too long for a file name (CS0016), contextual keywords as type names, a type named 'var' in
/// scope, lowercase type names (CS8981 repeated in generated files), and members inherited from a user base class
/// (CS0108).</summary>
public class NameRobustnessTests
{
    /// <summary>Runs the generator at warning level 9999, so the newer warning waves (CS8981, CS8860) are on.</summary>
    static GeneratorHarness.Result Run(params string[] sources)
    {
        var c = GeneratorHarness.Compile(sources);
        return GeneratorHarness.Run(c.WithOptions(c.Options.WithWarningLevel(9999)));
    }

    static string Pop(string name, int size = 10) => $"[Population({size})] [Lif] public partial class {name};";

    /// <summary>Warnings and errors the compiler reports inside the generated trees.</summary>
    static List<Diagnostic> InGenerated(GeneratorHarness.Result r)
    {
        var generated = r.Run.GeneratedTrees.ToHashSet();
        return r.Output.GetDiagnostics().Where(d => d.Location.SourceTree is { } t && generated.Contains(t) && d.Severity >= DiagnosticSeverity.Warning).ToList();
    }

    /// <summary>[Network] members named like the locals and parameters of the generated network methods: the Spike getter's
    /// (n, k, s0, s1 and their __ forms), the Save/Load callback's (s, __s), the constructor's (seed, dt, __dt) and the public
    /// parameters (input, population, vanilla). Every reference to a member is qualified and every local reserved, so the
    /// output compiles with every warning an error (TreatWarningsAsErrors, warning level 9999), and the network steps.</summary>
    [Theory]
    [InlineData("n", "k", "s0", "s", "vanilla")]
    [InlineData("s1", "s0", "n", "k", "s")]
    [InlineData("seed", "dt", "input", "population", "__dt")]
    [InlineData("__n", "s", "__s0", "__k", "__s")]
    public void NetworkMembersNamedLikeGeneratedLocals_CompileWithWarningsAsErrors(string a, string b, string c, string ab, string vc)
    {
        string source = $$"""
            using SpikeSharp;
            namespace N;
            [Population(10)] [LifRef] public partial class A;
            [Population(20)] [LifRef] public partial class B;
            [Population(5)] [LifRef] public partial class C;
            [FullProjAlignPostMg(Pre = typeof(A), Post = typeof(B))] [EventCSRLinear(10, 20, Prob = 0.5)] [Expon] [Coba] public partial class AB;
            [VanillaProj(Post = typeof(C))] [OneToOne(5, Weight = 1)] [Cuba] public partial class VC;
            [Network] public partial class Net { public A {{a}}; public B {{b}}; public C {{c}}; public AB {{ab}}; public VC {{vc}}; }
            public static class Use
            {
                public static int Run(string path)
                {
                    var net = new Net(seed: 3, dt: 0.1);
                    net.ValuesOf("{{vc}}")[0] = 1;
                    int count = 0;
                    for (int i = 0; i < 5; i++) count += net.Step(30f).Count;
                    net.Save(path);
                    net.Load(path);
                    return count + net.SpikesOf("{{a}}").Count + net.OffsetOf("{{c}}") + net.SpikeSource("{{b}}")().Count;
                }
            }
            """;
        Assert.Empty(GeneratorHarness.Analyze(source));
        var comp = GeneratorHarness.Compile(source);
        var r = GeneratorHarness.Run(comp.WithOptions(comp.Options.WithWarningLevel(9999).WithGeneralDiagnosticOption(ReportDiagnostic.Error)));
        Assert.Contains("SpikeSharp.Network.N.Net.g.cs", r.Sources.Keys);
        var problems = r.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    static void AssertCleanAndComplete(GeneratorHarness.Result r, int expectedFiles)
    {
        Assert.Equal(expectedFiles, r.Sources.Count);
        Assert.Equal(r.Sources.Count, r.Sources.Keys.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.DoesNotContain(r.CompileErrors, d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
        var warnings = InGenerated(r);
        Assert.True(warnings.Count == 0, string.Join("\n", warnings));
    }

    [Fact]
    public void TypesAndNamespacesDifferingOnlyInCase_GetDistinctHintNames_WhateverTheOrder()
    {
        string[] sources =
        {
            "using SpikeSharp;\n" + Pop("Cells") + "\n" + Pop("cells") + "\n"
            + "[HalfProjAlignPostMg(Post = typeof(Cells))] [EventJitFPHomoLinear(10, 10, Prob = 0.1)] [Expon] [Coba] public partial class Proj;\n"
            + "[HalfProjAlignPostMg(Post = typeof(cells))] [EventJitFPHomoLinear(10, 10, Prob = 0.1)] [Expon] [Coba] public partial class proj;",
            // A namespace Net.A and a nested type Net.a: "Net.A.X" and "Net.a.X".
            "using SpikeSharp;\nnamespace Net.A { " + Pop("X") + " }\nnamespace Net { public partial class a { " + Pop("X") + " } }",
        };
        var r = Run(sources); // throws on CS8785
        AssertCleanAndComplete(r, 6);
        // Names without a case twin keep their plain hint; twins get a stable hash suffix.
        Assert.DoesNotContain("Cells.g.cs", r.Sources.Keys);
        Assert.Contains(r.Sources.Keys, k => k.StartsWith("Cells.", StringComparison.Ordinal) && k.EndsWith(".g.cs", StringComparison.Ordinal));
        Assert.Contains(r.Sources.Keys, k => k.StartsWith("Net.a.X.", StringComparison.Ordinal));
        var reversed = Run(sources.Reverse().ToArray());
        Assert.Equal(r.Sources.OrderBy(kv => kv.Key, StringComparer.Ordinal), reversed.Sources.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void HintNames_AreUniqueIgnoringCase_Short_AndIndependentOfOrder()
    {
        string longName = "N." + new string('x', 300);
        string[] names = { "A.B", "a.b", "A.b", "EINet.Neurons", longName, longName + "y", "Ünïcödé." + new string('é', 200) };
        var hints = HintNames.Assign(names);
        Assert.Equal("EINet.Neurons.g.cs", hints["EINet.Neurons"]);
        Assert.Equal(names.Length, hints.Values.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(hints.Values, h => Assert.True(Encoding.UTF8.GetByteCount(h) <= 100, h));
        Assert.Equal(hints, HintNames.Assign(names.Reverse()));
    }

    [Fact]
    public void VeryLongTypeName_GetsAShortHintName_AndCompiles()
    {
        string name = "P" + new string('q', 299);
        var r = Run("using SpikeSharp;\nnamespace Deep;\n" + Pop(name));
        AssertCleanAndComplete(r, 1);
        var hint = Assert.Single(r.Sources.Keys);
        Assert.True(hint.Length < 100, hint); // 300+ characters failed with CS0016 under EmitCompilerGeneratedFiles
        Assert.StartsWith("Deep.Pqqq", hint, StringComparison.Ordinal);
    }

    [Fact]
    public void ContextualKeywordsAsNames_AndVarOrNuintInScope_CompileWarningFree()
    {
        const string source = """
            using SpikeSharp;
            namespace K;
            internal sealed class var { }
            internal sealed class nuint { }
            [Population(10)] [LifRef(TauRef = 1)] public partial class @required;
            [Population(10)] [Lif] public partial class @scoped;
            [Population(10)] [Lif] public partial class @record;
            public partial class @partial
            {
                [HalfProjAlignPostMg(Post = typeof(@record))] [EventJitFPHomoLinear(10, 10, Prob = 0.5)] [Expon] [Cuba] public partial class @file;
            }
            [HalfProjAlignPostMg(Post = typeof(@required))] [EventJitFPHomoLinear(10, 10, Prob = 0.5)] [Expon] [Coba] public partial class @async;
            """;
        var r = Run(source);
        AssertCleanAndComplete(r, 5);
        Assert.Empty(r.CompileErrors);
        Assert.Contains("partial class @required", r.Sources["K.required.g.cs"]);
        Assert.Empty(GeneratorHarness.AnalyzeBuilt(source));
    }

    [Fact]
    public void LowercaseTypeNames_DoNotWarnInGeneratedFiles_OnlyAtTheUsersDeclaration()
    {
        var r = Run("using SpikeSharp;\nnamespace low;\n" + Pop("cells")
            + "\n[HalfProjAlignPostMg(Post = typeof(cells))] [EventJitFPHomoLinear(10, 10, Prob = 0.5)] [Expon] [Coba] public partial class proj;");
        AssertCleanAndComplete(r, 2);
        Assert.Contains(r.Output.GetDiagnostics(), d => d.Id == "CS8981" && d.Location.SourceTree?.FilePath == "File0.cs");
        // A name that needs no pragma gets none.
        Assert.DoesNotContain("#pragma", Run(TestModels.Seed).Sources["EINet.Neurons.g.cs"]);
    }

    // ---- members inherited from a user base class ----

    [Fact]
    public void InheritedMembersNamedLikeGeneratedOnes_SPK0025_AtTheBaseType_AndNotGenerated()
    {
        const string markup = """
            using SpikeSharp;
            namespace D;
            public class Base { public int Size; public void Update(float x) { } protected double Dt => 1; }
            [Population(10)]
            [Lif]
            public partial class Cells : {|SPK0025:Base|};
            """;
        var diags = DiagnosticMarkup.AssertDiagnostics(markup.Replace("{|SPK0025:Base|}", "{|SPK0025:{|SPK0025:{|SPK0025:Base|}|}|}"));
        Assert.Contains(diags, d => d.GetMessage() == "Inherited field 'Base.Size' clashes with 'public const int Size', which SpikeSharp generates in population 'Cells'; rename or remove it");
        Assert.Contains(diags, d => d.GetMessage().StartsWith("Inherited method 'Base.Update(float)' clashes with 'public global::SpikeSharp.Spikes Update(float input)'", StringComparison.Ordinal));
        Assert.Contains(diags, d => d.GetMessage().StartsWith("Inherited property 'Base.Dt'", StringComparison.Ordinal));
        Assert.Empty(Run(DiagnosticMarkup.Parse(markup).Source).Sources);
    }

    [Fact]
    public void InheritedNearMisses_AreValid_AndCompileWithoutCS0108()
    {
        // Other overloads, private members and a base from the Runtime's own types are not hidden.
        const string source = """
            using SpikeSharp;
            namespace D;
            public class Base { public void Update() { } public void Update(double x) { } private int Size; public int Sized => Size; }
            [Population(10)]
            [Lif]
            public partial class Cells : Base;
            """;
        Assert.Empty(GeneratorHarness.Analyze(source));
        var r = Run(source);
        AssertCleanAndComplete(r, 1);
    }

    [Fact]
    public void PopulationDerivedFromAPopulation_SPK0025_InTheGeneratorAndTheAnalyzerAlike()
    {
        const string source = """
            using SpikeSharp;
            namespace D;
            [Population(10)] [Lif] public partial class Cells;
            [Population(10)] [Lif] public partial class More : Cells;
            """;
        // Before generation (the generator's view) and after (the analyzer's in a build) the same clash is found.
        Assert.Contains(GeneratorHarness.Analyze(source), d => d.Id == "SPK0025" && d.GetMessage().StartsWith("Inherited member 'Cells.Size'", StringComparison.Ordinal));
        Assert.Contains(GeneratorHarness.AnalyzeBuilt(source), d => d.Id == "SPK0025" && d.GetMessage().StartsWith("Inherited member 'Cells.Size'", StringComparison.Ordinal));
        var r = Run(source);
        Assert.Equal(new[] { "D.Cells.g.cs" }, r.Sources.Keys);
        Assert.Empty(InGenerated(r));
    }

    // ---- bases that are models themselves, and base constructors ----

    const string TwoPops = "using SpikeSharp;\nnamespace D;\n[Population(100)] [LifRef(Tau = 20)] public partial class P;\n[Population(50)] [LifRef(Tau = 20)] public partial class Q;\n";

    /// <summary>A model whose base is a model of any kind: the base's generated members are known before they exist (the
    /// generator's view) and seen after (a build's analyzer), so the clash is SPK0025 either way and nothing is generated
    /// (align-pre, vanilla, Poisson and network bases were missed: CS0108 and CS1729 in generated code). A Poisson input
    /// base clashes with nothing but has no constructor without arguments: SPK0031.</summary>
    [Theory]
    [InlineData("[FullProjAlignPreDSMg(Pre = typeof(Q), Post = typeof(P))] [CSRLinear(50, 100, Prob = 0.1)] [Ampa] [Coba(E = 0)]", "Threads")]
    [InlineData("[FullProjAlignPreSDMg(Pre = typeof(Q), Post = typeof(P))] [CSRLinear(50, 100, Prob = 0.1)] [Ampa] [Coba(E = 0)]", "Threads")]
    [InlineData("[VanillaProj(Post = typeof(P))] [AllToAll(50, 100, Weight = 0.1)] [Cuba]", "Threads")]
    [InlineData("[HalfProjAlignPostMg(Post = typeof(P))] [EventCSRLinear(50, 100, Prob = 0.1)] [Expon] [Coba]", "Threads")]
    [InlineData("[PoissonGroup(50, Freqs = 10)]", "Size")]
    [InlineData("[PoissonInput(Target = typeof(P), NumInput = 100, Freq = 10, Weight = 0.5)]", null)] // no clash; its constructor takes (target, seed)
    [InlineData("[Network]", "Dt")]
    public void ModelDerivedFromAModelOfAnyKind_SPK0025_InTheGeneratorAndTheAnalyzerAlike(string baseAttributes, string? member)
    {
        string source = TwoPops + baseAttributes + " public partial class B { }\n[Population(10)] [Lif] public partial class Cells : B;";
        string id = member is null ? "SPK0031" : "SPK0025";
        string expected = member is null ? "The population 'Cells' derives from 'B'" : $"Inherited member 'B.{member}'";
        Assert.Contains(GeneratorHarness.Analyze(source), d => d.Id == id && d.GetMessage().StartsWith(expected, StringComparison.Ordinal));
        Assert.Contains(GeneratorHarness.AnalyzeBuilt(source), d => d.Id == id && d.GetMessage().StartsWith(expected, StringComparison.Ordinal));
        var r = Run(source);
        Assert.DoesNotContain("D.Cells.g.cs", r.Sources.Keys);
        Assert.Empty(InGenerated(r));
    }

    [Fact]
    public void BaseWhoseConstructorsAllTakeArguments_SPK0031_AtTheBaseType_AndNotGenerated()
    {
        const string markup = """
            using SpikeSharp;
            namespace D;
            public class Base { public Base(int x) { } private Base() { } }
            [Population(10)]
            [Lif]
            public partial class Cells : {|SPK0031:Base|};
            """;
        var diags = DiagnosticMarkup.AssertDiagnostics(markup);
        Assert.Equal("The population 'Cells' derives from 'Base', which has no accessible constructor callable without arguments; the generated constructors call base()",
            Assert.Single(diags).GetMessage());
        var r = Run(DiagnosticMarkup.Parse(markup).Source);
        Assert.Empty(r.Sources);
        Assert.Empty(InGenerated(r));
    }

    [Theory]
    [InlineData("public Base(int x = 1, params int[] more) { }")]
    [InlineData("protected Base() { } public Base(int x) { }")]
    [InlineData("internal Base() { }")]
    [InlineData("")]
    public void BaseWithAConstructorCallableWithoutArguments_IsValid_AndCompilesClean(string constructors)
    {
        string source = "using SpikeSharp;\nnamespace D;\npublic class Base { " + constructors + " }\n[Population(10)] [Lif] public partial class Cells : Base;";
        Assert.Empty(GeneratorHarness.Analyze(source));
        AssertCleanAndComplete(Run(source), 1);
    }

    [Fact]
    public void ProjectionAndNetworkWithABaseWithoutParameterlessConstructor_SPK0031()
    {
        const string baseType = "public class Base { public Base(string s) { } }\n";
        string projection = TwoPops + baseType + "[HalfProjAlignPostMg(Post = typeof(P))] [EventJitFPHomoLinear(50, 100, Prob = 0.1)] [Expon] [Coba] public partial class E : Base;";
        string network = TwoPops + baseType + "[Network] public partial class Net : Base { public P p; }";
        Assert.Contains(GeneratorHarness.Analyze(projection), d => d.Id == "SPK0031" && d.GetMessage().StartsWith("The projection 'E' derives from 'Base'", StringComparison.Ordinal));
        Assert.Contains(GeneratorHarness.Analyze(network), d => d.Id == "SPK0031" && d.GetMessage().StartsWith("The network 'Net' derives from 'Base'", StringComparison.Ordinal));
        Assert.Empty(InGenerated(Run(projection)));
        Assert.Empty(InGenerated(Run(network)));
    }
}
