using System;
using System.Linq;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

/// <summary>The random-weight and non-event JIT comms against naive references over <see cref="JitConnectivity.Targets"/>.</summary>
public class JitCommsTests
{
    const ulong Seed = 2024, Stream = 31;

    static float[] Initial(int n, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble()).ToArray();
    }

    static int[] SpikeList(int n, double rate, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Where(_ => rng.NextDouble() < rate).ToArray();
    }

    [Theory]
    [InlineData(500, 4000, 0.02)]
    [InlineData(300, 30_000, 0.005)] // four blocks
    [InlineData(50, 300, 1.0)]
    public void EveryKernel_EqualsTheReferenceWalk_Exactly(int numIn, int numOut, double p)
    {
        var skips = GeometricSkips.For(p);
        var spk = SpikeList(numIn, 0.2, 1);
        var spikes = new Spikes(spk, numIn);
        var x = Initial(numIn, 2);
        int blocks = JitConnectivity.BlockCount(numOut);
        var buf = new int[numOut];
        float[] Reference(bool events, Func<int, int, float> w)
        {
            var y = Initial(numOut, 3);
            foreach (int k in events ? spk : Enumerable.Range(0, numIn))
            {
                int n = JitConnectivity.Targets(Seed, Stream, k, numOut, p, buf);
                for (int i = 0; i < n; i++) y[buf[i]] += events ? w(k, buf[i]) : x[k] * w(k, buf[i]);
            }
            return y;
        }
        var a = Initial(numOut, 3);
        JitComms.EventUniform(a, Seed, Stream, spikes, skips, -1, 2, 0, blocks);
        Assert.Equal(Reference(true, (k, r) => JitComms.UniformWeight(Seed, Stream, k, r, -1, 2)), a);
        var b = Initial(numOut, 3);
        JitComms.EventNormal(b, Seed, Stream, spikes, skips, 0.5f, 0.1f, 0, blocks);
        Assert.Equal(Reference(true, (k, r) => JitComms.NormalWeight(Seed, Stream, k, r, 0.5f, 0.1f)), b);
        var c = Initial(numOut, 3);
        JitComms.MultiplyUniform(x, c, Seed, Stream, skips, -1, 2, 0, blocks);
        Assert.Equal(Reference(false, (k, r) => JitComms.UniformWeight(Seed, Stream, k, r, -1, 2)), c);
        var d = Initial(numOut, 3);
        JitComms.MultiplyNormal(x, d, Seed, Stream, skips, 0.5f, 0.1f, 0, blocks);
        Assert.Equal(Reference(false, (k, r) => JitComms.NormalWeight(Seed, Stream, k, r, 0.5f, 0.1f)), d);
        // Homo non-event: (weight·x[k]) added, as CSRLinear does.
        var e = Initial(numOut, 3);
        JitComms.MultiplyHomo(x, e, Seed, Stream, skips, 0.3f, 0, blocks);
        var re = Initial(numOut, 3);
        for (int k = 0; k < numIn; k++)
        {
            int n = JitConnectivity.Targets(Seed, Stream, k, numOut, p, buf);
            for (int i = 0; i < n; i++) re[buf[i]] += 0.3f * x[k];
        }
        Assert.Equal(re, e);
        // With x the spike indicator, the non-event homo equals the event homo kernel (adding +0 changes nothing here).
        var ind = new float[numIn];
        foreach (int k in spk) ind[k] = 1;
        var f = Initial(numOut, 3);
        JitComms.MultiplyHomo(ind, f, Seed, Stream, skips, 0.3f, 0, blocks);
        var h = Initial(numOut, 3);
        JitDelivery.AddHomo(h, Seed, Stream, spikes, skips, 0.3f, 0, blocks);
        Assert.Equal(h, f);
    }

    [Fact]
    public void BlockSplits_GiveTheSameBits()
    {
        const int numIn = 400, numOut = 40_000;
        var skips = GeometricSkips.For(0.01);
        var spk = SpikeList(numIn, 0.3, 5);
        var x = Initial(numIn, 6);
        int blocks = JitConnectivity.BlockCount(numOut);
        Assert.True(blocks >= 4);
        for (int op = 0; op < 3; op++)
        {
            var whole = new float[numOut];
            Run(op, whole, 0, blocks);
            foreach (int parts in new[] { 2, 3 })
            {
                var y = new float[numOut];
                for (int q = parts - 1; q >= 0; q--) Run(op, y, blocks * q / parts, blocks * (q + 1) / parts);
                Assert.Equal(whole, y);
            }
        }
        void Run(int op, float[] y, int lo, int hi)
        {
            if (op == 0) JitComms.EventNormal(y, 1, 2, new Spikes(spk, numIn), skips, 0, 1, lo, hi);
            else if (op == 1) JitComms.MultiplyUniform(x, y, 1, 2, skips, 0, 1, lo, hi);
            else JitComms.MultiplyHomo(x, y, 1, 2, skips, 0.5f, lo, hi);
        }
    }

    [Fact]
    public void Weights_HaveTheirDistribution()
    {
        var u = new double[200_000];
        var n = new double[200_000];
        for (int i = 0; i < u.Length; i++)
        {
            u[i] = JitComms.UniformWeight(7, 8, i % 1000, i / 1000, 1, 3);
            n[i] = JitComms.NormalWeight(7, 8, i % 1000, i / 1000, -2, 0.5f);
        }
        Assert.All(u, v => Assert.InRange(v, 1, 3));
        Assert.InRange(u.Average(), 1.995, 2.005);           // se 0.0013
        double m = n.Average(), sd = Math.Sqrt(n.Average(v => (v - m) * (v - m)));
        Assert.InRange(m, -2.005, -1.995);                   // se 0.0011
        Assert.InRange(sd, 0.495, 0.505);
        Assert.InRange(n.Count(v => v < -2 - 0.5 * 1.96) / (double)n.Length, 0.0235, 0.0265); // 2.5 % tail
        // A different seed or stream id changes the weights; the same (pre, post) gives the same weight.
        Assert.Equal(JitComms.NormalWeight(7, 8, 3, 4, 0, 1), JitComms.NormalWeight(7, 8, 3, 4, 0, 1));
        Assert.NotEqual(JitComms.NormalWeight(7, 8, 3, 4, 0, 1), JitComms.NormalWeight(7, 9, 3, 4, 0, 1));
    }

    [Fact]
    public void Kernels_AllocateNothing_AndCheckSizes()
    {
        var skips = GeometricSkips.For(0.02);
        var idx = SpikeList(4000, 0.05, 1);
        var y = new float[4000];
        var x = Initial(4000, 1);
        void Window()
        {
            var spikes = new Spikes(idx, 4000);
            JitComms.EventUniform(y, 1, 1, spikes, skips, 0, 1, 0, 1);
            JitComms.EventNormal(y, 1, 1, spikes, skips, 0, 1, 0, 1);
            JitComms.MultiplyHomo(x, y, 1, 1, skips, 0.1f, 0, 1);
            JitComms.MultiplyUniform(x, y, 1, 1, skips, 0, 1, 0, 1);
            JitComms.MultiplyNormal(x, y, 1, 1, skips, 0, 1, 0, 1);
        }
        Window();
        AllocationAssert.ZeroInSteadyState(Window);
        Assert.Throws<ArgumentOutOfRangeException>(() => JitComms.MultiplyHomo(x, y, 1, 1, skips, 0.1f, 0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => JitComms.EventUniform(y, 1, 1, Spikes.None(10), skips, 0, 1, 1, 0));
    }

    [Fact]
    public void Ziggurat_IsStandardNormal_InTheBodyAndTheTails()
    {
        // 4·10⁶ draws: the share in each of 16 bins against Φ (within 5 binomial sd), the tails past R = 3.4426 (the
        // ziggurat's separate tail branch) and past 4.5, and the moments.
        const int n = 4_000_000;
        double[] edges = { double.NegativeInfinity, -4.5, -3.442619855899, -3, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 3, 3.442619855899, 4.5, double.PositiveInfinity };
        var counts = new long[edges.Length - 1];
        double s1 = 0, s2 = 0, s4 = 0;
        ulong key = CounterRng.StreamKey(1, 2, 3);
        for (int i = 0; i < n; i++)
        {
            double z = Gaussian.Standard(CounterRng.Draw(key, (ulong)i));
            s1 += z; s2 += z * z; s4 += z * z * z * z;
            int b = Array.BinarySearch(edges, z);
            counts[b >= 0 ? b : ~b - 1]++;
        }
        for (int b = 0; b < counts.Length; b++)
        {
            double p = Phi(edges[b + 1]) - Phi(edges[b]);
            double sd = Math.Sqrt(n * p * (1 - p));
            Assert.True(Math.Abs(counts[b] - n * p) <= 5 * sd + 1, $"bin [{edges[b]}, {edges[b + 1]}): {counts[b]}, expected {n * p:F1} ± {5 * sd:F1}");
        }
        Assert.InRange(s1 / n, -0.003, 0.003);
        Assert.InRange(s2 / n, 0.995, 1.005);
        Assert.InRange(s4 / n, 2.97, 3.03);
    }

    static double Phi(double x) => double.IsNegativeInfinity(x) ? 0 : double.IsPositiveInfinity(x) ? 1 : 0.5 * Erfc(-x / Math.Sqrt(2));

    /// <summary>erfc to about 1e-15 relative: 1 − erf's Taylor series below 3, the Laplace continued fraction above.</summary>
    static double Erfc(double x)
    {
        if (x < 0) return 2 - Erfc(-x);
        if (x < 3)
        {
            // erf series: erf x = 2/√π Σ (−1)ⁿ x^(2n+1) / (n! (2n+1))
            double sum = 0, term = x;
            for (int k = 0; k < 200; k++)
            {
                sum += term / (2 * k + 1);
                term *= -x * x / (k + 1);
            }
            return 1 - 2 / Math.Sqrt(Math.PI) * sum;
        }
        // Continued fraction (Lentz) for large x.
        double f = x, c = x, d = 0;
        for (int k = 1; k < 200; k++)
        {
            double a = k / 2.0;
            d = x + a * d; d = 1 / d;
            c = x + a / c;
            f *= c * d;
        }
        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / f;
    }
}
