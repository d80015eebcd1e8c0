using System;
using System.Runtime.CompilerServices;

namespace SpikeSharp;

/// <summary>
/// BrainPy's <c>dyn.PoissonInput(target_var, num_input, freq, weight)</c>: <c>numInput</c> independent Poisson sources of
/// <c>freq</c> Hz onto every element of a target variable, not simulated as neurons. Each step adds
/// <c>X·weight</c> to every element, <c>X ~ Binomial(numInput, p)</c> with <c>p = freq·dt/1000</c>, drawn for element
/// <c>i</c> of step <c>t</c> from the counter-based stream of (seed, stream id, t) at draws 2i and 2i + 1: the same values
/// for any thread count or element split, and no state (nothing to save for a resume).
/// </summary>
/// <remarks>
/// When both <c>n·p</c> and <c>n·(1 − p)</c> exceed 5, X is BrainPy's normal approximation, continuous and not rounded,
/// with mean <c>n·p</c> and <b>standard deviation</b> <c>sqrt(n·p·(1 − p))</c>. BrainPy 2.6.0 passes the variance
/// <c>n·p·(1 − p)</c> as the scale of its normal draw (fixed in 2.8), which gives a standard deviation too large by the
/// factor <c>sqrt(n·p·(1 − p))</c> whenever that exceeds 1; we follow the corrected rule. Otherwise X is an exact binomial
/// draw (inversion from the smaller of p and 1 − p, whose mean is then at most 5).
/// </remarks>
public sealed class PoissonInput
{
    const ulong Salt = 0x504F_4953_534F_4E00UL;
    readonly ulong _seedKey;
    readonly double _q, _f0, _ratio, _mean, _std;
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
        _f0 = Math.Exp(numInput * JitConnectivity.Log1m(_q)); // (1 − q)^n ≥ e^−7.5 here: n·q ≤ 5, q ≤ 1/2
        _ratio = _q < 1 ? _q / (1 - _q) : 0;
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
            ulong e = (ulong)(firstElement + i);
            target[i] += (float)Draw(CounterRng.Draw(key, 2 * e), CounterRng.Draw(key, 2 * e + 1)) * w;
        }
    }

    /// <summary>The number of source events of element <paramref name="element"/> at step <paramref name="step"/>
    /// (before the weight; continuous under the normal approximation).</summary>
    public double Sample(long step, int element)
    {
        ulong key = CounterRng.StreamKeyOfSeedKey(_seedKey, (ulong)step, Salt);
        ulong e = (ulong)element;
        return Draw(CounterRng.Draw(key, 2 * e), CounterRng.Draw(key, 2 * e + 1));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    double Draw(ulong bits, ulong bits2)
    {
        if (_normal) return _mean + _std * SynapseWeights.StandardNormal(bits, bits2);
        // Inversion: the smallest k with u < F(k), pmf by the recurrence f(k + 1) = f(k)·(n − k)/(k + 1)·q/(1 − q).
        double u = CounterRng.ToUnitClosedOpen(bits);
        int n = NumInput, k = 0;
        double f = _f0, cdf = f;
        while (u >= cdf && k < n)
        {
            f *= (double)(n - k) / (k + 1) * _ratio;
            k++;
            cdf += f;
        }
        return _flip ? n - k : k;
    }
}
