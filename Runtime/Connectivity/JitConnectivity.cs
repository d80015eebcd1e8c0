using System;
using System.Runtime.CompilerServices;

namespace SpikeSharp;

/// <summary>
/// Just-in-time random connectivity (BrainPy's <c>EventJitFP*</c> comm layers), regenerated on every spike and
/// never stored. Every (pre, post) pair is connected independently with probability <c>p</c>: the targets of a
/// pre neuron are visited by geometric skips, <c>skip = ⌊ln U / ln(1 − p)⌋</c> with <c>U</c> uniform in (0, 1],
/// so <c>P(skip ≥ k) = (1 − p)^k</c> exactly (up to double rounding and the 2⁻⁵³ grid of U, whose top cell is refined
/// so that every p in (0, 1], down to <c>double.Epsilon</c>, keeps its probability): Bernoulli(p) per pair, targets strictly
/// increasing, none repeated. BrainPy instead draws gaps uniform on [1, 2⌈1/p⌉ − 1], an effective probability
/// of 1/⌈1/p⌉ with a third of the binomial variance; we do not reproduce that (design.md, decision 3).
/// </summary>
/// <remarks>
/// The post range is cut into <see cref="BlockCount"/> contiguous blocks; the walk of block <c>b</c> of pre
/// neuron <c>j</c> uses its own stream keyed by (seed, stream id, j, b), so each block can be regenerated alone (threads
/// own blocks, results do not depend on the thread count). The block layout depends only on <c>numOut</c>.
/// </remarks>
public static class JitConnectivity
{
    /// <summary>Posts per block are at least this many (fewer, larger blocks cost fewer stream restarts).</summary>
    public const int MinBlockSize = 8192;

    /// <summary>At most this many blocks (the most threads that can share one projection's delivery).</summary>
    public const int MaxBlocks = 16;

    /// <summary>Number of post blocks for a projection onto <paramref name="numOut"/> neurons.</summary>
    public static int BlockCount(int numOut) => Math.Clamp((numOut + MinBlockSize - 1) / MinBlockSize, 1, MaxBlocks);

    /// <summary>First post index of block <paramref name="block"/> (block <see cref="BlockCount"/> gives <paramref name="numOut"/>).</summary>
    public static int BlockStart(int numOut, int block) => (int)((long)numOut * block / BlockCount(numOut));

    /// <summary><c>ln(1 − p)</c>, accurate to a few ulps for every <paramref name="prob"/> in [0, 1] (<c>Math.Log(1 − p)</c>
    /// is 0 for p below 2⁻⁵⁴ and wrong by up to 100 % long before; .NET's <c>double.LogP1</c> is <c>Log(1 + x)</c>).</summary>
    public static double Log1m(double prob)
    {
        double u = 1.0 - prob;
        // u − 1 is exact; ln(u)·(−p)/(u − 1) cancels the rounding of u (Goldberg, "What every computer scientist…", thm. 4).
        return u == 1.0 ? -prob : Math.Log(u) * -prob / (u - 1.0);
    }

    /// <summary><c>1 / ln(1 − p)</c>, the factor that turns <c>ln U</c> into a geometric skip (−0 for p = 1,
    /// −∞ for p below about 5.6e-309, where every skip outside the top cell is infinite).</summary>
    public static double SkipScale(double prob) => 1.0 / Log1m(ValidateProb(prob));

    /// <summary><c>−ln(1 − p)·2⁵³</c>: the divisor of the top cell's refined skip (see <see cref="Skip"/>).</summary>
    internal static double TopCellDivisor(double prob) => -Log1m(ValidateProb(prob)) * (1UL << 53);

    static double ValidateProb(double prob) =>
        prob > 0 && prob <= 1 ? prob : throw new ArgumentOutOfRangeException(nameof(prob), prob, "JitConnectivity: Prob must be in (0, 1].");

    /// <summary>The skip of cell <paramref name="u"/> in [1, 2⁵³): <c>⌊ln(u·2⁻⁵³)·scale⌋</c>, saturated at <see cref="long.MaxValue"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long LogSkip(ulong u, double scale)
    {
        double skip = Math.Log(u * (1.0 / (1UL << 53))) * scale; // ≥ 0 or +∞: ln < 0 and scale ≤ −0
        return skip < 9.0e18 ? (long)skip : long.MaxValue;
    }

    /// <summary>The geometric skip of the draw at counter <paramref name="ctr"/>: <c>⌊−ln U / λ⌋</c>, λ = −ln(1 − p), with
    /// <c>U = u·2⁻⁵³</c>, <c>u = (Mix(ctr) ≫ 11) + 1</c>. The top cell u = 2⁵³ (U in (1 − 2⁻⁵³, 1], probability 2⁻⁵³) is
    /// refined: there <c>−ln U = 2⁻⁵³·W</c> with W uniform in [0, 1) drawn from further words of the counter, so that
    /// for p below 2⁻⁵³ a connection keeps probability p instead of 2⁻⁵³ (the unrefined cell would always give skip 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long Skip(ulong ctr, double scale, double topDivisor)
    {
        ulong u = (CounterRng.Mix(ctr) >> 11) + 1;
        return u != 1UL << 53 ? LogSkip(u, scale) : TopCellSkip(ctr, topDivisor);
    }

    /// <summary>The refined skip of the top cell: <c>⌊W / topDivisor⌋</c>. W's leading zero words are counted (up to
    /// 20; all zero, probability 2⁻¹²⁸⁰, far below any double p, gives W = 0) so that W has full precision however small.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static long TopCellSkip(ulong ctr, double topDivisor)
    {
        if (topDivisor >= 1) return 0; // W < 1 ≤ divisor: λ ≥ 2⁻⁵³, the whole cell has skip 0 (no extra draw)
        for (int z = 0; z < 20; z++)
        {
            ulong w = CounterRng.Mix(ctr + (ulong)(z + 1) * 0xD1B54A32D192ED03UL);
            if (w == 0) continue;
            // W = w·2⁻⁶⁴⁽ᶻ⁺¹⁾; scale the divisor up instead of W down, so nothing underflows (a divisor that
            // overflows means W/divisor is below 2⁻⁹⁰⁰: skip 0).
            double skip = w / Math.ScaleB(topDivisor, 64 * (z + 1));
            return skip < 9.0e18 ? (long)skip : long.MaxValue;
        }
        return 0;
    }

    /// <summary>Writes the targets of <paramref name="pre"/> (increasing) into <paramref name="targets"/>; returns their count.
    /// The reference walk (one <c>Math.Log</c> per target): for tests and inspection; the hot path,
    /// <see cref="JitDelivery"/>, visits exactly these targets. The streams are keyed by (<paramref name="seed"/>,
    /// <paramref name="streamId"/>, pre, block): a generated projection passes its <c>StreamId</c>.</summary>
    public static int Targets(ulong seed, ulong streamId, int pre, int numOut, double prob, Span<int> targets)
    {
        if (numOut < 0) throw new ArgumentOutOfRangeException(nameof(numOut), numOut, "JitConnectivity.Targets: numOut must be ≥ 0.");
        double scale = SkipScale(prob), top = TopCellDivisor(prob);
        int n = 0;
        int blocks = BlockCount(numOut);
        ulong seedKey = CounterRng.SeedKey(seed, streamId);
        for (int b = 0; b < blocks; b++)
        {
            int start = BlockStart(numOut, b), end = BlockStart(numOut, b + 1);
            ulong ctr = CounterRng.StreamKeyOfSeedKey(seedKey, (ulong)pre, (ulong)b);
            long pos = start;
            while (true)
            {
                ctr += CounterRng.Gamma;
                long skip = Skip(ctr, scale, top);
                if (skip >= end - pos) break;
                pos += skip;
                targets[n++] = (int)pos;
                if (++pos >= end) break;
            }
        }
        return n;
    }
}
