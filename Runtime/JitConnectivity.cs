using System;

namespace SpikeSharp;

/// <summary>
/// Just-in-time random connectivity (BrainPy's <c>EventJitFP*</c> comm layers), regenerated on every spike and
/// never stored. Every (pre, post) pair is connected independently with probability <c>p</c>: the targets of a
/// pre neuron are visited by geometric skips, <c>skip = ⌊ln U / ln(1 − p)⌋</c> with <c>U</c> uniform in (0, 1],
/// so <c>P(skip ≥ k) = (1 − p)^k</c> exactly (up to double rounding): Bernoulli(p) per pair, targets strictly
/// increasing, none repeated. BrainPy instead draws gaps uniform on [1, 2⌈1/p⌉ − 1], an effective probability
/// of 1/⌈1/p⌉ with a third of the binomial variance; we do not reproduce that (design.md, decision 3).
/// </summary>
/// <remarks>
/// The post range is cut into <see cref="BlockCount"/> contiguous blocks; the walk of block <c>b</c> of pre
/// neuron <c>j</c> uses its own stream keyed by (seed, j, b), so each block can be regenerated alone (threads
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

    /// <summary><c>1 / ln(1 − p)</c>, the factor that turns <c>ln U</c> into a geometric skip (−0 for p = 1).</summary>
    public static double SkipScale(double prob)
    {
        if (!(prob > 0 && prob <= 1))
            throw new ArgumentOutOfRangeException(nameof(prob), prob, "JitConnectivity: Prob must be in (0, 1].");
        return 1.0 / Math.Log(1.0 - prob);
    }

    /// <summary>Writes the targets of <paramref name="pre"/> (increasing) into <paramref name="targets"/>; returns their count.
    /// The reference walk (one <c>Math.Log</c> per target): for tests and inspection; the hot path,
    /// <see cref="JitDelivery"/>, visits exactly these targets.</summary>
    public static int Targets(ulong seed, int pre, int numOut, double prob, Span<int> targets)
    {
        double scale = SkipScale(prob);
        int n = 0;
        int blocks = BlockCount(numOut);
        for (int b = 0; b < blocks; b++)
        {
            int start = BlockStart(numOut, b), end = BlockStart(numOut, b + 1);
            ulong ctr = CounterRng.StreamKey(seed, (ulong)pre, (ulong)b);
            int pos = start;
            while (true)
            {
                ctr += CounterRng.Gamma;
                double skip = Math.Log(CounterRng.ToUnitOpenClosed(CounterRng.Mix(ctr))) * scale;
                if (skip >= end - pos) break;
                pos += (int)skip;
                targets[n++] = pos;
                if (++pos >= end) break;
            }
        }
        return n;
    }
}
