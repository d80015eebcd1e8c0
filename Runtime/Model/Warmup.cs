using System;
using System.ComponentModel;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace SpikeSharp;

/// <summary>
/// Compiles step methods at construction, so that their JIT does not fall inside the first timed step. Generated
/// populations, projections, Poisson inputs and groups and networks call it for their step methods (kernels are compiled by
/// running them on an empty range); <see cref="SpikeDelay"/>, <see cref="PoissonInput"/> and <see cref="PoissonGroup"/> for the
/// runtime methods every step calls. Changes no result: it only
/// decides when the method is compiled (with tiered compilation on, this is its first tier).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Warmup
{
    /// <summary>Compiles the method <paramref name="step"/> points at (once; later calls return at once).</summary>
    public static void Compile(Delegate step)
    {
        ArgumentNullException.ThrowIfNull(step);
        RuntimeHelpers.PrepareMethod(step.Method.MethodHandle);
    }

    static int s_spikePath;

    /// <summary>Compiles <see cref="SpikeDelay.At(int)"/>, <see cref="SpikeDelay.Push"/>, <see cref="Spikes.Slice"/>,
    /// <see cref="Spikes.CopyTo"/> and the range indexer of <see cref="Spikes"/>, once per process.</summary>
    internal static void SpikePath()
    {
        if (System.Threading.Interlocked.Exchange(ref s_spikePath, 1) != 0) return;
        Prepare(typeof(SpikeDelay), nameof(SpikeDelay.At), typeof(int));
        Prepare(typeof(SpikeDelay), nameof(SpikeDelay.Push), typeof(Spikes));
        Prepare(typeof(Spikes), nameof(Spikes.Slice), typeof(int), typeof(int));
        Prepare(typeof(Spikes), nameof(Spikes.CopyTo), typeof(Span<int>));
    }

    internal static void Prepare(Type type, string name, params Type[] parameters)
    {
        var m = type.GetMethod(name, BindingFlags.Public | BindingFlags.Instance, parameters);
        if (m is not null) RuntimeHelpers.PrepareMethod(m.MethodHandle);
    }
}
