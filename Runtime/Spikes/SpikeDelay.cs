using System;
using System.Collections.Generic;

namespace SpikeSharp;

/// <summary>
/// A ring buffer of a population's spikes, with BrainPy <c>VarDelay</c>'s interface: named entries
/// with a delay in steps (or none), reads with <see cref="At(int)"/> / <see cref="At(string)"/>, and a push
/// at the end of each step.
/// </summary>
/// <remarks>
/// Lag, as decided in design.md ("Delays deliver exactly what they say"): a spike pushed at the end of step
/// <c>t</c> is read by <c>At(d)</c> exactly in step <c>t + d</c> (reads happen before the population updates).
/// <c>At(0)</c> (an entry with no delay, BrainPy's <c>None</c>) reads the population's current spikes, i.e. the
/// latest push: the same one-step latency as <c>d = 1</c>. BrainPy 2.6's rotation arithmetic (lag d − 1 for
/// d ≥ 2, a stale slot for d = 1) is deliberately not reproduced. Before the first push every read is empty.
/// Push and reads allocate nothing.
/// </remarks>
public sealed class SpikeDelay
{
    int[][] _slots;     // _slots[s][0.._counts[s]) sorted spike indices
    int[] _counts;
    int _head = -1;     // slot of the latest push, -1 before the first
    readonly Dictionary<string, int> _entries = new(StringComparer.Ordinal);

    /// <summary>Creates a delay for a population of <paramref name="size"/> neurons.</summary>
    /// <param name="size">Population size.</param>
    /// <param name="maxSteps">Longest delay in steps that can be read (0: only the current spikes).</param>
    public SpikeDelay(int size, int maxSteps = 0)
    {
        if (size <= 0) throw new ArgumentOutOfRangeException(nameof(size), size, "SpikeDelay: size must be > 0.");
        if (maxSteps < 0) throw new ArgumentOutOfRangeException(nameof(maxSteps), maxSteps, "SpikeDelay: maxSteps must be ≥ 0.");
        if (size > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"SpikeDelay: size {size} is more than the largest .NET array ({Array.MaxLength} elements).");
        Size = size;
        MaxSteps = maxSteps;
        int n = Math.Max(1, maxSteps);
        _slots = AllocateSlots(n, size, $"SpikeDelay(size: {size}, maxSteps: {maxSteps})");
        _counts = new int[n];
        Warmup.SpikePath(); // At, Push and the Spikes views every step calls: compiled now, not in the first step
    }

    /// <summary>Bytes the ring holds for <paramref name="slots"/> slots of <paramref name="size"/> neurons: a sorted
    /// index list of up to <paramref name="size"/> ints per slot (4·slots·size), plus the slot counts.</summary>
    internal static long BytesFor(int size, int slots) => 4L * size * Math.Max(1, slots) + 4L * Math.Max(1, slots);

    /// <summary>Allocates the slots, checking the total against the memory the GC can use first, so that an absurd
    /// size or delay fails with a message instead of a bare <see cref="OutOfMemoryException"/>.</summary>
    static int[][] AllocateSlots(int slots, int size, string context)
    {
        long bytes = BytesFor(size, slots);
        string what = $"{context}: {slots} slot(s) of {size} neurons (4 bytes per neuron per step of delay)";
        StateMemory.EnsureAvailable(what, bytes, "Use a shorter delay, a coarser dt, or a smaller population.");
        try
        {
            var a = new int[slots][];
            for (int s = 0; s < slots; s++) a[s] = new int[size];
            return a;
        }
        catch (OutOfMemoryException ex) when (ex is not InsufficientMemoryException)
        {
            throw new InsufficientMemoryException($"{what} needs {Runner.B(bytes)} bytes; the allocation failed ({ex.Message}).", ex);
        }
    }

    /// <summary>Population size.</summary>
    public int Size { get; }

    /// <summary>Longest readable delay in steps.</summary>
    public int MaxSteps { get; private set; }

    /// <summary>Registers an entry with a delay in steps; <c>null</c> or 0 means no delay (BrainPy's <c>None</c>).
    /// The buffer grows if needed (allocates; do it before running).</summary>
    public void Register(string name, int? steps)
    {
        ArgumentNullException.ThrowIfNull(name);
        int d = steps ?? 0;
        if (d < 0) throw new ArgumentOutOfRangeException(nameof(steps), d, $"SpikeDelay.Register(\"{name}\"): steps must be ≥ 0 or null.");
        if (_entries.ContainsKey(name)) throw new ArgumentException($"SpikeDelay.Register: entry \"{name}\" is already registered.", nameof(name));
        if (d > MaxSteps) Grow(d, name);
        _entries.Add(name, d);
    }

    /// <summary>Registers an entry with a delay time in ms: <c>ceil(time/dt)</c> steps (BrainPy's rule, see
    /// <see cref="StepsFor"/>); <c>null</c> means none.</summary>
    public void RegisterTime(string name, double? timeMs, double dt)
    {
        int? steps = timeMs is { } tm ? StepsFor(tm, dt, $"SpikeDelay.RegisterTime(\"{name}\")") : null;
        if (timeMs is null && !(double.IsFinite(dt) && dt > 0))
            throw new ArgumentOutOfRangeException(nameof(dt), dt, $"SpikeDelay.RegisterTime(\"{name}\"): dt must be a positive finite number of ms.");
        Register(name, steps);
    }

    /// <summary>The delay in steps of <paramref name="timeMs"/> ms at <paramref name="dt"/>: BrainPy's <c>ceil(time/dt)</c>,
    /// computed in double, with a tolerance of 1e-9 steps, so that a time that is a whole number of steps in decimal is
    /// that number (1.1 ms at 0.1 ms is 11 steps; BrainPy's plain ceil gives 12, as 1.1/0.1 = 11.000000000000002 in
    /// double) and any other time rounds up (0.25 ms at 0.1 ms is 3 steps).</summary>
    /// <param name="timeMs">Delay in ms, finite and ≥ 0.</param>
    /// <param name="dt">Time step in ms, positive and finite.</param>
    /// <param name="context">Names the caller in messages.</param>
    public static int StepsFor(double timeMs, double dt, string context = "SpikeDelay.StepsFor")
    {
        if (!(double.IsFinite(timeMs) && timeMs >= 0))
            throw new ArgumentOutOfRangeException(nameof(timeMs), timeMs, $"{context}: time must be a finite number of ms ≥ 0.");
        if (!(double.IsFinite(dt) && dt > 0))
            throw new ArgumentOutOfRangeException(nameof(dt), dt, $"{context}: dt must be a positive finite number of ms.");
        double s = Math.Ceiling(timeMs / dt - 1e-9);
        if (s > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(timeMs), timeMs, $"{context}: {timeMs} ms at dt = {dt} ms is {s} steps, more than {int.MaxValue}.");
        return (int)Math.Max(0, s);
    }

    /// <summary>Whether an entry of that name is registered.</summary>
    public bool HasEntry(string name) => _entries.ContainsKey(name);

    /// <summary>The delay in steps of a registered entry.</summary>
    public int StepsOf(string name) =>
        _entries.TryGetValue(name, out int d) ? d : throw new KeyNotFoundException($"SpikeDelay: no entry named \"{name}\" (registered: {string.Join(", ", _entries.Keys)}).");

    /// <summary>Reads a named entry (see <see cref="At(int)"/>).</summary>
    public Spikes At(string name) => At(StepsOf(name));

    /// <summary>The spikes pushed <paramref name="steps"/> steps ago, counted so that a push at the end of step t
    /// is read in step t + <paramref name="steps"/>; 0 reads the latest push (the current spikes).</summary>
    public Spikes At(int steps)
    {
        if ((uint)steps > (uint)Math.Max(1, MaxSteps))
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"SpikeDelay.At: delay must be in [0, {Math.Max(1, MaxSteps)}] steps.");
        if (_head < 0) return Spikes.None(Size);
        int back = steps == 0 ? 0 : steps - 1;
        int slot = _head - back;
        if (slot < 0) slot += _slots.Length;
        return Spikes.FromSortedUnchecked(_slots[slot].AsSpan(0, _counts[slot]), Size); // a checked Spikes' copy
    }

    /// <summary>Stores this step's spikes (end of the step) and returns a view of the stored copy.</summary>
    public Spikes Push(Spikes spikes)
    {
        if (spikes.Length != Size)
            throw new ArgumentException($"SpikeDelay.Push: the spikes cover {spikes.Length} neurons but the delay was made for {Size}.", nameof(spikes));
        int slot = _head + 1 == _slots.Length ? 0 : _head + 1;
        int n = spikes.CopyTo(_slots[slot]);
        _counts[slot] = n;
        _head = slot;
        return Spikes.FromSortedUnchecked(_slots[slot].AsSpan(0, n), Size);
    }

    /// <summary>Writes the ring (slot count, head, and the spikes in transit) to a network state file.</summary>
    public void WriteState(NetworkStateWriter state, string part)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Int(part + ".size", Size);
        state.Int(part + ".slots", _slots.Length);
        state.Int(part + ".head", _head);
        for (int s = 0; s < _slots.Length; s++) state.Ints(part + ".slot" + s, _slots[s].AsSpan(0, _counts[s]));
    }

    /// <summary>Reads what <see cref="WriteState"/> wrote (checking pass: sizes must match this delay's).</summary>
    public void ReadState(NetworkStateReader state, string part)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Expect(part + ".size", Size);
        state.Expect(part + ".slots", _slots.Length);
        state.Int(part + ".head", ref _head, -1, _slots.Length - 1);
        for (int s = 0; s < _slots.Length; s++) state.Ints(part + ".slot" + s, _slots[s], ref _counts[s]);
    }

    /// <summary>Empties the buffer (BrainPy's reset).</summary>
    public void Reset()
    {
        Array.Clear(_counts);
        _head = -1;
    }

    void Grow(int maxSteps, string name)
    {
        // Re-lay the ring so that the latest push stays readable at the same lags. The new slots are allocated (and
        // their size checked) before anything changes, so a failure leaves the delay as it was.
        int old = _slots.Length;
        var fresh = AllocateSlots(Math.Max(0, maxSteps - old), Size, $"SpikeDelay.Register(\"{name}\", {maxSteps} steps) for {Size} neurons");
        var slots = new int[maxSteps][];
        var counts = new int[maxSteps];
        int next = 0;
        for (int back = 0; back < maxSteps; back++)
        {
            int dst = maxSteps - 1 - back;
            if (back < old && _head >= 0)
            {
                int src = (_head - back + old) % old;
                slots[dst] = _slots[src];
                counts[dst] = _counts[src];
            }
            else if (back < old) slots[dst] = _slots[back];
            else slots[dst] = fresh[next++];
        }
        _slots = slots;
        _counts = counts;
        if (_head >= 0) _head = maxSteps - 1;
        MaxSteps = maxSteps;
    }
}
