using System;
using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SpikeSharp;

/// <summary>
/// The geometric skip of <see cref="JitConnectivity"/> clipped at a cap, <c>min(k(u), Cap)</c>, from a guide table indexed
/// by the octave and top mantissa bits of the draw: no <c>log</c> for almost every draw, exactly the value of
/// <see cref="GeometricSkips.Next"/> (clipped). The cache build walks with it: a walk over a block of at most
/// <c>Cap</c> posts only needs the skip when it is below the room left, so clipping changes no target.
/// </summary>
/// <remarks>
/// With <c>z = bits ≫ 11</c> (u = z + 1), octave <c>o</c> = leading zeros of z minus 11 and <c>n = z ≪ o</c> (bit 52 set),
/// bucket (o, j) holds the z whose n has top mantissa bits j. A bucket's width relative to its z is at most 2⁻ᴹ ≤ p/1.5
/// while the skip changes every ≈ p·u, so k changes at most once inside a bucket (the few exceptions, and the top cell
/// u = 2⁵³ when it needs refining, are marked and computed with <see cref="GeometricSkips.Next"/>). Octaves whose every
/// skip is at least the cap share one row of "cap" entries. Entries are encoded as in <see cref="GeometricSkips"/>:
/// <c>((K + 1) ≪ L) | t</c>, L = 52 − M, t the offset (in n) of the smallest z with skip K; a marked entry decodes to at
/// least <see cref="SlowBit"/>.
/// </remarks>
internal sealed class ClippedSkips
{
    const int MaxEntries = 1 << 19; // 4 MiB at most; beyond, the build walks with GeometricSkips

    static readonly ConcurrentDictionary<(double, long), ClippedSkips?> s_cache = new();

    readonly ulong[] _table;

    /// <summary>Mantissa bits per octave (M).</summary>
    internal int MantBits { get; }

    /// <summary>L = 52 − M: the offset bits of an entry.</summary>
    internal int LowBits { get; }

    /// <summary>Rows of 2ᴹ entries: regular octaves, then one row for every deeper octave (all at the cap).</summary>
    internal int Rows { get; }

    /// <summary>The cap: decoded skips are min(k, Cap) (or ≥ <see cref="SlowBit"/> for marked draws).</summary>
    internal long Cap { get; }

    /// <summary>A decoded value with this bit (or a higher one) set needs the exact slow path; fast values are below it.</summary>
    internal long SlowBit { get; }

    /// <summary>Buckets marked slow (for tests and tuning).</summary>
    internal int SlowBuckets { get; }

    internal GeometricSkips Exact { get; }

    internal ref ulong TableRef => ref MemoryMarshal.GetArrayDataReference(_table);

    /// <summary>The shared table of <paramref name="prob"/> clipped at <paramref name="cap"/>, or null when it would be
    /// larger than 4 MiB or the cap does not fit the encoding (callers then use <see cref="GeometricSkips"/>).</summary>
    internal static ClippedSkips? For(double prob, long cap)
    {
        var exact = GeometricSkips.For(prob); // validates prob
        if (cap < 1) throw new ArgumentOutOfRangeException(nameof(cap), cap, "ClippedSkips: cap must be ≥ 1.");
        return s_cache.GetOrAdd((prob, cap), static (key, e) => TryCreate(e, key.Item2), exact);
    }

    static ClippedSkips? TryCreate(GeometricSkips exact, long cap)
    {
        double m = Math.Ceiling(Math.Log2(1.5 / exact.Prob));
        int mant = m <= 4 ? 4 : m >= 30 ? 30 : (int)m;
        int low = 52 - mant;
        if (cap + 2 >= 1L << (62 - low)) return null; // K + 1 and the slow bit must fit above the offset
        // Regular octaves: up to the first whose largest u already has skip ≥ cap (every deeper z then does too).
        int regular = 0;
        while (regular < 54)
        {
            ulong zTop = regular == 53 ? 0 : (1UL << (53 - regular)) - 1;
            regular++;
            if (regular < 54 && Skip(exact, zTop, cap) >= cap) break;
        }
        int rows = regular + 1;
        if ((long)rows << mant > MaxEntries) return null;
        return new ClippedSkips(exact, cap, mant, rows, regular);
    }

    ClippedSkips(GeometricSkips exact, long cap, int mant, int rows, int regular)
    {
        Exact = exact;
        Cap = cap;
        MantBits = mant;
        LowBits = 52 - mant;
        Rows = rows;
        SlowBit = 1L << (63 - LowBits);
        int per = 1 << mant;
        _table = new ulong[(long)rows * per];
        ulong capEntry = (ulong)(cap + 1) << LowBits; // t = 0: K = cap in the whole bucket
        int slow = 0;
        for (int o = 0; o < rows; o++)
        {
            for (int j = 0; j < per; j++)
            {
                int at = o * per + j;
                if (o >= regular) { _table[at] = capEntry; continue; }
                // The bucket's n range [nLo, nHi], and the z it holds: z = n ≫ o for the n with o low zero bits.
                ulong nLo = (1UL << 52) + ((ulong)j << LowBits), nHi = nLo + (1UL << LowBits) - 1;
                ulong zMin, zMax;
                if (o == 53) { if (j != 0) { _table[at] = capEntry; continue; } zMin = zMax = 0; nLo = 0; }
                else
                {
                    zMin = (nLo + (1UL << o) - 1) >> o;
                    zMax = nHi >> o;
                    if (zMin > zMax) { _table[at] = capEntry; continue; } // no z lands here (deep octaves, small widths)
                }
                if (zMax == (1UL << 53) - 1 && exact.TopDivisor < 1) { _table[at] = ulong.MaxValue; slow++; continue; }
                long kTop = Skip(exact, zMax, cap), kBottom = Skip(exact, zMin, cap);
                if (kBottom - kTop > 1) { _table[at] = ulong.MaxValue; slow++; continue; }
                ulong t = 0;
                if (kBottom != kTop)
                {
                    ulong lo = zMin, hi = zMax; // k(lo) = kTop + 1, k(hi) = kTop: the smallest z with k = kTop
                    Narrow(exact, cap, kTop, ref lo, ref hi);
                    while (hi - lo > 1)
                    {
                        ulong mid = lo + (hi - lo) / 2;
                        if (Skip(exact, mid, cap) == kTop) hi = mid; else lo = mid;
                    }
                    t = (hi << o) - nLo;
                }
                _table[at] = ((ulong)(kTop + 1) << LowBits) | t;
            }
        }
        SlowBuckets = slow;
    }

    /// <summary>Shrinks the bisection bracket around the analytic threshold <c>u = 2⁵³·e^{(kTop+1)/scale}</c> when the
    /// shrunk bracket still holds it (checked with two exact skips); otherwise leaves it.</summary>
    static void Narrow(GeometricSkips exact, long cap, long kTop, ref ulong lo, ref ulong hi)
    {
        double g = Math.Exp((kTop + 1) / exact.Scale) * 9007199254740992.0 - 1; // z of the threshold, approximately
        if (!(g > lo && g < hi)) return;
        ulong gz = (ulong)g, d = Math.Max(16UL, gz >> 38);
        if (gz > lo + d && Skip(exact, gz - d, cap) > kTop) lo = gz - d;
        if (gz + d < hi && Skip(exact, gz + d, cap) == kTop) hi = gz + d;
    }

    /// <summary>min(k, cap) of z (u = z + 1), as <see cref="GeometricSkips"/> defines k (the top cell: 0).</summary>
    static long Skip(GeometricSkips exact, ulong z, long cap)
    {
        ulong u = z + 1;
        long k = u == 1UL << 53 ? 0 : JitConnectivity.LogSkip(u, exact.Scale);
        return Math.Min(k, cap);
    }

    /// <summary>The table's decoding of 64 random bits: min(k, Cap), or a value with <see cref="SlowBit"/> set when the
    /// draw needs <see cref="Next"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long Decode(ref ulong table, int mant, int low, int lastRow, ulong bits)
    {
        ulong z = bits >> 11;
        int o = BitOperations.LeadingZeroCount(z) - 11; // 0..53
        ulong n = z << o;
        nint at = ((nint)Math.Min(o, lastRow) << mant) + (nint)((n >> low) & ((1UL << mant) - 1));
        ulong e = Unsafe.Add(ref table, at);
        return (long)((e - (n & ((1UL << low) - 1)) - 1) >> low);
    }

    /// <summary>min(k, Cap) of the draw at counter <paramref name="ctr"/>, exactly (the slow path of a marked draw).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal long Next(ulong ctr)
    {
        long k = Decode(ref TableRef, MantBits, LowBits, Rows - 1, CounterRng.Mix(ctr));
        return k < SlowBit ? k : Math.Min(Exact.Next(ctr), Cap);
    }
}
