using System;
using System.Threading;
using System.Runtime.CompilerServices;

namespace SpikeSharp;

/// <summary>
/// A guide table that turns 64 random bits into the geometric skip of <see cref="JitConnectivity"/>,
/// <c>k(u) = ⌊ln(u·2⁻⁵³) / ln(1 − p)⌋</c> with <c>u = (bits &gt;&gt; 11) + 1</c>, without a <c>log</c> for most draws
/// and with exactly the same result as the <c>Math.Log</c> formula (<see cref="JitConnectivity.Skip"/>) (so the stream, and every spike, are those of the
/// reference walk <see cref="JitConnectivity.Targets"/>).
/// </summary>
/// <remarks>
/// <c>k(u)</c> does not increase with <c>u</c>. The top <see cref="Bits"/> bits of <c>bits</c> pick a bucket of
/// consecutive <c>u</c>; for each bucket the table holds <c>k</c> at the bucket's largest <c>u</c> and, when <c>k</c>
/// changes once inside the bucket, the smallest <c>u</c> that still has that <c>k</c> (found by bisection against
/// <c>Math.Log</c> when the table is built). Buckets where <c>k</c> changes more than once (small <c>u</c>, the long
/// skips) are marked and computed with <c>Math.Log</c>: about 1/(p·2^Bits) of the draws plus a few per cent.
/// Tables are built once per probability and shared (at most 2^15 buckets of 8 bytes, 256 KiB).
/// </remarks>
public sealed class GeometricSkips
{
    // Entry of bucket j (8 bytes, so the seed network's 2^12 buckets take 32 KiB): ((K + 1) << LowBits) | t, where K
    // is the skip at the top of the bucket and t the offset in the bucket (of its 53 − Bits low u bits) of the
    // smallest u that still has skip K (0 when K holds in the whole bucket). For v = u − 1 − (j << (53 − Bits)),
    // (entry − v − 1) >> LowBits is K + 1 when v < t and K otherwise (the borrow does the compare). Buckets needing
    // Math.Log hold ulong.MaxValue, which decodes to at least SlowMark.
    internal const int LowBits = 45;                  // ≥ 53 − Bits for every Bits ≥ 8
    internal const long SlowMark = 1L << 18; // decoded skips ≥ this take Math.Log (K + 1 < 2^18 in fast entries)

    // One table per probability, shared. A copy-on-write array scanned without a lock (a handful of probabilities per
    // process) instead of a ConcurrentDictionary<double, …>: its value-type instantiation costs start-up JIT (issue 14).
    static GeometricSkips[] s_cache = System.Array.Empty<GeometricSkips>();
    static readonly object s_gate = new();

    readonly ulong[] _table;
    readonly int _shift;
    readonly ulong _lowMask;

    /// <summary>The connection probability.</summary>
    public double Prob { get; }

    /// <summary><c>1 / ln(1 − p)</c> (<see cref="JitConnectivity.SkipScale"/>).</summary>
    public double Scale { get; }

    /// <summary>Random bits that index the table.</summary>
    public int Bits { get; }

    /// <summary><see cref="JitConnectivity.TopCellDivisor"/> of <see cref="Prob"/>.</summary>
    internal double TopDivisor { get; }

    /// <summary>The (shared) table for probability <paramref name="prob"/> in (0, 1].</summary>
    public static GeometricSkips For(double prob)
    {
        double scale = JitConnectivity.SkipScale(prob); // validates prob
        foreach (var t in Volatile.Read(ref s_cache)) if (t.Prob.Equals(prob)) return t;
        lock (s_gate)
        {
            var cache = s_cache;
            foreach (var t in cache) if (t.Prob.Equals(prob)) return t;
            var created = new GeometricSkips(prob, scale);
            var grown = new GeometricSkips[cache.Length + 1];
            cache.CopyTo(grown, 0);
            grown[cache.Length] = created;
            Volatile.Write(ref s_cache, grown);
            return created;
        }
    }

    GeometricSkips(double prob, double scale)
    {
        Prob = prob;
        Scale = scale;
        TopDivisor = JitConnectivity.TopCellDivisor(prob);
        // About 64/p buckets: the share of draws needing a log is then ≈ 1/64 + (buckets with two changes).
        double bits = Math.Ceiling(Math.Log2(64.0 / prob)); // +∞ for p below 64·2⁻¹⁰²⁴
        Bits = bits >= 15 ? 15 : Math.Max((int)bits, 8);
        _shift = 64 - Bits;
        int buckets = 1 << Bits;
        int low = 53 - Bits;
        _lowMask = (1UL << low) - 1;
        _table = new ulong[buckets];
        for (int j = 0; j < buckets; j++)
        {
            ulong uMin = ((ulong)j << low) + 1, uMax = (ulong)(j + 1) << low;
            // The top cell u = 2⁵³ has skip 0 when its refinement cannot give more (λ ≥ 2⁻⁵³), else it needs the slow path.
            if (j == buckets - 1 && TopDivisor < 1) { _table[j] = ulong.MaxValue; continue; }
            long kTop = Skip(uMax), kBottom = Skip(uMin);
            if (kTop + 1 >= SlowMark || kBottom - kTop > 1) { _table[j] = ulong.MaxValue; continue; }
            ulong t = 0;
            if (kBottom != kTop)
            {
                ulong lo = uMin, hi = uMax; // k(lo) = kTop + 1, k(hi) = kTop: find the smallest u with k(u) = kTop
                Narrow(kTop, ref lo, ref hi);
                while (hi - lo > 1)
                {
                    ulong mid = lo + (hi - lo) / 2;
                    if (Skip(mid) == kTop) hi = mid; else lo = mid;
                }
                t = hi - uMin; // offset of the threshold; v = u − uMin < t ⇔ u < hi
            }
            _table[j] = ((ulong)(kTop + 1) << LowBits) | t;
        }
    }

    /// <summary>Shrinks the bisection bracket [lo, hi] (k(lo) &gt; kTop = k(hi)) to a few thousand cells around the analytic
    /// threshold <c>u = 2⁵³·e^{(kTop+1)/scale}</c> when two exact skips show that the shrunk bracket still holds it; k does
    /// not increase with u, so the bisection then finds the same smallest u, with 13 logs instead of 40.</summary>
    void Narrow(long kTop, ref ulong lo, ref ulong hi)
    {
        double g = Math.Exp((kTop + 1) / Scale) * 9007199254740992.0;
        if (!(g > lo && g < hi)) return;
        ulong gu = (ulong)g, d = Math.Max(16UL, gu >> 38);
        if (gu > lo + d && Skip(gu - d) > kTop) lo = gu - d;
        if (gu + d < hi && Skip(gu + d) == kTop) hi = gu + d;
    }

    /// <summary>The skip of cell u as <see cref="JitConnectivity.Skip"/> computes it (u = 2⁵³ only when λ ≥ 2⁻⁵³: 0).</summary>
    long Skip(ulong u) => u == 1UL << 53 ? 0 : JitConnectivity.LogSkip(u, Scale);

    /// <summary>The skip of the draw at counter <paramref name="ctr"/> by the log formula (the table's slow path).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal long SlowSkip(ulong ctr) => JitConnectivity.Skip(ctr, Scale, TopDivisor);

    internal ref ulong TableRef => ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(_table);
    internal int Shift => _shift;
    internal ulong LowMask => _lowMask;

    /// <summary>The table's decoding of 64 random bits: the skip, or a value ≥ <see cref="SlowMark"/> when the
    /// draw needs <see cref="SlowSkip"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long Decode(ref ulong table, int shift, ulong lowMask, ulong bits)
    {
        ulong e = Unsafe.Add(ref table, (nint)(bits >> shift));
        return (long)((e - ((bits >> 11) & lowMask) - 1) >> LowBits);
    }

    /// <summary>The skip of the draw at counter <paramref name="ctr"/> (64 random bits <c>CounterRng.Mix(ctr)</c>), as
    /// <see cref="JitConnectivity.Targets"/> computes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next(ulong ctr)
    {
        long k = Decode(ref TableRef, _shift, _lowMask, CounterRng.Mix(ctr));
        return k < SlowMark ? k : SlowSkip(ctr);
    }
}
