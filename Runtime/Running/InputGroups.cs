using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SpikeSharp;

/// <summary>
/// BrainPy's <c>bp.dyn.PoissonGroup(size, freqs)</c>: each neuron spikes independently with probability
/// <c>rate·dt/1000</c> per step. The draw of neuron j at step i is draw j of the counter-based stream keyed by
/// (seed, i), so a run is reproducible from the seed alone, bit for bit, whatever was run before. Its spikes
/// (<see cref="Update"/>'s result or <see cref="Spike"/>) can be handed to a projection's <c>Deliver</c> as the pre side.
/// Allocates nothing after construction.
/// </summary>
public sealed class PoissonGroup
{
    const ulong StreamTag = 0x504F4953534F4E00UL; // "POISSON\0"
    readonly int[] _spikes;
    readonly ulong _seed, _streamId;
    int _count;
    double _rateHz;

    /// <summary>Creates <paramref name="size"/> Poisson neurons firing at <paramref name="rateHz"/>.</summary>
    /// <param name="size">Number of neurons.</param>
    /// <param name="rateHz">Rate of each neuron (Hz); may be changed between steps with <see cref="RateHz"/>.</param>
    /// <param name="seed">Seed of the spike trains.</param>
    /// <param name="dt">Time step (ms); <see cref="Simulation.Dt"/> when null.</param>
    public PoissonGroup(int size, double rateHz, ulong seed = 0, double? dt = null) : this(size, rateHz, seed, dt, StreamTag) { }

    /// <summary>Creates <paramref name="size"/> Poisson neurons firing at <paramref name="rateHz"/>, drawing from the stream
    /// family <paramref name="streamId"/> (a generated [PoissonGroup] passes its name's, so that two groups built with one
    /// seed draw different trains).</summary>
    /// <param name="size">Number of neurons.</param>
    /// <param name="rateHz">Rate of each neuron (Hz).</param>
    /// <param name="seed">Seed of the spike trains.</param>
    /// <param name="dt">Time step (ms); <see cref="Simulation.Dt"/> when null.</param>
    /// <param name="streamId">Stream family of the draws.</param>
    public PoissonGroup(int size, double rateHz, ulong seed, double? dt, ulong streamId)
    {
        if (size <= 0) throw new ArgumentOutOfRangeException(nameof(size), size, "PoissonGroup: size must be > 0.");
        if (size > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(size), size, $"PoissonGroup: size {size} is more than the largest .NET array ({Array.MaxLength} elements; it would need {Runner.B(4L * size)} bytes per spike buffer).");
        Dt = Simulation.ResolveDt(dt);
        RateHz = rateHz;
        Size = size;
        _seed = seed;
        _streamId = streamId;
        _spikes = new int[size];
        Warmup.Prepare(typeof(PoissonGroup), nameof(Update)); // compiled now, not inside the first step
    }

    /// <summary>Number of neurons.</summary>
    public int Size { get; }

    /// <summary>Number of neurons (same as <see cref="Size"/>, like a generated population's <c>Length</c>).</summary>
    public int Length => Size;

    /// <summary>Time step (ms).</summary>
    public double Dt { get; }

    /// <summary>Firing rate of every neuron (Hz), ≥ 0; a spike probability above 1 per step saturates at 1.</summary>
    public double RateHz
    {
        get => _rateHz;
        set => _rateHz = double.IsFinite(value) && value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(RateHz), value, "PoissonGroup: RateHz must be a finite rate ≥ 0.");
    }

    /// <summary>Spike probability per neuron per step, <c>RateHz·Dt/1000</c> (at most 1).</summary>
    public double Probability => Math.Min(1.0, _rateHz * Dt / 1000.0);

    /// <summary>Index of the next step.</summary>
    public int StepIndex { get; set; }

    /// <summary>The spikes of the last step.</summary>
    public Spikes Spike => new(new ReadOnlySpan<int>(_spikes, 0, _count), Size);

    /// <summary>Draws the spikes of step <see cref="StepIndex"/>, advances it, and returns them.</summary>
    public Spikes Update()
    {
        double p = Probability;
        // u < p with u = (bits >> 11)·2⁻⁵³, compared on integers: bits >> 11 < ceil(p·2⁵³).
        ulong threshold = p >= 1 ? ulong.MaxValue : (ulong)Math.Ceiling(p * (1UL << 53));
        ulong key = CounterRng.StreamKey(_seed, _streamId, (ulong)(uint)StepIndex);
        var spikes = _spikes.AsSpan();
        int count = DrawBelow(key, threshold, spikes, UseSimd);
        _count = count;
        StepIndex++;
        return new Spikes(spikes[..count], Size);
    }

    /// <summary>Whether <see cref="Update"/> draws 8 neurons at a time in AVX-512 vectors (the same integer hash per neuron,
    /// so the same spikes; false: one at a time).</summary>
    public bool UseSimd { get; set; } = true;

    /// <summary>Writes into <paramref name="spikes"/> (in increasing order) every j in [0, spikes.Length) whose draw
    /// <c>CounterRng.Draw(key, j) &gt;&gt; 11</c> is below <paramref name="threshold"/>; returns how many. With
    /// <paramref name="simd"/> and AVX-512, eight SplitMix64 finalisers per vector: exactly the scalar draws.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int DrawBelow(ulong key, ulong threshold, Span<int> spikes, bool simd)
    {
        int n = spikes.Length, count = 0, j = 0;
        ref int dst = ref MemoryMarshal.GetReference(spikes);
        if (simd && Vector512.IsHardwareAccelerated)
        {
            // Draw(key, j) = Mix(key + (j + 1)·γ): lanes j … j + 7 of a block, the next block 8·γ further (mod 2⁶⁴, as the scalar sum).
            var z0 = Vector512.Create(key) + Vector512.Create(1UL, 2, 3, 4, 5, 6, 7, 8) * CounterRng.Gamma;
            var next = Vector512.Create(unchecked(8UL * CounterRng.Gamma));
            var below = Vector512.Create(threshold);
            for (; j <= n - 8; j += 8)
            {
                var z = z0;
                z0 += next;
                z = (z ^ Vector512.ShiftRightLogical(z, 30)) * 0xBF58476D1CE4E5B9UL; // CounterRng.Mix, 8 lanes
                z = (z ^ Vector512.ShiftRightLogical(z, 27)) * 0x94D049BB133111EBUL;
                z ^= Vector512.ShiftRightLogical(z, 31);
                uint bits = (uint)Vector512.ExtractMostSignificantBits(Vector512.LessThan(Vector512.ShiftRightLogical(z, 11), below));
                while (bits != 0)
                {
                    Unsafe.Add(ref dst, count++) = j + BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                }
            }
        }
        for (; j < n; j++)
            if ((CounterRng.Draw(key, (ulong)j) >> 11) < threshold) Unsafe.Add(ref dst, count++) = j;
        return count;
    }

    /// <summary>Writes the group's state (size, step index, rate, the last step's spikes) to a network state file; the
    /// draws need nothing (counter-based).</summary>
    public void WriteState(NetworkStateWriter state, string part)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Int(part + ".size", Size);
        state.Int(part + ".step", StepIndex);
        double rate = _rateHz;
        state.Ints(part + ".freqs", System.Runtime.InteropServices.MemoryMarshal.Cast<double, int>(new ReadOnlySpan<double>(in rate)));
        state.Ints(part + ".spikes", new ReadOnlySpan<int>(_spikes, 0, _count));
    }

    /// <summary>Reads what <see cref="WriteState"/> wrote (checking pass: the size must match).</summary>
    public void ReadState(NetworkStateReader state, string part)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Expect(part + ".size", Size);
        int step = StepIndex;
        state.Int(part + ".step", ref step, 0);
        Span<int> bits = stackalloc int[2];
        state.Ints(part + ".freqs", bits);
        double rate = System.Runtime.InteropServices.MemoryMarshal.Cast<int, double>(bits)[0];
        if (!(double.IsFinite(rate) && rate >= 0))
            throw new System.IO.InvalidDataException($"NetworkState.Load: '{part}.freqs' = {rate} is not a finite rate ≥ 0.");
        if (state.Applying)
        {
            StepIndex = step;
            RateHz = rate;
        }
        state.Ints(part + ".spikes", _spikes, ref _count);
    }
}

/// <summary>
/// BrainPy's <c>bp.dyn.SpikeTimeGroup(size, indices, times)</c>: replays given spikes. Neuron <c>indices[k]</c> fires at
/// the first step whose time <c>i·dt</c> is ≥ <c>times[k]</c> (BrainPy's <c>t ≥ time</c> test; tolerance 1e-9·dt),
/// i.e. step <c>ceil(times[k]/dt)</c>. Duplicate (neuron, step) pairs fire once. Usable as the pre side of a
/// projection. Allocates nothing after construction.
/// </summary>
public sealed class SpikeTimeGroup
{
    readonly int[] _steps;   // sorted by (step, neuron), distinct
    readonly int[] _neurons;
    int _cursor;             // first entry with step ≥ StepIndex
    int _lastStart, _lastCount;
    int _stepIndex;

    /// <summary>Creates the group.</summary>
    /// <param name="size">Number of neurons.</param>
    /// <param name="indices">Neuron of each spike.</param>
    /// <param name="times">Time (ms) of each spike, ≥ 0, any order.</param>
    /// <param name="dt">Time step (ms); <see cref="Simulation.Dt"/> when null.</param>
    public SpikeTimeGroup(int size, int[] indices, double[] times, double? dt = null)
    {
        if (size <= 0) throw new ArgumentOutOfRangeException(nameof(size), size, "SpikeTimeGroup: size must be > 0.");
        if (size > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(size), size, $"SpikeTimeGroup: size {size} is more than the largest .NET array ({Array.MaxLength} elements; it would need {Runner.B(4L * size)} bytes per spike buffer).");
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(times);
        if (indices.Length != times.Length)
            throw new ArgumentException($"SpikeTimeGroup: {indices.Length} indices but {times.Length} times; they must pair up.", nameof(times));
        double d = Simulation.ResolveDt(dt);
        var keys = new long[indices.Length];
        for (int k = 0; k < indices.Length; k++)
        {
            if ((uint)indices[k] >= (uint)size)
                throw new ArgumentOutOfRangeException(nameof(indices), indices[k], $"SpikeTimeGroup: indices[{k}] = {indices[k]} is outside [0, {size}).");
            double t = times[k];
            if (!(double.IsFinite(t) && t >= 0))
                throw new ArgumentOutOfRangeException(nameof(times), t, $"SpikeTimeGroup: times[{k}] must be a finite time ≥ 0 ms.");
            double step = Math.Ceiling(t / d - 1e-9);
            if (step > int.MaxValue)
                throw new ArgumentOutOfRangeException(nameof(times), t, $"SpikeTimeGroup: times[{k}] = {t} ms is beyond step {int.MaxValue}.");
            keys[k] = ((long)step << 32) | (uint)indices[k];
        }
        Array.Sort(keys);
        int n = 0;
        for (int k = 0; k < keys.Length; k++)
            if (k == 0 || keys[k] != keys[k - 1]) keys[n++] = keys[k];
        _steps = new int[n];
        _neurons = new int[n];
        for (int k = 0; k < n; k++)
        {
            _steps[k] = (int)(keys[k] >> 32);
            _neurons[k] = (int)(keys[k] & 0xFFFFFFFF);
        }
        Size = size;
        Dt = d;
    }

    /// <summary>Number of neurons.</summary>
    public int Size { get; }

    /// <summary>Number of neurons (same as <see cref="Size"/>).</summary>
    public int Length => Size;

    /// <summary>Time step (ms).</summary>
    public double Dt { get; }

    /// <summary>Number of distinct (neuron, step) spikes to replay in total.</summary>
    public int TotalSpikes => _steps.Length;

    /// <summary>Index of the next step; setting it seeks (for a rerun from an earlier step).</summary>
    public int StepIndex
    {
        get => _stepIndex;
        set
        {
            if (value < 0) throw new ArgumentOutOfRangeException(nameof(StepIndex), value, "SpikeTimeGroup: StepIndex must be ≥ 0.");
            _stepIndex = value;
            _cursor = LowerBound(_steps, value);
            _lastCount = 0;
        }
    }

    /// <summary>The spikes of the last step.</summary>
    public Spikes Spike => new(new ReadOnlySpan<int>(_neurons, _lastStart, _lastCount), Size);

    /// <summary>Emits the spikes of step <see cref="StepIndex"/>, advances it, and returns them.</summary>
    public Spikes Update()
    {
        int step = _stepIndex;
        int c = _cursor;
        var steps = _steps;
        while (c < steps.Length && steps[c] < step) c++;
        int start = c;
        while (c < steps.Length && steps[c] == step) c++;
        _cursor = c;
        _lastStart = start;
        _lastCount = c - start;
        _stepIndex = step + 1;
        return new Spikes(new ReadOnlySpan<int>(_neurons, start, c - start), Size);
    }

    static int LowerBound(int[] sorted, int value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
