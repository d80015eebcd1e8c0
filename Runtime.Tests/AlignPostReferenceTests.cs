using System;
using System.Collections.Generic;
using SpikeSharp;
using Xunit;

namespace SpikeSharp.Runtime.Tests.AlignPostRef;

// --- Align-post projections × event comms, stepped in BrainPy's order against a naive dense float64 reference of g.
// One pre (fires under a constant input), each projection with its own τ so that each is its own merge group.
[Population(100)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 2)] [InitUniform("V", Min = -60, Max = -50)] public partial class RfPre;
[Population(100)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 2)] public partial class RfPost;

[FullProjAlignPostMg(Pre = typeof(RfPre), Post = typeof(RfPost))] [EventCSRLinear(100, 100, Prob = 0.1, Weight = 0.4, Seed = 1)] [Expon(Tau = 2)] [Coba(E = 0)]
public partial class RfCsrHomo;
[FullProjAlignPostMg(Pre = typeof(RfPre), Post = typeof(RfPost), DelaySteps = 3)] [EventCSRLinear(100, 100, Prob = 0.1, WLow = 0.1, WHigh = 0.5, Seed = 2)] [Expon(Tau = 3)] [Coba(E = 0)]
public partial class RfCsrUni;
[FullProjAlignPostMg(Pre = typeof(RfPre), Post = typeof(RfPost), Delay = 0.5)] [EventJitFPHomoLinear(100, 100, Prob = 0.1, Weight = 0.3, Seed = 3)] [Expon(Tau = 4)] [Coba(E = 0)]
public partial class RfJitHomo;
[FullProjAlignPostMg(Pre = typeof(RfPre), Post = typeof(RfPost))] [EventJitFPUniformLinear(100, 100, Prob = 0.1, WLow = 0.1, WHigh = 0.9, Seed = 4)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class RfJitUni;
[FullProjAlignPostMg(Pre = typeof(RfPre), Post = typeof(RfPost), DelaySteps = 2)] [EventJitFPNormalLinear(100, 100, Prob = 0.1, WMu = 0.5, WSigma = 0.2, Seed = 5)] [Expon(Tau = 6)] [Coba(E = -80)]
public partial class RfJitNorm;
[FullProjAlignPostMg(Pre = typeof(RfPre), Post = typeof(RfPost))] [AllToAll(100, 100, Weight = 0.01, IncludeSelf = false)] [Expon(Tau = 7)] [Coba(E = 0)]
public partial class RfA2A;
[FullProjAlignPostMg(Pre = typeof(RfPre), Post = typeof(RfPost), DelaySteps = 1)] [OneToOne(100, Weight = 0.6)] [Expon(Tau = 8)] [Coba(E = 0)]
public partial class RfO2O;
[FullProjAlignPost(Pre = typeof(RfPre), Post = typeof(RfPost), DelaySteps = 2)] [EventCSRLinear(100, 100, Prob = 0.2, Weight = 0.2, Seed = 6)] [Expon(Tau = 9)] [Coba(E = 0)]
public partial class RfOwnCsr;
[FullProjAlignPost(Pre = typeof(RfPre), Post = typeof(RfPost))] [EventJitFPHomoLinear(100, 100, Prob = 0.1, Weight = 0.3, Seed = 7)] [Expon(Tau = 9)] [Coba(E = 0)]
public partial class RfOwnJit;
[FullProjAlignPost(Pre = typeof(RfPre), Post = typeof(RfPost))] [AllToAll(100, 100, Weight = 0.01)] [Expon(Tau = 9)] [Coba(E = 0)]
public partial class RfOwnA2A;

// --- Half projections (fed by hand with the pre's spikes before it updates) × event comms.
[Population(100)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 2)] [InitUniform("V", Min = -60, Max = -50)] public partial class RhPre;
[Population(100)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 2)] public partial class RhPost;
[HalfProjAlignPostMg(Post = typeof(RhPost))] [EventCSRLinear(100, 100, Prob = 0.1, Weight = 0.4, Seed = 11)] [Expon(Tau = 2)] [Coba(E = 0)]
public partial class RhMgCsr;
[HalfProjAlignPostMg(Post = typeof(RhPost))] [EventJitFPHomoLinear(100, 100, Prob = 0.1, Weight = 0.3, Seed = 12)] [Expon(Tau = 3)] [Coba(E = 0)]
public partial class RhMgJit;
[HalfProjAlignPostMg(Post = typeof(RhPost))] [AllToAll(100, 100, Weight = 0.01)] [Expon(Tau = 4)] [Coba(E = 0)]
public partial class RhMgA2A;
[HalfProjAlignPost(Post = typeof(RhPost))] [EventCSRLinear(100, 100, Prob = 0.1, Weight = 0.2, Seed = 13)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class RhOwnCsr;
[HalfProjAlignPost(Post = typeof(RhPost))] [OneToOne(100, Weight = 0.6)] [Expon(Tau = 6)] [Coba(E = 0)]
public partial class RhOwnO2O;

[Network]
public partial class RfNet
{
    public RfPre Pre;
    public RfPost Post;
    public RfCsrHomo P0;
    public RfCsrUni P1;
    public RfJitHomo P2;
    public RfJitUni P3;
    public RfJitNorm P4;
    public RfA2A P5;
    public RfO2O P6;
    public RfOwnCsr P7;
    public RfOwnJit P8;
    public RfOwnA2A P9;
}

public class AlignPostReferenceTests
{
    const double Dt = 0.1;

    static double[,] FromCsr(CsrMatrix m, Func<int, float> weight)
    {
        var d = new double[m.NumPre, m.NumPost];
        for (int i = 0; i < m.NumPre; i++)
        {
            var t = m.Targets(i);
            for (int k = 0; k < t.Length; k++) d[i, t[k]] += weight((int)(m.RowStart(i) + k));
        }
        return d;
    }

    static double[,] FromJit(string kind, ulong seed, ulong stream, int n, double prob, float a, float b)
    {
        var m = new double[n, n];
        var t = new int[n];
        for (int i = 0; i < n; i++)
        {
            int c = JitConnectivity.Targets(seed, stream, i, n, prob, t);
            for (int k = 0; k < c; k++)
                m[i, t[k]] += kind switch
                {
                    "Homo" => a,
                    "Uniform" => JitComms.UniformWeight(seed, stream, i, t[k], a, b),
                    _ => JitComms.NormalWeight(seed, stream, i, t[k], a, b),
                };
        }
        return m;
    }

    /// <summary>A projection's g in float64: Mg (merged) is add → decay (g ← (g + c)·e), own synapse decay → add
    /// (g ← g·e + c) (brainpy-semantics.md §4.2 items 2 and 4); c = Wᵀ s of the spikes of max(d, 1) steps ago.</summary>
    sealed record Ref(string Name, double[,] W, int Delay, double Tau, bool Own, Func<float[]> Actual)
    {
        public readonly double[] G = new double[W.GetLength(1)];

        public void Step(List<bool[]> history)
        {
            int back = Math.Max(Delay, 1);
            double e = Math.Exp(-Dt / Tau);
            var c = new double[G.Length];
            if (history.Count - back >= 0)
            {
                var s = history[history.Count - back];
                for (int i = 0; i < s.Length; i++)
                    if (s[i]) for (int j = 0; j < c.Length; j++) c[j] += W[i, j];
            }
            for (int j = 0; j < G.Length; j++) G[j] = Own ? G[j] * e + c[j] : (G[j] + c[j]) * e;
        }
    }

    [Fact]
    public void EachProjectionAndComm_FollowsTheNaiveDenseReference_For400Steps()
    {
        var net = new RfNet(seed: 3, dt: Dt);
        Assert.Equal(5, net.P2.DelaySteps);
        var sw = new float[net.P1.Matrix.Synapses];
        SynapseWeights.Uniform(0.1f, 0.5f).Fill(sw, net.P1.Seed, net.P1.StreamId);
        var a2a = new double[100, 100];
        var a2aOwn = new double[100, 100];
        var o2o = new double[100, 100];
        for (int i = 0; i < 100; i++)
            for (int j = 0; j < 100; j++) { a2a[i, j] = i == j ? 0 : RfA2A.Weight; a2aOwn[i, j] = RfOwnA2A.Weight; o2o[i, j] = i == j ? RfO2O.Weight : 0; }
        var refs = new[]
        {
            new Ref("CsrHomo", FromCsr(net.P0.Matrix, _ => RfCsrHomo.Weight), 0, 2, false, () => net.P0.Conductance.ToArray()),
            new Ref("CsrUniform", FromCsr(net.P1.Matrix, s => sw[s]), 3, 3, false, () => net.P1.Conductance.ToArray()),
            new Ref("JitHomo", FromJit("Homo", net.P2.Seed, net.P2.StreamId, 100, RfJitHomo.Prob, RfJitHomo.Weight, 0), 5, 4, false, () => net.P2.Conductance.ToArray()),
            new Ref("JitUniform", FromJit("Uniform", net.P3.Seed, net.P3.StreamId, 100, RfJitUni.Prob, RfJitUni.WLow, RfJitUni.WHigh), 0, 5, false, () => net.P3.Conductance.ToArray()),
            new Ref("JitNormal", FromJit("Normal", net.P4.Seed, net.P4.StreamId, 100, RfJitNorm.Prob, RfJitNorm.WMu, RfJitNorm.WSigma), 2, 6, false, () => net.P4.Conductance.ToArray()),
            new Ref("AllToAll", a2a, 0, 7, false, () => net.P5.Conductance.ToArray()),
            new Ref("OneToOne", o2o, 1, 8, false, () => net.P6.Conductance.ToArray()),
            new Ref("Own CSR", FromCsr(net.P7.Matrix, _ => RfOwnCsr.Weight), 2, 9, true, () => net.P7.Conductance.ToArray()),
            new Ref("Own JIT", FromJit("Homo", net.P8.Seed, net.P8.StreamId, 100, RfOwnJit.Prob, RfOwnJit.Weight, 0), 0, 9, true, () => net.P8.Conductance.ToArray()),
            new Ref("Own AllToAll", a2aOwn, 0, 9, true, () => net.P9.Conductance.ToArray()),
        };
        var history = new List<bool[]>();
        int spikes = 0;
        var maxG = new double[refs.Length];
        for (int t = 0; t < 400; t++)
        {
            net.Step(12f);
            foreach (var r in refs)
            {
                r.Step(history);
                var actual = r.Actual();
                for (int j = 0; j < actual.Length; j++)
                    Assert.True(Math.Abs(actual[j] - r.G[j]) <= 1e-4 * Math.Abs(r.G[j]) + 1e-6, $"{r.Name}, step {t}, post {j}: {actual[j]:R} vs {r.G[j]:R}");
            }
            for (int k = 0; k < refs.Length; k++) foreach (double g in refs[k].G) maxG[k] = Math.Max(maxG[k], g);
            var mask = new bool[100];
            for (int k = 0; k < net.Pre.Spike.Count; k++) mask[net.Pre.Spike.IndexAt(k)] = true;
            spikes += net.Pre.Spike.Count;
            history.Add(mask);
        }
        Assert.True(spikes > 50, $"pre fired {spikes} spikes");
        for (int k = 0; k < refs.Length; k++) Assert.True(maxG[k] > 0.05, $"{refs[k].Name}: g at most {maxG[k]}");
    }

    [Fact]
    public void HalfProjections_FedBeforeThePreUpdates_FollowTheNaiveDenseReference_For400Steps()
    {
        var pre = new RhPre(seed: 2, dt: Dt);
        var post = new RhPost(seed: 3, dt: Dt);
        var p0 = new RhMgCsr(post);
        var p1 = new RhMgJit(post);
        var p2 = new RhMgA2A(post);
        var p3 = new RhOwnCsr(post);
        var p4 = new RhOwnO2O(post);
        var a2a = new double[100, 100];
        var o2o = new double[100, 100];
        for (int i = 0; i < 100; i++) for (int j = 0; j < 100; j++) { a2a[i, j] = RhMgA2A.Weight; o2o[i, j] = i == j ? RhOwnO2O.Weight : 0; }
        var refs = new[]
        {
            new Ref("Half Mg CSR", FromCsr(p0.Matrix, _ => RhMgCsr.Weight), 1, 2, false, () => p0.Conductance.ToArray()),
            new Ref("Half Mg JIT", FromJit("Homo", p1.Seed, p1.StreamId, 100, RhMgJit.Prob, RhMgJit.Weight, 0), 1, 3, false, () => p1.Conductance.ToArray()),
            new Ref("Half Mg AllToAll", a2a, 1, 4, false, () => p2.Conductance.ToArray()),
            new Ref("Half own CSR", FromCsr(p3.Matrix, _ => RhOwnCsr.Weight), 1, 5, true, () => p3.Conductance.ToArray()),
            new Ref("Half own OneToOne", o2o, 1, 6, true, () => p4.Conductance.ToArray()),
        };
        var history = new List<bool[]>();
        int spikes = 0;
        var maxG = new double[refs.Length];
        for (int t = 0; t < 400; t++)
        {
            // The seed's order: the projections get the pre's spikes of the last step, then the pre and the post update.
            p0.Deliver(pre.Spike); p1.Deliver(pre.Spike); p2.Deliver(pre.Spike); p3.Deliver(pre.Spike); p4.Deliver(pre.Spike);
            pre.Update(12f);
            post.Update(12f);
            foreach (var r in refs)
            {
                r.Step(history);
                var actual = r.Actual();
                for (int j = 0; j < actual.Length; j++)
                    Assert.True(Math.Abs(actual[j] - r.G[j]) <= 1e-4 * Math.Abs(r.G[j]) + 1e-6, $"{r.Name}, step {t}, post {j}: {actual[j]:R} vs {r.G[j]:R}");
            }
            for (int k = 0; k < refs.Length; k++) foreach (double g in refs[k].G) maxG[k] = Math.Max(maxG[k], g);
            var mask = new bool[100];
            for (int k = 0; k < pre.Spike.Count; k++) mask[pre.Spike.IndexAt(k)] = true;
            spikes += pre.Spike.Count;
            history.Add(mask);
        }
        Assert.True(spikes > 50, $"pre fired {spikes} spikes");
        for (int k = 0; k < refs.Length; k++) Assert.True(maxG[k] > 0.05, $"{refs[k].Name}: g at most {maxG[k]}");
    }
}
