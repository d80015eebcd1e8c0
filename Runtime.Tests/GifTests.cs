using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace SpikeSharp.Runtime.Tests;

// Gif and GifRef (issue 11; BrainPy 2.6.0 lif.py GifLTC, GifRefLTC) against the float64 reference RefGif of
// BrainPyReference.cs, as CatalogueModelTests does for the other models. The traces use the parameters of BrainPy's
// GifRef docstring example (a = 0.005, A1 = 10, A2 = −0.6, "tonic bursting"), so that every state moves: with BrainPy's
// defaults (a = 0, A1 = A2 = 0, R1 = 0, R2 = 1) V_th stays at −50 and I1 = I2 = 0, and Gif is a leaky integrate-and-fire
// neuron. Models first, tests below.

[Population(1)] [Gif(A = 0.005, A1 = 10, A2 = -0.6)] public partial class GifOne;
[Population(1)] [GifRef(A = 0.005, A1 = 10, A2 = -0.6, TauRef = 2)] public partial class GifRefOne;
[Population(1)] [Gif] public partial class GifDefaults;

// The old threshold: V_th₀ below V_th_inf rises within the step (b = 0.1: dV_th/dt = 1 mV/ms at −60), V is held where it
// is by its input (V∞ = V₀), so V_th_old ≤ V_new < V_th_new: BrainPy spikes (lif.py line 3400, self.V_th <= V).
[Population(1)]
[Gif(B = 0.1, R1 = 0.5, A1 = 1, R2 = 0.5, A2 = -0.25)]
[InitConstant("V", -59.95)] [InitConstant("VTh", -60)] [InitConstant("I1", 2)] [InitConstant("I2", 1)]
public partial class GifOldThreshold;

// The same with V_th₀ = −65, below V_th_reset: the reset takes max(V_th_reset, V_th_new) = V_th_reset.
[Population(1)]
[Gif(B = 0.1)]
[InitConstant("V", -64.9)] [InitConstant("VTh", -65)]
public partial class GifBelowThReset;

// TauRef = 0 (BrainPy's default) against Gif: 64 neurons from the same initial state.
[Population(64)] [Gif(A = 0.005, A1 = 10, A2 = -0.6)] [InitNormal("V", Mean = -65, Std = 3)] [InitUniform("VTh", Min = -52, Max = -48)] public partial class Gif64;
[Population(64)] [GifRef(A = 0.005, A1 = 10, A2 = -0.6)] [InitNormal("V", Mean = -65, Std = 3)] [InitUniform("VTh", Min = -52, Max = -48)] public partial class GifRef64;

// Wide populations for the SIMD and thread tests (16 411 = 4·4096 + 27: Threads = 4 really splits, and the vector loop
// has a scalar tail; see NewModelTests).
[Population(16_411)] [Gif(A = 0.005, A1 = 10, A2 = -0.6)] [InitNormal("V", Mean = -65, Std = 3)] [InitUniform("VTh", Min = -52, Max = -48)] public partial class GifWide;
[Population(16_411)] [GifRef(A = 0.005, A1 = 10, A2 = -0.6, TauRef = 2)] [InitNormal("V", Mean = -65, Std = 3)] [InitUniform("VTh", Min = -52, Max = -48)] public partial class GifRefWide;

public class GifTests(ITestOutputHelper output)
{
    const int Steps = 2000;
    const double TauRef = 2, A = 0.005, A1 = 10, A2 = -0.6;

    static RefGif Reference(double dt, double[] s, double tauRef) =>
        new(dt, v0: s[0], vTh0: s[1], i10: s[2], i20: s[3], a: A, a1: A1, a2: A2, tauRef: tauRef);

    /// <summary>CatalogueModelTests.CompareTrace's checks for the state (V, VTh, I1, I2): (1) spike steps equal; (2) every
    /// step, the reference advanced one step from the generated float state (and its last spike step) gives the generated
    /// next state within 1e-4 relative (floors 1 mV, 1 mV, 0.1, 0.1); (3) the whole trajectory within 1e-4 relative (same
    /// floors); (4) with RefractorySteps R &gt; 0: after each spike V keeps its reset value, bit for bit, for exactly R steps
    /// and moves on the next, while VTh, I1 and I2 change on every one of those steps.</summary>
    void CompareTrace(string label, double x, double dt, Func<float, int> update, Func<double[]> state, Func<long> lastSpike,
        int refractorySteps, double tauRef, int minSpikes)
    {
        double[] floors = [1, 1, 0.1, 0.1];
        var reference = Reference(dt, [RefGif.DefaultV0, RefGif.DefaultVTh0, 0, 0], tauRef);
        Assert.Equal(reference.RefractorySteps, refractorySteps);
        var genSpikes = new List<int>();
        var refSpikes = new List<int>();
        double[] prev = state();
        Assert.Equal(reference.State, prev); // −70, −50, 0, 0: exact in float
        var trace = new double[Steps][];
        var maxGlobal = new double[prev.Length];
        for (int s = 0; s < Steps; s++)
        {
            var local = Reference(dt, prev, tauRef).ContinueAt(s, lastSpike());
            bool localSpike = local.Step(x);
            bool spiked = update((float)x) > 0;
            if (spiked) genSpikes.Add(s);
            if (reference.Step(x)) refSpikes.Add(s);
            double[] now = state(), l = local.State, g = reference.State;
            trace[s] = now;
            Assert.True(localSpike == spiked, $"{label} step {s}: generated spike {spiked}, reference from the same state {localSpike}");
            for (int j = 0; j < now.Length; j++)
            {
                Assert.True(Math.Abs(now[j] - l[j]) <= 1e-4 * Math.Max(Math.Abs(l[j]), floors[j]), $"{label} step {s} variable {j}: one step gives {now[j]}, reference {l[j]}");
                double rel = Math.Abs(now[j] - g[j]) / Math.Max(Math.Abs(g[j]), floors[j]);
                maxGlobal[j] = Math.Max(maxGlobal[j], rel);
                Assert.True(rel <= 1e-4, $"{label} step {s} variable {j}: {now[j]} vs reference trajectory {g[j]}");
            }
            prev = now;
        }
        output.WriteLine($"{label}: {refSpikes.Count} spikes; largest global error (relative, floors 1, 1, 0.1, 0.1): {string.Join(", ", maxGlobal.Select(e => e.ToString("E2")))}");
        Assert.Equal(refSpikes, genSpikes);
        Assert.True(refSpikes.Count >= minSpikes, $"{label}: only {refSpikes.Count} spikes");
        // Every state really moved (the comparison would be weak otherwise).
        for (int j = 1; j < 4; j++)
            Assert.True(trace.Max(t => t[j]) - trace.Min(t => t[j]) > 0.5, $"{label}: variable {j} barely moved");

        int r = refractorySteps;
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
                for (int j = 1; j < 4; j++)
                    Assert.True(trace[s + k][j] != trace[s + k - 1][j], $"{label}: spike at {s}, variable {j} stood still {k} steps later: it must integrate while V is held");
            }
            Assert.True(trace[s + r + 1][0] != reset, $"{label}: spike at {s}, V still held {r + 1} steps later (RefractorySteps = {r})");
            holdsChecked++;
        }
        Assert.True(holdsChecked >= 1, $"{label}: no complete refractory period to check");
    }

    // Inputs: V∞ = V_rest + R·x = −70 + 20x, so x = 1.5 (V∞ = −40) fires with the threshold near −50 and 3 fires strongly.
    // Measured with the reference: Gif 7 / 7 spikes at 1.5 (dt 0.1 / 0.05: 200 / 100 ms), 21 / 12 at 3; GifRef (2 ms) 3 / 3
    // and 20 / 12; ±1e-5 relative on the input moves no spike (Inputs_AreRobust).

    [Theory]
    [InlineData(1.5, 0.1, 5)]
    [InlineData(1.5, 0.05, 5)]
    [InlineData(3.0, 0.1, 15)]
    [InlineData(3.0, 0.05, 9)]
    public void Gif_SingleNeuron_MatchesFloat64Reference(double x, double dt, int minSpikes)
    {
        var n = new GifOne(dt: dt);
        Assert.Equal(0.005f, GifOne.A);
        Assert.Equal(10f, GifOne.A1);
        Assert.Equal(-0.6f, GifOne.A2);
        CompareTrace($"Gif x={x} dt={dt}", x, dt, i => n.Update(i).Count, () => [n.V[0], n.VTh[0], n.I1[0], n.I2[0]], () => n.LastSpikeStep[0], 0, 0, minSpikes);
    }

    [Theory]
    [InlineData(1.5, 0.1, 3)]
    [InlineData(1.5, 0.05, 3)]
    [InlineData(3.0, 0.1, 15)]
    [InlineData(3.0, 0.05, 9)]
    public void GifRef_SingleNeuron_MatchesFloat64Reference_AndHoldsV(double x, double dt, int minSpikes)
    {
        var n = new GifRefOne(dt: dt);
        Assert.Equal(2.0, GifRefOne.TauRef);
        Assert.Equal((int)Math.Round(TauRef / dt), n.RefractorySteps);
        CompareTrace($"GifRef x={x} dt={dt}", x, dt, i => n.Update(i).Count, () => [n.V[0], n.VTh[0], n.I1[0], n.I2[0]], () => n.LastSpikeStep[0], n.RefractorySteps, TauRef, minSpikes);
    }

    [Fact]
    public void Inputs_AreRobust()
    {
        foreach (double tauRef in new[] { 0.0, TauRef })
            foreach (double x in new[] { 1.5, 3.0 })
                foreach (double dt in new[] { 0.1, 0.05 })
                {
                    var s0 = Reference(dt, [-70, -50, 0, 0], tauRef).Run(x, Steps).SpikeSteps;
                    Assert.True(s0.Count >= 3, $"tauRef={tauRef} x={x} dt={dt}: {s0.Count} spikes");
                    foreach (double e in new[] { 1e-5, -1e-5 })
                        Assert.Equal(s0, Reference(dt, [-70, -50, 0, 0], tauRef).Run(x * (1 + e), Steps).SpikeSteps);
                }
    }

    /// <summary>The spike compares the integrated V with the threshold of the step's START (lif.py V2.6.0 line 3400:
    /// <c>spike = self.V_th &lt;= V</c>, self.V_th not yet updated): here V_th_old = −60 ≤ V_new ≈ −59.95 &lt; V_th_new ≈ −59.90,
    /// so the neuron fires (it would not against the new threshold); then V = V_reset, I1 = R1·I1_new + A1,
    /// I2 = R2·I2_new + A2, V_th = max(V_th_reset, V_th_new) = V_th_new.</summary>
    [Fact]
    public void Spike_ComparesTheOldThreshold_ResetsReadTheIntegratedValues()
    {
        const double dt = 0.1;
        var n = new GifOldThreshold(dt: dt);
        Assert.Equal(new[] { -59.95f, -60f, 2f, 1f }, new[] { n.V[0], n.VTh[0], n.I1[0], n.I2[0] });
        double x = (-59.95 + 70) / 20 - 3; // V∞ = V_rest + R(x + I1 + I2) = V₀
        double vNew = -59.95, vThNew = -60 + dt * ExpAuto.Phi(-0.1 * dt) * (-0.1 * (-60 + 50));
        double i1New = 2 + dt * ExpAuto.Phi(-0.2 * dt) * (-0.2 * 2), i2New = 1 + dt * ExpAuto.Phi(-0.02 * dt) * (-0.02 * 1);
        Assert.True(-60 <= vNew && vNew < vThNew - 0.04, "the probe must sit between the old and the new threshold");
        var reference = new RefGif(dt, v0: -59.95, vTh0: -60, i10: 2, i20: 1, b: 0.1, r1: 0.5, a1: 1, r2: 0.5, a2: -0.25);
        Assert.True(reference.Step(x));
        Assert.Equal(1, n.Update((float)x).Count);
        double[] want = [-70, vThNew, 0.5 * i1New + 1, 0.5 * i2New - 0.25];
        double[] got = [n.V[0], n.VTh[0], n.I1[0], n.I2[0]];
        for (int j = 0; j < 4; j++)
        {
            Assert.True(Math.Abs(got[j] - want[j]) <= 1e-5 * Math.Max(1, Math.Abs(want[j])), $"variable {j}: {got[j]}, expected {want[j]}");
            Assert.Equal(want[j], reference.State[j], 12);
        }

        // V_th_new below V_th_reset: the reset lifts the threshold to V_th_reset = −60.
        var m = new GifBelowThReset(dt: dt);
        double xm = (-64.9 + 70) / 20, thm = -65 + dt * ExpAuto.Phi(-0.1 * dt) * (-0.1 * (-65 + 50));
        Assert.True(-65 <= -64.9 && -64.9 < thm - 0.04);
        Assert.Equal(1, m.Update((float)xm).Count);
        Assert.Equal(-70f, m.V[0]);
        Assert.Equal(-60f, m.VTh[0]);
        var rm = new RefGif(dt, v0: -64.9, vTh0: -65, b: 0.1);
        Assert.True(rm.Step(xm));
        Assert.Equal(-60, rm.VTh);
    }

    [Fact]
    public void Defaults_AndInitialValues_AreBrainPys()
    {
        // lif.py V2.6.0 GifLTC.__init__ lines 3285–3302; GifRefLTC tau_ref = 0 (line 3693).
        var g = new GifAttribute();
        var gr = new GifRefAttribute();
        (string Name, double Actual, double BrainPy)[] table =
        [
            ("VRest", g.VRest, -70), ("VReset", g.VReset, -70), ("VThInf", g.VThInf, -50), ("VThReset", g.VThReset, -60),
            ("R", g.R, 20), ("Tau", g.Tau, 20), ("A", g.A, 0), ("B", g.B, 0.01), ("K1", g.K1, 0.2), ("K2", g.K2, 0.02),
            ("R1", g.R1, 0), ("R2", g.R2, 1), ("A1", g.A1, 0), ("A2", g.A2, 0),
            ("GifRef.VThReset", gr.VThReset, -60), ("GifRef.K2", gr.K2, 0.02), ("GifRef.TauRef", gr.TauRef, 0),
        ];
        foreach (var (name, actual, brainPy) in table) Assert.True(actual == brainPy, $"{name} = {actual}, BrainPy {brainPy}");
        Assert.Equal(RefGif.DefaultVThInf, g.VThInf);
        Assert.Equal(RefGif.DefaultK1, g.K1);
        // V_initializer OneInit(−70), Vth_initializer OneInit(−50), I1/I2 ZeroInit (lines 3299–3302).
        var n = new GifDefaults();
        Assert.Equal(new[] { -70f, -50f, 0f, 0f }, new[] { n.V[0], n.VTh[0], n.I1[0], n.I2[0] });
        // With BrainPy's defaults the threshold stays at V_th_inf and the currents at 0: a leaky integrate-and-fire
        // neuron (τ 20, R 20, V_th −50), which the reference and Lif's closed form agree on.
        var reference = new RefGif();
        int spikes = 0;
        for (int s = 0; s < 500; s++)
        {
            bool a = n.Update(1.5f).Count > 0, b = reference.Step(1.5);
            Assert.Equal(b, a);
            if (a) spikes++;
            Assert.Equal(-50f, n.VTh[0]);
            Assert.Equal(0f, n.I1[0]);
            Assert.Equal(0f, n.I2[0]);
        }
        Assert.Equal(2, spikes); // first at step 219: −70 + 30(1 − e^(−t/20)) = −50 at t = 20·ln 3 = 21.97 ms
    }

    [Fact]
    public void GifRef_WithBrainPysDefaultTauRef0_IsGif()
    {
        var b = new Gif64(3);
        var r = new GifRef64(3);
        Assert.Equal(0, r.RefractorySteps);
        long spikes = 0;
        for (int s = 0; s < 1500; s++)
        {
            int[] x = NewModelTests.ToArray(b.Update(3f)), y = NewModelTests.ToArray(r.Update(3f));
            Assert.True(x.AsSpan().SequenceEqual(y), $"spikes of step {s} differ");
            spikes += x.Length;
            float[][] u = [b.V, b.VTh, b.I1, b.I2], v = [r.V, r.VTh, r.I1, r.I2];
            for (int k = 0; k < 4; k++)
                for (int i = 0; i < 64; i++)
                    Assert.True(BitConverter.SingleToInt32Bits(u[k][i]) == BitConverter.SingleToInt32Bits(v[k][i]), $"step {s} variable {k} neuron {i}: {u[k][i]} vs {v[k][i]}");
        }
        Assert.True(spikes > 64, $"only {spikes} spikes");
    }

    [Fact]
    public void Gif_SimdScalarAndThreads_BitIdentical() =>
        NewModelTests.SimdAndThreads("Gif", (t, simd) => new GifWide(12) { Threads = t, UseSimd = simd }, (n, x) => NewModelTests.ToArray(n.Update(x)),
            n => [n.V, n.VTh, n.I1, n.I2], 3f, GifWide.Size);

    [Fact]
    public void GifRef_SimdScalarAndThreads_BitIdentical() =>
        NewModelTests.SimdAndThreads("GifRef", (t, simd) => new GifRefWide(13) { Threads = t, UseSimd = simd }, (n, x) => NewModelTests.ToArray(n.Update(x)),
            n => [n.V, n.VTh, n.I1, n.I2], 3f, GifRefWide.Size);
}
