using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SpikeSharp.Generator.Tests;

/// <summary>One snapshot per comm / projection family (the CSR, dense, own-synapse, delta and PoissonInput emitters and
/// the [Network] that wires them), read in review; each source also compiles clean and without warnings.</summary>
public class CommSnapshotTests
{
    const string Pops = """
        using SpikeSharp;
        namespace C;
        [Population(100)] [LifRef(Tau = 20)] public partial class P;
        [Population(50)] [LifRef(Tau = 20)] public partial class Q;
        """;

    /// <summary>The projections' and the network's files, and the populations named in <paramref name="populations"/> (the
    /// others, and the state files, are the seed's forms, covered by the model snapshots and DeclaredNetwork).</summary>
    static void Family(string name, string source, params string[] populations)
    {
        DiagnosticMarkup.AssertDiagnostics(source, Pops);
        var r = GeneratorHarness.Run(source, Pops);
        Assert.Empty(r.CompileErrors);
        Assert.Empty(r.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        SnapshotAssert.Matches(r.Sources.Where(kv => !kv.Key.StartsWith("SpikeSharp.State.", StringComparison.Ordinal)
                && (kv.Key is not ("C.P.g.cs" or "C.Q.g.cs") || populations.Contains(kv.Key)))
            .ToDictionary(kv => kv.Key, kv => kv.Value), name);
    }

    /// <summary>Every projection type's doc says what its comm stores (the lowering's <c>CommPlan.Memory</c>), in its remarks,
    /// right after the summary that names the comm: per synapse for CSR, nothing for dense and JIT comms.</summary>
    [Theory]
    [InlineData("[HalfProjAlignPostMg(Post = typeof(P))] [EventJitFPHomoLinear(50, 100, Prob = 0.1)] [Expon] [Coba]", "0 bytes per synapse: targets regenerated from (seed, stream id, pre) per spike, or cached (JitTargetCache, DeliverySettings)")]
    [InlineData("[FullProjAlignPostMg(Pre = typeof(Q), Post = typeof(P))] [EventCSRLinear(50, 100, Prob = 0.1, WLow = 0.1, WHigh = 0.2)] [Expon] [Coba]", "the CSR matrix (about 2 B per synapse, 4 B past 1 048 576 posts, plus row and block starts: CsrMatrix.Bytes), checked against the memory limit before it is allocated, + 4 B per synapse for its weight")]
    [InlineData("[HalfProjDelta(Post = typeof(P))] [OneToOne(100, Weight = 0.1)]", "nothing stored (O(NumOut) per step for AllToAll, O(spikes) for OneToOne)")]
    [InlineData("[FullProjAlignPreSDMg(Pre = typeof(Q), Post = typeof(P))] [JitFPUniformLinear(50, 100, Prob = 0.1, WLow = 0, WHigh = 1)] [Ampa] [Coba]", "0 bytes per synapse: targets and weights regenerated from (seed, stream id, pre, post) every step")]
    [InlineData("[VanillaProj(Post = typeof(P))] [AllToAll(50, 100, Weight = 0.1)] [Cuba]", "nothing stored (O(NumIn + NumOut) per step, post blocks over threads when large)")]
    public void ProjectionDoc_SaysWhatTheCommStores(string attributes, string memory)
    {
        var r = GeneratorHarness.Run($"using SpikeSharp;\nnamespace C;\n{attributes}\npublic partial class X;\n", Pops);
        Assert.Empty(r.CompileErrors);
        var lines = r.Sources["C.X.g.cs"].Split('\n');
        int summary = Array.FindIndex(lines, l => l.TrimStart().StartsWith("/// <summary>", StringComparison.Ordinal) && l.Contains(" onto <see cref=", StringComparison.Ordinal));
        Assert.True(summary >= 0);
        Assert.Equal("/// <remarks>Memory of the comm: " + memory + ".</remarks>", lines[summary + 1].Trim());
    }

    /// <summary>EventCSRLinear: Full on BrainPy's FixedProb with a homogeneous weight and a delay in ms; Half with
    /// per-synapse uniform weights; Full with clipped normal weights on the exact Bernoulli rule.</summary>
    [Fact]
    public void EventCsrLinear_FixedProbAndPerSynapseWeights_MatchesSnapshot() => Family("CommCsr", """
        using SpikeSharp;
        namespace C;
        [FullProjAlignPostMg(Pre = typeof(Q), Post = typeof(P), Delay = 1)]
        [EventCSRLinear(50, 100, Prob = 0.1, Weight = 0.5)] [Expon(Tau = 5)] [Coba(E = 0)]
        public partial class QpHomo;
        [HalfProjAlignPostMg(Post = typeof(P))]
        [EventCSRLinear(50, 100, Prob = 0.2, WLow = 0.1, WHigh = 0.4)] [Expon(Tau = 10)] [Coba(E = -80)]
        public partial class HalfUniform;
        [FullProjAlignPostMg(Pre = typeof(P), Post = typeof(Q))]
        [EventCSRLinear(100, 50, Prob = 0.1, Conn = Conn.Bernoulli, WMu = 0.5, WSigma = 0.2, WMin = 0.1, WMax = 0.9)] [Expon(Tau = 5)] [Coba(E = 0)]
        public partial class PqNormal;
        [Network] public partial class Net { public P p; public Q q; QpHomo a; PqNormal b; }
        """);

    /// <summary>AllToAll (without self connections) and OneToOne, the dense event comms.</summary>
    [Fact]
    public void AllToAllAndOneToOne_MatchesSnapshot() => Family("CommDense", """
        using SpikeSharp;
        namespace C;
        [FullProjAlignPostMg(Pre = typeof(P), Post = typeof(P), DelaySteps = 2)]
        [AllToAll(100, 100, Weight = 0.01, IncludeSelf = false)] [Expon(Tau = 5)] [Coba(E = 0)]
        public partial class PpAll;
        [FullProjAlignPostMg(Pre = typeof(Q), Post = typeof(Q))]
        [OneToOne(50, Weight = 0.5)] [Expon(Tau = 10)] [Coba(E = -80)]
        public partial class QqOne;
        [Network] public partial class Net { public P p; public Q q; PpAll a; QqOne b; }
        """);

    /// <summary>HalfProjAlignPost / FullProjAlignPost: each its own synapse (not merged), decay then add.</summary>
    [Fact]
    public void OwnSynapseProjections_MatchesSnapshot() => Family("CommOwnSynapse", """
        using SpikeSharp;
        namespace C;
        [FullProjAlignPost(Pre = typeof(Q), Post = typeof(P), DelaySteps = 3)]
        [EventCSRLinear(50, 100, Prob = 0.1, Weight = 2)] [Expon(Tau = 5)] [Coba(E = 0)]
        public partial class QpOwn;
        [HalfProjAlignPost(Post = typeof(P))]
        [EventJitFPHomoLinear(50, 100, Prob = 0.1, Weight = 1)] [Expon(Tau = 5)] [Coba(E = 0)]
        public partial class HalfOwn;
        [Network] public partial class Net { public P p; public Q q; QpOwn a; }
        """, "C.P.g.cs");

    /// <summary>HalfProjDelta / FullProjDelta: events into the post's Delta array, added to V after integration.</summary>
    [Fact]
    public void DeltaProjections_MatchesSnapshot() => Family("CommDelta", """
        using SpikeSharp;
        namespace C;
        [FullProjDelta(Pre = typeof(Q), Post = typeof(P), DelaySteps = 1)]
        [EventCSRLinear(50, 100, Conn = Conn.FixedPreNum, Num = 5)]
        public partial class QpDelta;
        [HalfProjDelta(Post = typeof(P))]
        [EventJitFPHomoLinear(50, 100, Prob = 0.1, Weight = 0.2)]
        public partial class HalfDelta;
        [Network] public partial class Net { public P p; public Q q; QpDelta a; }
        """, "C.P.g.cs");

    /// <summary>PoissonInput as a network member: drawn into V before the population updates.</summary>
    [Fact]
    public void PoissonInput_MatchesSnapshot() => Family("CommPoisson", """
        using SpikeSharp;
        namespace C;
        [PoissonInput(Target = typeof(P), Variable = "V", NumInput = 200, Freq = 20, Weight = 1.5)]
        public partial class Drive;
        [Network] public partial class Net { public P p; public Drive drive; }
        """);
}
