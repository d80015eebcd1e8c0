using System;
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

public class UserModelTests
{
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
