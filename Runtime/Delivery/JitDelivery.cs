using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
    /// <param name="g">The post buffer (its length is numOut).</param>
    /// <param name="seed">Connectivity seed.</param>
    /// <param name="streamId">Stream family (a generated projection's <c>StreamId</c>): with the seed, it keys the streams.</param>
    /// <param name="spikes">The spiking pre neurons.</param>
    /// <param name="skips">The skip table of the connection probability.</param>
    /// <param name="weight">Weight added per target.</param>
    /// <param name="firstBlock">First post block delivered.</param>
    /// <param name="endBlock">End (exclusive) of the post blocks delivered.</param>
    public static void AddHomo(Span<float> g, ulong seed, ulong streamId, Spikes spikes, GeometricSkips skips, float weight, int firstBlock, int endBlock) =>
        AddHomo(g, seed, streamId, spikes, skips, weight, firstBlock, endBlock, s_batched);

    /// <summary>As <see cref="AddHomo(Span{float}, ulong, ulong, Spikes, GeometricSkips, float, int, int)"/>, from the stored
    /// targets of <paramref name="cache"/> when it is not null (built from the same seed, stream id, sizes and probability:
    /// the same adds in the same order), else regenerated. The call of generated projections.</summary>
    public static void AddHomo(Span<float> g, ulong seed, ulong streamId, Spikes spikes, GeometricSkips skips, JitTargetCache? cache, float weight, int firstBlock, int endBlock)
    {
        if (cache is not null) cache.AddHomo(g, spikes, weight, firstBlock, endBlock);
        else AddHomo(g, seed, streamId, spikes, skips, weight, firstBlock, endBlock, s_batched);
    }

    /// <summary>The scaled event delivery of BrainPy's older short-term plasticity form (<c>bp.synapses.Exponential(...,
    /// stp=bp.synplast.STD())</c>: <c>g += W·(spike·x)</c>): as <see cref="AddHomo(Span{float}, ulong, ulong, Spikes, GeometricSkips, JitTargetCache?, float, int, int)"/>,
    /// but each spiking pre neuron <c>i</c> adds <c>weight · scale[i]</c> (rounded once to float) at its targets. Same targets, same
    /// order of adds per post (spike order), so the result is bit-identical for every block split. Allocates nothing.</summary>
    /// <param name="g">The post buffer (its length is numOut).</param>
    /// <param name="seed">Connectivity seed.</param>
    /// <param name="streamId">Stream family.</param>
    /// <param name="spikes">The spiking pre neurons.</param>
    /// <param name="skips">The skip table of the connection probability.</param>
    /// <param name="cache">Stored targets of the same connectivity, or null (regenerated).</param>
    /// <param name="weight">Weight per target before scaling.</param>
    /// <param name="scale">One factor per pre neuron (its length is the spikes' length): STD's x, STP's u·x.</param>
    /// <param name="firstBlock">First post block delivered.</param>
    /// <param name="endBlock">End (exclusive) of the post blocks delivered.</param>
    public static void AddHomoScaled(Span<float> g, ulong seed, ulong streamId, Spikes spikes, GeometricSkips skips, JitTargetCache? cache, float weight,
        ReadOnlySpan<float> scale, int firstBlock, int endBlock)
    {
        if (scale.Length != spikes.Length)
            throw new ArgumentException($"JitDelivery.AddHomoScaled: the scale covers {scale.Length} neurons but the spikes {spikes.Length}.", nameof(scale));
        if (cache is not null) { cache.AddHomoScaled(g, spikes, weight, scale, firstBlock, endBlock); return; }
        ArgumentNullException.ThrowIfNull(skips);
        int numOut = g.Length;
        int blocks = JitConnectivity.BlockCount(numOut);
        if (firstBlock < 0 || endBlock > blocks || firstBlock > endBlock)
            throw new ArgumentOutOfRangeException(nameof(endBlock), $"JitDelivery.AddHomoScaled: blocks [{firstBlock}, {endBlock}) are outside [0, {blocks}).");
        ref float g0 = ref MemoryMarshal.GetReference(g);
        ulong seedKey = CounterRng.SeedKey(seed, streamId);
        bool batched = s_batched;
        for (int b = firstBlock; b < endBlock; b++)
        {
            int start = JitConnectivity.BlockStart(numOut, b), end = JitConnectivity.BlockStart(numOut, b + 1);
            for (int k = 0; k < spikes.Count; k++)
            {
                int pre = spikes.IndexAt(k);
                ulong key = CounterRng.StreamKeyOfSeedKey(seedKey, (ulong)pre, (ulong)b);
                Walk(ref g0, key, start, end, skips, weight * scale[pre], batched);
            }
        }
    }

    /// <summary><see cref="AddHomo(Span{float}, ulong, ulong, Spikes, GeometricSkips, float, int, int)"/> with the walk chosen:
    /// <paramref name="batched"/> draws 8 at a time (needs AVX-512DQ), else one at a time. Both give the same targets.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void AddHomo(Span<float> g, ulong seed, ulong streamId, Spikes spikes, GeometricSkips skips, float weight, int firstBlock, int endBlock, bool batched)
    {
        if (batched && !s_batched) throw new PlatformNotSupportedException("JitDelivery: the batched walk needs AVX-512DQ.");
        ArgumentNullException.ThrowIfNull(skips);
        int numOut = g.Length;
        int blocks = JitConnectivity.BlockCount(numOut);
        if (firstBlock < 0 || endBlock > blocks || firstBlock > endBlock)
            throw new ArgumentOutOfRangeException(nameof(endBlock), $"JitDelivery.AddHomo: blocks [{firstBlock}, {endBlock}) are outside [0, {blocks}).");
        ref float g0 = ref MemoryMarshal.GetReference(g);
        ulong seedKey = CounterRng.SeedKey(seed, streamId);
        // Blocks outer, spikes inner: each post lies in one block, so it still gets its adds in spike order.
        for (int b = firstBlock; b < endBlock; b++)
        {
            int start = JitConnectivity.BlockStart(numOut, b), end = JitConnectivity.BlockStart(numOut, b + 1);
            for (int k = 0; k < spikes.Count; k++)
            {
                ulong key = CounterRng.StreamKeyOfSeedKey(seedKey, (ulong)spikes.IndexAt(k), (ulong)b);
                Walk(ref g0, key, start, end, skips, weight, batched);
            }
        }
    }

    /// <summary>The walk of one (pre, block) stream. The rare draws that need <c>Math.Log</c> are taken here, outside
    /// <see cref="FastWalk"/>, whose loop then has no call and keeps its counter, position and weight in registers.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)] // never tier-0 / OSR code in the step loop
    static void Walk(ref float g0, ulong ctr, int start, int end, GeometricSkips skips, float weight, bool batched)
    {
        long pos = start;
        while (batched
            ? FastWalk8(ref g0, ref ctr, ref pos, end, ref skips.TableRef, skips.Shift, skips.LowMask, weight)
            : FastWalk(ref g0, ref ctr, ref pos, end, ref skips.TableRef, skips.Shift, skips.LowMask, weight))
        {
            long skip = skips.SlowSkip(ctr);
            if (skip >= end - pos) return;
            pos += skip;
            Unsafe.Add(ref g0, (nint)pos) += weight;
            if (++pos >= end) return;
        }
    }

    // 8 draws per round need a 64-bit vector multiply (vpmullq); without AVX-512DQ the scalar walk is faster.
    internal static readonly bool s_batched = Vector512.IsHardwareAccelerated && Avx512DQ.IsSupported;

    /// <summary><see cref="FastWalk"/> with the stream drawn 8 at a time (a vectorised SplitMix64 finaliser), the
    /// table index and low bits of each draw decoded in the vector, the lookups and adds then scalar and in stream
    /// order: the same draws, targets and stopping point as <see cref="FastWalk"/> (a round's draws after the
    /// stopping point are discarded).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    static bool FastWalk8(ref float g0, ref ulong ctrRef, ref long posRef, long end, ref ulong table, int shift, ulong lowMask, float weight)
    {
        ulong ctr = ctrRef;
        long pos = posRef;
        Span<ulong> buf = stackalloc ulong[16]; // [0, 8): table indices; [8, 16): low bits + 1
        ref ulong b0 = ref MemoryMarshal.GetReference(buf);
        var offsets = Vector512.Create(1UL, 2, 3, 4, 5, 6, 7, 8) * CounterRng.Gamma; // draw j of a round: ctr + (j + 1)·γ
        var mask = Vector512.Create(lowMask);
        while (true)
        {
            var z = Vector512.Create(ctr) + offsets;
            z = (z ^ Vector512.ShiftRightLogical(z, 30)) * 0xBF58476D1CE4E5B9UL; // CounterRng.Mix, 8 lanes
            z = (z ^ Vector512.ShiftRightLogical(z, 27)) * 0x94D049BB133111EBUL;
            z ^= Vector512.ShiftRightLogical(z, 31);
            Vector512.ShiftRightLogical(z, shift).StoreUnsafe(ref b0);
            ((Vector512.ShiftRightLogical(z, 11) & mask) + Vector512<ulong>.One).StoreUnsafe(ref b0, 8);
            for (nint j = 0; j < 8; j++)
            {
                ctr += CounterRng.Gamma;
                long skip = (long)((Unsafe.Add(ref table, (nint)Unsafe.Add(ref b0, j)) - Unsafe.Add(ref b0, j + 8)) >> GeometricSkips.LowBits);
                if (skip >= end - pos || skip >= GeometricSkips.SlowMark)
                {
                    if (skip < GeometricSkips.SlowMark) return false;
                    ctrRef = ctr;
                    posRef = pos;
                    return true;
                }
                pos += skip;
                Unsafe.Add(ref g0, (nint)pos) += weight;
                if (++pos >= end) return false;
            }
        }
    }

    /// <summary>Walks with table skips until the stream leaves the block (false) or a draw needs <c>Math.Log</c>
    /// (true; <paramref name="ctrRef"/> is then that draw's counter and <paramref name="posRef"/> the position before it).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    static bool FastWalk(ref float g0, ref ulong ctrRef, ref long posRef, long end, ref ulong table, int shift, ulong lowMask, float weight)
    {
        ulong ctr = ctrRef;
        long pos = posRef;
        while (true)
        {
            ctr += CounterRng.Gamma;
            long skip = GeometricSkips.Decode(ref table, shift, lowMask, CounterRng.Mix(ctr));
            if (skip >= end - pos || skip >= GeometricSkips.SlowMark)
            {
                if (skip < GeometricSkips.SlowMark) return false;
                ctrRef = ctr;
                posRef = pos;
                return true;
            }
            pos += skip;
            Unsafe.Add(ref g0, (nint)pos) += weight;
            if (++pos >= end) return false;
        }
    }
}
