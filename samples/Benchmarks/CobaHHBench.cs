using System;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using COBAHH;
using SpikeSharp;

namespace Benchmarks;

/// <summary>COBAHH (samples/COBAHH: 4000 user-written Traub–Miles neurons, COBA synapses, no input): the step loop's wall
/// and CPU time for a number of steps (Brian2's C++ standalone figure in issue 12 is CPU time of the same 10 000 steps).</summary>
static class CobaHHBench
{
    public static void Run(int steps, int repeat, ulong seed, bool json)
    {
        var ci = CultureInfo.InvariantCulture;
        double bestWall = double.MaxValue, bestCpu = double.MaxValue;
        long spikes = 0;
        using var proc = Process.GetCurrentProcess();
        for (int r = 0; r < repeat; r++)
        {
            var net = new CobaHHNetwork(seed);
            net.Update(0f); // first step outside the timing (the kernels are compiled in the constructors)
            spikes = net.Update(0f).Count;
            proc.Refresh();
            var cpu0 = proc.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            for (int s = 2; s < steps; s++) spikes += net.Update(0f).Count;
            sw.Stop();
            proc.Refresh();
            bestWall = Math.Min(bestWall, sw.Elapsed.TotalSeconds);
            bestCpu = Math.Min(bestCpu, (proc.TotalProcessorTime - cpu0).TotalSeconds);
        }
        double seconds = steps * Simulation.Dt / 1000;
        double rate = spikes / (Neurons.Size * seconds);
        int threads = Parallelism.ThreadsFor(Neurons.Size);
        if (json)
            Console.WriteLine(JsonSerializer.Serialize(new { model = "COBAHH", steps, threads, wallSeconds = bestWall, cpuSeconds = bestCpu, spikes, rateHz = rate }));
        else
            Console.WriteLine(string.Create(ci, $"COBAHH N=4000 steps={steps} threads={threads}: sim {bestWall:F3} s wall, {bestCpu:F3} s CPU (best of {repeat}), {spikes} spikes, mean rate {rate:F2} Hz"));
    }
}
