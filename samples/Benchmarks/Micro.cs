using System;
using System.Diagnostics;
using System.Globalization;
using SpikeSharp;

namespace Benchmarks;

/// <summary>In-process micro timings (minimum of repeats, robust to a busy machine): the fused Update per neuron
/// and the JIT delivery per synaptic event, on the seed network's shapes.</summary>
public static class Micro
{
    public static void Run()
    {
        var ci = CultureInfo.InvariantCulture;
        // Update: 4000 neurons, no input spikes.
        foreach (bool simd in new[] { true, false })
        {
            var pop = new Pop4K(1) { UseSimd = simd };
            double best = double.MaxValue;
            for (int r = 0; r < 30; r++)
            {
                var sw = Stopwatch.StartNew();
                for (int s = 0; s < 1000; s++) pop.Update(20f);
                best = Math.Min(best, sw.Elapsed.TotalSeconds);
            }
            Console.WriteLine(string.Create(ci, $"Update 4000 neurons, simd={simd}: {best / 1000 * 1e6:F2} µs/step, {best / 1000 / 4000 * 1e9:F3} ns/neuron"));
        }
        // Per-neuron input (Update(input, current, offset)): a span over all 4000 neurons, and one over neurons [1000, 3000).
        // The currents are 0, so the dynamics (spike counts) are those of the rows above and the difference is the path's cost.
        var cur = new float[4000];
        foreach (bool simd in new[] { true, false })
            foreach (var (offset, length) in new[] { (0, 4000), (1000, 2000) })
            {
                var pop = new Pop4K(1) { UseSimd = simd };
                var span = new ReadOnlySpan<float>(cur, 0, length);
                double best = double.MaxValue;
                for (int r = 0; r < 30; r++)
                {
                    var sw = Stopwatch.StartNew();
                    for (int s = 0; s < 1000; s++) pop.Update(20f, span, offset);
                    best = Math.Min(best, sw.Elapsed.TotalSeconds);
                }
                Console.WriteLine(string.Create(ci, $"Update 4000 neurons + current on [{offset}, {offset + length}), simd={simd}: {best / 1000 * 1e6:F2} µs/step, {best / 1000 / 4000 * 1e9:F3} ns/neuron"));
            }
        // Delivery: 200 spiking pre neurons onto 4000 (p = 0.02) and 400 onto 400 000 (p = 0.0002).
        foreach (var (numOut, prob, nSpk) in new[] { (4000, 0.02, 200), (40_000, 0.002, 200), (400_000, 0.0002, 400) })
        {
            var g = new float[numOut];
            var pre = new int[nSpk];
            for (int k = 0; k < nSpk; k++) pre[k] = k * 7;
            var spikes = new Spikes(pre, nSpk * 7);
            var skips = GeometricSkips.For(prob);
            var t = new int[numOut];
            long events = 0;
            foreach (int j in pre) events += JitConnectivity.Targets(3, 0, j, numOut, prob, t);
            int blocks = JitConnectivity.BlockCount(numOut);
            double best = double.MaxValue, bestRef = double.MaxValue;
            for (int r = 0; r < 30; r++)
            {
                var sw = Stopwatch.StartNew();
                for (int s = 0; s < 20; s++) JitDelivery.AddHomo(g, 3, 0, spikes, skips, 0.5f, 0, blocks);
                best = Math.Min(best, sw.Elapsed.TotalSeconds / 20);
                sw.Restart();
                foreach (int j in pre) // baseline: the reference walk, one Math.Log per target
                {
                    int n = JitConnectivity.Targets(3, 0, j, numOut, prob, t);
                    for (int k = 0; k < n; k++) g[t[k]] += 0.5f;
                }
                bestRef = Math.Min(bestRef, sw.Elapsed.TotalSeconds);
            }
            Console.WriteLine(string.Create(ci, $"Deliver onto {numOut} (p={prob}): {best / events * 1e9:F2} ns/event (log per target: {bestRef / events * 1e9:F2} ns/event), {events} events"));
        }
    }
}
