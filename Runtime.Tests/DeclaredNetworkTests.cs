using System;
using System.Collections.Generic;
using System.IO;
using SpikeSharp.Runtime.Tests.Nets;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

/// <summary>FullProjAlignPostMg and [Network]: exact latency, declared = hand-wired bit for bit, allocation-free step,
/// thread counts, save/load.</summary>
public class DeclaredNetworkTests
{
    static List<int[]> Record(Func<float, Spikes> step, int steps, float input = 20f)
    {
        var all = new List<int[]>();
        for (int t = 0; t < steps; t++)
        {
            var s = step(input);
            var a = new int[s.Count];
            for (int k = 0; k < a.Length; k++) a[k] = s.IndexAt(k);
            all.Add(a);
        }
        return all;
    }

    static void AssertSameSpikes(List<int[]> expected, List<int[]> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        long total = 0;
        for (int t = 0; t < expected.Count; t++)
        {
            Assert.True(expected[t].AsSpan().SequenceEqual(actual[t]), $"spikes differ at step {t}");
            total += expected[t].Length;
        }
        Assert.True(total > 100, $"only {total} spikes: the comparison says little");
    }

    [Fact]
    public void Latency_DelayOfDSteps_DeliversAtStepTPlusD_NoneAtTPlusOne()
    {
        var net = new Latency(seed: 1, dt: 0.1);
        Assert.Equal(0, net.D0.DelaySteps);
        Assert.Equal(1, net.D1.DelaySteps);
        Assert.Equal(2, net.D2.DelaySteps); // 0.2 ms at 0.1 ms
        Assert.Equal(7, net.D7.DelaySteps); // 0.7 ms: 6.999999999999999 in double, ceil with BrainPy's rule = 7
        Assert.Same(net.D0.PreDelay, net.D7.PreDelay); // one delay per pre population, shared
        Assert.Equal(7, net.D0.PreDelay.MaxSteps);     // sized by the largest delay

        // step t: the first step after which the post's conductance is non-zero (it is added before the post updates).
        var first = new int[] { -1, -1, -1, -1 };
        var firstG = new float[4];
        var pre = new List<int>();
        for (int t = 0; t < 20; t++)
        {
            var s = net.Step(0f);
            if (net.Pre.Spike.Count > 0) pre.Add(t);
            float[] g = { net.P0.G0[0], net.P1.G0[0], net.P2.G0[0], net.P7.G0[0] };
            for (int k = 0; k < 4; k++) if (first[k] < 0 && g[k] != 0) { first[k] = t; firstG[k] = g[k]; }
        }
        Assert.Equal(new[] { 0 }, pre); // the pre fires at step 0 only
        Assert.Equal(new[] { 1, 1, 2, 7 }, first);
        // The first conductance the post sees is w·e^(−dt/τ) (add, then decay in the post's update).
        foreach (float g in firstG) Assert.Equal((float)Math.Exp(-0.1 / 5), g);
    }

    [Fact]
    public void DelayInMs_UsesTheNetworksDt()
    {
        var net = new Latency(seed: 1, dt: 0.05);
        Assert.Equal(4, net.D2.DelaySteps);  // 0.2 ms at 0.05 ms
        Assert.Equal(14, net.D7.DelaySteps); // 0.7 ms at 0.05 ms
        Assert.Equal(0.05, net.Dt);
    }

    /// <summary>The same four projections wired by hand, BrainPy's DynSysGroup order.</summary>
    sealed class HandWiredCoba
    {
        public readonly CobaE E;
        public readonly CobaI I;
        readonly SpikeDelay _dE = new(CobaE.Size), _dI = new(CobaI.Size);
        readonly CobaEE _ee;
        readonly CobaEI _ei;
        readonly CobaIE _ie;
        readonly CobaII _ii;

        public HandWiredCoba(ulong seed)
        {
            E = new CobaE(seed, 0.1);
            I = new CobaI(seed + 1, 0.1);
            _ee = new CobaEE(E, E, _dE, seed + 2);
            _ei = new CobaEI(E, I, _dE, seed + 3);
            _ie = new CobaIE(I, E, _dI, seed + 4);
            _ii = new CobaII(I, I, _dI, seed + 5);
        }

        public Spikes Update(float input)
        {
            _ee.Update(); _ei.Update(); _ie.Update(); _ii.Update();
            E.Update(input); I.Update(input);
            _dE.Push(E.Spike); _dI.Push(I.Spike);
            return E.Spike;
        }
    }

    /// <summary>Half projections with the Full ones' connectivity (same seed and stream id), fed the pre's spikes before
    /// the pre updates: BrainPy's FullProjAlignPostMg(delay=None) is that exactly.</summary>
    sealed class HalfWiredCoba
    {
        public readonly CobaE E;
        public readonly CobaI I;
        readonly HalfEE _ee;
        readonly HalfEI _ei;
        readonly HalfIE _ie;
        readonly HalfII _ii;

        public HalfWiredCoba(ulong seed)
        {
            E = new CobaE(seed, 0.1);
            I = new CobaI(seed + 1, 0.1);
            _ee = new HalfEE(E, seed + 2, CobaEE.DefaultStreamId);
            _ei = new HalfEI(I, seed + 3, CobaEI.DefaultStreamId);
            _ie = new HalfIE(E, seed + 4, CobaIE.DefaultStreamId);
            _ii = new HalfII(I, seed + 5, CobaII.DefaultStreamId);
        }

        public Spikes Update(float input)
        {
            var e = E.Spike;
            var i = I.Spike;
            _ee.Deliver(e); _ei.Deliver(e); _ie.Deliver(i); _ii.Deliver(i);
            E.Update(input); I.Update(input);
            return E.Spike;
        }
    }

    static List<int[]> EOnly(JitCoba net, int steps) => Record(x => { net.Step(x); return net.E.Spike; }, steps);

    [Fact]
    public void DeclaredNetwork_EqualsHandWired_BitForBit()
    {
        var declared = new JitCoba(seed: 7, dt: 0.1);
        var hand = new HandWiredCoba(7);
        AssertSameSpikes(Record(hand.Update, 400), EOnly(declared, 400));
        Assert.True(hand.I.V.AsSpan().SequenceEqual(declared.I.V));
        Assert.True(hand.E.G1.AsSpan().SequenceEqual(declared.E.G1));
    }

    [Fact]
    public void FullWithoutDelay_EqualsHalfFedBeforeThePreUpdates_BitForBit()
    {
        var declared = new JitCoba(seed: 3, dt: 0.1);
        var half = new HalfWiredCoba(3);
        AssertSameSpikes(Record(half.Update, 400), EOnly(declared, 400));
        Assert.True(half.E.V.AsSpan().SequenceEqual(declared.E.V));
    }

    [Fact]
    public void DeclaredSeedNetwork_EqualsTheSamplesHandWiredEINet_BitForBit()
    {
        var hand = new EINet.EINetwork(seed: 5, dt: 0.1);
        var declared = new DeclaredSeed(seed: 5, dt: 0.1);
        Assert.Equal(hand.Size, declared.Size);
        Assert.Equal(hand.Dt, declared.Dt);
        AssertSameSpikes(Record(hand.Update, 300), Record(declared.Update, 300));
        Assert.True(hand.N.V.AsSpan().SequenceEqual(declared.N.V));
    }

    [Fact]
    public void NetworkSpikes_ConcatenatePopulations_AndAreNamed()
    {
        var net = new JitCoba(seed: 2, dt: 0.1);
        Assert.Equal(4000, net.Size);
        Assert.Equal(new[] { "E", "I" }, JitCoba.PopulationNames);
        Assert.Equal(3200, net.OffsetOf("I"));
        int withI = 0;
        for (int t = 0; t < 50; t++)
        {
            var all = net.Step(20f);
            var e = net.SpikesOf("E");
            var i = net.SpikesOf("I");
            Assert.Equal(e.Count + i.Count, all.Count);
            for (int k = 0; k < e.Count; k++) Assert.Equal(e.IndexAt(k), all.IndexAt(k));
            for (int k = 0; k < i.Count; k++) Assert.Equal(i.IndexAt(k) + 3200, all.IndexAt(e.Count + k));
            withI += i.Count;
        }
        Assert.True(withI > 0);
        Assert.Throws<ArgumentException>(() => net.SpikesOf("X"));
    }

    [Fact]
    public void Runner_MonitorsPopulationsByName()
    {
        var net = new JitCoba(seed: 2, dt: 0.1);
        var runner = new Runner(net, 20f, new Monitor[]
        {
            new SpikeMonitor("all"),
            new SpikeMonitor("E", net.SpikeSource("E")),
            new SpikeMonitor("I", net.SpikeSource("I")),
        });
        var r = runner.RunSteps(200);
        Assert.Equal(3200, r.Monitor<SpikeMonitor>("E").Size);
        Assert.Equal(800, r.Monitor<SpikeMonitor>("I").Size);
        Assert.Equal(r.Monitor<SpikeMonitor>("all").Count, r.Monitor<SpikeMonitor>("E").Count + r.Monitor<SpikeMonitor>("I").Count);
        Assert.True(r.Monitor<SpikeMonitor>("I").Count > 0);
    }

    [Fact]
    public void GeneratedStep_AllocatesNothing()
    {
        var net = new JitCoba(seed: 1, dt: 0.1);
        for (int t = 0; t < 50; t++) net.Step(20f);
        AllocationAssert.ZeroInSteadyState(() => { for (int t = 0; t < 100; t++) net.Step(20f); });
        var lat = new Latency(seed: 1, dt: 0.1);
        lat.Step(0f);
        AllocationAssert.ZeroInSteadyState(() => { for (int t = 0; t < 100; t++) lat.Step(0f); });
    }

    [Fact]
    public void OneAndTwoThreads_GiveTheSameBits()
    {
        List<int[]> Run(int threads)
        {
            var net = new JitCoba(seed: 11, dt: 0.1);
            net.E.Threads = threads; net.I.Threads = threads;
            net.EE.Threads = threads; net.EI.Threads = threads; net.IE.Threads = threads; net.II.Threads = threads;
            return Record(net.Step, 300);
        }
        AssertSameSpikes(Run(1), Run(2));
    }

    [Fact]
    public void SaveAndLoad_ResumeEqualsAStraightRun()
    {
        const int n = 150;
        var straight = new JitCoba(seed: 4, dt: 0.1);
        var expected = Record(straight.Step, 2 * n);

        var first = new JitCoba(seed: 4, dt: 0.1);
        var before = Record(first.Step, n);
        string path = Path.Combine(Path.GetTempPath(), $"spikesharp-state-{Guid.NewGuid():N}.bin");
        try
        {
            first.Save(path);
            var resumed = new JitCoba(seed: 4, dt: 0.1);
            resumed.Load(path);
            Assert.Equal(n, resumed.StepIndex);
            var after = Record(resumed.Step, n);
            before.AddRange(after);
            AssertSameSpikes(expected, before);
            Assert.True(straight.E.V.AsSpan().SequenceEqual(resumed.E.V));
            Assert.True(straight.I.V.AsSpan().SequenceEqual(resumed.I.V));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void SaveAndLoad_KeepsSpikesInTransit()
    {
        // Save while the pre's spike of step 0 is still in the 7-step delay: the loaded network delivers it on time.
        var a = new Latency(seed: 1, dt: 0.1);
        for (int t = 0; t < 3; t++) a.Step(0f);
        string path = Path.Combine(Path.GetTempPath(), $"spikesharp-state-{Guid.NewGuid():N}.bin");
        try
        {
            a.Save(path);
            var b = new Latency(seed: 1, dt: 0.1);
            b.Load(path);
            for (int t = 3; t < 7; t++) { b.Step(0f); Assert.Equal(0f, b.P7.G0[0]); }
            b.Step(0f); // step 7
            Assert.Equal((float)Math.Exp(-0.1 / 5), b.P7.G0[0]);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Load_RefusesAnotherLayout_AndChangesNothing()
    {
        string path = Path.Combine(Path.GetTempPath(), $"spikesharp-state-{Guid.NewGuid():N}.bin");
        try
        {
            var lat = new Latency(seed: 1, dt: 0.1);
            lat.Step(0f);
            lat.Save(path);
            var net = new JitCoba(seed: 1, dt: 0.1);
            var v = (float[])net.E.V.Clone();
            var wrongType = Assert.Throws<InvalidDataException>(() => net.Load(path));
            Assert.Contains("Latency", wrongType.Message);
            // Same type, other dt: the 0.7 ms delay has 14 steps at 0.05 ms, so the delay's slot count differs.
            var other = new Latency(seed: 1, dt: 0.05);
            float pre = other.Pre.V[0];
            var wrongSize = Assert.Throws<InvalidDataException>(() => other.Load(path));
            Assert.Contains("slots", wrongSize.Message);
            Assert.Equal(pre, other.Pre.V[0]);
            Assert.Equal(0, other.StepIndex);
            Assert.True(v.AsSpan().SequenceEqual(net.E.V));
            File.WriteAllBytes(path, new byte[] { 1, 2, 3 });
            Assert.Throws<InvalidDataException>(() => lat.Load(path));
        }
        finally { File.Delete(path); }
    }
}

public class OwnSynapseTests
{
    [Fact]
    public void AlignPostWithoutMg_OwnSynapse_DecayThenAdd_NotMerged()
    {
        var net = new OwnNet(seed: 1, dt: 0.1);
        // Three projections with equal descriptors onto one post: three groups (BrainPy merges none of them).
        Assert.Equal(OwnFullCsr.MergeKey, OwnFull.MergeKey.Replace("OwnFull", "OwnFullCsr"));
        float e = (float)Math.Exp(-0.1 / 5);
        var g = new List<(float A, float B)>();
        for (int t = 0; t < 6; t++) { net.Update(0f); g.Add((net.Post.G0[0], net.Post.G1[0])); }
        // A (no delay): the spike of step 0 arrives at step 1 as the full weight (decay, then add), then decays.
        Assert.Equal(0f, g[0].A);
        Assert.Equal(1f, g[1].A);
        Assert.Equal(1f * e, g[2].A);
        Assert.Equal(1f * e * e, g[3].A);
        // B (3 steps, CSR): weight 2 at step 3.
        Assert.Equal(0f, g[2].B);
        Assert.Equal(2f, g[3].B);
        Assert.Equal(2f * e, g[4].B);
        Assert.Equal(0f, net.Post.G2[0]);
    }
}

public class DeltaProjectionTests
{
    [Fact]
    public void FullProjDelta_AddsToVAfterIntegration_AndIsLostWhileHeld()
    {
        var net = new DeltaNet(seed: 1, dt: 0.1);
        net.Step(0f); // step 0: the pre fires (and Held, V₀ above threshold, fires and is reset)
        Assert.Equal(1, net.Pre.Spike.Count);
        Assert.Equal(1, net.Held.Spike.Count);
        Assert.Equal(net.Ref.V[0], net.Post.V[0]);
        net.Step(0f); // step 1: the delta input arrives: V = integrated V + 3, exactly
        Assert.Equal(net.Ref.V[0] + 3f, net.Post.V[0]);
        Assert.Equal(0f, net.Post.Delta[0]); // consumed
        Assert.Equal(-60f, net.Held.V[0]); // refractory: held at V_reset, the delta input is lost (BrainPy's order)
        net.Step(0f);
        Assert.Equal(-60f, net.Held.V[0]);
        Assert.Equal(0f, net.Held.Delta[0]);
        AllocationAssert.ZeroInSteadyState(() => { for (int t = 0; t < 50; t++) net.Step(0f); });
    }
}
