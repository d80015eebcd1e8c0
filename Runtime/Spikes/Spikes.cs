using System;
using System.Runtime.CompilerServices;

namespace SpikeSharp;

/// <summary>
/// A view of one step's spikes of a population (or of a contiguous slice of it): the sorted
/// indices of the neurons that fired. Slicing with C# ranges re-bases the indices, so
/// <c>spk[3200..]</c> reports neuron 3200 as index 0, like BrainPy's <c>spk[3200:]</c>.
/// It never copies and never allocates.
/// </summary>
public readonly ref struct Spikes
{
    readonly ReadOnlySpan<int> _indices; // absolute (un-rebased) indices, strictly increasing
    readonly int _offset;                // subtracted from every index

    /// <summary>Wraps sorted, distinct neuron indices in [0, <paramref name="length"/>), checking them (O(Count)).</summary>
    /// <param name="sortedIndices">Indices of the neurons that fired, strictly increasing.</param>
    /// <param name="length">Number of neurons the view covers.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, length), or length is negative.</exception>
    /// <exception cref="ArgumentException">The indices are not strictly increasing.</exception>
    public Spikes(ReadOnlySpan<int> sortedIndices, int length) : this(sortedIndices, 0, length)
    {
        if (length < 0) throw new ArgumentOutOfRangeException(nameof(length), length, "Spikes: length must be ≥ 0.");
        int prev = -1;
        for (int k = 0; k < sortedIndices.Length; k++)
        {
            int v = sortedIndices[k];
            if ((uint)v >= (uint)length)
                throw new ArgumentOutOfRangeException(nameof(sortedIndices), v, $"Spikes: index {v} at position {k} is outside [0, {length}).");
            if (v <= prev)
                throw new ArgumentException($"Spikes: indices must be strictly increasing, but position {k} holds {v} after {prev}.", nameof(sortedIndices));
            prev = v;
        }
    }

    /// <summary>Wraps indices the caller guarantees strictly increasing and in [0, <paramref name="length"/>), without
    /// checking them: for generated step code, which builds its spike list sorted. Anything else must use the constructor;
    /// unchecked indices out of range corrupt the delivery.</summary>
    /// <param name="sortedIndices">Indices of the neurons that fired, strictly increasing, in [0, length).</param>
    /// <param name="length">Number of neurons the view covers (≥ 0).</param>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Spikes FromSortedUnchecked(ReadOnlySpan<int> sortedIndices, int length) => new(sortedIndices, 0, length);

    Spikes(ReadOnlySpan<int> indices, int offset, int length)
    {
        _indices = indices;
        _offset = offset;
        Length = length;
    }

    /// <summary>An empty view over <paramref name="length"/> neurons.</summary>
    public static Spikes None(int length) =>
        length >= 0 ? new(ReadOnlySpan<int>.Empty, 0, length) : throw new ArgumentOutOfRangeException(nameof(length), length, "Spikes: length must be ≥ 0.");

    /// <summary>Number of neurons covered by the view (not the number of spikes; see <see cref="Count"/>).</summary>
    public int Length { get; }

    /// <summary>Number of neurons that fired.</summary>
    public int Count => _indices.Length;

    /// <summary>The first absolute index (with <see cref="Offset"/>, for delivery loops without bounds checks).</summary>
    internal ref int IndexRef => ref System.Runtime.InteropServices.MemoryMarshal.GetReference(_indices);

    /// <summary>Subtracted from every absolute index to re-base it to this view.</summary>
    internal int Offset => _offset;

    /// <summary>The <paramref name="k"/>-th spiking neuron, re-based to this view.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int IndexAt(int k) => _indices[k] - _offset;

    /// <summary>Whether neuron <paramref name="neuron"/> (re-based) fired. O(log Count).</summary>
    public bool this[int neuron]
    {
        get
        {
            if ((uint)neuron >= (uint)Length)
                throw new ArgumentOutOfRangeException(nameof(neuron), neuron, $"Spikes: index must be in [0, {Length}).");
            return LowerBound(_indices, neuron + _offset) is var p && p < _indices.Length && _indices[p] == neuron + _offset;
        }
    }

    /// <summary>The neurons [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>), re-based to 0.</summary>
    public Spikes Slice(int start, int length)
    {
        if ((uint)start > (uint)Length || (uint)length > (uint)(Length - start))
            throw new ArgumentOutOfRangeException(nameof(start), $"Spikes.Slice: [{start}, {start}+{length}) is outside [0, {Length}).");
        int absStart = start + _offset;
        int lo = LowerBound(_indices, absStart);
        int hi = LowerBound(_indices, absStart + length);
        return new Spikes(_indices[lo..hi], absStart, length);
    }

    /// <summary>Copies the re-based indices into <paramref name="destination"/>; returns how many were written.</summary>
    public int CopyTo(Span<int> destination)
    {
        if (destination.Length < Count)
            throw new ArgumentException($"Spikes.CopyTo: destination holds {destination.Length} but {Count} spikes must be copied.", nameof(destination));
        for (int k = 0; k < _indices.Length; k++) destination[k] = _indices[k] - _offset;
        return _indices.Length;
    }

    /// <summary>Writes the spikes as floats: 1 for every neuron that fired, 0 for the others (BrainPy's <c>spike.value</c>
    /// as a float vector, what a declared network hands a VanillaProj). Allocates nothing.</summary>
    /// <param name="destination">Exactly <see cref="Length"/> floats.</param>
    public void CopyToFloats(Span<float> destination)
    {
        if (destination.Length != Length)
            throw new ArgumentException($"Spikes.CopyToFloats: destination holds {destination.Length} floats, but the spikes are of {Length} neurons.", nameof(destination));
        destination.Clear();
        for (int k = 0; k < _indices.Length; k++) destination[_indices[k] - _offset] = 1f;
    }

    /// <summary>Enumerates the re-based indices of the neurons that fired, in increasing order.</summary>
    public Enumerator GetEnumerator() => new(_indices, _offset);

    /// <summary>Allocation-free enumerator over spiking indices.</summary>
    public ref struct Enumerator
    {
        readonly ReadOnlySpan<int> _indices;
        readonly int _offset;
        int _k;

        internal Enumerator(ReadOnlySpan<int> indices, int offset) { _indices = indices; _offset = offset; _k = -1; }

        /// <summary>Advances to the next spike.</summary>
        public bool MoveNext() => ++_k < _indices.Length;

        /// <summary>The current re-based index.</summary>
        public readonly int Current => _indices[_k] - _offset;
    }

    static int LowerBound(ReadOnlySpan<int> sorted, int value)
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
