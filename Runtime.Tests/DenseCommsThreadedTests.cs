using System;
using System.Runtime.InteropServices;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

/// <summary>The threaded value forms of AllToAll and OneToOne (align-pre and VanillaProj comms): the same bits as the
/// one-thread kernels for 1, 2 and 4 threads, split only from <see cref="PreSynapseParallelism.MinPostsPerPart"/> posts a
/// part, and no allocation.</summary>
public class DenseCommsThreadedTests
{
    static float[] Values(int n, int seed)
    {
        var r = new Random(seed);
        var v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float)(r.NextDouble() * (r.Next(4) == 0 ? 1e-3 : 1.0));
        return v;
    }

    static bool SameBits(float[] a, float[] b) => MemoryMarshal.AsBytes(a.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(b.AsSpan()));

    [Theory]
    [InlineData(300_000, 300_000, true)]
    [InlineData(300_000, 300_000, false)]
    [InlineData(200_000, 300_001, false)] // numPre < numPost: the posts past numPre get the whole sum
    [InlineData(350_000, 270_000, false)] // numPre > numPost
    public void AllToAll_OneTwoFourThreads_SameBitsAsOneThreadKernel(int numPre, int numPost, bool includeSelf)
    {
        Assert.Equal(4, PreSynapseParallelism.DenseParts(numPost, 4));
        var pre = Values(numPre, 1);
        var start = Values(numPost, 2);
        var expected = (float[])start.Clone();
        DenseComms.AllToAll(pre, expected, 0.37f, includeSelf);
        foreach (int threads in new[] { 1, 2, 4 })
        {
            var post = (float[])start.Clone();
            DenseComms.AllToAllThreaded(pre, post, 0.37f, includeSelf, threads);
            Assert.True(SameBits(expected, post), $"{threads} threads differ from the one-thread kernel");
        }
        Assert.False(SameBits(expected, start));
    }

    [Fact]
    public void OneToOne_OneTwoFourThreads_SameBitsAsOneThreadKernel()
    {
        const int n = 300_001;
        var pre = Values(n, 3);
        var start = Values(n, 4);
        var expected = (float[])start.Clone();
        DenseComms.OneToOne(pre, expected, 1.7f);
        foreach (int threads in new[] { 1, 2, 4 })
        {
            var post = (float[])start.Clone();
            DenseComms.OneToOneThreaded(pre, post, 1.7f, threads);
            Assert.True(SameBits(expected, post), $"{threads} threads differ from the one-thread kernel");
        }
        Assert.Throws<ArgumentException>(() => DenseComms.OneToOneThreaded(pre, new float[n - 1], 1f, 2));
    }

    [Fact]
    public void SmallPosts_StayOnOneThread()
    {
        Assert.Equal(1, PreSynapseParallelism.DenseParts(PreSynapseParallelism.MinPostsPerPart * 2 - 1, 4));
        Assert.Equal(2, PreSynapseParallelism.DenseParts(PreSynapseParallelism.MinPostsPerPart * 2, 4));
        Assert.Equal(1, PreSynapseParallelism.Parts(PreSynapseParallelism.MinPreNeuronsPerPart * 2 - 1, 2));
        Assert.Equal(2, PreSynapseParallelism.Parts(PreSynapseParallelism.MinPreNeuronsPerPart * 2, 2));
        Assert.Equal(1, PreSynapseParallelism.Parts(100_000, 1));
    }

    [Fact]
    public void Threaded_AllocatesNothing()
    {
        var pre = Values(300_000, 5);
        var post = new float[300_000];
        DenseComms.AllToAllThreaded(pre, post, 0.1f, false, 2);
        DenseComms.OneToOneThreaded(pre, post, 0.1f, 2);
        AllocationAssert.ZeroInSteadyState(() =>
        {
            for (int k = 0; k < 20; k++)
            {
                DenseComms.AllToAllThreaded(pre, post, 0.1f, false, 2);
                DenseComms.OneToOneThreaded(pre, post, 0.1f, 2);
            }
        });
    }

    /// <summary>The vectorised kernels (AllToAll's runs between spiking posts, Dense's rows) against the scalar loops they
    /// replaced, bit for bit: sizes around the vector widths, spikes at run edges, a post slice, include_self both ways.</summary>
    [Fact]
    public void VectorisedAllToAllAndDense_AreTheScalarLoops_BitForBit()
    {
        var rnd = new Random(3);
        foreach (int numPost in new[] { 1, 7, 8, 15, 16, 17, 33, 70 })
            foreach (int numPre in new[] { 1, 9, 40 })
                foreach (bool includeSelf in new[] { true, false })
                {
                    int firstPost = numPost > 10 ? 3 : 0;
                    var sorted = new System.Collections.Generic.List<int>();
                    for (int i = 0; i < numPre; i++) if (rnd.Next(3) == 0 || i == 0 || i == numPre - 1) sorted.Add(i);
                    var spikes = new Spikes(sorted.ToArray(), numPre);
                    const float w = 0.37f;
                    var post = Values(numPost, numPost * 7 + numPre);
                    var expected = (float[])post.Clone();
                    // The scalar rule (the loop this kernel had): posts below numPre that spiked add w·(count − 1) without include_self.
                    float count = spikes.Count, all = w * count, less = w * (count - 1);
                    for (int j = 0; j < numPost; j++)
                        expected[j] += !includeSelf && firstPost + j < numPre && sorted.Contains(firstPost + j) ? less : all;
                    DenseComms.AllToAll(spikes, post, w, includeSelf, firstPost);
                    Assert.Equal(expected, post);

                    var pre = Values(numPre, numPre);
                    var weights = Values(numPre * numPost, numPost);
                    var dense = Values(numPost, 5);
                    var denseExpected = (float[])dense.Clone();
                    for (int i = 0; i < numPre; i++)
                        for (int j = 0; j < numPost; j++) denseExpected[j] += pre[i] * weights[i * numPost + j];
                    DenseComms.Dense(pre, dense, weights);
                    Assert.Equal(denseExpected, dense);

                    var events = Values(numPost, 6);
                    var eventsExpected = (float[])events.Clone();
                    foreach (int i in sorted)
                        for (int j = 0; j < numPost; j++) eventsExpected[j] += weights[i * numPost + j];
                    DenseComms.Dense(spikes, events, weights);
                    Assert.Equal(eventsExpected, events);

                    var values = Values(numPost, 8);
                    var valuesExpected = (float[])values.Clone();
                    float sum = 0;
                    foreach (float x in pre) sum += x;
                    for (int j = 0; j < numPost; j++)
                        valuesExpected[j] += !includeSelf && firstPost + j < numPre ? w * (sum - pre[firstPost + j]) : w * sum;
                    DenseComms.AllToAll(pre, values, w, includeSelf, firstPost);
                    Assert.Equal(valuesExpected, values);
                }
    }
}
