using System;
using System.Collections.Generic;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

// Users' own models (issue 12): a LifRef and an Izhikevich written as [NeuronModel] classes, run side by side with the
// built-in ones from the same initial state; every state must agree bit for bit on every step, SIMD and scalar.

/// <summary>BrainPy's LifRef, written as a user would: τ dV/dt = −(V − V_rest) + R·I.</summary>
[NeuronModel]
public sealed class UserLifRef : CustomNeuron
{
    /// <summary>Resting potential</summary>
    [Param("mV")] public double VRest { get; set; } = 0;
    [Param("mV")] public double VReset { get; set; } = -5;
    [Param("mV")] public double VTh { get; set; } = 20;
    public double R { get; set; } = 1;
    [Param("ms")] public double Tau { get; set; } = 10;
    [Param("ms"), Refractory] public double TauRef { get; set; } = 0;

    [State("mV")] double V { get; set; }

    double dV() => (-(V - VRest) + R * I) / Tau;
    bool Spike() => V >= VTh;
    void Reset() => V = VReset;
}

/// <summary>BrainPy's Izhikevich, written as a user would.</summary>
[NeuronModel]
public sealed class UserIzhikevich : CustomNeuron
{
    public double A { get; set; } = 0.02;
    public double B { get; set; } = 0.2;
    [Param("mV")] public double C { get; set; } = -65;
    public double D { get; set; } = 8;
    [Param("mV")] public double VTh { get; set; } = 30;
    public double P1 { get; set; } = 0.04;
    public double P2 { get; set; } = 5;
    public double P3 { get; set; } = 140;

    [State("mV")] double V { get; set; } = -70;
    [State("mV")] double U { get; set; }

    void Init() => U = B * V;
    double dV() => P1 * V * V + P2 * V + P3 - U + I;
    double dU() => A * (B * V - U);
    bool Spike() => V >= VTh;
    void Reset()
    {
        V = C;
        U += D;
    }
}

[Population(1000)] [LifRef(Tau = 20, TauRef = 2, VTh = 15)] [InitNormal("V", Mean = 5, Std = 6)] public partial class BuiltInLifRefPop;
[Population(1000)] [UserLifRef(Tau = 20, TauRef = 2, VTh = 15)] [InitNormal("V", Mean = 5, Std = 6)] public partial class UserLifRefPop;
[Population(1000)] [Izhikevich(A = 0.02, D = 2)] [InitNormal("V", Mean = -65, Std = 5)] public partial class BuiltInIzhPop;
[Population(1000)] [UserIzhikevich(A = 0.02, D = 2)] [InitNormal("V", Mean = -65, Std = 5)] public partial class UserIzhPop;

[Population(1)] [HH(Method = IntegrationMethod.Rk2)] [InitConstant("V", -65)] public partial class HhRk2One;
[Population(1)] [HH(Method = IntegrationMethod.Rk4)] [InitConstant("V", -65)] public partial class HhRk4One;

public class UserModelTests
{
    // ---- rk2 and rk4 (BrainPy's RK2 with β = 2/3, i.e. Ralston, and the classical RK4; all variables staged together)
    // against a float64 implementation of the same tableaus.

    const double ENa = 50, GNa = 120, EK = -77, GK = 36, EL = -54.387, GL = 0.03, VTh = 20;
    static double Phi(double z) => z == 0 ? 1 : double.ExpM1(z) / z;

    static double[] F(double[] y, double input)
    {
        double v = y[0], m = y[1], h = y[2], n = y[3];
        double am = 1 / Phi(-(v + 40) / 10), bm = 4 * Math.Exp(-(v + 65) / 18);
        double ah = 0.07 * Math.Exp(-(v + 65) / 20), bh = 1 / (1 + Math.Exp(-(v + 35) / 10));
        double an = 0.1 / Phi(-(v + 55) / 10), bn = 0.125 * Math.Exp(-(v + 65) / 80);
        return new[]
        {
            -GNa * m * m * m * h * (v - ENa) - GK * n * n * n * n * (v - EK) - GL * (v - EL) + input,
            am * (1 - m) - bm * m, ah * (1 - h) - bh * h, an * (1 - n) - bn * n,
        };
    }

    static double[] Axpy(double[] y, double dt, params (double A, double[] K)[] terms)
    {
        var r = (double[])y.Clone();
        for (int i = 0; i < r.Length; i++)
        {
            double sum = 0;
            foreach (var (a, k) in terms) sum += a * k[i];
            r[i] += dt * sum;
        }
        return r;
    }

    static double[] RefStep(double[] y, double input, double dt, bool rk4)
    {
        var k1 = F(y, input);
        if (!rk4)
        {
            var k2r = F(Axpy(y, dt, (2.0 / 3.0, k1)), input);
            return Axpy(y, dt, (0.25, k1), (0.75, k2r));
        }
        var k2 = F(Axpy(y, dt, (0.5, k1)), input);
        var k3 = F(Axpy(y, dt, (0.5, k2)), input);
        var k4 = F(Axpy(y, dt, (1.0, k3)), input);
        return Axpy(y, dt, (1.0 / 6, k1), (1.0 / 3, k2), (1.0 / 3, k3), (1.0 / 6, k4));
    }

    [Theory]
    [InlineData(false, 10.0)]
    [InlineData(true, 10.0)]
    [InlineData(true, 7.0)]
    public void HH_Rk2AndRk4_MatchTheFloat64Tableaus(bool rk4, double input)
    {
        const double dt = 0.05;
        Func<float, int> update;
        Func<double[]> state;
        if (rk4)
        {
            var c = new HhRk4One(dt: dt);
            update = x => c.Update(x).Count;
            state = () => new double[] { c.V[0], c.M[0], c.H[0], c.N[0] };
        }
        else
        {
            var c = new HhRk2One(dt: dt);
            update = x => c.Update(x).Count;
            state = () => new double[] { c.V[0], c.M[0], c.H[0], c.N[0] };
        }
        double[] y = state();
        var expected = new List<int>();
        var actual = new List<int>();
        double maxOneStep = 0, maxTrajectory = 0;
        for (int s = 0; s < 2000; s++)
        {
            var local = RefStep(state(), input, dt, rk4);
            var next = RefStep(y, input, dt, rk4);
            if (y[0] < VTh && next[0] >= VTh) expected.Add(s);
            y = next;
            if (update((float)input) > 0) actual.Add(s);
            var now = state();
            for (int i = 0; i < 4; i++) maxOneStep = Math.Max(maxOneStep, Math.Abs(now[i] - local[i]) / Math.Max(1, Math.Abs(local[i])));
            maxTrajectory = Math.Max(maxTrajectory, Math.Abs(now[0] - y[0]));
        }
        Assert.True(expected.Count > 5, "the reference spiked " + expected.Count + " times");
        Assert.Equal(expected, actual);
        Assert.True(maxOneStep < 1e-5, $"one-step disagreement {maxOneStep:E2}");
        Assert.True(maxTrajectory < 0.05, $"V trajectory differs by up to {maxTrajectory} mV");
        Console.WriteLine($"HH {(rk4 ? "rk4" : "rk2")} I={input}: {actual.Count} spikes, one-step {maxOneStep:E2}, trajectory {maxTrajectory:E2} mV");
    }

    [Fact]
    public void Rk4_IsNotExpAuto()
    {
        // The test above must be able to fail: the exp_auto step differs from rk4's by more than its tolerance.
        var a = new HhRk4One(dt: 0.05);
        var b = new HhOne(dt: 0.05);
        double diff = 0;
        for (int s = 0; s < 400; s++) { a.Update(10f); b.Update(10f); diff = Math.Max(diff, Math.Abs(a.V[0] - b.V[0])); }
        Assert.True(diff > 0.05, $"rk4 and exp_auto differ by only {diff} mV");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void UserLifRef_GivesTheBuiltInLifRefsBits(bool simd)
    {
        var a = new BuiltInLifRefPop(7) { UseSimd = simd };
        var b = new UserLifRefPop(7) { UseSimd = simd };
        Assert.Equal(BuiltInLifRefPop.Tau, UserLifRefPop.Tau);
        Assert.Equal(a.RefractorySteps, b.RefractorySteps);
        int spikes = 0;
        for (int s = 0; s < 3000; s++)
        {
            float x = 17f + 4f * MathF.Sin(s * 0.01f);
            var sa = a.Update(x);
            var sb = b.Update(x);
            Assert.Equal(sa.Count, sb.Count);
            spikes += sa.Count;
            AssertBits(a.V, b.V, s);
        }
        Assert.True(spikes > 1000, $"only {spikes} spikes");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void UserIzhikevich_EqualsTheBuiltInOne(bool simd)
    {
        var a = new BuiltInIzhPop(3) { UseSimd = simd };
        var b = new UserIzhPop(3) { UseSimd = simd };
        AssertBits(a.U, b.U, -1); // u₀ = b·V₀ from the same V₀
        int spikes = 0;
        for (int s = 0; s < 3000; s++)
        {
            float x = 8f + 4f * MathF.Sin(s * 0.003f);
            var sa = a.Update(x);
            var sb = b.Update(x);
            Assert.Equal(sa.Count, sb.Count);
            spikes += sa.Count;
            AssertBits(a.V, b.V, s);
            AssertBits(a.U, b.U, s);
        }
        Assert.True(spikes > 1000, $"only {spikes} spikes");
    }

    static void AssertBits(float[] expected, float[] actual, int step)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                Assert.Fail($"step {step} neuron {i}: built-in {expected[i]:R}, user model {actual[i]:R}");
    }
}
