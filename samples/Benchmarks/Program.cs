using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Benchmarks;
using SpikeSharp;

// Whole-run benchmarks of the E/I network at N = 4000 (the seed network) and scaled to 40 000, 400 000 and
// 4 000 000 neurons at a mean in-degree of 80. One case per process (so peak memory and start-up are the
// case's own); --all runs every case in child processes and prints a table.
double mainEntrySeconds;
using (var self = Process.GetCurrentProcess()) mainEntrySeconds = (DateTime.Now - self.StartTime).TotalSeconds; // runtime start-up
var o = BenchOptions.Parse(args);
if (o is null) return 2;
if (o.Help)
{
    Console.WriteLine("""
        Benchmarks: whole runs of the E/I network (sim-only wall time, start-up, peak memory, rates).

        Usage: dotnet run -c Release --project samples/Benchmarks -- [options]
          --n N         4000 (seed network), 40000, 400000 or 4000000 (default 4000)
          --steps K     steps to run (default 10000)
          --threads T   threads for update, delivery and the cache build (0 = automatic, the default)
          --delivery D  auto (default: cached within DeliverySettings.CacheBudgetBytes), regenerate or cached
          --seed S      seed (population S, projections S+1, S+2; default 1)
          --input X     external current (default 20)
          --json        print one JSON object
          --phases      also time each phase of the step (E delivery, I delivery, update, spike delay), µs per step
          --all         every case, each in its own process, --repeat R times (default 3), median reported;
                        4M runs --steps-4m K steps (default 1000)
          --vs-floor    this case (--n, --steps, --threads, --delivery) and the native C baseline (--floor PATH, built
                        with the baseline's build.sh OUTDIR) in alternating processes, --repeat R rounds (default 3);
                        prints medians and ours/floor. Cached delivery is compared with -m cached16 (N ≤ 65 536)
                        or -m cachedp, regenerated with vec1 and tab; --floor-method M compares with M only
          --micro       in-process micro timings: Update ns/neuron (SIMD and scalar), delivery ns/event, a fork-join's cost, and --micro-vmath's
          --micro-comms only --micro's comm lines: ns per event / synapse / post of every comm, memory per synapse
          --micro-vmath VMath.Exp/Log/Tanh/Pow ns/element, scalar and Vector256/512, beside MathF and Vector512's own
          --micro-cache-build
                        JitTargetCache.Build of the 400k network's E projection (320 000 × 400 000, p = 0.0002) on --threads T
                        (default 1), --repeat R times in this process: best and median ns per synapse
          --micro-csr-scale
                        stored connectivity at the 400k E shape (CsrMatrix, FixedProb(0.0002), 320 000 × 400 000): 2000 steps
                        of ≈ 700 spikes through AddEvents on --threads T (default 1), best of --repeat R
          --models      ns per neuron-update of every neuron model (16 384 neurons, 1 thread), SIMD and scalar, then ns
                        per event of every synapse model (4000 → 4000, p = 0.02, 1 thread)
          --plot-bench  time drawing the figures of a long run: a raster of 2 M spikes (200 000 steps, or
                        --steps K at 10 spikes a step) and its population rate, as PNG, best of --repeat R
          --monitor-overhead
                        N = 4000 bare (a for loop of Update; a Runner without monitors) and with the EINet
                        sample's monitors (all spikes, V of 5 neurons, 1 ms rate), alternating --rounds R times
                        (default 9), fresh networks of the same seed; prints each case and the ratios
            --processes   one process per run (cold, like a sample run) instead of all in this one
            --tiered      with --processes: tiered compilation on in the children (a default project's setting)
          --monitor-case C
                        one run of case C (raw, runner, monitors, spikes-only, state-only, rate-only) on a fresh
                        network; prints the step loop's seconds, the spikes, the JIT ms during the run and the GC counts (for attribution,
                        e.g. instruction counts under valgrind)
          --cobahh      COBAHH (4000 user-written Traub–Miles neurons, samples/COBAHH) for --steps K (default 10 000):
                        sim-only wall time and CPU time of the step loop, spikes, rates; best of --repeat R in this process
          --help        this text
        """);
    return 0;
}

if (o.All) return RunAll(o);
if (o.VsFloor)
    return VsFloor.Run(o.FloorPath, o.FloorMethod, o.N, o.Steps, o.Threads, o.Delivery.ToString().ToLowerInvariant(), o.Repeat, Child);
if (o.Micro) { Micro.Run(); MicroVMath.Run(); return 0; }
if (o.MicroVMath) { MicroVMath.Run(); return 0; }
if (o.MicroComms) { MicroComms.Run(); return 0; }
if (o.MicroCacheBuild) { Micro.CacheBuild(o.Repeat, o.Threads); return 0; }
if (o.MicroCsrScale) { Micro.CsrScale(o.Repeat, o.Threads); return 0; }
if (o.Models) { ModelZoo.Run(); SynapseZoo.Run(); return 0; }
if (o.CobaHH) { Parallelism.Threads = o.Threads; CobaHHBench.Run(o.Steps, o.Repeat, o.Seed, o.Json); return 0; }
if (o.PlotBench) { PlotBench.Run(o.StepsGiven ? o.Steps : 200_000, o.Repeat); return 0; }
if (o.MonitorCase is not null)
{
    var cr = MonitorOverhead.RunCase(o.MonitorCase, o.Seed, o.Steps, o.Input);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cr.Seconds:R} {cr.Spikes} {cr.JitMs:R} gc0={GC.CollectionCount(0)} gc2={GC.CollectionCount(2)}"));
    return 0;
}
if (o.MonitorOverhead)
{
    if (o.Processes) MonitorOverhead.Processes(o, ChildOutput);
    else MonitorOverhead.InProcess(o);
    return 0;
}

var startToFirstStep = TimeSpan.Zero;
// Before the network is built: --threads also sets the threads of the cache build (part of start→first step).
Parallelism.Threads = o.Threads;
DeliverySettings.Strategy = o.Delivery;
DeliverySettings.ClearReport();
var buildWatch = Stopwatch.StartNew();
IBenchNet net = o.N switch
{
    4000 => BenchNet.Net4K(o.Seed),
    40_000 => BenchNet.Net40K(o.Seed),
    400_000 => BenchNet.Net400K(o.Seed),
    4_000_000 => BenchNet.Net4M(o.Seed),
    _ => throw new ArgumentOutOfRangeException("--n", o.N, "--n must be 4000, 40000, 400000 or 4000000."),
};

double buildSeconds = buildWatch.Elapsed.TotalSeconds;
double jitSeconds = System.Runtime.JitInfo.GetCompilationTime().TotalSeconds; // JIT before the first step (all threads)
long jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount();
long spikes = 0, spikesE = 0;
int gc0 = GC.CollectionCount(0);
using var proc = Process.GetCurrentProcess();
startToFirstStep = DateTime.Now - proc.StartTime;
var sw = Stopwatch.StartNew();
double firstStepSeconds = 0, firstStepJitSeconds = 0;
long firstStepJitMethods = 0;
Span<long> phaseTicks = stackalloc long[4];
for (int s = 0; s < o.Steps; s++)
{
    var spk = o.Phases && net is BenchNet timed ? timed.UpdateTimed(o.Input, phaseTicks) : net.Update(o.Input);
    spikes += spk.Count;
    spikesE += spk[..net.NumExcitatory].Count;
    if (s == 0)
    {
        firstStepSeconds = sw.Elapsed.TotalSeconds; // includes the JIT of whatever the constructors did not compile
        firstStepJitMethods = System.Runtime.JitInfo.GetCompiledMethodCount() - jitMethods;
        firstStepJitSeconds = System.Runtime.JitInfo.GetCompilationTime().TotalSeconds - jitSeconds;
    }
}
sw.Stop();
int gcs = GC.CollectionCount(0) - gc0;
proc.Refresh();
double simS = sw.Elapsed.TotalSeconds;
double seconds = o.Steps * net.Dt / 1000.0;
double rateE = spikesE / (net.NumExcitatory * seconds);
double rateI = (spikes - spikesE) / ((net.Size - net.NumExcitatory) * seconds);
double events = spikes * 80.0; // expected: every spike reaches p·N = 80 targets on average
var report = DeliverySettings.Report();
string delivery = string.Join(",", report.Select(d => d.Used == DeliveryStrategy.Cached ? "cached" : "regenerated").Distinct());
var r = new BenchResult(o.N, o.Steps, Parallelism.ThreadsFor(net.Size), simS, simS / o.Steps * 1e6, startToFirstStep.TotalSeconds,
    proc.PeakWorkingSet64 / (1024.0 * 1024.0), spikes, rateE, rateI, (double)net.Size * o.Steps / simS, events / simS, gcs,
    delivery, report.Sum(d => d.Bytes) / (1024.0 * 1024.0), report.Sum(d => d.SetupTime.TotalSeconds), mainEntrySeconds, buildSeconds,
    sw.Elapsed.TotalSeconds > 0 && o.Steps > 0 ? firstStepSeconds : 0, proc.TotalProcessorTime.TotalSeconds, jitSeconds, jitMethods,
    firstStepJitSeconds, firstStepJitMethods);
if (o.Phases)
{
    double Us(long t) => t * 1e6 / Stopwatch.Frequency / o.Steps;
    // On stderr beside --json, so that stdout stays one JSON object.
    (o.Json ? Console.Error : Console.Out).WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"phases (µs/step): E delivery {Us(phaseTicks[0]):F1}, I delivery {Us(phaseTicks[1]):F1}, update {Us(phaseTicks[2]):F1}, spike delay {Us(phaseTicks[3]):F2}"));
}
if (o.Json) Console.WriteLine(JsonSerializer.Serialize(r));
else Console.WriteLine(r.ToText());
return 0;

static int RunAll(BenchOptions o)
{
    var ci = CultureInfo.InvariantCulture;
    var cases = new List<(int n, int steps)> { (4000, o.Steps), (40_000, o.Steps), (400_000, o.Steps), (4_000_000, o.Steps4M) };
    Console.WriteLine($"{"N",9} {"steps",6} {"thr",3} {"sim s",8} {"µs/step",9} {"start→1st s",11} {"peak MiB",9} {"spikes",10} {"E Hz",6} {"I Hz",6} {"neuron upd/s",12} {"syn ev/s",10}");
    foreach (var (n, steps) in cases)
    {
        var runs = new List<BenchResult>();
        for (int k = 0; k < o.Repeat; k++)
        {
            var a = new List<string> { "--n", n.ToString(ci), "--steps", steps.ToString(ci), "--threads", o.Threads.ToString(ci), "--seed", o.Seed.ToString(ci), "--delivery", o.Delivery.ToString().ToLowerInvariant(), "--json" };
            runs.Add(Child(a));
        }
        var med = runs.OrderBy(x => x.SimSeconds).ElementAt(runs.Count / 2);
        Console.WriteLine(string.Create(ci, $"{n,9} {steps,6} {med.Threads,3} {med.SimSeconds,8:F3} {med.MicrosPerStep,9:F1} {runs.Select(x => x.StartToFirstStepSeconds).Order().ElementAt(runs.Count / 2),11:F3} {runs.Max(x => x.PeakMiB),9:F0} {med.Spikes,10} {med.RateE,6:F2} {med.RateI,6:F2} {med.NeuronUpdatesPerSecond,12:E2} {med.SynapticEventsPerSecond,10:E2}"));
    }
    return 0;
}

static BenchResult Child(List<string> args) => JsonSerializer.Deserialize<BenchResult>(ChildOutput(args, null))!;

// Runs this program again with args (and extra environment variables); returns the last line of its output.
static string ChildOutput(List<string> args, Dictionary<string, string>? env)
{
    string self = Environment.ProcessPath!;
    var psi = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
    if (System.IO.Path.GetFileNameWithoutExtension(self) == "dotnet") psi.ArgumentList.Add(typeof(BenchResult).Assembly.Location);
    foreach (var a in args) psi.ArgumentList.Add(a);
    if (env is not null) foreach (var (k, v) in env) psi.Environment[k] = v;
    using var p = Process.Start(psi)!;
    string output = p.StandardOutput.ReadToEnd();
    p.WaitForExit();
    if (p.ExitCode != 0) throw new InvalidOperationException($"child {string.Join(' ', args)} exited with {p.ExitCode}");
    return output.Trim().Split('\n')[^1];
}

/// <summary>What one whole run measured.</summary>
public sealed record BenchResult(int N, int Steps, int Threads, double SimSeconds, double MicrosPerStep, double StartToFirstStepSeconds,
    double PeakMiB, long Spikes, double RateE, double RateI, double NeuronUpdatesPerSecond, double SynapticEventsPerSecond, int Gen0Collections,
    string Delivery = "", double CacheMiB = 0, double CacheSetupSeconds = 0, double MainEntrySeconds = 0, double BuildSeconds = 0,
    double FirstStepSeconds = 0, double CpuSeconds = 0, double JitSeconds = 0, long JitMethods = 0,
    double FirstStepJitSeconds = 0, long FirstStepJitMethods = 0)
{
    public string ToText() => string.Create(CultureInfo.InvariantCulture,
        $"N={N} steps={Steps} threads={Threads}: sim {SimSeconds:F4} s ({MicrosPerStep:F1} µs/step), start→first step {StartToFirstStepSeconds:F3} s, " +
        $"peak {PeakMiB:F0} MiB, spikes {Spikes}, rate E {RateE:F2} Hz / I {RateI:F2} Hz, {NeuronUpdatesPerSecond:E2} neuron updates/s, " +
        $"{SynapticEventsPerSecond:E2} synaptic events/s (expected, spikes × 80), gen0 GCs {Gen0Collections}, " +
        $"delivery {Delivery} (cache {CacheMiB:F1} MiB, built in {CacheSetupSeconds:F3} s); start-up: runtime to Main {MainEntrySeconds:F3} s, " +
        $"network built in {BuildSeconds:F3} s, first step {FirstStepSeconds:F3} s, process CPU {CpuSeconds:F3} s, JIT before the first step {JitSeconds:F3} s ({JitMethods} methods), " +
        $"JIT inside the first step {FirstStepJitSeconds:F3} s ({FirstStepJitMethods} methods)");
}

sealed class BenchOptions
{
    public int N = 4000, Steps = 10_000, Steps4M = 1000, Threads, Repeat = 3, Rounds = 9;
    public ulong Seed = 1;
    public float Input = 20;
    public DeliveryStrategy Delivery = DeliveryStrategy.Auto;
    public bool Json, All, Help, Micro, MicroVMath, MicroComms, MicroCacheBuild, MicroCsrScale, Models, PlotBench, StepsGiven, MonitorOverhead, Processes, Tiered, CobaHH, Phases;
    public string? MonitorCase, FloorPath, FloorMethod;
    public bool VsFloor;

    public static BenchOptions? Parse(string[] args)
    {
        var o = new BenchOptions();
        var ci = CultureInfo.InvariantCulture;
        for (int k = 0; k < args.Length; k++)
        {
            string Next() => k + 1 < args.Length ? args[++k] : throw new ArgumentException($"{args[k]} needs a value");
            try
            {
                switch (args[k])
                {
                    case "--n": o.N = int.Parse(Next(), ci); break;
                    case "--steps": o.Steps = int.Parse(Next(), ci); o.StepsGiven = true; break;
                    case "--steps-4m": o.Steps4M = int.Parse(Next(), ci); break;
                    case "--threads": o.Threads = int.Parse(Next(), ci); break;
                    case "--repeat": o.Repeat = int.Parse(Next(), ci); break;
                    case "--seed": o.Seed = ulong.Parse(Next(), ci); break;
                    case "--input": o.Input = float.Parse(Next(), ci); break;
                    case "--json": o.Json = true; break;
                    case "--delivery":
                        o.Delivery = Next() switch
                        {
                            "auto" => DeliveryStrategy.Auto,
                            "regenerate" => DeliveryStrategy.Regenerate,
                            "cached" => DeliveryStrategy.Cached,
                            var d => throw new ArgumentException($"--delivery must be auto, regenerate or cached, not '{d}'"),
                        };
                        break;
                    case "--all": o.All = true; break;
                    case "--micro": o.Micro = true; break;
                    case "--phases": o.Phases = true; break;
                    case "--micro-vmath": o.MicroVMath = true; break;
                    case "--micro-comms": o.MicroComms = true; break;
                    case "--micro-cache-build": o.MicroCacheBuild = true; break;
                    case "--micro-csr-scale": o.MicroCsrScale = true; break;
                    case "--models": o.Models = true; break;
                    case "--cobahh": o.CobaHH = true; break;
                    case "--vs-floor": o.VsFloor = true; break;
                    case "--floor": o.FloorPath = Next(); break;
                    case "--floor-method": o.FloorMethod = Next(); break;
                    case "--plot-bench": o.PlotBench = true; break;
                    case "--monitor-overhead": o.MonitorOverhead = true; break;
                    case "--rounds": o.Rounds = int.Parse(Next(), ci); break;
                    case "--processes": o.Processes = true; break;
                    case "--tiered": o.Tiered = true; break;
                    case "--monitor-case": o.MonitorCase = Next(); break;
                    case "--help" or "-h": o.Help = true; break;
                    default: Console.Error.WriteLine($"unknown option {args[k]} (see --help)"); return null;
                }
            }
            catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
            {
                Console.Error.WriteLine($"bad value for {args[k]}: {ex.Message}");
                return null;
            }
        }
        if (o.Steps <= 0 || o.Steps4M <= 0 || o.Repeat <= 0 || o.Rounds <= 0 || o.Threads < 0) { Console.Error.WriteLine("--steps, --steps-4m, --repeat, --rounds must be > 0 and --threads ≥ 0"); return null; }
        if (o.MonitorCase is not null && !Benchmarks.MonitorOverhead.IsCase(o.MonitorCase)) { Console.Error.WriteLine($"--monitor-case must be raw, runner, monitors, spikes-only, state-only or rate-only, got '{o.MonitorCase}'"); return null; }
        return o;
    }
}
