using System;
using System.Collections.Generic;
using SpikeSharp.Runtime.Tests.Nets;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

/// <summary>EventCSRLinear in declared networks and the COBA sample (BrainPy's COBA.py form).</summary>
public class CobaSampleTests
{
    static (double RateE, double RateI, double Fired) Rates(ISpikingNetwork net, int numE, int steps)
    {
        var counts = new int[net.Size];
        for (int t = 0; t < steps; t++)
        {
            var s = net.Update(20f);
            for (int k = 0; k < s.Count; k++) counts[s.IndexAt(k)]++;
        }
        double seconds = steps * net.Dt / 1000;
        long e = 0, i = 0;
        int fired = 0;
        for (int j = 0; j < counts.Length; j++) { if (j < numE) e += counts[j]; else i += counts[j]; if (counts[j] > 0) fired++; }
        return (e / (numE * seconds), i / ((net.Size - numE) * seconds), fired / (double)net.Size);
    }

    [Fact]
    public void Coba_Connectivity_IsBrainPysFixedProb_ExactOutDegree()
    {
        var net = new COBA.CobaNet(seed: 1, dt: 0.1);
        void Check(CsrMatrix m, int degree)
        {
            for (int pre = 0; pre < m.NumPre; pre++) Assert.Equal(degree, m.OutDegree(pre));
            var t = m.Targets(5);
            Assert.Equal(t.Length, new HashSet<int>(t).Count); // no multi-connections
        }
        Check(net.E2E.Matrix, 64); // int(3200 · 0.02)
        Check(net.E2I.Matrix, 16); // int(800 · 0.02)
        Check(net.I2E.Matrix, 64);
        Check(net.I2I.Matrix, 16);
        Assert.Equal(320_000, net.E2E.Matrix.Synapses + net.E2I.Matrix.Synapses + net.I2E.Matrix.Synapses + net.I2I.Matrix.Synapses);
    }

    [Fact]
    public void Coba_RatesArePlausible_AndCloseToTheSeedNetwork()
    {
        // The seed network is the same model (one population, JIT connectivity): rates should agree within a few Hz.
        // BrainPy 2.8.2's seed network with EventCSRLinear on FixedProb: E 16.0 / I 19.5 Hz over 1000 steps (one run).
        for (ulong seed = 1; seed <= 3; seed++)
        {
            var (e, i, fired) = Rates(new COBA.CobaNet(seed, 0.1), COBA.E.Size, 1000);
            var (se, si, _) = Rates(new EINet.EINetwork(seed, 0.1), EINet.EINetwork.NumExcitatory, 1000);
            Assert.InRange(e, 12, 32);
            Assert.InRange(i, 12, 32);
            Assert.InRange(e / i, 0.75, 1.33);
            Assert.InRange(fired, 0.4, 0.75);
            Assert.InRange(e - se, -8, 8);
            Assert.InRange(i - si, -8, 8);
        }
    }

    [Fact]
    public void Coba_StepAllocatesNothing_AndThreadsGiveTheSameBits()
    {
        var net = new COBA.CobaNet(seed: 2, dt: 0.1);
        for (int t = 0; t < 50; t++) net.Step(20f);
        AllocationAssert.ZeroInSteadyState(() => { for (int t = 0; t < 100; t++) net.Step(20f); });

        List<int[]> Run(int threads)
        {
            var n = new COBA.CobaNet(seed: 9, dt: 0.1);
            n.E.Threads = threads; n.I.Threads = threads;
            n.E2E.Threads = threads; n.E2I.Threads = threads; n.I2E.Threads = threads; n.I2I.Threads = threads;
            var all = new List<int[]>();
            for (int t = 0; t < 300; t++)
            {
                var s = n.Step(20f);
                var a = new int[s.Count];
                for (int k = 0; k < a.Length; k++) a[k] = s.IndexAt(k);
                all.Add(a);
            }
            return all;
        }
        var one = Run(1);
        var two = Run(2);
        for (int t = 0; t < one.Count; t++) Assert.True(one[t].AsSpan().SequenceEqual(two[t]), $"step {t}");
    }

    /// <summary>CSR with our Bernoulli connector, built with the JIT projections' seeds and stream ids, stores exactly the
    /// JIT targets: the network equals the declared JIT network bit for bit.</summary>
    sealed class CsrBernoulliCoba
    {
        public readonly CobaE E;
        public readonly CobaI I;
        readonly SpikeDelay _dE = new(CobaE.Size), _dI = new(CobaI.Size);
        readonly CsrEE _ee;
        readonly CsrEI _ei;
        readonly CsrIE _ie;
        readonly CsrII _ii;

        public CsrBernoulliCoba(ulong seed)
        {
            E = new CobaE(seed, 0.1);
            I = new CobaI(seed + 1, 0.1);
            _ee = new CsrEE(E, E, _dE, seed + 2, CobaEE.DefaultStreamId);
            _ei = new CsrEI(E, I, _dE, seed + 3, CobaEI.DefaultStreamId);
            _ie = new CsrIE(I, E, _dI, seed + 4, CobaIE.DefaultStreamId);
            _ii = new CsrII(I, I, _dI, seed + 5, CobaII.DefaultStreamId);
        }

        public void Step(float input)
        {
            _ee.Update(); _ei.Update(); _ie.Update(); _ii.Update();
            E.Update(input); I.Update(input);
            _dE.Push(E.Spike); _dI.Push(I.Spike);
        }
    }

    [Fact]
    public void CsrBernoulli_EqualsJit_BitForBit()
    {
        var jit = new JitCoba(seed: 6, dt: 0.1);
        var csr = new CsrBernoulliCoba(6);
        long spikes = 0;
        for (int t = 0; t < 300; t++)
        {
            jit.Step(20f);
            csr.Step(20f);
            Assert.True(jit.E.Spike.Count == csr.E.Spike.Count && jit.I.Spike.Count == csr.I.Spike.Count, $"step {t}");
            spikes += jit.E.Spike.Count;
        }
        Assert.True(spikes > 1000);
        Assert.True(jit.E.V.AsSpan().SequenceEqual(csr.E.V));
        Assert.True(jit.I.G0.AsSpan().SequenceEqual(csr.I.G0));
    }

    [Fact]
    public void ConnectorOptions_ReachTheMatrix()
    {
        var pop = new ConnPop(1, 0.1);
        var delay = new SpikeDelay(ConnPop.Size);
        var postNum = new ConnPostNum(pop, pop, delay, 3);
        var preNum = new ConnPreNum(pop, pop, delay, 3);
        var one = new ConnOneToOne(pop, pop, delay, 3);
        var fixedProb = new ConnFixedProb(pop, pop, delay, 3);
        for (int pre = 0; pre < 200; pre++)
        {
            Assert.InRange(postNum.Matrix.OutDegree(pre), 6, 7); // 7 targets, less (pre, pre) if drawn (includeSelf: false)
            Assert.DoesNotContain(pre, postNum.Matrix.Targets(pre));
            Assert.Equal(new[] { pre }, one.Matrix.Targets(pre));
            Assert.Equal(20, fixedProb.Matrix.OutDegree(pre)); // int(200 · 0.1), with replacement
        }
        Assert.All(preNum.Matrix.InDegrees(), d => Assert.Equal(5, d));
        Assert.Contains("allowMultiConn: true", fixedProb.Matrix.Connector.ToString());
        // OneToOne delivery: a spike of neuron 7 adds Weight to post 7 only.
        one.Deliver(new Spikes(new[] { 7 }, 200));
        Assert.Equal(2f, pop.G0[7]);
        Assert.Equal(2f, pop.G0.AsSpan().ToArray().AsSpan().IndexOf(2f) == 7 ? 2f : -1f);
    }
}
