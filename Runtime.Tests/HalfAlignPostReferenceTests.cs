using System;
using System.Collections.Generic;
using SpikeSharp;
using Xunit;

namespace SpikeSharp.Runtime.Tests.HalfRef;

// --- The Half align-post pairs the other reference tests leave out: HalfProjAlignPost × EventJitFP uniform/normal and
// HalfProjAlignPostMg × OneToOne and EventJitFP uniform/normal, fed the pre's spikes before it updates, vs float64 g.
[Population(100)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 2)] [InitUniform("V", Min = -60, Max = -50)] public partial class HrPre;
[Population(100)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 2)] public partial class HrPost;
[HalfProjAlignPost(Post = typeof(HrPost))] [EventJitFPUniformLinear(100, 100, Prob = 0.1, WLow = 0.1, WHigh = 0.9, Seed = 31)] [Expon(Tau = 2)] [Coba(E = 0)]
public partial class HrOwnJitUni;
[HalfProjAlignPost(Post = typeof(HrPost))] [EventJitFPNormalLinear(100, 100, Prob = 0.1, WMu = 0.5, WSigma = 0.2, Seed = 32)] [Expon(Tau = 3)] [Coba(E = 0)]
public partial class HrOwnJitNorm;
[HalfProjAlignPostMg(Post = typeof(HrPost))] [OneToOne(100, Weight = 0.6)] [Expon(Tau = 4)] [Coba(E = 0)]
public partial class HrMgO2O;
[HalfProjAlignPostMg(Post = typeof(HrPost))] [EventJitFPUniformLinear(100, 100, Prob = 0.1, WLow = 0.2, WHigh = 0.8, Seed = 33)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class HrMgJitUni;
[HalfProjAlignPostMg(Post = typeof(HrPost))] [EventJitFPNormalLinear(100, 100, Prob = 0.1, WMu = 0.4, WSigma = 0.1, Seed = 34)] [Expon(Tau = 6)] [Coba(E = -80)]
public partial class HrMgJitNorm;

public class HalfAlignPostReferenceTests
{
    const double Dt = 0.1;

    static double[,] FromJit(string kind, ulong seed, ulong stream, int n, double prob, float a, float b)
    {
        var m = new double[n, n];
        var t = new int[n];
        for (int i = 0; i < n; i++)
        {
            int c = JitConnectivity.Targets(seed, stream, i, n, prob, t);
            for (int k = 0; k < c; k++)
                m[i, t[k]] += kind == "Uniform" ? JitComms.UniformWeight(seed, stream, i, t[k], a, b) : JitComms.NormalWeight(seed, stream, i, t[k], a, b);
        }
        return m;
    }

    /// <summary>g in float64: Mg (merged) add → decay (g ← (g + c)·e), own synapse decay → add (g ← g·e + c)
    /// (brainpy-semantics.md §4.2 items 2 and 4); c = Wᵀ s of the pre's spikes of the last step.</summary>
    sealed record Ref(string Name, double[,] W, double Tau, bool Own, Func<float[]> Actual)
    {
        public readonly double[] G = new double[W.GetLength(1)];
        public double Max;

        public void Step(bool[]? last)
        {
            double e = Math.Exp(-Dt / Tau);
            var c = new double[G.Length];
            if (last is not null)
                for (int i = 0; i < last.Length; i++)
                    if (last[i]) for (int j = 0; j < c.Length; j++) c[j] += W[i, j];
            for (int j = 0; j < G.Length; j++) G[j] = Own ? G[j] * e + c[j] : (G[j] + c[j]) * e;
            foreach (double g in G) Max = Math.Max(Max, g);
        }
    }

    [Fact]
    public void HalfPairs_FedBeforeThePreUpdates_FollowTheNaiveDenseReference_For400Steps()
    {
        var pre = new HrPre(seed: 2, dt: Dt);
        var post = new HrPost(seed: 3, dt: Dt);
        var p0 = new HrOwnJitUni(post);
        var p1 = new HrOwnJitNorm(post);
        var p2 = new HrMgO2O(post);
        var p3 = new HrMgJitUni(post);
        var p4 = new HrMgJitNorm(post);
        var o2o = new double[100, 100];
        for (int i = 0; i < 100; i++) o2o[i, i] = HrMgO2O.Weight;
        var refs = new[]
        {
            new Ref("Half own JIT uniform", FromJit("Uniform", p0.Seed, p0.StreamId, 100, HrOwnJitUni.Prob, HrOwnJitUni.WLow, HrOwnJitUni.WHigh), 2, true, () => p0.Conductance.ToArray()),
            new Ref("Half own JIT normal", FromJit("Normal", p1.Seed, p1.StreamId, 100, HrOwnJitNorm.Prob, HrOwnJitNorm.WMu, HrOwnJitNorm.WSigma), 3, true, () => p1.Conductance.ToArray()),
            new Ref("Half Mg OneToOne", o2o, 4, false, () => p2.Conductance.ToArray()),
            new Ref("Half Mg JIT uniform", FromJit("Uniform", p3.Seed, p3.StreamId, 100, HrMgJitUni.Prob, HrMgJitUni.WLow, HrMgJitUni.WHigh), 5, false, () => p3.Conductance.ToArray()),
            new Ref("Half Mg JIT normal", FromJit("Normal", p4.Seed, p4.StreamId, 100, HrMgJitNorm.Prob, HrMgJitNorm.WMu, HrMgJitNorm.WSigma), 6, false, () => p4.Conductance.ToArray()),
        };
        bool[]? last = null;
        int spikes = 0;
        for (int t = 0; t < 400; t++)
        {
            // The seed's order: the projections get the pre's spikes of the last step, then the pre and the post update.
            p0.Deliver(pre.Spike); p1.Deliver(pre.Spike); p2.Deliver(pre.Spike); p3.Deliver(pre.Spike); p4.Deliver(pre.Spike);
            pre.Update(12f);
            post.Update(12f);
            foreach (var r in refs)
            {
                r.Step(last);
                var actual = r.Actual();
                for (int j = 0; j < actual.Length; j++)
                    Assert.True(Math.Abs(actual[j] - r.G[j]) <= 1e-4 * Math.Abs(r.G[j]) + 1e-6, $"{r.Name}, step {t}, post {j}: {actual[j]:R} vs {r.G[j]:R}");
            }
            last = new bool[100];
            for (int k = 0; k < pre.Spike.Count; k++) last[pre.Spike.IndexAt(k)] = true;
            spikes += pre.Spike.Count;
        }
        Assert.True(spikes > 50, $"pre fired {spikes} spikes");
        foreach (var r in refs) Assert.True(r.Max > 0.05, $"{r.Name}: g at most {r.Max}");
    }
}
