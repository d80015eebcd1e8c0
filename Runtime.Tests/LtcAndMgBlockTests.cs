using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

// The LTC neurons (LifLTC, LifRefLTC, ExpIFLTC, ExpIFRefLTC: brainpy-semantics.md §2.1, §2.3) and the MgBlock output
// (§3.2) against the float64 references of BrainPyReference.cs (RefLtc, RefMgBlock). Models first, tests below.

// --- LTC probes: 4 identical neurons, each driven by an excitatory (E 0) and an inhibitory (E −80) COBA projection with
// Prob = 1 from the same 2-neuron pre population, so every post gets every pre's weight and all 4 follow one reference.
[Population(4)]
[LifLTC(VRest = -60, VReset = -65, VTh = -50, Tau = 20)]
[InitConstant("V", -60)]
public partial class LtcLifProbe;

[HalfProjAlignPostMg(Post = typeof(LtcLifProbe))]
[EventJitFPHomoLinear(2, 4, Prob = 1, Weight = 0.3)]
[Expon(Tau = 5)]
[Coba(E = 0)]
public partial class LtcLifExc;

[HalfProjAlignPostMg(Post = typeof(LtcLifProbe))]
[EventJitFPHomoLinear(2, 4, Prob = 1, Weight = 0.1)]
[Expon(Tau = 10)]
[Coba(E = -80)]
public partial class LtcLifInh;

[Population(4)]
[LifRefLTC(VRest = -60, VReset = -65, VTh = -50, Tau = 20, TauRef = 2)]
[InitConstant("V", -60)]
public partial class LtcLifRefProbe;

[HalfProjAlignPostMg(Post = typeof(LtcLifRefProbe))]
[EventJitFPHomoLinear(2, 4, Prob = 1, Weight = 0.3)]
[Expon(Tau = 5)]
[Coba(E = 0)]
public partial class LtcLifRefExc;

[HalfProjAlignPostMg(Post = typeof(LtcLifRefProbe))]
[EventJitFPHomoLinear(2, 4, Prob = 1, Weight = 0.1)]
[Expon(Tau = 10)]
[Coba(E = -80)]
public partial class LtcLifRefInh;

[Population(4)]
[ExpIFLTC]
[InitConstant("V", -65)]
public partial class LtcExpIFProbe;

[HalfProjAlignPostMg(Post = typeof(LtcExpIFProbe))]
[EventJitFPHomoLinear(2, 4, Prob = 1, Weight = 0.1)]
[Expon(Tau = 5)]
[Coba(E = 0)]
public partial class LtcExpIFExc;

[HalfProjAlignPostMg(Post = typeof(LtcExpIFProbe))]
[EventJitFPHomoLinear(2, 4, Prob = 1, Weight = 0.1)]
[Expon(Tau = 10)]
[Coba(E = -80)]
public partial class LtcExpIFInh;

[Population(4)]
[ExpIFRefLTC(TauRef = 2)]
[InitConstant("V", -65)]
public partial class LtcExpIFRefProbe;

[HalfProjAlignPostMg(Post = typeof(LtcExpIFRefProbe))]
[EventJitFPHomoLinear(2, 4, Prob = 1, Weight = 0.1)]
[Expon(Tau = 5)]
[Coba(E = 0)]
public partial class LtcExpIFRefExc;

[HalfProjAlignPostMg(Post = typeof(LtcExpIFRefProbe))]
[EventJitFPHomoLinear(2, 4, Prob = 1, Weight = 0.1)]
[Expon(Tau = 10)]
[Coba(E = -80)]
public partial class LtcExpIFRefInh;

// --- LifLTC without synaptic input, next to a plain Lif of the same parameters.
[Population(1)]
[LifLTC(VRest = -60, VReset = -65, VTh = -50, Tau = 20)]
[InitConstant("V", -60)]
public partial class LtcLifAlone;

[Population(1)]
[Lif(VRest = -60, VReset = -65, VTh = -50, Tau = 20)]
[InitConstant("V", -60)]
public partial class PlainLifAlone;

// --- MgBlock probes: plain Lif with V_rest 0, R 1 and τ = 0.001 ms, so c = 1 − e^(−100) rounds to 1 and V_new = V + (I − V):
// the output current itself (within the rounding of that difference). One neuron per V of the grid −100, −99, …, +40 mV
// (set before the step); V_th 1e6: no spikes.
[Population(141)]
[Lif(VRest = 0, VReset = 0, VTh = 1e6, Tau = 0.001)]
[InitConstant("V", 0)]
public partial class MgProbe;

[HalfProjAlignPostMg(Post = typeof(MgProbe))]
[EventJitFPHomoLinear(1, 141, Prob = 1, Weight = 0.5)]
[Expon(Tau = 5)]
[MgBlock]
public partial class MgProbeInput;

[Population(141)]
[Lif(VRest = 0, VReset = 0, VTh = 1e6, Tau = 0.001)]
[InitConstant("V", 0)]
public partial class MgProbe2;

[HalfProjAlignPostMg(Post = typeof(MgProbe2))]
[EventJitFPHomoLinear(1, 141, Prob = 1, Weight = 0.5)]
[Expon(Tau = 5)]
[MgBlock(E = -10, CcMg = 2, Alpha = 0.08, Beta = 3, VOffset = 5)]
public partial class MgProbe2Input;

// --- Wide populations for SIMD = scalar and 1/2/4 threads: 16 411 = 4·4096 + 27 neurons (Threads = 4 really splits; the
// vector loop has a scalar tail). An LTC model with a COBA and an MgBlock group (A holds both), and a plain Lif with MgBlock.
[Population(16_411)]
[ExpIFRefLTC(TauRef = 1)]
[InitNormal("V", Mean = -65, Std = 3)]
public partial class LtcWide;

[HalfProjAlignPostMg(Post = typeof(LtcWide))]
[EventJitFPHomoLinear(100, 16_411, Prob = 0.05, Weight = 0.05)]
[Expon(Tau = 5)]
[Coba(E = 0)]
public partial class LtcWideExc;

[HalfProjAlignPostMg(Post = typeof(LtcWide))]
[EventJitFPHomoLinear(100, 16_411, Prob = 0.05, Weight = 0.05)]
[DualExponV2(TauDecay = 100, TauRise = 2)]
[MgBlock]
public partial class LtcWideNmda;

[Population(16_411)]
[Lif(VRest = -60, VReset = -65, VTh = -50, Tau = 20)]
[InitNormal("V", Mean = -60, Std = 3)]
public partial class MgWide;

[HalfProjAlignPostMg(Post = typeof(MgWide))]
[EventJitFPHomoLinear(100, 16_411, Prob = 0.05, Weight = 0.2)]
[Expon(Tau = 10)]
[MgBlock]
public partial class MgWideInput;

public class LtcAndMgBlockTests
{
    const double Dt = 0.1;

    /// <summary>The pre spikes of step k: pre 0 every 9 steps, pre 1 every 13 steps from step 4, until step 1200 (then the
    /// probes relax without input).</summary>
    static int[] Train(int k)
    {
        if (k >= 1200) return [];
        var s = new List<int>();
        if (k % 9 == 0) s.Add(0);
        if (k % 13 == 4) s.Add(1);
        return s.ToArray();
    }

    static int[] ToArray(Spikes s)
    {
        var r = new int[s.Count];
        s.CopyTo(r);
        return r;
    }

    /// <summary>Runs an LTC probe (4 equal neurons, an excitatory and an inhibitory COBA projection) and the float64
    /// reference side by side for 1500 steps with external input <paramref name="x"/>: spike steps equal, V within 1e-4
    /// relative (floor 1 mV) on every step. Also checks the comparison discriminates: the plain model's exp_auto step (A
    /// without the conductances, −R·G/τ less) from the reference's state differs from the LTC step by more than 1e-3 mV on
    /// some step, far above the tolerance of the comparison there.</summary>
    static void CompareLtc(string label, RefLtc reference, double x, Func<float, Spikes> update, Func<float[]> v,
        Action<Spikes> exc, Action<Spikes> inh, double wExc, double tauExc, double eExc, double wInh, double tauInh, double eInh,
        double r, double tau, int minSpikes)
    {
        double gE = 0, gI = 0, maxPlainGap = 0;
        var spikeSteps = new List<int>();
        for (int k = 0; k < 1500; k++)
        {
            var pre = Train(k);
            exc(new Spikes(pre, 2));
            inh(new Spikes(pre, 2));
            gE = (gE + wExc * pre.Length) * Math.Exp(-Dt / tauExc); // add, then decay (§3.1)
            gI = (gI + wInh * pre.Length) * Math.Exp(-Dt / tauInh);
            reference.SetCoba((gE, eExc), (gI, eInh));

            var (f, a) = reference.Derivative(reference.V, x);
            double ltcNext = ExpAuto.Step(reference.V, f, a, Dt);
            double plainNext = ExpAuto.Step(reference.V, f, a + r * (gE + gI) / tau, Dt);
            maxPlainGap = Math.Max(maxPlainGap, Math.Abs(ltcNext - plainNext));

            bool refSpike = reference.Step(x);
            int[] spikes = ToArray(update((float)x));
            if (refSpike) spikeSteps.Add(k);
            Assert.True(spikes.Length == (refSpike ? 4 : 0), $"{label} step {k}: {spikes.Length} of 4 spiked, reference {refSpike}");
            var vs = v();
            for (int i = 0; i < vs.Length; i++)
                Assert.True(Math.Abs(vs[i] - reference.V) <= 1e-4 * Math.Max(Math.Abs(reference.V), 1),
                    $"{label} step {k} neuron {i}: V {vs[i]} vs reference {reference.V}");
        }
        Assert.True(spikeSteps.Count >= minSpikes, $"{label}: only {spikeSteps.Count} spikes");
        Assert.True(maxPlainGap > 1e-3, $"{label}: the LTC step differs from the plain one by at most {maxPlainGap} mV: the test would not tell them apart");
    }

    [Fact]
    public void LifLTC_Coba_MatchesReference()
    {
        var post = new LtcLifProbe(dt: Dt);
        var exc = new LtcLifExc(post, seed: 1);
        var inh = new LtcLifInh(post, seed: 2);
        CompareLtc("LifLTC", RefLtc.Lif(vRest: -60, vReset: -65, vTh: -50, tau: 20, v0: -60, dt: Dt), 0, post.Update, () => post.V,
            exc.Deliver, inh.Deliver, 0.3, 5, 0, 0.1, 10, -80, r: 1, tau: 20, minSpikes: 10);
    }

    [Fact]
    public void LifRefLTC_Coba_MatchesReference()
    {
        var post = new LtcLifRefProbe(dt: Dt);
        var exc = new LtcLifRefExc(post, seed: 1);
        var inh = new LtcLifRefInh(post, seed: 2);
        CompareLtc("LifRefLTC", RefLtc.Lif(vRest: -60, vReset: -65, vTh: -50, tau: 20, tauRef: 2, v0: -60, dt: Dt), 0, post.Update, () => post.V,
            exc.Deliver, inh.Deliver, 0.3, 5, 0, 0.1, 10, -80, r: 1, tau: 20, minSpikes: 10);
    }

    [Fact]
    public void ExpIFLTC_Coba_MatchesReference()
    {
        var post = new LtcExpIFProbe(dt: Dt);
        var exc = new LtcExpIFExc(post, seed: 1);
        var inh = new LtcExpIFInh(post, seed: 2);
        CompareLtc("ExpIFLTC", RefLtc.ExpIF(v0: -65, dt: Dt), 0, post.Update, () => post.V,
            exc.Deliver, inh.Deliver, 0.1, 5, 0, 0.1, 10, -80, r: 1, tau: 10, minSpikes: 10);
    }

    [Fact]
    public void ExpIFRefLTC_Coba_MatchesReference()
    {
        var post = new LtcExpIFRefProbe(dt: Dt);
        var exc = new LtcExpIFRefExc(post, seed: 1);
        var inh = new LtcExpIFRefInh(post, seed: 2);
        CompareLtc("ExpIFRefLTC", RefLtc.ExpIF(v0: -65, tauRef: 2, dt: Dt), 0, post.Update, () => post.V,
            exc.Deliver, inh.Deliver, 0.1, 5, 0, 0.1, 10, -80, r: 1, tau: 10, minSpikes: 10);
    }

    /// <summary>The reference's exp_auto step with the LTC A is §2.3's closed form for COBA (so the reference is the
    /// exact LTC step, not a second copy of the generator's formula).</summary>
    [Fact]
    public void RefLtc_LifStep_IsTheClosedForm()
    {
        var reference = RefLtc.Lif(vRest: -60, vReset: -65, vTh: 1e9, tau: 20, v0: -70, dt: Dt);
        foreach (var (gE, gI, x) in new[] { (0.0, 0.0, 3.0), (0.7, 0.0, 0.0), (2.9, 1.9, 1.5), (0.05, 4.0, -2.0) })
        {
            reference.SetCoba((gE, 0), (gI, -80));
            double expected = reference.LifClosedForm(reference.V, x);
            reference.Step(x);
            Assert.Equal(expected, reference.V, 1e-10);
        }
    }

    /// <summary>LifLTC with no synapse is Lif: V∞ = V_rest + R·x, V_new = V∞ + (V − V∞)·e^(−dt/τ) (§2.3), here from exp_auto
    /// instead of the coefficient c. Checked against the float64 closed form (one step from the generated state, 1e-5
    /// relative; the whole trajectory, 1e-4) and against the generated plain Lif (same spike steps, V within 1e-4).</summary>
    [Fact]
    public void LifLTC_WithoutSynapses_IsLifsClosedForm()
    {
        const double vRest = -60, vReset = -65, vTh = -50, tau = 20, x = 15;
        var ltc = new LtcLifAlone(dt: Dt);
        var lif = new PlainLifAlone(dt: Dt);
        double v = -60, decay = Math.Exp(-Dt / tau), vInf = vRest + x;
        int spikes = 0;
        for (int k = 0; k < 3000; k++)
        {
            double fromGenerated = vInf + (ltc.V[0] - vInf) * decay;
            v = vInf + (v - vInf) * decay;
            bool refSpike = v >= vTh;
            if (refSpike) { v = vReset; spikes++; }
            if (fromGenerated >= vTh) fromGenerated = vReset;
            int sLtc = ltc.Update((float)x).Count, sLif = lif.Update((float)x).Count;
            Assert.True(sLtc == (refSpike ? 1 : 0), $"step {k}: LifLTC spiked {sLtc}, closed form {refSpike}");
            Assert.Equal(sLif, sLtc);
            Assert.True(Math.Abs(ltc.V[0] - fromGenerated) <= 1e-5 * Math.Abs(fromGenerated), $"step {k}: one step {ltc.V[0]} vs {fromGenerated}");
            Assert.True(Math.Abs(ltc.V[0] - v) <= 1e-4 * Math.Abs(v), $"step {k}: V {ltc.V[0]} vs closed form {v}");
            Assert.True(Math.Abs(ltc.V[0] - lif.V[0]) <= 1e-4 * Math.Abs(v), $"step {k}: LifLTC {ltc.V[0]} vs Lif {lif.V[0]}");
        }
        Assert.True(spikes >= 10, $"only {spikes} spikes");
    }

    // --- MgBlock

    /// <summary>One event of weight 0.5 delivered to every neuron, then one step: each neuron's new V is the MgBlock current
    /// at its grid V with g = 0.5·e^(−dt/5). Tolerance: the float rounding of g (2 roundings), the current (≈10 roundings,
    /// exp within a few ulps) and V + (I − V) (ulp of max(|V|, |I|)).</summary>
    static void MgGrid(string label, Func<float[]> v, Func<float, Spikes> update, Action<Spikes> deliver, Func<double, double, double> current)
    {
        var vs = v();
        for (int i = 0; i < vs.Length; i++) vs[i] = -100 + i;
        deliver(new Spikes(new[] { 0 }, 1));
        Assert.Equal(0, update(0f).Count);
        double g = 0.5 * Math.Exp(-Dt / 5);
        for (int i = 0; i < vs.Length; i++)
        {
            double vOld = -100 + i, expected = current(g, vOld);
            double tol = 4e-7 * (Math.Abs(vOld) + Math.Abs(expected)) + 1e-6 * Math.Abs(expected) + 1e-7;
            Assert.True(Math.Abs(v()[i] - expected) <= tol, $"{label} V = {vOld}: current {v()[i]} vs {expected} (tol {tol})");
        }
    }

    [Fact]
    public void MgBlock_CurrentOverAVGrid_IsTheClosedForm_Defaults()
    {
        var post = new MgProbe(dt: Dt);
        var proj = new MgProbeInput(post, seed: 1);
        Assert.Equal(141, MgProbe.Size);
        MgGrid("MgBlock defaults", () => post.V, post.Update, proj.Deliver, (g, v) => RefMgBlock.Current(g, v));
        // The block is really there: at −100 mV the unblocked fraction is 1/(1 + 1.2/3.57·e^6.2) ≈ 0.006 of COBA's g(E − V).
        double g0 = 0.5 * Math.Exp(-Dt / 5);
        Assert.True(Math.Abs(post.V[0]) < 0.01 * Math.Abs(g0 * (0 - -100.0)), $"V = −100: {post.V[0]} is not blocked");
        Assert.True(Math.Abs(post.V[140] - g0 * (0 - 40.0)) < 0.1 * Math.Abs(g0 * 40), $"V = 40: {post.V[140]} should be nearly unblocked");
    }

    [Fact]
    public void MgBlock_CurrentOverAVGrid_IsTheClosedForm_EveryParameter()
    {
        var post = new MgProbe2(dt: Dt);
        var proj = new MgProbe2Input(post, seed: 1);
        MgGrid("MgBlock(E −10, cc_Mg 2, α 0.08, β 3, V_offset 5)", () => post.V, post.Update, proj.Deliver,
            (g, v) => RefMgBlock.Current(g, v, e: -10, ccMg: 2, alpha: 0.08, beta: 3, vOffset: 5));
        // Defaults would give a different current (each parameter matters at some grid point).
        double g0 = 0.5 * Math.Exp(-Dt / 5);
        Assert.True(Math.Abs(post.V[50] - RefMgBlock.Current(g0, -50)) > 1e-3, "the parameters were ignored");
    }

    [Fact]
    public void MgBlock_Defaults_AreBrainPys()
    {
        var mg = new MgBlockAttribute();
        Assert.Equal(RefMgBlock.DefaultE, mg.E);
        Assert.Equal(RefMgBlock.DefaultCcMg, mg.CcMg);
        Assert.Equal(RefMgBlock.DefaultAlpha, mg.Alpha);
        Assert.Equal(RefMgBlock.DefaultBeta, mg.Beta);
        Assert.Equal(RefMgBlock.DefaultVOffset, mg.VOffset);
        var lif = new LifLTCAttribute();
        var exp = new ExpIFRefLTCAttribute();
        Assert.Equal((0.0, -5.0, 20.0, 1.0, 10.0), (lif.VRest, lif.VReset, lif.VTh, lif.R, lif.Tau));
        Assert.Equal((-65.0, -68.0, -55.0, -59.9, 3.48, 1.0, 10.0, 0.0), (exp.VRest, exp.VReset, exp.VTh, exp.VT, exp.DeltaT, exp.R, exp.Tau, exp.TauRef));
    }

    // --- SIMD against scalar, and 1/2/4 threads: same spikes every step, same bits of V and of every synapse array.

    static void SameBits(string label, float[] expected, float[] actual)
    {
        for (int i = 0; i < expected.Length; i++)
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                Assert.Fail($"{label}: neuron {i}: {expected[i]} vs {actual[i]}");
    }

    /// <summary>The pre spikes of step k out of 100: those j with (7k + 13j) mod 50 = 0 (2 per step).</summary>
    static Spikes WideTrain(int k)
    {
        var s = Enumerable.Range(0, 100).Where(j => (7 * k + 13 * j) % 50 == 0).ToArray();
        return new Spikes(s, 100);
    }

    static void SimdAndThreads<T>(string label, Func<int, bool, (T Post, Action<Spikes> Deliver)> make, Func<T, float, int[]> update,
        Func<T, float[][]> state, float input, int size)
    {
        Assert.Equal(4, Parallelism.UpdateParts(size, 4)); // the 4-thread run really splits
        var runs = new[] { make(1, true), make(1, false), make(2, true), make(4, true) };
        string[] names = ["simd", "scalar", "2 threads", "4 threads"];
        long spikes = 0;
        for (int s = 0; s < 600; s++)
        {
            var pre = WideTrain(s);
            foreach (var r in runs) r.Deliver(pre);
            int[] first = update(runs[0].Post, input);
            spikes += first.Length;
            for (int r = 1; r < runs.Length; r++)
            {
                int[] other = update(runs[r].Post, input);
                if (!first.AsSpan().SequenceEqual(other)) Assert.Fail($"{label} {names[r]}: spikes of step {s} differ");
            }
            if (s % 50 == 49 || s == 0)
                for (int r = 1; r < runs.Length; r++)
                {
                    var a = state(runs[0].Post);
                    var b = state(runs[r].Post);
                    for (int v = 0; v < a.Length; v++) SameBits($"{label} {names[r]} step {s} variable {v}", a[v], b[v]);
                }
        }
        Assert.True(spikes > size, $"{label}: only {spikes} spikes (fewer than one per neuron)");
    }

    [Fact]
    public void ExpIFRefLTC_CobaAndMgBlock_SimdScalarAndThreads_BitIdentical() =>
        SimdAndThreads<LtcWide>("ExpIFRefLTC + COBA + MgBlock", (t, simd) =>
        {
            var post = new LtcWide(8) { Threads = t, UseSimd = simd };
            var exc = new LtcWideExc(post, seed: 3);
            var nmda = new LtcWideNmda(post, seed: 4);
            return (post, (Action<Spikes>)(s => { exc.Deliver(s); nmda.Deliver(s); }));
        }, (n, x) => ToArray(n.Update(x)), n => [n.V, n.G0, n.GRise1, n.GDecay1], 0f, LtcWide.Size);

    [Fact]
    public void LifMgBlock_SimdScalarAndThreads_BitIdentical() =>
        SimdAndThreads<MgWide>("Lif + MgBlock", (t, simd) =>
        {
            var post = new MgWide(9) { Threads = t, UseSimd = simd };
            var proj = new MgWideInput(post, seed: 5);
            return (post, (Action<Spikes>)proj.Deliver);
        }, (n, x) => ToArray(n.Update(x)), n => [n.V, n.G0], 9f, MgWide.Size);
}
