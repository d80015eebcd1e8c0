using System.Linq;
using Xunit;

namespace SpikeSharp.Generator.Tests;

public class MergingTests
{
    const string Post = """
        using SpikeSharp;
        namespace M;
        [Population(100)]
        [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)]
        public partial class P;
        """;

    static string Proj(string name, string tau, string e, string weight = "0.5", string prob = "0.1") => $$"""
        using SpikeSharp;
        namespace M;
        [HalfProjAlignPostMg(Post = typeof(P))]
        [EventJitFPHomoLinear(100, 100, Prob = {{prob}}, Weight = {{weight}})]
        [Expon(Tau = {{tau}})]
        [Coba(E = {{e}})]
        public partial class {{name}};
        """;

    static int BufferCount(string populationSource) =>
        populationSource.Split('\n').Count(l => l.TrimStart().StartsWith("public readonly float[] G", System.StringComparison.Ordinal));

    [Fact]
    public void EqualDescriptors_ShareOneBuffer_EvenWhenWrittenDifferently()
    {
        // 5 and 5.0, 0 and 0.0: merge keys compare values, not text (design.md decision 4). Weight and Prob are comm
        // parameters and do not enter the key.
        var r = GeneratorHarness.Run(Post, Proj("A", "5", "0"), Proj("B", "5.0", "0.0", weight: "2", prob: "0.3"));
        Assert.Empty(r.CompileErrors);
        string pop = r.Sources["M.P.g.cs"];
        Assert.Equal(1, BufferCount(pop));
        Assert.Contains("// merge key: None // Expon(tau=5) // COBA(E=0) <- M.A, M.B", pop);
        Assert.Contains("__g = post.G0;", r.Sources["M.A.g.cs"]);
        Assert.Contains("__g = post.G0;", r.Sources["M.B.g.cs"]);
    }

    [Theory]
    [InlineData("10", "0")]   // different Tau
    [InlineData("5", "-80")]  // different E
    public void DifferentDescriptor_GetsItsOwnBuffer(string tau, string e)
    {
        var r = GeneratorHarness.Run(Post, Proj("A", "5", "0"), Proj("B", tau, e));
        Assert.Empty(r.CompileErrors);
        Assert.Equal(2, BufferCount(r.Sources["M.P.g.cs"]));
        Assert.Contains("__g = post.G0;", r.Sources["M.A.g.cs"]);
        Assert.Contains("__g = post.G1;", r.Sources["M.B.g.cs"]);
    }

    [Fact]
    public void CubaAndCoba_DoNotMerge()
    {
        const string cuba = """
            using SpikeSharp;
            namespace M;
            [HalfProjAlignPostMg(Post = typeof(P))]
            [EventJitFPHomoLinear(100, 100, Prob = 0.1, Weight = -1)]
            [Expon(Tau = 5)]
            [Cuba]
            public partial class C;
            """;
        var r = GeneratorHarness.Run(Post, Proj("A", "5", "0"), cuba);
        Assert.Empty(r.CompileErrors);
        string pop = r.Sources["M.P.g.cs"];
        Assert.Equal(2, BufferCount(pop));
        // Group 1's output is CUBA: its decayed conductance is added as it is, without (E − V).
        Assert.Contains("float current = input + g0New * (0f - vOld) + g1New;", pop);
        Assert.Contains("// merge key: None // Expon(tau=5) // CUBA() <- M.C", pop);
    }

    [Fact]
    public void DualExponV2_MergesByValue_WithTwoArraysPerGroup()
    {
        static string Dual(string name, string tauDecay) =>
            Proj(name, "5", "0").Replace("[Expon(Tau = 5)]", $"[DualExponV2(TauDecay = {tauDecay}, TauRise = 1)]");
        var r = GeneratorHarness.Run(Post, Dual("A", "10"), Dual("B", "10.0"), Dual("C", "20"));
        Assert.Empty(r.CompileErrors);
        string pop = r.Sources["M.P.g.cs"];
        Assert.Equal(4, BufferCount(pop)); // two groups of two arrays: {A, B} and {C}
        foreach (var member in new[] { "GRise0", "GDecay0", "GRise1", "GDecay1" })
            Assert.Contains("public readonly float[] " + member + ";", pop);
        // The output reads A·(g_decay − g_rise), A computed from the time constants (1.435056 for 10 and 1, 1.4350551f as float).
        Assert.Contains("1.4350551f * (gDecay0New - gRise0New)", pop);
        foreach (var (proj, group) in new[] { ("A", 0), ("B", 0), ("C", 1) })
        {
            string src = r.Sources["M." + proj + ".g.cs"];
            Assert.Contains($"__g = post.GRise{group};", src);
            Assert.Contains($"__g1 = post.GDecay{group};", src);
        }
        Assert.Contains("DualExponV2(tau_decay=10, tau_rise=1, A=1.43505", r.Sources["M.A.g.cs"]);
    }
}
