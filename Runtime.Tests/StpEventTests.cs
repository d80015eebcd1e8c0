using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

// BrainPy's older short-term plasticity form (bp.synapses.Exponential(..., stp=bp.synplast.STD()), dynold
// synplast/short_term_plasticity.py): [Std]/[Stp] on an align-post projection with the JIT homogeneous event comm keep
// a pre-sized state owned by the projection, step it on the spikes being delivered, then each spike adds
// Weight·release at its targets (release = x for STD, u·x for STP, after this step's jumps).
[Population(StpEventTests.NumOut)]
[Lif]
public partial class SeProbe;

[HalfProjAlignPostMg(Post = typeof(SeProbe))]
[EventJitFPHomoLinear(StpEventTests.NumIn, StpEventTests.NumOut, Prob = 0.02, Weight = 0.5, Seed = 11)]
[Expon(Tau = 5)]
[Std(Tau = 30, U = 0.3)]
[Cuba]
public partial class SeStdProj;

[HalfProjAlignPostMg(Post = typeof(SeProbe))]
[EventJitFPHomoLinear(StpEventTests.NumIn, StpEventTests.NumOut, Prob = 0.02, Weight = 0.25, Seed = 12)]
[Expon(Tau = 5)]
[Stp(U = 0.2, TauF = 60, TauD = 40)]
[Cuba]
public partial class SeStpProj;

// A recurrent network with the event form (Full, delay 2 steps), for Save/Load.
[Population(1000)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitUniform("V", Min = -60, Max = -50)]
public partial class SeNetE;

[FullProjAlignPostMg(Pre = typeof(SeNetE), Post = typeof(SeNetE), DelaySteps = 2)]
[EventJitFPHomoLinear(1000, 1000, Prob = 0.05, Weight = 0.4)] [Expon(Tau = 5)] [Stp(U = 0.2, TauF = 100, TauD = 50)] [Coba(E = 0)]
public partial class SeNetEE;

[Network]
public partial class SeNet
{
    public SeNetE E;
    public SeNetEE EE;
}

public class StpEventTests
{
    public const int NumIn = 400;
    public const int NumOut = 20000; // 3 post blocks: 2 threads really split the delivery
    const int Steps = 300;
    const double Dt = 0.1;

    /// <summary>Random spike trains, 5 % of the pre neurons per step (fixed seed), with repeated bursts so x falls well below 1.</summary>
    static int[][] Trains(int seed)
    {
        var rng = new Random(seed);
        var trains = new int[Steps][];
        var list = new List<int>();
        for (int t = 0; t < Steps; t++)
        {
            list.Clear();
            double p = (t / 50) % 2 == 0 ? 0.12 : 0.02;
            for (int i = 0; i < NumIn; i++) if (rng.NextDouble() < p) list.Add(i);
            trains[t] = list.ToArray();
        }
        return trains;
    }

    /// <summary>The connection matrix as a dense 0/1 table, from the reference walk of <see cref="JitConnectivity.Targets"/>.</summary>
    static byte[,] Dense(ulong seed, ulong streamId)
    {
        var m = new byte[NumIn, NumOut];
        var buf = new int[NumOut];
        for (int i = 0; i < NumIn; i++)
        {
            int n = JitConnectivity.Targets(seed, streamId, i, NumOut, 0.02, buf);
            for (int k = 0; k < n; k++) m[i, buf[k]] = 1;
        }
        return m;
    }

    /// <summary>Float64 reference: per step, every pre's state decays; the spiking ones jump (STD: x ← x* − U·x_old; STP 2.8:
    /// u ← u* + U(1 − u*), x ← x* − u·x*); then each spiking pre adds W·release to every post it connects to (no post decay:
    /// the test never updates the post, so the buffer is the sum of everything delivered).</summary>
    static void Check(bool stp, DeliveryStrategy strategy)
    {
        var post = new SeProbe(dt: Dt);
        var trains = Trains(stp ? 5 : 4);
        double w = stp ? 0.25 : 0.5, U = stp ? 0.2 : 0.3;
        SeStdProj? projD = null; SeStpProj? projP = null;
        if (stp) { projP = new SeStpProj(post); projP.Delivery = strategy; }
        else { projD = new SeStdProj(post); projD.Delivery = strategy; }
        Assert.Equal(strategy, stp ? projP!.Delivery : projD!.Delivery);
        var m = stp ? Dense(projP!.Seed, projP.StreamId) : Dense(projD!.Seed, projD.StreamId);
        var x = new double[NumIn]; Array.Fill(x, 1.0);
        var u = new double[NumIn]; Array.Fill(u, U);
        var g = new double[NumOut];
        double minRelease = 1;
        var spike = new bool[NumIn];
        for (int t = 0; t < Steps; t++)
        {
            var spikes = new Spikes(trains[t], NumIn);
            if (stp) projP!.Deliver(spikes); else projD!.Deliver(spikes);
            Array.Clear(spike);
            foreach (int i in trains[t]) spike[i] = true;
            for (int i = 0; i < NumIn; i++)
            {
                if (stp)
                {
                    double uS = u[i] * Math.Exp(-Dt / 60), xS = 1 - (1 - x[i]) * Math.Exp(-Dt / 40);
                    if (spike[i]) { uS += U * (1 - uS); xS -= uS * xS; }
                    u[i] = uS; x[i] = xS;
                }
                else x[i] = 1 - (1 - x[i]) * Math.Exp(-Dt / 30) - (spike[i] ? U * x[i] : 0);
            }
            foreach (int i in trains[t])
            {
                double r = stp ? u[i] * x[i] : x[i];
                minRelease = Math.Min(minRelease, r);
                for (int j = 0; j < NumOut; j++) if (m[i, j] != 0) g[j] += w * r;
            }
            var release = stp ? projP!.Release : projD!.Release;
            for (int i = 0; i < NumIn; i++)
            {
                double r = stp ? u[i] * x[i] : x[i];
                Assert.True(Math.Abs(r - release[i]) <= 1e-5, $"step {t}, pre {i}: release {release[i]:R}, reference {r:R}");
            }
            if (t % 25 == 24 || t == Steps - 1)
            {
                var gs = stp ? projP!.Conductance : projD!.Conductance;
                for (int j = 0; j < NumOut; j++)
                    Assert.True(Math.Abs(g[j] - gs[j]) <= 1e-5 * Math.Max(1, Math.Abs(g[j])), $"step {t}, post {j}: g {gs[j]:R}, reference {g[j]:R}");
            }
        }
        // The scale matters here: an unscaled delivery would be off by far more than the tolerance.
        Assert.True(minRelease < (stp ? 0.15 : 0.5), $"release never fell: {minRelease}");
    }

    [Theory]
    [InlineData(false, DeliveryStrategy.Regenerate)]
    [InlineData(false, DeliveryStrategy.Cached)]
    [InlineData(true, DeliveryStrategy.Regenerate)]
    [InlineData(true, DeliveryStrategy.Cached)]
    public void ScaledDelivery_MatchesFloat64DenseReference(bool stp, DeliveryStrategy strategy) => Check(stp, strategy);

    /// <summary>1 and 2 threads, cached and regenerated: the same bits in the post buffer and the state.</summary>
    [Fact]
    public void ThreadsAndStrategies_GiveIdenticalBits()
    {
        Assert.Equal(2, Parallelism.DeliverParts(NumOut, 2));
        var trains = Trains(9);
        float[]? first = null, firstRelease = null;
        foreach (var strategy in new[] { DeliveryStrategy.Regenerate, DeliveryStrategy.Cached })
            foreach (int threads in new[] { 1, 2 })
            {
                var post = new SeProbe(dt: Dt);
                var p = new SeStpProj(post) { Threads = threads, Delivery = strategy };
                foreach (var tr in trains) p.Deliver(new Spikes(tr, NumIn));
                float[] g = p.Conductance.ToArray(), r = p.Release.ToArray();
                if (first is null) { first = g; firstRelease = r; continue; }
                for (int j = 0; j < g.Length; j++)
                    Assert.True(BitConverter.SingleToInt32Bits(first[j]) == BitConverter.SingleToInt32Bits(g[j]), $"{strategy}, {threads} threads: post {j}");
                Assert.Equal(firstRelease, r);
            }
    }

    [Fact]
    public void Deliver_AllocatesNothing()
    {
        var post = new SeProbe(dt: Dt);
        var d = new SeStdProj(post) { Threads = 1 };
        var s = new SeStpProj(post) { Threads = 2 };
        var trains = Trains(3);
        for (int t = 0; t < 50; t++) { d.Deliver(new Spikes(trains[t], NumIn)); s.Deliver(new Spikes(trains[t], NumIn)); }
        AllocationAssert.ZeroInSteadyState(() =>
        {
            for (int t = 0; t < trains.Length; t++) { d.Deliver(new Spikes(trains[t], NumIn)); s.Deliver(new Spikes(trains[t], NumIn)); }
        });
    }

    /// <summary>The runtime kernel alone: scale 1 everywhere gives the unscaled method's bits (both strategies).</summary>
    [Fact]
    public void ScaleOfOne_EqualsUnscaled()
    {
        const int numOut = 20000;
        var skips = GeometricSkips.For(0.02);
        var cache = JitTargetCache.Build(NumIn, numOut, 0.02, 5UL, 77UL);
        var ones = new float[NumIn]; Array.Fill(ones, 1f);
        var trains = Trains(2);
        foreach (var c in new[] { null, cache })
        {
            var a = new float[numOut];
            var b = new float[numOut];
            int blocks = JitConnectivity.BlockCount(numOut);
            foreach (var tr in trains)
            {
                var sp = new Spikes(tr, NumIn);
                JitDelivery.AddHomo(a, 5, 77, sp, skips, c, 0.3f, 0, blocks);
                JitDelivery.AddHomoScaled(b, 5, 77, sp, skips, c, 0.3f, ones, 0, blocks);
            }
            Assert.Equal(a, b);
            Assert.Contains(a, v => v != 0);
        }
    }

    /// <summary>The CSR and dense scaled event kernels against a float64 dense reference with per-spike release factors
    /// (random scales in [0, 1], a few hundred steps of random spikes), block splits identical to the whole, allocation free.</summary>
    [Fact]
    public void CsrAndDenseScaledKernels_MatchFloat64Reference()
    {
        const int n = 300, steps = 200;
        var rng = new Random(21);
        var scale = new float[n];
        var csr = CsrMatrix.Build(Connect.FixedProb(0.05), n, n, 3, 4);
        var trains = new int[steps][];
        var l = new List<int>();
        for (int t = 0; t < steps; t++) { l.Clear(); for (int i = 0; i < n; i++) if (rng.NextDouble() < 0.05) l.Add(i); trains[t] = l.ToArray(); }
        var gCsr = new float[n]; var gOne = new float[n]; var gAll = new float[n]; var gAllNoSelf = new float[n];
        var rCsr = new double[n]; var rOne = new double[n]; var rAll = new double[n]; var rAllNoSelf = new double[n];
        var split = new float[n];
        for (int t = 0; t < steps; t++)
        {
            for (int i = 0; i < n; i++) scale[i] = (float)rng.NextDouble();
            var sp = new Spikes(trains[t], n);
            csr.AddEventsScaled(gCsr, sp, 0.4f, scale, 0, csr.Blocks);
            for (int b = csr.Blocks - 1; b >= 0; b--) csr.AddEventsScaled(split, sp, 0.4f, scale, b, b + 1);
            DenseComms.OneToOneScaled(sp, gOne, 0.4f, scale);
            DenseComms.AllToAllScaled(sp, gAll, 0.01f, scale);
            DenseComms.AllToAllScaled(sp, gAllNoSelf.AsSpan(100), 0.01f, scale, includeSelf: false, firstPost: 100);
            DenseComms.AllToAllScaled(sp, gAllNoSelf.AsSpan(0, 100), 0.01f, scale, includeSelf: false);
            foreach (int i in trains[t])
            {
                foreach (int j in csr.Targets(i)) rCsr[j] += 0.4 * scale[i];
                rOne[i] += 0.4 * scale[i];
                for (int j = 0; j < n; j++) { rAll[j] += 0.01 * scale[i]; if (j != i) rAllNoSelf[j] += 0.01 * scale[i]; }
            }
        }
        void Near(double[] r, float[] g, string what)
        {
            for (int j = 0; j < n; j++)
                Assert.True(Math.Abs(r[j] - g[j]) <= 1e-5 * Math.Max(1, Math.Abs(r[j])), $"{what}, post {j}: {g[j]:R} vs reference {r[j]:R}");
        }
        Near(rCsr, gCsr, "EventCSRLinear");
        Near(rOne, gOne, "OneToOne");
        Near(rAll, gAll, "AllToAll");
        Near(rAllNoSelf, gAllNoSelf, "AllToAll, includeSelf false");
        Assert.Equal(gCsr, split);
        Assert.Contains(gCsr, v => v != 0);
        AllocationAssert.ZeroInSteadyState(() =>
        {
            for (int t = 0; t < 20; t++)
            {
                var sp = new Spikes(trains[t], n);
                csr.AddEventsScaled(gCsr, sp, 0.4f, scale, 0, csr.Blocks);
                DenseComms.OneToOneScaled(sp, gOne, 0.4f, scale);
                DenseComms.AllToAllScaled(sp, gAll, 0.01f, scale);
            }
        });
    }

    /// <summary>Scale 1 gives the unscaled CSR and OneToOne kernels' bits.</summary>
    [Fact]
    public void CsrAndOneToOne_ScaleOfOne_EqualsUnscaled()
    {
        const int n = 300;
        var csr = CsrMatrix.Build(Connect.FixedProb(0.05), n, n, 3, 4);
        var ones = new float[n]; Array.Fill(ones, 1f);
        var a = new float[n]; var b = new float[n]; var c = new float[n]; var d = new float[n];
        var rng = new Random(5);
        for (int t = 0; t < 100; t++)
        {
            var l = new List<int>();
            for (int i = 0; i < n; i++) if (rng.NextDouble() < 0.1) l.Add(i);
            var sp = new Spikes(l.ToArray(), n);
            csr.AddEvents(a, sp, 0.3f, 0, csr.Blocks);
            csr.AddEventsScaled(b, sp, 0.3f, ones, 0, csr.Blocks);
            DenseComms.OneToOne(sp, c, 0.3f);
            DenseComms.OneToOneScaled(sp, d, 0.3f, ones);
        }
        Assert.Equal(a, b);
        Assert.Equal(c, d);
    }

    static int[] Idx(Spikes s) { var r = new int[s.Count]; for (int k = 0; k < r.Length; k++) r[k] = s.IndexAt(k); return r; }

    /// <summary>A network's Save/Load carries the projection's u, x and release: 150 steps, save, load into a fresh network,
    /// 150 more = 300 straight, spikes and state bit for bit.</summary>
    [Fact]
    public void Network_SaveLoad_ResumesBitIdentical()
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "stpevent-" + Guid.NewGuid().ToString("N") + ".state");
        try
        {
            var straight = new SeNet(seed: 5, dt: Dt);
            var first = new SeNet(seed: 5, dt: Dt);
            int spikes = 0;
            for (int t = 0; t < 150; t++) { spikes += straight.Step(12f).Count; first.Step(12f); }
            Assert.True(spikes > 0);
            first.Save(path);
            var resumed = new SeNet(seed: 5, dt: Dt);
            resumed.Load(path);
            Assert.Equal(straight.EE.PlasticityUse.ToArray(), resumed.EE.PlasticityUse.ToArray());
            Assert.Equal(straight.EE.PlasticityX.ToArray(), resumed.EE.PlasticityX.ToArray());
            Assert.True(straight.EE.PlasticityX.ToArray().Min() < 0.99f, "the saved state had been depressed");
            for (int t = 0; t < 150; t++) Assert.Equal(Idx(straight.Step(12f)), Idx(resumed.Step(12f)));
            Assert.Equal(straight.E.V.ToArray(), resumed.E.V.ToArray());
            Assert.Equal(straight.EE.Release.ToArray(), resumed.EE.Release.ToArray());
        }
        finally { System.IO.File.Delete(path); }
    }
}
