using System;

namespace SpikeSharp;

/// <summary>
/// When the align-pre projections (<c>FullProjAlignPreDSMg</c>/<c>SDMg</c>) use threads: their pre-sized synapse step
/// (<c>UpdateSynapse</c>) is split into contiguous pre blocks (<see cref="Parallelism.ChunkStart"/>, 64-aligned), their
/// dense value comms (<see cref="DenseComms.AllToAllThreaded"/>, <see cref="DenseComms.OneToOneThreaded"/>) into
/// contiguous post blocks. Every element is computed by one thread with the same operations whatever the split (the
/// AllToAll sum is taken once, in index order, by the calling thread), so the bits are the same for every thread count.
/// A part gets at least <see cref="MinPreNeuronsPerPart"/> pre neurons or <see cref="MinPostsPerPart"/> posts, so that its
/// work outweighs a fork-join (a few µs): the vectorised NMDA step costs about 0.8 ns per pre neuron (STD 0.1 ns), so
/// 16 384 neurons are 2–13 µs; an AllToAll broadcast is about 0.1 ns per post. These are estimates from the one-thread
/// figures (README), not a measured crossover: the development machine (2 shared vCPUs) could not time a multi-core split.
/// </summary>
public static class PreSynapseParallelism
{
    /// <summary>The fewest pre neurons one thread of a synapse step gets.</summary>
    public const int MinPreNeuronsPerPart = 16_384;

    /// <summary>The fewest posts one thread of a dense value comm (AllToAll broadcast, OneToOne) gets.</summary>
    public const int MinPostsPerPart = 65_536;

    /// <summary>Parts a synapse step over <paramref name="numIn"/> pre neurons is split into, given the projection's
    /// <c>Threads</c> (<paramref name="requested"/>, 0: <see cref="Parallelism.Threads"/>, then automatic).</summary>
    public static int Parts(int numIn, int requested) =>
        Math.Max(1, Math.Min(Parallelism.ThreadsFor(numIn, requested), numIn / MinPreNeuronsPerPart));

    /// <summary>Parts a dense value comm onto <paramref name="numOut"/> posts is split into.</summary>
    public static int DenseParts(int numOut, int requested) =>
        Math.Max(1, Math.Min(Parallelism.ThreadsFor(numOut, requested), numOut / MinPostsPerPart));
}
