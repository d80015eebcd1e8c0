using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

/// <summary>The connectors' statistics and determinism, and the build's memory check.</summary>
public class CsrConnectivityTests
{
    static int[][] Rows(CsrMatrix m) => Enumerable.Range(0, m.NumPre).Select(m.Targets).ToArray();

    static void AssertSortedRows(CsrMatrix m, bool distinct)
    {
        for (int pre = 0; pre < m.NumPre; pre++)
        {
            var t = m.Targets(pre);
            for (int i = 1; i < t.Length; i++)
                Assert.True(distinct ? t[i] > t[i - 1] : t[i] >= t[i - 1], $"row {pre} not {(distinct ? "strictly " : "")}increasing at {i}");
            Assert.All(t, j => Assert.InRange(j, 0, m.NumPost - 1));
            Assert.Equal(m.RowStart(pre + 1) - m.RowStart(pre), t.Length);
        }
    }

    [Theory]
    [InlineData(4000, 4000, 0.02)]
    [InlineData(1000, 3000, 0.1)]
    [InlineData(300, 20_000, 0.003)] // three post blocks
    [InlineData(200, 100, 0.9)]      // more than half of the posts: the complement draw
    public void FixedProb_EveryRowHasExactlyIntNPostP_DistinctTargets(int numPre, int numPost, double p)
    {
        var m = CsrMatrix.Build(Connect.FixedProb(p), numPre, numPost, 7, 1);
        int k = (int)(numPost * p);
        for (int pre = 0; pre < numPre; pre++) Assert.Equal(k, m.OutDegree(pre));
        Assert.Equal((long)numPre * k, m.Synapses);
        AssertSortedRows(m, distinct: true);
        // In-degrees: each post is equally likely; total and mean exact, spread plausible (hypergeometric-ish, var ≈ mean).
        var ind = m.InDegrees();
        Assert.Equal(m.Synapses, ind.Sum(x => (long)x));
        double mean = ind.Average(), var = ind.Select(x => (x - mean) * (x - mean)).Sum() / (ind.Length - 1);
        double expectedVar = numPre * (double)k / numPost * (1 - (double)k / numPost);
        Assert.InRange(var, expectedVar * 0.8, expectedVar * 1.2);
    }

    [Fact]
    public void FixedProb_WithoutSelf_DropsTheDrawnDiagonal_LikeBrainPy()
    {
        const int n = 1000;
        var m = CsrMatrix.Build(Connect.FixedProb(0.05, includeSelf: false), n, n, 3, 2);
        int k = 50, shortRows = 0;
        for (int pre = 0; pre < n; pre++)
        {
            var t = m.Targets(pre);
            Assert.DoesNotContain(pre, t);
            Assert.InRange(t.Length, k - 1, k);
            if (t.Length == k - 1) shortRows++;
        }
        // A row draws its own index with probability k/n = 5 %: about 50 of 1000 rows are one short (sd ≈ 6.9).
        Assert.InRange(shortRows, 20, 85);
        // The same draw with includeSelf keeps those pairs: removing them gives exactly the matrix above.
        var withSelf = CsrMatrix.Build(Connect.FixedProb(0.05), n, n, 3, 2);
        for (int pre = 0; pre < n; pre++) Assert.Equal(withSelf.Targets(pre).Where(j => j != pre), m.Targets(pre));
    }

    [Fact]
    public void FixedProb_MultiConn_RepeatsTargets_AndKeepsTheCount()
    {
        var m = CsrMatrix.Build(Connect.FixedProb(0.5, allowMultiConn: true), 200, 100, 11, 0);
        AssertSortedRows(m, distinct: false);
        int repeated = 0;
        for (int pre = 0; pre < 200; pre++)
        {
            var t = m.Targets(pre);
            Assert.Equal(50, t.Length);
            if (t.Distinct().Count() < t.Length) repeated++;
        }
        Assert.Equal(200, repeated); // 50 draws from 100 with replacement repeat one almost surely (1 − 100!/(50!·100⁵⁰))
        var distinct = CsrMatrix.Build(Connect.FixedProb(0.5), 200, 100, 11, 0);
        for (int pre = 0; pre < 200; pre++) Assert.Equal(50, distinct.Targets(pre).Distinct().Count());
    }

    [Fact]
    public void FixedProb_PreRatio_GivesRowsToExactlyThatManyPres()
    {
        var m = CsrMatrix.Build(Connect.FixedProb(0.1, preRatio: 0.25), 1000, 500, 5, 0);
        int withRows = Enumerable.Range(0, 1000).Count(pre => m.OutDegree(pre) > 0);
        Assert.Equal(250, withRows);
        Assert.All(Enumerable.Range(0, 1000), pre => Assert.Contains(m.OutDegree(pre), new[] { 0, 50 }));
        // The chosen pres are spread (not the first 250).
        Assert.InRange(Enumerable.Range(0, 500).Count(pre => m.OutDegree(pre) > 0), 80, 170);
    }

    [Fact]
    public void FixedPostNum_And_FixedPreNum_HaveExactDegrees()
    {
        var post = CsrMatrix.Build(Connect.FixedPostNum(37), 500, 800, 1, 9);
        Assert.All(Enumerable.Range(0, 500), pre => Assert.Equal(37, post.OutDegree(pre)));
        AssertSortedRows(post, distinct: true);
        // Several blocks, with and without multi-connections; columns drawn per post.
        foreach (bool multi in new[] { false, true })
        {
            var pre = CsrMatrix.Build(Connect.FixedPreNum(23, allowMultiConn: multi), 700, 20_000, 1, 9);
            Assert.All(pre.InDegrees(), d => Assert.Equal(23, d));
            Assert.Equal(23L * 20_000, pre.Synapses);
            AssertSortedRows(pre, distinct: !multi);
            // Distinct sources per post: no post lists a pre twice (check through the transposed view).
            var count = new Dictionary<(int, int), int>();
            for (int i = 0; i < 700; i++) foreach (int j in pre.Targets(i)) count[(i, j)] = count.GetValueOrDefault((i, j)) + 1;
            Assert.Equal(multi, count.Values.Any(c => c > 1));
        }
        var noSelf = CsrMatrix.Build(Connect.FixedPreNum(40, includeSelf: false), 600, 600, 2, 0);
        Assert.All(Enumerable.Range(0, 600), i => Assert.DoesNotContain(i, noSelf.Targets(i)));
        Assert.All(noSelf.InDegrees(), d => Assert.InRange(d, 39, 40));
        Assert.Contains(39, noSelf.InDegrees());
    }

    [Theory]
    [InlineData(1000L, false)]
    [InlineData(1000L, true)]
    [InlineData(15_000L, false)] // more than half of the 20 000 pairs: the complement
    public void FixedTotalNum_HasExactlyNum(long num, bool multi)
    {
        var m = CsrMatrix.Build(Connect.FixedTotalNum(num, multi), 100, 200, 4, 4);
        Assert.Equal(num, m.Synapses);
        AssertSortedRows(m, distinct: !multi);
        if (multi) Assert.True(Rows(m).Any(r => r.Distinct().Count() < r.Length) || num < 100, "expected a repeated pair");
        // Spread over rows: no row is empty for 15 000 of 20 000 pairs, rows differ in length otherwise.
        if (!multi && num == 1000) Assert.True(Rows(m).Select(r => r.Length).Distinct().Count() > 3);
    }

    [Fact]
    public void Bernoulli_CountIsBinomial_AndEqualsTheJitTargets()
    {
        const int numPre = 2000, numPost = 3000;
        const double p = 0.02;
        var m = CsrMatrix.Build(Connect.Bernoulli(p), numPre, numPost, 42, 77);
        double mean = (double)numPre * numPost * p, sd = Math.Sqrt(mean * (1 - p));
        Assert.InRange(m.Synapses, mean - 5 * sd, mean + 5 * sd);
        var buf = new int[numPost];
        for (int pre = 0; pre < numPre; pre += 97)
        {
            int n = JitConnectivity.Targets(42, 77, pre, numPost, p, buf);
            Assert.Equal(buf[..n], m.Targets(pre));
        }
        var noSelf = CsrMatrix.Build(Connect.Bernoulli(0.5, includeSelf: false), 300, 300, 1, 1);
        Assert.All(Enumerable.Range(0, 300), i => Assert.DoesNotContain(i, noSelf.Targets(i)));
        Assert.InRange(noSelf.Synapses, 300 * 299 / 2 - 5 * 150, 300 * 299 / 2 + 5 * 150);
    }

    [Fact]
    public void AllToAll_OneToOne_Mask_AreExact()
    {
        var a = CsrMatrix.Build(Connect.AllToAll(), 30, 40, 0, 0);
        Assert.Equal(1200, a.Synapses);
        Assert.All(Enumerable.Range(0, 30), i => Assert.Equal(Enumerable.Range(0, 40), a.Targets(i)));
        var b = CsrMatrix.Build(Connect.AllToAll(includeSelf: false), 30, 30, 0, 0);
        Assert.All(Enumerable.Range(0, 30), i => Assert.Equal(Enumerable.Range(0, 30).Where(j => j != i), b.Targets(i)));
        var o = CsrMatrix.Build(Connect.OneToOne(), 25, 25, 0, 0);
        Assert.All(Enumerable.Range(0, 25), i => Assert.Equal(new[] { i }, o.Targets(i)));
        var rng = new Random(3);
        var mask = Enumerable.Range(0, 20 * 30).Select(_ => rng.NextDouble() < 0.3).ToArray();
        var mk = CsrMatrix.Build(Connect.Mask(mask, 20, 30), 20, 30, 0, 0);
        for (int i = 0; i < 20; i++) Assert.Equal(Enumerable.Range(0, 30).Where(j => mask[i * 30 + j]), mk.Targets(i));
    }

    public static IEnumerable<object[]> AllConnectors() => new[]
    {
        new object[] { Connect.FixedProb(0.01) },
        new object[] { Connect.FixedProb(0.01, includeSelf: false, allowMultiConn: true) },
        new object[] { Connect.Bernoulli(0.01, includeSelf: false) },
        new object[] { Connect.FixedPostNum(100) },
        new object[] { Connect.FixedPreNum(30, includeSelf: false) },
        new object[] { Connect.FixedTotalNum(50_000) },
        new object[] { Connect.FixedTotalNum(50_000, allowMultiConn: true) },
        new object[] { Connect.AllToAll(false) },
        new object[] { Connect.OneToOne() },
    };

    [Theory]
    [MemberData(nameof(AllConnectors))]
    public void Build_IsTheSameForThreads1_2_4(Connector c)
    {
        int n = c is AllToAllConnector ? 300 : 20_000; // three post blocks
        var m1 = CsrMatrix.Build(c, n, n, 123, 5, threads: 1);
        var m2 = CsrMatrix.Build(c, n, n, 123, 5, threads: 2);
        var m4 = CsrMatrix.Build(c, n, n, 123, 5, threads: 4);
        Assert.Equal(m1.Synapses, m2.Synapses);
        Assert.Equal(m1.Synapses, m4.Synapses);
        for (int pre = 0; pre < n; pre++)
        {
            var t = m1.Targets(pre);
            Assert.Equal(t, m2.Targets(pre));
            Assert.Equal(t, m4.Targets(pre));
        }
        // Another seed or stream id gives another matrix (except for the deterministic connectors).
        if (c is not (AllToAllConnector or OneToOneConnector))
        {
            var other = CsrMatrix.Build(c, n, n, 124, 5, threads: 2);
            Assert.False(Enumerable.Range(0, 50).All(pre => m1.Targets(pre).SequenceEqual(other.Targets(pre))));
        }
    }

    [Fact]
    public void ToString_IsReadable()
    {
        Assert.Equal("FixedProb(prob: 0.02, includeSelf: true, allowMultiConn: false)", Connect.FixedProb(0.02).ToString());
        Assert.Equal("Bernoulli(prob: 0.1, includeSelf: false)", Connect.Bernoulli(0.1, false).ToString());
        Assert.Equal("FixedPreNum(num: 5, includeSelf: true, allowMultiConn: true)", Connect.FixedPreNum(5, allowMultiConn: true).ToString());
        var m = CsrMatrix.Build(Connect.FixedPostNum(3), 10, 10, 0, 0, name: "E2I");
        Assert.StartsWith("CsrMatrix(E2I: FixedPostNum(num: 3", m.ToString());
    }

    [Fact]
    public void WrongSizes_AreRefusedWithTheProjectionsName()
    {
        var e = Assert.Throws<ArgumentException>(() => CsrMatrix.Build(Connect.FixedProb(0.1, includeSelf: false), 10, 20, 0, 0, name: "E2I"));
        Assert.Contains("E2I", e.Message);
        Assert.Contains("numPre == numPost", e.Message);
        Assert.Throws<ArgumentException>(() => CsrMatrix.Build(Connect.FixedPostNum(21), 10, 20, 0, 0));
        Assert.Throws<ArgumentException>(() => CsrMatrix.Build(Connect.FixedPreNum(11), 10, 20, 0, 0));
        Assert.Throws<ArgumentException>(() => CsrMatrix.Build(Connect.FixedTotalNum(201), 10, 20, 0, 0));
        Assert.Throws<ArgumentException>(() => CsrMatrix.Build(Connect.OneToOne(), 10, 20, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Connect.FixedProb(1.5));
    }

    [Fact]
    public void MemoryLimit_IsCheckedBeforeAnythingIsAllocated()
    {
        long estimate = CsrMatrix.EstimateBytes(Connect.FixedProb(0.1), 100_000, 100_000); // 1e9 synapses
        Assert.True(estimate >= 2_000_000_000L, $"estimate {estimate}");
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<ConnectivityMemoryException>(() =>
            CsrMatrix.Build(Connect.FixedProb(0.1), 100_000, 100_000, 0, 0, name: "E2E", memoryLimitBytes: 1L << 30));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 100_000, $"allocated {allocated} bytes before refusing");
        Assert.Equal("E2E", e.Projection);
        Assert.Equal(estimate, e.BytesNeeded);
        Assert.Equal(1L << 30, e.LimitBytes);
        Assert.Contains("E2E", e.Message);
        Assert.Contains("JIT", e.Message);
        // Far past any machine: refused against the available memory without a limit given.
        Assert.Throws<ConnectivityMemoryException>(() => CsrMatrix.Build(Connect.AllToAll(), 2_000_000, 2_000_000, 0, 0));
        // The estimate bounds the actual size.
        var m = CsrMatrix.Build(Connect.Bernoulli(0.05), 2000, 20_000, 1, 1);
        Assert.True(m.Bytes <= CsrMatrix.EstimateBytes(Connect.Bernoulli(0.05), 2000, 20_000));
        Assert.Equal(CsrMatrix.EstimateBytes(Connect.FixedProb(0.05), 2000, 20_000), CsrMatrix.Build(Connect.FixedProb(0.05), 2000, 20_000, 1, 1).Bytes);
        // Per-synapse weights are checked too.
        Assert.Throws<ConnectivityMemoryException>(() => SynapseWeights.Uniform(0, 1).Create(m, 0, 0, memoryLimitBytes: 1000));
    }
}
