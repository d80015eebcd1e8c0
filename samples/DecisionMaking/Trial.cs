using System;
using SpikeSharp;

namespace DecisionMaking;

/// <summary>The stimulus of BrainPy's <c>Tool.generate_freqs</c>: 0 Hz for the pre-stimulus period, then one rate per
/// 50 ms chunk of the stimulus period drawn from Normal(mean, 10 Hz), then 0 Hz for the delay period. BrainPy draws
/// the chunks with NumPy's global generator; here they come from the counter-based stream of (seed, "stimulus A/B",
/// chunk), so a trial is reproducible from its seed. A negative draw gives no spikes, as BrainPy's
/// <c>rand() ≤ freqs·dt/1000</c> does; it is stored as 0 Hz (Freqs must be ≥ 0).</summary>
public sealed class Stimulus
{
    public const double PreStimulusMs = 100, StimulusMs = 1000, DelayMs = 500, IntervalMs = 50, VarianceHz = 10;
    public const double TotalMs = PreStimulusMs + StimulusMs + DelayMs;
    readonly double[] _chunks;
    readonly int _pre, _perChunk;

    public Stimulus(double meanHz, ulong seed, string stream, double dt)
    {
        int n = (int)(StimulusMs / IntervalMs);
        _chunks = new double[n];
        ulong key = CounterRng.StreamKey(seed, CounterRng.NameStreamId("DecisionMaking.Stimulus." + stream), 0);
        for (int k = 0; k < n; k++)
        {
            // Box–Muller from two draws of the stream (u1 in (0, 1], u2 in [0, 1)).
            double u1 = CounterRng.ToUnitOpenClosed(CounterRng.Draw(key, 2UL * (ulong)k));
            double u2 = CounterRng.ToUnitClosedOpen(CounterRng.Draw(key, 2UL * (ulong)k + 1));
            double z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            _chunks[k] = Math.Max(0, meanHz + VarianceHz * z);
        }
        _pre = (int)Math.Round(PreStimulusMs / dt);
        _perChunk = (int)Math.Round(IntervalMs / dt);
    }

    /// <summary>The rate (Hz) at step <paramref name="step"/>.</summary>
    public double At(int step)
    {
        int k = step - _pre;
        if (k < 0) return 0;
        k /= _perChunk;
        return k < _chunks.Length ? _chunks[k] : 0;
    }

    /// <summary>The drawn rate of each 50 ms chunk of the stimulus period.</summary>
    public ReadOnlySpan<double> Chunks => _chunks;
}

/// <summary>One trial of BrainPy's <c>single_run</c>: coherence c (a fraction; the file's <c>coherence</c> is in percent),
/// IA's mean μ0(1 + c), IB's μ0(1 − c), μ0 = 40 Hz.</summary>
public sealed class Trial
{
    public const double Mu0 = 40;
    public const double Dt = 0.1;

    public DecisionNet Net { get; }
    public Stimulus A { get; }
    public Stimulus B { get; }

    public Trial(ulong seed, double coherence)
    {
        if (!(coherence >= -1 && coherence <= 1)) throw new ArgumentOutOfRangeException(nameof(coherence), coherence, "Trial: coherence is a fraction in [-1, 1].");
        Net = new DecisionNet(seed, Dt);
        A = new Stimulus(Mu0 * (1 + coherence), seed, "A", Dt);
        B = new Stimulus(Mu0 * (1 - coherence), seed, "B", Dt);
    }

    /// <summary>Steps in the whole trial (1600 ms).</summary>
    public static int TotalSteps => (int)Math.Round(Stimulus.TotalMs / Dt);

    /// <summary>BrainPy's <c>give_input</c>: the stimulus rates of step <paramref name="step"/>. Allocates nothing.</summary>
    public void GiveInput(int step)
    {
        Net.IA.Freqs = A.At(step);
        Net.IB.Freqs = B.At(step);
    }

    /// <summary>Runs steps [StepIndex, <paramref name="steps"/>) and counts A's and B's spikes per 1 ms bin
    /// (<paramref name="countsA"/>, <paramref name="countsB"/>, one entry per ms). Allocates nothing.</summary>
    public void Run(int steps, int[] countsA, int[] countsB)
    {
        int perMs = (int)Math.Round(1 / Dt);
        for (int t = Net.StepIndex; t < steps; t++)
        {
            GiveInput(t);
            Net.Step(0f);
            countsA[t / perMs] += Net.A.Spike.Count;
            countsB[t / perMs] += Net.B.Spike.Count;
        }
    }

    /// <summary>Mean rate (Hz per neuron) of a group over [<paramref name="fromMs"/>, <paramref name="toMs"/>) from 1 ms counts.</summary>
    public static double Rate(int[] countsPerMs, int size, double fromMs, double toMs)
    {
        long n = 0;
        for (int ms = (int)fromMs; ms < (int)toMs && ms < countsPerMs.Length; ms++) n += countsPerMs[ms];
        return n / (size * (toMs - fromMs) / 1000.0);
    }
}
