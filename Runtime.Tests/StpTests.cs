using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

/// <summary>Short-term plasticity, STD and STP (brainpy-semantics.md §3.1, design.md decision 6: BrainPy 2.8's STP), as
/// pre-sized synapses of align-pre projections: the release sequence of a fixed spike train against a float64 hand
/// computation written here, and a 4000-neuron network for 10 000 steps.</summary>
public class StpTests
{
    const double Dt = 0.1;
    // A burst at 20 steps (0.5 kHz… 5 ms apart), a pause, a second burst closer together, a lone late spike.
    static readonly int[] Train = { 0, 50, 100, 150, 200, 250, 300, 350, 2000, 2020, 2040, 2060, 2080, 4000 };
    const int Steps = 5000;

    /// <summary>Runs a single-neuron projection (delay 0): after the pre updates, the synapse steps on this step's spikes
    /// and the comm (OneToOne, weight 1) writes its value into the projection's Input; returns Input after every step and
    /// the state arrays after every step.</summary>
    static (float[] Value, float[][] States) Response<TP>(Func<ApPre, ApPost, SpikeDelay, TP> build, Func<TP, float[]> states, Action<TP> synapse, Action<TP> comm, Func<TP, float> input)
    {
        var pre = new ApPre(1, Dt);
        var post = new ApPost(2, Dt);
        var delay = new SpikeDelay(1, 0);
        var p = build(pre, post, delay);
        var set = new HashSet<int>(Train);
        var value = new float[Steps];
        var st = new float[Steps][];
        for (int t = 0; t < Steps; t++)
        {
            pre.Update(set.Contains(t) ? 1000f : 0f);
            Assert.Equal(set.Contains(t) ? 1 : 0, pre.Spike.Count);
            synapse(p);
            comm(p);
            value[t] = input(p);
            st[t] = states(p);
            delay.Push(pre.Spike);
        }
        return (value, st);
    }

    /// <summary>One step from the same state: float32 rounding of a few operations only.</summary>
    static void Close(double expected, float actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 2e-6 * Math.Abs(expected) + 1e-7, $"{what}: expected {expected:R}, got {actual:R}");

    /// <summary>A whole float64 trajectory against the float32 one: u·e_f rounded on every step drifts (~1e-5 after 5000
    /// steps) and x = x*(1 − u) amplifies it where u is near 1, so 1e-4 of max(|value|, 1), for fractions in [0, 1]. The
    /// one-step checks (<see cref="Close"/>) are what tell the rule variants apart.</summary>
    static void Near(double expected, float actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-4 * Math.Max(Math.Abs(expected), 1), $"{what}: expected {expected:R}, got {actual:R}");

    /// <summary>BrainPy 2.8's STD step in float64.</summary>
    static double StdStep(double x, double s, double tau, double u) => 1 - (1 - x) * Math.Exp(-Dt / tau) - s * u * x;

    /// <summary>BrainPy 2.8's STP step in float64 (the jumps on the decayed values, u first).</summary>
    static (double U, double X) StpStep(double u, double x, double s, double U, double tauF, double tauD)
    {
        u *= Math.Exp(-Dt / tauF);
        x = 1 - (1 - x) * Math.Exp(-Dt / tauD);
        u += s * U * (1 - u);
        x -= s * u * x;
        return (u, x);
    }

    /// <summary>BrainPy 2.8's STD in float64: x* = 1 − (1 − x)·e^(−dt/τ) (exp_auto, exact), then x ← x* − spike·U·x_old.
    /// Returns x after every step and the amount each spike releases (U·x_old).</summary>
    static (double[] X, List<double> Released) StdHand(double tau, double u)
    {
        var set = new HashSet<int>(Train);
        double x = 1, e = Math.Exp(-Dt / tau);
        var xs = new double[Steps];
        var released = new List<double>();
        for (int t = 0; t < Steps; t++)
        {
            double s = set.Contains(t) ? 1 : 0;
            double decayed = 1 - (1 - x) * e;
            if (s > 0) released.Add(u * x);
            x = decayed - s * u * x;
            xs[t] = x;
        }
        return (xs, released);
    }

    /// <summary>BrainPy 2.8's STP in float64: u* = u·e^(−dt/τf), x* = 1 − (1 − x)·e^(−dt/τd); on a spike u ← u* + U(1 − u*),
    /// then x ← x* − u·x*; u₀ = U, x₀ = 1. Returns u·x after every step and each spike's release u⁺·x*.</summary>
    static (double[] UX, double[] U, double[] X, List<double> Released) StpHand(double U, double tauF, double tauD)
    {
        var set = new HashSet<int>(Train);
        double u = U, x = 1, ef = Math.Exp(-Dt / tauF), ed = Math.Exp(-Dt / tauD);
        var ux = new double[Steps];
        var us = new double[Steps];
        var xs = new double[Steps];
        var released = new List<double>();
        for (int t = 0; t < Steps; t++)
        {
            u *= ef;
            x = 1 - (1 - x) * ed;
            if (set.Contains(t))
            {
                u += U * (1 - u);
                released.Add(u * x);
                x -= u * x;
            }
            ux[t] = u * x;
            us[t] = u;
            xs[t] = x;
        }
        return (ux, us, xs, released);
    }

    /// <summary>The release of spike k as the simulation saw it: U·x before the spike step (STD), u·x* on it (STP).</summary>
    static List<double> ReleasedStd(float[][] x, double u)
    {
        var r = new List<double>();
        foreach (int s in Train) r.Add(u * (s == 0 ? 1.0 : x[s - 1][0]));
        return r;
    }

    [Theory]
    [InlineData(200, 0.07)]  // BrainPy's defaults
    [InlineData(50, 0.4)]
    public void Std_ReleaseSequence_EqualsHandComputation(double tau, double u)
    {
        var (value, states) = tau == 200
            ? Response((pre, post, d) => new StpStdOne(pre, post, d), p => p.X.ToArray(), p => p.UpdateSynapse(), p => p.Update(), p => p.Input[0])
            : Response((pre, post, d) => new StpStdFast(pre, post, d), p => p.X.ToArray(), p => p.UpdateSynapse(), p => p.Update(), p => p.Input[0]);
        var (x, released) = StdHand(tau, u);
        var set = new HashSet<int>(Train);
        for (int t = 0; t < Steps; t++)
        {
            Close(x[t], states[t][0], $"x at step {t}");
            Close(StdStep(t == 0 ? 1 : states[t - 1][0], set.Contains(t) ? 1 : 0, tau, u), states[t][0], $"x, one step, at step {t}");
            Close(x[t], value[t], $"comm output (x) at step {t}"); // BrainPy's return value is x, what the comm reads
        }
        // By hand: a rested synapse releases U, leaving 1 − U; the burst depresses every release below the one before it,
        // and the 16.5 ms pause (U = 0.4, τ = 50: 1 − e^(−16.5/5)…) lets x recover towards 1.
        Assert.Equal(u, released[0], 12);
        Close(1 - u, states[0][0], "x after the first spike");
        var seen = ReleasedStd(states, u);
        for (int k = 0; k < Train.Length; k++) Close(released[k], (float)seen[k], $"release of spike {k}");
        for (int k = 1; k < 8; k++) Assert.True(released[k] < released[k - 1], $"spike {k} released {released[k]} ≥ {released[k - 1]}");
        Assert.True(released[8] > released[7], "the pause recovers x");
    }

    [Theory]
    [InlineData(0.15, 1500, 200)]  // BrainPy's defaults: facilitating, u grows burst after burst
    [InlineData(0.2, 20, 150)]     // fast facilitation decay: depression dominates
    public void Stp_ReleaseSequence_EqualsHandComputation_BrainPy28(double U, double tauF, double tauD)
    {
        var (value, states) = tauF == 1500
            ? Response((pre, post, d) => new StpStpOne(pre, post, d), p => new[] { p.Use[0], p.X[0] }, p => p.UpdateSynapse(), p => p.Update(), p => p.Input[0])
            : Response((pre, post, d) => new StpStpFast(pre, post, d), p => new[] { p.Use[0], p.X[0] }, p => p.UpdateSynapse(), p => p.Update(), p => p.Input[0]);
        var (ux, us, xs, released) = StpHand(U, tauF, tauD);
        var set = new HashSet<int>(Train);
        for (int t = 0; t < Steps; t++)
        {
            Near(us[t], states[t][0], $"u at step {t}");
            Near(xs[t], states[t][1], $"x at step {t}");
            Near(ux[t], value[t], $"comm output (u·x) at step {t}"); // BrainPy 2.8's return value
            // One step from the simulated state, tightly: tells 2.8's rule from 2.6.0's and from jumps on the old values.
            var (u1, x1) = StpStep(t == 0 ? U : states[t - 1][0], t == 0 ? 1 : states[t - 1][1], set.Contains(t) ? 1 : 0, U, tauF, tauD);
            Close(u1, states[t][0], $"u, one step, at step {t}");
            Close(x1, states[t][1], $"x, one step, at step {t}");
            Close(states[t][0] * (double)states[t][1], value[t], $"u·x at step {t}");
        }
        // By hand, the first spike (step 0): u* = U·e^(−dt/τf), u⁺ = u* + U(1 − u*), released u⁺ (x* = 1), x = 1 − u⁺.
        double uStar = U * Math.Exp(-Dt / tauF), uPlus = uStar + U * (1 - uStar);
        Assert.Equal(uPlus, released[0], 12);
        Close(uPlus, states[0][0], "u after the first spike");
        Close(1 - uPlus, states[0][1], "x after the first spike");
        // The release of each spike as the simulation saw it: u on the spike step times x* = 1 − (1 − x_prev)·e_d.
        double ed = Math.Exp(-Dt / tauD);
        for (int k = 0; k < Train.Length; k++)
        {
            int s = Train[k];
            double xPrev = s == 0 ? 1 : states[s - 1][1];
            Near(released[k], (float)(states[s][0] * (1 - (1 - xPrev) * ed)), $"release of spike {k}");
        }
        // 2.8's u decays towards 0, never above 1 (2.6.0's du/dt = U − u/τf drove it to U·τf = 225 for the defaults).
        Assert.All(us, v => Assert.InRange(v, 0, 1));
        Assert.True(us[1999] < us[351], "u decays between bursts");
        if (tauF == 1500) Assert.True(released[1] > released[0], "facilitation: the second release exceeds the first");
        else Assert.True(released[7] < released[0], "depression dominates when u decays fast");
    }

    static int[] Idx(Spikes s) { var r = new int[s.Count]; for (int k = 0; k < r.Length; k++) r[k] = s.IndexAt(k); return r; }

    static void SetThreads(StpNet n, int t)
    {
        n.E.Threads = t; n.P.Threads = t;
        n.S1.Threads = t; n.S2.Threads = t; n.S3.Threads = t; n.T1.Threads = t; n.T2.Threads = t; n.T3.Threads = t; n.T4.Threads = t;
    }

    [Fact]
    public void Network_Merges_ByValue()
    {
        var net = new StpNet(seed: 3, dt: Dt);
        // Equal STD values (200 and 200.0, 0.2 and 0.20) and delay: one state, stepped by S1 only; another U: its own.
        Assert.Equal(StpS1.SynapseKey, StpS2.SynapseKey);
        Assert.Equal("Delay(2 steps) // STD(tau=200, U=0.2)", StpS1.SynapseKey);
        Assert.Same(net.S1.Synapse, net.S2.Synapse);
        Assert.True(net.S1.OwnsSynapse && !net.S2.OwnsSynapse && net.S3.OwnsSynapse);
        Assert.NotSame(net.S1.Synapse, net.S3.Synapse);
        // STP DS without delay has its own; the two SD STP projections share one state and one value delay (3 steps).
        Assert.Equal("STP(U=0.15, tau_f=1500, tau_d=200) // Delay", StpT2.SynapseKey);
        Assert.Same(net.T2.Synapse, net.T3.Synapse);
        Assert.Equal(3, net.T2.Synapse.ValueDelay!.MaxSteps);
        Assert.NotSame(net.T1.Synapse, net.T2.Synapse);
        // Initial state: x = 1, STP's u = U.
        Assert.All(net.S1.X.ToArray(), v => Assert.Equal(1f, v));
        Assert.All(net.T2.Use.ToArray(), v => Assert.Equal(0.15f, v));
        Assert.All(net.T1.Use.ToArray(), v => Assert.Equal(0.2f, v));
        // T4 shares T1's DS state, value array included (u·x, an expression, is the state's third array "Value").
        Assert.Same(net.T1.Synapse, net.T4.Synapse);
        Assert.True(net.T1.OwnsSynapse && !net.T4.OwnsSynapse);
        Assert.Equal(new[] { "Use", "X", "Value" }, net.T1.Synapse.Names.ToArray());
        Assert.All(net.T1.Synapse.Array(2), v => Assert.Equal(0.2f, v)); // u·x of the initial state, read before the first step
        for (int t = 0; t < 300; t++) net.Step(12f);
        // The sharer delivers the shared value: its Input is the comm of the owner's u·x (as computed on the last step).
        net.UpdateProjections();
        var expected = new float[StpP.Size];
        net.T4.Matrix.Multiply(net.T1.Synapse.Array(2), expected, StpT4.Weight);
        Assert.Equal(expected, net.T4.Input.ToArray());
        Assert.True(expected.Max() > 0);
    }

    [Fact]
    public void Network_SaveLoad_ResumesBitIdentical()
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "stp-" + Guid.NewGuid().ToString("N") + ".state");
        try
        {
            var straight = new StpNet(seed: 5, dt: Dt);
            var first = new StpNet(seed: 5, dt: Dt);
            for (int t = 0; t < 150; t++) { straight.Step(12f); first.Step(12f); }
            first.Save(path);
            var resumed = new StpNet(seed: 5, dt: Dt);
            resumed.Load(path);
            Assert.Equal(straight.T2.Use.ToArray(), resumed.T2.Use.ToArray()); // u and x were saved, not refilled with U and 1
            for (int t = 0; t < 150; t++) Assert.Equal(Idx(straight.Step(12f)), Idx(resumed.Step(12f)));
            Assert.Equal(straight.P.V.ToArray(), resumed.P.V.ToArray());
            Assert.Equal(straight.S1.X.ToArray(), resumed.S1.X.ToArray());
            Assert.Equal(straight.T3.Input.ToArray(), resumed.T3.Input.ToArray());
            Assert.Equal(straight.T4.Input.ToArray(), resumed.T4.Input.ToArray());
            Assert.True(straight.S1.X.ToArray().Min() < 1f, "the saved state had been depressed");
        }
        finally { System.IO.File.Delete(path); }
    }

    [Fact]
    public void Network_10000Steps_NoNaN_ZeroAllocation_SimdEqualsScalar_ThreadsAgree()
    {
        const int N = 10_000;
        var runs = new List<(int[][] Spikes, float[] V, float[] X, float[] U)>();
        foreach (var (threads, simd) in new[] { (1, true), (2, true), (4, true), (1, false) })
        {
            var net = new StpNet(seed: 9, dt: Dt);
            SetThreads(net, threads);
            net.E.UseSimd = simd; net.P.UseSimd = simd;
            var spikes = new int[N][];
            for (int t = 0; t < N; t++)
            {
                spikes[t] = Idx(net.Step(12f));
                if (t == 200 && threads == 1 && simd)
                    AllocationAssert.ZeroInSteadyState(() => { for (int k = 0; k < 50; k++) { net.Step(12f); } });
            }
            runs.Add((spikes, net.P.V.ToArray(), net.S1.X.ToArray(), net.T2.Use.ToArray()));
            Assert.All(net.P.V.ToArray(), v => Assert.True(float.IsFinite(v)));
            foreach (var a in new[] { net.S1.X.ToArray(), net.S3.X.ToArray(), net.T1.Use.ToArray(), net.T1.X.ToArray(), net.T2.Use.ToArray(), net.T2.X.ToArray(), net.T1.Input.ToArray(), net.S2.Input.ToArray() })
                Assert.All(a, v => Assert.True(float.IsFinite(v) && v >= 0, $"{v}"));
        }
        // The allocation window advanced the first run by 50 steps: compare runs 2–4 with each other and run 1's state shape.
        for (int r = 2; r < runs.Count; r++)
        {
            for (int t = 0; t < N; t++) Assert.Equal(runs[1].Spikes[t], runs[r].Spikes[t]);
            Assert.Equal(runs[1].V, runs[r].V);
            Assert.Equal(runs[1].X, runs[r].X);
            Assert.Equal(runs[1].U, runs[r].U);
        }
        int total = runs[1].Spikes.Sum(s => s.Length);
        Assert.True(total > 10_000, $"E and P fired {total} spikes");
        // Depression is visible: the mean x of the STD state fell below 1.
        Assert.True(runs[1].X.Average() < 0.99, $"mean x {runs[1].X.Average()}");
    }
}
