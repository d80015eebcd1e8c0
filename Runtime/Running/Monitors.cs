using System;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace SpikeSharp;

/// <summary>Thrown before a run, when monitors would hold more memory than <see cref="Runner.MemoryLimitBytes"/> allows;
/// or, for a spike monitor that outgrows its reservation, right after the step that crosses the limit, once every
/// monitor has recorded that step and the runner's step index has moved past it.</summary>
public sealed class MonitorMemoryException : InvalidOperationException
{
    internal MonitorMemoryException(string monitor, long bytesNeeded, long limitBytes, string message) : base(message)
    {
        Monitor = monitor;
        BytesNeeded = bytesNeeded;
        LimitBytes = limitBytes;
    }

    /// <summary>Name of the monitor (or the list of monitors) that would exceed the limit.</summary>
    public string Monitor { get; }

    /// <summary>Bytes it would need.</summary>
    public long BytesNeeded { get; }

    /// <summary>The limit in force.</summary>
    public long LimitBytes { get; }
}

/// <summary>
/// Something a <see cref="Runner"/> records after every step (BrainPy's <c>monitors=</c>, Brian2's monitors).
/// Buffers are sized before each run for the whole run; their size in bytes is stated on each monitor type and
/// checked against <see cref="Runner.MemoryLimitBytes"/> before the first step.
/// </summary>
public abstract class Monitor
{
    private protected Monitor(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A monitor needs a non-empty name.", nameof(name));
        foreach (char c in name)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
                throw new ArgumentException($"Monitor name '{name}' has the character '{c}'; use letters, digits, '_', '-' or '.' (it becomes a key of exported files).", nameof(name));
        Name = name;
    }

    /// <summary>The monitor's name: its key in <see cref="Runner.Monitor{T}"/> and the prefix of its exported arrays.</summary>
    public string Name { get; }

    /// <summary>Time step (ms) of the runner it belongs to (set when the runner is built).</summary>
    public double Dt { get; private protected set; } = double.NaN;

    internal Runner? Owner { get; set; }

    /// <summary>Bytes held by the monitor's buffers now.</summary>
    public abstract long AllocatedBytes { get; }

    /// <summary>Discards everything recorded and releases the buffers (the next run re-reserves them).</summary>
    public abstract void Clear();

    /// <summary>Writes the recording as CSV (header line, invariant culture, times in ms).</summary>
    public abstract void WriteCsv(TextWriter writer);

    /// <summary>Writes the recording as CSV to <paramref name="path"/>, atomically: the data goes to a temporary file
    /// beside it, which then replaces <paramref name="path"/>; if the write fails, the previous file is left unchanged.</summary>
    /// <exception cref="IOException">The file could not be written (message: the path and the cause).</exception>
    public void SaveCsv(string path) => AtomicFile.Write(path, s =>
    {
        using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
        w.NewLine = "\n";
        WriteCsv(w);
    });

    /// <summary>Writes the recording as NumPy arrays named <c>&lt;Name&gt;_&lt;field&gt;</c>.</summary>
    public abstract void WriteTo(NpzWriter npz);

    /// <summary>Writes the recording alone to a <c>.npz</c> file, atomically (see <see cref="SaveCsv"/>).</summary>
    /// <exception cref="IOException">The file could not be written (message: the path and the cause).</exception>
    public void SaveNpz(string path, bool compress = false) => AtomicFile.Write(path, s =>
    {
        using var npz = new NpzWriter(s, compress, leaveOpen: true);
        WriteTo(npz);
    });

    internal abstract void Attach(Runner runner);

    /// <summary>Bytes the monitor will hold once it has room for <paramref name="steps"/> more steps from <paramref name="startStep"/>.</summary>
    internal abstract long BytesAfterReserve(int startStep, int steps);

    /// <summary>Makes room for the run; <paramref name="byteCap"/> bounds any later growth.</summary>
    internal abstract void Reserve(int startStep, int steps, long byteCap);

    /// <summary>Records step <paramref name="step"/>; <paramref name="networkSpikes"/> are what the network's update returned.
    /// Returns the <see cref="MonitorMemoryException"/> for the runner to throw once every monitor has recorded the step
    /// (a spike monitor that outgrew its share of the limit), or null. Called once per step: implementations are marked
    /// AggressiveOptimization (compiled fully optimised once, by <see cref="PrepareRecord"/> when a runner is built, never
    /// as tier-0 code) and keep their failure paths in separate methods, so the per-step code stays small.</summary>
    internal abstract MonitorMemoryException? Record(int step, Spikes networkSpikes);

    /// <summary>Compiles this type's <see cref="Record"/> now (a no-op once compiled).</summary>
    internal abstract void PrepareRecord();

    private protected static void Prepare(Type type) =>
        RuntimeHelpers.PrepareMethod(type.GetMethod(nameof(Record), BindingFlags.NonPublic | BindingFlags.Instance, [typeof(int), typeof(Spikes)])!.MethodHandle);

    private protected static int[] ValidateIndices(int[]? indices, int size, string monitor, string what)
    {
        if (indices is null)
        {
            var all = new int[size];
            for (int j = 0; j < size; j++) all[j] = j;
            return all;
        }
        if (indices.Length == 0) throw new ArgumentException($"Monitor '{monitor}': the list of {what} is empty.", nameof(indices));
        var copy = (int[])indices.Clone();
        foreach (int j in copy)
            if ((uint)j >= (uint)size)
                throw new ArgumentOutOfRangeException(nameof(indices), j, $"Monitor '{monitor}': neuron index {j} is outside [0, {size}).");
        return copy;
    }

    private protected static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
    private protected static string F(float x) => x.ToString("R", CultureInfo.InvariantCulture);

    private protected static long CheckedBytes(long elements, long bytesPerElement) =>
        elements > long.MaxValue / Math.Max(1, bytesPerElement) ? long.MaxValue : elements * bytesPerElement;
}

/// <summary>
/// Records spikes as (step, neuron) pairs (Brian2's <c>SpikeMonitor</c>: <c>t</c>, <c>i</c>; BrainPy's <c>'spike'</c>
/// monitor in sparse form). Memory: 8 bytes per recorded spike. Before each run it reserves room for
/// <see cref="ExpectedRateHz"/> in every recorded neuron for the whole run and checks that reservation against the limit;
/// if the network fires more, the buffers double inside the run (an allocation), never beyond the runner's limit.
/// A step whose spikes would exceed the limit is still recorded in full (the buffers then exceed the limit by at most
/// that step's spikes), by this and every other monitor; the runner then moves its step index past that step and
/// throws <see cref="MonitorMemoryException"/>, so the network, the runner and the monitors agree and a run can be
/// continued seamlessly after raising the limit or clearing monitors.
/// </summary>
public sealed class SpikeMonitor : Monitor
{
    readonly Func<Spikes>? _source;
    readonly int[]? _requested;
    int[] _steps = [];
    int[] _neurons = [];
    bool[]? _mask;
    long _byteCap = long.MaxValue;

    /// <summary>Creates a spike monitor.</summary>
    /// <param name="name">Monitor name (default "spikes").</param>
    /// <param name="source">The spikes to record, read after each update (for example <c>() =&gt; net.N.Spike</c> or
    /// <c>() =&gt; poisson.Spike</c>); default: what the network's <c>Update</c> returned.</param>
    /// <param name="indices">Record only these neurons (indices are kept as given, not re-based); default all.</param>
    /// <param name="expectedRateHz">Rate used to reserve memory up front (default 50 Hz).</param>
    public SpikeMonitor(string name = "spikes", Func<Spikes>? source = null, int[]? indices = null, double expectedRateHz = 50) : base(name)
    {
        if (!(double.IsFinite(expectedRateHz) && expectedRateHz >= 0))
            throw new ArgumentOutOfRangeException(nameof(expectedRateHz), expectedRateHz, $"SpikeMonitor '{name}': expectedRateHz must be a finite rate ≥ 0.");
        _source = source;
        _requested = indices;
        ExpectedRateHz = expectedRateHz;
    }

    /// <summary>Rate (Hz per recorded neuron) the up-front reservation assumes.</summary>
    public double ExpectedRateHz { get; }

    /// <summary>Number of neurons of the recorded population.</summary>
    public int Size { get; private set; }

    /// <summary>Recorded neurons (all when none were given).</summary>
    public ReadOnlySpan<int> RecordedIndices => _recorded;
    int[] _recorded = [];

    /// <summary>Number of recorded spikes.</summary>
    public int Count { get; private set; }

    /// <summary>Step index of each recorded spike, in order of time.</summary>
    public ReadOnlySpan<int> Steps => _steps.AsSpan(0, Count);

    /// <summary>Neuron index of each recorded spike (increasing within a step).</summary>
    public ReadOnlySpan<int> Neurons => _neurons.AsSpan(0, Count);

    /// <summary>Time (ms) of each recorded spike, <c>step · Dt</c> (BrainPy's <c>ts</c>).</summary>
    public double[] Times()
    {
        var t = new double[Count];
        for (int k = 0; k < Count; k++) t[k] = _steps[k] * Dt;
        return t;
    }

    /// <summary>Number of spikes per neuron of the population (0 for neurons not recorded).</summary>
    public int[] CountsPerNeuron()
    {
        var counts = new int[Size];
        foreach (int j in Neurons) counts[j]++;
        return counts;
    }

    /// <inheritdoc/>
    public override long AllocatedBytes => CheckedBytes(_steps.Length, 8);

    /// <inheritdoc/>
    public override void Clear()
    {
        _steps = [];
        _neurons = [];
        Count = 0;
    }

    internal override void Attach(Runner runner)
    {
        Dt = runner.Dt;
        Size = _source is null ? runner.Network.Size : _source().Length;
        if (Size <= 0) throw new ArgumentException($"SpikeMonitor '{Name}': the recorded population has {Size} neurons.");
        if (_requested is not null)
        {
            _recorded = ValidateIndices(_requested, Size, Name, "neurons");
            _mask = new bool[Size];
            foreach (int j in _recorded) _mask[j] = true;
            Array.Sort(_recorded);
        }
        else
        {
            _recorded = ValidateIndices(null, Size, Name, "neurons");
        }
    }

    long Reservation(int steps)
    {
        double expected = _recorded.Length * ExpectedRateHz * steps * Dt / 1000.0;
        double n = Math.Ceiling(expected * 1.25) + _recorded.Length; // headroom: fluctuations and a synchronous step
        return n > int.MaxValue ? int.MaxValue : (long)n;
    }

    internal override long BytesAfterReserve(int startStep, int steps)
    {
        long need = Math.Min((long)int.MaxValue, Count + Reservation(steps));
        return CheckedBytes(Math.Max(need, _steps.Length), 8);
    }

    internal override void Reserve(int startStep, int steps, long byteCap)
    {
        _byteCap = byteCap;
        int need = (int)Math.Min(int.MaxValue, Count + Reservation(steps));
        if (need > _steps.Length) Resize(need);
    }

    internal override void PrepareRecord() => Prepare(typeof(SpikeMonitor));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override MonitorMemoryException? Record(int step, Spikes networkSpikes)
    {
        var spikes = _source is null ? networkSpikes : _source();
        if (spikes.Length != Size) throw SizeChanged(spikes.Length);
        int n = spikes.Count;
        int c = Count;
        MonitorMemoryException? overLimit = null;
        if ((long)c + n > _steps.Length)
        {
            overLimit = Grow((long)c + n, step, out bool record);
            if (!record) return overLimit;
        }
        if (_mask is null)
        {
            var neurons = _neurons.AsSpan(c, n);
            for (int k = 0; k < neurons.Length; k++) neurons[k] = spikes.IndexAt(k);
            _steps.AsSpan(c, n).Fill(step);
            c += n;
        }
        else
        {
            var mask = _mask;
            var neurons = _neurons;
            var steps = _steps;
            for (int k = 0; k < n; k++)
            {
                int j = spikes.IndexAt(k);
                if (mask[j]) { neurons[c] = j; steps[c] = step; c++; }
            }
        }
        Count = c;
        return overLimit; // the runner throws it after every monitor has recorded the step (see Grow)
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    InvalidOperationException SizeChanged(int length) =>
        new($"SpikeMonitor '{Name}': the spikes cover {length} neurons but the monitor was attached to {Size}.");

    /// <summary>Makes room for <paramref name="needed"/> spikes. Over the byte cap it still makes exactly enough room
    /// for this step (at most one step's spikes beyond the cap) and returns the exception to throw once the step is
    /// recorded, so that the monitor, the runner's step index and the network stay in step. Beyond the largest .NET
    /// array it makes no room (<paramref name="record"/> false: this monitor cannot record the step) and returns the
    /// exception to throw once the other monitors have recorded it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    MonitorMemoryException? Grow(long needed, int step, out bool record)
    {
        record = needed <= Array.MaxLength;
        if (!record)
            return new MonitorMemoryException(Name, CheckedBytes(needed, 8), _byteCap,
                $"SpikeMonitor '{Name}' would hold {needed} spikes at step {step}, more than the largest .NET array ({Array.MaxLength}); step {step} is not recorded by it. Record a subset of neurons or run shorter.");
        long cap = Math.Max(needed, Math.Max(1024L, (long)_steps.Length * 2));
        if (cap * 8 > _byteCap) cap = Math.Max(needed, _byteCap / 8);
        cap = Math.Min(cap, Array.MaxLength);
        MonitorMemoryException? overLimit = null;
        if (needed * 8 > _byteCap)
        {
            cap = needed;
            overLimit = new MonitorMemoryException(Name, needed * 8, _byteCap,
                $"SpikeMonitor '{Name}' needs {Runner.B(needed * 8)} bytes at step {step} (more spikes than its reservation for {ExpectedRateHz} Hz), over the {Runner.B(_byteCap)} bytes left to it under Runner.MemoryLimitBytes. " +
                $"Step {step} was recorded in full by every monitor and the runner stopped after it (StepIndex = {step + 1}); raise the limit (or Clear() monitors) and run again to continue, or record a subset of neurons, or run shorter.");
        }
        Resize((int)cap);
        return overLimit;
    }

    void Resize(int cap)
    {
        Array.Resize(ref _steps, cap);
        Array.Resize(ref _neurons, cap);
    }

    /// <summary>CSV columns <c>t_ms,step,neuron</c>, one line per spike.</summary>
    public override void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("t_ms,step,neuron");
        for (int k = 0; k < Count; k++)
            writer.WriteLine($"{F(_steps[k] * Dt)},{_steps[k].ToString(CultureInfo.InvariantCulture)},{_neurons[k].ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>Arrays <c>&lt;Name&gt;_t</c> (float64, ms), <c>&lt;Name&gt;_step</c> and <c>&lt;Name&gt;_i</c> (int32), one entry per spike.</summary>
    public override void WriteTo(NpzWriter npz)
    {
        ArgumentNullException.ThrowIfNull(npz);
        npz.Add<double>(Name + "_t", Times());
        npz.Add<int>(Name + "_step", Steps);
        npz.Add<int>(Name + "_i", Neurons);
    }
}

/// <summary>
/// Records a state variable (for example V) of chosen neurons every <see cref="Every"/> steps (BrainPy's
/// <c>('V', indices)</c> monitor, Brian2's <c>StateMonitor(record=…, dt=…)</c>). The variable is read through a delegate
/// once per recorded step, outside any per-neuron loop. Step i is recorded when i is a multiple of <see cref="Every"/>,
/// after the update, and labelled with time <c>i·dt</c> (BrainPy's <c>ts</c>). Memory: exactly
/// <c>samples × (4·neurons + 4)</c> bytes, reserved before the run.
/// </summary>
public sealed class StateMonitor : Monitor
{
    readonly Func<ReadOnlySpan<float>> _variable;
    readonly int[]? _requested;
    int[] _indices = [];
    float[] _values = [];
    int[] _steps = [];
    int _size;

    /// <summary>Creates a state monitor.</summary>
    /// <param name="name">Monitor name, e.g. "V".</param>
    /// <param name="variable">Reads the whole variable, e.g. <c>() =&gt; net.N.V</c>.</param>
    /// <param name="indices">Neurons to record (default all).</param>
    /// <param name="every">Record every k-th step (default 1).</param>
    public StateMonitor(string name, Func<ReadOnlySpan<float>> variable, int[]? indices = null, int every = 1) : base(name)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (every < 1) throw new ArgumentOutOfRangeException(nameof(every), every, $"StateMonitor '{name}': every must be ≥ 1.");
        _variable = variable;
        _requested = indices;
        Every = every;
    }

    /// <summary>Records every k-th step.</summary>
    public int Every { get; }

    /// <summary>Recorded neurons, in the order given (the columns of <see cref="Values"/>).</summary>
    public ReadOnlySpan<int> Indices => _indices;

    /// <summary>Number of recorded samples (rows).</summary>
    public int Count { get; private set; }

    /// <summary>Step index of each sample.</summary>
    public ReadOnlySpan<int> Steps => _steps.AsSpan(0, Count);

    /// <summary>All samples, row-major: <c>Values[s · Indices.Length + k]</c> is neuron <c>Indices[k]</c> at sample s.</summary>
    public ReadOnlySpan<float> Values => _values.AsSpan(0, Count * _indices.Length);

    /// <summary>The trace of the <paramref name="column"/>-th recorded neuron, one value per sample.</summary>
    public float[] Trace(int column)
    {
        if ((uint)column >= (uint)_indices.Length)
            throw new ArgumentOutOfRangeException(nameof(column), column, $"StateMonitor '{Name}': column must be in [0, {_indices.Length}).");
        var t = new float[Count];
        for (int s = 0; s < Count; s++) t[s] = _values[s * _indices.Length + column];
        return t;
    }

    /// <summary>Time (ms) of each sample.</summary>
    public double[] Times()
    {
        var t = new double[Count];
        for (int k = 0; k < Count; k++) t[k] = _steps[k] * Dt;
        return t;
    }

    /// <inheritdoc/>
    public override long AllocatedBytes => CheckedBytes(_steps.Length, 4L * _indices.Length + 4);

    /// <inheritdoc/>
    public override void Clear()
    {
        _values = [];
        _steps = [];
        Count = 0;
    }

    internal override void Attach(Runner runner)
    {
        Dt = runner.Dt;
        _size = _variable().Length;
        if (_size <= 0) throw new ArgumentException($"StateMonitor '{Name}': the variable has {_size} entries.");
        _indices = ValidateIndices(_requested, _size, Name, "neurons");
    }

    /// <summary>Multiples of <see cref="Every"/> in [start, start + steps).</summary>
    long SamplesIn(int start, int steps)
    {
        static long CeilDiv(long a, long b) => (a + b - 1) / b;
        return CeilDiv((long)start + steps, Every) - CeilDiv(start, Every);
    }

    internal override long BytesAfterReserve(int startStep, int steps) =>
        CheckedBytes(Math.Max(Count + SamplesIn(startStep, steps), _steps.Length), 4L * _indices.Length + 4);

    internal override void Reserve(int startStep, int steps, long byteCap)
    {
        long rows = Count + SamplesIn(startStep, steps);
        if (rows * _indices.Length > Array.MaxLength)
            throw new MonitorMemoryException(Name, CheckedBytes(rows, 4L * _indices.Length + 4), byteCap,
                $"StateMonitor '{Name}': {rows} samples × {_indices.Length} neurons exceed the largest .NET array; record fewer neurons or every k-th step.");
        if (rows > _steps.Length)
        {
            Array.Resize(ref _steps, (int)rows);
            Array.Resize(ref _values, (int)(rows * _indices.Length));
        }
    }

    internal override void PrepareRecord() => Prepare(typeof(StateMonitor));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override MonitorMemoryException? Record(int step, Spikes networkSpikes)
    {
        int every = Every;
        if (every != 1 && step % every != 0) return null;
        var v = _variable();
        if (v.Length != _size) throw SizeChanged(v.Length);
        var idx = _indices;
        int c = Count;
        var row = _values.AsSpan(c * idx.Length, idx.Length);
        for (int j = 0; j < row.Length; j++) row[j] = v[idx[j]];
        _steps[c] = step;
        Count = c + 1;
        return null;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    InvalidOperationException SizeChanged(int length) =>
        new($"StateMonitor '{Name}': the variable has {length} entries now, {_size} when attached.");

    /// <summary>CSV columns <c>t_ms,step,n&lt;index&gt;…</c>, one line per sample.</summary>
    public override void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("t_ms,step");
        foreach (int j in _indices) writer.Write($",n{j.ToString(CultureInfo.InvariantCulture)}");
        writer.WriteLine();
        int k = _indices.Length;
        for (int s = 0; s < Count; s++)
        {
            writer.Write(F(_steps[s] * Dt));
            writer.Write(',');
            writer.Write(_steps[s].ToString(CultureInfo.InvariantCulture));
            for (int j = 0; j < k; j++) { writer.Write(','); writer.Write(F(_values[s * k + j])); }
            writer.WriteLine();
        }
    }

    /// <summary>Arrays <c>&lt;Name&gt;_t</c> (float64 ms, samples), <c>&lt;Name&gt;_step</c> (int32), <c>&lt;Name&gt;_index</c>
    /// (int32, neurons) and <c>&lt;Name&gt;</c> (float32, samples × neurons, BrainPy's layout).</summary>
    public override void WriteTo(NpzWriter npz)
    {
        ArgumentNullException.ThrowIfNull(npz);
        npz.Add<double>(Name + "_t", Times());
        npz.Add<int>(Name + "_step", Steps);
        npz.Add<int>(Name + "_index", Indices);
        npz.Add(Name, Values, Count, _indices.Length);
    }
}

/// <summary>
/// Population rate in bins of <see cref="BinMs"/> (Brian2's <c>PopulationRateMonitor</c> binned; BrainPy's
/// <c>bp.measure.firing_rate</c> with a window): spikes of the population per bin divided by (neurons × bin length).
/// Bins are aligned to the first step recorded (step 0 for a new runner). Memory: 4 bytes per bin, reserved before the run.
/// </summary>
public sealed class RateMonitor : Monitor
{
    readonly Func<Spikes>? _source;
    int[] _counts = [];
    int _stepsRecorded;
    int _origin;     // step index of bin 0: the first step recorded after creation or Clear()
    int _bin, _binStart; // the bin of the last step recorded and its first step relative to _origin (_bin · StepsPerBin)

    /// <summary>Creates a rate monitor.</summary>
    /// <param name="name">Monitor name (default "rate").</param>
    /// <param name="binMs">Bin width in ms; must be a whole number of steps (default 1 ms).</param>
    /// <param name="source">The spikes to count (default: what the network's <c>Update</c> returned).</param>
    public RateMonitor(string name = "rate", double binMs = 1.0, Func<Spikes>? source = null) : base(name)
    {
        if (!(double.IsFinite(binMs) && binMs > 0))
            throw new ArgumentOutOfRangeException(nameof(binMs), binMs, $"RateMonitor '{name}': binMs must be a positive finite number of ms.");
        BinMs = binMs;
        _source = source;
    }

    /// <summary>Bin width (ms).</summary>
    public double BinMs { get; }

    /// <summary>Steps per bin.</summary>
    public int StepsPerBin { get; private set; }

    /// <summary>Number of neurons of the population.</summary>
    public int Size { get; private set; }

    /// <summary>Number of bins with at least one recorded step.</summary>
    public int BinCount => _stepsRecorded == 0 ? 0 : (_stepsRecorded - 1) / StepsPerBin + 1;

    /// <summary>Spikes per bin.</summary>
    public ReadOnlySpan<int> Counts => _counts.AsSpan(0, BinCount);

    /// <summary>Rate (Hz) of each bin: count / (neurons × bin duration); the last bin uses the steps it actually covers.</summary>
    public double[] Rates()
    {
        var r = new double[BinCount];
        for (int b = 0; b < r.Length; b++)
        {
            int steps = Math.Min(StepsPerBin, _stepsRecorded - b * StepsPerBin);
            r[b] = _counts[b] / (Size * steps * Dt / 1000.0);
        }
        return r;
    }

    /// <summary>Start time (ms) of each bin.</summary>
    public double[] BinStarts()
    {
        var t = new double[BinCount];
        for (int b = 0; b < t.Length; b++) t[b] = ((long)_origin + (long)b * StepsPerBin) * Dt;
        return t;
    }

    /// <inheritdoc/>
    public override long AllocatedBytes => CheckedBytes(_counts.Length, 4);

    /// <inheritdoc/>
    public override void Clear()
    {
        _counts = [];
        _stepsRecorded = 0;
    }

    internal override void Attach(Runner runner)
    {
        Dt = runner.Dt;
        double ratio = BinMs / Dt;
        int spb = (int)Math.Round(ratio);
        if (spb < 1 || Math.Abs(spb - ratio) > 1e-6 * ratio)
            throw new ArgumentException($"RateMonitor '{Name}': binMs = {BinMs} ms is not a whole number of steps of dt = {Dt} ms.");
        StepsPerBin = spb;
        Size = _source is null ? runner.Network.Size : _source().Length;
        if (Size <= 0) throw new ArgumentException($"RateMonitor '{Name}': the population has {Size} neurons.");
    }

    long BinsAfter(int startStep, int steps)
    {
        int origin = _stepsRecorded == 0 ? startStep : _origin;
        return ((long)startStep - origin + steps + StepsPerBin - 1) / StepsPerBin;
    }

    internal override long BytesAfterReserve(int startStep, int steps) => CheckedBytes(Math.Max(BinsAfter(startStep, steps), _counts.Length), 4);

    internal override void Reserve(int startStep, int steps, long byteCap)
    {
        long bins = BinsAfter(startStep, steps);
        if (_stepsRecorded == 0) _origin = startStep;
        if (bins > _counts.Length) Array.Resize(ref _counts, (int)bins);
    }

    internal override void PrepareRecord() => Prepare(typeof(RateMonitor));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override MonitorMemoryException? Record(int step, Spikes networkSpikes)
    {
        var spikes = _source is null ? networkSpikes : _source();
        int rel = step - _origin;
        // The bin of the previous step serves while rel stays inside it (one division per bin, not per step).
        // (bin, bin · StepsPerBin) is a pair of a bin and its first relative step whatever the origin, so it never goes stale.
        if ((uint)(rel - _binStart) >= (uint)StepsPerBin)
        {
            _bin = rel / StepsPerBin;
            _binStart = _bin * StepsPerBin;
        }
        _counts[_bin] += spikes.Count;
        _stepsRecorded = rel + 1;
        return null;
    }

    /// <summary>CSV columns <c>t_ms,count,rate_hz</c>, one line per bin (t = bin start).</summary>
    public override void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("t_ms,count,rate_hz");
        var r = Rates();
        for (int b = 0; b < r.Length; b++)
            writer.WriteLine($"{F(((long)_origin + (long)b * StepsPerBin) * Dt)},{_counts[b].ToString(CultureInfo.InvariantCulture)},{F(r[b])}");
    }

    /// <summary>Arrays <c>&lt;Name&gt;_t</c> (float64, bin starts in ms), <c>&lt;Name&gt;_count</c> (int32) and <c>&lt;Name&gt;</c> (float64, Hz).</summary>
    public override void WriteTo(NpzWriter npz)
    {
        ArgumentNullException.ThrowIfNull(npz);
        npz.Add<double>(Name + "_t", BinStarts());
        npz.Add<int>(Name + "_count", Counts);
        npz.Add<double>(Name, Rates());
    }
}
