using System;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
/// block after block, pre chunks in parallel, and concatenates the chunks in pre order: the same CSR for any thread count.
/// Rows are prefetched a few spikes ahead once the cache is larger than <see cref="PrefetchMinBytes"/>.
/// </remarks>
public sealed class JitTargetCache
{
    /// <summary>From this size on, delivery prefetches the row offsets 16 spikes ahead and the rows 8 spikes ahead.</summary>
    public const long PrefetchMinBytes = 2L << 20;

    const int RowAhead = 16, DataAhead = 8;

    readonly int[][] _rows;     // per block: numIn + 1 offsets into the block's targets
    readonly ushort[][]? _t16;  // per block: targets − block start (16-bit)
    readonly int[][]? _t32;     // per block: targets − block start (32-bit), when a block is wider than 65 536
    readonly int[] _blockStart; // blocks + 1 entries
    int _released = 1; // 0 while the bytes are reserved in the budget (set by Choose)

    /// <summary>Number of pre neurons.</summary>
    public int NumIn { get; }

    /// <summary>Number of post neurons.</summary>
    public int NumOut { get; }

    /// <summary>Number of post key blocks (<see cref="JitConnectivity.BlockCount"/>).</summary>
    public int Blocks => _rows.Length;

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
        _rows = new int[blocks][];
        var skips = GeometricSkips.For(prob);
        ulong seedKey = CounterRng.SeedKey(seed, streamId);
        long synapses = 0, bytes = 0;
        if (widest <= 65_536)
        {
            _t16 = new ushort[blocks][];
            for (int b = 0; b < blocks; b++)
            {
                _t16[b] = BuildBlock<ushort>(b, seedKey, skips, threads, out _rows[b]);
                synapses += _t16[b].Length;
                bytes += 2L * _t16[b].Length;
            }
        }
        else
        {
            _t32 = new int[blocks][];
            for (int b = 0; b < blocks; b++)
            {
                _t32[b] = BuildBlock<int>(b, seedKey, skips, threads, out _rows[b]);
                synapses += _t32[b].Length;
                bytes += 4L * _t32[b].Length;
            }
        }
        Synapses = synapses;
        Bytes = bytes + 4L * blocks * (numIn + 1L);
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
    /// <c>numIn·numOut·p</c> with a margin of 6 standard deviations and 1 % (so an actual build almost never exceeds it).</summary>
    public static long EstimateBytes(int numIn, int numOut, double prob)
    {
        int blocks = JitConnectivity.BlockCount(numOut);
        int widest = 0;
        for (int b = 0; b < blocks; b++)
            widest = Math.Max(widest, JitConnectivity.BlockStart(numOut, b + 1) - JitConnectivity.BlockStart(numOut, b));
        double mean = (double)numIn * numOut * prob;
        double synapses = mean * 1.01 + 6 * Math.Sqrt(mean) + 64;
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

    /// <summary>Walks the streams of block <paramref name="b"/> for every pre: chunks of pres in parallel, each into its
    /// own buffer, then concatenated in pre order (so the CSR does not depend on the scheduling).</summary>
    T[] BuildBlock<T>(int b, ulong seedKey, GeometricSkips skips, int threads, out int[] rows) where T : unmanaged, IBinaryInteger<T>
    {
        int numIn = NumIn, start = _blockStart[b], end = _blockStart[b + 1];
        rows = new int[numIn + 1];
        int chunk = Math.Max(256, (numIn + 4 * threads - 1) / Math.Max(1, 4 * threads));
        int chunks = (numIn + chunk - 1) / chunk;
        var bufs = new T[chunks][];
        var lens = new int[chunks];
        double perPre = (double)(end - start) * skips.Prob;
        var counts = rows; // counts at [pre + 1], prefix-summed below
        // A small block (under about 2 ms of walking) is built on this thread; larger ones on the step loop's worker pool
        // (no thread-pool or TPL start-up), chunk c on part c mod parts: each chunk into its own buffer, whatever the split.
        var work = new BuildWork<T>(chunk, numIn, b, start, end, seedKey, skips, counts, bufs, lens, perPre);
        Parallelism.Run(work, perPre * numIn < 500_000 ? 1 : Math.Min(threads, chunks));
        long total = 0;
        for (int c = 0; c < chunks; c++) total += lens[c];
        if (total > Array.MaxLength) throw new OutOfMemoryException($"JitTargetCache: block {b} has {total} targets, more than an array holds.");
        var data = GC.AllocateUninitializedArray<T>((int)total); // filled below, entry by entry
        int at = 0;
        for (int c = 0; c < chunks; c++)
        {
            bufs[c].AsSpan(0, lens[c]).CopyTo(data.AsSpan(at));
            at += lens[c];
            bufs[c] = null!;
        }
        for (int pre = 0; pre < numIn; pre++) rows[pre + 1] += rows[pre];
        return data;
    }

    sealed class BuildWork<T>(int chunk, int numIn, int b, int start, int end, ulong seedKey, GeometricSkips skips, int[] counts,
        T[][] bufs, int[] lens, double perPre) : IParallelWork where T : unmanaged, IBinaryInteger<T>
    {
        public void Execute(int part, int parts)
        {
            for (int c = part; c < bufs.Length; c += parts)
            {
                int lo = c * chunk, hi = Math.Min(numIn, lo + chunk);
                double mean = perPre * (hi - lo);
                var buf = GC.AllocateUninitializedArray<T>((int)Math.Min(Array.MaxLength, mean * 1.02 + 6 * Math.Sqrt(mean) + 64)); // every read entry is written
                lens[c] = WalkChunk(ref buf, lo, hi, b, start, end, seedKey, skips, counts);
                bufs[c] = buf;
            }
        }
    }

    /// <summary>Walks the (pre, block <paramref name="b"/>) streams of pres [<paramref name="lo"/>, <paramref name="hi"/>) into
    /// <paramref name="buf"/> (grown as needed), writing each pre's count at <c>counts[pre + 1]</c>; returns the targets written.
    /// The walk of <see cref="JitConnectivity.Targets"/>, with the exact skip table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // set-up: no tier-0 walk
    static int WalkChunk<T>(ref T[] buf, int lo, int hi, int b, int start, int end, ulong seedKey, GeometricSkips skips, int[] counts)
        where T : unmanaged, IBinaryInteger<T>
    {
        int n = 0;
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
                if (n == buf.Length)
                {
                    if (n == Array.MaxLength) throw new OutOfMemoryException($"JitTargetCache: block {b} has more than {Array.MaxLength} targets.");
                    Array.Resize(ref buf, (int)Math.Min(Array.MaxLength, 2L * n + 64));
                }
                buf[n++] = T.CreateTruncating(pos - start);
                if (++pos >= end) break;
            }
            counts[pre + 1] = n - first;
        }
        return n;
    }

    /// <summary>Writes the stored targets of <paramref name="pre"/> (increasing, absolute) into <paramref name="targets"/>;
    /// returns their count. Equal to <see cref="JitConnectivity.Targets"/> for the same projection.</summary>
    public int Targets(int pre, Span<int> targets)
    {
        if ((uint)pre >= (uint)NumIn) throw new ArgumentOutOfRangeException(nameof(pre), pre, $"JitTargetCache.Targets: pre must be in [0, {NumIn}).");
        int n = 0;
        for (int b = 0; b < Blocks; b++)
        {
            int s = _rows[b][pre], e = _rows[b][pre + 1];
            for (int i = s; i < e; i++) targets[n++] = _blockStart[b] + (_t16 is not null ? _t16[b][i] : _t32![b][i]);
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
            ref int rows = ref MemoryMarshal.GetArrayDataReference(_rows[b]);
            if (_t16 is not null)
            {
                ref ushort data = ref MemoryMarshal.GetArrayDataReference(_t16[b]);
                if (prefetch) AddPrefetched(ref gb, ref rows, ref data, ref spk, offset, count, weight);
                else Add(ref gb, ref rows, ref data, ref spk, offset, count, weight);
            }
            else
            {
                ref int data = ref MemoryMarshal.GetArrayDataReference(_t32![b]);
                if (prefetch) AddPrefetched(ref gb, ref rows, ref data, ref spk, offset, count, weight);
                else Add(ref gb, ref rows, ref data, ref spk, offset, count, weight);
            }
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
