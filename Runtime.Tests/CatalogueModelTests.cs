using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace SpikeSharp.Runtime.Tests;

// IzhikevichRef, ExpIFRef, AdExIFRef, QuaIF, QuaIFRef, AdQuaIF, AdQuaIFRef (issue 11; lif.py V2.6.0) against the float64
// references of BrainPyReference.cs, as NewModelTests does for their base models. The Ref models run with TauRef = 2 ms
// (20 steps at dt = 0.1, 40 at dt = 0.05) so that the hold is exercised; BrainPy's default 0 is checked to be the base
// model, bit for bit. Models first, tests below.

// --- One neuron of each model. IzhikevichRef keeps BrainPy's default initial state (V₀ = −70, u₀ = b·V₀); the others
// default to V₀ = 0, above threshold, so they start at V_rest = −65.
[Population(1)]
[IzhikevichRef(TauRef = 2)]
public partial class CatIzhRefOne;

[Population(1)]
[ExpIFRef(TauRef = 2)]
[InitConstant("V", -65)]
public partial class CatExpIFRefOne;

[Population(1)]
[AdExIFRef(TauRef = 2)]
[InitConstant("V", -65)]
public partial class CatAdExRefOne;

[Population(1)]
[QuaIF(VRest = -65, VReset = -68, VTh = -30, VC = -50, C = 0.07, R = 1, Tau = 10)]
[InitConstant("V", -65)]
public partial class CatQuaOne;

[Population(1)]
[QuaIFRef(TauRef = 2)]
[InitConstant("V", -65)]
public partial class CatQuaRefOne;

[Population(1)]
[AdQuaIF(VRest = -65, VReset = -68, VTh = -30, VC = -50, A = 1, B = 0.1, C = 0.07, Tau = 10, TauW = 10)]
[InitConstant("V", -65)]
[InitConstant("W", 0)]
public partial class CatAdQuaOne;

[Population(1)]
[AdQuaIFRef(TauRef = 2)]
[InitConstant("V", -65)]
public partial class CatAdQuaRefOne;

// BrainPy's default V0 = 0 on purpose (the test checks the spike at step 0): SPK1002 warns exactly about this.
#pragma warning disable SPK1002
[Population(1)] [QuaIF] public partial class CatQuaDefaultV0;
[Population(1)] [AdQuaIFRef] public partial class CatAdQuaRefDefaultV0;
#pragma warning restore SPK1002

// --- TauRef = 0 (BrainPy's default) against the base model: 64 neurons from the same initial state.
[Population(64)] [QuaIF] [InitNormal("V", Mean = -60, Std = 5)] public partial class CatQua64;
[Population(64)] [QuaIFRef] [InitNormal("V", Mean = -60, Std = 5)] public partial class CatQuaRef64;
[Population(64)] [AdExIF] [InitNormal("V", Mean = -65, Std = 3)] public partial class CatAdEx64;
[Population(64)] [AdExIFRef] [InitNormal("V", Mean = -65, Std = 3)] public partial class CatAdExRef64;
[Population(64)] [Izhikevich] [InitNormal("V", Mean = -65, Std = 5)] public partial class CatIzh64;
[Population(64)] [IzhikevichRef] [InitNormal("V", Mean = -65, Std = 5)] public partial class CatIzhRef64;

// --- Wide populations for the SIMD and thread tests (16 411 = 4·4096 + 27: Threads = 4 really splits, and the vector
// loop has a scalar tail; see NewModelTests).
[Population(16_411)] [IzhikevichRef(TauRef = 2)] [InitNormal("V", Mean = -65, Std = 5)] public partial class CatIzhRefWide;
[Population(16_411)] [ExpIFRef(TauRef = 2)] [InitNormal("V", Mean = -65, Std = 3)] public partial class CatExpIFRefWide;
[Population(16_411)] [AdExIFRef(TauRef = 2)] [InitNormal("V", Mean = -65, Std = 3)] public partial class CatAdExRefWide;
[Population(16_411)] [QuaIF] [InitNormal("V", Mean = -65, Std = 3)] public partial class CatQuaWide;
[Population(16_411)] [QuaIFRef(TauRef = 2)] [InitNormal("V", Mean = -65, Std = 3)] public partial class CatQuaRefWide;
[Population(16_411)] [AdQuaIF] [InitNormal("V", Mean = -65, Std = 3)] public partial class CatAdQuaWide;
[Population(16_411)] [AdQuaIFRef(TauRef = 2)] [InitNormal("V", Mean = -65, Std = 3)] public partial class CatAdQuaRefWide;

public class CatalogueModelTests(ITestOutputHelper output)
{
    const int Steps = 2000;
    const double TauRef = 2;

    /// <summary>One generated neuron: its update, its state (V first), the step of its last spike and its RefractorySteps
    /// (0 for a model without one).</summary>
    sealed record Gen(Func<float, int> Update, Func<double[]> State, Func<long> LastSpike, int RefractorySteps);

    /// <summary>NewModelTests.CompareTrace's checks, for models with a refractory hold as well:
    /// (1) spike steps equal; (2) every step, the reference advanced one step from the generated float state (and its
    /// last spike step, so a refractory neuron is held there too) gives the generated next state within 1e-4 relative
    /// (floors in the variable's unit); (3) the whole trajectory within <paramref name="globalTol"/> on the steps
    /// <paramref name="globalMask"/> accepts (by reference state). Prints the largest global errors measured.
    /// Then, for a model with RefractorySteps R &gt; 0, the hold: after each spike V keeps its reset value, bit for bit, for
    /// exactly R steps and moves on the next, while the other states change on every one of those steps.</summary>
    void CompareTrace(string label, double x, Gen gen, Func<double[], int, long, RefNeuron> referenceFrom, RefNeuron reference,
        double[] floors, double[] globalTol, Func<double[], bool> globalMask, int minSpikes)
    {
        Assert.Equal(reference.RefractorySteps, gen.RefractorySteps);
        var genSpikes = new List<int>();
        var refSpikes = new List<int>();
        double[] prev = gen.State();
        double[] ref0 = reference.State;
        for (int j = 0; j < prev.Length; j++)
            Assert.True(Math.Abs(prev[j] - ref0[j]) <= 1e-6 * Math.Max(Math.Abs(ref0[j]), floors[j]), $"{label}: initial state {j}: {prev[j]} vs {ref0[j]}");
        var trace = new double[Steps][];
        var maxGlobal = new double[prev.Length];
        int globalChecked = 0;
        for (int s = 0; s < Steps; s++)
        {
            var local = referenceFrom(prev, s, gen.LastSpike());
            bool localSpike = local.Step(x);
            bool spiked = gen.Update((float)x) > 0;
            if (spiked) genSpikes.Add(s);
            if (reference.Step(x)) refSpikes.Add(s);
            double[] now = gen.State(), l = local.State, g = reference.State;
            trace[s] = now;
            Assert.True(localSpike == spiked, $"{label} step {s}: generated spike {spiked}, reference from the same state {localSpike}");
            bool masked = globalMask(g);
            if (masked) globalChecked++;
            for (int j = 0; j < now.Length; j++)
            {
                Assert.True(Math.Abs(now[j] - l[j]) <= 1e-4 * Math.Max(Math.Abs(l[j]), floors[j]), $"{label} step {s} variable {j}: one step gives {now[j]}, reference {l[j]}");
                if (masked)
                {
                    double rel = Math.Abs(now[j] - g[j]) / Math.Max(Math.Abs(g[j]), floors[j]);
                    maxGlobal[j] = Math.Max(maxGlobal[j], rel);
                    Assert.True(rel <= globalTol[j], $"{label} step {s} variable {j}: {now[j]} vs reference trajectory {g[j]}");
                }
            }
            prev = now;
        }
        output.WriteLine($"{label}: {refSpikes.Count} spikes; largest global error (relative, floors {string.Join(", ", floors)}): {string.Join(", ", maxGlobal.Select(e => e.ToString("E2")))}");
        Assert.Equal(refSpikes, genSpikes);
        Assert.True(refSpikes.Count >= minSpikes, $"{label}: only {refSpikes.Count} spikes");
        Assert.True(globalChecked > Steps / 4, $"{label}: only {globalChecked} steps compared globally");

        int r = gen.RefractorySteps;
        if (r == 0) return;
        int holdsChecked = 0;
        foreach (int s in genSpikes)
        {
            if (s + r + 1 >= Steps) continue;
            float reset = (float)trace[s][0];
            for (int k = 1; k <= r; k++)
            {
                Assert.True(BitConverter.SingleToInt32Bits((float)trace[s + k][0]) == BitConverter.SingleToInt32Bits(reset),
                    $"{label}: spike at {s}, V moved {k} steps later ({trace[s + k][0]} vs {reset}) within the {r} refractory steps");
                for (int j = 1; j < trace[s].Length; j++)
                    Assert.True(trace[s + k][j] != trace[s + k - 1][j], $"{label}: spike at {s}, variable {j} stood still {k} steps later: it must integrate while V is held");
            }
            Assert.True(trace[s + r + 1][0] != reset, $"{label}: spike at {s}, V still held {r + 1} steps later (RefractorySteps = {r})");
            holdsChecked++;
        }
        Assert.True(holdsChecked >= 1, $"{label}: no complete refractory period to check");
    }

    // Inputs (ChosenInputs_SpikeAFewTimes_AndAreRobust in BrainPyReferenceTests checks the counts, and that ±1e-5 relative
    // on the input moves no spike): the Ref models take their base model's inputs from NewModelTests. QuaIF: saddle-node
    // rheobase c(V_c − V_rest)²/4 = 3.94; from the reset at −68 a spike takes long, so "near" is 8 (2 spikes in 100 ms at
    // dt = 0.05), "strong" 40. AdQuaIF: rheobase (c(V_c − V_rest) + a)²/(4c) = 15.01 with w at steady state; near 16,
    // strong 40.

    [Theory]
    [InlineData(5.0, 0.1, 3)]
    [InlineData(5.0, 0.05, 2)]
    [InlineData(20.0, 0.1, 10)]
    [InlineData(20.0, 0.05, 5)]
    public void IzhikevichRef_SingleNeuron_MatchesFloat64Reference(double x, double dt, int minSpikes)
    {
        var n = new CatIzhRefOne(dt: dt);
        Assert.Equal(2.0, CatIzhRefOne.TauRef);
        // Globally V only after the reset (V ≤ −60), u at 1e-3: the upstroke amplifies float32 rounding (NewModelTests).
        CompareTrace($"IzhikevichRef x={x} dt={dt}", x, new(i => n.Update(i).Count, () => [n.V[0], n.U[0]], () => n.LastSpikeStep[0], n.RefractorySteps),
            (s, k, last) => new RefIzhikevich(dt, v0: s[0], u0: s[1], tauRef: TauRef).ContinueAt(k, last), new RefIzhikevich(dt, tauRef: TauRef),
            floors: [1, 1], globalTol: [1e-4, 1e-3], globalMask: s => s[0] <= -60, minSpikes);
    }

    [Theory]
    [InlineData(3.0, 0.1, 3)]
    [InlineData(3.0, 0.05, 2)]
    [InlineData(20.0, 0.1, 20)]
    [InlineData(20.0, 0.05, 10)]
    public void ExpIFRef_SingleNeuron_MatchesFloat64Reference(double x, double dt, int minSpikes)
    {
        var n = new CatExpIFRefOne(dt: dt);
        CompareTrace($"ExpIFRef x={x} dt={dt}", x, new(i => n.Update(i).Count, () => [n.V[0]], () => n.LastSpikeStep[0], n.RefractorySteps),
            (s, k, last) => new RefExpIF(s[0], dt, tauRef: TauRef).ContinueAt(k, last), new RefExpIF(-65, dt, tauRef: TauRef),
            floors: [1], globalTol: [1e-4], globalMask: _ => true, minSpikes);
    }

    [Theory]
    [InlineData(7.0, 0.1, 4)]
    [InlineData(7.0, 0.05, 2)]
    [InlineData(30.0, 0.1, 25)]
    [InlineData(30.0, 0.05, 12)]
    public void AdExIFRef_SingleNeuron_MatchesFloat64Reference(double x, double dt, int minSpikes)
    {
        var n = new CatAdExRefOne(dt: dt);
        CompareTrace($"AdExIFRef x={x} dt={dt}", x, new(i => n.Update(i).Count, () => [n.V[0], n.W[0]], () => n.LastSpikeStep[0], n.RefractorySteps),
            (s, k, last) => new RefAdExIF(s[0], dt, w0: s[1], tauRef: TauRef).ContinueAt(k, last), new RefAdExIF(-65, dt, tauRef: TauRef),
            floors: [1, 0.1], globalTol: [1e-4, 1e-3], globalMask: _ => true, minSpikes);
    }

    [Theory]
    [InlineData(8.0, 0.1, 4)]
    [InlineData(8.0, 0.05, 2)]
    [InlineData(40.0, 0.1, 20)]
    [InlineData(40.0, 0.05, 10)]
    public void QuaIF_SingleNeuron_MatchesFloat64Reference(double x, double dt, int minSpikes)
    {
        var n = new CatQuaOne(dt: dt);
        Assert.Equal(-50f, CatQuaOne.VC);
        Assert.Equal(0.07f, CatQuaOne.C);
        CompareTrace($"QuaIF x={x} dt={dt}", x, new(i => n.Update(i).Count, () => [n.V[0]], () => n.LastSpikeStep[0], 0),
            (s, k, last) => new RefQuaIF(s[0], dt).ContinueAt(k, last), new RefQuaIF(-65, dt),
            floors: [1], globalTol: [1e-4], globalMask: _ => true, minSpikes);
    }

    [Theory]
    [InlineData(8.0, 0.1, 4)]
    [InlineData(8.0, 0.05, 2)]
    [InlineData(40.0, 0.1, 18)]
    [InlineData(40.0, 0.05, 9)]
    public void QuaIFRef_SingleNeuron_MatchesFloat64Reference(double x, double dt, int minSpikes)
    {
        var n = new CatQuaRefOne(dt: dt);
        CompareTrace($"QuaIFRef x={x} dt={dt}", x, new(i => n.Update(i).Count, () => [n.V[0]], () => n.LastSpikeStep[0], n.RefractorySteps),
            (s, k, last) => new RefQuaIF(s[0], dt, tauRef: TauRef).ContinueAt(k, last), new RefQuaIF(-65, dt, tauRef: TauRef),
            floors: [1], globalTol: [1e-4], globalMask: _ => true, minSpikes);
    }

    [Theory]
    [InlineData(16.0, 0.1, 4)]
    [InlineData(16.0, 0.05, 2)]
    [InlineData(40.0, 0.1, 16)]
    [InlineData(40.0, 0.05, 8)]
    public void AdQuaIF_SingleNeuron_MatchesFloat64Reference(double x, double dt, int minSpikes)
    {
        var n = new CatAdQuaOne(dt: dt);
        Assert.Equal(0.1f, CatAdQuaOne.B);
        Assert.Equal(10f, CatAdQuaOne.TauW);
        CompareTrace($"AdQuaIF x={x} dt={dt}", x, new(i => n.Update(i).Count, () => [n.V[0], n.W[0]], () => n.LastSpikeStep[0], 0),
            (s, k, last) => new RefAdQuaIF(s[0], dt, w0: s[1]).ContinueAt(k, last), new RefAdQuaIF(-65, dt),
            floors: [1, 0.1], globalTol: [1e-4, 1e-3], globalMask: _ => true, minSpikes);
    }

    [Theory]
    [InlineData(16.0, 0.1, 4)]
    [InlineData(16.0, 0.05, 2)]
    [InlineData(40.0, 0.1, 15)]
    [InlineData(40.0, 0.05, 8)]
    public void AdQuaIFRef_SingleNeuron_MatchesFloat64Reference(double x, double dt, int minSpikes)
    {
        var n = new CatAdQuaRefOne(dt: dt);
        CompareTrace($"AdQuaIFRef x={x} dt={dt}", x, new(i => n.Update(i).Count, () => [n.V[0], n.W[0]], () => n.LastSpikeStep[0], n.RefractorySteps),
            (s, k, last) => new RefAdQuaIF(s[0], dt, w0: s[1], tauRef: TauRef).ContinueAt(k, last), new RefAdQuaIF(-65, dt, tauRef: TauRef),
            floors: [1, 0.1], globalTol: [1e-4, 1e-3], globalMask: _ => true, minSpikes);
    }

    [Theory]
    [InlineData(0.1, 20)]
    [InlineData(0.05, 40)]
    [InlineData(0.3, 6)] // 2/0.3 = 6.67: the whole steps within TauRef
    public void RefractorySteps_AreTheWholeStepsWithinTauRef(double dt, int expected)
    {
        Assert.Equal(expected, new CatQuaRefOne(dt: dt).RefractorySteps);
        Assert.Equal(expected, new CatAdQuaRefOne(dt: dt).RefractorySteps);
        Assert.Equal(expected, new CatIzhRefOne(dt: dt).RefractorySteps);
        Assert.Equal(expected, new RefQuaIF(-65, dt, tauRef: TauRef).RefractorySteps);
    }

    // --- BrainPy's default tau_ref = 0 holds nothing: a Ref model is then its base model, bit for bit.

    static void SameAsBase<TBase, TRef>(string label, TBase b, TRef r, Func<TBase, float, Spikes> ub, Func<TRef, float, Spikes> ur,
        Func<TBase, float[][]> sb, Func<TRef, float[][]> sr, float input)
    {
        long spikes = 0;
        for (int s = 0; s < 1500; s++)
        {
            int[] x = NewModelTests.ToArray(ub(b, input)), y = NewModelTests.ToArray(ur(r, input));
            Assert.True(x.AsSpan().SequenceEqual(y), $"{label}: spikes of step {s} differ");
            spikes += x.Length;
            float[][] a = sb(b), c = sr(r);
            for (int v = 0; v < a.Length; v++)
                for (int i = 0; i < a[v].Length; i++)
                    Assert.True(BitConverter.SingleToInt32Bits(a[v][i]) == BitConverter.SingleToInt32Bits(c[v][i]), $"{label} step {s} variable {v} neuron {i}: {a[v][i]} vs {c[v][i]}");
        }
        Assert.True(spikes > 64, $"{label}: only {spikes} spikes");
    }

    [Fact]
    public void RefModels_WithBrainPysDefaultTauRef0_AreTheirBaseModel()
    {
        Assert.Equal(0.0, CatQuaRef64.TauRef);
        Assert.Equal(0, new CatQuaRef64().RefractorySteps);
        SameAsBase("QuaIFRef", new CatQua64(3), new CatQuaRef64(3), (n, x) => n.Update(x), (n, x) => n.Update(x), n => [n.V], n => [n.V], 30f);
        SameAsBase("AdExIFRef", new CatAdEx64(4), new CatAdExRef64(4), (n, x) => n.Update(x), (n, x) => n.Update(x), n => [n.V, n.W], n => [n.V, n.W], 15f);
        SameAsBase("IzhikevichRef", new CatIzh64(5), new CatIzhRef64(5), (n, x) => n.Update(x), (n, x) => n.Update(x), n => [n.V, n.U], n => [n.V, n.U], 10f);
    }

    [Fact]
    public void QuaIF_DefaultInitialV_IsAboveThreshold_SoItSpikesInStepZero()
    {
        // brainpy-semantics.md §2.4 "Surprise": V₀ = 0 > V_th = −30; the reference agrees.
        Assert.True(new RefQuaIF(0).Step(0));
        Assert.True(new RefAdQuaIF(0).Step(0));
        var q = new CatQuaDefaultV0();
        Assert.Equal(0f, q.V[0]);
        Assert.Equal(1, q.Update(0f).Count);
        Assert.Equal(-68f, q.V[0]);
        var a = new CatAdQuaRefDefaultV0();
        Assert.Equal(0f, a.V[0]);
        Assert.Equal(0f, a.W[0]);
        Assert.Equal(1, a.Update(0f).Count);
        Assert.Equal(-68f, a.V[0]);
        // w integrated from 0 with V₀ = 0 (dw/dt = a(0 − V_rest)/τ_w = 6.5/ms, one exp_auto step), then + b.
        var r = new RefAdQuaIF(0);
        r.Step(0);
        Assert.Equal(r.W, a.W[0], 1e-5 * Math.Abs(r.W));
    }

    // --- SIMD against scalar, and 1/2/4 threads (NewModelTests.SimdAndThreads): same spikes every step, same bits.

    [Fact]
    public void IzhikevichRef_SimdScalarAndThreads_BitIdentical() =>
        NewModelTests.SimdAndThreads("IzhikevichRef", (t, simd) => new CatIzhRefWide(5) { Threads = t, UseSimd = simd }, (n, x) => NewModelTests.ToArray(n.Update(x)),
            n => [n.V, n.U], 10f, CatIzhRefWide.Size);

    [Fact]
    public void ExpIFRef_SimdScalarAndThreads_BitIdentical() =>
        NewModelTests.SimdAndThreads("ExpIFRef", (t, simd) => new CatExpIFRefWide(6) { Threads = t, UseSimd = simd }, (n, x) => NewModelTests.ToArray(n.Update(x)),
            n => [n.V], 10f, CatExpIFRefWide.Size);

    [Fact]
    public void AdExIFRef_SimdScalarAndThreads_BitIdentical() =>
        NewModelTests.SimdAndThreads("AdExIFRef", (t, simd) => new CatAdExRefWide(7) { Threads = t, UseSimd = simd }, (n, x) => NewModelTests.ToArray(n.Update(x)),
            n => [n.V, n.W], 15f, CatAdExRefWide.Size);

    [Fact]
    public void QuaIF_SimdScalarAndThreads_BitIdentical() =>
        NewModelTests.SimdAndThreads("QuaIF", (t, simd) => new CatQuaWide(8) { Threads = t, UseSimd = simd }, (n, x) => NewModelTests.ToArray(n.Update(x)),
            n => [n.V], 30f, CatQuaWide.Size);

    [Fact]
    public void QuaIFRef_SimdScalarAndThreads_BitIdentical() =>
        NewModelTests.SimdAndThreads("QuaIFRef", (t, simd) => new CatQuaRefWide(9) { Threads = t, UseSimd = simd }, (n, x) => NewModelTests.ToArray(n.Update(x)),
            n => [n.V], 30f, CatQuaRefWide.Size);

    [Fact]
    public void AdQuaIF_SimdScalarAndThreads_BitIdentical() =>
        NewModelTests.SimdAndThreads("AdQuaIF", (t, simd) => new CatAdQuaWide(10) { Threads = t, UseSimd = simd }, (n, x) => NewModelTests.ToArray(n.Update(x)),
            n => [n.V, n.W], 40f, CatAdQuaWide.Size);

    [Fact]
    public void AdQuaIFRef_SimdScalarAndThreads_BitIdentical() =>
        NewModelTests.SimdAndThreads("AdQuaIFRef", (t, simd) => new CatAdQuaRefWide(11) { Threads = t, UseSimd = simd }, (n, x) => NewModelTests.ToArray(n.Update(x)),
            n => [n.V, n.W], 40f, CatAdQuaRefWide.Size);

    // --- Defaults: BrainPy 2.6.0, brainpy/_src/dyn/neurons/lif.py (the __init__ keyword defaults of QuaIFLTC lines
    // 2046–2053, AdQuaIFLTC 2622–2632, and tau_ref = 0 in every …RefLTC), from the runtime's generated attribute classes.

    [Fact]
    public void AttributeDefaults_AreBrainPys()
    {
        var q = new QuaIFAttribute();
        var qr = new QuaIFRefAttribute();
        var aq = new AdQuaIFAttribute();
        var aqr = new AdQuaIFRefAttribute();
        (string Name, double Actual, double BrainPy)[] table =
        [
            ("QuaIF.VRest", q.VRest, -65), ("QuaIF.VReset", q.VReset, -68), ("QuaIF.VTh", q.VTh, -30), ("QuaIF.VC", q.VC, -50),
            ("QuaIF.C", q.C, 0.07), ("QuaIF.R", q.R, 1), ("QuaIF.Tau", q.Tau, 10),
            ("QuaIFRef.VTh", qr.VTh, -30), ("QuaIFRef.VC", qr.VC, -50), ("QuaIFRef.TauRef", qr.TauRef, 0),
            ("AdQuaIF.VRest", aq.VRest, -65), ("AdQuaIF.VReset", aq.VReset, -68), ("AdQuaIF.VTh", aq.VTh, -30), ("AdQuaIF.VC", aq.VC, -50),
            ("AdQuaIF.A", aq.A, 1), ("AdQuaIF.B", aq.B, 0.1), ("AdQuaIF.C", aq.C, 0.07), ("AdQuaIF.Tau", aq.Tau, 10), ("AdQuaIF.TauW", aq.TauW, 10),
            ("AdQuaIFRef.B", aqr.B, 0.1), ("AdQuaIFRef.TauW", aqr.TauW, 10), ("AdQuaIFRef.TauRef", aqr.TauRef, 0),
            ("IzhikevichRef.TauRef", new IzhikevichRefAttribute().TauRef, 0), ("ExpIFRef.TauRef", new ExpIFRefAttribute().TauRef, 0),
            ("AdExIFRef.TauRef", new AdExIFRefAttribute().TauRef, 0), ("AdExIFRef.TauW", new AdExIFRefAttribute().TauW, 30),
        ];
        foreach (var (name, actual, brainPy) in table) Assert.True(actual == brainPy, $"{name} = {actual}, BrainPy {brainPy}");
        Assert.Null(typeof(AdQuaIFAttribute).GetProperty("R")); // BrainPy's AdQuaIF has no R
        // The references' defaults are the same table.
        Assert.Equal(RefQuaIF.DefaultVC, q.VC);
        Assert.Equal(RefQuaIF.DefaultC, q.C);
        Assert.Equal(RefAdQuaIF.DefaultB, aq.B);
        Assert.Equal(RefAdQuaIF.DefaultTauW, aq.TauW);
    }
}
