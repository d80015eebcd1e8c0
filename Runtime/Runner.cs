using System;
using System.Diagnostics;

namespace SpikeSharp;

/// <summary>A network that advances one step per call and returns the spikes of the step (the shape of BrainPy's
/// <c>update(input)</c> in the seed example).</summary>
public interface ISpikingNetwork
{
    /// <summary>Number of neurons whose spikes <see cref="Update"/> returns.</summary>
    int Size { get; }

    /// <summary>Advances one step with external input <paramref name="input"/>.</summary>
    Spikes Update(float input);
}

/// <summary>Records spikes as (step, neuron) pairs in two growable arrays (BrainPy's spike monitor in sparse form).</summary>
public sealed class SpikeRecorder
{
    int[] _steps;
    int[] _neurons;

    /// <summary>Creates a recorder for <paramref name="size"/> neurons with room for <paramref name="capacity"/> spikes before it grows.</summary>
    public SpikeRecorder(int size, int capacity = 1 << 16)
    {
        if (size <= 0) throw new ArgumentOutOfRangeException(nameof(size), size, "SpikeRecorder: size must be > 0.");
        if (capacity < 0) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "SpikeRecorder: capacity must be ≥ 0.");
        Size = size;
        _steps = new int[capacity];
        _neurons = new int[capacity];
    }

    /// <summary>Number of neurons.</summary>
    public int Size { get; }

    /// <summary>Number of recorded spikes.</summary>
    public int Count { get; private set; }

    /// <summary>Step index of each recorded spike.</summary>
    public ReadOnlySpan<int> Steps => _steps.AsSpan(0, Count);

    /// <summary>Neuron index of each recorded spike.</summary>
    public ReadOnlySpan<int> Neurons => _neurons.AsSpan(0, Count);

    /// <summary>Appends the spikes of step <paramref name="step"/>.</summary>
    public void Record(int step, Spikes spikes)
    {
        if (spikes.Length != Size)
            throw new ArgumentException($"SpikeRecorder.Record: the spikes cover {spikes.Length} neurons but the recorder was made for {Size}.", nameof(spikes));
        int n = spikes.Count;
        if (Count + n > _steps.Length) Grow(Count + n);
        spikes.CopyTo(_neurons.AsSpan(Count));
        _steps.AsSpan(Count, n).Fill(step);
        Count += n;
    }

    /// <summary>Number of spikes per neuron.</summary>
    public int[] CountsPerNeuron()
    {
        var counts = new int[Size];
        foreach (int j in Neurons) counts[j]++;
        return counts;
    }

    void Grow(int needed)
    {
        int cap = Math.Max(needed, Math.Max(16, _steps.Length * 2));
        Array.Resize(ref _steps, cap);
        Array.Resize(ref _neurons, cap);
    }
}

/// <summary>What <see cref="Runner.Run"/> measured.</summary>
/// <param name="Steps">Steps run.</param>
/// <param name="WallTime">Wall time of the step loop alone.</param>
/// <param name="Spikes">The recorded spikes.</param>
public sealed record RunResult(int Steps, TimeSpan WallTime, SpikeRecorder Spikes);

/// <summary>A minimal run loop: constant input, spikes recorded after every step.</summary>
public static class Runner
{
    /// <summary>Runs <paramref name="network"/> for <paramref name="steps"/> steps with constant <paramref name="input"/>,
    /// recording every spike; reports the fraction done (0…1) about every 1 % of the run if <paramref name="progress"/> is given.</summary>
    public static RunResult Run(ISpikingNetwork network, int steps, float input, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, "Runner.Run: steps must be ≥ 0.");
        var recorder = new SpikeRecorder(network.Size);
        int every = Math.Max(1, steps / 100);
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < steps; i++)
        {
            recorder.Record(i, network.Update(input));
            if (progress is not null && (i + 1) % every == 0) progress.Report((i + 1) / (double)steps);
        }
        sw.Stop();
        return new RunResult(steps, sw.Elapsed, recorder);
    }
}
