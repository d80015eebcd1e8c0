using System;
using System.Diagnostics;
using System.Globalization;
using SpikeSharp;

namespace Benchmarks;

// One population of 16 384 neurons per neuron model (fits in L2 with its state), driven by a constant input that makes
// it fire at a few to a few tens of Hz: the per-model cost of the fused Update, for the README's model table.
[Population(16_384)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitNormal("V", Mean = -55, Std = 2)]
public partial class ZooLifRef;
[Population(16_384)] [Lif(VRest = -60, VTh = -50, VReset = -60, Tau = 20)] [InitNormal("V", Mean = -55, Std = 2)]
public partial class ZooLif;
[Population(16_384)] [Izhikevich] [InitNormal("V", Mean = -65, Std = 5)]
public partial class ZooIzhikevich;
[Population(16_384)] [ExpIF] [InitNormal("V", Mean = -65, Std = 3)]
public partial class ZooExpIF;
[Population(16_384)] [AdExIF] [InitNormal("V", Mean = -65, Std = 3)]
public partial class ZooAdExIF;
[Population(16_384)] [HH]
public partial class ZooHH;
[Population(16_384)] [IzhikevichRef(TauRef = 2)] [InitNormal("V", Mean = -65, Std = 5)]
public partial class ZooIzhikevichRef;
[Population(16_384)] [QuaIF] [InitNormal("V", Mean = -65, Std = 3)]
public partial class ZooQuaIF;
[Population(16_384)] [AdQuaIF] [InitNormal("V", Mean = -65, Std = 3)]
public partial class ZooAdQuaIF;
[Population(16_384)] [Gif(A = 0.005, A1 = 10, A2 = -0.6)] [InitNormal("V", Mean = -70, Std = 2)]
public partial class ZooGif;
[Population(16_384)] [LifLTC(VRest = -60, VTh = -50, VReset = -60, Tau = 20)] [InitNormal("V", Mean = -55, Std = 2)]
public partial class ZooLifLTC;

/// <summary><c>--models</c>: ns per neuron-update of every neuron model, SIMD and scalar, best of 15 × 200 steps after
/// 200 warm-up steps (single thread), with the spikes per neuron per second it ran at.</summary>
public static class ModelZoo
{
    public static void Run()
    {
        Parallelism.Threads = 1;
        Time("LifRef", 20f, simd => new ZooLifRef(1) { UseSimd = simd }, (p, x) => p.Update(x).Count);
        Time("Lif", 20f, simd => new ZooLif(1) { UseSimd = simd }, (p, x) => p.Update(x).Count);
        Time("Izhikevich", 10f, simd => new ZooIzhikevich(1) { UseSimd = simd }, (p, x) => p.Update(x).Count);
        Time("ExpIF", 5f, simd => new ZooExpIF(1) { UseSimd = simd }, (p, x) => p.Update(x).Count);
        Time("AdExIF", 15f, simd => new ZooAdExIF(1) { UseSimd = simd }, (p, x) => p.Update(x).Count);
        Time("HH", 10f, simd => new ZooHH(1) { UseSimd = simd }, (p, x) => p.Update(x).Count);
        Time("IzhikevichRef", 10f, simd => new ZooIzhikevichRef(1) { UseSimd = simd }, (p, x) => p.Update(x).Count);
        Time("QuaIF", 5f, simd => new ZooQuaIF(1) { UseSimd = simd }, (p, x) => p.Update(x).Count);
        Time("AdQuaIF", 20f, simd => new ZooAdQuaIF(1) { UseSimd = simd }, (p, x) => p.Update(x).Count);
        Time("Gif", 3f, simd => new ZooGif(1) { UseSimd = simd }, (p, x) => p.Update(x).Count);
        Time("LifLTC", 20f, simd => new ZooLifLTC(1) { UseSimd = simd }, (p, x) => p.Update(x).Count);
    }

    static void Time<T>(string name, float input, Func<bool, T> make, Func<T, float, int> update)
    {
        var ci = CultureInfo.InvariantCulture;
        const int n = 16_384, steps = 200;
        string line = name.PadRight(14);
        foreach (bool simd in new[] { true, false })
        {
            var pop = make(simd);
            long spikes = 0;
            for (int s = 0; s < 200; s++) update(pop, input);
            double best = double.MaxValue;
            for (int r = 0; r < 15; r++)
            {
                var sw = Stopwatch.StartNew();
                for (int s = 0; s < steps; s++) spikes += update(pop, input);
                best = Math.Min(best, sw.Elapsed.TotalSeconds);
            }
            double hz = spikes / (15.0 * steps * n) / 1e-4; // at dt = 0.1 ms
            line += string.Create(ci, $"  {(simd ? "simd" : "scalar")} {best / steps / n * 1e9,6:F2} ns/neuron ({hz:F0} Hz)");
        }
        Console.WriteLine(line);
    }
}
