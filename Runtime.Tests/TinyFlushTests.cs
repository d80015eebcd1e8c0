using System;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

// A drive that stops: Q fires for 200 steps under a strong input, then the whole network is silent. Every synapse decays
// towards 0 (Expon and DualExponV2 on the post side, NMDA's g and x on the pre side) and would pass through the subnormal
// floats for hundreds of steps without the flush.
[Population(64)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 2)] [InitConstant("V", -60)] public partial class TfQ;
[Population(48)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 2)] [InitConstant("V", -60)] public partial class TfP;
[FullProjAlignPostMg(Pre = typeof(TfQ), Post = typeof(TfP), DelaySteps = 1)] [AllToAll(64, 48, Weight = 0.001)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class TfExpon;
[FullProjAlignPostMg(Pre = typeof(TfQ), Post = typeof(TfP), DelaySteps = 1)] [AllToAll(64, 48, Weight = 0.001)] [DualExponV2(TauDecay = 3, TauRise = 0.5)] [Coba(E = -80)]
public partial class TfDual;
[FullProjAlignPreDSMg(Pre = typeof(TfQ), Post = typeof(TfP), DelaySteps = 1)] [AllToAll(64, 48, Weight = 0.0001)] [Nmda] [MgBlock(E = 0)]
public partial class TfNmda;

[Network]
public partial class TfNet
{
    public TfQ Q;
    public TfP P;
    public TfExpon A;
    public TfDual B;
    public TfNmda C;
}

/// <summary><see cref="TinyFlush"/>: silent synapses never hold a subnormal value (they are flushed to 0 every 64th step
/// once below 1e-20), live ones are not touched, and the flush itself is exact on its threshold.</summary>
public class TinyFlushTests
{
    static bool Subnormal(float x) => x != 0f && MathF.Abs(x) < 1.17549435e-38f;

    static int CountSubnormal(ReadOnlySpan<float> a)
    {
        int n = 0;
        foreach (float x in a) if (Subnormal(x)) n++;
        return n;
    }

    [Fact]
    public void Flush_ZeroesExactlyTheTinyValues()
    {
        float[] v = new float[131];
        var r = new Random(5);
        for (int i = 0; i < v.Length; i++) v[i] = (float)(Math.Pow(10, -45 + 50 * r.NextDouble()) * (r.Next(2) == 0 ? -1 : 1));
        v[3] = float.NaN; v[4] = -0f; v[5] = 1e-20f; v[6] = -9.99e-21f; v[7] = float.Epsilon; v[130] = 2e-38f;
        float[] before = (float[])v.Clone();
        TinyFlush.Flush(v);
        for (int i = 0; i < v.Length; i++)
        {
            if (float.IsNaN(before[i])) Assert.True(float.IsNaN(v[i]));
            else if (MathF.Abs(before[i]) < TinyFlush.Threshold) Assert.Equal(0, BitConverter.SingleToInt32Bits(v[i])); // +0
            else Assert.Equal(before[i], v[i]);
        }
        Assert.Equal(1e-20f, v[5]);
    }

    [Fact]
    public void SilentNetwork_NeverHoldsSubnormals_AndDecaysToZero()
    {
        var net = new TfNet(seed: 3, dt: 0.1);
        int qSpikes = 0;
        for (int t = 0; t < 200; t++) { net.Step(30f); qSpikes += net.Q.Spike.Count; }
        Assert.True(qSpikes > 64, $"the drive made Q fire {qSpikes} times");
        Assert.True(net.P.G1[0] > 1e-6f && net.P.GDecay0[0] > 1e-6f && net.C.Synapse.Array(0)[0] > 1e-6f, "live synapses before the silence");
        int worst = 0;
        for (int t = 0; t < 30_000; t++)
        {
            net.Step(0f);
            Assert.Equal(0, net.Q.Spike.Count);
            int n = CountSubnormal(net.P.G1) + CountSubnormal(net.P.GRise0) + CountSubnormal(net.P.GDecay0)
                + CountSubnormal(net.C.Synapse.Array(0)) + CountSubnormal(net.C.Synapse.Array(1));
            worst = Math.Max(worst, n);
        }
        Assert.Equal(0, worst);
        // Without the flush Expon's g (τ = 5 ms) and NMDA's x (τ = 2 ms) spend ~800 and ~300 steps among the subnormals
        // on their way to 0; with it they are 0 from 1e-20 on, and NMDA's g (τ = 100 ms) is still a normal float.
        foreach (float x in net.P.G1) Assert.Equal(0f, x);
        foreach (float x in net.C.Synapse.Array(1)) Assert.Equal(0f, x);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ThreadedUpdate_FlushesEveryPartsRange_OnTheDueStep(int threads)
    {
        // Each thread flushes the range it updated (not the forking thread the whole array): every tiny value of every
        // part becomes +0 on the 64th step and not before, and the larger ones decay exactly as with one thread.
        var wide = new Wide(4) { Threads = threads };
        var rng = new Random(8);
        for (int i = 0; i < Wide.Size; i++)
        {
            wide.G0[i] = rng.Next(3) == 0 ? 1e-3f : 1e-25f;
            wide.G1[i] = rng.Next(3) == 0 ? -2e-22f : 0.5f;
        }
        var reference = new Wide(4) { Threads = 1 };
        wide.G0.CopyTo(reference.G0, 0);
        wide.G1.CopyTo(reference.G1, 0);
        for (int t = 0; t < TinyFlush.Period - 1; t++) { wide.Update(0f); reference.Update(0f); }
        Assert.Contains(wide.G0, x => x != 0 && MathF.Abs(x) < TinyFlush.Threshold); // not flushed before the due step
        wide.Update(0f);
        reference.Update(0f);
        Assert.DoesNotContain(wide.G0, x => x != 0 && MathF.Abs(x) < TinyFlush.Threshold);
        Assert.DoesNotContain(wide.G1, x => x != 0 && MathF.Abs(x) < TinyFlush.Threshold);
        Assert.Equal(reference.G0, wide.G0);
        Assert.Equal(reference.G1, wide.G1);
        Assert.Equal(reference.V, wide.V);
        Assert.Contains(wide.G0, x => x > 1e-4f); // the larger values are still there
    }

    [Fact]
    public void Flush_AllocatesNothing()
    {
        float[] v = new float[1000];
        AllocationAssert.ZeroInSteadyState(() => TinyFlush.Flush(v));
    }
}
