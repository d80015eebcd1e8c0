using System;
using SpikeSharp;
using Xunit;

namespace SpikeSharp.Runtime.Tests.UserSynapses;

// Users' own synapse models (issue 12): an Expon, a DualExponV2 and an NMDA written as [SynapseModel] classes, in networks
// side by side with the built-in ones; every state must agree bit for bit on every step. All-to-all connectivity: a
// projection's default stream id comes from its type name, so random connectivity would differ between the twins.

/// <summary>BrainPy's Expon, written as a user would.</summary>
[SynapseModel]
public sealed class UserExpon : CustomSynapse
{
    [Param("ms")] public double Tau { get; set; } = 8;
    [State] double G { get; set; }

    double dG() => -G / Tau;
    void Receive(double x) => G += x;
    double Value() => G;
}

/// <summary>BrainPy's DualExponV2, the peak-normalising factor computed in Value().</summary>
[SynapseModel]
public sealed class UserDualExponV2 : CustomSynapse
{
    [Param("ms")] public double TauDecay { get; set; } = 10;
    [Param("ms")] public double TauRise { get; set; } = 1;
    [State] double GRise { get; set; }
    [State] double GDecay { get; set; }

    double dGRise() => -GRise / TauRise;
    double dGDecay() => -GDecay / TauDecay;
    void Receive(double x)
    {
        GRise += x;
        GDecay += x;
    }
    double Value() => TauDecay / (TauDecay - TauRise) * Math.Pow(TauRise / TauDecay, TauRise / (TauRise - TauDecay)) * (GDecay - GRise);
}

/// <summary>BrainPy's NMDA (pre-sized): dg/dt = −g/τd + a·x·(1 − g), dx/dt = −x/τr, x += spike.</summary>
[SynapseModel]
public sealed class UserNmda : CustomSynapse
{
    public double A { get; set; } = 0.5;
    [Param("ms")] public double TauDecay { get; set; } = 100;
    [Param("ms")] public double TauRise { get; set; } = 2;
    [State] double G { get; set; }
    [State] double X { get; set; }

    double dG() => -G / TauDecay + A * X * (1 - G);
    double dX() => -X / TauRise;
    void Receive(double spike) => X += spike;
    double Value() => G;
}

[Population(400)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitUniform("V", Min = -60, Max = -50)] public partial class UsE;
[Population(300)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitUniform("V", Min = -60, Max = -50)] public partial class UsP;

// --- Align-post, built-in: A and B merge (equal Expon and output), C is a DualExponV2, D an Expon of another τ.
[FullProjAlignPostMg(Pre = typeof(UsE), Post = typeof(UsP))] [AllToAll(400, 300, Weight = 0.04)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class BiA;
[FullProjAlignPostMg(Pre = typeof(UsE), Post = typeof(UsP), Delay = 1)] [AllToAll(400, 300, Weight = 0.03)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class BiB;
[FullProjAlignPostMg(Pre = typeof(UsE), Post = typeof(UsP))] [AllToAll(400, 300, Weight = 0.05)] [DualExponV2(TauDecay = 8, TauRise = 2)] [Coba(E = -80)]
public partial class BiC;
[FullProjAlignPostMg(Pre = typeof(UsE), Post = typeof(UsP))] [AllToAll(400, 300, Weight = 0.02)] [Expon(Tau = 10)] [Coba(E = 0)]
public partial class BiD;

[Network]
public partial class BuiltInSynNet
{
    public UsE E;
    public UsP P;
    public BiA A;
    public BiB B;
    public BiC C;
    public BiD D;
}

// --- The same with the user's synapses.
[Population(400)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitUniform("V", Min = -60, Max = -50)] public partial class UuE;
[Population(300)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitUniform("V", Min = -60, Max = -50)] public partial class UuP;

[FullProjAlignPostMg(Pre = typeof(UuE), Post = typeof(UuP))] [AllToAll(400, 300, Weight = 0.04)] [UserExpon(Tau = 5)] [Coba(E = 0)]
public partial class UsA;
[FullProjAlignPostMg(Pre = typeof(UuE), Post = typeof(UuP), Delay = 1)] [AllToAll(400, 300, Weight = 0.03)] [UserExpon(Tau = 5)] [Coba(E = 0)]
public partial class UsB;
[FullProjAlignPostMg(Pre = typeof(UuE), Post = typeof(UuP))] [AllToAll(400, 300, Weight = 0.05)] [UserDualExponV2(TauDecay = 8, TauRise = 2)] [Coba(E = -80)]
public partial class UsC;
[FullProjAlignPostMg(Pre = typeof(UuE), Post = typeof(UuP))] [AllToAll(400, 300, Weight = 0.02)] [UserExpon(Tau = 10)] [Coba(E = 0)]
public partial class UsD;

[Network]
public partial class UserSynNet
{
    public UuE E;
    public UuP P;
    public UsA A;
    public UsB B;
    public UsC C;
    public UsD D;
}

// --- Align-pre (pre-sized NMDA on FullProjAlignPreDSMg): N1 and N2 equal (one synapse state), N3 another τ_decay.
[FullProjAlignPreDSMg(Pre = typeof(UsE), Post = typeof(UsP), DelaySteps = 3)] [CSRLinear(400, 300, Conn = Conn.AllToAll, Weight = 0.005)] [Nmda] [MgBlock(E = 0)]
public partial class BiN1;
[FullProjAlignPreDSMg(Pre = typeof(UsE), Post = typeof(UsP), DelaySteps = 3)] [CSRLinear(400, 300, Conn = Conn.AllToAll, Weight = 0.008)] [Nmda] [Coba(E = 0)]
public partial class BiN2;
[FullProjAlignPreDSMg(Pre = typeof(UsE), Post = typeof(UsP), DelaySteps = 1)] [CSRLinear(400, 300, Conn = Conn.AllToAll, Weight = 0.003)] [Nmda(TauDecay = 50)] [MgBlock(E = 0)]
public partial class BiN3;

[Network]
public partial class BuiltInNmdaNet
{
    public UsE E;
    public UsP P;
    public BiN1 A;
    public BiN2 B;
    public BiN3 C;
}

[FullProjAlignPreDSMg(Pre = typeof(UuE), Post = typeof(UuP), DelaySteps = 3)] [CSRLinear(400, 300, Conn = Conn.AllToAll, Weight = 0.005)] [UserNmda] [MgBlock(E = 0)]
public partial class UsN1;
[FullProjAlignPreDSMg(Pre = typeof(UuE), Post = typeof(UuP), DelaySteps = 3)] [CSRLinear(400, 300, Conn = Conn.AllToAll, Weight = 0.008)] [UserNmda] [Coba(E = 0)]
public partial class UsN2;
[FullProjAlignPreDSMg(Pre = typeof(UuE), Post = typeof(UuP), DelaySteps = 1)] [CSRLinear(400, 300, Conn = Conn.AllToAll, Weight = 0.003)] [UserNmda(TauDecay = 50)] [MgBlock(E = 0)]
public partial class UsN3;

[Network]
public partial class UserNmdaNet
{
    public UuE E;
    public UuP P;
    public UsN1 A;
    public UsN2 B;
    public UsN3 C;
}

// --- Integration methods on a user synapse: the NMDA by classical RK4 and BrainPy's RK2, against float64 references.
[Population(400)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitUniform("V", Min = -60, Max = -50)] public partial class UrE;
[Population(300)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] public partial class UrP;
[FullProjAlignPreDSMg(Pre = typeof(UrE), Post = typeof(UrP))] [CSRLinear(400, 300, Conn = Conn.AllToAll, Weight = 0.001)] [UserNmda(Method = IntegrationMethod.Rk4, A = 2)] [Coba(E = 0)]
public partial class UrRk4;
[FullProjAlignPreDSMg(Pre = typeof(UrE), Post = typeof(UrP))] [CSRLinear(400, 300, Conn = Conn.AllToAll, Weight = 0.001)] [UserNmda(Method = IntegrationMethod.Rk2, A = 2)] [Coba(E = 0)]
public partial class UrRk2;

[Network]
public partial class UserRkNet
{
    public UrE E;
    public UrP P;
    public UrRk4 A;
    public UrRk2 B;
}

public class UserSynapseTests
{
    const int Steps = 2000;

    static void AssertSameBits(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what, int t)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                Assert.Fail($"step {t}, {what}[{i}]: {expected[i]:R} (built-in) vs {actual[i]:R} (user)");
    }

    [Fact]
    public void AlignPost_UserExponAndDualExponV2_GiveTheBuiltInsBits_AndMergeByValue()
    {
        // Merged by value: A and B (equal synapse, parameters and output) share one buffer, D (another τ) does not.
        Assert.Equal(UsA.MergeKey, UsB.MergeKey);
        Assert.NotEqual(UsA.MergeKey, UsD.MergeKey);
        Assert.Equal("None // SpikeSharp.Runtime.Tests.UserSynapses.UserExpon(Tau=5) // COBA(E=0)", UsA.MergeKey);
        Assert.NotEmpty(typeof(UuP).GetMember("G2"));   // groups: 0 = A + B, 1 = C, 2 = D
        Assert.Empty(typeof(UuP).GetMember("G3"));
        Assert.NotEmpty(typeof(UuP).GetMember("GDecay1"));
        foreach (int threads in new[] { 1, 2 })
        {
            var bi = new BuiltInSynNet(seed: 3, dt: 0.1f);
            var us = new UserSynNet(seed: 3, dt: 0.1f);
            bi.P.Threads = us.P.Threads = threads;
            long spikes = 0;
            for (int t = 0; t < Steps; t++)
            {
                float input = t % 500 < 250 ? 12f : 9f;
                bi.Step(input);
                us.Step(input);
                spikes += us.P.Spike.Count;
                AssertSameBits(bi.P.V, us.P.V, "P.V", t);
                AssertSameBits(bi.E.V, us.E.V, "E.V", t);
                AssertSameBits(bi.P.G0, us.P.G0, "G0", t);
                AssertSameBits(bi.P.GRise1, us.P.GRise1, "GRise1", t);
                AssertSameBits(bi.P.GDecay1, us.P.GDecay1, "GDecay1", t);
                AssertSameBits(bi.P.G2, us.P.G2, "G2", t);
            }
            Assert.True(spikes > 1000, $"{spikes} post spikes"); // the synapses drive P (a silent network would pass trivially)
        }
    }

    [Fact]
    public void AlignPre_UserNmda_GivesTheBuiltInNmdasBits_AndMergesPerPreDelayAndValues()
    {
        Assert.Equal(UsN1.SynapseKey, UsN2.SynapseKey);
        Assert.NotEqual(UsN1.SynapseKey, UsN3.SynapseKey);
        var bi = new BuiltInNmdaNet(seed: 5, dt: 0.1f);
        var us = new UserNmdaNet(seed: 5, dt: 0.1f);
        Assert.Same(us.A.Synapse, us.B.Synapse);
        Assert.True(us.A.OwnsSynapse && !us.B.OwnsSynapse && us.C.OwnsSynapse);
        double maxG = 0;
        for (int t = 0; t < Steps; t++)
        {
            bi.Step(12f);
            us.Step(12f);
            AssertSameBits(bi.P.V, us.P.V, "P.V", t);
            AssertSameBits(bi.A.G, us.A.G, "A.G", t);
            AssertSameBits(bi.A.X, us.A.X, "A.X", t);
            AssertSameBits(bi.C.G, us.C.G, "C.G", t);
            AssertSameBits(bi.A.Input, us.A.Input, "A.Input", t);
            foreach (var g in us.A.G) maxG = Math.Max(maxG, g);
        }
        Assert.True(maxG > 0.05, $"max g {maxG}");
    }

    [Fact]
    public void UserNmda_Rk4AndRk2_FollowFloat64References()
    {
        var net = new UserRkNet(seed: 2, dt: 0.1f);
        // Another method is another definition: not merged (the key's text says the method).
        Assert.EndsWith("// SpikeSharp.Runtime.Tests.UserSynapses.UserNmda[rk4](A=2, TauDecay=100, TauRise=2)", UrRk4.SynapseKey);
        Assert.NotSame(net.A.Synapse, net.B.Synapse);
        const double a = 2, td = 100, tr = 2, dt = 0.1;
        static (double G, double X) F(double g, double x) => (-g / td + a * x * (1 - g), -x / tr);
        var g4 = new double[400]; var x4 = new double[400]; var g2 = new double[400]; var x2 = new double[400];
        double maxG = 0, maxErr = 0;
        for (int t = 0; t < Steps; t++)
        {
            net.Step(12f);
            var spiked = new bool[400];
            for (int k = 0; k < net.E.Spike.Count; k++) spiked[net.E.Spike.IndexAt(k)] = true;
            for (int i = 0; i < 400; i++)
            {
                // Classical RK4, all states from the old state, then the spike (Receive on the integrated values).
                var k1 = F(g4[i], x4[i]);
                var k2 = F(g4[i] + dt * 0.5 * k1.G, x4[i] + dt * 0.5 * k1.X);
                var k3 = F(g4[i] + dt * 0.5 * k2.G, x4[i] + dt * 0.5 * k2.X);
                var k4 = F(g4[i] + dt * k3.G, x4[i] + dt * k3.X);
                g4[i] += dt * (k1.G + 2 * k2.G + 2 * k3.G + k4.G) / 6;
                x4[i] += dt * (k1.X + 2 * k2.X + 2 * k3.X + k4.X) / 6 + (spiked[i] ? 1 : 0);
                // BrainPy's RK2 (β = 2/3): y + dt·(¼k1 + ¾k2), k2 = f(y + ⅔dt·k1).
                var r1 = F(g2[i], x2[i]);
                var r2 = F(g2[i] + dt * 2.0 / 3.0 * r1.G, x2[i] + dt * 2.0 / 3.0 * r1.X);
                g2[i] += dt * (0.25 * r1.G + 0.75 * r2.G);
                x2[i] += dt * (0.25 * r1.X + 0.75 * r2.X) + (spiked[i] ? 1 : 0);
                maxErr = Math.Max(maxErr, Math.Max(Math.Abs(net.A.G[i] - g4[i]), Math.Abs(net.A.X[i] - x4[i])));
                maxErr = Math.Max(maxErr, Math.Max(Math.Abs(net.B.G[i] - g2[i]), Math.Abs(net.B.X[i] - x2[i])));
                maxG = Math.Max(maxG, g4[i]);
            }
        }
        Assert.True(maxG > 0.1, $"max g {maxG}");
        Assert.True(maxErr < 2e-5, $"largest |float − float64| {maxErr}");
    }

    [Fact]
    public void UserSynapseNetworks_StepAllocationFree()
    {
        var us = new UserSynNet(seed: 1, dt: 0.1f);
        var nm = new UserNmdaNet(seed: 1, dt: 0.1f);
        for (int t = 0; t < 50; t++) { us.Step(12f); nm.Step(12f); }
        AllocationAssert.ZeroInSteadyState(() => { for (int t = 0; t < 100; t++) { us.Step(12f); nm.Step(12f); } });
    }
}
