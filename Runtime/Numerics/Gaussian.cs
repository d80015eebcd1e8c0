using System;
using System.Runtime.CompilerServices;

namespace SpikeSharp;

/// <summary>
/// Standard normal draws from 64 counter-based bits, by the ziggurat method in Doornik's exact form ("An improved ziggurat
/// method to generate normal random samples", 2005: 128 layers, R = 3.442619855899): one 64-bit word gives the layer
/// (its low 7 bits) and a signed uniform (its top 53 bits); the 1.2 % of draws that miss the fast path take further words
/// of a stream started at that word, so the result is a pure function of the word (same bits on every thread).
/// </summary>
internal static class Gaussian
{
    const int Layers = 128;
    const double R = 3.442619855899, V = 9.91256303526217e-3;
    static readonly double[] s_x = new double[Layers + 1]; // layer edges, x[0] = V / f(R) (the base strip), x[1] = R, x[128] = 0
    static readonly double[] s_ratio = new double[Layers]; // x[i + 1] / x[i]

    static Gaussian()
    {
        double f = Math.Exp(-0.5 * R * R);
        s_x[0] = V / f;
        s_x[1] = R;
        s_x[Layers] = 0;
        for (int i = 2; i < Layers; i++)
        {
            s_x[i] = Math.Sqrt(-2 * Math.Log(V / s_x[i - 1] + f));
            f = Math.Exp(-0.5 * s_x[i] * s_x[i]);
        }
        for (int i = 0; i < Layers; i++) s_ratio[i] = s_x[i + 1] / s_x[i];
    }

    /// <summary>A standard normal variate that is a function of <paramref name="bits"/> alone.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Standard(ulong bits)
    {
        int i = (int)(bits & (Layers - 1));
        double u = 2 * ((bits >> 11) * (1.0 / (1UL << 53))) - 1;
        return Math.Abs(u) < s_ratio[i] ? u * s_x[i] : Slow(bits, i, u);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static double Slow(ulong bits, int i, double u)
    {
        ulong ctr = bits;
        while (true)
        {
            if (i == 0)
            {
                // The tail beyond R (Marsaglia): x = −ln U₁ / R, y = −ln U₂, accepted when 2y > x².
                double x, y;
                do
                {
                    x = Math.Log(Unit(ref ctr)) / R;
                    y = Math.Log(Unit(ref ctr));
                } while (-2 * y < x * x);
                return u < 0 ? x - R : R - x;
            }
            double z = u * s_x[i];
            double f0 = Math.Exp(-0.5 * (s_x[i] * s_x[i] - z * z)), f1 = Math.Exp(-0.5 * (s_x[i + 1] * s_x[i + 1] - z * z));
            if (f1 + Unit(ref ctr) * (f0 - f1) < 1.0) return z;
            ctr += CounterRng.Gamma;
            ulong w = CounterRng.Mix(ctr);
            i = (int)(w & (Layers - 1));
            u = 2 * ((w >> 11) * (1.0 / (1UL << 53))) - 1;
            if (Math.Abs(u) < s_ratio[i]) return u * s_x[i];
        }
    }

    /// <summary>A uniform in (0, 1] from the next word of the stream at <paramref name="ctr"/>.</summary>
    static double Unit(ref ulong ctr)
    {
        ctr += CounterRng.Gamma;
        return CounterRng.ToUnitOpenClosed(CounterRng.Mix(ctr));
    }
}
