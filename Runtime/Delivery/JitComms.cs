using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SpikeSharp;

/// <summary>
/// The JIT comms beyond <see cref="JitDelivery.AddHomo(Span{float}, ulong, ulong, Spikes, GeometricSkips, float, int, int)"/>:
/// BrainPy's <c>EventJitFPUniformLinear</c> and <c>EventJitFPNormalLinear</c> (events) and <c>JitFPHomoLinear</c>,
/// <c>JitFPUniformLinear</c>, <c>JitFPNormalLinear</c> (float input, <c>y[r] += w·x[k]</c>). All visit exactly the targets of
/// <see cref="JitConnectivity.Targets"/> for the same seed, stream id and probability (the homo kernel's targets), over a
/// range of post blocks, so threads owning disjoint blocks give bit-identical results for any split.
/// </summary>
/// <remarks>
/// <para>The weight of synapse (pre, post) is a function of (seed, stream id, pre, post) alone, drawn from its own
/// counter-based stream when the synapse is visited: <see cref="UniformWeight"/> and <see cref="NormalWeight"/> give it
/// for references and inspection. So a synapse has the same weight in the event and non-event forms, in every call, for
/// every block split; nothing is stored. (BrainPy draws each weight from the connectivity stream just before its target,
/// and its matrices differ anyway: brainpy-semantics.md §5.2.)</para>
/// <para>The non-event forms visit every pre neuron, whatever its value (a zero input adds a zero), pres in order: the
/// same order as a stored <see cref="CsrMatrix.Multiply(ReadOnlySpan{float}, Span{float}, float)"/>.</para>
/// </remarks>
public static class JitComms
{
    const ulong WeightSalt = 0x4A49_5457_4549_4748UL;

    /// <summary>The key of the weight stream of <paramref name="pre"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static ulong WeightKey(ulong seedKey, int pre) => CounterRng.StreamKeyOfSeedKey(seedKey, (ulong)pre, WeightSalt);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static ulong WeightBits(ulong weightKey, long post) => CounterRng.Mix(weightKey + (ulong)(post + 1) * CounterRng.Gamma);

    /// <summary>The weight <see cref="EventUniform"/> and <see cref="MultiplyUniform"/> give synapse (pre, post):
    /// <c>low + (high − low)·U</c>, U uniform in [0, 1) on a 2⁻²⁴ grid.</summary>
    public static float UniformWeight(ulong seed, ulong streamId, int pre, int post, float low, float high) =>
        new Uniform(low, high).At(WeightBits(WeightKey(CounterRng.SeedKey(seed, streamId), pre), post));

    /// <summary>The weight <see cref="EventNormal"/> and <see cref="MultiplyNormal"/> give synapse (pre, post):
    /// <c>mu + sigma·Z</c>, Z standard normal (a ziggurat draw in double from one 64-bit word).</summary>
    public static float NormalWeight(ulong seed, ulong streamId, int pre, int post, float mu, float sigma) =>
        new Normal(mu, sigma).At(WeightBits(WeightKey(CounterRng.SeedKey(seed, streamId), pre), post));

    /// <summary>EventJitFPUniformLinear: for every spiking pre and each of its targets r in blocks
    /// [<paramref name="firstBlock"/>, <paramref name="endBlock"/>), <c>g[r] += </c><see cref="UniformWeight"/>.</summary>
    public static void EventUniform(Span<float> g, ulong seed, ulong streamId, Spikes spikes, GeometricSkips skips, float low, float high,
        int firstBlock, int endBlock) =>
        Event(g, seed, streamId, spikes, skips, new Uniform(low, high), firstBlock, endBlock, nameof(EventUniform));

    /// <summary>EventJitFPNormalLinear: as <see cref="EventUniform"/> with <see cref="NormalWeight"/>.</summary>
    public static void EventNormal(Span<float> g, ulong seed, ulong streamId, Spikes spikes, GeometricSkips skips, float mu, float sigma,
        int firstBlock, int endBlock) =>
        Event(g, seed, streamId, spikes, skips, new Normal(mu, sigma), firstBlock, endBlock, nameof(EventNormal));

    /// <summary>EventJitFPUniformLinear scaled per spiking pre neuron (BrainPy's older STD/STP form, <c>g += W·(spike·x)</c>): as
    /// <see cref="EventUniform"/>, but each target r of a spiking pre i adds <c>scale[i]·</c><see cref="UniformWeight"/> (the
    /// float product). Same targets and order of adds as the unscaled kernel: bit-identical for every block split. Allocates nothing.</summary>
    public static void EventUniformScaled(Span<float> g, ulong seed, ulong streamId, Spikes spikes, GeometricSkips skips, float low, float high,
        ReadOnlySpan<float> scale, int firstBlock, int endBlock) =>
        EventScaled(g, seed, streamId, spikes, skips, new Uniform(low, high), scale, firstBlock, endBlock, nameof(EventUniformScaled));

    /// <summary>EventJitFPNormalLinear scaled per spiking pre neuron: as <see cref="EventUniformScaled"/> with <see cref="NormalWeight"/>.</summary>
    public static void EventNormalScaled(Span<float> g, ulong seed, ulong streamId, Spikes spikes, GeometricSkips skips, float mu, float sigma,
        ReadOnlySpan<float> scale, int firstBlock, int endBlock) =>
        EventScaled(g, seed, streamId, spikes, skips, new Normal(mu, sigma), scale, firstBlock, endBlock, nameof(EventNormalScaled));

    /// <summary>JitFPHomoLinear: for every pre k (in order) and each of its targets r in the blocks, <c>g[r] += (weight·x[k])</c>.</summary>
    public static void MultiplyHomo(ReadOnlySpan<float> x, Span<float> g, ulong seed, ulong streamId, GeometricSkips skips, float weight,
        int firstBlock, int endBlock)
    {
        Check(g.Length, x.Length, -1, skips, firstBlock, endBlock, nameof(MultiplyHomo));
        ref float g0 = ref MemoryMarshal.GetReference(g);
        ulong seedKey = CounterRng.SeedKey(seed, streamId);
        int numOut = g.Length;
        for (int b = firstBlock; b < endBlock; b++)
        {
            int start = JitConnectivity.BlockStart(numOut, b), end = JitConnectivity.BlockStart(numOut, b + 1);
            for (int k = 0; k < x.Length; k++)
            {
                ulong key = CounterRng.StreamKeyOfSeedKey(seedKey, (ulong)k, (ulong)b);
                Walk(ref g0, key, start, end, skips, new Homo(weight * x[k]), 1f);
            }
        }
    }

    /// <summary>JitFPUniformLinear: <c>g[r] += x[k]·</c><see cref="UniformWeight"/> for every pre k (in order) and target r in the blocks.</summary>
    public static void MultiplyUniform(ReadOnlySpan<float> x, Span<float> g, ulong seed, ulong streamId, GeometricSkips skips, float low, float high,
        int firstBlock, int endBlock) =>
        Multiply(x, g, seed, streamId, skips, new Uniform(low, high), firstBlock, endBlock, nameof(MultiplyUniform));

    /// <summary>JitFPNormalLinear: <c>g[r] += x[k]·</c><see cref="NormalWeight"/> for every pre k (in order) and target r in the blocks.</summary>
    public static void MultiplyNormal(ReadOnlySpan<float> x, Span<float> g, ulong seed, ulong streamId, GeometricSkips skips, float mu, float sigma,
        int firstBlock, int endBlock) =>
        Multiply(x, g, seed, streamId, skips, new Normal(mu, sigma), firstBlock, endBlock, nameof(MultiplyNormal));

    static void Check(int numOut, int numIn, int spikesLength, GeometricSkips skips, int firstBlock, int endBlock, string method)
    {
        ArgumentNullException.ThrowIfNull(skips);
        if (spikesLength >= 0 && spikesLength != numIn)
            throw new ArgumentException($"JitComms.{method}: the spikes cover {spikesLength} neurons but numIn = {numIn}.", "spikes");
        int blocks = JitConnectivity.BlockCount(numOut);
        if (firstBlock < 0 || endBlock > blocks || firstBlock > endBlock)
            throw new ArgumentOutOfRangeException(nameof(endBlock), $"JitComms.{method}: blocks [{firstBlock}, {endBlock}) are outside [0, {blocks}).");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Event<TW>(Span<float> g, ulong seed, ulong streamId, Spikes spikes, GeometricSkips skips, TW w, int firstBlock, int endBlock, string method)
        where TW : struct, IWeight<TW>
    {
        Check(g.Length, spikes.Length, spikes.Length, skips, firstBlock, endBlock, method);
        ref float g0 = ref MemoryMarshal.GetReference(g);
        ulong seedKey = CounterRng.SeedKey(seed, streamId);
        int numOut = g.Length;
        for (int b = firstBlock; b < endBlock; b++)
        {
            int start = JitConnectivity.BlockStart(numOut, b), end = JitConnectivity.BlockStart(numOut, b + 1);
            for (int k = 0; k < spikes.Count; k++)
            {
                int pre = spikes.IndexAt(k);
                Walk(ref g0, CounterRng.StreamKeyOfSeedKey(seedKey, (ulong)pre, (ulong)b), start, end, skips, w.For(WeightKey(seedKey, pre)), 1f);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void EventScaled<TW>(Span<float> g, ulong seed, ulong streamId, Spikes spikes, GeometricSkips skips, TW w, ReadOnlySpan<float> scale,
        int firstBlock, int endBlock, string method) where TW : struct, IWeight<TW>
    {
        Check(g.Length, spikes.Length, spikes.Length, skips, firstBlock, endBlock, method);
        if (scale.Length != spikes.Length)
            throw new ArgumentException($"JitComms.{method}: the scale covers {scale.Length} neurons but the spikes {spikes.Length}.", nameof(scale));
        ref float g0 = ref MemoryMarshal.GetReference(g);
        ulong seedKey = CounterRng.SeedKey(seed, streamId);
        int numOut = g.Length;
        for (int b = firstBlock; b < endBlock; b++)
        {
            int start = JitConnectivity.BlockStart(numOut, b), end = JitConnectivity.BlockStart(numOut, b + 1);
            for (int k = 0; k < spikes.Count; k++)
            {
                int pre = spikes.IndexAt(k);
                Walk(ref g0, CounterRng.StreamKeyOfSeedKey(seedKey, (ulong)pre, (ulong)b), start, end, skips, w.For(WeightKey(seedKey, pre)), scale[pre]);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Multiply<TW>(ReadOnlySpan<float> x, Span<float> g, ulong seed, ulong streamId, GeometricSkips skips, TW w, int firstBlock, int endBlock, string method)
        where TW : struct, IWeight<TW>
    {
        Check(g.Length, x.Length, -1, skips, firstBlock, endBlock, method);
        ref float g0 = ref MemoryMarshal.GetReference(g);
        ulong seedKey = CounterRng.SeedKey(seed, streamId);
        int numOut = g.Length;
        for (int b = firstBlock; b < endBlock; b++)
        {
            int start = JitConnectivity.BlockStart(numOut, b), end = JitConnectivity.BlockStart(numOut, b + 1);
            for (int k = 0; k < x.Length; k++)
                Walk(ref g0, CounterRng.StreamKeyOfSeedKey(seedKey, (ulong)k, (ulong)b), start, end, skips, w.For(WeightKey(seedKey, k)), x[k]);
        }
    }

    /// <summary>A weight rule: <see cref="For"/> binds it to one pre's weight stream, <see cref="At"/> gives a target's weight.
    /// Structs, so each kernel is specialised and At inlines (no boxing, no interface call).</summary>
    internal interface IWeight<TSelf> where TSelf : struct, IWeight<TSelf>
    {
        TSelf For(ulong weightKey);
        float At(long post);
    }

    readonly struct Homo(float w) : IWeight<Homo>
    {
        public Homo For(ulong weightKey) => this;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float At(long post) => w;
    }

    readonly struct Uniform(float low, float high, ulong key = 0) : IWeight<Uniform>
    {
        public Uniform For(ulong weightKey) => new(low, high, weightKey);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float At(long post) => At(WeightBits(key, post));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float At(ulong bits) => low + (high - low) * ((bits >> 40) * (1.0f / (1 << 24)));
    }

    readonly struct Normal(float mu, float sigma, ulong key = 0) : IWeight<Normal>
    {
        public Normal For(ulong weightKey) => new(mu, sigma, weightKey);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float At(long post) => At(WeightBits(key, post));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float At(ulong bits) => (float)(mu + sigma * Gaussian.Standard(bits));
    }

    /// <summary>The walk of one (pre, block) stream: <see cref="JitDelivery"/>'s targets (the same table and slow path), each
    /// adding <c>scale·w.At(target)</c> (the event forms pass scale 1, which changes no bit; Homo has the scale folded in).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    static void Walk<TB>(ref float g0, ulong ctr, int start, int end, GeometricSkips skips, TB w, float scale) where TB : struct, IWeight<TB>
    {
        ref ulong table = ref skips.TableRef;
        int shift = skips.Shift;
        ulong lowMask = skips.LowMask;
        long pos = start;
        while (true)
        {
            ctr += CounterRng.Gamma;
            long skip = GeometricSkips.Decode(ref table, shift, lowMask, CounterRng.Mix(ctr));
            if (skip >= GeometricSkips.SlowMark) skip = skips.SlowSkip(ctr);
            if (skip >= end - pos) return;
            pos += skip;
            Unsafe.Add(ref g0, (nint)pos) += typeof(TB) == typeof(Homo) ? w.At(pos) : scale * w.At(pos);
            if (++pos >= end) return;
        }
    }
}
