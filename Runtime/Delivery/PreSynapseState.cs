using System;

namespace SpikeSharp;

/// <summary>
/// The state of a pre-sized synapse (an align-pre projection's <c>[Nmda]</c>, <c>[Ampa]</c>, <c>[Stp]</c>, …): one float array per state
/// variable, one entry per pre neuron. BrainPy merges the synapse of <c>FullProjAlignPreDSMg</c> projections per pre
/// population, delay and descriptor (key <c>"Delay(d) // syn"</c>); a declared network builds it once and hands it to every
/// projection with the same key, and only the first of them steps it.
/// </summary>
public sealed class PreSynapseState
{
    readonly float[][] _arrays;
    readonly string[] _names;

    /// <summary>Allocates zeroed arrays named <paramref name="names"/>, each of <paramref name="size"/> entries (the generated
    /// projection then fills those that start elsewhere: STD's and STP's x = 1, STP's u = U).</summary>
    /// <param name="key">The merge key (<c>"Delay(2 steps) // NMDA(a=0.5, …)"</c>): projections that share this state must have it.</param>
    /// <param name="size">Number of pre neurons.</param>
    /// <param name="names">The state variables, in the definition's order.</param>
    public PreSynapseState(string key, int size, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        Key = key;
        Size = size;
        _names = (string[])names.Clone();
        _arrays = new float[names.Length][];
        for (int k = 0; k < names.Length; k++) _arrays[k] = new float[size];
    }

    /// <summary>FullProjAlignPreSDMg: the delay of the synapse's value (pushed after every step of the synapse), shared with
    /// the state; each projection reads its own entry. Null for FullProjAlignPreDSMg.</summary>
    public FloatDelay? ValueDelay { get; init; }

    /// <summary>The merge key.</summary>
    public string Key { get; }

    /// <summary>Number of pre neurons.</summary>
    public int Size { get; }

    /// <summary>The state variable names, in order.</summary>
    public ReadOnlySpan<string> Names => _names;

    /// <summary>The array of state variable <paramref name="index"/> (the generated step writes it).</summary>
    public float[] Array(int index) => _arrays[index];

    /// <summary>Sets the values of magnitude below <see cref="TinyFlush.Threshold"/> of every array to +0
    /// (<see cref="TinyFlush"/>: the generated synapse step calls it every <see cref="TinyFlush.Period"/> steps).</summary>
    public void FlushTiny()
    {
        foreach (var a in _arrays) TinyFlush.Flush(a);
    }

    /// <summary>Throws unless this state has key <paramref name="key"/> and <paramref name="size"/> entries (a projection
    /// handed another's state).</summary>
    public void CheckShareable(string key, int size, string projection)
    {
        if (!string.Equals(Key, key, StringComparison.Ordinal) || Size != size)
            throw new ArgumentException($"{projection}: the shared synapse state has key '{Key}' and {Size} entries, but this projection's synapse is '{key}' with {size}.", "shared");
    }

    /// <summary>Writes every array as part <c>{part}.{name}</c>.</summary>
    public void WriteState(NetworkStateWriter state, string part)
    {
        ArgumentNullException.ThrowIfNull(state);
        for (int k = 0; k < _arrays.Length; k++) state.Floats(part + "." + _names[k], _arrays[k]);
    }

    /// <summary>Reads what <see cref="WriteState"/> wrote (sizes must match).</summary>
    public void ReadState(NetworkStateReader state, string part)
    {
        ArgumentNullException.ThrowIfNull(state);
        for (int k = 0; k < _arrays.Length; k++) state.Floats(part + "." + _names[k], _arrays[k]);
    }
}
