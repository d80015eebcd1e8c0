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

    /// <summary>The part of <see cref="StreamKey"/> that depends on the seed alone (hoisted out of loops over streams).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong SeedKey(ulong seed) => Mix(seed ^ 0x5350494B45535250UL);

    /// <summary><see cref="StreamKey"/> from <see cref="SeedKey"/>(seed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong StreamKeyOfSeedKey(ulong seedKey, ulong a, ulong b) =>
        Mix(Mix(seedKey + a * Gamma) ^ (b * 0xD1B54A32D192ED03UL));

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
