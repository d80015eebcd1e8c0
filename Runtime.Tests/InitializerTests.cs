using System;
using System.Linq;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

[Collection(GlobalThreads.Name)] // sets or reads the process-wide Parallelism.Threads
public class InitializerTests
{
    [Fact]
    public void Normal_MeanStdAndTail_MatchTheDistribution()
    {
        const int n = 2_000_000;
        var x = new float[n];
        Initializers.Normal(x, seed: 3, stream: 1, mean: -55, std: 2);
        double mean = x.Average(v => (double)v);
        double var = x.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        Assert.InRange(mean, -55 - 3 * 2 / Math.Sqrt(n), -55 + 3 * 2 / Math.Sqrt(n));
        Assert.InRange(Math.Sqrt(var), 2 * (1 - 3 / Math.Sqrt(2.0 * n)), 2 * (1 + 3 / Math.Sqrt(2.0 * n)));
        // Upper tail beyond 2.475 std (the neurons that spike in step 0 of the seed network): p = 0.006663.
        const double p = 0.0066630;
        int tail = x.Count(v => v >= -55 + 2 * 2.475);
        double se = Math.Sqrt(n * p * (1 - p));
        Assert.InRange(tail, n * p - 4 * se, n * p + 4 * se);
    }

    [Fact]
    public void Normal_DependsOnlyOnSeedStreamAndIndex()
    {
        var a = new float[100];
        var b = new float[50];
        Initializers.Normal(a, 1, 2, 0, 1);
        Initializers.Normal(b, 1, 2, 0, 1);
        Assert.Equal(a.Take(50), b);
        var c = new float[100];
        Initializers.Normal(c, 2, 2, 0, 1);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Uniform_StaysInRange_AndCoversIt()
    {
        var x = new float[100_000];
        Initializers.Uniform(x, 5, 1, -70, -60);
        Assert.All(x, v => Assert.InRange(v, -70f, -60f));
        Assert.InRange(x.Average(v => (double)v), -65.05, -64.95);
        Assert.Throws<ArgumentOutOfRangeException>(() => Initializers.Uniform(x, 5, 1, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Initializers.Normal(x, 5, 1, 0, -1));
    }

    /// <summary>Issue 14: a large Normal fill runs in parallel (start-up); every value is the one of its index whatever the
    /// thread count, and the same as the serial fill of a small population.</summary>
    [Fact]
    public void Normal_LargeParallelFill_EqualsSerialValues_ForAnyThreadCount()
    {
        int before = Parallelism.Threads;
        try
        {
            const int n = 3 * Initializers.ParallelMinNeurons + 17;
            var fills = new System.Collections.Generic.List<float[]>();
            foreach (int t in new[] { 1, 2, 4, 3 })
            {
                Parallelism.Threads = t;
                var a = new float[n];
                Initializers.Normal(a, 11, 5, -55, 2);
                fills.Add(a);
            }
            var small = new float[1000];
            Initializers.Normal(small, 11, 5, -55, 2); // below the threshold: serial
            for (int k = 1; k < fills.Count; k++) Assert.Equal(fills[0], fills[k]);
            Assert.Equal(small, fills[2][..1000]);
            Assert.InRange(fills[2].Average(v => (double)v), -55.05, -54.95);
            // A non-finite value is still reported at its first index (here every value overflows float).
            var e = Assert.Throws<OverflowException>(() => Initializers.Normal(new float[n], 1, 1, 1e300, 1));
            Assert.Contains("value[0]", e.Message);
        }
        finally { Parallelism.Threads = before; }
    }
}
