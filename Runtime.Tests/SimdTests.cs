using System;
using System.Linq;
using System.Runtime.Intrinsics;
using EINet;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

/// <summary>The vectorized fused Update against the forced-scalar loop: the same operations in the same order must
/// give the same bits (no FMA contraction, masks instead of branches).</summary>
public class SimdTests
{
    [Fact]
    public void SeedNetwork_SimdAndScalar_GiveBitIdenticalSpikesAndPotentials()
    {
        Assert.True(Vector256.IsHardwareAccelerated, "this test compares against the vector path; the machine has no 256-bit SIMD");
        var simd = new EINetwork(4);
        var scalar = new EINetwork(4);
        scalar.N.UseSimd = false;
        Assert.True(simd.N.UseSimd);
        int spikes = 0;
        for (int step = 0; step < 600; step++)
        {
            var a = simd.Update(20f);
            var b = scalar.Update(20f);
            Assert.Equal(ToArray(b), ToArray(a));
            spikes += a.Count;
        }
        Assert.True(spikes > 2000, $"only {spikes} spikes: the comparison would be weak");
        for (int i = 0; i < Neurons.Size; i++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(scalar.N.V[i]), BitConverter.SingleToInt32Bits(simd.N.V[i]));
            Assert.Equal(BitConverter.SingleToInt32Bits(scalar.N.G0[i]), BitConverter.SingleToInt32Bits(simd.N.G0[i]));
            Assert.Equal(BitConverter.SingleToInt32Bits(scalar.N.G1[i]), BitConverter.SingleToInt32Bits(simd.N.G1[i]));
            Assert.Equal(scalar.N.LastSpikeStep[i], simd.N.LastSpikeStep[i]);
        }
    }

    [Fact]
    public void SizeNotAMultipleOfTheVectorWidth_TailMatchesToo()
    {
        // 300 = 18·16 + 12: the last 12 neurons go through the scalar tail in the SIMD run.
        var a = new MergeA(11);
        var b = new MergeA(11) { UseSimd = false };
        var pa = new FullWeight(a, 12);
        var pb = new FullWeight(b, 12);
        int tailSpikes = 0;
        for (int step = 0; step < 400; step++)
        {
            var sa = a.Update(25f);
            var sb = b.Update(25f);
            Assert.Equal(ToArray(sb), ToArray(sa));
            tailSpikes += ToArray(sa).Count(i => i >= 288);
            pa.Deliver(sa);
            pb.Deliver(sb);
        }
        Assert.True(tailSpikes > 0, "no spike in the tail neurons: the tail was not exercised");
        Assert.Equal(b.V.Select(BitConverter.SingleToInt32Bits), a.V.Select(BitConverter.SingleToInt32Bits));
    }

    static int[] ToArray(Spikes s)
    {
        var r = new int[s.Count];
        s.CopyTo(r);
        return r;
    }
}
