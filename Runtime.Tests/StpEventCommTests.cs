using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

// [Std]/[Stp] in BrainPy's older event form (each spike adds W·x, or W·u·x) on every event comm other than the JIT
// homogeneous one (StpEventTests): EventCSRLinear with a scalar and with per-synapse weights, EventJitFPUniformLinear,
// EventJitFPNormalLinear, AllToAll and OneToOne; each against a float64 reference over the comm's own weights.
[Population(StpEventCommTests.NumOut)] [Lif] public partial class ScProbe;
[Population(StpEventCommTests.NumSmall)] [Lif] public partial class ScSmall;

[HalfProjAlignPostMg(Post = typeof(ScProbe))]
[EventCSRLinear(StpEventCommTests.NumIn, StpEventCommTests.NumOut, Prob = 0.02, Weight = 0.5, Seed = 3)]
[Expon(Tau = 5)] [Stp(U = 0.2, TauF = 60, TauD = 40)] [Cuba]
public partial class ScCsr;

[HalfProjAlignPostMg(Post = typeof(ScProbe))]
[EventCSRLinear(StpEventCommTests.NumIn, StpEventCommTests.NumOut, Prob = 0.02, WLow = 0.1, WHigh = 0.6, Seed = 4)]
[Expon(Tau = 5)] [Std(Tau = 30, U = 0.3)] [Cuba]
public partial class ScCsrW;

[HalfProjAlignPostMg(Post = typeof(ScProbe))]
[EventJitFPUniformLinear(StpEventCommTests.NumIn, StpEventCommTests.NumOut, Prob = 0.02, WLow = 0.1, WHigh = 0.6, Seed = 5)]
[Expon(Tau = 5)] [Stp(U = 0.2, TauF = 60, TauD = 40)] [Cuba]
public partial class ScJitU;

[HalfProjAlignPostMg(Post = typeof(ScProbe))]
[EventJitFPNormalLinear(StpEventCommTests.NumIn, StpEventCommTests.NumOut, Prob = 0.02, WMu = 0.4, WSigma = 0.1, Seed = 6)]
[Expon(Tau = 5)] [Std(Tau = 30, U = 0.3)] [Cuba]
public partial class ScJitN;

[HalfProjAlignPostMg(Post = typeof(ScProbe))]
[AllToAll(StpEventCommTests.NumIn, StpEventCommTests.NumOut, Weight = 0.01)]
[Expon(Tau = 5)] [Stp(U = 0.2, TauF = 60, TauD = 40)] [Cuba]
public partial class ScA2A;

[HalfProjAlignPostMg(Post = typeof(ScSmall))]
[OneToOne(StpEventCommTests.NumSmall, Weight = 0.5)]
[Expon(Tau = 5)] [Std(Tau = 30, U = 0.3)] [Cuba]
public partial class ScO2O;

// u decays to 0 (τ_f = 5 ms here, 1500 ms in BrainPy's examples): the flush must zero it; x recovers towards 1.
[HalfProjAlignPostMg(Post = typeof(ScSmall))]
[OneToOne(StpEventCommTests.NumSmall, Weight = 0.5)]
[Expon(Tau = 5)] [Stp(U = 0.3, TauF = 5, TauD = 40)] [Cuba]
public partial class ScFlush;

// A recurrent network: CSR with STP and AllToAll with STD (Full, delay 2 steps), for Save/Load.
[Population(1000)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitUniform("V", Min = -60, Max = -50)]
public partial class ScNetE;

[FullProjAlignPostMg(Pre = typeof(ScNetE), Post = typeof(ScNetE), DelaySteps = 2)]
[EventCSRLinear(1000, 1000, Prob = 0.05, Weight = 0.4)] [Expon(Tau = 5)] [Stp(U = 0.2, TauF = 100, TauD = 50)] [Coba(E = 0)]
public partial class ScNetEE;

[FullProjAlignPostMg(Pre = typeof(ScNetE), Post = typeof(ScNetE), DelaySteps = 1)]
[AllToAll(1000, 1000, Weight = 0.002, IncludeSelf = false)] [Expon(Tau = 8)] [Std(Tau = 50, U = 0.2)] [Coba(E = 0)]
public partial class ScNetA2A;

[Network]
public partial class ScNet
{
    public ScNetE E;
    public ScNetEE EE;
    public ScNetA2A AA;
}

public class StpEventCommTests
{
    public const int NumIn = 200;
    public const int NumOut = 20000; // several post blocks: 2 threads really split the CSR and JIT deliveries
    public const int NumSmall = 300;
    const int Steps = 300;
    const double Dt = 0.1;

    /// <summary>Random spike trains of <paramref name="n"/> pre neurons, with bursts so x falls well below 1.</summary>
    static int[][] Trains(int seed, int n)
    {
        var rng = new Random(seed);
        var trains = new int[Steps][];
        var list = new List<int>();
        for (int t = 0; t < Steps; t++)
        {
            list.Clear();
            double p = (t / 50) % 2 == 0 ? 0.12 : 0.02;
            for (int i = 0; i < n; i++) if (rng.NextDouble() < p) list.Add(i);
            trains[t] = list.ToArray();
        }
        return trains;
    }

    /// <summary>One projection under test: its deliver, post buffer, release, and the weights of its synapses per pre
    /// (j, w) as the reference reads them.</summary>
    sealed record Case(Action<Spikes> Deliver, Func<float[]> G, Func<float[]> Release, List<(int J, double W)>[] Rows);

    static List<(int, double)>[] FromCsr(CsrMatrix m, Func<int, float> weight)
    {
        var rows = new List<(int, double)>[m.NumPre];
        for (int i = 0; i < m.NumPre; i++)
        {
            rows[i] = new();
            var t = m.Targets(i);
            for (int k = 0; k < t.Length; k++) rows[i].Add((t[k], weight((int)(m.RowStart(i) + k))));
        }
        return rows;
    }

    static List<(int, double)>[] FromJit(bool uniform, ulong seed, ulong stream, float a, float b)
    {
        var rows = new List<(int, double)>[NumIn];
        var t = new int[NumOut];
        for (int i = 0; i < NumIn; i++)
        {
            rows[i] = new();
            int n = JitConnectivity.Targets(seed, stream, i, NumOut, 0.02, t);
            for (int k = 0; k < n; k++)
                rows[i].Add((t[k], uniform ? JitComms.UniformWeight(seed, stream, i, t[k], a, b) : JitComms.NormalWeight(seed, stream, i, t[k], a, b)));
        }
        return rows;
    }

    static Case Make(string comm, int threads)
    {
        switch (comm)
        {
            case "Csr":
            {
                var p = new ScCsr(new ScProbe(dt: Dt)) { Threads = threads };
                return new(p.Deliver, () => p.Conductance.ToArray(), () => p.Release.ToArray(), FromCsr(p.Matrix, _ => ScCsr.Weight));
            }
            case "CsrWeights":
            {
                var p = new ScCsrW(new ScProbe(dt: Dt)) { Threads = threads };
                var sw = new float[p.Matrix.Synapses];
                SynapseWeights.Uniform(ScCsrW.WLow, ScCsrW.WHigh).Fill(sw, p.Seed, p.StreamId);
                return new(p.Deliver, () => p.Conductance.ToArray(), () => p.Release.ToArray(), FromCsr(p.Matrix, s => sw[s]));
            }
            case "JitUniform":
            {
                var p = new ScJitU(new ScProbe(dt: Dt)) { Threads = threads };
                return new(p.Deliver, () => p.Conductance.ToArray(), () => p.Release.ToArray(), FromJit(true, p.Seed, p.StreamId, ScJitU.WLow, ScJitU.WHigh));
            }
            case "JitNormal":
            {
                var p = new ScJitN(new ScProbe(dt: Dt)) { Threads = threads };
                return new(p.Deliver, () => p.Conductance.ToArray(), () => p.Release.ToArray(), FromJit(false, p.Seed, p.StreamId, ScJitN.WMu, ScJitN.WSigma));
            }
            case "AllToAll":
            {
                var p = new ScA2A(new ScProbe(dt: Dt));
                var rows = new List<(int, double)>[NumIn];
                for (int i = 0; i < NumIn; i++) rows[i] = Enumerable.Range(0, NumOut).Select(j => (j, (double)ScA2A.Weight)).ToList();
                return new(p.Deliver, () => p.Conductance.ToArray(), () => p.Release.ToArray(), rows);
            }
            default:
            {
                var p = new ScO2O(new ScSmall(dt: Dt));
                var rows = new List<(int, double)>[NumSmall];
                for (int i = 0; i < NumSmall; i++) rows[i] = new() { (i, ScO2O.Weight) };
                return new(p.Deliver, () => p.Conductance.ToArray(), () => p.Release.ToArray(), rows);
            }
        }
    }

    /// <summary>Which plasticity each case carries: (STP?, U, τ (STD) or τ_f, τ_d).</summary>
    static (bool Stp, double U, double TauA, double TauB) Plasticity(string comm) =>
        comm is "Csr" or "JitUniform" or "AllToAll" ? (true, 0.2, 60, 40) : (false, 0.3, 30, 0);

    [Theory]
    [InlineData("Csr")]
    [InlineData("CsrWeights")]
    [InlineData("JitUniform")]
    [InlineData("JitNormal")]
    [InlineData("AllToAll")]
    [InlineData("OneToOne")]
    public void ScaledDelivery_MatchesFloat64Reference(string comm)
    {
        var c = Make(comm, 1);
        int n = c.Rows.Length;
        var (stp, U, tauA, tauB) = Plasticity(comm);
        var trains = Trains(comm.Length + 7, n);
        var x = new double[n]; Array.Fill(x, 1.0);
        var u = new double[n]; Array.Fill(u, U);
        var g = new double[c.G().Length];
        var spike = new bool[n];
        double minRelease = 1;
        for (int t = 0; t < Steps; t++)
        {
            c.Deliver(new Spikes(trains[t], n));
            Array.Clear(spike);
            foreach (int i in trains[t]) spike[i] = true;
            for (int i = 0; i < n; i++)
            {
                if (stp)
                {
                    double uS = u[i] * Math.Exp(-Dt / tauA), xS = 1 - (1 - x[i]) * Math.Exp(-Dt / tauB);
                    if (spike[i]) { uS += U * (1 - uS); xS -= uS * xS; }
                    u[i] = uS; x[i] = xS;
                }
                else x[i] = 1 - (1 - x[i]) * Math.Exp(-Dt / tauA) - (spike[i] ? U * x[i] : 0);
            }
            foreach (int i in trains[t])
            {
                double r = stp ? u[i] * x[i] : x[i];
                minRelease = Math.Min(minRelease, r);
                foreach (var (j, w) in c.Rows[i]) g[j] += w * r;
            }
            var release = c.Release();
            for (int i = 0; i < n; i++)
            {
                double r = stp ? u[i] * x[i] : x[i];
                Assert.True(Math.Abs(r - release[i]) <= 1e-5, $"{comm}, step {t}, pre {i}: release {release[i]:R}, reference {r:R}");
            }
            if (t % 50 == 49)
            {
                var gs = c.G();
                for (int j = 0; j < g.Length; j++)
                    Assert.True(Math.Abs(g[j] - gs[j]) <= 1e-5 * Math.Max(1, Math.Abs(g[j])), $"{comm}, step {t}, post {j}: g {gs[j]:R}, reference {g[j]:R}");
            }
        }
        Assert.True(minRelease < (stp ? 0.15 : 0.5), $"release never fell: {minRelease}");
        Assert.Contains(c.G(), v => v != 0);
    }

    /// <summary>The comms that split their delivery over post blocks: 1 and 2 threads give the same bits.</summary>
    [Theory]
    [InlineData("Csr")]
    [InlineData("CsrWeights")]
    [InlineData("JitUniform")]
    [InlineData("JitNormal")]
    public void OneAndTwoThreads_GiveIdenticalBits(string comm)
    {
        Assert.Equal(2, Parallelism.DeliverParts(NumOut, 2));
        Assert.True(new ScCsr(new ScProbe(dt: Dt)).Matrix.Blocks >= 2);
        var trains = Trains(9, NumIn);
        var one = Make(comm, 1);
        var two = Make(comm, 2);
        foreach (var tr in trains) { one.Deliver(new Spikes(tr, NumIn)); two.Deliver(new Spikes(tr, NumIn)); }
        float[] a = one.G(), b = two.G();
        for (int j = 0; j < a.Length; j++)
            Assert.True(BitConverter.SingleToInt32Bits(a[j]) == BitConverter.SingleToInt32Bits(b[j]), $"{comm}: post {j}");
        Assert.Equal(one.Release(), two.Release());
        Assert.Contains(a, v => v != 0);
    }

    [Fact]
    public void Deliver_AllocatesNothing()
    {
        var post = new ScProbe(dt: Dt);
        var csr = new ScCsrW(post) { Threads = 2 };
        var jit = new ScJitU(post) { Threads = 2 };
        var a2a = new ScA2A(post);
        var o2o = new ScO2O(new ScSmall(dt: Dt));
        var trains = Trains(3, NumIn);
        var small = Trains(4, NumSmall);
        void Run(int count)
        {
            for (int t = 0; t < count; t++)
            {
                var s = new Spikes(trains[t], NumIn);
                csr.Deliver(s); jit.Deliver(s); a2a.Deliver(s);
                o2o.Deliver(new Spikes(small[t], NumSmall));
            }
        }
        Run(50);
        AllocationAssert.ZeroInSteadyState(() => Run(trains.Length));
    }

    /// <summary>STP's u decays to 0 between spikes; every 64th step of the post the projection flushes |u| &lt; 1e-20 to 0
    /// (as populations and align-pre synapses do), and leaves x, which recovers towards 1, alone. Without the flush u is
    /// 0.5·e^−60 ≈ 4e-27 here, on its way into the subnormal range.</summary>
    [Fact]
    public void StpUse_IsFlushedToZero_XIsLeftAlone()
    {
        var post = new ScSmall(dt: Dt);
        var p = new ScFlush(post);
        p.Deliver(new Spikes(Enumerable.Range(0, NumSmall).ToArray(), NumSmall));
        post.Update(0f);
        Assert.All(p.PlasticityUse.ToArray(), v => Assert.True(v > 0.3f));
        Assert.All(p.PlasticityX.ToArray(), v => Assert.True(v < 0.8f));
        for (int t = 0; t < 3000; t++)
        {
            p.Deliver(Spikes.None(NumSmall));
            post.Update(0f);
        }
        Assert.All(p.PlasticityUse.ToArray(), v => Assert.Equal(0, BitConverter.SingleToInt32Bits(v)));
        Assert.All(p.PlasticityX.ToArray(), v => Assert.True(v > 0.99f && v <= 1f));
    }

    /// <summary>The new runtime kernels alone: scale 1 gives the unscaled kernels' bits (JIT uniform/normal, CSR with per-synapse
    /// weights), a block-by-block delivery the whole one's bits, and a non-trivial scale changes the result.</summary>
    [Fact]
    public void NewScaledKernels_ScaleOfOneEqualsUnscaled_AndBlocksEqualWhole()
    {
        var skips = GeometricSkips.For(0.02);
        var ones = new float[NumIn]; Array.Fill(ones, 1f);
        var half = new float[NumIn]; Array.Fill(half, 0.5f);
        var trains = Trains(2, NumIn);
        int blocks = JitConnectivity.BlockCount(NumOut);
        var csr = CsrMatrix.Build(Connect.FixedProb(0.02), NumIn, NumOut, 3, 4);
        var sw = SynapseWeights.Normal(0.4f, 0.1f, null, null).Create(csr, 3, 4);
        float[] a = new float[NumOut], b = new float[NumOut], c = new float[NumOut], d = new float[NumOut], e = new float[NumOut], f = new float[NumOut];
        float[] h = new float[NumOut], hs = new float[NumOut], hb = new float[NumOut];
        foreach (var tr in trains)
        {
            var sp = new Spikes(tr, NumIn);
            JitComms.EventUniform(a, 5, 77, sp, skips, 0.1f, 0.6f, 0, blocks);
            JitComms.EventUniformScaled(b, 5, 77, sp, skips, 0.1f, 0.6f, ones, 0, blocks);
            JitComms.EventNormal(c, 5, 77, sp, skips, 0.4f, 0.1f, 0, blocks);
            JitComms.EventNormalScaled(d, 5, 77, sp, skips, 0.4f, 0.1f, ones, 0, blocks);
            for (int bl = blocks - 1; bl >= 0; bl--) JitComms.EventNormalScaled(e, 5, 77, sp, skips, 0.4f, 0.1f, ones, bl, bl + 1);
            JitComms.EventNormalScaled(f, 5, 77, sp, skips, 0.4f, 0.1f, half, 0, blocks);
            csr.AddEvents(h, sp, sw);
            csr.AddEventsScaled(hs, sp, sw, ones, 0, csr.Blocks);
            for (int bl = csr.Blocks - 1; bl >= 0; bl--) csr.AddEventsScaled(hb, sp, sw, ones, bl, bl + 1);
        }
        Assert.Equal(a, b);
        Assert.Equal(c, d);
        Assert.Equal(c, e);
        Assert.Equal(h, hs);
        Assert.Equal(h, hb);
        Assert.Contains(a, v => v != 0);
        Assert.Contains(h, v => v != 0);
        for (int j = 0; j < NumOut; j++) Assert.True(Math.Abs(f[j] - 0.5f * c[j]) <= 1e-5f * Math.Max(1f, Math.Abs(c[j])), $"post {j}");
        Assert.Throws<ArgumentException>(() => csr.AddEventsScaled(hs, new Spikes(trains[0], NumIn), sw, new float[NumIn - 1], 0, csr.Blocks));
        Assert.Throws<ArgumentException>(() => JitComms.EventUniformScaled(b, 5, 77, new Spikes(trains[0], NumIn), skips, 0.1f, 0.6f, new float[3], 0, blocks));
    }

    static int[] Idx(Spikes s) { var r = new int[s.Count]; for (int k = 0; k < r.Length; k++) r[k] = s.IndexAt(k); return r; }

    /// <summary>A network's Save/Load carries the CSR and AllToAll projections' plasticity state: 150 steps, save, load into a
    /// fresh network, 150 more = 300 straight, spikes and state bit for bit.</summary>
    [Fact]
    public void Network_SaveLoad_ResumesBitIdentical()
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "stpeventcomm-" + Guid.NewGuid().ToString("N") + ".state");
        try
        {
            var straight = new ScNet(seed: 5, dt: Dt);
            var first = new ScNet(seed: 5, dt: Dt);
            int spikes = 0;
            for (int t = 0; t < 150; t++) { spikes += straight.Step(12f).Count; first.Step(12f); }
            Assert.True(spikes > 0);
            first.Save(path);
            var resumed = new ScNet(seed: 5, dt: Dt);
            resumed.Load(path);
            Assert.Equal(straight.EE.PlasticityUse.ToArray(), resumed.EE.PlasticityUse.ToArray());
            Assert.Equal(straight.EE.PlasticityX.ToArray(), resumed.EE.PlasticityX.ToArray());
            Assert.Equal(straight.AA.PlasticityX.ToArray(), resumed.AA.PlasticityX.ToArray());
            Assert.True(straight.EE.PlasticityX.ToArray().Min() < 0.99f, "the saved CSR state had been depressed");
            Assert.True(straight.AA.PlasticityX.ToArray().Min() < 0.99f, "the saved AllToAll state had been depressed");
            for (int t = 0; t < 150; t++) Assert.Equal(Idx(straight.Step(12f)), Idx(resumed.Step(12f)));
            Assert.Equal(straight.E.V.ToArray(), resumed.E.V.ToArray());
            Assert.Equal(straight.EE.Release.ToArray(), resumed.EE.Release.ToArray());
            Assert.Equal(straight.AA.Release.ToArray(), resumed.AA.Release.ToArray());
        }
        finally { System.IO.File.Delete(path); }
    }
}
