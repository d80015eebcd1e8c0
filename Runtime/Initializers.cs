using System;

namespace SpikeSharp;

/// <summary>
/// State initializers (BrainPy <c>bp.init</c>), seeded and reproducible: the value of neuron <c>i</c> depends only on
/// (seed, stream, i), never on the order of calls or on other variables.
/// </summary>
public static class Initializers
{
    /// <summary>Fills <paramref name="destination"/> with draws from N(<paramref name="mean"/>, <paramref name="std"/>²) (Box–Muller, float32 result).</summary>
    public static void Normal(Span<float> destination, ulong seed, ulong stream, double mean, double std)
    {
        if (double.IsNaN(std) || std < 0) throw new ArgumentOutOfRangeException(nameof(std), std, "Initializers.Normal: Std must be ≥ 0.");
        ulong key = CounterRng.StreamKey(seed, stream, 0x4E4F524DUL);
        for (int i = 0; i < destination.Length; i++)
        {
            double u1 = CounterRng.ToUnitOpenClosed(CounterRng.Draw(key, 2 * (ulong)i));
            double u2 = CounterRng.ToUnitClosedOpen(CounterRng.Draw(key, 2 * (ulong)i + 1));
            double z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
            destination[i] = (float)(mean + std * z);
        }
    }

    /// <summary>Fills <paramref name="destination"/> uniformly in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public static void Uniform(Span<float> destination, ulong seed, ulong stream, double min, double max)
    {
        if (!(max >= min)) throw new ArgumentOutOfRangeException(nameof(max), max, $"Initializers.Uniform: Max must be ≥ Min ({min}).");
        ulong key = CounterRng.StreamKey(seed, stream, 0x554E4946UL);
        for (int i = 0; i < destination.Length; i++)
            destination[i] = (float)(min + (max - min) * CounterRng.ToUnitClosedOpen(CounterRng.Draw(key, (ulong)i)));
    }

    /// <summary>Fills <paramref name="destination"/> with <paramref name="value"/>.</summary>
    public static void Constant(Span<float> destination, double value) => destination.Fill((float)value);
}
