using System;
using System.Collections.Generic;
using SpikeSharp;
using Xunit;

namespace SpikeSharp.Runtime.Tests.DeltaRef;

// --- HalfProjDelta and FullProjDelta × every event comm, stepped in BrainPy's order for 400 steps against a naive dense
// float64 reference of the Delta each post is handed (one post population per projection, so each Delta is one projection's).
[Population(100)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 2)] [InitUniform("V", Min = -60, Max = -50)] public partial class DrPre;

[Population(100)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 2)] [InitUniform("V", Min = -60, Max = -52)] public partial class DrFullPost0;
[Population(100)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 2)] [InitUniform("V", Min = -60, Max = -52)] public partial class DrHalfPost0;
[Population(100)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 2)] [InitUniform("V", Min = -60, Max = -52)] public partial class DrFullPost1;
[Population(100)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 2)] [InitUniform("V", Min = -60, Max = -52)] public partial class DrHalfPost1;
[Population(100)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 2)] [InitUniform("V", Min = -60, Max = -52)] public partial class DrFullPost2;
[Population(100)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 2)] [InitUniform("V", Min = -60, Max = -52)] public partial class DrHalfPost2;
[Population(100)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 2)] [InitUniform("V", Min = -60, Max = -52)] public partial class DrFullPost3;
[Population(100)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 2)] [InitUniform("V", Min = -60, Max = -52)] public partial class DrHalfPost3;
[Population(100)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 2)] [InitUniform("V", Min = -60, Max = -52)] public partial class DrFullPost4;
[Population(100)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 2)] [InitUniform("V", Min = -60, Max = -52)] public partial class DrHalfPost4;
[Population(100)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 2)] [InitUniform("V", Min = -60, Max = -52)] public partial class DrFullPost5;
[Population(100)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 2)] [InitUniform("V", Min = -60, Max = -52)] public partial class DrHalfPost5;
[Population(100)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 2)] [InitUniform("V", Min = -60, Max = -52)] public partial class DrFullPost6;
[Population(100)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 2)] [InitUniform("V", Min = -60, Max = -52)] public partial class DrHalfPost6;
[Population(100)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 2)] [InitUniform("V", Min = -60, Max = -52)] public partial class DrFullPost7;
[Population(100)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 2)] [InitUniform("V", Min = -60, Max = -52)] public partial class DrHalfPost7;

[FullProjDelta(Pre = typeof(DrPre), Post = typeof(DrFullPost0))] [EventJitFPHomoLinear(100, 100, Prob = 0.1, Weight = 0.9, Seed = 20)] public partial class DrFullJitHomo;
[HalfProjDelta(Post = typeof(DrHalfPost0))] [EventJitFPHomoLinear(100, 100, Prob = 0.1, Weight = 0.9, Seed = 40)] public partial class DrHalfJitHomo;
[FullProjDelta(Pre = typeof(DrPre), Post = typeof(DrFullPost1), DelaySteps = 2)] [EventJitFPUniformLinear(100, 100, Prob = 0.1, WLow = 0.2, WHigh = 1.2, Seed = 21)] public partial class DrFullJitUni;
[HalfProjDelta(Post = typeof(DrHalfPost1))] [EventJitFPUniformLinear(100, 100, Prob = 0.1, WLow = 0.2, WHigh = 1.2, Seed = 41)] public partial class DrHalfJitUni;
[FullProjDelta(Pre = typeof(DrPre), Post = typeof(DrFullPost2), Delay = 0.3)] [EventJitFPNormalLinear(100, 100, Prob = 0.1, WMu = 0.8, WSigma = 0.3, Seed = 22)] public partial class DrFullJitNorm;
[HalfProjDelta(Post = typeof(DrHalfPost2))] [EventJitFPNormalLinear(100, 100, Prob = 0.1, WMu = 0.8, WSigma = 0.3, Seed = 42)] public partial class DrHalfJitNorm;
[FullProjDelta(Pre = typeof(DrPre), Post = typeof(DrFullPost3))] [EventCSRLinear(100, 100, Prob = 0.1, Weight = 0.7, Seed = 23)] public partial class DrFullCsrHomo;
[HalfProjDelta(Post = typeof(DrHalfPost3))] [EventCSRLinear(100, 100, Prob = 0.1, Weight = 0.7, Seed = 43)] public partial class DrHalfCsrHomo;
[FullProjDelta(Pre = typeof(DrPre), Post = typeof(DrFullPost4), DelaySteps = 1)] [EventCSRLinear(100, 100, Prob = 0.1, WLow = 0.1, WHigh = 1.1, Seed = 24)] public partial class DrFullCsrUni;
[HalfProjDelta(Post = typeof(DrHalfPost4))] [EventCSRLinear(100, 100, Prob = 0.1, WLow = 0.1, WHigh = 1.1, Seed = 44)] public partial class DrHalfCsrUni;
[FullProjDelta(Pre = typeof(DrPre), Post = typeof(DrFullPost5), DelaySteps = 4)] [EventCSRLinear(100, 100, Prob = 0.1, WMu = 0.6, WSigma = 0.2, Seed = 25)] public partial class DrFullCsrNorm;
[HalfProjDelta(Post = typeof(DrHalfPost5))] [EventCSRLinear(100, 100, Prob = 0.1, WMu = 0.6, WSigma = 0.2, Seed = 45)] public partial class DrHalfCsrNorm;
[FullProjDelta(Pre = typeof(DrPre), Post = typeof(DrFullPost6))] [AllToAll(100, 100, Weight = 0.05, IncludeSelf = false)] public partial class DrFullA2A;
[HalfProjDelta(Post = typeof(DrHalfPost6))] [AllToAll(100, 100, Weight = 0.05, IncludeSelf = false)] public partial class DrHalfA2A;
[FullProjDelta(Pre = typeof(DrPre), Post = typeof(DrFullPost7), DelaySteps = 3)] [OneToOne(100, Weight = 1.5)] public partial class DrFullO2O;
[HalfProjDelta(Post = typeof(DrHalfPost7))] [OneToOne(100, Weight = 1.5)] public partial class DrHalfO2O;

[Network]
public partial class DrNet
{
    public DrPre Pre;
    public DrFullPost0 Post0;
    public DrFullPost1 Post1;
    public DrFullPost2 Post2;
    public DrFullPost3 Post3;
    public DrFullPost4 Post4;
    public DrFullPost5 Post5;
    public DrFullPost6 Post6;
    public DrFullPost7 Post7;
    public DrFullJitHomo P0;
    public DrFullJitUni P1;
    public DrFullJitNorm P2;
    public DrFullCsrHomo P3;
    public DrFullCsrUni P4;
    public DrFullCsrNorm P5;
    public DrFullA2A P6;
    public DrFullO2O P7;

}

public class DeltaReferenceTests
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

    static double[,] Dense(int n, Func<int, int, double> w)
    {
        var m = new double[n, n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) m[i, j] = w(i, j);
        return m;
    }

    /// <summary>What a delta projection hands its post in one step, in float64: Wᵀ s of the pre's spikes of max(d, 1)
    /// steps ago (d = 0: the spikes of the last step, read before the pre updates).</summary>
    sealed record Ref(string Name, double[,] W, int Delay, Func<float[]> Actual)
    {
        public double Max;

        public void Check(List<bool[]> history, int step)
        {
            int back = Math.Max(Delay, 1);
            var c = new double[W.GetLength(1)];
            if (history.Count - back >= 0)
            {
                var s = history[history.Count - back];
                for (int i = 0; i < s.Length; i++)
                    if (s[i]) for (int j = 0; j < c.Length; j++) c[j] += W[i, j];
            }
            var actual = Actual();
            for (int j = 0; j < c.Length; j++)
            {
                Assert.True(Math.Abs(actual[j] - c[j]) <= 1e-5 * Math.Abs(c[j]) + 1e-6, $"{Name}, step {step}, post {j}: {actual[j]:R} vs {c[j]:R}");
                Max = Math.Max(Max, Math.Abs(c[j]));
            }
        }
    }

    static float[] Weights(SynapseWeights w, CsrMatrix m, ulong seed, ulong stream)
    {
        var sw = new float[m.Synapses];
        w.Fill(sw, seed, stream);
        return sw;
    }

    static void Run(List<Ref> refs, Func<Spikes> preSpike, Action beforeCheck, Action afterCheck)
    {
        var history = new List<bool[]>();
        int spikes = 0;
        for (int t = 0; t < 400; t++)
        {
            beforeCheck();
            foreach (var r in refs) r.Check(history, t);
            afterCheck();
            var s = preSpike();
            var mask = new bool[s.Length];
            for (int k = 0; k < s.Count; k++) mask[s.IndexAt(k)] = true;
            spikes += s.Count;
            history.Add(mask);
        }
        Assert.True(spikes > 50, $"pre fired {spikes} spikes");
        foreach (var r in refs) Assert.True(r.Max > 0.1, $"{r.Name}: the Delta was at most {r.Max}");
    }

    [Fact]
    public void FullProjDelta_EachComm_FollowsTheNaiveDenseReference_For400Steps()
    {
        var net = new DrNet(seed: 3, dt: Dt);
        Assert.Equal(3, net.P2.DelaySteps); // 0.3 ms at 0.1 ms
        var refs = new List<Ref>
        {
            new("Full JIT homo", FromJit("Homo", net.P0.Seed, net.P0.StreamId, 100, DrFullJitHomo.Prob, DrFullJitHomo.Weight, 0), net.P0.DelaySteps, () => net.Post0.Delta.AsSpan().ToArray()),
            new("Full JIT uniform", FromJit("Uniform", net.P1.Seed, net.P1.StreamId, 100, DrFullJitUni.Prob, DrFullJitUni.WLow, DrFullJitUni.WHigh), net.P1.DelaySteps, () => net.Post1.Delta.AsSpan().ToArray()),
            new("Full JIT normal", FromJit("Normal", net.P2.Seed, net.P2.StreamId, 100, DrFullJitNorm.Prob, DrFullJitNorm.WMu, DrFullJitNorm.WSigma), net.P2.DelaySteps, () => net.Post2.Delta.AsSpan().ToArray()),
            new("Full CSR homo", FromCsr(net.P3.Matrix, _ => DrFullCsrHomo.Weight), net.P3.DelaySteps, () => net.Post3.Delta.AsSpan().ToArray()),
            new("Full CSR uniform", FromCsr(net.P4.Matrix, CsrUniform(net.P4.Matrix, net.P4.Seed, net.P4.StreamId, DrFullCsrUni.WLow, DrFullCsrUni.WHigh)), net.P4.DelaySteps, () => net.Post4.Delta.AsSpan().ToArray()),
            new("Full CSR normal", FromCsr(net.P5.Matrix, CsrNormal(net.P5.Matrix, net.P5.Seed, net.P5.StreamId, DrFullCsrNorm.WMu, DrFullCsrNorm.WSigma)), net.P5.DelaySteps, () => net.Post5.Delta.AsSpan().ToArray()),
            new("Full AllToAll", Dense(100, (i, j) => i == j ? 0 : DrFullA2A.Weight), net.P6.DelaySteps, () => net.Post6.Delta.AsSpan().ToArray()),
            new("Full OneToOne", Dense(100, (i, j) => i == j ? DrFullO2O.Weight : 0), net.P7.DelaySteps, () => net.Post7.Delta.AsSpan().ToArray()),
        };
        // BrainPy's DynSysGroup order: projections (here the Delta each post is handed is read), populations, delays.
        Run(refs, () => net.Pre.Spike, net.UpdateProjections, () => { net.UpdatePopulations(12f); net.UpdateDelays(); });
    }

    static Func<int, float> CsrNormal(CsrMatrix m, ulong seed, ulong stream, float mu, float sigma)
    {
        var sw = Weights(SynapseWeights.Normal(mu, sigma), m, seed, stream); // unclipped, as the projection builds them
        return s => sw[s];
    }

    static Func<int, float> CsrUniform(CsrMatrix m, ulong seed, ulong stream, float low, float high)
    {
        var sw = Weights(SynapseWeights.Uniform(low, high), m, seed, stream);
        return s => sw[s];
    }

    [Fact]
    public void HalfProjDelta_EachComm_FedBeforeThePreUpdates_FollowsTheNaiveDenseReference_For400Steps()
    {
        var pre = new DrPre(seed: 2, dt: Dt);
        var p0 = new DrHalfJitHomo(new DrHalfPost0(seed: 10, dt: Dt));
        var p1 = new DrHalfJitUni(new DrHalfPost1(seed: 11, dt: Dt));
        var p2 = new DrHalfJitNorm(new DrHalfPost2(seed: 12, dt: Dt));
        var p3 = new DrHalfCsrHomo(new DrHalfPost3(seed: 13, dt: Dt));
        var p4 = new DrHalfCsrUni(new DrHalfPost4(seed: 14, dt: Dt));
        var p5 = new DrHalfCsrNorm(new DrHalfPost5(seed: 15, dt: Dt));
        var p6 = new DrHalfA2A(new DrHalfPost6(seed: 16, dt: Dt));
        var p7 = new DrHalfO2O(new DrHalfPost7(seed: 17, dt: Dt));
        var refs = new List<Ref>
        {
            new("Half JIT homo", FromJit("Homo", p0.Seed, p0.StreamId, 100, DrHalfJitHomo.Prob, DrHalfJitHomo.Weight, 0), 1, () => p0.Post.Delta.AsSpan().ToArray()),
            new("Half JIT uniform", FromJit("Uniform", p1.Seed, p1.StreamId, 100, DrHalfJitUni.Prob, DrHalfJitUni.WLow, DrHalfJitUni.WHigh), 1, () => p1.Post.Delta.AsSpan().ToArray()),
            new("Half JIT normal", FromJit("Normal", p2.Seed, p2.StreamId, 100, DrHalfJitNorm.Prob, DrHalfJitNorm.WMu, DrHalfJitNorm.WSigma), 1, () => p2.Post.Delta.AsSpan().ToArray()),
            new("Half CSR homo", FromCsr(p3.Matrix, _ => DrHalfCsrHomo.Weight), 1, () => p3.Post.Delta.AsSpan().ToArray()),
            new("Half CSR uniform", FromCsr(p4.Matrix, CsrUniform(p4.Matrix, p4.Seed, p4.StreamId, DrHalfCsrUni.WLow, DrHalfCsrUni.WHigh)), 1, () => p4.Post.Delta.AsSpan().ToArray()),
            new("Half CSR normal", FromCsr(p5.Matrix, CsrNormal(p5.Matrix, p5.Seed, p5.StreamId, DrHalfCsrNorm.WMu, DrHalfCsrNorm.WSigma)), 1, () => p5.Post.Delta.AsSpan().ToArray()),
            new("Half AllToAll", Dense(100, (i, j) => i == j ? 0 : DrHalfA2A.Weight), 1, () => p6.Post.Delta.AsSpan().ToArray()),
            new("Half OneToOne", Dense(100, (i, j) => i == j ? DrHalfO2O.Weight : 0), 1, () => p7.Post.Delta.AsSpan().ToArray()),
        };
        // The seed's order: each projection gets the pre's spikes of the last step, then the pre and the posts update.
        Run(refs, () => pre.Spike,
            () => { p0.Deliver(pre.Spike); p1.Deliver(pre.Spike); p2.Deliver(pre.Spike); p3.Deliver(pre.Spike); p4.Deliver(pre.Spike); p5.Deliver(pre.Spike); p6.Deliver(pre.Spike); p7.Deliver(pre.Spike); },
            () =>
            {
                pre.Update(12f);
                p0.Post.Update(0f); p1.Post.Update(0f); p2.Post.Update(0f); p3.Post.Update(0f);
                p4.Post.Update(0f); p5.Post.Update(0f); p6.Post.Update(0f); p7.Post.Update(0f);
            });
    }
}
