using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using SpikeSharp;

namespace Benchmarks;

/// <summary>
/// What monitoring costs: the seed network (N = 4000) run bare and with the EINet sample's monitors (a SpikeMonitor of
/// every neuron, a StateMonitor of V of 5 neurons, a RateMonitor in 1 ms bins), alternating, on fresh networks of the
/// same seed (so every case fires exactly the same spikes). Three drivers:
/// <list type="bullet">
/// <item><c>raw</c>: a plain <c>for</c> loop of <c>network.Update(input)</c> (the main benchmark's loop);</item>
/// <item><c>runner</c>: a <see cref="Runner"/> with no monitors (the same driver as the monitored case);</item>
/// <item><c>monitors</c>: a <see cref="Runner"/> with the three monitors.</item>
/// </list>
/// The overhead is <c>monitors / runner</c> (monitoring alone) and <c>monitors / raw</c> (monitoring plus the runner's
/// loop: input check, progress points), each computed per round (the cases of a round run back to back) and reported
/// as the median with its range over the rounds.
/// </summary>
static class MonitorOverhead
{
    public static readonly string[] Cases = ["raw", "runner", "monitors"];

    /// <summary>Cases for attribution (--monitor-case only): a Runner with one of the three monitors.</summary>
    public static readonly string[] SingleMonitorCases = ["spikes-only", "state-only", "rate-only"];

    /// <summary>What one run of a case measured: the step loop's wall time, the spikes recorded (-1 if not counted)
    /// and the JIT compilation time on this thread during the run (inside or, for a Runner, around the timed loop).</summary>
    public readonly record struct CaseResult(double Seconds, long Spikes, double JitMs);

    /// <summary>Runs one case once on a fresh network.</summary>
    public static CaseResult RunCase(string kind, ulong seed, int steps, float input)
    {
        var net = BenchNet.Net4K(seed);
        long spikes = 0;
        var jit0 = System.Runtime.JitInfo.GetCompilationTime(currentThread: true);
        double JitMs() => (System.Runtime.JitInfo.GetCompilationTime(currentThread: true) - jit0).TotalMilliseconds;
        switch (kind)
        {
            case "raw":
            {
                long t0 = Stopwatch.GetTimestamp();
                spikes = RawLoop(net, steps, input);
                return new(Stopwatch.GetElapsedTime(t0).TotalSeconds, spikes, JitMs());
            }
            case "runner":
            {
                var runner = new Runner(net, Inputs.Constant(input));
                jit0 = System.Runtime.JitInfo.GetCompilationTime(currentThread: true);
                var r = runner.RunSteps(steps);
                return new(r.WallTime.TotalSeconds, -1, JitMs());
            }
            case "monitors" or "spikes-only" or "state-only" or "rate-only":
            {
                int[] traced = [0, 1, 2, net.NumExcitatory, net.NumExcitatory + 1];
                var monitors = new List<Monitor>();
                if (kind is "monitors" or "spikes-only") monitors.Add(new SpikeMonitor("spikes"));
                if (kind is "monitors" or "state-only") monitors.Add(new StateMonitor("V", net.V, traced));
                if (kind is "monitors" or "rate-only") monitors.Add(new RateMonitor("rate", binMs: 1.0));
                var runner = new Runner(net, Inputs.Constant(input), monitors);
                jit0 = System.Runtime.JitInfo.GetCompilationTime(currentThread: true);
                var r = runner.RunSteps(steps);
                if (r.LoopAllocatedBytes != 0) throw new InvalidOperationException($"the monitored step loop allocated {r.LoopAllocatedBytes} bytes");
                return new(r.WallTime.TotalSeconds, kind is "monitors" or "spikes-only" ? runner.Monitor<SpikeMonitor>("spikes").Count : -1, JitMs());
            }
            default: throw new ArgumentException($"unknown case '{kind}' (raw, runner, monitors, {string.Join(", ", SingleMonitorCases)})");
        }
    }

    // The main benchmark's loop, in a method of its own (with tiering on, its on-stack replacement compiles this alone).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    static long RawLoop(BenchNet net, int steps, float input)
    {
        long spikes = 0;
        for (int s = 0; s < steps; s++) spikes += net.Update(input).Count;
        return spikes;
    }

    /// <summary>Whether <paramref name="kind"/> names a case.</summary>
    public static bool IsCase(string kind) => Array.IndexOf(Cases, kind) >= 0 || Array.IndexOf(SingleMonitorCases, kind) >= 0;

    /// <summary>All cases in this process, <paramref name="rounds"/> rounds, the order rotating each round; the first
    /// round of each case is a warm-up (JIT), reported but left out of the statistics.</summary>
    public static void InProcess(BenchOptions o)
    {
        var times = Cases.ToDictionary(c => c, _ => new List<CaseResult>());
        for (int r = 0; r <= o.Rounds; r++)
            for (int k = 0; k < Cases.Length; k++)
            {
                string c = Cases[(k + r) % Cases.Length];
                var res = RunCase(c, o.Seed, o.Steps, o.Input);
                if (r > 0) times[c].Add(res);
            }
        Report(o, times, $"in one process, {o.Rounds} rounds after a warm-up round, order rotating");
        ReplayCost(o, Median(times["raw"].Select(x => x.Seconds).ToList()) / o.Steps);
    }

    /// <summary>The monitors' own cost per step, without the network's noise: the seed network's spike train is recorded
    /// once, then replayed by a network that does nothing else, through a Runner with and without the monitors; the
    /// difference of the fastest of many runs, per step, set against the bare step of the real network.</summary>
    static void ReplayCost(BenchOptions o, double bareStepSeconds)
    {
        var ci = CultureInfo.InvariantCulture;
        var net = BenchNet.Net4K(o.Seed);
        var rec = new Runner(net, Inputs.Constant(o.Input), [new SpikeMonitor("spikes")]);
        rec.RunSteps(o.Steps);
        var train = rec.Monitor<SpikeMonitor>("spikes");
        var replay = new ReplayNet(net.Size, net.Dt, o.Steps, train.Steps.ToArray(), train.Neurons.ToArray());
        double Best(bool monitored)
        {
            double best = double.MaxValue;
            for (int r = 0; r < 5 * o.Rounds; r++)
            {
                replay.Rewind();
                Monitor[] monitors = monitored
                    ? [new SpikeMonitor("spikes"), new StateMonitor("V", () => replay.V, [0, 1, 2, net.NumExcitatory, net.NumExcitatory + 1]), new RateMonitor("rate", binMs: 1.0)]
                    : [];
                var runner = new Runner(replay, Inputs.Constant(o.Input), monitors);
                best = Math.Min(best, runner.RunSteps(o.Steps).WallTime.TotalSeconds);
            }
            return best;
        }
        Best(true); Best(false); // warm-up
        double with = Best(true), without = Best(false);
        double perStep = (with - without) / o.Steps;
        Console.WriteLine(string.Create(ci,
            $"monitors alone (the spike train replayed by a network that does nothing else, fastest of {5 * o.Rounds}): {perStep * 1e9:F0} ns/step " +
            $"(runner with monitors {with / o.Steps * 1e9:F0} ns/step, without {without / o.Steps * 1e9:F0} ns/step) = {perStep / bareStepSeconds * 100:F1} % of the bare step ({bareStepSeconds * 1e6:F2} µs)"));
    }

    /// <summary>Replays a recorded spike train step by step (and holds a V array for a StateMonitor).</summary>
    sealed class ReplayNet(int size, double dt, int steps, int[] spikeSteps, int[] spikeNeurons) : ISpikingNetwork
    {
        readonly int[] _start = Starts(steps, spikeSteps);
        int _k;

        public float[] V { get; } = new float[size];
        public int Size => size;
        public double Dt => dt;
        public void Rewind() => _k = 0;

        public Spikes Update(float input)
        {
            int k = _k;
            _k = k + 1 < steps ? k + 1 : 0;
            return new Spikes(spikeNeurons.AsSpan(_start[k], _start[k + 1] - _start[k]), size);
        }

        static int[] Starts(int steps, int[] spikeSteps)
        {
            var start = new int[steps + 1];
            foreach (int s in spikeSteps) start[s + 1]++;
            for (int k = 0; k < steps; k++) start[k + 1] += start[k];
            return start;
        }
    }

    /// <summary>Each run in its own process, cold like a sample's run (JIT and tiering included), alternating.</summary>
    public static void Processes(BenchOptions o, Func<List<string>, Dictionary<string, string>?, string> child)
    {
        var ci = CultureInfo.InvariantCulture;
        var times = Cases.ToDictionary(c => c, _ => new List<CaseResult>());
        var env = o.Tiered ? new Dictionary<string, string> { ["DOTNET_TieredCompilation"] = "1" } : null;
        for (int r = 0; r < o.Rounds; r++)
            for (int k = 0; k < Cases.Length; k++)
            {
                string c = Cases[(k + r) % Cases.Length];
                string line = child(["--monitor-case", c, "--steps", o.Steps.ToString(ci), "--seed", o.Seed.ToString(ci), "--input", o.Input.ToString("R", ci)], env);
                var f = line.Split(' ');
                times[c].Add(new(double.Parse(f[0], ci), long.Parse(f[1], ci), double.Parse(f[2], ci)));
            }
        Report(o, times, $"one process per run ({(o.Tiered ? "tiered compilation on, as in a default project" : "tiered compilation off, the benchmark's setting")}), {o.Rounds} rounds, order rotating");
    }

    static void Report(BenchOptions o, Dictionary<string, List<CaseResult>> results, string how)
    {
        var ci = CultureInfo.InvariantCulture;
        var times = results.ToDictionary(kv => kv.Key, kv => kv.Value.Select(x => x.Seconds).ToList());
        Console.WriteLine($"Monitor overhead: N = 4000, {o.Steps} steps, {how}.");
        Console.WriteLine("Monitors: SpikeMonitor (all neurons), StateMonitor V (5 neurons), RateMonitor (1 ms bins).");
        Console.WriteLine($"{"case",-9} {"median ms",10} {"min ms",8} {"max ms",8} {"µs/step",8} {"JIT ms",7}");
        foreach (var c in Cases)
        {
            var t = times[c];
            double jit = Median(results[c].Select(x => x.JitMs).ToList());
            Console.WriteLine(string.Create(ci, $"{c,-9} {Median(t) * 1e3,10:F2} {t.Min() * 1e3,8:F2} {t.Max() * 1e3,8:F2} {Median(t) / o.Steps * 1e6,8:F2} {jit,7:F2}"));
        }
        Console.WriteLine("(JIT ms: median compilation time on the running thread during the run, part of the wall time.)");
        foreach (var (num, den) in new[] { ("monitors", "runner"), ("monitors", "raw"), ("runner", "raw") })
        {
            var ratios = times[num].Zip(times[den], (a, b) => a / b).ToList();
            double ofMedians = Median(times[num]) / Median(times[den]);
            Console.WriteLine(string.Create(ci,
                $"{num + " / " + den,-19} per round: median {Median(ratios):F3} (range {ratios.Min():F3}–{ratios.Max():F3}); ratio of medians {ofMedians:F3}, ratio of minima {times[num].Min() / times[den].Min():F3}"));
        }
    }

    static double Median(List<double> xs)
    {
        var s = xs.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : 0.5 * (s[s.Count / 2 - 1] + s[s.Count / 2]);
    }
}
