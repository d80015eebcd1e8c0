using System;
using System.Collections.Generic;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

// Method = IntegrationMethod.Euler (BrainPy's method='euler', brainpy-semantics.md §2.2: y + dt·f(y), every variable
// from the same old state), against float64 Euler written here.

[Population(1)]
[Izhikevich(Method = IntegrationMethod.Euler)]
public partial class IzhEuler;

[Population(1)]
[LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5, Method = IntegrationMethod.Euler)]
[InitConstant("V", -60)]
public partial class LifRefEuler;

[Population(1)]
[ExpIF(Method = IntegrationMethod.Euler)]
[InitConstant("V", -65)]
public partial class ExpIFEuler;

[Population(16_411)]
[AdExIF(Method = IntegrationMethod.Euler)]
[InitNormal("V", Mean = -65, Std = 3)]
public partial class AdExEulerWide;

public class IntegrationMethodTests
{
    static void Compare(string label, List<int> expected, List<int> actual, double maxRel)
    {
        Assert.True(expected.Count > 1, $"{label}: the reference spiked {expected.Count} times");
        Assert.Equal(expected, actual);
        Assert.True(maxRel < 1e-4, $"{label}: V differs by {maxRel:E2} relative");
    }

    [Theory]
    [InlineData(10.0, 0.1)]
    [InlineData(5.0, 0.05)]
    public void Izhikevich_Euler_MatchesFloat64Euler(double input, double dt)
    {
        var n = new IzhEuler(dt: dt);
        double v = -70, u = 0.2 * -70;
        var expected = new List<int>();
        var actual = new List<int>();
        double maxRel = 0;
        for (int s = 0; s < 2000; s++)
        {
            // One Euler step of the reference from the generated state (the step itself, to float rounding) ...
            double gv = n.V[0], gu = n.U[0];
            double oneV = gv + dt * (0.04 * gv * gv + 5 * gv + 140 - gu + input);
            // ... and the whole float64 trajectory, for the spike steps.
            double vNew = v + dt * (0.04 * v * v + 5 * v + 140 - u + input);
            double uNew = u + dt * (0.02 * (0.2 * v - u));
            if (vNew >= 30) { vNew = -65; uNew += 8; expected.Add(s); }
            (v, u) = (vNew, uNew);
            if (n.Update((float)input).Count > 0) actual.Add(s);
            else maxRel = Math.Max(maxRel, Math.Abs(n.V[0] - oneV) / Math.Max(1, Math.Abs(oneV)));
        }
        Compare("Izhikevich", expected, actual, maxRel);
    }

    [Fact]
    public void LifRef_Euler_IsVPlusDtOverTauTimesTheDistance()
    {
        // V + (dt/τ)(V∞ − V) with V∞ = V_rest + R·I; 5 ms held after a spike.
        const double dt = 0.1, input = 20;
        var n = new LifRefEuler(dt: dt);
        double v = -60;
        int last = int.MinValue / 2;
        var expected = new List<int>();
        var actual = new List<int>();
        double maxRel = 0;
        for (int s = 0; s < 2000; s++)
        {
            double vNew = v + dt / 20 * (-60 + input - v);
            if (s - last <= 50) vNew = v;
            if (vNew >= -50) { vNew = -60; last = s; expected.Add(s); }
            v = vNew;
            if (n.Update((float)input).Count > 0) actual.Add(s);
            maxRel = Math.Max(maxRel, Math.Abs(n.V[0] - v) / Math.Max(1, Math.Abs(v)));
        }
        Compare("LifRef", expected, actual, maxRel);
        // Euler is not the exact step: one step from −60 at input 20 is −60 + 0.005·20 = −59.9, where exp_auto gives
        // −60 + (1 − e^−0.005)·20 = −59.900249 (the difference is 65 float ulps at 60 mV).
        var fresh = new LifRefEuler(dt: dt);
        fresh.Update((float)input);
        Assert.Equal(-59.9f, fresh.V[0]);
    }

    [Fact]
    public void ExpIF_Euler_MatchesFloat64Euler()
    {
        const double dt = 0.1, input = 5;
        var n = new ExpIFEuler(dt: dt);
        double v = -65;
        var expected = new List<int>();
        var actual = new List<int>();
        double maxRel = 0;
        for (int s = 0; s < 2000; s++)
        {
            double vNew = v + dt * ((-(v + 65) + 3.48 * Math.Exp((v + 59.9) / 3.48) + input) / 10);
            if (vNew >= -55) { vNew = -68; expected.Add(s); }
            v = vNew;
            if (n.Update((float)input).Count > 0) actual.Add(s);
            maxRel = Math.Max(maxRel, Math.Abs(n.V[0] - v) / Math.Max(1, Math.Abs(v)));
        }
        Compare("ExpIF", expected, actual, maxRel);
    }

    [Fact]
    public void Euler_SimdScalarAndThreads_BitIdentical() =>
        NewModelTests.SimdAndThreads("AdExIF Euler", (t, simd) => new AdExEulerWide(3) { Threads = t, UseSimd = simd }, (c, x) => NewModelTests.ToArray(c.Update(x)),
            c => [c.V, c.W], 15f, AdExEulerWide.Size);
}
