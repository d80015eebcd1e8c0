using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace SpikeSharp;

/// <summary>Per-thread scratch of a build: a bitset over the drawn range and a row buffer.</summary>
internal sealed class RowScratch(int range, int maxRow)
{
    public readonly ulong[] Bits = new ulong[(range + 63) / 64];
    public readonly int[] Buf = new int[Math.Max(1, maxRow)];
}

/// <summary>The rows of one build of a <see cref="Connector"/>: each row sorted (repeats adjacent), from its own stream.</summary>
internal abstract class RowSource(int numPre, int numPost)
{
    public int NumPre { get; } = numPre;
    public int NumPost { get; } = numPost;

    /// <summary>The longest row (or column) this source writes.</summary>
    public abstract int MaxRow { get; }

    /// <summary>Range of the values a row (or column) draws from: the bitset's size.</summary>
    public virtual int DrawRange => NumPost;

    /// <summary>True when the source draws post columns (<see cref="Column"/>) instead of pre rows.</summary>
    public virtual bool ByColumn => false;

    /// <summary>The length of row <paramref name="pre"/> when it is known without drawing it, else −1.</summary>
    public virtual int KnownCount(int pre) => -1;

    /// <summary>Writes the targets of <paramref name="pre"/>, increasing (a repeated target adjacent), into
    /// <paramref name="dst"/>; returns their count.</summary>
    public virtual int Row(int pre, Span<int> dst, RowScratch s) => throw new NotSupportedException();

    /// <summary>Writes the sources of <paramref name="post"/>, increasing, into <paramref name="dst"/>; returns their count.</summary>
    public virtual int Column(int post, Span<int> dst, RowScratch s) => throw new NotSupportedException();

    /// <summary>Salt of the row streams (never a JIT block index, which is below 16).</summary>
    internal const ulong RowSalt = 0x524F_5753_0000_0000UL;

    /// <summary>Stream key of row <paramref name="row"/> of a connector family <paramref name="kind"/>.</summary>
    internal static ulong RowKey(ulong seed, ulong streamId, ulong row, ulong kind) => CounterRng.StreamKey(seed, streamId, row, RowSalt + kind);

    /// <summary>A uniform integer in [0, <paramref name="n"/>) from the stream at <paramref name="ctr"/> (advanced), by
    /// Lemire's multiply-and-reject (exactly uniform).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Below(ref ulong ctr, int n)
    {
        ulong un = (ulong)n;
        while (true)
        {
            ctr += CounterRng.Gamma;
            ulong hi = Math.BigMul(CounterRng.Mix(ctr), un, out ulong lo);
            if (lo >= un || lo >= (0UL - un) % un) return (int)hi;
        }
    }

    /// <summary>Writes <paramref name="k"/> draws from [0, <paramref name="n"/>) into <paramref name="dst"/>, increasing:
    /// distinct (a uniform k-subset, by Floyd's algorithm, or its complement when k &gt; n/2) unless
    /// <paramref name="multi"/> (then k independent uniform draws, sorted). <paramref name="bits"/> is all zero before and after.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a set-up loop: optimised from its first call, not tier-0 code
    internal static void Sample(ulong key, int n, int k, bool multi, Span<int> dst, ulong[] bits)
    {
        ulong ctr = key;
        if (k == 0) return;
        if (multi)
        {
            for (int i = 0; i < k; i++) dst[i] = Below(ref ctr, n);
            dst[..k].Sort();
            return;
        }
        if (k <= n / 2)
        {
            if (n >> 6 <= 16 * k)
            {
                // Dense enough: mark, then read the bitset in order (cheaper than sorting k values).
                for (int j = n - k; j < n; j++)
                {
                    int t = Below(ref ctr, j + 1);
                    if ((bits[t >> 6] & (1UL << t)) != 0) t = j;
                    bits[t >> 6] |= 1UL << t;
                }
                int o2 = 0;
                for (int w = 0; o2 < k; w++)
                {
                    ulong set = bits[w];
                    bits[w] = 0;
                    while (set != 0)
                    {
                        dst[o2++] = (w << 6) + BitOperations.TrailingZeroCount(set);
                        set &= set - 1;
                    }
                }
                return;
            }
            int c = 0;
            for (int j = n - k; j < n; j++)
            {
                int t = Below(ref ctr, j + 1);
                if ((bits[t >> 6] & (1UL << t)) != 0) t = j;
                bits[t >> 6] |= 1UL << t;
                dst[c++] = t;
            }
            for (int i = 0; i < k; i++) bits[dst[i] >> 6] = 0;
            dst[..k].Sort();
            return;
        }
        int m = n - k; // choose the m excluded ones, keep the rest in order
        for (int j = n - m; j < n; j++)
        {
            int t = Below(ref ctr, j + 1);
            if ((bits[t >> 6] & (1UL << t)) != 0) t = j;
            bits[t >> 6] |= 1UL << t;
        }
        int o = 0;
        for (int w = 0; w < bits.Length && o < k; w++)
        {
            ulong free = ~bits[w];
            bits[w] = 0;
            while (free != 0)
            {
                int j = (w << 6) + BitOperations.TrailingZeroCount(free);
                if (j >= n) break;
                dst[o++] = j;
                free &= free - 1;
            }
        }
        Array.Clear(bits);
    }

    /// <summary>Removes every <paramref name="self"/> from the first <paramref name="count"/> entries; returns the new count.</summary>
    internal static int RemoveValue(Span<int> dst, int count, int self)
    {
        int o = 0;
        for (int i = 0; i < count; i++) if (dst[i] != self) dst[o++] = dst[i];
        return o;
    }
}

/// <summary>k uniform draws per row (FixedProb, FixedPostNum), optionally for a random subset of rows.</summary>
internal sealed class DrawRows : RowSource
{
    readonly ulong _seed, _streamId, _kind;
    readonly int _k;
    readonly bool _multi, _includeSelf;
    readonly ulong[]? _selected; // bitset of the pres that get rows (null: all)

    public DrawRows(int numPre, int numPost, ulong seed, ulong streamId, int k, bool multi, bool includeSelf, int selected, ulong kind)
        : base(numPre, numPost)
    {
        _seed = seed; _streamId = streamId; _k = k; _multi = multi; _includeSelf = includeSelf; _kind = kind;
        if (selected < numPre)
        {
            // The chosen pres: a uniform subset of size `selected`, from one stream (a global draw, done once).
            _selected = new ulong[(numPre + 63) / 64];
            var tmp = new int[Math.Max(1, selected)];
            Sample(RowKey(seed, streamId, ulong.MaxValue, kind), numPre, selected, false, tmp, _selected);
            for (int i = 0; i < selected; i++) _selected[tmp[i] >> 6] |= 1UL << tmp[i];
        }
    }

    public override int MaxRow => _k;

    public override int KnownCount(int pre) =>
        !_includeSelf ? -1 : _selected is not null && (_selected[pre >> 6] & (1UL << pre)) == 0 ? 0 : _k;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a set-up loop: optimised from its first call, not tier-0 code
    public override int Row(int pre, Span<int> dst, RowScratch s)
    {
        if (_selected is not null && (_selected[pre >> 6] & (1UL << pre)) == 0) return 0;
        Sample(RowKey(_seed, _streamId, (ulong)pre, _kind), NumPost, _k, _multi, dst, s.Bits);
        return _includeSelf ? _k : RemoveValue(dst, _k, pre);
    }
}

/// <summary>k uniform draws per post column (FixedPreNum).</summary>
internal sealed class DrawColumns(int numPre, int numPost, ulong seed, ulong streamId, int k, bool multi, bool includeSelf)
    : RowSource(numPre, numPost)
{
    public override int MaxRow => k;
    public override int DrawRange => NumPre;
    public override bool ByColumn => true;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a set-up loop: optimised from its first call, not tier-0 code
    public override int Column(int post, Span<int> dst, RowScratch s)
    {
        Sample(RowKey(seed, streamId, (ulong)post, 3), NumPre, k, multi, dst, s.Bits);
        return includeSelf ? k : RemoveValue(dst, k, post);
    }
}

/// <summary>Bernoulli(p) per pair: the streams and skips of <see cref="JitConnectivity.Targets"/>.</summary>
internal sealed class BernoulliRows : RowSource
{
    readonly ulong _seedKey;
    readonly GeometricSkips? _skips;
    readonly bool _includeSelf;

    public BernoulliRows(int numPre, int numPost, ulong seed, ulong streamId, double prob, bool includeSelf) : base(numPre, numPost)
    {
        _seedKey = CounterRng.SeedKey(seed, streamId);
        _skips = prob > 0 ? GeometricSkips.For(prob) : null;
        _includeSelf = includeSelf;
    }

    public override int MaxRow => NumPost;
    public override int DrawRange => 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a set-up loop: optimised from its first call, not tier-0 code
    public override int Row(int pre, Span<int> dst, RowScratch s)
    {
        if (_skips is null) return 0;
        int numOut = NumPost, n = 0;
        int blocks = JitConnectivity.BlockCount(numOut);
        for (int b = 0; b < blocks; b++)
        {
            int start = JitConnectivity.BlockStart(numOut, b), end = JitConnectivity.BlockStart(numOut, b + 1);
            ulong ctr = CounterRng.StreamKeyOfSeedKey(_seedKey, (ulong)pre, (ulong)b);
            long pos = start;
            while (true)
            {
                ctr += CounterRng.Gamma;
                long skip = _skips.Next(ctr);
                if (skip >= end - pos) break;
                pos += skip;
                dst[n++] = (int)pos;
                if (++pos >= end) break;
            }
        }
        return _includeSelf ? n : RemoveValue(dst, n, pre);
    }
}

/// <summary>Every pair (less the diagonal).</summary>
internal sealed class AllRows(int numPre, int numPost, bool includeSelf) : RowSource(numPre, numPost)
{
    public override int MaxRow => NumPost;
    public override int KnownCount(int pre) => includeSelf ? NumPost : NumPost - 1;
    public override int DrawRange => 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a set-up loop: optimised from its first call, not tier-0 code
    public override int Row(int pre, Span<int> dst, RowScratch s)
    {
        int n = 0;
        for (int j = 0; j < NumPost; j++) if (includeSelf || j != pre) dst[n++] = j;
        return n;
    }
}

/// <summary>The diagonal.</summary>
internal sealed class OneRows(int num) : RowSource(num, num)
{
    public override int MaxRow => 1;
    public override int KnownCount(int pre) => 1;
    public override int DrawRange => 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a set-up loop: optimised from its first call, not tier-0 code
    public override int Row(int pre, Span<int> dst, RowScratch s)
    {
        dst[0] = pre;
        return 1;
    }
}

/// <summary>The true entries of a dense mask.</summary>
internal sealed class MaskRows(MaskConnector mask) : RowSource(mask.NumPre, mask.NumPost)
{
    public override int MaxRow => NumPost;
    public override int DrawRange => 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a set-up loop: optimised from its first call, not tier-0 code
    public override int Row(int pre, Span<int> dst, RowScratch s)
    {
        var row = mask.Row(pre);
        int n = 0;
        for (int j = 0; j < row.Length; j++) if (row[j]) dst[n++] = j;
        return n;
    }
}

/// <summary>A fixed total: the pair codes pre·numPost + post drawn once (one stream), sorted.</summary>
internal sealed class TotalRows : RowSource
{
    readonly long[] _codes;   // sorted
    readonly int[] _rowStart; // numPre + 1
    readonly int _maxRow;

    public TotalRows(int numPre, int numPost, ulong seed, ulong streamId, long num, bool multi) : base(numPre, numPost)
    {
        long all = (long)numPre * numPost;
        ulong ctr = RowKey(seed, streamId, 0, 4);
        if (multi || num == 0)
        {
            _codes = new long[num];
            for (long i = 0; i < num; i++) _codes[i] = BelowLong(ref ctr, all);
            Array.Sort(_codes);
        }
        else if (num <= all / 2)
            _codes = Distinct(ref ctr, all, (int)num);
        else
        {
            var excluded = Distinct(ref ctr, all, (int)(all - num));
            _codes = new long[num];
            long o = 0, e = 0;
            for (long c = 0; c < all; c++)
            {
                if (e < excluded.Length && excluded[e] == c) { e++; continue; }
                _codes[o++] = c;
            }
        }
        _rowStart = new int[numPre + 1];
        foreach (long c in _codes) _rowStart[c / numPost + 1]++;
        for (int i = 0; i < numPre; i++)
        {
            _maxRow = Math.Max(_maxRow, _rowStart[i + 1]);
            _rowStart[i + 1] += _rowStart[i];
        }
    }

    /// <summary>The first <paramref name="k"/> distinct values of the stream's uniform draws from [0, all), sorted: a
    /// uniform k-subset (the set of the first k distinct values of an i.i.d. uniform sequence is one).</summary>
    static long[] Distinct(ref ulong ctr, long all, int k)
    {
        var set = new HashSet<long>(k);
        while (set.Count < k) set.Add(BelowLong(ref ctr, all));
        var codes = new long[k];
        set.CopyTo(codes);
        Array.Sort(codes);
        return codes;
    }

    static long BelowLong(ref ulong ctr, long n)
    {
        ulong un = (ulong)n;
        while (true)
        {
            ctr += CounterRng.Gamma;
            ulong hi = Math.BigMul(CounterRng.Mix(ctr), un, out ulong lo);
            if (lo >= un || lo >= (0UL - un) % un) return (long)hi;
        }
    }

    public override int MaxRow => _maxRow;
    public override int DrawRange => 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a set-up loop: optimised from its first call, not tier-0 code
    public override int Row(int pre, Span<int> dst, RowScratch s)
    {
        int a = _rowStart[pre], b = _rowStart[pre + 1];
        long basis = (long)pre * NumPost;
        for (int i = a; i < b; i++) dst[i - a] = (int)(_codes[i] - basis);
        return b - a;
    }
}

/// <summary>Given pairs, sorted.</summary>
internal sealed class PairRows(PairsConnector pairs) : RowSource(pairs.NumPre, pairs.NumPost)
{
    public override int MaxRow => pairs.MaxRow;
    public override int DrawRange => 0;
    public override int KnownCount(int pre) => pairs.RowStart[pre + 1] - pairs.RowStart[pre];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a set-up loop: optimised from its first call, not tier-0 code
    public override int Row(int pre, Span<int> dst, RowScratch s)
    {
        int a = pairs.RowStart[pre], b = pairs.RowStart[pre + 1];
        long basis = (long)pre * NumPost;
        for (int i = a; i < b; i++) dst[i - a] = (int)(pairs.Codes[i] - basis);
        return b - a;
    }
}
