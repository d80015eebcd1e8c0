using System;
using System.Collections.Generic;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

/// <summary>The table-driven delivery regenerates exactly the reference targets (<see cref="JitConnectivity.Targets"/>, log per target).</summary>
public class JitDeliveryTests
{
    [Theory]
    [InlineData(4000, 0.02)]
    [InlineData(40_003, 0.002)]
    [InlineData(400_000, 0.0002)]
    [InlineData(1000, 0.3)]
    [InlineData(300, 0.75)]
    [InlineData(50, 1.0)]
    public void Delivery_AddsAtExactlyTheReferenceTargets(int numOut, double prob)
    {
        var skips = GeometricSkips.For(prob);
        var t = new int[numOut];
        int blocks = JitConnectivity.BlockCount(numOut);
        for (int pre = 0; pre < 60; pre++)
        {
            var g = new float[numOut];
            JitDelivery.AddHomo(g, 77, new Spikes(new[] { pre }, pre + 1), skips, 1f, 0, blocks);
            int n = JitConnectivity.Targets(77, pre, numOut, prob, t);
            var expected = new float[numOut];
            for (int k = 0; k < n; k++) expected[t[k]] = 1f;
            Assert.Equal(expected, g);
        }
    }

    [Fact]
    public void SkipTable_MatchesTheLogFormula_ForManyDraws()
    {
        foreach (double p in new[] { 0.5, 0.02, 0.002, 0.0002, 0.00002 })
        {
            var skips = GeometricSkips.For(p);
            double scale = JitConnectivity.SkipScale(p);
            for (ulong i = 0; i < 200_000; i++)
            {
                ulong bits = CounterRng.Draw(12345, i);
                if (i < 64) bits = i << 58 | (i * 0x9E3779B97F4A7C15UL >> 6); // some draws in the smallest buckets
                double reference = Math.Log(CounterRng.ToUnitOpenClosed(bits)) * scale;
                long expected = reference < 9.0e18 ? (long)reference : long.MaxValue;
                Assert.Equal(expected, skips.Next(bits));
            }
        }
    }

    [Fact]
    public void BlockRanges_PartitionTheDelivery()
    {
        // Delivering blocks [0, 2) and [2, 5) separately equals delivering all 5 at once.
        const int numOut = 40_003;
        var skips = GeometricSkips.For(0.002);
        var pres = new[] { 3, 10, 11, 500, 7999 };
        var all = new float[numOut];
        var split = new float[numOut];
        var spikes = new Spikes(pres, 8000);
        JitDelivery.AddHomo(all, 5, spikes, skips, 0.25f, 0, 5);
        JitDelivery.AddHomo(split, 5, spikes, skips, 0.25f, 0, 2);
        JitDelivery.AddHomo(split, 5, spikes, skips, 0.25f, 2, 5);
        Assert.Equal(all, split);
        Assert.Throws<ArgumentOutOfRangeException>(() => JitDelivery.AddHomo(split, 5, new Spikes(pres, 8000), skips, 0.25f, 0, 6));
    }
}
