using System;

namespace SpikeSharp;

/// <summary>
/// State initializers (BrainPy <c>bp.init</c>), seeded and reproducible: the value of neuron <c>i</c> depends only on
/// (seed, stream, i), never on the order of calls or on other variables.
/// </summary>
public static class Initializers
{
    /// <summary>Fills <paramref name="destination"/> with draws from N(<paramref name="mean"/>, <paramref name="std"/>²) (Box–Muller, float32 result).</summary>
    /// <param name="destination">The state variable to fill.</param>
    /// <param name="seed">Seed of the initial state.</param>
    /// <param name="stream">Stream id of the variable.</param>
    /// <param name="mean">Mean.</param>
    /// <param name="std">Standard deviation (≥ 0).</param>
    /// <param name="variable">Name used in error messages.</param>
    /// <exception cref="OverflowException">A drawn value is not a finite float (|z| reaches about 8.57).</exception>
    public static void Normal(Span<float> destination, ulong seed, ulong stream, double mean, double std, string variable = "value")
    {
        if (double.IsNaN(std) || std < 0) throw new ArgumentOutOfRangeException(nameof(std), std, "Initializers.Normal: Std must be ≥ 0.");
        ulong key = CounterRng.StreamKey(seed, stream, 0x4E4F524DUL);
        // A large population fills in parallel (a log and a cos per neuron: ≈ 20 ms at 400 000 on one core, part of the
        // start-up); each value depends only on its index, so the result is the same for any split.
        int parts = destination.Length >= ParallelMinNeurons ? Parallelism.ThreadsFor(destination.Length) : 1;
        if (parts > 1)
        {
            unsafe
            {
                fixed (float* p = destination)
                {
                    var work = new NormalWork(p, destination.Length, key, mean, std);
                    Parallelism.Run(work, parts);
                    if (!work.Failed) return;
                }
            }
        }
        // Serial (small, or a non-finite value somewhere: found again here, so the error names the first one).
        for (int i = 0; i < destination.Length; i++)
        {
            float v = NormalAt(key, i, mean, std);
            if (!float.IsFinite(v)) throw NotFinite(v, i, variable, "Normal", mean, std);
            destination[i] = v;
        }
    }

    /// <summary>From this size on, <see cref="Normal"/> fills in parallel (<see cref="Parallelism.ThreadsFor"/>).</summary>
    internal const int ParallelMinNeurons = 65_536;

    static float NormalAt(ulong key, int i, double mean, double std)
    {
        double u1 = CounterRng.ToUnitOpenClosed(CounterRng.Draw(key, 2 * (ulong)i));
        double u2 = CounterRng.ToUnitClosedOpen(CounterRng.Draw(key, 2 * (ulong)i + 1));
        double z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return (float)(mean + std * z);
    }

    /// <summary>One contiguous range per part; a non-finite value sets <see cref="Failed"/> (the caller redoes it serially).</summary>
    sealed unsafe class NormalWork(float* destination, int length, ulong key, double mean, double std) : IParallelWork
    {
        volatile bool _failed;

        public bool Failed => _failed;

        public void Execute(int part, int parts)
        {
            int lo = Parallelism.ChunkStart(length, part, parts), hi = Parallelism.ChunkStart(length, part + 1, parts);
            bool ok = true;
            for (int i = lo; i < hi; i++)
            {
                float v = NormalAt(key, i, mean, std);
                ok &= float.IsFinite(v);
                destination[i] = v;
            }
            if (!ok) _failed = true;
        }
    }

    /// <summary>Fills <paramref name="destination"/> uniformly in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    /// <param name="destination">The state variable to fill.</param>
    /// <param name="seed">Seed of the initial state.</param>
    /// <param name="stream">Stream id of the variable.</param>
    /// <param name="min">Lower bound.</param>
    /// <param name="max">Upper bound (≥ min).</param>
    /// <param name="variable">Name used in error messages.</param>
    /// <exception cref="OverflowException">A drawn value is not a finite float.</exception>
    public static void Uniform(Span<float> destination, ulong seed, ulong stream, double min, double max, string variable = "value")
    {
        if (!(max >= min)) throw new ArgumentOutOfRangeException(nameof(max), max, $"Initializers.Uniform: Max must be ≥ Min ({min}).");
        ulong key = CounterRng.StreamKey(seed, stream, 0x554E4946UL);
        for (int i = 0; i < destination.Length; i++)
        {
            float v = (float)(min + (max - min) * CounterRng.ToUnitClosedOpen(CounterRng.Draw(key, (ulong)i)));
            if (!float.IsFinite(v)) throw NotFinite(v, i, variable, "Uniform", min, max);
            destination[i] = v;
        }
    }

    static OverflowException NotFinite(float v, int i, string variable, string dist, double a, double b) =>
        new(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Initializers: {variable}[{i}] ~ {dist}({a}, {b}) drew {v}, outside float range (±3.4e38); reduce the parameters."));

    /// <summary>Fills <paramref name="destination"/> with <paramref name="value"/>.</summary>
    public static void Constant(Span<float> destination, double value) => destination.Fill((float)value);
}
