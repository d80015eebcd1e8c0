using System;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace SpikeSharp;

/// <summary>
/// The weights of a projection's synapses (BrainPy's weight initializers as a comm sees them): one homogeneous weight, or
/// one per synapse drawn uniformly or normally (a ziggurat draw, optionally clipped). Immutable; <see cref="Fill"/> draws synapse <c>s</c>
/// from draw <c>s</c> of a counter-based stream keyed by (seed, stream id), so the weights are the same for any thread
/// count and any block layout.
/// </summary>
public abstract class SynapseWeights
{
    private protected SynapseWeights() { }

    /// <summary>One weight for every synapse.</summary>
    public static HomoWeights Homo(float weight) => new(weight);

    /// <summary>Weights uniform in [<paramref name="low"/>, <paramref name="high"/>) (BrainPy's <c>Uniform(min_val, max_val)</c>).</summary>
    public static UniformWeights Uniform(float low, float high) => new(low, high);

    /// <summary>Weights normal with <paramref name="mean"/> and standard deviation <paramref name="std"/>, clipped to
    /// [<paramref name="min"/>, <paramref name="max"/>] where given (BrainPy's <c>Normal(mean, scale)</c>, then <c>clip</c>).</summary>
    public static NormalWeights Normal(float mean, float std, float? min = null, float? max = null) => new(mean, std, min, max);

    /// <summary>Whether every synapse has the same weight (<see cref="HomoWeights"/>): a comm then needs no array.</summary>
    public virtual bool IsHomogeneous => false;

    /// <summary>Salt of the weight streams (never a row or block key).</summary>
    const ulong WeightSalt = 0x5745_4947_4854_5300UL;

    /// <summary>The stream key of the weights of (<paramref name="seed"/>, <paramref name="streamId"/>).</summary>
    internal static ulong Key(ulong seed, ulong streamId) => CounterRng.StreamKey(seed, streamId, ulong.MaxValue, WeightSalt);

    /// <summary>The weight of draw <paramref name="bits"/> (64 random bits).</summary>
    internal abstract float Draw(ulong bits);

    /// <summary>Writes the weights of synapses [<paramref name="first"/>, <paramref name="first"/> + destination.Length)
    /// into <paramref name="destination"/>: synapse s gets draw s of the stream of (<paramref name="seed"/>,
    /// <paramref name="streamId"/>), so any split into ranges gives the same weights.</summary>
    public void Fill(Span<float> destination, ulong seed, ulong streamId, long first = 0)
    {
        if (first < 0) throw new ArgumentOutOfRangeException(nameof(first), first, "SynapseWeights.Fill: first must be ≥ 0.");
        ulong key = Key(seed, streamId);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = Draw(CounterRng.Draw(key, (ulong)(first + i)));
        }
    }

    /// <summary>One weight per synapse of <paramref name="matrix"/>, in its synapse order, after checking the 4 bytes per
    /// synapse against the memory limit (0: <see cref="Simulation.ConnectivityMemoryLimitBytes"/>, or when that is 0 too, <see cref="CsrMatrix.DefaultMemoryLimitBytes"/>). Filled in parallel
    /// (<paramref name="threads"/>, 0: <see cref="Parallelism.Threads"/> or every core); the weights do not depend on it.</summary>
    /// <exception cref="ConnectivityMemoryException">The weights exceed the limit.</exception>
    public float[] Create(CsrMatrix matrix, ulong seed, ulong streamId, int threads = 0, long memoryLimitBytes = 0)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        string who = string.IsNullOrEmpty(matrix.Name) ? "SynapseWeights.Create" : matrix.Name;
        if (matrix.Synapses > Array.MaxLength)
            throw new ConnectivityMemoryException(who, 4 * matrix.Synapses, 0, $"{who}: {matrix.Synapses} synapses are more weights than an array holds; use a homogeneous weight.");
        CsrMatrix.CheckLimit(who, $"{matrix.Synapses} per-synapse weights {this}", 4 * matrix.Synapses, memoryLimitBytes);
        var w = GC.AllocateUninitializedArray<float>((int)matrix.Synapses); // every entry written below
        int parts = threads > 0 ? Math.Min(threads, Parallelism.MaxParts) : Parallelism.ThreadsFor(int.MaxValue);
        parts = (int)Math.Max(1, Math.Min(parts, w.Length / 65_536));
        Parallelism.Run(new FillWork(this, w, seed, streamId), parts);
        return w;
    }

    sealed class FillWork(SynapseWeights weights, float[] w, ulong seed, ulong streamId) : IParallelWork
    {
        public void Execute(int part, int parts)
        {
            int lo = (int)((long)w.Length * part / parts), hi = (int)((long)w.Length * (part + 1) / parts);
            weights.Fill(w.AsSpan(lo, hi - lo), seed, streamId, lo);
        }
    }

    /// <summary>A uniform float in [0, 1) from the top 24 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Unit24(ulong bits) => (bits >> 40) * (1.0f / (1 << 24));


    private protected static string F(float v) => v.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>See <see cref="SynapseWeights.Homo"/>.</summary>
public sealed class HomoWeights : SynapseWeights
{
    internal HomoWeights(float weight) => Weight = weight;

    /// <summary>The weight.</summary>
    public float Weight { get; }

    /// <inheritdoc/>
    public override bool IsHomogeneous => true;

    internal override float Draw(ulong bits) => Weight;

    /// <inheritdoc/>
    public override string ToString() => $"Homo({F(Weight)})";
}

/// <summary>See <see cref="SynapseWeights.Uniform"/>.</summary>
public sealed class UniformWeights : SynapseWeights
{
    internal UniformWeights(float low, float high)
    {
        if (!(low <= high)) throw new ArgumentException($"SynapseWeights.Uniform: low ({low}) must be ≤ high ({high}).", nameof(high));
        Low = low; High = high;
    }

    /// <summary>Lower bound (inclusive).</summary>
    public float Low { get; }
    /// <summary>Upper bound (exclusive, up to float rounding).</summary>
    public float High { get; }

    internal override float Draw(ulong bits) => Low + (High - Low) * Unit24(bits);

    /// <inheritdoc/>
    public override string ToString() => $"Uniform({F(Low)}, {F(High)})";
}

/// <summary>See <see cref="SynapseWeights.Normal"/>.</summary>
public sealed class NormalWeights : SynapseWeights
{
    internal NormalWeights(float mean, float std, float? min, float? max)
    {
        if (!(std >= 0)) throw new ArgumentOutOfRangeException(nameof(std), std, "SynapseWeights.Normal: std must be ≥ 0.");
        if (min is float a && max is float b && !(a <= b)) throw new ArgumentException($"SynapseWeights.Normal: min ({a}) must be ≤ max ({b}).", nameof(max));
        Mean = mean; Std = std; Min = min; Max = max;
    }

    /// <summary>Mean.</summary>
    public float Mean { get; }
    /// <summary>Standard deviation.</summary>
    public float Std { get; }
    /// <summary>Lower clip, if any.</summary>
    public float? Min { get; }
    /// <summary>Upper clip, if any.</summary>
    public float? Max { get; }

    internal override float Draw(ulong bits)
    {
        float w = (float)(Mean + Std * Gaussian.Standard(bits));
        if (Min is float lo && w < lo) w = lo;
        if (Max is float hi && w > hi) w = hi;
        return w;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"Normal({F(Mean)}, {F(Std)}" + (Min is float a ? $", min: {F(a)}" : "") + (Max is float b ? $", max: {F(b)}" : "") + ")";
}
