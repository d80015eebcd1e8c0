using System;
using System.Diagnostics;
using System.Globalization;
using SpikeSharp;

namespace Benchmarks;

/// <summary>Micro timings of the comms of issue 13 (minimum of repeats, one thread): stored CSR delivery per event and per
/// synapse, the random-weight and non-event JIT kernels, the dense comms, PoissonInput per element and the CSR build.</summary>
public static class MicroComms
{
    static double Best(int repeats, int inner, Action body)
    {
        double best = double.MaxValue;
        for (int r = 0; r < repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            for (int s = 0; s < inner; s++) body();
            best = Math.Min(best, sw.Elapsed.TotalSeconds / inner);
        }
        return best;
    }

    public static void Run()
    {
        var ci = CultureInfo.InvariantCulture;
        // The shapes of Micro's JIT lines: 200 spiking pres (every 7th of 1400) onto 4000 (p = 0.02), 40 000 and 400 000.
        foreach (var (numOut, prob, nSpk) in new[] { (4000, 0.02, 200), (40_000, 0.002, 200), (400_000, 0.0002, 400) })
        {
            int numIn = nSpk * 7;
            var g = new float[numOut];
            var pre = new int[nSpk];
            for (int k = 0; k < nSpk; k++) pre[k] = k * 7;
            var x = new float[numIn];
            for (int k = 0; k < numIn; k++) x[k] = (k % 5) * 0.1f;
            var sw0 = Stopwatch.StartNew();
            var m = CsrMatrix.Build(Connect.FixedProb(prob), numIn, numOut, 3, 0, threads: 1);
            double build = sw0.Elapsed.TotalSeconds;
            var w = SynapseWeights.Normal(0.5f, 0.1f).Create(m, 3, 0, threads: 1);
            long events = 0;
            foreach (int j in pre) events += m.OutDegree(j);
            double homo = Best(30, 200, () => m.AddEvents(g, new Spikes(pre, numIn), 0.5f));
            double syn = Best(30, 200, () => m.AddEvents(g, new Spikes(pre, numIn), w));
            double mulHomo = Best(10, 5, () => m.Multiply(x, g, 0.5f));
            double mulSyn = Best(10, 5, () => m.Multiply(x, g, w));
            Console.WriteLine(string.Create(ci, $"EventCSRLinear FixedProb({prob}) {numIn}->{numOut}: homo {homo / events * 1e9:F2} ns/event, per-synapse weights {syn / events * 1e9:F2} ns/event; " +
                $"CSRLinear homo {mulHomo / m.Synapses * 1e9:F2} ns/synapse, per-synapse {mulSyn / m.Synapses * 1e9:F2} ns/synapse; build {build / m.Synapses * 1e9:F1} ns/synapse (1 thread), {m.Bytes} bytes ({(double)m.Bytes / m.Synapses:F2} B/synapse)"));

            var skips = GeometricSkips.For(prob);
            int blocks = JitConnectivity.BlockCount(numOut);
            var t = new int[numOut];
            long jitEvents = 0, jitAll = 0;
            foreach (int j in pre) jitEvents += JitConnectivity.Targets(3, 0, j, numOut, prob, t);
            for (int j = 0; j < numIn; j++) jitAll += JitConnectivity.Targets(3, 0, j, numOut, prob, t);
            double jh = Best(30, 20, () => JitDelivery.AddHomo(g, 3, 0, new Spikes(pre, numIn), skips, 0.5f, 0, blocks));
            double ju = Best(30, 20, () => JitComms.EventUniform(g, 3, 0, new Spikes(pre, numIn), skips, 0f, 1f, 0, blocks));
            double jn = Best(30, 20, () => JitComms.EventNormal(g, 3, 0, new Spikes(pre, numIn), skips, 0.5f, 0.1f, 0, blocks));
            double mh = Best(10, 3, () => JitComms.MultiplyHomo(x, g, 3, 0, skips, 0.5f, 0, blocks));
            double mu = Best(10, 3, () => JitComms.MultiplyUniform(x, g, 3, 0, skips, 0f, 1f, 0, blocks));
            double mn = Best(10, 3, () => JitComms.MultiplyNormal(x, g, 3, 0, skips, 0.5f, 0.1f, 0, blocks));
            Console.WriteLine(string.Create(ci, $"EventJitFP onto {numOut} (p={prob}): homo {jh / jitEvents * 1e9:F2}, uniform {ju / jitEvents * 1e9:F2}, normal {jn / jitEvents * 1e9:F2} ns/event; " +
                $"JitFP (non-event) homo {mh / jitAll * 1e9:F2}, uniform {mu / jitAll * 1e9:F2}, normal {mn / jitAll * 1e9:F2} ns/synapse"));
        }
        // Dense comms and PoissonInput on 4000 elements.
        {
            var x = new float[4000];
            var y = new float[4000];
            for (int k = 0; k < x.Length; k++) x[k] = (k % 5) * 0.1f;
            var spk = new int[200];
            for (int k = 0; k < spk.Length; k++) spk[k] = k * 20;
            double a2a = Best(30, 1000, () => DenseComms.AllToAll(x, y, 0.1f, includeSelf: false));
            double a2aE = Best(30, 1000, () => DenseComms.AllToAll(new Spikes(spk, 4000), y, 0.1f, includeSelf: false));
            double o2o = Best(30, 1000, () => DenseComms.OneToOne(x, y, 0.1f));
            var pSmall = new PoissonInput(4000, 1000, 20, 0.1f, 0.1, 1); // n·p = 1000·0.002 = 2: exact
            var pBig = new PoissonInput(4000, 10_000, 20, 0.1f, 0.1, 1);  // n·p = 20: normal
            long step = 0;
            double pe = Best(30, 100, () => pSmall.Add(y, step++));
            double pn = Best(30, 100, () => pBig.Add(y, step++));
            Console.WriteLine(string.Create(ci, $"Dense comms on 4000: AllToAll {a2a / 4000 * 1e9:F2} ns/element (events {a2aE / 4000 * 1e9:F2}), OneToOne {o2o / 4000 * 1e9:F2} ns/element; " +
                $"PoissonInput exact binomial (n·p = {pSmall.Mean:G3}) {pe / 4000 * 1e9:F2} ns/element, normal (n·p = {pBig.Mean:G3}) {pn / 4000 * 1e9:F2} ns/element"));
        }
    }
}
