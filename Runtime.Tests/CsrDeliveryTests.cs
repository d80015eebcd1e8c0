using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

/// <summary>The stored-connectivity kernels, the dense comms, the per-synapse weights and PoissonInput against naive references.</summary>
public class CsrDeliveryTests
{
    static int[] SpikeList(int n, double rate, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Where(_ => rng.NextDouble() < rate).ToArray();
    }

    static float[] Initial(int n, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble()).ToArray();
    }

    /// <summary>The synapses (pre, post, index) in synapse order, from <see cref="CsrMatrix.Targets(int)"/> and RowStart.</summary>
    static IEnumerable<(int Pre, int Post, long S)> Synapses(CsrMatrix m)
    {
        for (int pre = 0; pre < m.NumPre; pre++)
        {
            var t = m.Targets(pre);
            for (int k = 0; k < t.Length; k++) yield return (pre, t[k], m.RowStart(pre) + k);
        }
    }

    public static IEnumerable<object[]> Cases() => new[]
    {
        new object[] { Connect.FixedProb(0.05), 800, 1200 },
        new object[] { Connect.FixedProb(0.02, allowMultiConn: true), 600, 20_000 }, // three blocks, repeats
        new object[] { Connect.Bernoulli(0.01), 500, 30_000 },
        new object[] { Connect.FixedPreNum(10), 300, 17_000 },
        new object[] { Connect.AllToAll(false), 200, 200 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EventAndNonEvent_EqualADenseReference_Exactly(Connector c, int numPre, int numPost)
    {
        var m = CsrMatrix.Build(c, numPre, numPost, 99, 3);
        var syn = Synapses(m).ToArray();
        var weights = SynapseWeights.Normal(0.5f, 0.2f).Create(m, 1, 2);
        var spikeIdx = SpikeList(numPre, 0.1, 5);
        var spikes = new Spikes(spikeIdx, numPre);
        var x = Initial(numPre, 6);
        // Naive references, one add per synapse, in the order every post sees in the kernels: pre (spike) order, then row order.
        var byPre = syn.ToLookup(s => s.Pre);
        float[] RefEvents(Func<(int Pre, int Post, long S), float> w)
        {
            var y = Initial(numPost, 7);
            foreach (int i in spikeIdx) foreach (var s in byPre[i]) y[s.Post] += w(s);
            return y;
        }
        float[] RefMul(Func<(int Pre, int Post, long S), float> w)
        {
            var y = Initial(numPost, 7);
            for (int i = 0; i < numPre; i++) foreach (var s in byPre[i]) y[s.Post] += x[i] * w(s);
            return y;
        }
        var y1 = Initial(numPost, 7); m.AddEvents(y1, spikes, 0.7f);
        Assert.Equal(RefEvents(_ => 0.7f), y1);
        var y2 = Initial(numPost, 7); m.AddEvents(y2, spikes, weights);
        Assert.Equal(RefEvents(s => weights[s.S]), y2);
        // Homogeneous Multiply computes x·w once per row, as the reference does: (x[i]·w) added.
        var y3 = Initial(numPost, 7); m.Multiply(x, y3, 0.7f);
        var r3 = Initial(numPost, 7);
        for (int i = 0; i < numPre; i++) foreach (var s in byPre[i]) r3[s.Post] += x[i] * 0.7f;
        Assert.Equal(r3, y3);
        var y4 = Initial(numPost, 7); m.Multiply(x, y4, weights);
        Assert.Equal(RefMul(s => weights[s.S]), y4);
        // And a dense matrix (sum of synapse weights per pair) agrees up to summation order.
        var dense = new double[numPre, numPost];
        foreach (var s in syn) dense[s.Pre, s.Post] += weights[s.S];
        var y0 = Initial(numPost, 7);
        for (int j = 0; j < numPost; j += 37)
        {
            double r = y0[j];
            for (int i = 0; i < numPre; i++) r += x[i] * dense[i, j];
            Assert.Equal(r, y4[j], 1e-3 * (1 + Math.Abs(r)));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BlockRanges_GiveTheSameBits_ForAnySplit(Connector c, int numPre, int numPost)
    {
        var m = CsrMatrix.Build(c, numPre, numPost, 1, 1);
        var w = SynapseWeights.Uniform(-1, 1).Create(m, 3, 3);
        var spikes = new Spikes(SpikeList(numPre, 0.2, 1), numPre);
        var x = Initial(numPre, 2);
        var whole = new float[4][];
        for (int op = 0; op < 4; op++)
        {
            whole[op] = new float[numPost];
            Run(m, op, whole[op], spikes, x, w, 0, m.Blocks);
        }
        foreach (int parts in new[] { 2, 3, 4 })
            for (int op = 0; op < 4; op++)
            {
                var y = new float[numPost];
                for (int p = parts - 1; p >= 0; p--) // any order: parts own disjoint posts
                {
                    m.PartBlocks(p, parts, out int lo, out int hi);
                    Run(m, op, y, spikes, x, w, lo, hi);
                }
                Assert.Equal(whole[op], y);
            }
    }

    [Theory]
    [InlineData(3000, 100_000, 0.01)]    // 13 blocks, 16-bit targets, prefetched by default (> 2 MiB)
    [InlineData(400, 1_100_000, 0.0005)] // 32-bit targets past 1 048 576 posts
    [InlineData(600, 20_000, 0.02)]      // small: not prefetched by default
    public void PrefetchedEvents_AreTheUnprefetchedAdds_OnEveryPart_ForEveryEventKernel(int numPre, int numPost, double prob)
    {
        var m = CsrMatrix.Build(Connect.FixedProb(prob), numPre, numPost, 5, 6);
        Assert.Equal(System.Runtime.Intrinsics.X86.Sse.IsSupported && m.Bytes >= CsrMatrix.PrefetchMinBytes, m.PrefetchRows);
        var spikes = new Spikes(SpikeList(numPre, 0.15, 3), numPre);
        Assert.True(spikes.Count > 40, "too few spikes to reach the prefetched loop");
        var weights = SynapseWeights.Normal(0.5f, 0.2f).Create(m, 2, 2);
        var scale = Initial(numPre, 9);
        foreach (int parts in new[] { 1, 2, 3 })
            for (int part = 0; part < parts; part++)
            {
                m.PartBlocks(part, parts, out int lo, out int hi);
                for (int op = 0; op < 4; op++) // homo, scaled, per-synapse weights, both
                {
                    var a = Initial(numPost, 8);
                    var b = (float[])a.Clone();
                    m.PrefetchRows = false;
                    Deliver(m, a, spikes, weights, scale, op, lo, hi);
                    m.PrefetchRows = true;
                    Deliver(m, b, spikes, weights, scale, op, lo, hi);
                    Assert.Equal(a.Select(BitConverter.SingleToInt32Bits), b.Select(BitConverter.SingleToInt32Bits));
                    Assert.NotEqual(Initial(numPost, 8), b); // something was delivered
                }

                static void Deliver(CsrMatrix m, float[] y, Spikes spikes, float[] weights, float[] scale, int op, int lo, int hi)
                {
                    if (op == 0) m.AddEvents(y, spikes, 0.3f, lo, hi);
                    else if (op == 1) m.AddEventsScaled(y, spikes, 0.3f, scale, lo, hi);
                    else if (op == 2) m.AddEvents(y, spikes, weights, lo, hi);
                    else m.AddEventsScaled(y, spikes, weights, scale, lo, hi);
                }
            }
    }

    [Fact]
    public void PrefetchedEvents_AreTheUnprefetchedAdds_ForShortSpikeLists()
    {
        // Counts around the look-aheads (8 runs, 16 offsets): the warm-up before the first spike and the finish after the last.
        const int numPre = 500, numPost = 100_000;
        var m = CsrMatrix.Build(Connect.FixedProb(0.01), numPre, numPost, 7, 8);
        var weights = SynapseWeights.Normal(0.5f, 0.2f).Create(m, 2, 2);
        var scale = Initial(numPre, 4);
        var rng = new Random(5);
        foreach (int count in new[] { 0, 1, 7, 8, 9, 15, 16, 17, 24, 25, 40 })
        {
            var spikes = new Spikes(Enumerable.Range(0, numPre).OrderBy(_ => rng.Next()).Take(count).Order().ToArray(), numPre);
            m.PartBlocks(1, 2, out int lo, out int hi);
            foreach (var (first, end) in new[] { (0, m.Blocks), (lo, hi) })
            {
                var a = Initial(numPost, 8);
                var b = (float[])a.Clone();
                m.PrefetchRows = false;
                m.AddEvents(a, spikes, weights, first, end);
                m.AddEventsScaled(a, spikes, 0.3f, scale, first, end);
                m.PrefetchRows = System.Runtime.Intrinsics.X86.Sse.IsSupported;
                m.AddEvents(b, spikes, weights, first, end);
                m.AddEventsScaled(b, spikes, 0.3f, scale, first, end);
                Assert.Equal(a.Select(BitConverter.SingleToInt32Bits), b.Select(BitConverter.SingleToInt32Bits));
                Assert.Equal(count > 0, !b.SequenceEqual(Initial(numPost, 8)));
            }
        }
    }

    /// <summary>Delivery split over real worker threads (Parallelism.Run), as a generated projection does it.</summary>
    sealed class ParallelDeliver(CsrMatrix m, int op, float[] y, int[] spikes, float[] x, float[] w) : IParallelWork
    {
        public void Execute(int part, int parts)
        {
            m.PartBlocks(part, parts, out int lo, out int hi);
            Run(m, op, y, Spikes.FromSortedUnchecked(spikes, m.NumPre), x, w, lo, hi);
        }
    }

    [Fact]
    public void WorkerThreads_1_2_4_GiveTheSameBits()
    {
        var m = CsrMatrix.Build(Connect.FixedProb(0.01), 3000, 100_000, 4, 4); // 13 blocks
        var w = SynapseWeights.Normal(0, 1).Create(m, 1, 1);
        var spk = SpikeList(3000, 0.1, 9);
        var x = Initial(3000, 9);
        for (int op = 0; op < 4; op++)
        {
            float[]? first = null;
            foreach (int parts in new[] { 1, 2, 4 })
            {
                var y = Initial(100_000, 1);
                Parallelism.Run(new ParallelDeliver(m, op, y, spk, x, w), parts);
                if (first is null) first = y;
                else Assert.Equal(first, y);
            }
        }
    }

    static void Run(CsrMatrix m, int op, float[] y, Spikes spikes, float[] x, float[] w, int lo, int hi)
    {
        switch (op)
        {
            case 0: m.AddEvents(y, spikes, 0.3f, lo, hi); break;
            case 1: m.AddEvents(y, spikes, w, lo, hi); break;
            case 2: m.Multiply(x, y, 0.3f, lo, hi); break;
            default: m.Multiply(x, y, w, lo, hi); break;
        }
    }

    [Fact]
    public void Delivery_AllocatesNothing()
    {
        var m = CsrMatrix.Build(Connect.FixedProb(0.02), 4000, 20_000, 1, 1);
        var w = SynapseWeights.Normal(1, 0.1f).Create(m, 1, 1);
        var idx = SpikeList(4000, 0.05, 3);
        var y = new float[20_000];
        var x = Initial(4000, 1);
        var pi = new PoissonInput(20_000, 100, 10, 0.5f, 0.1, 1);
        var small = new float[4000];
        var sIdx = SpikeList(4000, 0.1, 4);
        var dense = Initial(40 * 50, 5);
        Assert.True(sIdx[1] < 40);
        void Window()
        {
            var spikes = new Spikes(idx, 4000);
            m.AddEvents(y, spikes, 0.1f);
            m.AddEvents(y, spikes, w);
            m.Multiply(x, y, 0.1f);
            m.Multiply(x, y, w, 0, 1);
            pi.Add(y, 3);
            var s2 = new Spikes(sIdx, 4000);
            DenseComms.OneToOne(x, small, 0.5f);
            DenseComms.OneToOne(s2, small, 0.5f);
            DenseComms.AllToAll(x, small, 0.5f, includeSelf: false);
            DenseComms.AllToAll(s2, small, 0.5f, includeSelf: false);
            DenseComms.AllToAll(x.AsSpan(0, 1000), small.AsSpan(500, 1000), 0.5f, false, 500);
            DenseComms.OneToOne(x, small, x);
            DenseComms.OneToOne(s2, small, x);
            DenseComms.Dense(x.AsSpan(0, 40), small.AsSpan(0, 50), dense);
            DenseComms.Dense(new Spikes(sIdx.AsSpan(0, 2), 40), small.AsSpan(0, 50), dense);
            _ = DenseComms.AllToAllScalar(x, 0.5f);
        }
        Window();
        AllocationAssert.ZeroInSteadyState(Window);
    }

    [Fact]
    public void Weights_AreDeterministic_Distributed_AndClipped()
    {
        var m = CsrMatrix.Build(Connect.FixedProb(0.05), 2000, 3000, 1, 1);
        var a = SynapseWeights.Normal(1, 0.5f).Create(m, 8, 9, threads: 1);
        var b = SynapseWeights.Normal(1, 0.5f).Create(m, 8, 9, threads: 4);
        Assert.Equal(a, b);
        double mean = a.Average(v => (double)v), sd = Math.Sqrt(a.Average(v => (v - mean) * (v - mean)));
        Assert.InRange(mean, 0.99, 1.01);   // 300 000 draws: se 0.001
        Assert.InRange(sd, 0.49, 0.51);
        var part = new float[1000];
        SynapseWeights.Normal(1, 0.5f).Fill(part, 8, 9, first: 5000);
        Assert.Equal(a.AsSpan(5000, 1000).ToArray(), part);
        var clipped = SynapseWeights.Normal(0, 1, min: -0.5f, max: 0.5f).Create(m, 1, 1);
        Assert.All(clipped, v => Assert.InRange(v, -0.5f, 0.5f));
        Assert.InRange(clipped.Count(v => v == 0.5f) / (double)clipped.Length, 0.29, 0.33); // P(Z > 0.5) = 0.3085
        var u = SynapseWeights.Uniform(2, 4).Create(m, 1, 1);
        Assert.All(u, v => Assert.InRange(v, 2f, 4f));
        Assert.InRange(u.Average(v => (double)v), 2.99, 3.01);
        Assert.NotEqual(a, SynapseWeights.Normal(1, 0.5f).Create(m, 8, 10));
    }

    [Fact]
    public void DenseComms_FollowBrainPy()
    {
        var x = Initial(50, 1);
        var spk = SpikeList(50, 0.3, 2);
        var s = new Spikes(spk, 50);
        float w = 0.25f;
        double sum = 0;
        foreach (var v in x) sum += v;
        // AllToAll with a scalar weight: w·(Σx − x_j) without self, w·Σx with it.
        var y = new float[50];
        DenseComms.AllToAll(x, y, w, includeSelf: false);
        for (int j = 0; j < 50; j++) Assert.Equal(w * (sum - x[j]), y[j], 1e-5);
        y = new float[50];
        DenseComms.AllToAll(x, y, w);
        Assert.All(y, v => Assert.Equal(w * sum, v, 1e-5));
        Assert.Equal(w * sum, DenseComms.AllToAllScalar(x, w), 1e-5);
        // numPre > numPost without self: the pre vector cut to numPost.
        var y30 = new float[30];
        DenseComms.AllToAll(x, y30, w, includeSelf: false);
        for (int j = 0; j < 30; j++) Assert.Equal(w * (sum - x[j]), y30[j], 1e-5);
        // Events: w·(count − [j spiked]).
        y = new float[50];
        DenseComms.AllToAll(s, y, w, includeSelf: false);
        for (int j = 0; j < 50; j++) Assert.Equal(w * (spk.Length - (spk.Contains(j) ? 1 : 0)), y[j], 1e-6);
        // Slices of the posts (threads) give the same bits as the whole, values and events, with and without self.
        foreach (bool self in new[] { true, false })
            foreach (int numPost in new[] { 30, 50, 70 })
            {
                var whole = new float[numPost];
                var wholeE = new float[numPost];
                DenseComms.AllToAll(x, whole, w, self);
                DenseComms.AllToAll(s, wholeE, w, self);
                var parts = new float[numPost];
                var partsE = new float[numPost];
                foreach (var (lo, hi) in new[] { (0, 17), (17, 40), (40, numPost) })
                {
                    if (lo >= numPost) continue;
                    int h = Math.Min(hi, numPost);
                    DenseComms.AllToAll(x, parts.AsSpan(lo, h - lo), w, self, lo);
                    DenseComms.AllToAll(s, partsE.AsSpan(lo, h - lo), w, self, lo);
                }
                Assert.Equal(whole, parts);
                Assert.Equal(wholeE, partsE);
                if (!self)
                    for (int j = 0; j < numPost; j++)
                        Assert.Equal(w * (spk.Length - (j < 50 && spk.Contains(j) ? 1 : 0)), wholeE[j], 1e-6);
            }
        // OneToOne: x ⊙ w; events add w at spikes; equal to a OneToOne CsrMatrix.
        y = new float[50];
        DenseComms.OneToOne(x, y, w);
        for (int j = 0; j < 50; j++) Assert.Equal(x[j] * w, y[j]);
        y = new float[50];
        DenseComms.OneToOne(s, y, w);
        var yc = new float[50];
        CsrMatrix.Build(Connect.OneToOne(), 50, 50, 0, 0).AddEvents(yc, s, w);
        Assert.Equal(yc, y);
        // Dense = the AllToAll CSR with per-synapse weights, same order.
        var W = Initial(50 * 40, 3);
        var yd = new float[40];
        DenseComms.Dense(x, yd, W);
        var all = CsrMatrix.Build(Connect.AllToAll(), 50, 40, 0, 0);
        var ya = new float[40];
        all.Multiply(x, ya, W);
        Assert.Equal(ya, yd);
        var yde = new float[40];
        DenseComms.Dense(s, yde, W);
        var yae = new float[40];
        all.AddEvents(yae, s, W);
        Assert.Equal(yae, yde);
    }

    [Theory]
    [InlineData(100, 10.0, 0.1)]   // n·p = 0.1: exact binomial
    [InlineData(10, 2000.0, 0.2)]  // p = 0.4, n·p = 4: exact
    [InlineData(20, 4500.0, 0.2)]  // p = 0.9: n(1 − p) = 2, exact from the flipped side
    [InlineData(1000, 20.0, 0.5)]  // n·p = 10: normal approximation
    [InlineData(800, 50.0, 0.1)]   // n·p = 4 ≤ 5: exact
    public void PoissonInput_MeanAndVariance_AreTheBinomials(int n, double freq, double dt)
    {
        const int size = 2000, steps = 100;
        var pi = new PoissonInput(size, n, freq, 1f, dt, 17, 3);
        double p = freq * dt / 1000, mean = n * p, variance = n * p * (1 - p);
        Assert.Equal(mean > 5 && n * (1 - p) > 5, pi.UsesNormal);
        Assert.Equal(Math.Sqrt(variance), pi.StandardDeviation, 12);
        double s1 = 0, s2 = 0;
        var y = new float[size];
        for (int t = 0; t < steps; t++)
        {
            Array.Clear(y);
            pi.Add(y, t);
            foreach (var v in y)
            {
                s1 += v; s2 += (double)v * v;
                if (!pi.UsesNormal) Assert.True(v == Math.Floor(v) && v >= 0 && v <= n, $"draw {v}");
            }
        }
        int count = size * steps;
        double m = s1 / count, var = s2 / count - m * m;
        Assert.InRange(m, mean - 5 * Math.Sqrt(variance / count), mean + 5 * Math.Sqrt(variance / count));
        // The sample variance has a relative standard error ≈ sqrt(2/count) (plus kurtosis): allow 5 %.
        Assert.InRange(var, variance * 0.95, variance * 1.05);
    }

    [Fact]
    public void PoissonInput_IsDeterministic_ForAnySlicing_AndWeighted()
    {
        var pi = new PoissonInput(1000, 500, 20, 0.25f, 0.1, 5, 1);
        var whole = new float[1000];
        pi.Add(whole, 42);
        var sliced = new float[1000];
        pi.Add(sliced.AsSpan(600), 42, 600);
        pi.Add(sliced.AsSpan(0, 600), 42, 0);
        Assert.Equal(whole, sliced);
        for (int i = 0; i < 1000; i += 111) Assert.Equal((float)pi.Sample(42, i) * 0.25f, whole[i]);
        var next = new float[1000];
        pi.Add(next, 43);
        Assert.NotEqual(whole, next);
        var other = new float[1000];
        new PoissonInput(1000, 500, 20, 0.25f, 0.1, 5, 2).Add(other, 42);
        Assert.NotEqual(whole, other);
        Assert.Throws<ArgumentOutOfRangeException>(() => pi.Add(new float[10], 0, 995));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PoissonInput(10, 5, 20_000, 1, 0.1, 0));
    }

    [Theory]
    [InlineData(10, 4000.0)]  // p = 0.4: table shorter than 16
    [InlineData(20, 9000.0)]  // p = 0.9: flipped
    [InlineData(1000, 20.0)]  // p = 0.002, n·p = 2
    [InlineData(60, 800.0)]   // p = 0.08, n·p = 4.8: past the 16-entry head now and then
    public void PoissonInput_ExactDraw_IsTheInverseCdf(int n, double freq)
    {
        var pi = new PoissonInput(1, n, freq, 1, 0.1, 0);
        Assert.False(pi.UsesNormal);
        double p = freq * 0.1 / 1000;
        bool flip = p > 0.5;
        double q = flip ? 1 - p : p;
        // The naive inverse: the smallest k with u < F(k), F summed from the pmf in double.
        int Naive(double u)
        {
            double f = Math.Pow(1 - q, n), cdf = f;
            int k = 0;
            while (u >= cdf && k < n) { f *= (double)(n - k) / (k + 1) * q / (1 - q); k++; cdf += f; }
            return flip ? n - k : k;
        }
        var rng = new Random(1);
        var us = Enumerable.Range(0, 20_000).Select(_ => rng.NextDouble())
            .Concat(new[] { 0.0, 1 - 1e-16, 1 - 1e-9, 0.999999, 0.5 }).ToArray();
        int far = 0;
        foreach (double u in us)
        {
            int k = pi.Exact(u);
            Assert.True(Math.Abs(k - Naive(u)) <= (u > 1 - 1e-12 ? n : 0), $"u = {u}: {k} vs {Naive(u)}");
            if ((flip ? n - k : k) >= 16) far++;
        }
        if (n == 60) Assert.True(far > 0, "no draw reached past the 16-entry head"); // the u near 1 do
    }
}
