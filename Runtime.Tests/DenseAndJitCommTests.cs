using System;
using System.Collections.Generic;
using SpikeSharp;
using Xunit;

namespace SpikeSharp.Runtime.Tests.Comms;

// --- [AllToAll], [OneToOne], [EventJitFPUniformLinear], [EventJitFPNormalLinear] on Full align-post projections.
[Population(100)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitUniform("V", Min = -60, Max = -50)] public partial class CommPre;
[Population(80)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] public partial class CommPostA;
[Population(100)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] public partial class CommPostB;
[Population(120)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] public partial class CommPostC;

[FullProjAlignPostMg(Pre = typeof(CommPre), Post = typeof(CommPostA))]
[AllToAll(100, 80, Weight = 0.3, IncludeSelf = false)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class CommA2A;

[FullProjAlignPost(Pre = typeof(CommPre), Post = typeof(CommPostB), DelaySteps = 2)]
[OneToOne(100, Weight = 0.5)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class CommO2O;

[FullProjAlignPostMg(Pre = typeof(CommPre), Post = typeof(CommPostC))]
[EventJitFPUniformLinear(100, 120, Prob = 0.1, WLow = 0.1, WHigh = 0.9, Seed = 3)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class CommJU;

[FullProjAlignPostMg(Pre = typeof(CommPre), Post = typeof(CommPostC), Delay = 1)]
[EventJitFPNormalLinear(100, 120, Prob = 0.1, WMu = 0.5, WSigma = 0.2, Seed = 4)] [Expon(Tau = 10)] [Coba(E = -80)]
public partial class CommJN;

[FullProjDelta(Pre = typeof(CommPre), Post = typeof(CommPostA))]
[AllToAll(100, 80, Weight = 0.01)]
public partial class CommDeltaA2A;

[FullProjAlignPostMg(Pre = typeof(CommPre), Post = typeof(CommPostB))]
[EventCSRLinear(100, 100, Prob = 0.1, WMu = 0.5, WSigma = 0.3, WMin = 0.2, WMax = 0.9)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class CommCsrNormal;

[Network]
public partial class CommNet
{
    public CommPre Pre;
    public CommPostA A;
    public CommPostB B;
    public CommPostC C;
    public CommA2A P1;
    public CommO2O P2;
    public CommJU P3;
    public CommJN P4;
    public CommDeltaA2A P5;
    public CommCsrNormal P6;
}

public class DenseAndJitCommTests
{
    /// <summary>The dense weight matrix W[i, j] (numIn × numOut) a naive reference multiplies by: AllToAll and OneToOne
    /// from their definitions, the JIT comms from JitConnectivity.Targets and JitComms.UniformWeight/NormalWeight.</summary>
    static double[,] Dense(string kind, int numIn, int numOut, double w, bool includeSelf, ulong seed, ulong stream, double prob, float a, float b)
    {
        var m = new double[numIn, numOut];
        var t = new int[numOut];
        for (int i = 0; i < numIn; i++)
        {
            switch (kind)
            {
                case "AllToAll":
                    for (int j = 0; j < numOut; j++) m[i, j] = includeSelf || i != j ? (float)w : 0;
                    break;
                case "OneToOne":
                    m[i, i] = (float)w;
                    break;
                default:
                    int n = JitConnectivity.Targets(seed, stream, i, numOut, prob, t);
                    for (int k = 0; k < n; k++)
                        m[i, t[k]] += kind == "Uniform" ? JitComms.UniformWeight(seed, stream, i, t[k], a, b) : JitComms.NormalWeight(seed, stream, i, t[k], a, b);
                    break;
            }
        }
        return m;
    }

    static int[] RandomSpikes(Random r, int n, double p)
    {
        var l = new List<int>();
        for (int i = 0; i < n; i++) if (r.NextDouble() < p) l.Add(i);
        return l.ToArray();
    }

    /// <summary>Deliver into a zeroed buffer equals Wᵀs of the naive dense matrix, for 300 random spike vectors (float
    /// sums in another order: a relative tolerance).</summary>
    static void CheckDeliver(Action<Spikes> deliver, float[] g, double[,] w, int seed)
    {
        var r = new Random(seed);
        int numIn = w.GetLength(0), numOut = w.GetLength(1);
        bool anyNonZero = false;
        for (int step = 0; step < 300; step++)
        {
            var spk = RandomSpikes(r, numIn, step % 3 == 0 ? 0.5 : 0.05);
            Array.Clear(g);
            deliver(new Spikes(spk, numIn));
            for (int j = 0; j < numOut; j++)
            {
                double want = 0;
                foreach (int i in spk) want += w[i, j];
                Assert.True(Math.Abs(g[j] - want) <= 1e-5 * (1 + Math.Abs(want)), $"step {step}, post {j}: {g[j]} vs {want}");
                anyNonZero |= want != 0;
            }
        }
        Assert.True(anyNonZero);
    }

    /// <summary>Which of the post's group arrays a projection feeds (its Conductance view).</summary>
    static float[] Buffer(ReadOnlySpan<float> view, params float[][] arrays)
    {
        foreach (var a in arrays)
            if (System.Runtime.CompilerServices.Unsafe.AreSame(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(view), ref a[0])) return a;
        throw new InvalidOperationException("no such group array");
    }

    [Fact]
    public void EachComm_DeliversTheNaiveDenseProduct()
    {
        var net = new CommNet(seed: 1, dt: 0.1);
        CheckDeliver(net.P1.Deliver, net.A.G0, Dense("AllToAll", 100, 80, CommA2A.Weight, CommA2A.IncludeSelf, 0, 0, 0, 0, 0), 1);
        CheckDeliver(net.P2.Deliver, Buffer(net.P2.Conductance, net.B.G0, net.B.G1), Dense("OneToOne", 100, 100, CommO2O.Weight, true, 0, 0, 0, 0, 0), 2);
        CheckDeliver(net.P3.Deliver, Buffer(net.P3.Conductance, net.C.G0, net.C.G1), Dense("Uniform", 100, 120, 0, true, net.P3.Seed, net.P3.StreamId, CommJU.Prob, CommJU.WLow, CommJU.WHigh), 3);
        CheckDeliver(net.P4.Deliver, Buffer(net.P4.Conductance, net.C.G0, net.C.G1), Dense("Normal", 100, 120, 0, true, net.P4.Seed, net.P4.StreamId, CommJN.Prob, CommJN.WMu, CommJN.WSigma), 4);
        CheckDeliver(net.P5.Deliver, net.A.Delta, Dense("AllToAll", 100, 80, CommDeltaA2A.Weight, true, 0, 0, 0, 0, 0), 5);
        // EventCSRLinear with clipped normal per-synapse weights: synapse s of the matrix (row order) has draw s.
        var m = net.P6.Matrix;
        var sw = new float[m.Synapses];
        SynapseWeights.Normal(0.5f, 0.3f, 0.2f, 0.9f).Fill(sw, net.P6.Seed, net.P6.StreamId);
        var dense = new double[100, 100];
        for (int i = 0; i < 100; i++)
        {
            var t = m.Targets(i);
            for (int k = 0; k < t.Length; k++) dense[i, t[k]] += sw[m.RowStart(i) + k];
        }
        Assert.Contains(sw, x => x == 0.2f);
        Assert.Contains(sw, x => x == 0.9f);
        Assert.All(sw, x => Assert.InRange(x, 0.2f, 0.9f));
        CheckDeliver(net.P6.Deliver, Buffer(net.P6.Conductance, net.B.G0, net.B.G1), dense, 6);
        // Uniform weights lie in [WLow, WHigh); normal ones spread around WMu.
        var u = Dense("Uniform", 100, 120, 0, true, net.P3.Seed, net.P3.StreamId, CommJU.Prob, CommJU.WLow, CommJU.WHigh);
        foreach (double x in u) Assert.True(x == 0 || x >= 0.1 - 1e-7 && x < 0.9 * 3, $"{x}");
    }

    [Fact]
    public void Network_RunsAllocationFree_AndEqualForOneAndTwoThreads()
    {
        float[] Run(int threads)
        {
            var net = new CommNet(seed: 7, dt: 0.1);
            net.P3.Threads = threads; net.P4.Threads = threads;
            int spikes = 0;
            for (int t = 0; t < 300; t++) spikes += net.Step(12f).Count;
            Assert.True(spikes > 0);
            var all = new List<float>();
            all.AddRange(net.A.V); all.AddRange(net.B.V); all.AddRange(net.C.V); all.AddRange(net.A.G0); all.AddRange(net.B.G0); all.AddRange(net.B.G1); all.AddRange(net.C.G1);
            return all.ToArray();
        }
        var one = Run(1);
        var two = Run(2);
        Assert.Equal(one, two);
        var net = new CommNet(seed: 7, dt: 0.1);
        for (int t = 0; t < 20; t++) net.Step(12f);
        AllocationAssert.ZeroInSteadyState(() => { for (int t = 0; t < 50; t++) net.Step(12f); });
    }
}
