using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

/// <summary>The pre-sized synapses (brainpy-semantics.md §3.1) and FullProjAlignPreDSMg (§4.2 item 6), against closed
/// forms and float64 implementations written here.</summary>
public class AlignPreTests
{
    const double Dt = 0.1;
    static readonly int[] Train = { 0, 3, 50, 52, 54, 200, 201, 202, 203, 204, 205, 600 };
    const int Steps = 1000;

    /// <summary>Runs a single-neuron projection: the pre spikes exactly on <see cref="Train"/>, the synapse steps after the
    /// pre (delay 0: this step's spikes); returns g after every step.</summary>
    static float[] Response(Func<ApPre, ApPost, SpikeDelay, (Action Step, Func<float> G)> build)
    {
        var pre = new ApPre(1, Dt);
        var post = new ApPost(2, Dt);
        var delay = new SpikeDelay(1, 0);
        var (step, g) = build(pre, post, delay);
        var set = new HashSet<int>(Train);
        var result = new float[Steps];
        for (int t = 0; t < Steps; t++)
        {
            pre.Update(set.Contains(t) ? 1000f : 0f);
            Assert.Equal(set.Contains(t) ? 1 : 0, pre.Spike.Count); // the train is exactly the intended one
            step();
            result[t] = g();
            delay.Push(pre.Spike);
        }
        return result;
    }

    static void Close(double[] expected, float[] actual, double rel = 1e-4, double abs = 1e-7)
    {
        double scale = expected.Max(Math.Abs);
        Assert.True(scale > 0);
        for (int t = 0; t < expected.Length; t++)
            Assert.True(Math.Abs(expected[t] - actual[t]) <= rel * Math.Max(Math.Abs(expected[t]), 1e-3 * scale) + abs,
                $"step {t}: expected {expected[t]:R}, got {actual[t]:R}");
    }

    static double Phi(double z) => Math.Abs(z) < 1e-12 ? 1 : (Math.Exp(z) - 1) / z;

    [Fact]
    public void Nmda_EqualsFloat64ExpEuler()
    {
        var r = Response((pre, post, d) => { var p = new ApNmda(pre, post, d); return (p.UpdateSynapse, () => p.G[0]); });
        double a = 0.5, td = 100, tr = 2, g = 0, x = 0;
        var set = new HashSet<int>(Train);
        var e = new double[Steps];
        for (int t = 0; t < Steps; t++)
        {
            double A = -1 / td - a * x, f = -g / td + a * x * (1 - g);
            g += Dt * Phi(Dt * A) * f;
            x = x * Math.Exp(-Dt / tr) + (set.Contains(t) ? 1 : 0);
            e[t] = g;
        }
        Close(e, r);
        Assert.True(e.Max() > 0.05); // the train drives it (a test that could not fail would pass at 0)
    }

    static double[] Kinetic(double alpha, double beta, double T, double tDur)
    {
        // Transmitter on for the steps s + k, k ≥ 0 with k·dt < T_dur (design.md decision 7), counted independently.
        var on = new bool[Steps];
        foreach (int s in Train)
            for (int k = 0; s + k < Steps && k * Dt < tDur - 1e-9 * Dt; k++) on[s + k] = true;
        double g = 0;
        var e = new double[Steps];
        for (int t = 0; t < Steps; t++)
        {
            double tn = on[t] ? T : 0, ginf = alpha * tn / (alpha * tn + beta);
            g = ginf + (g - ginf) * Math.Exp(-(alpha * tn + beta) * Dt);
            e[t] = g;
        }
        return e;
    }

    [Fact]
    public void Ampa_GabaA_EqualFloat64Kinetics_PulseCountedInSteps()
    {
        Close(Kinetic(0.98, 0.18, 0.5, 0.5), Response((pre, post, d) => { var p = new ApAmpa(pre, post, d); return (p.UpdateSynapse, () => p.G[0]); }));
        Close(Kinetic(0.53, 0.18, 1, 1), Response((pre, post, d) => { var p = new ApGabaA(pre, post, d); return (p.UpdateSynapse, () => p.G[0]); }));
        // T_dur 0.45 ms at dt 0.1: k = 0…4 (0.4 < 0.45), 5 steps, the same as 0.5 ms; the pulse of a lone spike (step 600)
        // rises for exactly 5 steps.
        var r = Response((pre, post, d) => { var p = new ApAmpaShort(pre, post, d); return (p.UpdateSynapse, () => p.G[0]); });
        Close(Kinetic(0.98, 0.18, 0.5, 0.45), r);
        for (int t = 600; t < 605; t++) Assert.True(r[t] > r[t - 1]);
        Assert.True(r[605] < r[604]);
    }

    [Fact]
    public void Alpha_IsTheDiscreteTExpShape()
    {
        var r = Response((pre, post, d) => { var p = new ApAlpha(pre, post, d); return (p.UpdateSynapse, () => p.G[0]); });
        double e = Math.Exp(-Dt / 10);
        var expected = new double[Steps];
        // Linear: the sum over spikes s of (1 − e)·k·e^(k−1), k = t − s — the sampled (t/τ)·e^(−t/τ) up to e^(dt/τ)·(1−e)τ/dt.
        for (int t = 0; t < Steps; t++)
            foreach (int s in Train)
                if (t >= s) expected[t] += (1 - e) * (t - s) * Math.Pow(e, t - s - 1);
        Close(expected, r);
        // The lone spike at 600 (the earlier spikes' tails, checked above, subtracted): its peak is at t = τ, height
        // (t/τ)·e^(−t/τ) = 1/e there, up to O(dt/τ).
        double[] lone = new double[Steps];
        for (int t = 600; t < Steps; t++)
        {
            lone[t] = r[t];
            foreach (int s in Train) if (s < 600) lone[t] -= (1 - e) * (t - s) * Math.Pow(e, t - s - 1);
        }
        int peak = Enumerable.Range(600, 300).MaxBy(t => lone[t]);
        Assert.InRange(peak - 600, 99, 101);
        Assert.Equal(Math.Exp(-1), lone[peak], 0.01);
    }

    [Fact]
    public void DualExpon_PeakTimeAndHeight()
    {
        var r = Response((pre, post, d) => { var p = new ApDualExpon(pre, post, d); return (p.UpdateSynapse, () => p.G[0]); });
        double td = 10, tr = 1, A = td / (td - tr) * Math.Pow(tr / td, tr / (tr - td)), a = (td - tr) / (tr * td) * A;
        double dd = Math.Exp(-Dt / td), dr = Math.Exp(-Dt / tr);
        var expected = new double[Steps];
        for (int t = 0; t < Steps; t++)
            foreach (int s in Train)
                if (t >= s) expected[t] += td * (1 - dd) * a * (Math.Pow(dd, t - s) - Math.Pow(dr, t - s)) / (dd - dr);
        Close(expected, r);
        // Continuous: peak at τdτr/(τd − τr)·ln(τd/τr) = 2.558 ms, height 1 (A's normalisation); the lone spike at 600 with
        // the earlier spikes' tails subtracted.
        double[] lone = new double[Steps];
        for (int t = 600; t < Steps; t++)
        {
            lone[t] = r[t];
            foreach (int s in Train) if (s < 600) lone[t] -= td * (1 - dd) * a * (Math.Pow(dd, t - s) - Math.Pow(dr, t - s)) / (dd - dr);
        }
        int peak = Enumerable.Range(600, 300).MaxBy(t => lone[t]);
        Assert.InRange((peak - 600) * Dt, 2.558 - 0.15, 2.558 + 0.15);
        // Height: exp-Euler takes g's input h from the start of the step, which scales the response by
        // dt·(1/τr − 1/τd)·τd(1 − e_d)/dt/(e_d − e_r) = 1.051 at dt = 0.1, τr = 1 (BrainPy's too); the peak is that of the
        // discrete closed form, and 1 as dt → 0.
        double scale = Dt * (1 / tr - 1 / td) * td * (1 - dd) / Dt / (dd - dr);
        Assert.Equal(1.051, scale, 0.001);
        Assert.Equal(scale, lone[peak], 0.005);
    }

    /// <summary>A naive reference of the network's projections: float64 synapses per pre neuron on the pre's spikes with
    /// their delay (a ring written here), and a dense matrix over the same connectivity.</summary>
    sealed class Reference(CsrMatrix m, int delay, float weight, bool ampa)
    {
        readonly double[,] _w = Dense(m, weight);
        readonly double[] _g = new double[m.NumPre], _x = new double[m.NumPre];
        readonly List<bool[]> _history = new();

        static double[,] Dense(CsrMatrix m, float w)
        {
            var d = new double[m.NumPre, m.NumPost];
            for (int i = 0; i < m.NumPre; i++) foreach (int j in m.Targets(i)) d[i, j] += w;
            return d;
        }

        /// <summary>After the pre updated: the synapse on the spikes of <c>delay</c> steps ago (this step's when 0).</summary>
        public void Synapse(bool[] spikesNow)
        {
            _history.Add(spikesNow);
            int back = delay == 0 ? 0 : delay;
            bool[]? s = _history.Count - 1 - back >= 0 ? _history[_history.Count - 1 - back] : null;
            for (int i = 0; i < _g.Length; i++)
            {
                double sp = s is not null && s[i] ? 1 : 0;
                if (ampa)
                {
                    // x holds the pulse steps left.
                    _x[i] = sp > 0 ? 5 : Math.Max(_x[i] - 1, 0);
                    double tn = _x[i] > 0 ? 0.5 : 0, ginf = 0.98 * tn / (0.98 * tn + 0.18);
                    _g[i] = ginf + (_g[i] - ginf) * Math.Exp(-(0.98 * tn + 0.18) * Dt);
                }
                else
                {
                    double A = -1 / 100.0 - 0.5 * _x[i], f = -_g[i] / 100.0 + 0.5 * _x[i] * (1 - _g[i]);
                    _g[i] += Dt * Phi(Dt * A) * f;
                    _x[i] = _x[i] * Math.Exp(-Dt / 2) + sp;
                }
            }
        }

        public double[] Comm()
        {
            var c = new double[_w.GetLength(1)];
            for (int i = 0; i < _g.Length; i++)
                if (_g[i] != 0)
                    for (int j = 0; j < c.Length; j++) c[j] += _g[i] * _w[i, j];
            return c;
        }
    }

    static bool[] Mask(Spikes s)
    {
        var m = new bool[s.Length];
        for (int k = 0; k < s.Count; k++) m[s.IndexAt(k)] = true;
        return m;
    }

    [Fact]
    public void Network_EqualsNaiveDenseReference_InBrainPyOrder()
    {
        var net = new ApNet(seed: 7, dt: Dt);
        // A and B have equal synapse and delay: merged (B uses A's state and does not step it); D has another delay.
        Assert.Equal(ApEPNmda.SynapseKey, ApEPNmda2.SynapseKey);
        Assert.Same(net.A.Synapse, net.B.Synapse);
        Assert.True(net.A.OwnsSynapse && !net.B.OwnsSynapse && net.C.OwnsSynapse && net.D.OwnsSynapse);
        Assert.NotSame(net.A.Synapse, net.D.Synapse);
        var refs = new (Reference R, Func<float[]> Input)[]
        {
            (new Reference(net.A.Matrix, 3, ApEPNmda.Weight, false), () => net.A.Input.ToArray()),
            (new Reference(net.B.Matrix, 3, ApEPNmda2.Weight, false), () => net.B.Input.ToArray()),
            (new Reference(net.C.Matrix, 0, ApEPAmpa.Weight, true), () => net.C.Input.ToArray()),
            (new Reference(net.D.Matrix, 1, ApEPNmda1.Weight, false), () => net.D.Input.ToArray()),
        };
        int spikes = 0;
        double maxC = 0;
        for (int t = 0; t < 400; t++)
        {
            // BrainPy's order: projections (comm of the synapse state of the last step), populations, synapses, push.
            net.UpdateProjections();
            foreach (var (r, input) in refs)
            {
                var expected = r.Comm();
                var actual = input();
                for (int j = 0; j < expected.Length; j++)
                {
                    Assert.True(Math.Abs(expected[j] - actual[j]) <= 1e-4 * Math.Abs(expected[j]) + 1e-6, $"step {t}, post {j}: {expected[j]:R} vs {actual[j]:R}");
                    maxC = Math.Max(maxC, Math.Abs(expected[j]));
                }
            }
            net.UpdatePopulations(12f);
            spikes += net.E.Spike.Count;
            var mask = Mask(net.E.Spike);
            foreach (var (r, _) in refs) r.Synapse(mask);
            net.UpdateDelays();
        }
        Assert.True(spikes > 100, $"E fired {spikes} spikes");
        Assert.True(maxC > 0.01, $"comm output at most {maxC}");
    }

    /// <summary>SD reference: the synapse on this step's spikes (delay 0 in <see cref="Reference"/>), and the comm reads g
    /// pushed max(d, 1) steps ago.</summary>
    [Fact]
    public void SynapseThenDelay_Network_EqualsNaiveDenseReference()
    {
        var net = new ApSdNet(seed: 11, dt: Dt);
        Assert.Equal("NMDA(a=0.5, tau_decay=100, tau_rise=2) // Delay", ApSd3.SynapseKey);
        Assert.Same(net.A.Synapse, net.B.Synapse); // the delay is not part of the SD key
        Assert.Equal(5, net.A.Synapse.ValueDelay!.MaxSteps);
        var refs = new (Reference R, int D, List<double[]> History, Func<float[]> Input)[]
        {
            (new Reference(net.A.Matrix, 0, ApSd3.Weight, false), 3, new List<double[]>(), () => net.A.Input.ToArray()),
            (new Reference(net.B.Matrix, 0, ApSd5.Weight, false), 5, new List<double[]>(), () => net.B.Input.ToArray()),
            (new Reference(net.C.Matrix, 0, ApSd0.Weight, true), 0, new List<double[]>(), () => net.C.Input.ToArray()),
        };
        double maxC = 0;
        for (int t = 0; t < 400; t++)
        {
            net.UpdateProjections();
            foreach (var (r, d, history, input) in refs)
            {
                int back = Math.Max(d, 1);
                double[] expected = history.Count - back >= 0 ? history[history.Count - back] : new double[ApP.Size];
                var actual = input();
                for (int j = 0; j < expected.Length; j++)
                {
                    Assert.True(Math.Abs(expected[j] - actual[j]) <= 1e-4 * Math.Abs(expected[j]) + 1e-6, $"step {t}, post {j}: {expected[j]:R} vs {actual[j]:R}");
                    maxC = Math.Max(maxC, Math.Abs(expected[j]));
                }
            }
            net.UpdatePopulations(12f);
            var mask = Mask(net.E.Spike);
            foreach (var (r, _, history, _) in refs) { r.Synapse(mask); history.Add(r.Comm()); }
            net.UpdateDelays();
        }
        Assert.True(maxC > 0.01, $"comm output at most {maxC}");
    }

    [Fact]
    public void SynapseThenDelay_SaveLoad_ResumesBitIdentical()
    {
        string path = Path.Combine(Path.GetTempPath(), "alignpre-sd-" + Guid.NewGuid().ToString("N") + ".state");
        try
        {
            var straight = new ApSdNet(seed: 5, dt: Dt);
            var first = new ApSdNet(seed: 5, dt: Dt);
            for (int t = 0; t < 120; t++) { straight.Step(12f); first.Step(12f); }
            first.Save(path);
            var resumed = new ApSdNet(seed: 5, dt: Dt);
            resumed.Load(path);
            for (int t = 0; t < 120; t++) Assert.Equal(Idx(straight.Step(12f)), Idx(resumed.Step(12f)));
            Assert.Equal(straight.P.V.ToArray(), resumed.P.V.ToArray());
            Assert.Equal(straight.B.Input.ToArray(), resumed.B.Input.ToArray());
            AllocationAssert.ZeroInSteadyState(() => { for (int t = 0; t < 100; t++) resumed.Step(12f); });
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Latency_SpikeReachesPostAt_TPlusDPlusOne()
    {
        // One spike of step s enters g at s + d (d = 0: s) and reaches the comm's output, read by the post, at s + d + 1.
        var net = new ApNet(seed: 3, dt: Dt);
        int first = -1;
        int firstA = -1, firstC = -1, firstD = -1;
        for (int t = 0; t < 50 && (firstA < 0 || firstC < 0 || firstD < 0); t++)
        {
            net.UpdateProjections();
            if (firstA < 0 && net.A.Input.ToArray().Any(v => v != 0)) firstA = t;
            if (firstC < 0 && net.C.Input.ToArray().Any(v => v != 0)) firstC = t;
            if (firstD < 0 && net.D.Input.ToArray().Any(v => v != 0)) firstD = t;
            net.UpdatePopulations(12f);
            if (first < 0 && net.E.Spike.Count > 0) first = t;
            net.UpdateDelays();
        }
        Assert.True(first >= 0);
        Assert.Equal(first + 1, firstC);          // AMPA, no delay: t + 1
        // NMDA's g integrates from the old x (the spike is added to x after g's step, as in BrainPy), one step more.
        Assert.Equal(first + 1 + 1 + 1, firstD);  // 1 step: t + 3
        Assert.Equal(first + 3 + 1 + 1, firstA);  // 3 steps: t + 5
    }

    [Fact]
    public void Network_SaveLoad_ResumesBitIdentical_AndThreadsAgree()
    {
        string path = Path.Combine(Path.GetTempPath(), "alignpre-" + Guid.NewGuid().ToString("N") + ".state");
        try
        {
            var straight = new ApNet(seed: 5, dt: Dt);
            var first = new ApNet(seed: 5, dt: Dt);
            for (int t = 0; t < 150; t++) { straight.Step(12f); first.Step(12f); }
            first.Save(path);
            var resumed = new ApNet(seed: 5, dt: Dt);
            resumed.Load(path);
            var two = new ApNet(seed: 5, dt: Dt);
            two.Load(path);
            two.A.Threads = 2; two.B.Threads = 2; two.C.Threads = 2; two.D.Threads = 2;
            two.E.Threads = 2; two.P.Threads = 2;
            for (int t = 0; t < 150; t++)
            {
                var a = straight.Step(12f);
                var b = resumed.Step(12f);
                var c = two.Step(12f);
                Assert.Equal(Idx(a), Idx(b));
                Assert.Equal(Idx(a), Idx(c));
            }
            Assert.Equal(straight.P.V.ToArray(), resumed.P.V.ToArray());
            Assert.Equal(straight.P.V.ToArray(), two.P.V.ToArray());
            Assert.Equal(straight.A.G.ToArray(), resumed.A.G.ToArray());
            Assert.Equal(straight.D.X.ToArray(), two.D.X.ToArray());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void CsrLinearComm_OneAndTwoThreads_SameBits()
    {
        var one = new ApBigNet(seed: 4, dt: Dt);
        var two = new ApBigNet(seed: 4, dt: Dt);
        one.X.Threads = 1;
        two.X.Threads = 2;
        Assert.True(two.X.Matrix.Blocks > 1, $"only {two.X.Matrix.Blocks} post block(s): the split would not be tested");
        Assert.True(Parallelism.DeliverParts(ApEBig.NumOut, 2) > 1);
        float max = 0;
        for (int t = 0; t < 200; t++)
        {
            Assert.Equal(Idx(one.Step(12f)), Idx(two.Step(12f)));
            Assert.Equal(one.X.Input.ToArray(), two.X.Input.ToArray());
            foreach (float v in one.X.Input) max = Math.Max(max, v);
        }
        Assert.True(max > 0);
        Assert.Equal(one.B.V.ToArray(), two.B.V.ToArray());
    }

    static int[] Idx(Spikes s) { var r = new int[s.Count]; for (int k = 0; k < r.Length; k++) r[k] = s.IndexAt(k); return r; }

    [Fact]
    public void Network_Step_AllocatesNothing()
    {
        var net = new ApNet(seed: 9, dt: Dt);
        for (int t = 0; t < 200; t++) net.Step(12f);
        AllocationAssert.ZeroInSteadyState(() => { for (int t = 0; t < 200; t++) net.Step(12f); });
    }
}
