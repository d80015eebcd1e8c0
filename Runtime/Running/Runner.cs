using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;

namespace SpikeSharp;

/// <summary>A network that advances one step per call and returns the spikes of the step (the shape of BrainPy's
/// <c>update(input)</c> in the seed example).</summary>
public interface ISpikingNetwork
{
    /// <summary>Number of neurons whose spikes <see cref="Update"/> returns.</summary>
    int Size { get; }

    /// <summary>The time step (ms) the network's populations were built with; the <see cref="Runner"/> steps and labels
    /// time with it. There is deliberately no default (a default of <see cref="Simulation.Dt"/> silently ran a network built
    /// with another dt at the wrong time base): return the population's <c>Dt</c>, or, for several populations and input
    /// groups, <see cref="SpikeSharp.Network.CommonDt"/>, which throws naming both parts when two of them differ.</summary>
    double Dt { get; }

    /// <summary>Advances one step with external input <paramref name="input"/>.</summary>
    Spikes Update(float input);
}

/// <summary>Where a run stands, as reported through <see cref="IProgress{T}"/> by <see cref="Runner"/>.</summary>
/// <param name="StepsDone">Steps of this run completed so far.</param>
/// <param name="TotalSteps">Steps this run will take.</param>
/// <param name="StepIndex">The runner's step index after the last completed step (it carries on across runs).</param>
/// <param name="Elapsed">Wall time of this run so far.</param>
public readonly record struct RunProgress(int StepsDone, int TotalSteps, int StepIndex, TimeSpan Elapsed)
{
    /// <summary>Fraction of the run done, 0…1 (1 for an empty run).</summary>
    public double Fraction => TotalSteps == 0 ? 1 : StepsDone / (double)TotalSteps;

    /// <summary>Steps per second of wall time so far (0 before the first step).</summary>
    public double StepsPerSecond => StepsDone == 0 || Elapsed <= TimeSpan.Zero ? 0 : StepsDone / Elapsed.TotalSeconds;

    /// <summary>Estimated wall time left at the rate so far: elapsed · (steps left / steps done); null before the first
    /// step or while no wall time has been measured yet.</summary>
    public TimeSpan? Remaining =>
        StepsDone <= 0 ? null
        : StepsDone >= TotalSteps ? TimeSpan.Zero
        : Elapsed <= TimeSpan.Zero ? null
        : Elapsed.Ticks * ((TotalSteps - StepsDone) / (double)StepsDone) is var ticks && ticks < TimeSpan.MaxValue.Ticks
            ? TimeSpan.FromTicks((long)ticks) : TimeSpan.MaxValue;
}

/// <summary>
/// BrainPy's <c>DSRunner</c>: drives an <see cref="ISpikingNetwork"/> step by step, feeds it an <see cref="Input"/>,
/// records <see cref="Monitor"/>s after every update and reports progress. Successive <see cref="Run(double, IProgress{RunProgress}?, CancellationToken)"/>
/// calls continue where the last one stopped: the step index and time carry on, and monitors keep what they recorded
/// (like Brian2's monitors; BrainPy's runner replaces <c>runner.mon</c> on each run).
/// </summary>
/// <remarks>
/// The time step is the network's <see cref="ISpikingNetwork.Dt"/> (no default). Each step <c>i</c> (time
/// <c>t = i·dt</c>): the input's value at step i is computed once and checked to be finite (a NaN or infinite value
/// throws <see cref="InputValueException"/> before the network runs the step), the network's
/// <c>Update(input)</c> runs, then every monitor records (after the update, as in DSRunner). Before a run, monitor
/// buffers are sized for the whole run and the total is checked against <see cref="MemoryLimitBytes"/>, so a run that
/// would not fit fails before its first step. The step loop itself allocates nothing, unless a spike monitor receives
/// more spikes than it reserved (see <see cref="SpikeMonitor"/>) or the progress sink allocates. The step loop and the
/// monitors' per-step code are compiled fully optimised when the runner is built (once per process), so, whatever the
/// project's tiering settings, a run neither compiles them nor runs them as tier-0 code (the network's and the
/// input's own code are compiled as their projects decide; generated kernels are always fully optimised). Whatever ends a run
/// early (a monitor over the limit, a non-finite input, cancellation), the network, the runner's
/// <see cref="StepIndex"/> and every monitor agree afterwards on the steps done, so a later run continues seamlessly.
/// (An exception thrown by the network's own <c>Update</c> or by a monitor's source delegate carries no such promise.)
/// </remarks>
public sealed class Runner
{
    /// <summary>Default bound on the memory of all monitors together: 1 GiB.</summary>
    public const long DefaultMemoryLimitBytes = 1L << 30;

    readonly Monitor[] _monitors;
    long _memoryLimit;

    /// <summary>Creates a runner.</summary>
    /// <param name="network">The network to run.</param>
    /// <param name="input">External input per step (<see cref="Inputs"/>); a <c>float</c> converts to a constant. Default 0.</param>
    /// <param name="monitors">What to record. Names must be distinct.</param>
    /// <param name="memoryLimitBytes">Bound on the memory of all monitors together (<see cref="MemoryLimitBytes"/>).</param>
    public Runner(ISpikingNetwork network, Input? input = null, IEnumerable<Monitor>? monitors = null, long memoryLimitBytes = DefaultMemoryLimitBytes)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (memoryLimitBytes <= 0)
            throw new ArgumentOutOfRangeException(nameof(memoryLimitBytes), memoryLimitBytes, "Runner: memoryLimitBytes must be > 0.");
        double dt = network.Dt;
        if (!(double.IsFinite(dt) && dt > 0))
            throw new ArgumentException($"Runner: the network's Dt must be a positive finite number of ms, got {dt}.", nameof(network));
        var list = new List<Monitor>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (monitors is not null)
            foreach (var m in monitors)
            {
                if (m is null) throw new ArgumentException("Runner: a monitor is null.", nameof(monitors));
                if (!names.Add(m.Name)) throw new ArgumentException($"Runner: two monitors are named '{m.Name}'.", nameof(monitors));
                if (m.Owner is not null) throw new ArgumentException($"Runner: monitor '{m.Name}' already belongs to another runner.", nameof(monitors));
                list.Add(m);
            }
        Network = network;
        Dt = dt;
        Input = input ?? Inputs.Constant(0f);
        _memoryLimit = memoryLimitBytes;
        foreach (var m in list) m.Attach(this); // validates sources before any state changes
        foreach (var m in list) m.Owner = this;
        _monitors = list.ToArray();
        PrepareStepCode(_monitors);
    }

    /// <summary>The network being run.</summary>
    public ISpikingNetwork Network { get; }

    /// <summary>Time step (ms), the network's <see cref="ISpikingNetwork.Dt"/>.</summary>
    public double Dt { get; }

    /// <summary>External input, evaluated once per step (not per neuron). May be replaced between runs.</summary>
    public Input Input { get; set; }

    /// <summary>The monitors, in the order given.</summary>
    public IReadOnlyList<Monitor> Monitors => _monitors;

    /// <summary>Bound on the bytes held by all monitors together; checked before each run.</summary>
    public long MemoryLimitBytes
    {
        get => _memoryLimit;
        set => _memoryLimit = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MemoryLimitBytes), value, "Runner.MemoryLimitBytes must be > 0.");
    }

    /// <summary>Index of the next step (BrainPy's <c>i</c>); carries on across runs.</summary>
    public int StepIndex { get; private set; }

    /// <summary>Time (ms) of the next step, <c>StepIndex · Dt</c> (BrainPy's <c>t</c>).</summary>
    public double Time => StepIndex * Dt;

    /// <summary>How many progress reports a run makes at most (besides the final one). Default 100.</summary>
    public int ProgressReports { get; set; } = 100;

    /// <summary>Bytes held by all monitors now.</summary>
    public long MonitorBytes
    {
        get { long s = 0; foreach (var m in _monitors) s += m.AllocatedBytes; return s; }
    }

    /// <summary>The monitor called <paramref name="name"/>.</summary>
    public T Monitor<T>(string name) where T : Monitor => FindMonitor<T>(_monitors, name);

    /// <summary>Number of steps in <paramref name="durationMs"/>: <c>int(duration/dt)</c> as in DSRunner, with a
    /// tolerance of 1e-9 so that 0.3 ms at 0.1 ms is 3 steps, not 2.</summary>
    public static int StepsFor(double durationMs, double dt)
    {
        if (!(double.IsFinite(durationMs) && durationMs >= 0))
            throw new ArgumentOutOfRangeException(nameof(durationMs), durationMs, "The duration must be a finite number of ms ≥ 0.");
        if (!(double.IsFinite(dt) && dt > 0))
            throw new ArgumentOutOfRangeException(nameof(dt), dt, "dt must be a positive finite number of ms.");
        double steps = Math.Floor(durationMs / dt + 1e-9);
        if (steps > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(durationMs), durationMs, $"{durationMs} ms at dt = {dt} ms is more than {int.MaxValue} steps.");
        return (int)steps;
    }

    /// <summary>Runs for <paramref name="durationMs"/> ms (<see cref="StepsFor"/> steps), continuing from <see cref="StepIndex"/>.</summary>
    public RunResult Run(double durationMs, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunSteps(StepsFor(durationMs, Dt), progress, cancellationToken);

    /// <summary>Runs <paramref name="steps"/> steps, continuing from <see cref="StepIndex"/>.</summary>
    /// <exception cref="MonitorMemoryException">Before the first step, if the monitors would exceed <see cref="MemoryLimitBytes"/>;
    /// or after a step in which a spike monitor outgrew its share of the limit: that step has then been recorded by every
    /// monitor and <see cref="StepIndex"/> is past it, so the network, the runner and the monitors agree, and a later run
    /// (after raising the limit or clearing monitors) continues seamlessly.</exception>
    /// <exception cref="InputValueException">At a step where the input is NaN or infinite, before the network runs it
    /// (<see cref="StepIndex"/> is that step; nothing changed).</exception>
    /// <exception cref="OperationCanceledException">At a progress point, after which the runner can continue.</exception>
    public RunResult RunSteps(int steps, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, "Runner.RunSteps: steps must be ≥ 0.");
        int start = StepIndex;
        if ((long)start + steps > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"Runner.RunSteps: step index {start} + {steps} steps exceeds {int.MaxValue}.");
        var input = Input ?? throw new InvalidOperationException("Runner.Input is null.");
        ReserveMonitors(start, steps);

        int every = Math.Max(1, steps / Math.Max(1, ProgressReports));
        double dt = Dt;
        long allocated0 = GC.GetAllocatedBytesForCurrentThread();
        long t0 = Stopwatch.GetTimestamp();
        StepLoop(input, start, steps, every, progress, cancellationToken, t0);
        var wall = Stopwatch.GetElapsedTime(t0);
        long loopAllocated = GC.GetAllocatedBytesForCurrentThread() - allocated0;
        if (steps % every != 0 || steps == 0) progress?.Report(new RunProgress(steps, steps, StepIndex, wall));
        return new RunResult(start, steps, dt, wall, _monitors) { LoopAllocatedBytes = loopAllocated };
    }

    /// <summary>The step loop. Compiled fully optimised before the runner's first run (see the constructor), like the
    /// generated kernels: whatever the project's tiering settings, no step runs tier-0 code of the runner or of the
    /// monitors, and no JIT compilation of theirs falls inside a run's <see cref="RunResult.WallTime"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    void StepLoop(Input input, int start, int steps, int every, IProgress<RunProgress>? progress, CancellationToken cancellationToken, long t0)
    {
        var monitors = _monitors;
        var network = Network;
        double dt = Dt;
        int i = start;
        try
        {
            int end = start + steps;
            int nextReport = start + every;
            while (i < end)
            {
                float x = input.At(i, dt);
                if (!float.IsFinite(x)) throw NonFiniteInput(input, i, dt, x); // before the update: no state changes
                var spikes = network.Update(x);
                // A spike monitor that outgrows the limit still records this step in full and hands back the exception
                // to throw: every monitor records the step and the step index moves past it, so nothing is lost or shifted.
                MonitorMemoryException? overLimit = null;
                for (int m = 0; m < monitors.Length; m++)
                {
                    var e = monitors[m].Record(i, spikes);
                    overLimit ??= e;
                }
                i++;
                if (overLimit is not null) throw overLimit;
                if (i == nextReport)
                {
                    nextReport += every;
                    progress?.Report(new RunProgress(i - start, steps, i, Stopwatch.GetElapsedTime(t0)));
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }
        finally
        {
            StepIndex = i;
        }
    }

    /// <summary>Compiles the step loop and each monitor type's <c>Record</c> now (once per process; they are marked
    /// AggressiveOptimization, so this is their only, fully optimised compilation), outside any run's wall time.</summary>
    static void PrepareStepCode(Monitor[] monitors)
    {
        if (!s_loopPrepared)
        {
            RuntimeHelpers.PrepareMethod(typeof(Runner).GetMethod(nameof(StepLoop), BindingFlags.NonPublic | BindingFlags.Instance)!.MethodHandle);
            s_loopPrepared = true;
        }
        foreach (var m in monitors) m.PrepareRecord();
    }

    static volatile bool s_loopPrepared;

    static InputValueException NonFiniteInput(Input input, int step, double dt, float value) =>
        new(input, step, step * dt, value,
            $"Runner: the input {input} is {F(value)} at step {step} (t = {F(step * dt)} ms); a NaN or infinite input would make the network's state NaN for good. " +
            "The network did not run this step and the runner's StepIndex is still " + step.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");

    static string F(double x) => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    void ReserveMonitors(int start, int steps)
    {
        long total = 0;
        var needs = new long[_monitors.Length];
        for (int k = 0; k < _monitors.Length; k++)
        {
            needs[k] = _monitors[k].BytesAfterReserve(start, steps);
            if (needs[k] > _memoryLimit)
                throw new MonitorMemoryException(_monitors[k].Name, needs[k], _memoryLimit,
                    $"Monitor '{_monitors[k].Name}' would need {B(needs[k])} bytes for {steps} more steps (from step {start}), over the limit of {B(_memoryLimit)} bytes (Runner.MemoryLimitBytes). Record fewer neurons, record every k-th step, run shorter, or raise the limit.");
            total += needs[k];
        }
        if (total > _memoryLimit)
        {
            var parts = new List<string>();
            for (int k = 0; k < _monitors.Length; k++) parts.Add($"'{_monitors[k].Name}' {B(needs[k])}");
            throw new MonitorMemoryException(string.Join(", ", parts), total, _memoryLimit,
                $"The monitors would need {B(total)} bytes together for {steps} more steps ({string.Join(", ", parts)} bytes), over the limit of {B(_memoryLimit)} bytes (Runner.MemoryLimitBytes).");
        }
        for (int k = 0; k < _monitors.Length; k++)
            _monitors[k].Reserve(start, steps, _memoryLimit - (total - needs[k]));
    }

    /// <summary>Writes every monitor (everything recorded so far) into one NumPy <c>.npz</c> file, atomically: a
    /// temporary file beside it replaces <paramref name="path"/> once complete; a failed write leaves the previous file.</summary>
    /// <exception cref="System.IO.IOException">The file could not be written (message: the path and the cause).</exception>
    public void SaveNpz(string path, bool compress = false) => SaveMonitors(path, compress, _monitors);

    internal static void SaveMonitors(string path, bool compress, IReadOnlyList<Monitor> monitors) => AtomicFile.Write(path, s =>
    {
        using var npz = new NpzWriter(s, compress, leaveOpen: true);
        foreach (var m in monitors) m.WriteTo(npz);
    });

    internal static string B(long bytes) => bytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    internal static T FindMonitor<T>(IReadOnlyList<Monitor> monitors, string name) where T : Monitor
    {
        foreach (var m in monitors)
            if (m.Name == name)
                return m as T ?? throw new InvalidCastException($"Monitor '{name}' is a {m.GetType().Name}, not a {typeof(T).Name}.");
        var names = new List<string>();
        foreach (var m in monitors) names.Add(m.Name);
        throw new KeyNotFoundException($"No monitor named '{name}' (monitors: {(names.Count == 0 ? "none" : string.Join(", ", names))}).");
    }

    /// <summary>Runs <paramref name="network"/> for <paramref name="steps"/> steps with constant <paramref name="input"/>,
    /// recording every spike in a monitor named "spikes"; reports the fraction done (0…1) about every 1 % of the run
    /// if <paramref name="progress"/> is given. Shorthand for a <see cref="Runner"/> with one <see cref="SpikeMonitor"/>.</summary>
    public static RunResult Run(ISpikingNetwork network, int steps, float input, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, "Runner.Run: steps must be ≥ 0.");
        var runner = new Runner(network, Inputs.Constant(input), [new SpikeMonitor("spikes")]);
        return runner.RunSteps(steps, progress is null ? null : new FractionProgress(progress));
    }

    sealed class FractionProgress(IProgress<double> inner) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => inner.Report(value.Fraction);
    }
}

/// <summary>What one <see cref="Runner"/> run did: its steps, its wall time, and the runner's monitors (which hold
/// everything recorded so far, this run and earlier ones).</summary>
public sealed class RunResult
{
    internal RunResult(int startStep, int steps, double dt, TimeSpan wallTime, IReadOnlyList<Monitor> monitors)
    {
        StartStep = startStep;
        Steps = steps;
        Dt = dt;
        WallTime = wallTime;
        Monitors = monitors;
    }

    /// <summary>Step index of the run's first step.</summary>
    public int StartStep { get; }

    /// <summary>Steps run.</summary>
    public int Steps { get; }

    /// <summary>Time step (ms).</summary>
    public double Dt { get; }

    /// <summary>Simulated time of this run (ms), <c>Steps · Dt</c>.</summary>
    public double Duration => Steps * Dt;

    /// <summary>Wall time of the step loop alone (monitor sizing excluded, and the compilation of the runner's loop and of
    /// the monitors' per-step code, which happens when the runner is built).</summary>
    public TimeSpan WallTime { get; }

    /// <summary>The runner's monitors.</summary>
    public IReadOnlyList<Monitor> Monitors { get; }

    /// <summary>Bytes allocated on the running thread by the step loop (0 unless a spike monitor outgrew its reservation,
    /// the input or a monitor source allocates, or the progress sink does).</summary>
    public long LoopAllocatedBytes { get; init; }

    /// <summary>The monitor called <paramref name="name"/>.</summary>
    public T Monitor<T>(string name) where T : Monitor => Runner.FindMonitor<T>(Monitors, name);

    /// <summary>The first <see cref="SpikeMonitor"/> (the one <see cref="Runner.Run(ISpikingNetwork, int, float, IProgress{double}?)"/> creates).</summary>
    public SpikeMonitor Spikes
    {
        get
        {
            foreach (var m in Monitors) if (m is SpikeMonitor s) return s;
            throw new InvalidOperationException("RunResult.Spikes: the runner has no SpikeMonitor.");
        }
    }

    /// <summary>Writes every monitor into one NumPy <c>.npz</c> file (keys <c>&lt;monitor&gt;_&lt;field&gt;</c>; see each
    /// monitor), atomically like <see cref="Runner.SaveNpz"/>.</summary>
    /// <exception cref="System.IO.IOException">The file could not be written (message: the path and the cause).</exception>
    public void SaveNpz(string path, bool compress = false) => Runner.SaveMonitors(path, compress, Monitors);
}
