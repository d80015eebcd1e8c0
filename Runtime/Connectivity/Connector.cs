using System;
using System.Globalization;

namespace SpikeSharp;

/// <summary>
/// A rule that says which (pre, post) pairs are connected: what <see cref="CsrMatrix.Build"/> turns into stored
/// connectivity. Immutable; the sizes, the seed and the stream id come with the build, so one connector can serve several
/// projections. Create them with <see cref="Connect"/>. <see cref="object.ToString"/> gives a readable form for reports.
/// </summary>
/// <remarks>Every random connector draws each pre row (or, for <see cref="FixedPreNumConnector"/>, each post column) from its
/// own counter-based stream keyed by (seed, stream id, row): the connectivity is the same for any thread count. The streams
/// are not NumPy's: the same seed gives a different matrix than BrainPy, with the same statistics.</remarks>
public abstract class Connector
{
    private protected Connector() { }

    /// <summary>Checks the connector against the sizes; throws <see cref="ArgumentException"/> naming <paramref name="name"/>.</summary>
    internal abstract void Validate(int numPre, int numPost, string name);

    /// <summary>An upper bound on the synapses (exact where the count is fixed; mean + 6σ + 64 for <see cref="BernoulliConnector"/>).</summary>
    internal abstract long MaxSynapses(int numPre, int numPost);

    /// <summary>Bytes the build holds besides the matrix (the global draw of <see cref="FixedTotalNumConnector"/>).</summary>
    internal virtual long TransientBytes(int numPre, int numPost) => 0;

    /// <summary>The row generator of one build (may precompute global state, e.g. <see cref="FixedTotalNumConnector"/>).</summary>
    internal abstract RowSource Prepare(int numPre, int numPost, ulong seed, ulong streamId);

    private protected static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private protected static string B(bool v) => v ? "true" : "false";

    private protected static ArgumentException SelfMismatch(string name, int numPre, int numPost) =>
        new($"{name}: includeSelf: false needs numPre == numPost (it removes the pairs (i, i)), but numPre = {numPre} and numPost = {numPost}; " +
            "use includeSelf: true for projections between different populations (BrainPy raises the same error).");
}

/// <summary>Factories of the connectors of BrainPy's <c>brainpy.connect</c> that <see cref="CsrMatrix"/> stores.</summary>
public static class Connect
{
    /// <summary>BrainPy's <c>conn.FixedProb</c> in its CSR form (what <c>EventCSRLinear</c> and <c>CSRLinear</c> build): each
    /// (selected) pre neuron gets exactly <c>int(numPost·prob)</c> targets drawn uniformly, distinct unless
    /// <paramref name="allowMultiConn"/> (then with replacement, so a row may repeat a target). Not a Bernoulli draw per pair:
    /// for that use <see cref="Bernoulli"/>.</summary>
    /// <param name="prob">Connection probability in [0, 1]; the out-degree is <c>⌊numPost·prob⌋</c> (Python's <c>int</c>).</param>
    /// <param name="includeSelf">False removes the pairs (i, i) after the draw, as BrainPy does: a row that drew its own
    /// index has one target fewer (all its copies, with multi-connections). Needs numPre == numPost.</param>
    /// <param name="allowMultiConn">Draw the targets with replacement (BrainPy's <c>allow_multi_conn</c>).</param>
    /// <param name="preRatio">Share of pre neurons that connect (BrainPy's <c>pre_ratio</c>): <c>int(numPre·preRatio)</c> pre
    /// neurons chosen uniformly get rows, the others none. (BrainPy 2.6's <c>build_csr</c> then loses which pre neurons were
    /// chosen and gives the rows to pres 0 … k−1; we keep the chosen ones.)</param>
    public static FixedProbConnector FixedProb(double prob, bool includeSelf = true, bool allowMultiConn = false, double preRatio = 1.0) =>
        new(prob, includeSelf, allowMultiConn, preRatio);

    /// <summary>Our exact random connectivity: every (pre, post) pair is connected independently with probability
    /// <paramref name="prob"/> (Bernoulli per pair, binomial degrees), drawn by geometric skips from the streams of
    /// <see cref="JitConnectivity"/>: with the same seed and stream id it stores exactly the targets that the JIT kernels
    /// (<see cref="JitDelivery"/>) regenerate. BrainPy's dense <c>FixedProb.build_mat</c> has these statistics.</summary>
    /// <param name="prob">Connection probability in [0, 1].</param>
    /// <param name="includeSelf">False drops the pairs (i, i) (needs numPre == numPost).</param>
    public static BernoulliConnector Bernoulli(double prob, bool includeSelf = true) => new(prob, includeSelf);

    /// <summary>BrainPy's <c>conn.FixedPostNum</c>: each pre neuron gets exactly <paramref name="num"/> targets drawn uniformly
    /// (distinct unless <paramref name="allowMultiConn"/>); <paramref name="includeSelf"/> as in <see cref="FixedProb"/>.</summary>
    public static FixedPostNumConnector FixedPostNum(int num, bool includeSelf = true, bool allowMultiConn = false) =>
        new(num, null, includeSelf, allowMultiConn);

    /// <summary>BrainPy's <c>conn.FixedPostNum</c> with a float <c>num</c>: <c>int(numPost·fraction)</c> targets per pre.</summary>
    public static FixedPostNumConnector FixedPostNum(double fraction, bool includeSelf = true, bool allowMultiConn = false) =>
        new(0, fraction, includeSelf, allowMultiConn);

    /// <summary>BrainPy's <c>conn.FixedPreNum</c>: each post neuron gets exactly <paramref name="num"/> sources drawn uniformly
    /// (distinct unless <paramref name="allowMultiConn"/>); <paramref name="includeSelf"/> false removes (i, i) after the draw.</summary>
    public static FixedPreNumConnector FixedPreNum(int num, bool includeSelf = true, bool allowMultiConn = false) =>
        new(num, null, includeSelf, allowMultiConn);

    /// <summary>BrainPy's <c>conn.FixedPreNum</c> with a float <c>num</c>: <c>int(numPre·fraction)</c> sources per post.</summary>
    public static FixedPreNumConnector FixedPreNum(double fraction, bool includeSelf = true, bool allowMultiConn = false) =>
        new(0, fraction, includeSelf, allowMultiConn);

    /// <summary>BrainPy's <c>conn.FixedTotalNum</c>: exactly <paramref name="num"/> synapses in all, pairs drawn uniformly,
    /// distinct unless <paramref name="allowMultiConn"/>. (BrainPy 2.6 always draws with replacement: allowMultiConn: true.)
    /// Built on one thread (a global draw).</summary>
    public static FixedTotalNumConnector FixedTotalNum(long num, bool allowMultiConn = false) => new(num, allowMultiConn);

    /// <summary>BrainPy's <c>conn.All2All</c>: every pair, less (i, i) when <paramref name="includeSelf"/> is false (needs numPre == numPost).</summary>
    public static AllToAllConnector AllToAll(bool includeSelf = true) => new(includeSelf);

    /// <summary>BrainPy's <c>conn.One2One</c>: pre i to post i (needs numPre == numPost).</summary>
    public static OneToOneConnector OneToOne() => OneToOneConnector.Instance;

    /// <summary>The pairs of a dense boolean mask, row-major <c>mask[pre·numPost + post]</c> (BrainPy's <c>MatConn</c>, what
    /// <c>MaskedLinear</c> multiplies by). The mask is copied.</summary>
    public static MaskConnector Mask(ReadOnlySpan<bool> mask, int numPre, int numPost) => new(mask, numPre, numPost);

    /// <summary>Given pairs (BrainPy's <c>IJConn(i, j)</c>): synapse k connects <paramref name="pre"/>[k] to
    /// <paramref name="post"/>[k]; a repeated pair is a multi-connection. Stored in row order (pre, then post increasing),
    /// so synapse indices follow that order, not the order given. The arrays are copied.</summary>
    public static PairsConnector Pairs(ReadOnlySpan<int> pre, ReadOnlySpan<int> post, int numPre, int numPost) => new(pre, post, numPre, numPost);

    /// <summary>A given CSR (BrainPy's <c>CSRConn(indices, inptr)</c>): row i holds <c>indices[indptr[i] .. indptr[i + 1])</c>
    /// (sorted within each row when stored). The arrays are copied.</summary>
    public static PairsConnector Csr(ReadOnlySpan<int> indptr, ReadOnlySpan<int> indices, int numPost)
    {
        int numPre = indptr.Length - 1;
        if (numPre < 0) throw new ArgumentException("Connect.Csr: indptr needs at least one entry.", nameof(indptr));
        if (indptr[0] != 0 || indptr[numPre] != indices.Length)
            throw new ArgumentException($"Connect.Csr: indptr must start at 0 and end at indices.Length = {indices.Length}, not {indptr[0]} … {indptr[numPre]}.", nameof(indptr));
        var pre = new int[indices.Length];
        for (int i = 0; i < numPre; i++)
        {
            if (indptr[i + 1] < indptr[i]) throw new ArgumentException($"Connect.Csr: indptr decreases at row {i}.", nameof(indptr));
            pre.AsSpan(indptr[i], indptr[i + 1] - indptr[i]).Fill(i);
        }
        return new PairsConnector(pre, indices, numPre, numPost);
    }
}

/// <summary>See <see cref="Connect.FixedProb"/>.</summary>
public sealed class FixedProbConnector : Connector
{
    internal FixedProbConnector(double prob, bool includeSelf, bool allowMultiConn, double preRatio)
    {
        if (!(prob >= 0 && prob <= 1)) throw new ArgumentOutOfRangeException(nameof(prob), prob, "Connect.FixedProb: prob must be in [0, 1].");
        if (!(preRatio >= 0 && preRatio <= 1)) throw new ArgumentOutOfRangeException(nameof(preRatio), preRatio, "Connect.FixedProb: preRatio must be in [0, 1].");
        Prob = prob; IncludeSelf = includeSelf; AllowMultiConn = allowMultiConn; PreRatio = preRatio;
    }

    /// <summary>Connection probability.</summary>
    public double Prob { get; }
    /// <summary>Whether pairs (i, i) are kept.</summary>
    public bool IncludeSelf { get; }
    /// <summary>Whether targets are drawn with replacement.</summary>
    public bool AllowMultiConn { get; }
    /// <summary>Share of pre neurons that connect.</summary>
    public double PreRatio { get; }

    /// <summary>The out-degree before self-removal: <c>int(numPost·prob)</c>.</summary>
    public int OutDegree(int numPost) => (int)(numPost * Prob);

    /// <summary>Pre neurons that get rows: <c>int(numPre·preRatio)</c>.</summary>
    public int SelectedPres(int numPre) => PreRatio >= 1 ? numPre : (int)(numPre * PreRatio);

    internal override void Validate(int numPre, int numPost, string name)
    {
        if (!IncludeSelf && numPre != numPost) throw SelfMismatch(name, numPre, numPost);
    }

    internal override long MaxSynapses(int numPre, int numPost) => (long)SelectedPres(numPre) * OutDegree(numPost);

    internal override RowSource Prepare(int numPre, int numPost, ulong seed, ulong streamId) =>
        new DrawRows(numPre, numPost, seed, streamId, OutDegree(numPost), AllowMultiConn, IncludeSelf, SelectedPres(numPre), 1);

    /// <inheritdoc/>
    public override string ToString() =>
        $"FixedProb(prob: {F(Prob)}, includeSelf: {B(IncludeSelf)}, allowMultiConn: {B(AllowMultiConn)}" + (PreRatio < 1 ? $", preRatio: {F(PreRatio)})" : ")");
}

/// <summary>See <see cref="Connect.Bernoulli"/>.</summary>
public sealed class BernoulliConnector : Connector
{
    internal BernoulliConnector(double prob, bool includeSelf)
    {
        if (!(prob >= 0 && prob <= 1)) throw new ArgumentOutOfRangeException(nameof(prob), prob, "Connect.Bernoulli: prob must be in [0, 1].");
        Prob = prob; IncludeSelf = includeSelf;
    }

    /// <summary>Connection probability per pair.</summary>
    public double Prob { get; }
    /// <summary>Whether pairs (i, i) are kept.</summary>
    public bool IncludeSelf { get; }

    internal override void Validate(int numPre, int numPost, string name)
    {
        if (!IncludeSelf && numPre != numPost) throw SelfMismatch(name, numPre, numPost);
    }

    internal override long MaxSynapses(int numPre, int numPost)
    {
        double mean = (double)numPre * numPost * Prob;
        double max = Math.Min((double)numPre * numPost, mean + 6 * Math.Sqrt(mean * (1 - Prob)) + 64);
        return (long)Math.Ceiling(max);
    }

    internal override RowSource Prepare(int numPre, int numPost, ulong seed, ulong streamId) =>
        new BernoulliRows(numPre, numPost, seed, streamId, Prob, IncludeSelf);

    /// <inheritdoc/>
    public override string ToString() => $"Bernoulli(prob: {F(Prob)}, includeSelf: {B(IncludeSelf)})";
}

/// <summary>A fixed count per row or per column: <see cref="FixedPostNumConnector"/> and <see cref="FixedPreNumConnector"/>.</summary>
public abstract class FixedNumConnector : Connector
{
    readonly string _kind;

    private protected FixedNumConnector(string kind, int num, double? fraction, bool includeSelf, bool allowMultiConn)
    {
        if (num < 0) throw new ArgumentOutOfRangeException(nameof(num), num, $"Connect.{kind}: num must be ≥ 0.");
        if (fraction is double f && !(f >= 0 && f <= 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), f, $"Connect.{kind}: a fractional num must be in [0, 1].");
        _kind = kind; Num = num; Fraction = fraction; IncludeSelf = includeSelf; AllowMultiConn = allowMultiConn;
    }

    /// <summary>The fraction given instead of a count (BrainPy's float <c>num</c>), or null.</summary>
    public double? Fraction { get; }

    /// <summary>The count for <paramref name="size"/> neurons on the drawn side: <see cref="Num"/>, or <c>int(size·fraction)</c>.</summary>
    public int NumFor(int size) => Fraction is double f ? (int)(size * f) : Num;

    /// <summary>Targets per pre (FixedPostNum) or sources per post (FixedPreNum), before self-removal; 0 when
    /// <see cref="Fraction"/> is given.</summary>
    public int Num { get; }
    /// <summary>Whether pairs (i, i) are kept.</summary>
    public bool IncludeSelf { get; }
    /// <summary>Whether the drawn side is drawn with replacement.</summary>
    public bool AllowMultiConn { get; }

    /// <summary>Checks the count against the drawn side's size and the self rule.</summary>
    private protected void Validate(int drawnSize, string drawnName, int numPre, int numPost, string name)
    {
        if (NumFor(drawnSize) > drawnSize)
            throw new ArgumentException($"{name}: {_kind}(num: {NumFor(drawnSize)}) needs num ≤ {drawnName} = {drawnSize} (BrainPy raises the same error).");
        if (!IncludeSelf && numPre != numPost) throw SelfMismatch(name, numPre, numPost);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{_kind}(num: {(Fraction is double f ? F(f) : Num.ToString(CultureInfo.InvariantCulture))}, includeSelf: {B(IncludeSelf)}, allowMultiConn: {B(AllowMultiConn)})";
}

/// <summary>See <see cref="Connect.FixedPostNum(int, bool, bool)"/>.</summary>
public sealed class FixedPostNumConnector : FixedNumConnector
{
    internal FixedPostNumConnector(int num, double? fraction, bool includeSelf, bool allowMultiConn)
        : base("FixedPostNum", num, fraction, includeSelf, allowMultiConn) { }

    internal override void Validate(int numPre, int numPost, string name) => Validate(numPost, "numPost", numPre, numPost, name);

    internal override long MaxSynapses(int numPre, int numPost) => (long)numPre * NumFor(numPost);

    internal override RowSource Prepare(int numPre, int numPost, ulong seed, ulong streamId) =>
        new DrawRows(numPre, numPost, seed, streamId, NumFor(numPost), AllowMultiConn, IncludeSelf, numPre, 2);
}

/// <summary>See <see cref="Connect.FixedPreNum(int, bool, bool)"/>.</summary>
public sealed class FixedPreNumConnector : FixedNumConnector
{
    internal FixedPreNumConnector(int num, double? fraction, bool includeSelf, bool allowMultiConn)
        : base("FixedPreNum", num, fraction, includeSelf, allowMultiConn) { }

    internal override void Validate(int numPre, int numPost, string name) => Validate(numPre, "numPre", numPre, numPost, name);

    internal override long MaxSynapses(int numPre, int numPost) => (long)numPost * NumFor(numPre);

    internal override RowSource Prepare(int numPre, int numPost, ulong seed, ulong streamId) =>
        new DrawColumns(numPre, numPost, seed, streamId, NumFor(numPre), AllowMultiConn, IncludeSelf);
}

/// <summary>See <see cref="Connect.FixedTotalNum"/>.</summary>
public sealed class FixedTotalNumConnector : Connector
{
    internal FixedTotalNumConnector(long num, bool allowMultiConn)
    {
        if (num < 0) throw new ArgumentOutOfRangeException(nameof(num), num, "Connect.FixedTotalNum: num must be ≥ 0.");
        Num = num; AllowMultiConn = allowMultiConn;
    }

    /// <summary>Synapses in all.</summary>
    public long Num { get; }
    /// <summary>Whether pairs are drawn with replacement.</summary>
    public bool AllowMultiConn { get; }

    internal override void Validate(int numPre, int numPost, string name)
    {
        long all = (long)numPre * numPost;
        if (Num > all && !(AllowMultiConn && all > 0))
            throw new ArgumentException($"{name}: FixedTotalNum(num: {Num}) needs num ≤ numPre·numPost = {all}" +
                (AllowMultiConn ? " > 0." : " without multi-connections (BrainPy raises the same error)."));
        if (Num > Array.MaxLength)
            throw new ArgumentException($"{name}: FixedTotalNum(num: {Num}) is more than the {Array.MaxLength} synapses one build can draw.");
    }

    internal override long MaxSynapses(int numPre, int numPost) => Num;

    // The sorted pair codes (8 bytes each) and, without multi-connections, the hash set that dedupes them (about 24 more).
    internal override long TransientBytes(int numPre, int numPost) => (AllowMultiConn ? 8 : 32) * Num;

    internal override RowSource Prepare(int numPre, int numPost, ulong seed, ulong streamId) =>
        new TotalRows(numPre, numPost, seed, streamId, Num, AllowMultiConn);

    /// <inheritdoc/>
    public override string ToString() => $"FixedTotalNum(num: {Num}, allowMultiConn: {B(AllowMultiConn)})";
}

/// <summary>See <see cref="Connect.AllToAll"/>.</summary>
public sealed class AllToAllConnector : Connector
{
    internal AllToAllConnector(bool includeSelf) => IncludeSelf = includeSelf;

    /// <summary>Whether pairs (i, i) are kept.</summary>
    public bool IncludeSelf { get; }

    internal override void Validate(int numPre, int numPost, string name)
    {
        if (!IncludeSelf && numPre != numPost) throw SelfMismatch(name, numPre, numPost);
    }

    internal override long MaxSynapses(int numPre, int numPost) => (long)numPre * numPost;

    internal override RowSource Prepare(int numPre, int numPost, ulong seed, ulong streamId) => new AllRows(numPre, numPost, IncludeSelf);

    /// <inheritdoc/>
    public override string ToString() => $"AllToAll(includeSelf: {B(IncludeSelf)})";
}

/// <summary>See <see cref="Connect.OneToOne"/>.</summary>
public sealed class OneToOneConnector : Connector
{
    internal static readonly OneToOneConnector Instance = new();

    OneToOneConnector() { }

    internal override void Validate(int numPre, int numPost, string name)
    {
        if (numPre != numPost)
            throw new ArgumentException($"{name}: OneToOne needs numPre == numPost, but numPre = {numPre} and numPost = {numPost}.");
    }

    internal override long MaxSynapses(int numPre, int numPost) => Math.Min(numPre, numPost);

    internal override RowSource Prepare(int numPre, int numPost, ulong seed, ulong streamId) => new OneRows(numPre);

    /// <inheritdoc/>
    public override string ToString() => "OneToOne()";
}

/// <summary>See <see cref="Connect.Mask"/>.</summary>
public sealed class MaskConnector : Connector
{
    readonly bool[] _mask;

    internal MaskConnector(ReadOnlySpan<bool> mask, int numPre, int numPost)
    {
        if (numPre < 0 || numPost < 0 || (long)numPre * numPost != mask.Length)
            throw new ArgumentException($"Connect.Mask: the mask holds {mask.Length} entries but numPre·numPost = {(long)numPre * numPost}.", nameof(mask));
        _mask = mask.ToArray();
        NumPre = numPre; NumPost = numPost;
        foreach (bool m in _mask) if (m) Count++;
    }

    /// <summary>Rows of the mask.</summary>
    public int NumPre { get; }
    /// <summary>Columns of the mask.</summary>
    public int NumPost { get; }
    /// <summary>True entries.</summary>
    public long Count { get; }

    internal ReadOnlySpan<bool> Row(int pre) => _mask.AsSpan(pre * NumPost, NumPost);

    internal override void Validate(int numPre, int numPost, string name)
    {
        if (numPre != NumPre || numPost != NumPost)
            throw new ArgumentException($"{name}: the mask is {NumPre} × {NumPost} but the projection is {numPre} × {numPost}.");
    }

    internal override long MaxSynapses(int numPre, int numPost) => Count;

    internal override RowSource Prepare(int numPre, int numPost, ulong seed, ulong streamId) => new MaskRows(this);

    /// <inheritdoc/>
    public override string ToString() => $"Mask({NumPre} × {NumPost}, {Count} true)";
}

/// <summary>See <see cref="Connect.Pairs"/> and <see cref="Connect.Csr"/>.</summary>
public sealed class PairsConnector : Connector
{
    internal readonly long[] Codes;   // pre·numPost + post, sorted
    internal readonly int[] RowStart; // numPre + 1

    internal PairsConnector(ReadOnlySpan<int> pre, ReadOnlySpan<int> post, int numPre, int numPost)
    {
        if (numPre < 0 || numPost < 0) throw new ArgumentOutOfRangeException(nameof(numPre), "Connect.Pairs: sizes must be ≥ 0.");
        if (pre.Length != post.Length)
            throw new ArgumentException($"Connect.Pairs: {pre.Length} pre indices but {post.Length} post indices.", nameof(post));
        NumPre = numPre; NumPost = numPost;
        Codes = new long[pre.Length];
        for (int k = 0; k < pre.Length; k++)
        {
            if ((uint)pre[k] >= (uint)numPre || (uint)post[k] >= (uint)numPost)
                throw new ArgumentOutOfRangeException(nameof(pre), $"Connect.Pairs: pair {k} = ({pre[k]}, {post[k]}) is outside {numPre} × {numPost}.");
            Codes[k] = (long)pre[k] * numPost + post[k];
        }
        Array.Sort(Codes);
        RowStart = new int[numPre + 1];
        foreach (long c in Codes) RowStart[c / numPost + 1]++;
        for (int i = 0; i < numPre; i++)
        {
            MaxRow = Math.Max(MaxRow, RowStart[i + 1]);
            RowStart[i + 1] += RowStart[i];
        }
    }

    /// <summary>Rows.</summary>
    public int NumPre { get; }
    /// <summary>Columns.</summary>
    public int NumPost { get; }
    /// <summary>Pairs (synapses).</summary>
    public long Count => Codes.Length;
    internal int MaxRow { get; }

    internal override void Validate(int numPre, int numPost, string name)
    {
        if (numPre != NumPre || numPost != NumPost)
            throw new ArgumentException($"{name}: the pairs are for {NumPre} × {NumPost} but the projection is {numPre} × {numPost}.");
    }

    internal override long MaxSynapses(int numPre, int numPost) => Codes.Length;

    internal override RowSource Prepare(int numPre, int numPost, ulong seed, ulong streamId) => new PairRows(this);

    /// <inheritdoc/>
    public override string ToString() => $"Pairs({NumPre} × {NumPost}, {Codes.Length} synapses)";
}
