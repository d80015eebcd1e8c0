using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SpikeSharp;

/// <summary>
/// Keeps decaying synapse state out of the subnormal float range. A conductance that has been silent for a while decays
/// geometrically towards 0 and, below 2^-126 (1.2e-38), passes through the subnormal numbers, where arithmetic on it
/// costs about 2.5× on an AVX-512 Zen 4 (more on other CPUs) for hundreds of steps. Testing every value in the fused step
/// cost 15 % of the seed network's update, so the generated code calls <see cref="Flush"/> instead once every
/// <see cref="Period"/> steps on each synapse array: values with |x| &lt; <see cref="Threshold"/> (1e-20, physically zero in
/// any unit SpikeSharp uses) become +0. At dt = 0.1 ms a value needs at least 64 steps to decay from 1e-20 to 1.2e-38
/// whenever its time constant is above 0.16 ms, so it never becomes subnormal between two flushes.
/// </summary>
public static class TinyFlush
{
    /// <summary>Steps between two flushes (a power of two: the generated code tests <c>(step &amp; (Period − 1)) == 0</c>).</summary>
    public const int Period = 64;

    /// <summary>Magnitudes below this are set to +0.</summary>
    public const float Threshold = 1e-20f;

    /// <summary>Sets every element of <paramref name="values"/> whose magnitude is below <see cref="Threshold"/> (including
    /// subnormals and −0) to +0; NaN and larger values are left as they are. Allocates nothing.</summary>
    public static void Flush(Span<float> values)
    {
        ref float r = ref MemoryMarshal.GetReference(values);
        int n = values.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var t = Vector512.Create(Threshold);
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var v = Vector512.LoadUnsafe(ref r, (nuint)i);
                var tiny = Vector512.LessThan(Vector512.Abs(v), t);
                if (tiny != Vector512<float>.Zero) Vector512.AndNot(v, tiny).StoreUnsafe(ref r, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var t = Vector256.Create(Threshold);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var v = Vector256.LoadUnsafe(ref r, (nuint)i);
                var tiny = Vector256.LessThan(Vector256.Abs(v), t);
                if (tiny != Vector256<float>.Zero) Vector256.AndNot(v, tiny).StoreUnsafe(ref r, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            ref float x = ref Unsafe.Add(ref r, i);
            if (MathF.Abs(x) < Threshold) x = 0f;
        }
    }

    /// <summary>Whether step <paramref name="step"/> (the index of the step just taken, from 0) is followed by a flush.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Due(int step) => (step & (Period - 1)) == Period - 1;
}
