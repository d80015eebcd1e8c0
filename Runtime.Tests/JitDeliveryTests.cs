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
            int n = JitConnectivity.Targets(77, 0, pre, numOut, prob, t);
            var expected = new float[numOut];
            for (int k = 0; k < n; k++) expected[t[k]] = 1f;
            // The default walk (8 draws at a time where AVX-512DQ is there) and the one-draw walk, each checked.
            var g = new float[numOut];
            JitDelivery.AddHomo(g, 77, 0, new Spikes(new[] { pre }, pre + 1), skips, 1f, 0, blocks);
            Assert.Equal(expected, g);
            var scalar = new float[numOut];
            JitDelivery.AddHomo(scalar, 77, 0, new Spikes(new[] { pre }, pre + 1), skips, 1f, 0, blocks, batched: false);
            Assert.Equal(expected, scalar);
            if (JitDelivery.s_batched)
            {
                var batched = new float[numOut];
                JitDelivery.AddHomo(batched, 77, 0, new Spikes(new[] { pre }, pre + 1), skips, 1f, 0, blocks, batched: true);
                Assert.Equal(expected, batched);
            }
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
                ulong ctr = 12345 + (i + 1) * CounterRng.Gamma;
                if (i < 64) ctr = Unmix(i << 58 | (i * 0x9E3779B97F4A7C15UL >> 6)); // some draws in the smallest buckets
                if (i == 64) ctr = Unmix(ulong.MaxValue); // the top cell, u = 2⁵³
                double reference = Math.Log(CounterRng.ToUnitOpenClosed(CounterRng.Mix(ctr))) * scale;
                long expected = reference < 9.0e18 ? (long)reference : long.MaxValue;
                Assert.Equal(expected, skips.Next(ctr));
            }
        }
    }

    [Fact]
    public void SkipTable_MatchesTheLogFormula_OnBothSidesOfEveryChange()
    {
        // The packed entries compare the draw against a threshold inside its bucket: check the draws just below, at
        // and just above every point where the reference skip changes, in the top buckets (k = 0, 1, 2, ...).
        foreach (double p in new[] { 0.3, 0.02, 0.0002 })
        {
            var skips = GeometricSkips.For(p);
            double scale = JitConnectivity.SkipScale(p);
            long Reference(ulong u) { double r = Math.Log(u * (1.0 / (1UL << 53))) * scale; return r < 9.0e18 ? (long)r : long.MaxValue; }
            ulong hi = 1UL << 53; // k(hi) = 0
            int changes = 0;
            for (long k = 0; k < 200 && hi > 1; k++)
            {
                ulong lo = hi; // find the smallest u with k(u) = k by bisection: k(lo − 1) > k
                ulong step = 1;
                while (lo > step && Reference(lo - step) <= k) step *= 2;
                ulong bad = lo > step ? lo - step : 1, good = lo;
                if (Reference(bad) <= k) break;
                while (good - bad > 1) { ulong mid = bad + (good - bad) / 2; if (Reference(mid) <= k) good = mid; else bad = mid; }
                foreach (ulong u in new[] { good - 1, good, good + 1 })
                    foreach (ulong lowBits in new[] { 0UL, 0x7FFUL })
                    {
                        ulong bits = (u - 1) << 11 | lowBits;
                        Assert.Equal(Reference(u), skips.Next(Unmix(bits)));
                    }
                changes++;
                hi = good - 1;
            }
            Assert.True(changes >= 50, $"p = {p}: only {changes} changes checked");
        }
    }

    /// <summary>The counter whose draw is <paramref name="bits"/>: the inverse of <see cref="CounterRng.Mix"/>.</summary>
    internal static ulong Unmix(ulong z)
    {
        static ulong UnXorShift(ulong y, int s) { ulong x = y; for (int k = 0; k < 64 / s + 1; k++) x = y ^ (x >> s); return x; }
        static ulong Inverse(ulong a) { ulong x = a; for (int k = 0; k < 6; k++) x *= 2 - a * x; return x; } // Newton, mod 2⁶⁴
        z = UnXorShift(z, 31) * Inverse(0x94D049BB133111EBUL);
        z = UnXorShift(z, 27) * Inverse(0xBF58476D1CE4E5B9UL);
        z = UnXorShift(z, 30);
        return z;
    }

    [Fact]
    public void Unmix_InvertsMix()
    {
        for (ulong i = 0; i < 1000; i++) { ulong c = i * 0x2545F4914F6CDD1DUL; Assert.Equal(c, Unmix(CounterRng.Mix(c))); }
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
        JitDelivery.AddHomo(all, 5, 0, spikes, skips, 0.25f, 0, 5);
        JitDelivery.AddHomo(split, 5, 0, spikes, skips, 0.25f, 0, 2);
        JitDelivery.AddHomo(split, 5, 0, spikes, skips, 0.25f, 2, 5);
        Assert.Equal(all, split);
        Assert.Throws<ArgumentOutOfRangeException>(() => JitDelivery.AddHomo(split, 5, 0, new Spikes(pres, 8000), skips, 0.25f, 0, 6));
    }
}
