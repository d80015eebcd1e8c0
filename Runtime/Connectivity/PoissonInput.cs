using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SpikeSharp;

/// <summary>
/// BrainPy's <c>dyn.PoissonInput(target_var, num_input, freq, weight)</c>: <c>numInput</c> independent Poisson sources of
/// <c>freq</c> Hz onto every element of a target variable, not simulated as neurons. Each step adds
/// <c>X·weight</c> to every element, <c>X ~ Binomial(numInput, p)</c> with <c>p = freq·dt/1000</c>, drawn for element
/// <c>i</c> of step <c>t</c> from draw i of the counter-based stream of (seed, stream id, t): the same values
/// for any thread count or element split, and no state (nothing to save for a resume).
/// </summary>
/// <remarks>
/// When both <c>n·p</c> and <c>n·(1 − p)</c> exceed 5, X is BrainPy's normal approximation, continuous and not rounded,
/// with mean <c>n·p</c> and <b>standard deviation</b> <c>sqrt(n·p·(1 − p))</c>. BrainPy 2.6.0 passes the variance
/// <c>n·p·(1 − p)</c> as the scale of its normal draw (fixed in 2.8), which gives a standard deviation too large by the
/// factor <c>sqrt(n·p·(1 − p))</c> whenever that exceeds 1; we follow the corrected rule (Z from a ziggurat). Otherwise X
/// is an exact binomial draw: inversion of the CDF of the smaller of p and 1 − p (mean at most 5, so a short table).
/// </remarks>
public sealed class PoissonInput
{
    const ulong Salt = 0x504F_4953_534F_4E00UL;
    readonly ulong _seedKey;
    const int TableSize = 64;
    readonly double _q, _ratio, _mean, _std;
    const int HeadSize = 16;
    readonly double[] _cdf;  // F(0) … F(len − 1) of Binomial(n, q); entries up to TableSize or n
    readonly double[] _head; // F(0) … F(15), padded with 2 (never ≤ u) past n
    readonly bool _normal, _flip;

    /// <param name="size">Elements of the target.</param>
    /// <param name="numInput">Poisson sources per element (n ≥ 0).</param>
    /// <param name="freqHz">Rate of each source in Hz.</param>
    /// <param name="weight">Added per source event.</param>
    /// <param name="dt">Step in ms; <c>freq·dt/1000</c> must be in [0, 1].</param>
    /// <param name="seed">Seed.</param>
    /// <param name="streamId">Stream family (distinct inputs of one network need distinct ids).</param>
    public PoissonInput(int size, int numInput, double freqHz, float weight, double dt, ulong seed, ulong streamId = 0)
    {
        if (size < 0) throw new ArgumentOutOfRangeException(nameof(size), size, "PoissonInput: size must be ≥ 0.");
        if (numInput < 0) throw new ArgumentOutOfRangeException(nameof(numInput), numInput, "PoissonInput: numInput must be ≥ 0.");
        if (!(dt > 0)) throw new ArgumentOutOfRangeException(nameof(dt), dt, "PoissonInput: dt must be > 0 (ms).");
        double p = freqHz * dt / 1000.0;
        if (!(p >= 0 && p <= 1))
            throw new ArgumentOutOfRangeException(nameof(freqHz), freqHz, $"PoissonInput: freq·dt/1000 = {p} must be in [0, 1] (freq in Hz, dt in ms).");
        Size = size; NumInput = numInput; FreqHz = freqHz; Weight = weight; Dt = dt; Seed = seed; StreamId = streamId;
        Prob = p;
        _seedKey = CounterRng.SeedKey(seed, streamId);
        double a = numInput * p, b = numInput * (1 - p);
        _normal = a > 5 && b > 5;
        _mean = a;
        _std = Math.Sqrt(numInput * p * (1 - p));
        _flip = p > 0.5;
        _q = _flip ? 1 - p : p;
        _ratio = _q / (1 - _q);
        // (1 − q)^n ≥ e^−7.5 on the exact branch (n·q ≤ 5, q ≤ 1/2): no underflow; the table covers all but ~1e−40 of it.
        int len = (int)Math.Min(numInput + 1L, TableSize);
        _cdf = new double[len];
        double f = Math.Exp(numInput * JitConnectivity.Log1m(_q)), cdf = f;
        for (int k = 0; k < len; k++)
        {
            _cdf[k] = cdf;
            f *= (double)(numInput - k) / (k + 1) * _ratio;
            cdf += f;
        }
        _head = new double[HeadSize];
        for (int k = 0; k < HeadSize; k++) _head[k] = k < len ? _cdf[k] : 2.0;
        Warmup.Prepare(typeof(PoissonInput), nameof(Add), typeof(Span<float>), typeof(long), typeof(int)); // not inside the first step
    }

    /// <summary>Elements of the target.</summary>
    public int Size { get; }
    /// <summary>Sources per element.</summary>
    public int NumInput { get; }
    /// <summary>Rate per source (Hz).</summary>
    public double FreqHz { get; }
    /// <summary>Weight per source event.</summary>
    public float Weight { get; }
    /// <summary>Step (ms).</summary>
    public double Dt { get; }
    /// <summary>Seed.</summary>
    public ulong Seed { get; }
    /// <summary>Stream family.</summary>
    public ulong StreamId { get; }
    /// <summary>Probability that one source fires in one step, <c>freq·dt/1000</c>.</summary>
    public double Prob { get; }
    /// <summary>Whether the draw is the normal approximation (n·p &gt; 5 and n·(1 − p) &gt; 5).</summary>
    public bool UsesNormal => _normal;
    /// <summary>Mean of the draw, <c>n·p</c>.</summary>
    public double Mean => _mean;
    /// <summary>Standard deviation of the draw, <c>sqrt(n·p·(1 − p))</c>.</summary>
    public double StandardDeviation => _std;

    /// <summary>Adds step <paramref name="step"/>'s draws times <see cref="Weight"/> to <paramref name="target"/>, which holds
    /// elements [<paramref name="firstElement"/>, firstElement + target.Length) of the <see cref="Size"/> (so threads can
    /// each take a slice). Allocates nothing.</summary>
    public void Add(Span<float> target, long step, int firstElement = 0)
    {
        if (firstElement < 0 || (long)firstElement + target.Length > Size)
            throw new ArgumentOutOfRangeException(nameof(firstElement),
                $"PoissonInput.Add: elements [{firstElement}, {(long)firstElement + target.Length}) are outside [0, {Size}).");
        ulong key = CounterRng.StreamKeyOfSeedKey(_seedKey, (ulong)step, Salt);
        float w = Weight;
        for (int i = 0; i < target.Length; i++)
        {
            target[i] += (float)Draw(CounterRng.Draw(key, (ulong)(firstElement + i))) * w;
        }
    }

    /// <summary>The number of source events of element <paramref name="element"/> at step <paramref name="step"/>
    /// (before the weight; continuous under the normal approximation).</summary>
    public double Sample(long step, int element)
    {
        ulong key = CounterRng.StreamKeyOfSeedKey(_seedKey, (ulong)step, Salt);
        return Draw(CounterRng.Draw(key, (ulong)element));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    double Draw(ulong bits)
    {
        if (_normal) return _mean + _std * Gaussian.Standard(bits);
        return Exact(CounterRng.ToUnitClosedOpen(bits));
    }

    /// <summary>The exact draw of uniform <paramref name="u"/> in [0, 1): <c>n − k</c> when p &gt; 1/2, else k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Exact(double u)
    {
        // Inversion: the smallest k with u < F(k). The first 16 entries are counted without branches (the count of
        // entries ≤ u is that k: F increases), 4 at a time where Vector256 runs (exact compares: the same k either way).
        int k;
        ref double c0 = ref MemoryMarshal.GetArrayDataReference(_head);
        if (Vector256.IsHardwareAccelerated)
        {
            var uv = Vector256.Create(u);
            uint m = Vector256.GreaterThanOrEqual(uv, Vector256.LoadUnsafe(ref c0)).ExtractMostSignificantBits()
                | Vector256.GreaterThanOrEqual(uv, Vector256.LoadUnsafe(ref c0, 4)).ExtractMostSignificantBits() << 4
                | Vector256.GreaterThanOrEqual(uv, Vector256.LoadUnsafe(ref c0, 8)).ExtractMostSignificantBits() << 8
                | Vector256.GreaterThanOrEqual(uv, Vector256.LoadUnsafe(ref c0, 12)).ExtractMostSignificantBits() << 12;
            k = BitOperations.PopCount(m);
        }
        else
        {
            k = 0;
            for (int j = 0; j < HeadSize; j++) k += u >= Unsafe.Add(ref c0, j) ? 1 : 0;
        }
        if (k < HeadSize)
        {
            k = Math.Min(k, NumInput); // u ≥ F(n) by rounding when the table ends before 16
            return _flip ? NumInput - k : k;
        }
        double[] cdf = _cdf;
        while (k < cdf.Length && u >= cdf[k]) k++;
        if (k == cdf.Length) k = k <= NumInput ? Beyond(u) : NumInput; // the whole table below u: rounding of F(n) < 1
        return _flip ? NumInput - k : k;
    }

    /// <summary>Past the table (probability below 1e−40, or rounding at u near 1): the pmf recurrence, at most up to n.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    int Beyond(double u)
    {
        int n = NumInput, k = _cdf.Length - 1;
        double f = Math.Exp(n * JitConnectivity.Log1m(_q)), cdf = _cdf[k];
        for (int j = 0; j < k; j++) f *= (double)(n - j) / (j + 1) * _ratio;
        while (u >= cdf && k < n)
        {
            f *= (double)(n - k) / (k + 1) * _ratio;
            k++;
            cdf += f;
        }
        return k;
    }
}
