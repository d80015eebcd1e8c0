using System;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics;
using SpikeSharp;

namespace Benchmarks;

/// <summary>ns per element of <see cref="VMath.Exp(float)"/> and <see cref="VMath.Log(float)"/>, scalar and lane-wise,
/// beside .NET's MathF and Vector512 functions (which do not promise equal bits), over 4096 floats in L1; the best of
/// 20 repeats of 200 passes.</summary>
public static class MicroVMath
{
    private const int N = 4096;

    public static void Run()
    {
        var ci = CultureInfo.InvariantCulture;
        var xe = new float[N];
        var xl = new float[N];
        var y = new float[N];
        var rng = new Random(1);
        for (int i = 0; i < N; i++) { xe[i] = (float)(rng.NextDouble() * 20 - 10); xl[i] = (float)(rng.NextDouble() * 100 + 0.01); }
        Console.WriteLine($"VMath micro (Vector512 accelerated: {Vector512.IsHardwareAccelerated}, Vector256: {Vector256.IsHardwareAccelerated})");
        Report("Exp  VMath scalar   ", () => { for (int i = 0; i < N; i++) y[i] = VMath.Exp(xe[i]); });
        Report("Exp  VMath Vector256", () => { for (int i = 0; i < N; i += 8) VMath.Exp(Vector256.Create(xe, i)).CopyTo(y, i); });
        Report("Exp  VMath Vector512", () => { for (int i = 0; i < N; i += 16) VMath.Exp(Vector512.Create(xe, i)).CopyTo(y, i); });
        Report("Exp  MathF.Exp      ", () => { for (int i = 0; i < N; i++) y[i] = MathF.Exp(xe[i]); });
        Report("Exp  Vector512.Exp  ", () => { for (int i = 0; i < N; i += 16) Vector512.Exp(Vector512.Create(xe, i)).CopyTo(y, i); });
        Report("Log  VMath scalar   ", () => { for (int i = 0; i < N; i++) y[i] = VMath.Log(xl[i]); });
        Report("Log  VMath Vector512", () => { for (int i = 0; i < N; i += 16) VMath.Log(Vector512.Create(xl, i)).CopyTo(y, i); });
        Report("Log  MathF.Log      ", () => { for (int i = 0; i < N; i++) y[i] = MathF.Log(xl[i]); });
        Report("Log  Vector512.Log  ", () => { for (int i = 0; i < N; i += 16) Vector512.Log(Vector512.Create(xl, i)).CopyTo(y, i); });
        Report("Tanh VMath scalar   ", () => { for (int i = 0; i < N; i++) y[i] = VMath.Tanh(xe[i]); });
        Report("Tanh VMath Vector512", () => { for (int i = 0; i < N; i += 16) VMath.Tanh(Vector512.Create(xe, i)).CopyTo(y, i); });
        Report("Tanh MathF.Tanh     ", () => { for (int i = 0; i < N; i++) y[i] = MathF.Tanh(xe[i]); });
        Report("Pow  VMath scalar   ", () => { for (int i = 0; i < N; i++) y[i] = VMath.Pow(xl[i], xe[i] * 0.1f); });
        Report("Pow  VMath Vector512", () => { for (int i = 0; i < N; i += 16) VMath.Pow(Vector512.Create(xl, i), Vector512.Create(xe, i) * 0.1f).CopyTo(y, i); });

        void Report(string name, Action pass)
        {
            double best = double.MaxValue;
            for (int r = 0; r < 20; r++)
            {
                var sw = Stopwatch.StartNew();
                for (int p = 0; p < 200; p++) pass();
                best = Math.Min(best, sw.Elapsed.TotalSeconds);
            }
            Console.WriteLine(string.Create(ci, $"{name}: {best / 200 / N * 1e9:F3} ns/element"));
        }
    }
}
