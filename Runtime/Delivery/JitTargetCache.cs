using System;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Threading;

namespace SpikeSharp;

/// <summary>
/// The targets of every pre neuron of a JIT projection, walked once from the counter-based streams of
/// <see cref="JitConnectivity"/> (the same streams, the same targets in the same order as <see cref="JitConnectivity.Targets"/>
/// and <see cref="JitDelivery"/>) and kept pre-major: each pre's targets, block after block, in one run, so that delivery
/// adds one stored row per spike and thread instead of regenerating it, with exactly the same adds in the same order
/// (bit-identical spikes and state).
/// </summary>
/// <remarks>
/// Layout: <c>rows[pre·B + b]</c> is where the targets of (pre, block b) start and <c>rows[pre·B + b + 1]</c> where they end
/// (B blocks, <c>numIn·B + 1</c> entries), so the targets of one pre in any range of blocks [b0, b1) are one contiguous run,
/// <c>[rows[pre·B + b0], rows[pre·B + b1])</c>, and a thread that owns blocks [b0, b1) reads one pair of offsets (one cache
/// line) and one run per spike. Targets are absolute post indices: 16-bit when the projection has at most 65 536 posts,
/// else 32-bit. Threads still own whole blocks and each post gets its adds in spike order, so the result is the same for
/// every thread count. The build walks contiguous chunks of pres in parallel, every block of a pre in turn, with the
/// log-free <see cref="ClippedSkips"/> (8 draws a round, in AVX-512 vectors where available), each chunk into its region
/// of one array, and moves the regions together in pre order: the same arrays for any thread count and SIMD setting.
/// Rows are prefetched a few spikes ahead once the cache is larger than <see cref="PrefetchMinBytes"/>.
/// </remarks>
public sealed class JitTargetCache
{
    /// <summary>From this size on, delivery prefetches the row offsets 16 spikes ahead and the rows 8 spikes ahead.</summary>
    public const long PrefetchMinBytes = 2L << 20;

    const int RowAhead = 16, DataAhead = 8;

    // One array each (one object header each, so the OS can back them with huge pages; HugePages):
    readonly int[] _rows;       // numIn·B + 1 offsets: (pre, b) is [_rows[pre·B + b], _rows[pre·B + b + 1])
    readonly ushort[]? _t16;    // absolute targets (16-bit), when numOut ≤ 65 536
    readonly int[]? _t32;       // absolute targets (32-bit) otherwise
    readonly int[] _blockStart; // blocks + 1 entries
    readonly int _blocks;
    Split? _split;              // the row offsets at the block edges of one thread split, or null (KeepsSplit)
    int _released = 1; // 0 while the bytes are reserved in the budget (set by Choose)

    /// <summary>Number of pre neurons.</summary>
    public int NumIn { get; }

    /// <summary>Number of post neurons.</summary>
    public int NumOut { get; }

    /// <summary>Number of post key blocks (<see cref="JitConnectivity.BlockCount"/>).</summary>
    public int Blocks => _blocks;

    /// <summary>Connection probability.</summary>
    public double Prob { get; }

    /// <summary>Connectivity seed.</summary>
    public ulong Seed { get; }

    /// <summary>Connectivity stream family.</summary>
    public ulong StreamId { get; }

    /// <summary>Stored targets (synapses).</summary>
    public long Synapses { get; }

    /// <summary>Bytes held at construction: row offsets, the default thread split's offsets (<see cref="UseSplit"/>) and targets.</summary>
    public long Bytes { get; }

    /// <summary>Whether the build assembled a fresh exact array (too much slack, or a chunk outgrew its region) instead of
    /// moving the regions together in place (for tests).</summary>
    internal bool Assembled { get; private set; }

    /// <summary>Whether targets are stored in 16 bits (at most 65 536 posts).</summary>
    public bool Narrow => _t16 is not null;

    /// <summary>Whether a projection onto <paramref name="numOut"/> posts stores 16-bit targets.</summary>
    internal static bool IsNarrow(int numOut) => numOut <= 65_536;

    /// <summary>Time the build took.</summary>
    public TimeSpan SetupTime { get; }

    /// <summary>Whether delivery prefetches rows (default: <see cref="Bytes"/> ≥ <see cref="PrefetchMinBytes"/> and SSE there).
    /// Results do not depend on it.</summary>
    public bool PrefetchRows { get; set; }

    JitTargetCache(int numIn, int numOut, double prob, ulong seed, ulong streamId, int threads)
    {
        var sw = Stopwatch.StartNew();
        NumIn = numIn;
        NumOut = numOut;
        Prob = prob;
        Seed = seed;
        StreamId = streamId;
        int blocks = JitConnectivity.BlockCount(numOut);
        _blocks = blocks;
        _blockStart = new int[blocks + 1];
        int widest = 0;
        for (int b = 0; b <= blocks; b++)
        {
            _blockStart[b] = JitConnectivity.BlockStart(numOut, b);
            if (b > 0) widest = Math.Max(widest, _blockStart[b] - _blockStart[b - 1]);
        }
        long rowEntries = (long)blocks * numIn + 1;
        if (rowEntries > Array.MaxLength)
            throw new OutOfMemoryException($"JitTargetCache: {blocks} blocks × {numIn} pres + 1 row offsets are more than an array holds.");
        // Uninitialised (every entry is written: [pre·B + b] by the walk of pre, the last one after it) and backed by huge
        // pages where the OS offers them (start-up: a quarter of it was 4 KiB page faults; HugePages).
        _rows = GC.AllocateUninitializedArray<int>((int)rowEntries);
        HugePages.Advise(_rows);
        var skips = GeometricSkips.For(prob);
        ulong seedKey = CounterRng.SeedKey(seed, streamId);
        long bytes;
        var clipped = ClippedSkips.For(prob, Math.Max(1, widest));
        if (IsNarrow(numOut))
        {
            _t16 = Build<ushort>(seedKey, skips, clipped, threads);
            bytes = 2L * _t16.Length; // may keep ≤ 0.8 % slack
        }
        else
        {
            _t32 = Build<int>(seedKey, skips, clipped, threads);
            bytes = 4L * _t32.Length;
        }
        Synapses = _rows[rowEntries - 1];
        _split = MakeSplit(Parallelism.DeliverParts(numOut, 0));
        Bytes = bytes + 4L * rowEntries + (_split is null ? 0 : 4L * _split.Rows.Length);
        PrefetchRows = Sse.IsSupported && Bytes >= PrefetchMinBytes;
        SetupTime = sw.Elapsed;
    }

    /// <summary>Builds the cache of a projection unconditionally (no budget, no report): for tests and tools. Generated
    /// projections use <see cref="Choose(string, int, int, double, ulong, ulong, DeliveryStrategy, JitTargetCache?)"/>.</summary>
    /// <param name="numIn">Number of pre neurons.</param>
    /// <param name="numOut">Number of post neurons.</param>
    /// <param name="prob">Connection probability in (0, 1].</param>
    /// <param name="seed">Connectivity seed.</param>
    /// <param name="streamId">Connectivity stream family.</param>
    /// <param name="threads">Threads used for the build (0: <see cref="Environment.ProcessorCount"/>); the result does not depend on it.</param>
    public static JitTargetCache Build(int numIn, int numOut, double prob, ulong seed, ulong streamId, int threads = 0)
    {
        if (numIn < 0) throw new ArgumentOutOfRangeException(nameof(numIn), numIn, "JitTargetCache.Build: numIn must be ≥ 0.");
        if (numOut < 0) throw new ArgumentOutOfRangeException(nameof(numOut), numOut, "JitTargetCache.Build: numOut must be ≥ 0.");
        if (threads < 0) throw new ArgumentOutOfRangeException(nameof(threads), threads, "JitTargetCache.Build: threads must be ≥ 0.");
        JitConnectivity.SkipScale(prob); // validates prob
        return new JitTargetCache(numIn, numOut, prob, seed, streamId, threads == 0 ? Environment.ProcessorCount : threads);
    }

    /// <summary>The estimated size of the cache of a projection, before building it: row offsets (and the default thread
    /// split's, <see cref="UseSplit"/>) plus the expected synapses
    /// <c>numIn·numOut·p</c> with a margin of 6 standard deviations and 2 % (so an actual build, which keeps at most 0.8 %
    /// of slack, almost never exceeds it).</summary>
    public static long EstimateBytes(int numIn, int numOut, double prob)
    {
        int blocks = JitConnectivity.BlockCount(numOut);
        double mean = (double)numIn * numOut * prob;
        double synapses = mean * 1.02 + 6 * Math.Sqrt(mean) + 64;
        int parts = Parallelism.DeliverParts(numOut, 0);
        double split = KeepsSplit(blocks, parts) ? 4.0 * SplitEntries(numIn, parts) : 0;
        double bytes = synapses * (IsNarrow(numOut) ? 2 : 4) + 4.0 * ((double)blocks * numIn + 1.0) + split;
        return bytes >= long.MaxValue / 2 ? long.MaxValue / 2 : (long)bytes;
    }

    /// <summary>The delivery cache a projection uses for <paramref name="strategy"/>, or null to regenerate: the decision of
    /// a generated projection's constructor and <c>Delivery</c> setter, recorded in <see cref="DeliverySettings.Report"/>.
    /// <see cref="DeliveryStrategy.Auto"/> caches when the estimate, and then the actual size, fit in what is left of
    /// <see cref="DeliverySettings.CacheBudgetBytes"/>; <see cref="DeliveryStrategy.Cached"/> always builds. A
    /// <paramref name="current"/> cache of the same connectivity is kept; one no longer used is released.</summary>
    public static JitTargetCache? Choose(string projection, int numIn, int numOut, double prob, ulong seed, ulong streamId,
        DeliveryStrategy strategy, JitTargetCache? current) =>
        Choose(projection, numIn, numOut, prob, seed, streamId, strategy, current, DeliverySettings.CacheBudgetBytes);

    internal static JitTargetCache? Choose(string projection, int numIn, int numOut, double prob, ulong seed, ulong streamId,
        DeliveryStrategy strategy, JitTargetCache? current, long budget)
    {
        DeliverySettings.Validate(strategy, projection + ".Delivery");
        if (current is not null)
        {
            bool same = current.NumIn == numIn && current.NumOut == numOut && current.Prob.Equals(prob) && current.Seed == seed && current.StreamId == streamId;
            if (same && strategy != DeliveryStrategy.Regenerate) return current;
            current.Release();
        }
        long estimate = EstimateBytes(numIn, numOut, prob);
        if (strategy == DeliveryStrategy.Regenerate)
        {
            DeliverySettings.Record(new(projection, strategy, DeliveryStrategy.Regenerate, estimate, 0, 0, TimeSpan.Zero, "requested"));
            return null;
        }
        bool force = strategy == DeliveryStrategy.Cached;
        if (!DeliverySettings.TryReserve(estimate, force, budget))
        {
            DeliverySettings.Record(new(projection, strategy, DeliveryStrategy.Regenerate, estimate, 0, 0, TimeSpan.Zero,
                $"estimated {estimate} bytes do not fit: {DeliverySettings.CachedBytes} of {budget} budget bytes in use"));
            return null;
        }
        var cache = new JitTargetCache(numIn, numOut, prob, seed, streamId, Parallelism.ThreadsFor(int.MaxValue)); // Parallelism.Threads, else every core
        DeliverySettings.Release(estimate);
        if (!DeliverySettings.TryReserve(cache.Bytes, force, budget))
        {
            DeliverySettings.Record(new(projection, strategy, DeliveryStrategy.Regenerate, estimate, 0, cache.Synapses, cache.SetupTime,
                $"built {cache.Bytes} bytes do not fit: {DeliverySettings.CachedBytes} of {budget} budget bytes in use"));
            return null;
        }
        cache._released = 0;
        DeliverySettings.Record(new(projection, strategy, DeliveryStrategy.Cached, estimate, cache.Bytes, cache.Synapses, cache.SetupTime,
            force ? "requested" : "fits in the budget"));
        return cache;
    }

    /// <summary>Gives the cache's bytes back to the budget (once; also done when the cache is collected).</summary>
    void Release()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) DeliverySettings.Release(Bytes);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the cache's bytes from the budget when its projection is collected.</summary>
    ~JitTargetCache()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) DeliverySettings.Release(Bytes);
    }

    /// <summary>Walks every (pre, block) stream: one contiguous chunk of pres per part, in parallel, each chunk walking all
    /// blocks of a pre in turn (the pre's part of the stream keys once). One array from the start, cut into one region per
    /// chunk (its expected count and a margin); chunk c writes its targets into its region and each (pre, block)'s start,
    /// counted from the chunk's first target, into the row offsets; the regions are then moved together in pre order inside
    /// the array (no second copy of the targets; a chunk that outgrows its region moves to an array of its own) and each
    /// chunk's offsets shifted by where it landed. The arrays do not depend on the split.</summary>
    T[] Build<T>(ulong seedKey, GeometricSkips skips, ClippedSkips? clipped, int threads) where T : unmanaged, IBinaryInteger<T>
    {
        int numIn = NumIn, blocks = _blocks;
        // A small build (under about 2 ms of walking) runs on this thread; larger ones on the step loop's worker pool
        // (no thread-pool or TPL start-up), chunk c on part c.
        double perPre = NumOut * skips.Prob;
        int parts = perPre * numIn < 500_000 ? 1 : Math.Clamp((numIn + 255) / 256, 1, threads);
        int chunk = Math.Max(1, (numIn + parts - 1) / parts);
        int chunks = Math.Max(1, (numIn + chunk - 1) / chunk);
        var st = new Region<T>[chunks];
        long size = 0;
        for (int c = 0; c < chunks; c++)
        {
            double mean = perPre * (Math.Min(numIn, (c + 1) * chunk) - c * chunk);
            int cap = (int)Math.Clamp(RegionScale * (mean + 3 * Math.Sqrt(mean) + 64 + Round), 0, Array.MaxLength);
            st[c] = new Region<T> { Off = (int)Math.Min(Array.MaxLength, size), Lim = cap };
            size += cap;
        }
        // Every entry read is written first (targets before the offsets that cover them, regions moved together below).
        var shared = GC.AllocateUninitializedArray<T>((int)Math.Min(Array.MaxLength, size));
        HugePages.Advise(shared);
        for (int c = 0; c < chunks; c++)
        {
            st[c].Arr = shared;
            long room = (long)shared.Length - st[c].Off;
            if (st[c].Lim > room) st[c].Lim = (int)Math.Max(0, room); // past the array: the chunk grows out at once
        }
        var work = new BuildWork<T>(chunk, numIn, _blockStart, seedKey, skips, clipped, _rows, st);
        Parallelism.Run(work, chunks);
        long total = 0;
        bool inPlace = true;
        for (int c = 0; c < chunks; c++)
        {
            total += st[c].Len;
            inPlace &= ReferenceEquals(st[c].Arr, shared);
        }
        if (total > Array.MaxLength) throw new OutOfMemoryException($"JitTargetCache: {total} targets are more than an array holds.");
        T[] data;
        var bases = new int[chunks];
        if (inPlace && shared.Length - total <= total / 128 + 4) // at most 0.8 % of slack (the estimate allows 2 %): keep the array
        {
            data = shared;
            int at = 0;
            for (int c = 0; c < chunks; c++)
            {
                if (st[c].Off != at) Array.Copy(data, st[c].Off, data, at, st[c].Len); // leftwards: region c starts at or after 'at'
                bases[c] = at;
                at += st[c].Len;
            }
        }
        else // too much slack (small builds) or a chunk outgrew its region (tests): assemble an exact array
        {
            data = GC.AllocateUninitializedArray<T>((int)total);
            Assembled = true;
            int at = 0;
            for (int c = 0; c < chunks; c++)
            {
                Array.Copy(st[c].Arr, st[c].Off, data, at, st[c].Len);
                bases[c] = at;
                at += st[c].Len;
            }
        }
        // Each chunk's offsets were counted from its first target: shift them by where the chunk landed.
        for (int c = 1; c < chunks; c++)
        {
            int lo = c * chunk, hi = Math.Min(numIn, lo + chunk);
            int shift = bases[c];
            if (shift == 0) continue;
            var rows = _rows.AsSpan((int)((long)lo * blocks), (int)((long)(hi - lo) * blocks));
            for (int i = 0; i < rows.Length; i++) rows[i] += shift;
        }
        _rows[(long)numIn * blocks] = (int)total;
        return data;
    }

    /// <summary>Scales every region (1; tests set 0 so that every chunk outgrows its region).</summary>
    internal static double RegionScale { get; set; } = 1;

    /// <summary>Where one chunk writes its targets: array, region start and capacity, targets written.</summary>
    sealed class Region<T>
    {
        public T[] Arr = Array.Empty<T>();
        public int Off, Lim, Len;
    }

    /// <summary>Draws per round of the clipped walk: the round's draws are made whatever their outcome (no branch on each).</summary>
    const int Round = 8;

    sealed class BuildWork<T>(int chunk, int numIn, int[] blockStart, ulong seedKey, GeometricSkips skips, ClippedSkips? clipped,
        int[] rows, Region<T>[] st) : IParallelWork where T : unmanaged, IBinaryInteger<T>
    {
        public void Execute(int part, int parts)
        {
            for (int c = part; c < st.Length; c += parts)
            {
                int lo = c * chunk, hi = Math.Min(numIn, lo + chunk);
                var r = st[c];
                if (clipped is not null && VectorBuild) WalkChunkVector(r, lo, hi, blockStart, seedKey, clipped, rows);
                else if (clipped is not null) WalkChunkClipped(r, lo, hi, blockStart, seedKey, clipped, rows);
                else WalkChunk(r, lo, hi, blockStart, seedKey, skips, rows);
            }
        }
    }

    /// <summary>Walks the (pre, block) streams of pres [<paramref name="lo"/>, <paramref name="hi"/>), every block of a pre in
    /// turn, with the clipped skip table: <see cref="Round"/> draws at a time with no branch per draw (a draw past the block
    /// leaves the position past it, so later draws of the round add nothing; targets past the count are overwritten or
    /// dropped). A round with a draw that needs <c>Math.Log</c> is walked again exactly. The same targets as
    /// <see cref="JitConnectivity.Targets"/>; each (pre, b)'s start, counted from the chunk's first target, at
    /// <c>rows[pre·B + b]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // set-up: no tier-0 walk
    static unsafe void WalkChunkClipped<T>(Region<T> r, int lo, int hi, int[] blockStart, ulong seedKey, ClippedSkips skips, int[] rows)
        where T : unmanaged, IBinaryInteger<T>
    {
        int blocks = blockStart.Length - 1;
        int mant = skips.MantBits, low = skips.LowBits, lastRow = skips.Rows - 1;
        long slowMask = ~(skips.SlowBit - 1);
        int n = r.Len, off = r.Off, lim = r.Lim;
        T[] bb = r.Arr;
        fixed (ulong* table = &skips.TableRef)
        {
            for (int pre = lo; pre < hi; pre++)
            {
                ulong inner = CounterRng.PreKeyOfSeedKey(seedKey, (ulong)pre);
                for (int b = 0; b < blocks; b++)
                {
                    rows[(nint)pre * blocks + b] = n;
                    ulong ctr = CounterRng.StreamKeyOfPreKey(inner, (ulong)b);
                    long start = blockStart[b], end = blockStart[b + 1], pos = start;
                    while (pos < end)
                    {
                        if (lim - n < Round) { r.Len = n; bb = Grow(r, n); off = 0; lim = bb.Length; }
                        ref T dst = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(bb), off + n);
                        ulong c = ctr;
                        long q = pos;
                        long acc = 0;
                        int m = n;
                        for (int j = 0; j < Round; j++)
                        {
                            c += CounterRng.Gamma;
                            long k = ClippedSkips.Decode(ref *table, mant, low, lastRow, CounterRng.Mix(c));
                            acc |= k;
                            q += k; // past the block, it stays past: later draws of the round add nothing
                            Unsafe.Add(ref dst, j) = T.CreateTruncating(q);
                            m += q < end ? 1 : 0;
                            q++;
                        }
                        if ((acc & slowMask) != 0) // a draw of the round needs the log: the rest of this stream, exactly
                        {
                            r.Len = n;
                            n = ExactRest(r, n, ctr, pos, end, skips.Exact);
                            bb = r.Arr; off = r.Off; lim = r.Lim;
                            break;
                        }
                        ctr = c; pos = q; n = m;
                    }
                }
            }
        }
        r.Len = n;
    }

    /// <summary>The rest of a stream from counter <paramref name="ctr"/> and position <paramref name="pos"/>, one exact skip
    /// at a time (a round with a marked draw); returns the new count (the region may have moved: read it again).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static int ExactRest<T>(Region<T> r, int n, ulong ctr, long pos, long end, GeometricSkips skips)
        where T : unmanaged, IBinaryInteger<T>
    {
        T[] bb = r.Arr;
        int off = r.Off, lim = r.Lim;
        while (true)
        {
            ctr += CounterRng.Gamma;
            long skip = skips.Next(ctr);
            if (skip >= end - pos) break;
            pos += skip;
            if (n == lim) { bb = Grow(r, n); off = 0; lim = bb.Length; }
            bb[off + n++] = T.CreateTruncating(pos);
            if (++pos >= end) break;
        }
        return n;
    }

    /// <summary><see cref="WalkChunkClipped"/> with each round in vectors: the 8 draws mixed, decoded (octave by leading zeros,
    /// two 4-wide gathers) and prefix-summed into positions at once, the targets stored narrowed, the count those before the
    /// block's end. The same targets.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // set-up: no tier-0 walk
    static unsafe void WalkChunkVector<T>(Region<T> r, int lo, int hi, int[] blockStart, ulong seedKey, ClippedSkips skips, int[] rows)
        where T : unmanaged, IBinaryInteger<T>
    {
        int blocks = blockStart.Length - 1;
        int mant = skips.MantBits, low = skips.LowBits;
        var offsets = Vector512.Create(1UL, 2, 3, 4, 5, 6, 7, 8) * CounterRng.Gamma; // draw j of a round: ctr + (j + 1)·γ
        var eleven = Vector512.Create(11UL);
        var lastRow = Vector512.Create((ulong)(skips.Rows - 1));
        var mantMask = Vector512.Create((1UL << mant) - 1);
        var lowMask = Vector512.Create((1UL << low) - 1);
        var slowMask = Vector512.Create(~(ulong)(skips.SlowBit - 1));
        var one = Vector512<ulong>.One;
        var zero = Vector512<ulong>.Zero;
        int n = r.Len, off = r.Off, lim = r.Lim;
        T[] bb = r.Arr;
        fixed (ulong* table = &skips.TableRef)
        {
            for (int pre = lo; pre < hi; pre++)
            {
                ulong inner = CounterRng.PreKeyOfSeedKey(seedKey, (ulong)pre);
                for (int b = 0; b < blocks; b++)
                {
                    rows[(nint)pre * blocks + b] = n;
                    ulong ctr = CounterRng.StreamKeyOfPreKey(inner, (ulong)b);
                    long end = blockStart[b + 1], pos = blockStart[b];
                    var vEnd = Vector512.Create(end);
                    while (pos < end)
                    {
                        if (lim - n < Round) { r.Len = n; bb = Grow(r, n); off = 0; lim = bb.Length; }
                        var z = Vector512.Create(ctr) + offsets;
                        z = (z ^ Vector512.ShiftRightLogical(z, 30)) * 0xBF58476D1CE4E5B9UL; // CounterRng.Mix, 8 lanes
                        z = (z ^ Vector512.ShiftRightLogical(z, 27)) * 0x94D049BB133111EBUL;
                        z ^= Vector512.ShiftRightLogical(z, 31);
                        z = Vector512.ShiftRightLogical(z, 11); // ClippedSkips.Decode, 8 lanes
                        var o = Avx512CD.LeadingZeroCount(z) - eleven;
                        var nn = Avx512F.ShiftLeftLogicalVariable(z, o);
                        var at = (Vector512.ShiftLeft(Vector512.Min(o, lastRow), mant) + (Vector512.ShiftRightLogical(nn, low) & mantMask)).AsInt64();
                        var e = Vector512.Create(Avx2.GatherVector256(table, at.GetLower(), 8), Avx2.GatherVector256(table, at.GetUpper(), 8));
                        var k = Vector512.ShiftRightLogical(e - (nn & lowMask) - one, low);
                        if ((k & slowMask) != zero) // a draw of the round needs the log: the rest of this stream, exactly
                        {
                            r.Len = n;
                            n = ExactRest(r, n, ctr, pos, end, skips.Exact);
                            bb = r.Arr; off = r.Off; lim = r.Lim;
                            break;
                        }
                        var s = k + one; // inclusive prefix sum of skip + 1: draw j's position is pos − 1 + s[j]
                        s += Avx512F.AlignRight64(s, zero, 7);
                        s += Avx512F.AlignRight64(s, zero, 6);
                        s += Avx512F.AlignRight64(s, zero, 4);
                        var p = s.AsInt64() + Vector512.Create(pos - 1);
                        ref T dst = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(bb), off + n);
                        if (typeof(T) == typeof(ushort)) Avx512F.ConvertToVector128UInt16(p.AsUInt64()).StoreUnsafe(ref Unsafe.As<T, ushort>(ref dst));
                        else Avx512F.ConvertToVector256Int32(p).StoreUnsafe(ref Unsafe.As<T, int>(ref dst));
                        n += BitOperations.PopCount(Vector512.LessThan(p, vEnd).ExtractMostSignificantBits());
                        pos = p.GetElement(7) + 1;
                        ctr += unchecked(Round * CounterRng.Gamma);
                    }
                }
            }
        }
        r.Len = n;
    }

    /// <summary>Whether the build draws a round in one AVX-512 vector (<see cref="WalkChunkVector"/>, else <see cref="WalkChunkClipped"/>; same targets). Settable
    /// for tests.</summary>
    internal static bool VectorBuild { get; set; } = Avx512DQ.IsSupported && Avx512CD.IsSupported && Avx2.IsSupported;

    /// <summary>Moves the chunk's <paramref name="n"/> targets out of its region (full) into an array of its own, twice as
    /// large; returns it.</summary>
    static T[] Grow<T>(Region<T> r, int n)
    {
        if (n >= Array.MaxLength - Round) throw new OutOfMemoryException($"JitTargetCache: a chunk has more than {Array.MaxLength - Round} targets.");
        var a = GC.AllocateUninitializedArray<T>((int)Math.Min(Array.MaxLength, 2L * n + 64 + Round));
        Array.Copy(r.Arr, r.Off, a, 0, n);
        r.Arr = a;
        r.Off = 0;
        r.Lim = a.Length;
        return a;
    }

    /// <summary>Walks the streams of pres [<paramref name="lo"/>, <paramref name="hi"/>), every block of a pre in turn, with
    /// the exact skip table (used when no clipped table fits): the walk of <see cref="JitConnectivity.Targets"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // set-up: no tier-0 walk
    static void WalkChunk<T>(Region<T> r, int lo, int hi, int[] blockStart, ulong seedKey, GeometricSkips skips, int[] rows)
        where T : unmanaged, IBinaryInteger<T>
    {
        int blocks = blockStart.Length - 1;
        T[] bb = r.Arr;
        int n = r.Len, off = r.Off, lim = r.Lim;
        for (int pre = lo; pre < hi; pre++)
            for (int b = 0; b < blocks; b++)
            {
                rows[(nint)pre * blocks + b] = n;
                ulong ctr = CounterRng.StreamKeyOfSeedKey(seedKey, (ulong)pre, (ulong)b);
                long pos = blockStart[b], end = blockStart[b + 1];
                while (true)
                {
                    ctr += CounterRng.Gamma;
                    long skip = skips.Next(ctr);
                    if (skip >= end - pos) break;
                    pos += skip;
                    if (n == lim) { r.Len = n; bb = Grow(r, n); off = 0; lim = bb.Length; }
                    bb[off + n++] = T.CreateTruncating(pos);
                    if (++pos >= end) break;
                }
            }
        r.Len = n;
    }

    /// <summary>Writes the stored targets of <paramref name="pre"/> (increasing, absolute) into <paramref name="targets"/>;
    /// returns their count. Equal to <see cref="JitConnectivity.Targets"/> for the same projection.</summary>
    public int Targets(int pre, Span<int> targets)
    {
        if ((uint)pre >= (uint)NumIn) throw new ArgumentOutOfRangeException(nameof(pre), pre, $"JitTargetCache.Targets: pre must be in [0, {NumIn}).");
        long r = (long)pre * _blocks;
        int s = _rows[r], e = _rows[r + _blocks], n = 0;
        for (int i = s; i < e; i++) targets[n++] = _t16 is not null ? _t16[i] : _t32![i];
        return n;
    }

    /// <summary>For each spike (in order), adds <paramref name="weight"/> to <c>g[post]</c> for every stored target <c>post</c>
    /// of the spiking neuron in blocks [<paramref name="firstBlock"/>, <paramref name="endBlock"/>) (one contiguous run per
    /// spike): the same adds, in the same order per post, as
    /// <see cref="JitDelivery.AddHomo(Span{float}, ulong, ulong, Spikes, GeometricSkips, float, int, int)"/>. Allocates nothing.</summary>
    /// <exception cref="ArgumentException"><paramref name="g"/> is not <see cref="NumOut"/> long or the spikes do not cover <see cref="NumIn"/> neurons.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The block range is outside [0, <see cref="Blocks"/>).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddHomo(Span<float> g, Spikes spikes, float weight, int firstBlock, int endBlock)
    {
        if (g.Length != NumOut) throw new ArgumentException($"JitTargetCache.AddHomo: the buffer holds {g.Length} posts but numOut = {NumOut}.", nameof(g));
        if (spikes.Length != NumIn) throw new ArgumentException($"JitTargetCache.AddHomo: the spikes cover {spikes.Length} neurons but numIn = {NumIn}.", nameof(spikes));
        if (firstBlock < 0 || endBlock > _blocks || firstBlock > endBlock)
            throw new ArgumentOutOfRangeException(nameof(endBlock), $"JitTargetCache.AddHomo: blocks [{firstBlock}, {endBlock}) are outside [0, {_blocks}).");
        // Every index below is in range: spikes are in [0, NumIn) (checked by Spikes), pre·B + endBlock ≤ NumIn·B is an
        // offset entry, offsets index the targets, and targets are posts below NumOut.
        ref float g0 = ref MemoryMarshal.GetReference(g);
        ref int spk = ref spikes.IndexRef;
        ref int rows = ref RowsFor(firstBlock, endBlock, out nint stride, out nint span);
        int offset = spikes.Offset, count = spikes.Count;
        if (_t16 is not null)
        {
            ref ushort data = ref MemoryMarshal.GetArrayDataReference(_t16);
            if (!PrefetchRows || !Sse.IsSupported) Add(ref g0, ref rows, stride, span, ref data, ref spk, offset, count, weight);
            else if (stride == 2 && span == 1) AddPrefetched(ref g0, ref rows, default(PairOffsets), ref data, ref spk, offset, count, weight);
            else AddPrefetched(ref g0, ref rows, new AnyOffsets(stride, span), ref data, ref spk, offset, count, weight);
        }
        else
        {
            ref int data = ref MemoryMarshal.GetArrayDataReference(_t32!);
            if (!PrefetchRows || !Sse.IsSupported) Add(ref g0, ref rows, stride, span, ref data, ref spk, offset, count, weight);
            else if (stride == 2 && span == 1) AddPrefetched(ref g0, ref rows, default(PairOffsets), ref data, ref spk, offset, count, weight);
            else AddPrefetched(ref g0, ref rows, new AnyOffsets(stride, span), ref data, ref spk, offset, count, weight);
        }
    }

    /// <summary>Where the offsets of blocks [<paramref name="firstBlock"/>, <paramref name="endBlock"/>) of pre 0 start, and
    /// the distance between pres' (<paramref name="stride"/>) and from a run's start offset to its end offset
    /// (<paramref name="span"/>): from the thread split when both edges are split edges (a (start, end) pair per pre and
    /// part, so a spike's offsets are one aligned 8 bytes: one cache line, in a far smaller array), else from the full
    /// offsets. Both give the same runs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    ref int RowsFor(int firstBlock, int endBlock, out nint stride, out nint span)
    {
        if (_split is { } s)
        {
            int k0 = s.Edge[firstBlock], k1 = s.Edge[endBlock];
            if ((k0 | k1) >= 0 && k1 > k0)
            {
                // Start: part k0's pair of the pre; end: the second entry of part k1 − 1's pair (2·NumIn entries a part).
                stride = 2;
                span = (nint)(k1 - 1 - k0) * 2 * NumIn + 1;
                return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(s.Rows), (nint)k0 * 2 * NumIn);
            }
        }
        stride = _blocks;
        span = endBlock - firstBlock;
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_rows), firstBlock);
    }

    /// <summary>The row offsets at the block edges of delivery on <paramref name="parts"/> threads (part k owns blocks
    /// [B·k/parts, B·(k+1)/parts), as the generated projections split them), part after part: <c>rows[k·2·numIn + 2·pre]</c>
    /// is where pre's targets of part k start and <c>rows[k·2·numIn + 2·pre + 1]</c> where they end. Null when it would save
    /// little (<see cref="KeepsSplit"/>: one block, or more than B/2 parts) or not fit in an array.</summary>
    Split? MakeSplit(int parts)
    {
        int blocks = _blocks, numIn = NumIn;
        if (!KeepsSplit(blocks, parts)) return null;
        long entries = SplitEntries(numIn, parts);
        if (entries > Array.MaxLength) return null;
        var edge = new int[blocks + 1];
        Array.Fill(edge, -1);
        var first = new int[parts + 1];
        for (int k = 0; k <= parts; k++)
        {
            first[k] = (int)((long)blocks * k / parts);
            edge[first[k]] = k;
        }
        var rows = GC.AllocateUninitializedArray<int>((int)entries);
        HugePages.Advise(rows);
        ref int src = ref MemoryMarshal.GetArrayDataReference(_rows);
        ref int dst = ref MemoryMarshal.GetArrayDataReference(rows);
        for (int k = 0; k < parts; k++)
        {
            ref int d = ref Unsafe.Add(ref dst, (nint)k * 2 * numIn);
            nint b0 = first[k], b1 = first[k + 1];
            for (nint pre = 0; pre < numIn; pre++)
            {
                ref int r = ref Unsafe.Add(ref src, pre * blocks);
                Unsafe.Add(ref d, 2 * pre) = Unsafe.Add(ref r, b0);
                Unsafe.Add(ref d, 2 * pre + 1) = Unsafe.Add(ref r, b1); // b1 = B: the next pre's first offset (or the total)
            }
        }
        return new Split(parts, rows, edge);
    }

    /// <summary>Entries of the offsets of a split into <paramref name="parts"/>: a (start, end) pair per pre and part.</summary>
    static long SplitEntries(int numIn, int parts) => 2L * numIn * parts;

    /// <summary>Whether a split into <paramref name="parts"/> is kept: when its offsets (two per pre and part) are at most as
    /// many as the full ones (one per pre and block; more parts would save little and cost more memory again).</summary>
    static bool KeepsSplit(int blocks, int parts) => parts >= 1 && 2L * parts <= blocks;

    /// <summary>Keeps the row offsets of delivery on <paramref name="parts"/> threads in a small array of their own (a
    /// (start, end) pair per pre and part instead of an offset per pre and block: at 400 000 posts and 2 threads 5.1 MB
    /// instead of 20.5 MB for the excitatory projection, and each thread reads its own pairs, one line per spike). The
    /// cache does this at construction for the default split
    /// (<see cref="Parallelism.DeliverParts"/> with the projection's own <c>Threads</c> at 0); a projection that delivers on
    /// another thread count can call this once after changing it. Any block range is delivered either way, with the same
    /// adds. Kept only for at most B/2 parts (else <see cref="SplitParts"/> stays 0). Allocates; not while a delivery from
    /// this cache runs.</summary>
    /// <param name="parts">Parts in [1, <see cref="Parallelism.MaxParts"/>].</param>
    public void UseSplit(int parts)
    {
        if (parts < 1 || parts > Parallelism.MaxParts)
            throw new ArgumentOutOfRangeException(nameof(parts), parts, $"JitTargetCache.UseSplit: parts must be in [1, {Parallelism.MaxParts}].");
        if (_split?.Parts == parts) return;
        _split = MakeSplit(parts);
    }

    /// <summary>Parts of the thread split whose offsets are kept (<see cref="UseSplit"/>), or 0 when none is kept.</summary>
    public int SplitParts => _split?.Parts ?? 0;

    /// <summary>One thread split: <see cref="Rows"/>[k·2·numIn + 2·pre] and [… + 1] start and end pre's targets of part k
    /// (2·numIn·Parts entries); <see cref="Edge"/>[b] is k when block b is part k's first block (b = B·k/Parts, k ≤ Parts), else −1.</summary>
    sealed class Split(int parts, int[] rows, int[] edge)
    {
        public readonly int Parts = parts;
        public readonly int[] Rows = rows;
        public readonly int[] Edge = edge;
    }

    /// <summary>As <see cref="AddHomo"/>, each spiking pre neuron <c>i</c> adding <c>weight · scale[i]</c> (BrainPy's
    /// <c>g += W·(spike·x)</c> of an STD/STP-scaled event comm). Same order of adds per post. Allocates nothing.</summary>
    public void AddHomoScaled(Span<float> g, Spikes spikes, float weight, ReadOnlySpan<float> scale, int firstBlock, int endBlock)
    {
        if (g.Length != NumOut) throw new ArgumentException($"JitTargetCache.AddHomoScaled: the buffer holds {g.Length} posts but numOut = {NumOut}.", nameof(g));
        if (spikes.Length != NumIn) throw new ArgumentException($"JitTargetCache.AddHomoScaled: the spikes cover {spikes.Length} neurons but numIn = {NumIn}.", nameof(spikes));
        if (scale.Length != NumIn) throw new ArgumentException($"JitTargetCache.AddHomoScaled: the scale covers {scale.Length} neurons but numIn = {NumIn}.", nameof(scale));
        if (firstBlock < 0 || endBlock > _blocks || firstBlock > endBlock)
            throw new ArgumentOutOfRangeException(nameof(endBlock), $"JitTargetCache.AddHomoScaled: blocks [{firstBlock}, {endBlock}) are outside [0, {_blocks}).");
        ref float g0 = ref MemoryMarshal.GetReference(g);
        ref int spk = ref spikes.IndexRef;
        ref float sc = ref MemoryMarshal.GetReference(scale);
        ref int rows = ref RowsFor(firstBlock, endBlock, out nint stride, out nint span);
        int offset = spikes.Offset, count = spikes.Count;
        if (_t16 is not null) AddScaled(ref g0, ref rows, stride, span, ref MemoryMarshal.GetArrayDataReference(_t16), ref spk, offset, count, weight, ref sc);
        else AddScaled(ref g0, ref rows, stride, span, ref MemoryMarshal.GetArrayDataReference(_t32!), ref spk, offset, count, weight, ref sc);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    static void AddScaled<T>(ref float g, ref int rows, nint stride, nint span, ref T data, ref int spk, int offset, int count, float weight, ref float scale)
        where T : unmanaged
    {
        for (nint k = 0; k < count; k++)
        {
            nint pre = Unsafe.Add(ref spk, k) - offset;
            float w = weight * Unsafe.Add(ref scale, pre);
            ref int r = ref Unsafe.Add(ref rows, pre * stride);
            AddRun(ref g, ref data, r, Unsafe.Add(ref r, span), w);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static nint At<T>(ref T data, nint i) where T : unmanaged =>
        typeof(T) == typeof(ushort) ? Unsafe.As<T, ushort>(ref Unsafe.Add(ref data, i)) : Unsafe.As<T, int>(ref Unsafe.Add(ref data, i));

    /// <summary>g[data[i]] += w for i in [s, e), four at a time (the targets of one run are distinct posts, so the order of
    /// the adds inside a run changes no bit).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void AddRun<T>(ref float g, ref T data, nint s, nint e, float w) where T : unmanaged
    {
        nint i = s;
        for (; i <= e - 4; i += 4)
        {
            nint a0 = At(ref data, i), a1 = At(ref data, i + 1), a2 = At(ref data, i + 2), a3 = At(ref data, i + 3);
            Unsafe.Add(ref g, a0) += w;
            Unsafe.Add(ref g, a1) += w;
            Unsafe.Add(ref g, a2) += w;
            Unsafe.Add(ref g, a3) += w;
        }
        for (; i < e; i++) Unsafe.Add(ref g, At(ref data, i)) += w;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    static void Add<T>(ref float g, ref int rows, nint stride, nint span, ref T data, ref int spk, int offset, int count, float weight) where T : unmanaged
    {
        for (nint k = 0; k < count; k++)
        {
            ref int r = ref Unsafe.Add(ref rows, (Unsafe.Add(ref spk, k) - offset) * stride);
            AddRun(ref g, ref data, r, Unsafe.Add(ref r, span), weight);
        }
    }

    /// <summary><see cref="Add"/> with the row offsets of the spike <see cref="RowAhead"/> ahead and every line of the
    /// run <see cref="DataAhead"/> ahead prefetched (a prefetch never faults and changes no result). The first spikes'
    /// rows and lines are prefetched before the first add and the last ones' lines to the end, so no spike of the call
    /// waits for a miss the pipeline could have started (a step delivers each projection's spikes in one call).
    /// <typeparamref name="TOff"/> gives the offsets' stride and span: <see cref="PairOffsets"/> has them as constants (one
    /// part of the thread split, or one block of a 2-block cache: a shift instead of a multiply in each of a spike's three
    /// index computations and no spilled loop bound; the whole step at N = 400 000 on 2 threads took 0.89–0.91 of the time
    /// of the general form's, in-process A/B).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    static unsafe void AddPrefetched<T, TOff>(ref float g, ref int rows, TOff o, ref T data, ref int spk, int offset, int count, float weight)
        where T : unmanaged where TOff : struct, IOffsets
    {
        nint k = 0;
        for (nint j = 0; j < count && j < RowAhead; j++) PrefetchOffsets(ref rows, o, Unsafe.Add(ref spk, j) - offset);
        for (nint j = 0; j < count && j < DataAhead; j++) PrefetchRun(ref rows, o, ref data, Unsafe.Add(ref spk, j) - offset);
        for (; k + RowAhead < count; k++)
        {
            PrefetchOffsets(ref rows, o, Unsafe.Add(ref spk, k + RowAhead) - offset);
            PrefetchRun(ref rows, o, ref data, Unsafe.Add(ref spk, k + DataAhead) - offset);
            ref int r = ref Unsafe.Add(ref rows, (Unsafe.Add(ref spk, k) - offset) * o.Stride);
            AddRun(ref g, ref data, r, Unsafe.Add(ref r, o.Span), weight);
        }
        for (; k + DataAhead < count; k++)
        {
            PrefetchRun(ref rows, o, ref data, Unsafe.Add(ref spk, k + DataAhead) - offset);
            ref int r = ref Unsafe.Add(ref rows, (Unsafe.Add(ref spk, k) - offset) * o.Stride);
            AddRun(ref g, ref data, r, Unsafe.Add(ref r, o.Span), weight);
        }
        for (; k < count; k++)
        {
            ref int r = ref Unsafe.Add(ref rows, (Unsafe.Add(ref spk, k) - offset) * o.Stride);
            AddRun(ref g, ref data, r, Unsafe.Add(ref r, o.Span), weight);
        }
    }

    /// <summary>The stride between pres' offsets and the distance from a run's start offset to its end offset.</summary>
    interface IOffsets
    {
        nint Stride { get; }
        nint Span { get; }
    }

    /// <summary>Any stride and span (the full offsets, or a range of several parts of the split).</summary>
    readonly struct AnyOffsets(nint stride, nint span) : IOffsets
    {
        public nint Stride => stride;
        public nint Span => span;
    }

    /// <summary>A (start, end) pair per pre: stride 2, span 1, as constants.</summary>
    readonly struct PairOffsets : IOffsets
    {
        public nint Stride => 2;
        public nint Span => 1;
    }

    /// <summary>Prefetches the start and end offsets of <paramref name="pre"/>'s run (in the full offsets the end is often on the
    /// next line; a split's pair, span 1, is on the line of its start).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static unsafe void PrefetchOffsets<TOff>(ref int rows, TOff o, nint pre) where TOff : struct, IOffsets
    {
        ref int rp = ref Unsafe.Add(ref rows, pre * o.Stride);
        Sse.Prefetch0(Unsafe.AsPointer(ref rp));
        if (o.Span != 1) Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref rp, o.Span))); // a split's pair is one aligned 8 bytes: one line
    }

    /// <summary>Prefetches every line of <paramref name="pre"/>'s run of targets.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static unsafe void PrefetchRun<T, TOff>(ref int rows, TOff o, ref T data, nint pre) where T : unmanaged where TOff : struct, IOffsets
    {
        ref int ra = ref Unsafe.Add(ref rows, pre * o.Stride);
        byte* q = (byte*)((nuint)Unsafe.AsPointer(ref Unsafe.Add(ref data, ra)) & ~(nuint)63);
        byte* qe = (byte*)Unsafe.AsPointer(ref Unsafe.Add(ref data, Unsafe.Add(ref ra, o.Span)));
        for (; q < qe; q += 64) Sse.Prefetch0(q);
    }
}
