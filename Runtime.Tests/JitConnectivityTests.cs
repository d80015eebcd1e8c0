using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

public class JitConnectivityTests
{
    [Theory]
    [InlineData(4000, 0.02)]
    [InlineData(1000, 0.3)]     // BrainPy's uniform gaps would give 1/ceil(1/0.3) = 0.25 here
    [InlineData(50_000, 0.002)] // several post blocks
    [InlineData(300, 0.75)]
    public void MeanOutDegree_IsWithin3StandardErrorsOf_ProbTimesNumOut(int numOut, double prob)
    {
        const int pres = 3000;
        var targets = new int[numOut];
        double sum = 0;
        for (int pre = 0; pre < pres; pre++) sum += JitConnectivity.Targets(42, 0, pre, numOut, prob, targets);
        double mean = sum / pres;
        double expected = prob * numOut;
        double se = Math.Sqrt(numOut * prob * (1 - prob) / pres);
        Assert.True(Math.Abs(mean - expected) <= 3 * se, $"mean out-degree {mean:F3}, expected {expected} ± {3 * se:F3}");
    }

    [Fact]
    public void OutDegreeVariance_IsBinomial()
    {
        // Independent Bernoulli pairs: variance n·p·(1 − p). BrainPy's uniform gaps give about a third of that.
        const int numOut = 4000, pres = 4000;
        const double p = 0.02;
        var targets = new int[numOut];
        var degrees = Enumerable.Range(0, pres).Select(pre => (double)JitConnectivity.Targets(9, 0, pre, numOut, p, targets)).ToArray();
        double mean = degrees.Average();
        double variance = degrees.Sum(d => (d - mean) * (d - mean)) / (pres - 1);
        double expected = numOut * p * (1 - p); // 78.4
        // The sample variance of n draws has a relative standard error of about sqrt(2/n) (≈ 2.2 %); allow 4 of those.
        Assert.InRange(variance, expected * 0.91, expected * 1.09);
    }

    [Fact]
    public void EveryPostIsEquallyLikely()
    {
        // In-degree over many pre neurons, per post block, is uniform: no position bias at block starts or ends.
        const int numOut = 20_000, pres = 2000;
        const double p = 0.01;
        var counts = new int[numOut];
        var targets = new int[numOut];
        for (int pre = 0; pre < pres; pre++)
        {
            int n = JitConnectivity.Targets(5, 0, pre, numOut, p, targets);
            for (int k = 0; k < n; k++) counts[targets[k]]++;
        }
        // Compare deciles of post indices: each holds numOut/10 posts with expected pres·p per post.
        double expectedPerDecile = pres * p * numOut / 10.0;
        for (int d = 0; d < 10; d++)
        {
            long s = 0;
            for (int i = d * numOut / 10; i < (d + 1) * numOut / 10; i++) s += counts[i];
            Assert.True(Math.Abs(s - expectedPerDecile) <= 4 * Math.Sqrt(expectedPerDecile), $"decile {d}: {s} vs {expectedPerDecile}");
        }
    }

    [Fact]
    public void Targets_AreInRange_StrictlyIncreasing_NeverRepeated()
    {
        foreach (int numOut in new[] { 1, 7, 4000, 40_000 })
        {
            var t = new int[numOut];
            for (int pre = 0; pre < 200; pre++)
            {
                int n = JitConnectivity.Targets(3, 0, pre, numOut, 0.2, t);
                for (int k = 0; k < n; k++)
                {
                    Assert.InRange(t[k], 0, numOut - 1);
                    if (k > 0) Assert.True(t[k] > t[k - 1]);
                }
            }
        }
    }

    [Fact]
    public void SameSeed_SameTargets_DifferentSeed_DifferentTargets()
    {
        var a = new int[4000];
        var b = new int[4000];
        var c = new int[4000];
        int differ = 0;
        for (int pre = 0; pre < 100; pre++)
        {
            int na = JitConnectivity.Targets(1, 0, pre, 4000, 0.02, a);
            int nb = JitConnectivity.Targets(1, 0, pre, 4000, 0.02, b);
            int nc = JitConnectivity.Targets(2, 0, pre, 4000, 0.02, c);
            Assert.Equal(a.AsSpan(0, na).ToArray(), b.AsSpan(0, nb).ToArray());
            if (!a.AsSpan(0, na).SequenceEqual(c.AsSpan(0, nc))) differ++;
        }
        Assert.Equal(100, differ);
    }

    [Fact]
    public void NeighbouringPreNeurons_HaveUnrelatedTargets()
    {
        // BrainPy's LFSR88 seeding gives pre k and k+1 identical lists half of the time; ours must not.
        var a = new int[4000];
        var b = new int[4000];
        int identical = 0;
        for (int pre = 0; pre < 3200; pre++)
        {
            int na = JitConnectivity.Targets(7, 0, pre, 4000, 0.02, a);
            int nb = JitConnectivity.Targets(7, 0, pre + 1, 4000, 0.02, b);
            if (a.AsSpan(0, na).SequenceEqual(b.AsSpan(0, nb))) identical++;
        }
        Assert.Equal(0, identical);
    }

    [Fact]
    public void ProbOne_ConnectsEveryPost()
    {
        var t = new int[50_000];
        Assert.Equal(50_000, JitConnectivity.Targets(1, 0, 0, 50_000, 1.0, t));
    }

    [Fact]
    public void AddHomo_AddsWeightAtExactlyTheTargets()
    {
        var g = new float[40_000];
        var t = new int[40_000];
        JitDelivery.AddHomo(g, 99, 0, new Spikes(new[] { 17 }, 18), GeometricSkips.For(0.01), 0.5f, 0, JitConnectivity.BlockCount(g.Length));
        int n = JitConnectivity.Targets(99, 0, 17, 40_000, 0.01, t);
        var set = new HashSet<int>(t.AsSpan(0, n).ToArray());
        for (int i = 0; i < g.Length; i++) Assert.Equal(set.Contains(i) ? 0.5f : 0f, g[i]);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void SkipScale_RejectsBadProb(double p)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => JitConnectivity.SkipScale(p));
        Assert.Contains("Prob", ex.Message);
    }
}
