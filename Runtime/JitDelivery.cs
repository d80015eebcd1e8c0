using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SpikeSharp;

/// <summary>
/// The hot path of JIT connectivity: adds a homogeneous weight at the targets of every spiking pre neuron,
/// regenerating them from the counter-based streams of <see cref="JitConnectivity"/> (same streams, same targets as
/// <see cref="JitConnectivity.Targets"/>), with geometric skips from a <see cref="GeometricSkips"/> table.
/// Works on a range of post blocks so that threads can own disjoint blocks: the adds to any one post happen in
/// spike order whatever the split, so the result is bit-identical for every thread count.
/// </summary>
public static class JitDelivery
{
    /// <summary>For each spike (in order) and each block in [<paramref name="firstBlock"/>, <paramref name="endBlock"/>),
    /// adds <paramref name="weight"/> to <c>g[post]</c> for every target <c>post</c> of the spiking neuron in that block.</summary>
    public static void AddHomo(Span<float> g, ulong seed, Spikes spikes, GeometricSkips skips, float weight, int firstBlock, int endBlock)
    {
        ArgumentNullException.ThrowIfNull(skips);
        int numOut = g.Length;
        int blocks = JitConnectivity.BlockCount(numOut);
        if (firstBlock < 0 || endBlock > blocks || firstBlock > endBlock)
            throw new ArgumentOutOfRangeException(nameof(endBlock), $"JitDelivery.AddHomo: blocks [{firstBlock}, {endBlock}) are outside [0, {blocks}).");
        ref float g0 = ref MemoryMarshal.GetReference(g);
        for (int k = 0; k < spikes.Count; k++)
        {
            ulong pre = (ulong)spikes.IndexAt(k);
            for (int b = firstBlock; b < endBlock; b++)
            {
                ulong key = CounterRng.StreamKey(seed, pre, (ulong)b);
                Walk(ref g0, key, JitConnectivity.BlockStart(numOut, b), JitConnectivity.BlockStart(numOut, b + 1), skips, weight);
            }
        }
    }

    /// <summary>The walk of one (pre, block) stream: small and not inlined, so its counter and position stay in registers.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    static void Walk(ref float g0, ulong ctr, int start, int end, GeometricSkips skips, float weight)
    {
        long pos = start;
        while (true)
        {
            ctr += CounterRng.Gamma;
            long skip = skips.Next(CounterRng.Mix(ctr));
            if (skip >= end - pos) return;
            pos += skip;
            Unsafe.Add(ref g0, (nint)pos) += weight;
            if (++pos >= end) return;
        }
    }
}
