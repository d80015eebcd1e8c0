using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace SpikeSharp;

/// <summary>Thrown before stored connectivity (or its per-synapse weights) is allocated when it would exceed the memory limit.</summary>
public sealed class ConnectivityMemoryException : OutOfMemoryException
{
    internal ConnectivityMemoryException(string projection, long bytesNeeded, long limitBytes, string message) : base(message)
    {
        Projection = projection;
        BytesNeeded = bytesNeeded;
        LimitBytes = limitBytes;
    }

    /// <summary>The projection (the name passed to the build).</summary>
    public string Projection { get; }

    /// <summary>Bytes the build would need.</summary>
    public long BytesNeeded { get; }

    /// <summary>The limit in force.</summary>
    public long LimitBytes { get; }
}

/// <summary>
/// Stored connectivity (BrainPy's CSR, what <c>EventCSRLinear</c> and <c>CSRLinear</c> multiply by): rows are pre neurons,
/// each row's targets increasing; a row may repeat a target only when its connector allows multi-connections (the repeats
/// are then adjacent). Built from a <see cref="Connector"/>, a seed and a stream id: the same matrix for any thread count.
/// </summary>
/// <remarks>
/// <para><b>Layout.</b> The post range is cut into <see cref="Blocks"/> contiguous blocks, exactly those of
/// <see cref="JitConnectivity.BlockCount"/> (and of <see cref="Parallelism.DeliverParts"/>). The targets are stored
/// pre-major: each pre's row, block after block, in one run of one array, so a thread that owns blocks [b0, b1) reads one
/// contiguous run per spike (and one line of offsets), not one short run per block. <c>rows[pre·B + b]</c> is where the
/// targets of (pre, block b) start (<c>numPre·B + 1</c> offsets, 4 bytes each); targets are stored relative to their
/// block's first post, 16-bit when every block has at most 65 536 posts (any projection onto at most 1 048 576 neurons),
/// else 32-bit. So a synapse takes 2 bytes (4 past a million posts) plus <c>4·Blocks</c> bytes per pre neuron, and 4 more
/// per synapse for per-synapse weights; at most <see cref="Array.MaxLength"/> synapses.</para>
/// <para><b>Synapse order.</b> Synapse <c>s</c> is the <c>s</c>-th entry in row-major order (pre, then target increasing):
/// BrainPy's CSR order, which is also the storage order, so per-synapse weights are indexed by the storage position
/// (<see cref="RowStart"/>).</para>
/// <para><b>Threads.</b> Every delivery method has a block-range overload: threads that own disjoint block ranges write
/// disjoint posts, and each post receives its adds in spike (or pre) order, then row order, whatever the split: the result is
/// bit-identical for any thread count. The methods check their arguments once, then run without bounds checks and allocate
/// nothing.</para>
/// </remarks>
public sealed class CsrMatrix
{
    readonly int[] _blockStart; // Blocks + 1
    readonly int _blocks;
    readonly int[] _rows;       // numPre·B + 1 offsets: (pre, b) is [_rows[pre·B + b], _rows[pre·B + b + 1])
    readonly ushort[]? _t16;    // targets − their block's start, pre-major (synapse order)
    readonly int[]? _t32;

    /// <summary>Number of pre neurons (rows).</summary>
    public int NumPre { get; }

    /// <summary>Number of post neurons (columns).</summary>
    public int NumPost { get; }

    /// <summary>Stored synapses (a multi-connection counts once per copy).</summary>
    public long Synapses { get; }

    /// <summary>Bytes held: row offsets and targets.</summary>
    public long Bytes { get; }

    /// <summary>Time the build took.</summary>
    public TimeSpan SetupTime { get; }

    /// <summary>The connector it was built from.</summary>
    public Connector Connector { get; }

    /// <summary>The name given to the build (for messages and reports).</summary>
    public string Name { get; }

    /// <summary>Number of post blocks (<see cref="JitConnectivity.BlockCount"/> of <see cref="NumPost"/>).</summary>
    public int Blocks => _blocks;

    /// <summary>Whether targets are stored in 16 bits.</summary>
    public bool Narrow => _t16 is not null;

    /// <summary>First post of block <paramref name="block"/> (block <see cref="Blocks"/> gives <see cref="NumPost"/>).</summary>
    public int BlockStart(int block) => _blockStart[block];

    /// <summary>The block range [<paramref name="firstBlock"/>, <paramref name="endBlock"/>) of part <paramref name="part"/>
    /// of <paramref name="parts"/>: the split generated projections use.</summary>
    public void PartBlocks(int part, int parts, out int firstBlock, out int endBlock)
    {
        firstBlock = Blocks * part / parts;
        endBlock = Blocks * (part + 1) / parts;
    }

    /// <summary>Synapse index of the first synapse of <paramref name="pre"/> (<paramref name="pre"/> = <see cref="NumPre"/>
    /// gives <see cref="Synapses"/>): row <c>pre</c> holds synapses [RowStart(pre), RowStart(pre + 1)).</summary>
    public long RowStart(int pre) => _rows[(long)pre * _blocks];

    /// <summary>Number of targets of <paramref name="pre"/>.</summary>
    public int OutDegree(int pre) => _rows[(long)(pre + 1) * _blocks] - _rows[(long)pre * _blocks];

    /// <summary>Copies the targets of <paramref name="pre"/> (increasing, in synapse order) into <paramref name="destination"/>;
    /// returns their count (<see cref="OutDegree"/>).</summary>
    public int Targets(int pre, Span<int> destination)
    {
        if ((uint)pre >= (uint)NumPre) throw new ArgumentOutOfRangeException(nameof(pre), pre, $"CsrMatrix.Targets: pre must be in [0, {NumPre}).");
        int n = OutDegree(pre);
        if (destination.Length < n)
            throw new ArgumentException($"CsrMatrix.Targets: the destination holds {destination.Length} but pre {pre} has {n} targets.", nameof(destination));
        int o = 0;
        for (int b = 0; b < _blocks; b++)
        {
            long r = (long)pre * _blocks + b;
            int s = _rows[r], e = _rows[r + 1], start = _blockStart[b];
            for (int i = s; i < e; i++) destination[o++] = start + (_t16 is not null ? _t16[i] : _t32![i]);
        }
        return o;
    }

    /// <summary>The targets of <paramref name="pre"/> as a new array (for inspection; <see cref="Targets(int, Span{int})"/> copies into a buffer).</summary>
    public int[] Targets(int pre)
    {
        var t = new int[OutDegree(pre)];
        Targets(pre, t);
        return t;
    }

    /// <summary>Number of synapses onto each post neuron.</summary>
    public int[] InDegrees()
    {
        var d = new int[NumPost];
        for (int pre = 0; pre < NumPre; pre++)
            for (int b = 0; b < _blocks; b++)
            {
                long r = (long)pre * _blocks + b;
                int s = _rows[r], e = _rows[r + 1], start = _blockStart[b];
                for (int i = s; i < e; i++) d[start + (_t16 is not null ? _t16[i] : _t32![i])]++;
            }
        return d;
    }

    CsrMatrix(Connector connector, int numPre, int numPost, int[] blockStart, int[] rows, ushort[]? t16, int[]? t32, string name, TimeSpan time)
    {
        Connector = connector;
        NumPre = numPre;
        NumPost = numPost;
        Name = name;
        _blockStart = blockStart;
        _blocks = blockStart.Length - 1;
        _rows = rows;
        _t16 = t16;
        _t32 = t32;
        Synapses = rows[^1];
        Bytes = BytesOf(Synapses, _blocks, numPre, t16 is not null);
        PrefetchRows = Sse.IsSupported && Bytes >= PrefetchMinBytes;
        SetupTime = time;
    }

    static long BytesOf(long synapses, int blocks, int numPre, bool narrow) =>
        synapses * (narrow ? 2 : 4) + 4L * ((long)blocks * numPre + 1L);

    static bool IsNarrow(int numPost)
    {
        int blocks = JitConnectivity.BlockCount(numPost), widest = 0;
        for (int b = 0; b < blocks; b++)
            widest = Math.Max(widest, JitConnectivity.BlockStart(numPost, b + 1) - JitConnectivity.BlockStart(numPost, b));
        return widest <= 65_536;
    }

    /// <summary>The bytes a build of <paramref name="connector"/> needs at most, before building: the matrix with the
    /// connector's largest synapse count (exact for fixed counts; mean + 6σ for <see cref="Connect.Bernoulli"/>) plus what
    /// the build holds meanwhile. Throws <see cref="ArgumentException"/> when the connector does not fit the sizes.</summary>
    public static long EstimateBytes(Connector connector, int numPre, int numPost) => EstimateBytes(connector, numPre, numPost, "CsrMatrix");

    static long EstimateBytes(Connector connector, int numPre, int numPost, string name)
    {
        ArgumentNullException.ThrowIfNull(connector);
        if (numPre < 0) throw new ArgumentOutOfRangeException(nameof(numPre), numPre, $"{name}: numPre must be ≥ 0.");
        if (numPost < 0) throw new ArgumentOutOfRangeException(nameof(numPost), numPost, $"{name}: numPost must be ≥ 0.");
        connector.Validate(numPre, numPost, name);
        long syn = connector.MaxSynapses(numPre, numPost);
        return BytesOf(syn, JitConnectivity.BlockCount(numPost), numPre, IsNarrow(numPost)) + connector.TransientBytes(numPre, numPost);
    }

    /// <summary>The default memory limit of a build: the memory available to the process
    /// (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>).</summary>
    public static long DefaultMemoryLimitBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>Throws <see cref="ConnectivityMemoryException"/> when <paramref name="bytes"/> exceed the limit.
    /// The limit: <paramref name="memoryLimitBytes"/> when > 0, else <see cref="Simulation.ConnectivityMemoryLimitBytes"/> when
    /// > 0, else <see cref="DefaultMemoryLimitBytes"/>; the message names which.</summary>
    internal static void CheckLimit(string name, string what, long bytes, long memoryLimitBytes)
    {
        long user = Simulation.ConnectivityMemoryLimitBytes;
        long limit = memoryLimitBytes > 0 ? memoryLimitBytes : user > 0 ? user : DefaultMemoryLimitBytes;
        if (limit > 0 && bytes > limit)
            throw new ConnectivityMemoryException(name, bytes, limit,
                $"{name}: {what} needs {Runner.B(bytes)} bytes, more than the {Runner.B(limit)} bytes allowed " +
                (memoryLimitBytes > 0 ? "by memoryLimitBytes"
                    : user > 0 ? "by Simulation.ConnectivityMemoryLimitBytes"
                    : "(the memory available to this process; Simulation.ConnectivityMemoryLimitBytes sets a limit)") +
                ". Use a JIT comm (EventJitFP*Linear: no stored synapses), fewer neurons or synapses, or raise the limit.");
    }

    /// <summary>Builds the connectivity of <paramref name="connector"/> between <paramref name="numPre"/> pre and
    /// <paramref name="numPost"/> post neurons, after checking <see cref="EstimateBytes(Connector, int, int)"/> against the
    /// memory limit (nothing is allocated when it does not fit).</summary>
    /// <param name="connector">The rule.</param>
    /// <param name="numPre">Pre neurons (rows).</param>
    /// <param name="numPost">Post neurons (columns).</param>
    /// <param name="seed">Connectivity seed.</param>
    /// <param name="streamId">Stream family (a projection's <c>StreamId</c>): with the seed, it keys the row streams.</param>
    /// <param name="threads">Threads for the build (0: <see cref="Parallelism.Threads"/>, else every core); the result does not depend on it.</param>
    /// <param name="name">The projection's name, for messages.</param>
    /// <param name="memoryLimitBytes">Most bytes the matrix and its build may take (0: <see cref="Simulation.ConnectivityMemoryLimitBytes"/>,
    /// or when that is 0 too, <see cref="DefaultMemoryLimitBytes"/>).</param>
    /// <exception cref="ConnectivityMemoryException">The estimate exceeds the limit.</exception>
    /// <exception cref="ArgumentException">The connector does not fit the sizes (e.g. includeSelf: false with numPre ≠ numPost).</exception>
    public static CsrMatrix Build(Connector connector, int numPre, int numPost, ulong seed, ulong streamId, int threads = 0, string name = "",
        long memoryLimitBytes = 0)
    {
        string who = string.IsNullOrEmpty(name) ? "CsrMatrix.Build" : name;
        if (threads < 0) throw new ArgumentOutOfRangeException(nameof(threads), threads, $"{who}: threads must be ≥ 0.");
        if (memoryLimitBytes < 0) throw new ArgumentOutOfRangeException(nameof(memoryLimitBytes), memoryLimitBytes, $"{who}: memoryLimitBytes must be ≥ 0.");
        long estimate = EstimateBytes(connector, numPre, numPost, who);
        CheckLimit(who, $"stored connectivity {connector} ({numPre} × {numPost})", estimate, memoryLimitBytes);
        var sw = Stopwatch.StartNew();
        int parts = threads > 0 ? Math.Min(threads, Parallelism.MaxParts) : Parallelism.ThreadsFor(int.MaxValue);
        var src = connector.Prepare(numPre, numPost, seed, streamId);
        int blocks = JitConnectivity.BlockCount(numPost);
        var blockStart = new int[blocks + 1];
        for (int b = 0; b <= blocks; b++) blockStart[b] = JitConnectivity.BlockStart(numPost, b);
        long entries = (long)blocks * numPre + 1;
        if (entries > Array.MaxLength)
            throw new ConnectivityMemoryException(who, 0, 0, $"{who}: {blocks} blocks × {numPre} pres + 1 row offsets are more than an array holds; use fewer neurons.");
        var rows = new int[entries];
        bool narrow = IsNarrow(numPost);
        var work = new BuildWork(src, blockStart, rows);
        // Pass 1: counts (of (pre, b) at rows[pre·B + b + 1]); pass 2 (after the prefix sum): the targets, each at its row's place.
        work.Pass = 1;
        Run(work, parts, src, numPre, blocks);
        long total = 0;
        for (long k = 1; k < entries; k++)
        {
            total += rows[k];
            if (total > Array.MaxLength)
                throw new ConnectivityMemoryException(who, 0, 0, $"{who}: more than {Array.MaxLength} synapses, more than an array holds; use fewer synapses.");
            rows[k] = (int)total;
        }
        if (narrow) work.T16 = GC.AllocateUninitializedArray<ushort>((int)total); // every entry written in pass 2
        else work.T32 = GC.AllocateUninitializedArray<int>((int)total);
        work.Pass = 2;
        Run(work, parts, src, numPre, blocks);
        return new CsrMatrix(connector, numPre, numPost, blockStart, rows, work.T16, work.T32, name, sw.Elapsed);
    }

    static void Run(BuildWork work, int parts, RowSource src, int numPre, int blocks)
    {
        int units = src.ByColumn ? blocks : (numPre + BuildWork.Chunk - 1) / BuildWork.Chunk;
        Parallelism.Run(work, Math.Max(1, Math.Min(parts, units)));
    }

    /// <summary>The two passes of a build. Rows: chunks of pres (chunk c on part c mod parts), each row written to its own
    /// places; columns: whole blocks, posts in order. Neither depends on the split.</summary>
    sealed class BuildWork(RowSource src, int[] blockStart, int[] rows) : IParallelWork
    {
        public const int Chunk = 256;
        public int Pass;
        public ushort[]? T16;
        public int[]? T32;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // the build's loops: optimised from the first call (was tier-0 code)
        public void Execute(int part, int parts)
        {
            var s = new RowScratch(src.DrawRange, src.MaxRow);
            int blocks = blockStart.Length - 1;
            if (src.ByColumn)
            {
                // Block b's (pre, b) entries are this part's alone: counts at rows[pre·B + b + 1], then cursors from rows[pre·B + b].
                int[]? cursor = Pass == 2 ? new int[src.NumPre] : null;
                for (int b = part; b < blocks; b += parts)
                {
                    int start = blockStart[b], end = blockStart[b + 1];
                    if (cursor is not null) for (int pre = 0; pre < cursor.Length; pre++) cursor[pre] = rows[(long)pre * blocks + b];
                    for (int post = start; post < end; post++)
                    {
                        int n = src.Column(post, s.Buf, s);
                        if (cursor is null)
                            for (int i = 0; i < n; i++) rows[(long)s.Buf[i] * blocks + b + 1]++;
                        else if (T16 is not null)
                            for (int i = 0; i < n; i++) T16[cursor[s.Buf[i]]++] = (ushort)(post - start);
                        else
                            for (int i = 0; i < n; i++) T32![cursor[s.Buf[i]]++] = post - start;
                    }
                }
                return;
            }
            int chunks = (src.NumPre + Chunk - 1) / Chunk;
            for (int c = part; c < chunks; c += parts)
            {
                int lo = c * Chunk, hi = Math.Min(src.NumPre, lo + Chunk);
                for (int pre = lo; pre < hi; pre++)
                {
                    if (Pass == 1 && blocks == 1 && src.KnownCount(pre) is int known and >= 0)
                    {
                        rows[pre + 1] = known; // one block: the row's length is all pass 1 needs
                        continue;
                    }
                    int n = src.Row(pre, s.Buf, s);
                    if (Pass == 2) // the row is one run: targets relative to their blocks, in order
                    {
                        int at = rows[(long)pre * blocks];
                        for (int b = 0, i = 0; b < blocks && i < n; b++)
                        {
                            int start = blockStart[b], end = blockStart[b + 1];
                            if (T16 is not null) for (; i < n && s.Buf[i] < end; i++) T16[at++] = (ushort)(s.Buf[i] - start);
                            else for (; i < n && s.Buf[i] < end; i++) T32![at++] = s.Buf[i] - start;
                        }
                        continue;
                    }
                    for (int b = 0, i = 0; b < blocks && i < n; b++)
                    {
                        int end = blockStart[b + 1], first = i;
                        while (i < n && s.Buf[i] < end) i++;
                        rows[(long)pre * blocks + b + 1] = i - first;
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------------
    // Delivery

    void Check(int postLength, int preLength, string method, int firstBlock, int endBlock, string preWhat)
    {
        if (postLength != NumPost)
            throw new ArgumentException($"CsrMatrix.{method}: the post buffer holds {postLength} but numPost = {NumPost}{NameSuffix}.", "post");
        if (preLength != NumPre)
            throw new ArgumentException($"CsrMatrix.{method}: the {preWhat} cover {preLength} neurons but numPre = {NumPre}{NameSuffix}.", "pre");
        if (firstBlock < 0 || endBlock > Blocks || firstBlock > endBlock)
            throw new ArgumentOutOfRangeException(nameof(endBlock), $"CsrMatrix.{method}: blocks [{firstBlock}, {endBlock}) are outside [0, {Blocks}){NameSuffix}.");
    }

    void CheckWeights(int length, string method)
    {
        if (length != Synapses)
            throw new ArgumentException($"CsrMatrix.{method}: {length} synapse weights given but the matrix has {Synapses} synapses{NameSuffix}.", "synapseWeights");
    }

    string NameSuffix => string.IsNullOrEmpty(Name) ? "" : $" ({Name})";

    /// <summary>EventCSRLinear with a homogeneous weight: adds <paramref name="weight"/> to <c>post[j]</c> for every synapse
    /// (i, j) of every spiking pre <c>i</c> (a multi-connection adds once per copy).</summary>
    public void AddEvents(Span<float> post, Spikes spikes, float weight) => AddEvents(post, spikes, weight, 0, Blocks);

    /// <summary><see cref="AddEvents(Span{float}, Spikes, float)"/> for the posts of blocks [<paramref name="firstBlock"/>,
    /// <paramref name="endBlock"/>) only (the whole post buffer is passed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddEvents(Span<float> post, Spikes spikes, float weight, int firstBlock, int endBlock)
    {
        Check(post.Length, spikes.Length, nameof(AddEvents), firstBlock, endBlock, "spikes");
        if (firstBlock == endBlock) return;
        var k = Kernel(post, firstBlock, endBlock);
        ref int spk = ref spikes.IndexRef;
        Events<HomoRow>(k, ref spk, spikes.Offset, spikes.Count, weight, ref Unsafe.NullRef<float>(), ref Unsafe.NullRef<float>());
    }

    /// <summary>EventCSRLinear scaled per spiking pre neuron (BrainPy's older STD/STP form, <c>g += W·(spike·x)</c>): adds
    /// <c>weight · scale[i]</c> (rounded once to float) to <c>post[j]</c> for every synapse (i, j) of every spiking pre <c>i</c>,
    /// in spike order, for blocks [<paramref name="firstBlock"/>, <paramref name="endBlock"/>). The unscaled
    /// <see cref="AddEvents(Span{float}, Spikes, float, int, int)"/> is untouched. Allocates nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddEventsScaled(Span<float> post, Spikes spikes, float weight, ReadOnlySpan<float> scale, int firstBlock, int endBlock)
    {
        Check(post.Length, spikes.Length, nameof(AddEventsScaled), firstBlock, endBlock, "spikes");
        if (scale.Length != NumPre)
            throw new ArgumentException($"CsrMatrix.AddEventsScaled: the scale covers {scale.Length} neurons but numPre = {NumPre}.", nameof(scale));
        if (firstBlock == endBlock) return;
        var k = Kernel(post, firstBlock, endBlock);
        ref float sc = ref MemoryMarshal.GetReference(scale);
        ref int spk = ref spikes.IndexRef;
        Events<ScaledRow>(k, ref spk, spikes.Offset, spikes.Count, weight, ref Unsafe.NullRef<float>(), ref sc);
    }

    /// <summary>EventCSRLinear with one weight per synapse, scaled per spiking pre neuron (BrainPy's older STD/STP form with a
    /// weight matrix, <c>g += W·(spike·x)</c>): adds <c>synapseWeights[s] · scale[i]</c> (the float product) to <c>post[j]</c>
    /// for every synapse s = (i, j) of every spiking pre <c>i</c>, in spike order, for blocks [<paramref name="firstBlock"/>,
    /// <paramref name="endBlock"/>): bit-identical for every block split. Allocates nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddEventsScaled(Span<float> post, Spikes spikes, ReadOnlySpan<float> synapseWeights, ReadOnlySpan<float> scale, int firstBlock, int endBlock)
    {
        Check(post.Length, spikes.Length, nameof(AddEventsScaled), firstBlock, endBlock, "spikes");
        CheckWeights(synapseWeights.Length, nameof(AddEventsScaled));
        if (scale.Length != NumPre)
            throw new ArgumentException($"CsrMatrix.AddEventsScaled: the scale covers {scale.Length} neurons but numPre = {NumPre}.", nameof(scale));
        if (firstBlock == endBlock) return;
        var k = Kernel(post, firstBlock, endBlock);
        ref float w0 = ref MemoryMarshal.GetReference(synapseWeights);
        ref float sc = ref MemoryMarshal.GetReference(scale);
        ref int spk = ref spikes.IndexRef;
        Events<SynScaledRow>(k, ref spk, spikes.Offset, spikes.Count, 0f, ref w0, ref sc);
    }

    /// <summary>EventCSRLinear with one weight per synapse: adds <c>synapseWeights[s]</c> to <c>post[j]</c> for every
    /// synapse s = (i, j) of every spiking pre <c>i</c>. The weights are in synapse order (<see cref="RowStart"/>).</summary>
    public void AddEvents(Span<float> post, Spikes spikes, ReadOnlySpan<float> synapseWeights) => AddEvents(post, spikes, synapseWeights, 0, Blocks);

    /// <summary><see cref="AddEvents(Span{float}, Spikes, ReadOnlySpan{float})"/> for blocks [<paramref name="firstBlock"/>, <paramref name="endBlock"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddEvents(Span<float> post, Spikes spikes, ReadOnlySpan<float> synapseWeights, int firstBlock, int endBlock)
    {
        Check(post.Length, spikes.Length, nameof(AddEvents), firstBlock, endBlock, "spikes");
        CheckWeights(synapseWeights.Length, nameof(AddEvents));
        if (firstBlock == endBlock) return;
        var k = Kernel(post, firstBlock, endBlock);
        ref float w0 = ref MemoryMarshal.GetReference(synapseWeights);
        ref int spk = ref spikes.IndexRef;
        Events<SynRow>(k, ref spk, spikes.Offset, spikes.Count, 0f, ref w0, ref Unsafe.NullRef<float>());
    }

    /// <summary>CSRLinear with a homogeneous weight (non-event): <c>post[j] += pre[i]·weight</c> for every synapse (i, j),
    /// pres in order (a zero input adds a zero).</summary>
    public void Multiply(ReadOnlySpan<float> pre, Span<float> post, float weight) => Multiply(pre, post, weight, 0, Blocks);

    /// <summary><see cref="Multiply(ReadOnlySpan{float}, Span{float}, float)"/> for blocks [<paramref name="firstBlock"/>, <paramref name="endBlock"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Multiply(ReadOnlySpan<float> pre, Span<float> post, float weight, int firstBlock, int endBlock)
    {
        Check(post.Length, pre.Length, nameof(Multiply), firstBlock, endBlock, "pre values");
        if (firstBlock == endBlock) return;
        var k = Kernel(post, firstBlock, endBlock);
        ref float x0 = ref MemoryMarshal.GetReference(pre);
        if (_t16 is not null) Dense<ushort, ScaledRow>(k, ref MemoryMarshal.GetArrayDataReference(_t16), ref x0, NumPre, weight, ref Unsafe.NullRef<float>());
        else Dense<int, ScaledRow>(k, ref MemoryMarshal.GetArrayDataReference(_t32!), ref x0, NumPre, weight, ref Unsafe.NullRef<float>());
    }

    /// <summary>CSRLinear with one weight per synapse (non-event): <c>post[j] += pre[i]·synapseWeights[s]</c> for every
    /// synapse s = (i, j), pres in order.</summary>
    public void Multiply(ReadOnlySpan<float> pre, Span<float> post, ReadOnlySpan<float> synapseWeights) => Multiply(pre, post, synapseWeights, 0, Blocks);

    /// <summary><see cref="Multiply(ReadOnlySpan{float}, Span{float}, ReadOnlySpan{float})"/> for blocks [<paramref name="firstBlock"/>, <paramref name="endBlock"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Multiply(ReadOnlySpan<float> pre, Span<float> post, ReadOnlySpan<float> synapseWeights, int firstBlock, int endBlock)
    {
        Check(post.Length, pre.Length, nameof(Multiply), firstBlock, endBlock, "pre values");
        CheckWeights(synapseWeights.Length, nameof(Multiply));
        if (firstBlock == endBlock) return;
        var k = Kernel(post, firstBlock, endBlock);
        ref float x0 = ref MemoryMarshal.GetReference(pre);
        ref float w0 = ref MemoryMarshal.GetReference(synapseWeights);
        if (_t16 is not null) Dense<ushort, SynScaledRow>(k, ref MemoryMarshal.GetArrayDataReference(_t16), ref x0, NumPre, 0f, ref w0);
        else Dense<int, SynScaledRow>(k, ref MemoryMarshal.GetArrayDataReference(_t32!), ref x0, NumPre, 0f, ref w0);
    }

    /// <summary>What every kernel needs for blocks [first, end): the post buffer, the offsets of (pre 0, first), the stride
    /// between pres' offsets (B), the block count and the block starts from <c>first</c>. Every index the kernels form from
    /// it is in range: pres below NumPre (checked by Spikes or the span lengths), offsets inside the offset array, targets
    /// below their block's width.</summary>
    readonly ref struct Range
    {
        public readonly ref float G;
        public readonly ref int Rows;
        public readonly ref int Starts;
        public readonly nint Stride, Span;

        public Range(ref float g, ref int rows, ref int starts, nint stride, nint span)
        {
            G = ref g;
            Rows = ref rows;
            Starts = ref starts;
            Stride = stride;
            Span = span;
        }
    }

    Range Kernel(Span<float> post, int firstBlock, int endBlock) =>
        new(ref MemoryMarshal.GetReference(post), ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_rows), firstBlock),
            ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_blockStart), firstBlock), _blocks, endBlock - firstBlock);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static nint At<T>(ref T data, nint i) where T : unmanaged =>
        typeof(T) == typeof(ushort) ? Unsafe.As<T, ushort>(ref Unsafe.Add(ref data, i)) : Unsafe.As<T, int>(ref Unsafe.Add(ref data, i));

    // Each kernel visits, per pre, the range's blocks in order: block b's targets [r[b], r[b + 1]) of one contiguous run,
    // added at the block's start. A pre's targets land on distinct posts of each block (or adjacent repeats), posts of
    // different blocks are disjoint: so each post gets its adds in spike (or pre) order, then row order, for every split.

    /// <summary>Every event kernel: the spikes in order, each spiking pre's row over the range's blocks, added by
    /// <typeparamref name="TRow"/>; with <see cref="PrefetchRows"/> (and SSE), the offsets of the spike <see cref="RowAhead"/>
    /// ahead and every line of the run (and of its weights) of the spike <see cref="DataAhead"/> ahead are prefetched.</summary>
    void Events<TRow>(Range k, ref int spk, int offset, int count, float weight, ref float w0, ref float scale) where TRow : struct, IEventRow
    {
        bool prefetch = PrefetchRows && Sse.IsSupported;
        if (_t16 is not null)
        {
            ref ushort data = ref MemoryMarshal.GetArrayDataReference(_t16);
            if (prefetch) EventsPrefetched<ushort, TRow>(k, ref data, ref spk, offset, count, weight, ref w0, ref scale);
            else Events<ushort, TRow>(k, ref data, ref spk, offset, count, weight, ref w0, ref scale);
        }
        else
        {
            ref int data = ref MemoryMarshal.GetArrayDataReference(_t32!);
            if (prefetch) EventsPrefetched<int, TRow>(k, ref data, ref spk, offset, count, weight, ref w0, ref scale);
            else Events<int, TRow>(k, ref data, ref spk, offset, count, weight, ref w0, ref scale);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    static void Events<T, TRow>(Range k, ref T data, ref int spk, int offset, int count, float weight, ref float w0, ref float scale)
        where T : unmanaged where TRow : struct, IEventRow
    {
        for (nint q = 0; q < count; q++) Row<T, TRow>(k, ref data, Unsafe.Add(ref spk, q) - offset, weight, ref w0, ref scale);
    }

    /// <summary>From this size on, event delivery prefetches the offsets of the spike <see cref="RowAhead"/> ahead and every
    /// line of the run of the spike <see cref="DataAhead"/> ahead (as the JIT target cache does).</summary>
    public const long PrefetchMinBytes = 2L << 20;

    const int RowAhead = 16, DataAhead = 8;

    /// <summary>Whether the event deliveries (<c>AddEvents</c>, <c>AddEventsScaled</c>) prefetch rows (default:
    /// <see cref="Bytes"/> ≥ <see cref="PrefetchMinBytes"/> and SSE there). Results do not depend on it.</summary>
    public bool PrefetchRows { get; set; }

    /// <summary><see cref="Events{T, TRow}"/> with later spikes' offsets and lines prefetched (a prefetch never faults and
    /// changes no result: the same adds in the same order). The first spikes' offsets and lines are prefetched before the
    /// first add, and the last ones' lines to the end, so no spike of the call waits for a miss the pipeline could have started.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    static void EventsPrefetched<T, TRow>(Range k, ref T data, ref int spk, int offset, int count, float weight, ref float w0, ref float scale)
        where T : unmanaged where TRow : struct, IEventRow
    {
        nint q = 0;
        for (nint j = 0; j < count && j < RowAhead; j++) PrefetchOffsets(k, Unsafe.Add(ref spk, j) - offset);
        for (nint j = 0; j < count && j < DataAhead; j++) PrefetchRun<T, TRow>(k, ref data, ref w0, Unsafe.Add(ref spk, j) - offset);
        for (; q + RowAhead < count; q++)
        {
            PrefetchOffsets(k, Unsafe.Add(ref spk, q + RowAhead) - offset);
            PrefetchRun<T, TRow>(k, ref data, ref w0, Unsafe.Add(ref spk, q + DataAhead) - offset);
            Row<T, TRow>(k, ref data, Unsafe.Add(ref spk, q) - offset, weight, ref w0, ref scale);
        }
        for (; q + DataAhead < count; q++)
        {
            PrefetchRun<T, TRow>(k, ref data, ref w0, Unsafe.Add(ref spk, q + DataAhead) - offset);
            Row<T, TRow>(k, ref data, Unsafe.Add(ref spk, q) - offset, weight, ref w0, ref scale);
        }
        for (; q < count; q++) Row<T, TRow>(k, ref data, Unsafe.Add(ref spk, q) - offset, weight, ref w0, ref scale);
    }

    /// <summary>Prefetches the start and end offsets of <paramref name="pre"/>'s run (the end may be on the next line).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static unsafe void PrefetchOffsets(Range k, nint pre)
    {
        ref int rp = ref Unsafe.Add(ref k.Rows, pre * k.Stride);
        Sse.Prefetch0(Unsafe.AsPointer(ref rp));
        Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref rp, k.Span)));
    }

    /// <summary>Prefetches every line of <paramref name="pre"/>'s run of targets and, for per-synapse rows, of its weights
    /// (synapse order = storage order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static unsafe void PrefetchRun<T, TRow>(Range k, ref T data, ref float w0, nint pre) where T : unmanaged where TRow : struct, IEventRow
    {
        ref int ra = ref Unsafe.Add(ref k.Rows, pre * k.Stride);
        nint s = ra, e = Unsafe.Add(ref ra, k.Span);
        byte* p = (byte*)((nuint)Unsafe.AsPointer(ref Unsafe.Add(ref data, s)) & ~(nuint)63);
        byte* pe = (byte*)Unsafe.AsPointer(ref Unsafe.Add(ref data, e));
        for (; p < pe; p += 64) Sse.Prefetch0(p);
        if (TRow.PerSynapse)
        {
            p = (byte*)((nuint)Unsafe.AsPointer(ref Unsafe.Add(ref w0, s)) & ~(nuint)63);
            pe = (byte*)Unsafe.AsPointer(ref Unsafe.Add(ref w0, e));
            for (; p < pe; p += 64) Sse.Prefetch0(p);
        }
    }

    /// <summary>What one kernel adds: a pre's row factor, then each synapse's add from it (structs with
    /// static members: each kernel is specialised and everything inlines).</summary>
    interface IEventRow
    {
        /// <summary>Whether the adds read per-synapse weights (their lines are prefetched too).</summary>
        static abstract bool PerSynapse { get; }

        /// <summary>The factor of spiking pre <paramref name="pre"/>'s row, from the call's weight and scale.</summary>
        static abstract float RowFactor(float weight, ref float scale, nint pre);

        /// <summary>The add of synapse <paramref name="i"/> (storage order = synapse order) given the row's factor.</summary>
        static abstract float Add(ref float w0, nint i, float factor);
    }

    /// <summary><c>weight</c> per synapse.</summary>
    readonly struct HomoRow : IEventRow
    {
        public static bool PerSynapse => false;
        public static float RowFactor(float weight, ref float scale, nint pre) => weight;
        public static float Add(ref float w0, nint i, float factor) => factor;
    }

    /// <summary><c>weight · scale[pre]</c> (rounded once) per synapse.</summary>
    readonly struct ScaledRow : IEventRow
    {
        public static bool PerSynapse => false;
        public static float RowFactor(float weight, ref float scale, nint pre) => weight * Unsafe.Add(ref scale, pre);
        public static float Add(ref float w0, nint i, float factor) => factor;
    }

    /// <summary><c>w0[s]</c> for synapse s.</summary>
    readonly struct SynRow : IEventRow
    {
        public static bool PerSynapse => true;
        public static float RowFactor(float weight, ref float scale, nint pre) => 0f;
        public static float Add(ref float w0, nint i, float factor) => Unsafe.Add(ref w0, i);
    }

    /// <summary><c>w0[s] · scale[pre]</c> (the float product) for synapse s.</summary>
    readonly struct SynScaledRow : IEventRow
    {
        public static bool PerSynapse => true;
        public static float RowFactor(float weight, ref float scale, nint pre) => Unsafe.Add(ref scale, pre);
        public static float Add(ref float w0, nint i, float factor) => Unsafe.Add(ref w0, i) * factor;
    }

    /// <summary>The adds of spiking pre <paramref name="pre"/> over the range's blocks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Row<T, TRow>(Range k, ref T data, nint pre, float weight, ref float w0, ref float scale)
        where T : unmanaged where TRow : struct, IEventRow
    {
        float factor = TRow.RowFactor(weight, ref scale, pre);
        ref int r = ref Unsafe.Add(ref k.Rows, pre * k.Stride);
        for (nint b = 0; b < k.Span; b++)
        {
            ref float gb = ref Unsafe.Add(ref k.G, Unsafe.Add(ref k.Starts, b));
            nint s = Unsafe.Add(ref r, b), e = Unsafe.Add(ref r, b + 1);
            for (nint i = s; i < e; i++) Unsafe.Add(ref gb, At(ref data, i)) += TRow.Add(ref w0, i, factor);
        }
    }

    /// <summary>The non-event kernels: every pre in order, its row added by <typeparamref name="TRow"/> with pre's value as the
    /// scale (<see cref="ScaledRow"/>: x·weight per synapse; <see cref="SynScaledRow"/>: x·w0[s]).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    static void Dense<T, TRow>(Range k, ref T data, ref float x0, int numPre, float weight, ref float w0)
        where T : unmanaged where TRow : struct, IEventRow
    {
        for (nint pre = 0; pre < numPre; pre++) Row<T, TRow>(k, ref data, pre, weight, ref w0, ref x0);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"CsrMatrix({(string.IsNullOrEmpty(Name) ? "" : Name + ": ")}{Connector}, {NumPre} × {NumPost}, {Synapses} synapses, {Bytes} bytes, built in {SetupTime.TotalMilliseconds:F1} ms)";
}
