using System;
using System.Runtime.CompilerServices;

namespace SpikeSharp;

/// <summary>
/// A counter-based random generator: draw <c>n</c> of stream <c>key</c> is <c>Mix(key + (n+1)·γ)</c>, with
/// SplitMix64's finaliser as <c>Mix</c> and γ the 64-bit golden ratio (Steele, Lea &amp; Flood, "Fast splittable
/// pseudorandom number generators", OOPSLA 2014). Any draw of any stream can be computed without the ones before,
/// which is what lets connectivity be regenerated per spike and split over threads.
/// </summary>
public static class CounterRng
{
    /// <summary>γ, the odd constant 2⁶⁴/φ.</summary>
    public const ulong Gamma = 0x9E3779B97F4A7C15UL;

    /// <summary>SplitMix64's 64-bit finaliser: a bijection with good avalanche.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The key of the stream identified by (seed, a, b): distinct tuples give unrelated streams.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong StreamKey(ulong seed, ulong a, ulong b) => StreamKeyOfSeedKey(SeedKey(seed), a, b);

    /// <summary>The part of <see cref="StreamKey(ulong, ulong, ulong)"/> that depends on the seed alone (hoisted out of loops over streams).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong SeedKey(ulong seed) => Mix(seed ^ 0x5350494B45535250UL);

    /// <summary>The seed key of connectivity stream family <paramref name="streamId"/> under <paramref name="seed"/>:
    /// distinct (seed, streamId) pairs give unrelated families (a projection's streams are keyed by
    /// (seed, streamId, pre, block), so two projections share targets only if both numbers are equal).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong SeedKey(ulong seed, ulong streamId) => Mix(SeedKey(seed) ^ Mix(streamId ^ 0x53545245414D4944UL));

    /// <summary>The key of connectivity stream (<paramref name="seed"/>, <paramref name="streamId"/>, <paramref name="a"/>,
    /// <paramref name="b"/>): what <see cref="JitConnectivity.Targets"/> walks for pre neuron a, post block b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong StreamKey(ulong seed, ulong streamId, ulong a, ulong b) => StreamKeyOfSeedKey(SeedKey(seed, streamId), a, b);

    /// <summary>A stable 64-bit stream id of a name: FNV-1a over its UTF-16 code units, then <see cref="Mix"/>. The
    /// generator gives every projection <c>DefaultStreamId = NameStreamId(typeof(T).FullName)</c>.</summary>
    public static ulong NameStreamId(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        ulong h = 14695981039346656037UL;
        foreach (char ch in name) { h ^= ch; h *= 1099511628211UL; }
        return Mix(h);
    }

    /// <summary><see cref="StreamKey(ulong, ulong, ulong)"/> from <see cref="SeedKey(ulong)"/>(seed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong StreamKeyOfSeedKey(ulong seedKey, ulong a, ulong b) => StreamKeyOfPreKey(PreKeyOfSeedKey(seedKey, a), b);

    /// <summary>The part of <see cref="StreamKeyOfSeedKey"/> that depends on the seed key and <paramref name="a"/> alone
    /// (hoisted out of a loop over blocks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong PreKeyOfSeedKey(ulong seedKey, ulong a) => Mix(seedKey + a * Gamma);

    /// <summary><see cref="StreamKeyOfSeedKey"/> from <see cref="PreKeyOfSeedKey"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong StreamKeyOfPreKey(ulong preKey, ulong b) => Mix(preKey ^ (b * 0xD1B54A32D192ED03UL));

    /// <summary>Draw <paramref name="n"/> (0-based) of stream <paramref name="key"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Draw(ulong key, ulong n) => Mix(key + (n + 1) * Gamma);

    /// <summary>Maps 64 random bits to a double in (0, 1] with 53 bits of resolution.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToUnitOpenClosed(ulong bits) => ((bits >> 11) + 1) * (1.0 / (1UL << 53));

    /// <summary>Maps 64 random bits to a double in [0, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToUnitClosedOpen(ulong bits) => (bits >> 11) * (1.0 / (1UL << 53));
}
