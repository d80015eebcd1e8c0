using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

/// <summary>[PoissonGroup] members (BrainPy's bp.dyn.PoissonGroup) and the value forms of AllToAll / OneToOne on align-pre
/// projections (brainpy-semantics.md §5.1), against references written here.</summary>
public class PoissonGroupTests
{
    static List<int[]> Spikes(Func<Spikes> step, int steps)
    {
        var all = new List<int[]>();
        for (int t = 0; t < steps; t++)
        {
            var s = step();
            var a = new int[s.Count];
            for (int k = 0; k < a.Length; k++) a[k] = s.IndexAt(k);
            all.Add(a);
        }
        return all;
    }

    [Fact]
    public void Group_SpikesWithProbabilityFreqsDtOver1000_AndFollowsFreqsSetBetweenSteps()
    {
        var g = new PgSource2(seed: 3, dt: 0.1);
        Assert.Equal(500, PgSource2.Size);
        Assert.Equal(2400, new PgSource(0, 0.1).Freqs);
        Assert.Equal(400, g.Freqs);
        Assert.Equal(0.04, g.Probability, 12);
        long n = 0;
        for (int t = 0; t < 4000; t++) n += g.Update().Count;
        // 2 000 000 Bernoulli(0.04) draws: mean 80 000, sd 277; 5 sd either side.
        Assert.InRange(n, 80_000 - 1400, 80_000 + 1400);
        Assert.Equal(4000, g.StepIndex);

        g.Freqs = 0;
        for (int t = 0; t < 100; t++) Assert.Equal(0, g.Update().Count);
        g.Freqs = 20000; // p = 2: every neuron every step (BrainPy's rand() ≤ p)
        Assert.Equal(1.0, g.Probability);
        Assert.Equal(500, g.Update().Count);
        g.Freqs = 1000; // p = 0.1
        n = 0;
        for (int t = 0; t < 1000; t++) n += g.Update().Count;
        Assert.InRange(n, 50_000 - 1400, 50_000 + 1400);

        Assert.Throws<ArgumentOutOfRangeException>(() => g.Freqs = -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => g.Freqs = double.NaN);
        Assert.Throws<ArgumentOutOfRangeException>(() => g.Freqs = double.PositiveInfinity);
    }

    /// <summary>The runtime group's draws, 8 at a time in AVX-512 or one at a time, against the rule written out here:
    /// neuron j spikes at step i when u = (Draw(StreamKey(seed, streamId, i), j) &gt;&gt; 11)·2⁻⁵³ is below p. Sizes around
    /// the vector width, probabilities from 0 to 1.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(63)]
    [InlineData(1027)]
    public void RuntimeGroup_VectorAndScalarDraws_AreTheRule(int size)
    {
        foreach (double rateHz in new[] { 0.0, 1.0, 2400.0, 5000.0, 9990.0, 10_000.0, 25_000.0 })
        {
            var vec = new PoissonGroup(size, rateHz, seed: 11, dt: 0.1, streamId: 5);
            var sca = new PoissonGroup(size, rateHz, seed: 11, dt: 0.1, streamId: 5) { UseSimd = false };
            double p = Math.Min(1.0, rateHz * 0.1 / 1000.0);
            for (int step = 0; step < 40; step++)
            {
                ulong key = CounterRng.StreamKey(11, 5, (ulong)step);
                var expected = new List<int>();
                for (int j = 0; j < size; j++)
                    if ((CounterRng.Draw(key, (ulong)j) >> 11) * (1.0 / (1UL << 53)) < p) expected.Add(j);
                Assert.Equal(expected, Spikes(vec.Update, 1)[0]);
                Assert.Equal(expected, Spikes(sca.Update, 1)[0]);
            }
        }
    }

    [Fact]
    public void Group_IsReproducibleFromTheSeed_AndTwoGroupsWithOneSeedDiffer()
    {
        var a = Spikes(new PgSource(7, 0.1) { Freqs = 400 }.Update, 200);
        var b = Spikes(new PgSource(7, 0.1) { Freqs = 400 }.Update, 200);
        var c = Spikes(new PgSource(8, 0.1) { Freqs = 400 }.Update, 200);
        var d = Spikes(new PgSource2(7, 0.1).Update, 200); // same size, rate and seed, another type: another stream
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.NotEqual(a, d);
        // Independent of what ran before: a group whose rate was 0 for 100 steps draws step 150's spikes like any other.
        var e = new PgSource(7, 0.1) { Freqs = 0 };
        for (int t = 0; t < 150; t++) e.Update();
        e.Freqs = 400;
        Assert.Equal(a[150], Spikes(e.Update, 1)[0]);
    }

    /// <summary>Steps the network phase by phase and, after the projections, checks each align-pre dense comm's Input
    /// against w·Σg (less w·g[j] at j &lt; NumIn without include_self) or w·g[j], summed in double from the synapse's g.</summary>
    [Fact]
    public void AlignPre_AllToAllAndOneToOne_ValueForms_EqualTheReference()
    {
        var net = new PgNet(seed: 5, dt: 0.1);
        static void Check(ReadOnlySpan<float> g, ReadOnlySpan<float> input, double w, bool all, bool self)
        {
            double sum = 0;
            foreach (float x in g) sum += x;
            for (int j = 0; j < input.Length; j++)
            {
                double expected = all ? w * (sum - (!self && j < g.Length ? g[j] : 0)) : w * g[j];
                Assert.True(Math.Abs(input[j] - expected) <= 1e-5 * Math.Abs(w * sum) + 1e-12, $"post {j}: {input[j]} vs {expected}");
            }
        }
        double maxAll = 0, maxRec = 0, maxSd = 0;
        for (int t = 0; t < 600; t++)
        {
            net.UpdateProjections();
            Check(net.All.G, net.All.Input, PgAll.Weight, all: true, self: true);
            Check(net.Rec.G, net.Rec.Input, PgRec.Weight, all: true, self: false);
            Check(net.Fwd.G, net.Fwd.Input, PgFwd.Weight, all: true, self: false);
            Check(net.One.G, net.One.Input, PgOne.Weight, all: false, self: true);
            Check(net.Sd.Synapse.ValueDelay!.At(net.Sd.DelaySteps), net.Sd.Input, PgSd.Weight, all: true, self: true);
            maxAll = Math.Max(maxAll, net.All.Input[0]);
            maxRec = Math.Max(maxRec, net.Rec.Input.ToArray().Max());
            maxSd = Math.Max(maxSd, net.Sd.Input.ToArray().Max());
            net.UpdatePopulations(0f);
            net.UpdateDelays();
        }
        // The comms carried something: the inputs were driven and the posts fired.
        Assert.True(maxAll > 0.01, $"PgAll input {maxAll}");
        Assert.True(maxRec > 0, $"PgRec input {maxRec}");
        Assert.True(maxSd > 0, $"PgSd input {maxSd}");
        Assert.Equal(5, net.All.DelaySteps);
        foreach (float v in net.Post.V) Assert.True(float.IsFinite(v));
    }

    /// <summary>JitFP{Homo,Uniform,Normal}Linear on align-pre projections (DS and SD): after the projections, each Input equals
    /// Σ_k w(k, r)·g[k] over the targets <see cref="JitConnectivity.Targets"/> gives (the event forms' targets), with the
    /// weights of <see cref="JitComms.UniformWeight"/> / <see cref="JitComms.NormalWeight"/>, summed in double here.</summary>
    [Fact]
    public void AlignPre_JitFPNonEventComms_EqualTheReference()
    {
        var net = new PgJitNet(seed: 6, dt: 0.1);
        var targets = new int[300];
        void Check(ReadOnlySpan<float> g, ReadOnlySpan<float> input, ulong seed, ulong stream, double prob, Func<int, int, double> weight)
        {
            var expected = new double[input.Length];
            for (int k = 0; k < g.Length; k++)
            {
                int n = JitConnectivity.Targets(seed, stream, k, input.Length, prob, targets);
                for (int q = 0; q < n; q++) expected[targets[q]] += weight(k, targets[q]) * g[k];
            }
            double scale = expected.Max(Math.Abs);
            for (int r = 0; r < input.Length; r++)
                Assert.True(Math.Abs(input[r] - expected[r]) <= 1e-5 * scale + 1e-12, $"post {r}: {input[r]} vs {expected[r]}");
        }
        double max = 0;
        for (int t = 0; t < 400; t++)
        {
            net.UpdateProjections();
            Check(net.H.G, net.H.Input, net.H.Seed, net.H.StreamId, PgJitHomo.Prob, (_, _) => PgJitHomo.Weight);
            Check(net.U.G, net.U.Input, net.U.Seed, net.U.StreamId, PgJitUni.Prob,
                (k, r) => JitComms.UniformWeight(net.U.Seed, net.U.StreamId, k, r, PgJitUni.WLow, PgJitUni.WHigh));
            Check(net.N.Synapse.ValueDelay!.At(net.N.DelaySteps), net.N.Input, net.N.Seed, net.N.StreamId, PgJitNorm.Prob,
                (k, r) => JitComms.NormalWeight(net.N.Seed, net.N.StreamId, k, r, PgJitNorm.WMu, PgJitNorm.WSigma));
            max = Math.Max(max, Math.Max(net.H.Input.ToArray().Max(), net.N.Input.ToArray().Max()));
            net.UpdatePopulations(0f);
            net.UpdateDelays();
        }
        Assert.True(max > 0, "the JIT comms carried nothing");
        AllocationAssert.ZeroInSteadyState(() => { for (int t = 0; t < 50; t++) net.Step(0f); });
    }

    [Fact]
    public void Network_WithGroups_SavesAndLoads_AndAllocatesNothing()
    {
        const int n = 200;
        var straight = new PgNet(seed: 11, dt: 0.1);
        var expected = Spikes(() => { straight.Source.Freqs = 2400 + straight.StepIndex % 7; return straight.Step(0f); }, 2 * n);

        var first = new PgNet(seed: 11, dt: 0.1);
        var got = Spikes(() => { first.Source.Freqs = 2400 + first.StepIndex % 7; return first.Step(0f); }, n);
        string path = Path.Combine(Path.GetTempPath(), $"pgnet-{Guid.NewGuid():N}.state");
        try
        {
            first.Save(path);
            var resumed = new PgNet(seed: 11, dt: 0.1);
            resumed.Source.Freqs = 12345; // overwritten by Load
            resumed.Load(path);
            Assert.Equal(first.Source.Freqs, resumed.Source.Freqs);
            Assert.Equal(first.Source.StepIndex, resumed.Source.StepIndex);
            Assert.Equal(Spikes(() => first.Source.Spike, 1)[0], Spikes(() => resumed.Source.Spike, 1)[0]);
            got.AddRange(Spikes(() => { resumed.Source.Freqs = 2400 + resumed.StepIndex % 7; return resumed.Step(0f); }, n));
        }
        finally { File.Delete(path); }
        Assert.Equal(expected, got);
        Assert.Contains(expected, s => s.Length > 0);

        AllocationAssert.ZeroInSteadyState(() => { for (int t = 0; t < 50; t++) { straight.Source.Freqs = 2350; straight.Step(0f); } });
    }

    [Fact]
    public void Network_SpikesOf_NamesTheGroups_AndSizeCountsPopulationsOnly()
    {
        var net = new PgNet(seed: 1, dt: 0.1);
        net.Step(0f);
        Assert.Equal(800, net.Size); // Post 500 + Post2 300: the Poisson groups are sources, not the network's neurons
        Assert.Equal(new[] { "Post", "Post2" }, PgNet.PopulationNames);
        Assert.Equal(500, net.SpikesOf("Source").Length);
        Assert.True(net.SpikesOf("Source").Count > 0);
        Assert.Equal(net.Source.Spike.Count, net.SpikeSource("Source")().Count);
    }
}
