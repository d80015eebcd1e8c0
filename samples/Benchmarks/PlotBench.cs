using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using SpikeSharp;
using SpikeSharp.Plotting;

namespace Benchmarks;

/// <summary>Time to draw the figures of a long run: a raster of about 2 M spikes of 4000 neurons (E/I colours, as the
/// EINet sample draws it) saved as PNG, and the population rate. The spikes come from a stand-in network that fires
/// a fixed pseudo-random pattern (10 of 4000 neurons per step for 200 000 steps), so the run itself takes
/// milliseconds and only the drawing is timed.</summary>
public static class PlotBench
{
    public static void Run(int steps, int repeat)
    {
        var ci = CultureInfo.InvariantCulture;
        var net = new Firing(4000, 10);
        var runner = new Runner(net, monitors: [new SpikeMonitor("spikes"), new RateMonitor("rate", 1.0)]);
        runner.RunSteps(steps);
        var spikes = runner.Monitor<SpikeMonitor>("spikes");
        var rate = runner.Monitor<RateMonitor>("rate");
        string dir = Directory.CreateTempSubdirectory("spikesharp-plotbench-").FullName;
        try
        {
            double bestRaster = double.MaxValue, bestRate = double.MaxValue;
            for (int r = 0; r < repeat; r++)
            {
                var sw = Stopwatch.StartNew();
                Plots.RasterEI(spikes, 3200, "raster").SavePng(Path.Combine(dir, "raster.png"), 1200, 800);
                bestRaster = Math.Min(bestRaster, sw.Elapsed.TotalSeconds);
                sw.Restart();
                Plots.Rate(rate, "rate").SavePng(Path.Combine(dir, "rate.png"), 1200, 400);
                bestRate = Math.Min(bestRate, sw.Elapsed.TotalSeconds);
                Console.WriteLine(string.Create(ci, $"  run {r + 1}: raster {bestRaster:F3} s so far, rate {bestRate:F3} s so far"));
            }
            Console.WriteLine(string.Create(ci,
                $"plot bench: {spikes.Count:N0} spikes of {spikes.Size} neurons over {steps:N0} steps: raster PNG 1200×800 {bestRaster:F3} s, rate PNG 1200×400 {bestRate:F3} s (best of {repeat})"));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    /// <summary>Fires <c>perStep</c> distinct neurons per step, chosen by a fixed hash of the step (no allocation).</summary>
    sealed class Firing(int size, int perStep) : ISpikingNetwork
    {
        readonly int[] _buf = new int[perStep];
        int _step;
        public int Size => size;
        public double Dt => 0.1;
        public Spikes Update(float input)
        {
            // perStep strata of size/perStep neurons each; one neuron per stratum, so the indices are sorted and distinct.
            int stratum = size / perStep;
            for (int k = 0; k < perStep; k++)
            {
                uint h = (uint)(_step * 0x9E3779B1u) ^ (uint)(k * 0x85EBCA77u);
                h ^= h >> 15; h *= 0x2C1B3C6Du; h ^= h >> 12;
                _buf[k] = k * stratum + (int)(h % (uint)stratum);
            }
            _step++;
            return new Spikes(_buf, size);
        }
    }
}
