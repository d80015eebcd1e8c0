using System;
using System.Linq;
using Xunit;

namespace SpikeSharp.Runtime.Tests.Usage;

/// <summary>PoissonGroup and SpikeTimeGroup: statistics, reproducibility, and use as a projection's pre side.</summary>
public class InputGroupTests
{
    [Fact]
    public void PoissonGroup_RateWithinThreeStandardErrors()
    {
        const int size = 1000, steps = 10_000;
        var g = new PoissonGroup(size, rateHz: 20, seed: 11, dt: 0.1);
        long total = 0;
        var perNeuron = new int[size];
        for (int i = 0; i < steps; i++)
            foreach (int j in g.Update()) { total++; perNeuron[j]++; }
        double p = 20 * 0.1 / 1000;
        double n = (double)size * steps;
        double se = Math.Sqrt(n * p * (1 - p));
        Assert.True(Math.Abs(total - n * p) < 3 * se, $"{total} spikes, expected {n * p} ± {3 * se:F0}");
        // Per neuron: Binomial(10000, 0.002), variance ≈ 20; check the spread of counts is binomial-like.
        double mean = perNeuron.Average();
        double variance = perNeuron.Select(c => (c - mean) * (c - mean)).Sum() / (size - 1);
        Assert.InRange(variance, 0.75 * steps * p * (1 - p), 1.25 * steps * p * (1 - p));
    }

    [Fact]
    public void PoissonGroup_SameSeedSameTrains_DifferentSeedDiffers_ZeroAndSaturatedRates()
    {
        var a = new PoissonGroup(500, 50, seed: 1);
        var b = new PoissonGroup(500, 50, seed: 1);
        var c = new PoissonGroup(500, 50, seed: 2);
        bool differs = false;
        for (int i = 0; i < 200; i++)
        {
            var sa = a.Update().ToArray();
            Assert.Equal(sa, b.Update().ToArray());
            differs |= !sa.SequenceEqual(c.Update().ToArray());
        }
        Assert.True(differs);
        // Counter-based: step i's spikes do not depend on what ran before.
        var late = new PoissonGroup(500, 50, seed: 1) { StepIndex = 199 };
        Assert.Equal(a.Spike.ToArray(), late.Update().ToArray());

        Assert.Equal(0, new PoissonGroup(100, 0).Update().Count);
        Assert.Equal(100, new PoissonGroup(100, 20_000, dt: 0.1).Update().Count);   // p = 2 saturates
        Assert.Throws<ArgumentOutOfRangeException>(() => new PoissonGroup(10, -1));
    }

    [Fact]
    public void PoissonGroup_DrivesAProjection_AndAllocatesNothing()
    {
        var post = new Probe(dt: 0.1);
        var proj = new ProbeInput(post, seed: 1);            // 2 → 4, Prob = 1, weight 0.6
        var g = new PoissonGroup(2, 2000, seed: 5, dt: 0.1);  // p = 0.2
        int delivered = 0;
        for (int i = 0; i < 50; i++)
        {
            var spk = g.Update();
            float before = proj.Conductance[0];
            proj.Deliver(spk);
            Assert.Equal(before + 0.6f * spk.Count, proj.Conductance[0], 5);
            delivered += spk.Count;
            post.Update(0f);
        }
        Assert.True(delivered > 0);
        AllocationAssert.ZeroInSteadyState(() => { for (int i = 0; i < 1000; i++) proj.Deliver(g.Update()); });
    }

    [Fact]
    public void SpikeTimeGroup_ReplaysAtTheFirstStepWithTimeAtLeastT_Deduplicated()
    {
        // dt 0.1: t = 0 → step 0; 0.25 → step 3; 0.3 → step 3 (0.3/0.1 = 2.9999…); 1.0 → step 10.
        var g = new SpikeTimeGroup(2, indices: [1, 0, 1, 1, 0], times: [0.25, 0.3, 0.25, 1.0, 0], dt: 0.1);
        Assert.Equal(4, g.TotalSpikes);
        var fired = new int[12][];
        for (int i = 0; i < 12; i++) fired[i] = g.Update().ToArray();
        Assert.Equal(new[] { 0 }, fired[0]);
        Assert.Equal(new[] { 0, 1 }, fired[3]);
        Assert.Equal(new[] { 1 }, fired[10]);
        Assert.Equal(3, fired.Count(f => f.Length > 0));
        Assert.Equal(new[] { 1 }, new SpikeTimeGroup(2, [1, 0, 1, 1, 0], [0.25, 0.3, 0.25, 1.0, 0], 0.1) { StepIndex = 10 }.Update().ToArray());

        Assert.Throws<ArgumentOutOfRangeException>(() => new SpikeTimeGroup(2, [2], [1.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpikeTimeGroup(2, [0], [-1.0]));
        Assert.Throws<ArgumentException>(() => new SpikeTimeGroup(2, [0, 1], [1.0]));
    }

    [Fact]
    public void SpikeTimeGroup_DrivesAProjection_AtTheGivenSteps()
    {
        var post = new Probe(dt: 0.1);
        var proj = new ProbeInput(post, seed: 1);
        var g = new SpikeTimeGroup(2, [0, 1], [0.5, 0.5], dt: 0.1);
        for (int i = 0; i < 5; i++) { proj.Deliver(g.Update()); post.Update(0f); }
        Assert.Equal(0f, proj.Conductance[3]);
        proj.Deliver(g.Update());   // step 5: both fire
        Assert.Equal(1.2f, proj.Conductance[3], 6);
    }
}

static class SpikesExtensions
{
    public static int[] ToArray(this Spikes s)
    {
        var a = new int[s.Count];
        s.CopyTo(a);
        return a;
    }
}
