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
}
