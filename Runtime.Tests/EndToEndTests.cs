using System;
using System.Linq;
using EINet;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

/// <summary>The seed network, 1000 steps, against brainpy-semantics.md §9.2 and ../shared/reference/einet-activity.md.</summary>
public class EndToEndTests
{
    static SpikeMonitor RunSeed(ulong seed, int steps = 1000)
    {
        var net = new EINetwork(seed);
        return Runner.Run(net, steps, 20f).Spikes;
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void SeedNetwork_1000Steps_ActivityWithinReferenceBounds(ulong seed)
    {
        var rec = RunSeed(seed);
        var counts = rec.CountsPerNeuron();
        double seconds = 1000 * 0.1 / 1000;
        double rate = rec.Count / (4000 * seconds);
        double rateE = counts.Take(3200).Sum() / (3200 * seconds);
        double rateI = counts.Skip(3200).Sum() / (800 * seconds);
        double fired = counts.Count(c => c > 0) / 4000.0;
        int step0 = 0;
        foreach (int s in rec.Steps) if (s == 0) step0++;

        Assert.InRange(rate, 15, 32);               // population rate, Hz
        Assert.InRange(rateE / rateI, 0.8, 1.25);   // E/I ratio
        Assert.InRange(fired, 0.4, 0.75);           // fraction with ≥ 1 spike
        Assert.InRange(step0, 10, 40);              // ~25 ± 15 spikes in step 0

        // No inter-spike interval below the refractory period: held 50 steps, so ISI ≥ 51.
        var last = new int[4000];
        Array.Fill(last, int.MinValue / 2);
        int minIsi = int.MaxValue;
        var steps = rec.Steps;
        var neurons = rec.Neurons;
        for (int k = 0; k < rec.Count; k++)
        {
            minIsi = Math.Min(minIsi, steps[k] - last[neurons[k]]);
            last[neurons[k]] = steps[k];
        }
        Assert.True(minIsi > 50, $"shortest ISI {minIsi} steps");
    }

    [Fact]
    public void SameSeedTwice_BitIdenticalSpikeTrains_DifferentSeed_Differs()
    {
        var a = RunSeed(5, 500);
        var b = RunSeed(5, 500);
        var c = RunSeed(6, 500);
        Assert.True(a.Steps.SequenceEqual(b.Steps) && a.Neurons.SequenceEqual(b.Neurons));
        Assert.False(a.Count == c.Count && a.Neurons.SequenceEqual(c.Neurons));
    }

    [Fact]
    public void SameSeedTwice_BitIdenticalMembranePotentials()
    {
        var n1 = new EINetwork(9);
        var n2 = new EINetwork(9);
        for (int i = 0; i < 300; i++) { n1.Update(20f); n2.Update(20f); }
        for (int i = 0; i < 4000; i++)
            Assert.Equal(BitConverter.SingleToInt32Bits(n1.N.V[i]), BitConverter.SingleToInt32Bits(n2.N.V[i]));
    }

    [Fact]
    public void UpdateAndDeliver_AllocateZeroBytes_Over1000Steps()
    {
        var net = new EINetwork(1);
        for (int i = 0; i < 50; i++) net.Update(20f); // warm-up (JIT, tiering)
        int spikes = 0;
        AllocationAssert.ZeroInSteadyState(() => { for (int i = 0; i < 1000; i++) spikes += net.Update(20f).Count; });
        Assert.True(spikes > 0);
    }
}
