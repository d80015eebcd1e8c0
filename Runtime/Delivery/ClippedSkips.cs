using System;
using System.Threading;
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
    const int MaxEntries = 1 << 21; // 16 MiB at most (N = 4 000 000 at 80 synapses: 9 MiB); beyond, the build walks with GeometricSkips

    // One table (or null: none fits) per (probability, cap), shared; copy-on-write like GeometricSkips' (no value-type
    // ConcurrentDictionary instantiation to JIT at start-up).
    sealed record Entry(double Prob, long Cap, ClippedSkips? Table);
    static Entry[] s_cache = Array.Empty<Entry>();
    static readonly object s_gate = new();

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
        foreach (var e in Volatile.Read(ref s_cache)) if (e.Prob.Equals(prob) && e.Cap == cap) return e.Table;
        lock (s_gate)
        {
            var cache = s_cache;
            foreach (var e in cache) if (e.Prob.Equals(prob) && e.Cap == cap) return e.Table;
            var created = TryCreate(exact, cap);
            var grown = new Entry[cache.Length + 1];
            cache.CopyTo(grown, 0);
            grown[cache.Length] = new Entry(prob, cap, created);
            Volatile.Write(ref s_cache, grown);
            return created;
        }
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
        // a[k] (k = 1..cap): the smallest z with skip ≤ k − 1, so skip(z) ≥ k ⇔ z < a[k] and min(skip, cap) = #{k : z < a[k]}.
        // A few logs per threshold; the buckets then need none.
        var a = new ulong[cap + 1];
        for (long k = 1; k <= cap; k++) a[k] = Threshold(exact, k);
        long kp = cap; // #{k : z < a[k]} for the z being filled; z only grows, so kp only falls
        long Count(ulong z)
        {
            while (kp > 0 && a[kp] <= z) kp--;
            return kp;
        }
        int slow = 0;
        for (int o = Math.Min(regular - 1, 53); o >= 0; o--) // increasing z
        {
            for (int j = 0; j < per; j++)
            {
                int at = o * per + j;
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
                long kBottom = Count(zMin), kTop = Count(zMax);
                if (zMax == (1UL << 53) - 1 && exact.TopDivisor < 1) { _table[at] = ulong.MaxValue; slow++; continue; }
                if (kBottom - kTop > 1) { _table[at] = ulong.MaxValue; slow++; continue; }
                ulong t = kBottom != kTop ? (a[kTop + 1] << o) - nLo : 0; // a[kTop + 1]: the smallest z with skip kTop
                _table[at] = ((ulong)(kTop + 1) << LowBits) | t;
            }
        }
        for (int o = regular; o < rows; o++)
            for (int j = 0; j < per; j++) _table[o * per + j] = capEntry;
        SlowBuckets = slow;
    }

    /// <summary>The smallest z with skip(z) ≤ k − 1 (k ≥ 1): from the analytic <c>u = 2⁵³·e^{k/scale}</c>, a galloping search
    /// for a bracket (skip(lo) ≥ k, skip(hi) &lt; k), then bisection; exact as long as the skip does not increase with z (the
    /// assumption of every table here).</summary>
    static ulong Threshold(GeometricSkips exact, long k)
    {
        const ulong Top = (1UL << 53) - 1; // skip 0 there
        double g = Math.Exp(k / exact.Scale) * 9007199254740992.0 - 1;
        ulong c = g >= Top ? Top : g > 0 ? (ulong)g : 0, lo, hi;
        if (Skip(exact, c, long.MaxValue) < k)
        {
            hi = c;
            for (ulong d = 1; ; d *= 2)
            {
                if (hi < d) { if (Skip(exact, 0, long.MaxValue) < k) return 0; lo = 0; break; }
                lo = hi - d;
                if (Skip(exact, lo, long.MaxValue) >= k) break;
                hi = lo;
            }
        }
        else
        {
            lo = c;
            for (ulong d = 1; ; d *= 2)
            {
                hi = Top - lo <= d ? Top : lo + d;
                if (Skip(exact, hi, long.MaxValue) < k) break;
                lo = hi;
            }
        }
        while (hi - lo > 1)
        {
            ulong mid = lo + (hi - lo) / 2;
            if (Skip(exact, mid, long.MaxValue) < k) hi = mid; else lo = mid;
        }
        return hi;
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
