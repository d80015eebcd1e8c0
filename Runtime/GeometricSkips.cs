using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace SpikeSharp;

/// <summary>
/// A guide table that turns 64 random bits into the geometric skip of <see cref="JitConnectivity"/>,
/// <c>k(u) = ⌊ln(u·2⁻⁵³) / ln(1 − p)⌋</c> with <c>u = (bits &gt;&gt; 11) + 1</c>, without a <c>log</c> for most draws
/// and with exactly the same result as the <c>Math.Log</c> formula (so the stream, and every spike, are those of the
/// reference walk <see cref="JitConnectivity.Targets"/>).
/// </summary>
/// <remarks>
/// <c>k(u)</c> does not increase with <c>u</c>. The top <see cref="Bits"/> bits of <c>bits</c> pick a bucket of
/// consecutive <c>u</c>; for each bucket the table holds <c>k</c> at the bucket's largest <c>u</c> and, when <c>k</c>
/// changes once inside the bucket, the smallest <c>u</c> that still has that <c>k</c> (found by bisection against
/// <c>Math.Log</c> when the table is built). Buckets where <c>k</c> changes more than once (small <c>u</c>, the long
/// skips) are marked and computed with <c>Math.Log</c>: about 1/(p·2^Bits) of the draws plus a few per cent.
/// Tables are built once per probability and shared (at most 2^15 buckets, 512 KiB).
/// </remarks>
public sealed class GeometricSkips
{
    struct Entry
    {
        public ulong Threshold; // smallest u in the bucket with k = K (u below it have K + 1)
        public long K;          // k at the top of the bucket; -1: compute with Math.Log
    }

    static readonly ConcurrentDictionary<double, GeometricSkips> s_cache = new();

    readonly Entry[] _table;
    readonly int _shift;

    /// <summary>The connection probability.</summary>
    public double Prob { get; }

    /// <summary><c>1 / ln(1 − p)</c> (<see cref="JitConnectivity.SkipScale"/>).</summary>
    public double Scale { get; }

    /// <summary>Random bits that index the table.</summary>
    public int Bits { get; }

    /// <summary>The (shared) table for probability <paramref name="prob"/> in (0, 1].</summary>
    public static GeometricSkips For(double prob)
    {
        double scale = JitConnectivity.SkipScale(prob); // validates prob
        return s_cache.GetOrAdd(prob, static (p, s) => new GeometricSkips(p, s), scale);
    }

    GeometricSkips(double prob, double scale)
    {
        Prob = prob;
        Scale = scale;
        // About 64/p buckets: the share of draws needing a log is then ≈ 1/64 + (buckets with two changes).
        Bits = Math.Clamp((int)Math.Ceiling(Math.Log2(64.0 / prob)), 8, 15);
        _shift = 64 - Bits;
        int buckets = 1 << Bits;
        int low = 53 - Bits;
        _table = new Entry[buckets];
        for (int j = 0; j < buckets; j++)
        {
            ulong uMin = ((ulong)j << low) + 1, uMax = (ulong)(j + 1) << low;
            long kTop = Skip(uMax), kBottom = Skip(uMin);
            if (kTop > int.MaxValue || kBottom - kTop > 1) { _table[j] = new Entry { K = -1 }; continue; }
            if (kBottom == kTop) { _table[j] = new Entry { K = kTop, Threshold = 0 }; continue; }
            ulong lo = uMin, hi = uMax; // k(lo) = kTop + 1, k(hi) = kTop: find the smallest u with k(u) = kTop
            while (hi - lo > 1)
            {
                ulong mid = lo + (hi - lo) / 2;
                if (Skip(mid) == kTop) hi = mid; else lo = mid;
            }
            _table[j] = new Entry { K = kTop, Threshold = hi };
        }
    }

    /// <summary>The reference formula: <c>⌊ln(u·2⁻⁵³)·Scale⌋</c>, saturated at <see cref="long.MaxValue"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    long Skip(ulong u)
    {
        double skip = Math.Log(u * (1.0 / (1UL << 53))) * Scale;
        return skip < 9.0e18 ? (long)skip : long.MaxValue;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    long SlowSkip(ulong u) => Skip(u);

    /// <summary>The skip for 64 random bits (as <see cref="JitConnectivity.Targets"/> computes it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next(ulong bits)
    {
        ref Entry e = ref Unsafe.Add(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(_table), (nint)(bits >> _shift));
        ulong u = (bits >> 11) + 1;
        long k = e.K;
        if (k < 0) return SlowSkip(u);
        return k + (u < e.Threshold ? 1 : 0);
    }
}
