using System;
using System.Collections.Generic;

namespace SpikeSharp;

/// <summary>
/// A ring buffer of a float vector (an align-pre synapse's value g, BrainPy's <c>VarDelay</c> on the synapse output of
/// <c>FullProjAlignPreSDMg</c>), with <see cref="SpikeDelay"/>'s lag: a vector pushed at the end of step t is read by
/// <c>At(d)</c> in step t + d; <c>At(0)</c> reads the latest push. Before the first push every read is zeros. Entries
/// may be registered (growing the ring) only before the first push. Push and reads allocate nothing.
/// </summary>
public sealed class FloatDelay
{
    float[][] _slots;
    int _head = -1;
    readonly float[] _zeros;
    readonly Dictionary<string, int> _entries = new(StringComparer.Ordinal);

    /// <summary>Creates a delay of vectors of <paramref name="size"/> floats, readable up to <paramref name="maxSteps"/> steps back.</summary>
    public FloatDelay(int size, int maxSteps = 0)
    {
        if (size <= 0 || size > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(size), size, "FloatDelay: size must be in [1, Array.MaxLength].");
        if (maxSteps < 0) throw new ArgumentOutOfRangeException(nameof(maxSteps), maxSteps, "FloatDelay: maxSteps must be ≥ 0.");
        Size = size;
        MaxSteps = maxSteps;
        _zeros = new float[size];
        _slots = Allocate(Math.Max(1, maxSteps), size);
    }

    static float[][] Allocate(int slots, int size)
    {
        StateMemory.EnsureAvailable($"FloatDelay: {slots} slot(s) of {size} floats", 4L * size * slots, "Use a shorter delay or a coarser dt.");
        var a = new float[slots][];
        for (int s = 0; s < slots; s++) a[s] = new float[size];
        return a;
    }

    /// <summary>Vector length.</summary>
    public int Size { get; }

    /// <summary>Longest readable delay in steps.</summary>
    public int MaxSteps { get; private set; }

    /// <summary>Whether an entry of this name is registered.</summary>
    public bool HasEntry(string name) => _entries.ContainsKey(name);

    /// <summary>Registers an entry with a delay in steps (0: the latest push), growing the ring before the first push.</summary>
    public void Register(string name, int steps)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, $"FloatDelay.Register(\"{name}\"): steps must be ≥ 0.");
        if (_entries.ContainsKey(name)) throw new ArgumentException($"FloatDelay.Register: entry \"{name}\" is already registered.", nameof(name));
        if (steps > MaxSteps)
        {
            if (_head >= 0) throw new InvalidOperationException($"FloatDelay.Register(\"{name}\", {steps}): the ring can grow only before the first push.");
            _slots = Allocate(steps, Size);
            MaxSteps = steps;
        }
        _entries.Add(name, steps);
    }

    /// <summary>The vector pushed <paramref name="steps"/> steps ago, counted so that a push at the end of step t is read in
    /// step t + <paramref name="steps"/>; 0 reads the latest push.</summary>
    public ReadOnlySpan<float> At(int steps)
    {
        if ((uint)steps > (uint)Math.Max(1, MaxSteps))
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"FloatDelay.At: delay must be in [0, {Math.Max(1, MaxSteps)}] steps.");
        if (_head < 0) return _zeros;
        int slot = _head - (steps == 0 ? 0 : steps - 1);
        if (slot < 0) slot += _slots.Length;
        return _slots[slot];
    }

    /// <summary>Stores this step's vector (end of the step).</summary>
    public void Push(ReadOnlySpan<float> values)
    {
        if (values.Length != Size)
            throw new ArgumentException($"FloatDelay.Push: {values.Length} values but the delay holds {Size}.", nameof(values));
        int slot = _head + 1 == _slots.Length ? 0 : _head + 1;
        values.CopyTo(_slots[slot]);
        _head = slot;
    }

    /// <summary>Writes the ring (slot count, head, every slot).</summary>
    public void WriteState(NetworkStateWriter state, string part)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Int(part + ".size", Size);
        state.Int(part + ".slots", _slots.Length);
        state.Int(part + ".head", _head);
        for (int s = 0; s < _slots.Length; s++) state.Floats(part + ".slot" + s, _slots[s]);
    }

    /// <summary>Reads what <see cref="WriteState"/> wrote (sizes must match).</summary>
    public void ReadState(NetworkStateReader state, string part)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Expect(part + ".size", Size);
        state.Expect(part + ".slots", _slots.Length);
        state.Int(part + ".head", ref _head, -1, _slots.Length - 1);
        for (int s = 0; s < _slots.Length; s++) state.Floats(part + ".slot" + s, _slots[s]);
    }
}
