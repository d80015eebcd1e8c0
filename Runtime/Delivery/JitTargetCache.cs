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
/// and <see cref="JitDelivery"/>) and kept as one CSR per post key block: delivery then adds a stored row per spike
/// instead of regenerating it, with exactly the same adds in the same order (bit-identical spikes and state).
/// </summary>
/// <remarks>
/// Block <c>b</c> holds <c>numIn + 1</c> row offsets and its targets relative to the block's first post: 16-bit when
/// every block has at most 65 536 posts (any projection onto at most 1 048 576 neurons), else 32-bit. Threads still own
/// whole blocks, each post gets its adds in spike order, so the result is the same for every thread count. The build walks
/// contiguous chunks of pres in parallel, every block of a pre in turn, with the log-free <see cref="ClippedSkips"/> (8 draws
/// a round, in AVX-512 vectors where available), each chunk into its region of the block's array, and moves the regions
/// together in pre order: the same CSR for any thread count and SIMD setting.
/// Rows are prefetched a few spikes ahead once the cache is larger than <see cref="PrefetchMinBytes"/>.
/// </remarks>
public sealed class JitTargetCache
{
    /// <summary>From this size on, delivery prefetches the row offsets 16 spikes ahead and the rows 8 spikes ahead.</summary>
    public const long PrefetchMinBytes = 2L << 20;

    const int RowAhead = 16, DataAhead = 8;

    // One array each for all blocks (one object header each, so the OS can back them with huge pages; HugePages):
    readonly int[] _rows;       // block b's numIn + 1 offsets at [b·(numIn + 1), …), into the block's targets
    readonly ushort[]? _t16;    // targets − block start (16-bit), block b's from _dataStart[b]
    readonly int[]? _t32;       // targets − block start (32-bit), when a block is wider than 65 536
    readonly int[] _dataStart;  // per block: where its targets start in _t16 / _t32
    readonly int[] _blockStart; // blocks + 1 entries
    int _released = 1; // 0 while the bytes are reserved in the budget (set by Choose)

    /// <summary>Number of pre neurons.</summary>
    public int NumIn { get; }

    /// <summary>Number of post neurons.</summary>
    public int NumOut { get; }

    /// <summary>Number of post key blocks (<see cref="JitConnectivity.BlockCount"/>).</summary>
    public int Blocks => _dataStart.Length;

    /// <summary>Connection probability.</summary>
    public double Prob { get; }

    /// <summary>Connectivity seed.</summary>
    public ulong Seed { get; }

    /// <summary>Connectivity stream family.</summary>
    public ulong StreamId { get; }

    /// <summary>Stored targets (synapses).</summary>
    public long Synapses { get; }

    /// <summary>Bytes held: row offsets plus targets.</summary>
    public long Bytes { get; }

    /// <summary>Whether the build assembled a fresh exact array (too much slack, or a chunk outgrew its region) instead of
    /// moving the regions together in place (for tests).</summary>
    internal bool Assembled { get; private set; }

    /// <summary>Whether targets are stored in 16 bits.</summary>
    public bool Narrow => _t16 is not null;

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
        _blockStart = new int[blocks + 1];
        int widest = 0;
        for (int b = 0; b <= blocks; b++)
        {
            _blockStart[b] = JitConnectivity.BlockStart(numOut, b);
            if (b > 0) widest = Math.Max(widest, _blockStart[b] - _blockStart[b - 1]);
        }
        long rowEntries = (long)blocks * (numIn + 1L);
        if (rowEntries > Array.MaxLength)
            throw new OutOfMemoryException($"JitTargetCache: {blocks} blocks × {numIn + 1L} row offsets are more than an array holds.");
        // Uninitialised (every entry is written: each block's [0] here, [pre + 1] by the walk of pre) and backed by huge
        // pages where the OS offers them (start-up: a quarter of it was 4 KiB page faults; HugePages).
        _rows = GC.AllocateUninitializedArray<int>((int)rowEntries);
        HugePages.Advise(_rows);
        for (int b = 0; b < blocks; b++) _rows[(long)b * (numIn + 1)] = 0;
        _dataStart = new int[blocks];
        var skips = GeometricSkips.For(prob);
        ulong seedKey = CounterRng.SeedKey(seed, streamId);
        long synapses = 0, bytes = 0;
        var clipped = ClippedSkips.For(prob, Math.Max(1, widest));
        if (widest <= 65_536)
        {
            _t16 = Build<ushort>(seedKey, skips, clipped, threads);
            bytes = 2L * _t16.Length; // may keep ≤ 0.8 % slack
        }
        else
        {
            _t32 = Build<int>(seedKey, skips, clipped, threads);
            bytes = 4L * _t32.Length;
        }
        for (int b = 0; b < blocks; b++) synapses += _rows[(long)b * (numIn + 1) + numIn];
        Synapses = synapses;
        Bytes = bytes + 4L * rowEntries;
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

    /// <summary>The estimated size of the cache of a projection, before building it: row offsets plus the expected synapses
    /// <c>numIn·numOut·p</c> with a margin of 6 standard deviations and 2 % (so an actual build, which keeps at most 0.8 %
    /// of slack, almost never exceeds it).</summary>
    public static long EstimateBytes(int numIn, int numOut, double prob)
    {
        int blocks = JitConnectivity.BlockCount(numOut);
        int widest = 0;
        for (int b = 0; b < blocks; b++)
            widest = Math.Max(widest, JitConnectivity.BlockStart(numOut, b + 1) - JitConnectivity.BlockStart(numOut, b));
        double mean = (double)numIn * numOut * prob;
        double synapses = mean * 1.02 + 6 * Math.Sqrt(mean) + 64;
        double bytes = synapses * (widest <= 65_536 ? 2 : 4) + 4.0 * blocks * (numIn + 1.0);
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
    /// blocks of a pre in turn (the pre's part of the stream keys once). Each block has one array from the start, cut into
    /// one region per chunk (its expected count and a margin); chunk c writes its targets into its region, and the regions
    /// are then moved together in pre order, inside the array (no second copy of the targets; a chunk that outgrows its
    /// region moves to an array of its own). The CSR does not depend on the split.</summary>
    T[] Build<T>(ulong seedKey, GeometricSkips skips, ClippedSkips? clipped, int threads) where T : unmanaged, IBinaryInteger<T>
    {
        int numIn = NumIn, blocks = _blockStart.Length - 1, stride = numIn + 1;
        // A small build (under about 2 ms of walking) runs on this thread; larger ones on the step loop's worker pool
        // (no thread-pool or TPL start-up), chunk c on part c.
        double perPre = NumOut * skips.Prob;
        int parts = perPre * numIn < 500_000 ? 1 : Math.Clamp((numIn + 255) / 256, 1, threads);
        int chunk = Math.Max(1, (numIn + parts - 1) / parts);
        int chunks = Math.Max(1, (numIn + chunk - 1) / chunk);
        var st = new Regions<T>[chunks];
        for (int c = 0; c < chunks; c++) st[c] = new Regions<T>(blocks);
        // One array for every block (block b's regions from blockBase[b]), so that it is one run of huge pages.
        var blockBase = new long[blocks + 1];
        long size = 0;
        for (int b = 0; b < blocks; b++)
        {
            blockBase[b] = size;
            double width = (double)(_blockStart[b + 1] - _blockStart[b]) * skips.Prob;
            for (int c = 0; c < chunks; c++)
            {
                double mean = width * (Math.Min(numIn, (c + 1) * chunk) - c * chunk);
                int cap = (int)Math.Clamp(RegionScale * (mean + 3 * Math.Sqrt(mean) + 64 + Round), 0, Array.MaxLength);
                st[c].Off[b] = (int)Math.Min(Array.MaxLength, size);
                st[c].Lim[b] = cap;
                size += cap;
            }
        }
        blockBase[blocks] = size;
        // Every entry read is written first (targets before the count, regions moved together below).
        var shared = GC.AllocateUninitializedArray<T>((int)Math.Min(Array.MaxLength, size));
        HugePages.Advise(shared);
        for (int b = 0; b < blocks; b++)
            for (int c = 0; c < chunks; c++)
            {
                st[c].Arr[b] = shared;
                long room = Math.Min(blockBase[b + 1], shared.Length) - st[c].Off[b];
                if (st[c].Lim[b] > room) st[c].Lim[b] = (int)Math.Max(0, room); // past the array: the chunk grows out at once
            }
        var work = new BuildWork<T>(chunk, numIn, _blockStart, seedKey, skips, clipped, _rows, st);
        Parallelism.Run(work, chunks);
        long total = 0;
        bool inPlace = true;
        for (int b = 0; b < blocks; b++)
            for (int c = 0; c < chunks; c++)
            {
                total += st[c].Len[b];
                inPlace &= ReferenceEquals(st[c].Arr[b], shared);
            }
        if (total > Array.MaxLength) throw new OutOfMemoryException($"JitTargetCache: {total} targets are more than an array holds.");
        T[] data;
        if (inPlace && shared.Length - total <= total / 128 + 4) // at most 0.8 % of slack (the estimate allows 2 %): keep the array
        {
            data = shared;
            for (int b = 0; b < blocks; b++)
            {
                int at = st[0].Off[b] + st[0].Len[b]; // region 0 of block b starts at blockBase[b]
                _dataStart[b] = st[0].Off[b];
                for (int c = 1; c < chunks; c++)
                {
                    Array.Copy(data, st[c].Off[b], data, at, st[c].Len[b]); // leftwards: region c starts at or after 'at'
                    at += st[c].Len[b];
                }
            }
        }
        else // too much slack (small builds) or a chunk outgrew its region (tests): assemble an exact array
        {
            data = GC.AllocateUninitializedArray<T>((int)total);
            Assembled = true;
            int at = 0;
            for (int b = 0; b < blocks; b++)
            {
                _dataStart[b] = at;
                for (int c = 0; c < chunks; c++)
                {
                    Array.Copy(st[c].Arr[b], st[c].Off[b], data, at, st[c].Len[b]);
                    at += st[c].Len[b];
                }
            }
        }
        for (int b = 0; b < blocks; b++) // counts at [pre + 1], prefix-summed
        {
            var rows = _rows.AsSpan((int)((long)b * stride), stride);
            for (int pre = 0; pre < numIn; pre++) rows[pre + 1] += rows[pre];
        }
        return data;
    }

    /// <summary>Scales every region (1; tests set 0 so that every chunk outgrows its region).</summary>
    internal static double RegionScale { get; set; } = 1;

    /// <summary>Where one chunk writes each block's targets: array, region start and capacity, targets written.</summary>
    sealed class Regions<T>(int blocks)
    {
        public readonly T[][] Arr = new T[blocks][];
        public readonly int[] Off = new int[blocks], Lim = new int[blocks], Len = new int[blocks];
    }

    /// <summary>Draws per round of the clipped walk: the round's draws are made whatever their outcome (no branch on each).</summary>
    const int Round = 8;

    sealed class BuildWork<T>(int chunk, int numIn, int[] blockStart, ulong seedKey, GeometricSkips skips, ClippedSkips? clipped,
        int[] counts, Regions<T>[] st) : IParallelWork where T : unmanaged, IBinaryInteger<T>
    {
        public void Execute(int part, int parts)
        {
            int blocks = blockStart.Length - 1;
            for (int c = part; c < st.Length; c += parts)
            {
                int lo = c * chunk, hi = Math.Min(numIn, lo + chunk);
                var r = st[c];
                if (clipped is not null && VectorBuild) WalkChunkVector(r, lo, hi, blockStart, seedKey, clipped, counts);
                else if (clipped is not null) WalkChunkClipped(r, lo, hi, blockStart, seedKey, clipped, counts);
                else for (int b = 0; b < blocks; b++) WalkChunk(r, lo, hi, b, blockStart[b], blockStart[b + 1], seedKey, skips, counts, (nint)b * (numIn + 1));
            }
        }
    }

    /// <summary>Walks the (pre, block) streams of pres [<paramref name="lo"/>, <paramref name="hi"/>), every block of a pre in
    /// turn, with the clipped skip table: <see cref="Round"/> draws at a time with no branch per draw (a draw past the block
    /// leaves the position past it, so later draws of the round add nothing; targets past the count are overwritten or
    /// dropped). A round with a draw that needs <c>Math.Log</c> is walked again exactly. The same targets as
    /// <see cref="JitConnectivity.Targets"/>; each pre's count at <c>counts[b·(numIn + 1) + pre + 1]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // set-up: no tier-0 walk
    static unsafe void WalkChunkClipped<T>(Regions<T> r, int lo, int hi, int[] blockStart, ulong seedKey, ClippedSkips skips, int[] counts)
        where T : unmanaged, IBinaryInteger<T>
    {
        int blocks = r.Arr.Length, stride = counts.Length / blocks; // counts: blocks × (numIn + 1) row entries
        int mant = skips.MantBits, low = skips.LowBits, lastRow = skips.Rows - 1;
        long slowMask = ~(skips.SlowBit - 1);
        fixed (ulong* table = &skips.TableRef)
        {
            for (int pre = lo; pre < hi; pre++)
            {
                ulong inner = CounterRng.PreKeyOfSeedKey(seedKey, (ulong)pre);
                for (int b = 0; b < blocks; b++)
                {
                    ulong ctr = CounterRng.StreamKeyOfPreKey(inner, (ulong)b);
                    long start = blockStart[b], end = blockStart[b + 1], pos = start;
                    int n = r.Len[b], first = n, off = r.Off[b], lim = r.Lim[b];
                    T[] bb = r.Arr[b];
                    while (pos < end)
                    {
                        if (lim - n < Round) { bb = Grow(r, b, n); off = 0; lim = bb.Length; }
                        ref T dst = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(bb), off + n);
                        ulong c = ctr;
                        long q = pos, acc = 0;
                        int m = n;
                        for (int j = 0; j < Round; j++)
                        {
                            c += CounterRng.Gamma;
                            long k = ClippedSkips.Decode(ref *table, mant, low, lastRow, CounterRng.Mix(c));
                            acc |= k;
                            q += k; // past the block, it stays past: later draws of the round add nothing
                            Unsafe.Add(ref dst, j) = T.CreateTruncating(q - start);
                            m += q < end ? 1 : 0;
                            q++;
                        }
                        if ((acc & slowMask) != 0) // a draw of the round needs the log: the rest of this stream, exactly
                        {
                            n = ExactRest(r, b, n, ctr, pos, start, end, skips.Exact);
                            break;
                        }
                        ctr = c; pos = q; n = m;
                    }
                    r.Len[b] = n;
                    counts[(nint)b * stride + pre + 1] = n - first;
                }
            }
        }
    }

    /// <summary>The rest of a stream from counter <paramref name="ctr"/> and position <paramref name="pos"/>, one exact skip
    /// at a time (a round with a marked draw); returns the new count.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static int ExactRest<T>(Regions<T> r, int b, int n, ulong ctr, long pos, long start, long end, GeometricSkips skips)
        where T : unmanaged, IBinaryInteger<T>
    {
        T[] bb = r.Arr[b];
        int off = r.Off[b], lim = r.Lim[b];
        while (true)
        {
            ctr += CounterRng.Gamma;
            long skip = skips.Next(ctr);
            if (skip >= end - pos) break;
            pos += skip;
            if (n == lim) { bb = Grow(r, b, n); off = 0; lim = bb.Length; }
            bb[off + n++] = T.CreateTruncating(pos - start);
            if (++pos >= end) break;
        }
        return n;
    }

    /// <summary><see cref="WalkChunkClipped"/> with each round in vectors: the 8 draws mixed, decoded (octave by leading zeros,
    /// two 4-wide gathers) and prefix-summed into positions at once, the targets stored narrowed, the count those before the
    /// block's end. The same targets.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // set-up: no tier-0 walk
    static unsafe void WalkChunkVector<T>(Regions<T> r, int lo, int hi, int[] blockStart, ulong seedKey, ClippedSkips skips, int[] counts)
        where T : unmanaged, IBinaryInteger<T>
    {
        int blocks = r.Arr.Length, stride = counts.Length / blocks; // counts: blocks × (numIn + 1) row entries
        int mant = skips.MantBits, low = skips.LowBits;
        var offsets = Vector512.Create(1UL, 2, 3, 4, 5, 6, 7, 8) * CounterRng.Gamma; // draw j of a round: ctr + (j + 1)·γ
        var eleven = Vector512.Create(11UL);
        var lastRow = Vector512.Create((ulong)(skips.Rows - 1));
        var mantMask = Vector512.Create((1UL << mant) - 1);
        var lowMask = Vector512.Create((1UL << low) - 1);
        var slowMask = Vector512.Create(~(ulong)(skips.SlowBit - 1));
        var one = Vector512<ulong>.One;
        var zero = Vector512<ulong>.Zero;
        fixed (ulong* table = &skips.TableRef)
        {
            for (int pre = lo; pre < hi; pre++)
            {
                ulong inner = CounterRng.PreKeyOfSeedKey(seedKey, (ulong)pre);
                for (int b = 0; b < blocks; b++)
                {
                    ulong ctr = CounterRng.StreamKeyOfPreKey(inner, (ulong)b);
                    long start = blockStart[b], end = blockStart[b + 1], pos = start;
                    int n = r.Len[b], first = n, off = r.Off[b], lim = r.Lim[b];
                    T[] bb = r.Arr[b];
                    var vStart = Vector512.Create(start);
                    var vEnd = Vector512.Create(end);
                    while (pos < end)
                    {
                        if (lim - n < Round) { bb = Grow(r, b, n); off = 0; lim = bb.Length; }
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
                            n = ExactRest(r, b, n, ctr, pos, start, end, skips.Exact);
                            break;
                        }
                        var s = k + one; // inclusive prefix sum of skip + 1: draw j's position is pos − 1 + s[j]
                        s += Avx512F.AlignRight64(s, zero, 7);
                        s += Avx512F.AlignRight64(s, zero, 6);
                        s += Avx512F.AlignRight64(s, zero, 4);
                        var p = s.AsInt64() + Vector512.Create(pos - 1);
                        ref T dst = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(bb), off + n);
                        if (typeof(T) == typeof(ushort)) Avx512F.ConvertToVector128UInt16((p - vStart).AsUInt64()).StoreUnsafe(ref Unsafe.As<T, ushort>(ref dst));
                        else Avx512F.ConvertToVector256Int32(p - vStart).StoreUnsafe(ref Unsafe.As<T, int>(ref dst));
                        n += BitOperations.PopCount(Vector512.LessThan(p, vEnd).ExtractMostSignificantBits());
                        pos = p.GetElement(7) + 1;
                        ctr += unchecked(Round * CounterRng.Gamma);
                    }
                    r.Len[b] = n;
                    counts[(nint)b * stride + pre + 1] = n - first;
                }
            }
        }
    }

    /// <summary>Whether the build draws a round in one AVX-512 vector (<see cref="WalkChunkVector"/>, else <see cref="WalkChunkClipped"/>; same targets). Settable
    /// for tests.</summary>
    internal static bool VectorBuild { get; set; } = Avx512DQ.IsSupported && Avx512CD.IsSupported && Avx2.IsSupported;

    /// <summary>Moves chunk <paramref name="r"/>'s <paramref name="n"/> targets of block <paramref name="b"/> out of its region
    /// (full) into an array of its own, twice as large; returns it.</summary>
    static T[] Grow<T>(Regions<T> r, int b, int n)
    {
        if (n >= Array.MaxLength - Round) throw new OutOfMemoryException($"JitTargetCache: block {b} has more than {Array.MaxLength - Round} targets.");
        var a = GC.AllocateUninitializedArray<T>((int)Math.Min(Array.MaxLength, 2L * n + 64 + Round));
        Array.Copy(r.Arr[b], r.Off[b], a, 0, n);
        r.Arr[b] = a;
        r.Off[b] = 0;
        r.Lim[b] = a.Length;
        return a;
    }

    /// <summary>Walks the (pre, block <paramref name="b"/>) streams of pres [<paramref name="lo"/>, <paramref name="hi"/>) into
    /// the chunk's region of block b (moved out when full), writing each pre's count at <c>counts[pre + 1]</c>.
    /// The walk of <see cref="JitConnectivity.Targets"/>, with the exact skip table (used when no clipped table fits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // set-up: no tier-0 walk
    static void WalkChunk<T>(Regions<T> r, int lo, int hi, int b, int start, int end, ulong seedKey, GeometricSkips skips, int[] counts, nint rowOff)
        where T : unmanaged, IBinaryInteger<T>
    {
        T[] bb = r.Arr[b];
        int n = r.Len[b], off = r.Off[b], lim = r.Lim[b];
        for (int pre = lo; pre < hi; pre++)
        {
            int first = n;
            ulong ctr = CounterRng.StreamKeyOfSeedKey(seedKey, (ulong)pre, (ulong)b);
            long pos = start;
            while (true)
            {
                ctr += CounterRng.Gamma;
                long skip = skips.Next(ctr);
                if (skip >= end - pos) break;
                pos += skip;
                if (n == lim) { bb = Grow(r, b, n); off = 0; lim = bb.Length; }
                bb[off + n++] = T.CreateTruncating(pos - start);
                if (++pos >= end) break;
            }
            counts[rowOff + pre + 1] = n - first;
        }
        r.Len[b] = n;
    }

    /// <summary>Writes the stored targets of <paramref name="pre"/> (increasing, absolute) into <paramref name="targets"/>;
    /// returns their count. Equal to <see cref="JitConnectivity.Targets"/> for the same projection.</summary>
    public int Targets(int pre, Span<int> targets)
    {
        if ((uint)pre >= (uint)NumIn) throw new ArgumentOutOfRangeException(nameof(pre), pre, $"JitTargetCache.Targets: pre must be in [0, {NumIn}).");
        int n = 0;
        for (int b = 0; b < Blocks; b++)
        {
            long r = (long)b * (NumIn + 1) + pre;
            int s = _rows[r], e = _rows[r + 1], d = _dataStart[b];
            for (int i = s; i < e; i++) targets[n++] = _blockStart[b] + (_t16 is not null ? _t16[d + i] : _t32![d + i]);
        }
        return n;
    }

    /// <summary>For each spike (in order) and each block in [<paramref name="firstBlock"/>, <paramref name="endBlock"/>),
    /// adds <paramref name="weight"/> to <c>g[post]</c> for every stored target <c>post</c> of the spiking neuron in that block:
    /// the same adds, in the same order, as <see cref="JitDelivery.AddHomo(Span{float}, ulong, ulong, Spikes, GeometricSkips, float, int, int)"/>.
    /// Allocates nothing.</summary>
    /// <exception cref="ArgumentException"><paramref name="g"/> is not <see cref="NumOut"/> long or the spikes do not cover <see cref="NumIn"/> neurons.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The block range is outside [0, <see cref="Blocks"/>).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddHomo(Span<float> g, Spikes spikes, float weight, int firstBlock, int endBlock)
    {
        if (g.Length != NumOut) throw new ArgumentException($"JitTargetCache.AddHomo: the buffer holds {g.Length} posts but numOut = {NumOut}.", nameof(g));
        if (spikes.Length != NumIn) throw new ArgumentException($"JitTargetCache.AddHomo: the spikes cover {spikes.Length} neurons but numIn = {NumIn}.", nameof(spikes));
        if (firstBlock < 0 || endBlock > Blocks || firstBlock > endBlock)
            throw new ArgumentOutOfRangeException(nameof(endBlock), $"JitTargetCache.AddHomo: blocks [{firstBlock}, {endBlock}) are outside [0, {Blocks}).");
        // Every index below is in range: spikes are in [0, NumIn) (checked by Spikes), rows have NumIn + 1 offsets into
        // their block's targets, and targets are below the block's width.
        ref float g0 = ref MemoryMarshal.GetReference(g);
        ref int spk = ref spikes.IndexRef;
        int offset = spikes.Offset, count = spikes.Count;
        bool prefetch = PrefetchRows && Sse.IsSupported;
        for (int b = firstBlock; b < endBlock; b++)
        {
            ref float gb = ref Unsafe.Add(ref g0, _blockStart[b]);
            ref int rows = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_rows), (nint)b * (NumIn + 1));
            if (_t16 is not null)
            {
                ref ushort data = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_t16), _dataStart[b]);
                if (prefetch) AddPrefetched(ref gb, ref rows, ref data, ref spk, offset, count, weight);
                else Add(ref gb, ref rows, ref data, ref spk, offset, count, weight);
            }
            else
            {
                ref int data = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_t32!), _dataStart[b]);
                if (prefetch) AddPrefetched(ref gb, ref rows, ref data, ref spk, offset, count, weight);
                else Add(ref gb, ref rows, ref data, ref spk, offset, count, weight);
            }
        }
    }

    /// <summary>As <see cref="AddHomo"/>, each spiking pre neuron <c>i</c> adding <c>weight · scale[i]</c> (BrainPy's
    /// <c>g += W·(spike·x)</c> of an STD/STP-scaled event comm). Same order of adds per post. Allocates nothing.</summary>
    public void AddHomoScaled(Span<float> g, Spikes spikes, float weight, ReadOnlySpan<float> scale, int firstBlock, int endBlock)
    {
        if (g.Length != NumOut) throw new ArgumentException($"JitTargetCache.AddHomoScaled: the buffer holds {g.Length} posts but numOut = {NumOut}.", nameof(g));
        if (spikes.Length != NumIn) throw new ArgumentException($"JitTargetCache.AddHomoScaled: the spikes cover {spikes.Length} neurons but numIn = {NumIn}.", nameof(spikes));
        if (scale.Length != NumIn) throw new ArgumentException($"JitTargetCache.AddHomoScaled: the scale covers {scale.Length} neurons but numIn = {NumIn}.", nameof(scale));
        if (firstBlock < 0 || endBlock > Blocks || firstBlock > endBlock)
            throw new ArgumentOutOfRangeException(nameof(endBlock), $"JitTargetCache.AddHomoScaled: blocks [{firstBlock}, {endBlock}) are outside [0, {Blocks}).");
        ref float g0 = ref MemoryMarshal.GetReference(g);
        ref int spk = ref spikes.IndexRef;
        ref float sc = ref MemoryMarshal.GetReference(scale);
        int offset = spikes.Offset, count = spikes.Count;
        for (int b = firstBlock; b < endBlock; b++)
        {
            ref float gb = ref Unsafe.Add(ref g0, _blockStart[b]);
            ref int rows = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_rows), (nint)b * (NumIn + 1));
            if (_t16 is not null) AddScaled(ref gb, ref rows, ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_t16), _dataStart[b]), ref spk, offset, count, weight, ref sc);
            else AddScaled(ref gb, ref rows, ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_t32!), _dataStart[b]), ref spk, offset, count, weight, ref sc);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    static void AddScaled<T>(ref float gb, ref int rows, ref T data, ref int spk, int offset, int count, float weight, ref float scale) where T : unmanaged
    {
        for (nint k = 0; k < count; k++)
        {
            nint pre = Unsafe.Add(ref spk, k) - offset;
            float w = weight * Unsafe.Add(ref scale, pre);
            nint s = Unsafe.Add(ref rows, pre), e = Unsafe.Add(ref rows, pre + 1);
            for (nint i = s; i < e; i++) Unsafe.Add(ref gb, At(ref data, i)) += w;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static nint At<T>(ref T data, nint i) where T : unmanaged =>
        typeof(T) == typeof(ushort) ? Unsafe.As<T, ushort>(ref Unsafe.Add(ref data, i)) : Unsafe.As<T, int>(ref Unsafe.Add(ref data, i));

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    static void Add<T>(ref float gb, ref int rows, ref T data, ref int spk, int offset, int count, float weight) where T : unmanaged
    {
        for (nint k = 0; k < count; k++)
        {
            nint pre = Unsafe.Add(ref spk, k) - offset;
            nint s = Unsafe.Add(ref rows, pre), e = Unsafe.Add(ref rows, pre + 1);
            for (nint i = s; i < e; i++) Unsafe.Add(ref gb, At(ref data, i)) += weight;
        }
    }

    /// <summary><see cref="Add"/> with the row offsets of the spike <see cref="RowAhead"/> ahead and the first line of the row
    /// <see cref="DataAhead"/> ahead prefetched (a prefetch never faults and changes no result).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    static unsafe void AddPrefetched<T>(ref float gb, ref int rows, ref T data, ref int spk, int offset, int count, float weight) where T : unmanaged
    {
        nint k = 0;
        for (; k + RowAhead < count; k++)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref rows, Unsafe.Add(ref spk, k + RowAhead) - offset)));
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref data, Unsafe.Add(ref rows, Unsafe.Add(ref spk, k + DataAhead) - offset))));
            nint pre = Unsafe.Add(ref spk, k) - offset;
            nint s = Unsafe.Add(ref rows, pre), e = Unsafe.Add(ref rows, pre + 1);
            for (nint i = s; i < e; i++) Unsafe.Add(ref gb, At(ref data, i)) += weight;
        }
        for (; k < count; k++)
        {
            nint pre = Unsafe.Add(ref spk, k) - offset;
            nint s = Unsafe.Add(ref rows, pre), e = Unsafe.Add(ref rows, pre + 1);
            for (nint i = s; i < e; i++) Unsafe.Add(ref gb, At(ref data, i)) += weight;
        }
    }
}
