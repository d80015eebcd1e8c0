using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using COBA;
using SpikeSharp;
using SpikeSharp.Plotting;

// BrainPy's COBA.py, declared: runs it with a Runner, prints rates (or --json), writes a raster and a rate figure.
// Usage: COBA [--steps N] [--seed S] [--input X] [--threads T] [--out raster.png] [--json] [--quiet]
int steps = 10_000, threads = 0;
ulong seed = 1;
float input = 20f;
string? outPath = null;
bool json = false, quiet = false;
var ci = CultureInfo.InvariantCulture;
for (int a = 0; a < args.Length; a++)
{
    string arg = args[a];
    string Value() => a + 1 < args.Length ? args[++a] : throw new ArgumentException($"{arg} needs a value");
    try
    {
        switch (arg)
        {
            case "--steps" or "-n": steps = (int)double.Parse(Value().Replace("_", ""), ci); break;
            case "--seed": seed = ulong.Parse(Value(), ci); break;
            case "--input": input = float.Parse(Value(), ci); break;
            case "--threads": threads = int.Parse(Value(), ci); break;
            case "--out" or "-o": outPath = Value(); break;
            case "--json": json = true; break;
            case "--quiet" or "-q": quiet = true; break;
            case "--help" or "-h":
                Console.WriteLine("COBA [--steps N (10000)] [--seed S (1)] [--input X (20)] [--threads T (0: auto)] [--out raster.png] [--json] [--quiet]");
                return 0;
            default: throw new ArgumentException($"unknown option '{arg}'");
        }
        if (steps < 0) throw new ArgumentException($"--steps {steps}: must be ≥ 0");
    }
    catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
    {
        Console.Error.WriteLine($"COBA: {ex.Message} (see --help)");
        return 2;
    }
}
Parallelism.Threads = threads;

var setup = System.Diagnostics.Stopwatch.StartNew();
var net = new CobaNet(seed, dt: 0.1);
double setupMs = setup.Elapsed.TotalMilliseconds;
long synapses = net.E2E.Matrix.Synapses + net.E2I.Matrix.Synapses + net.I2E.Matrix.Synapses + net.I2I.Matrix.Synapses;
long bytes = net.E2E.Matrix.Bytes + net.E2I.Matrix.Bytes + net.I2E.Matrix.Bytes + net.I2I.Matrix.Bytes;
var runner = new Runner(net, Inputs.Constant(input),
[
    new SpikeMonitor("spikes"),
    new RateMonitor("rate", binMs: 1.0),
]);
var progress = json || quiet ? null : new ConsoleProgress(runner);
TimeSpan wall = runner.RunSteps(steps, progress).WallTime;

var rec = runner.Monitor<SpikeMonitor>("spikes");
double seconds = steps * net.Dt / 1000.0;
int[] counts = rec.CountsPerNeuron();
long spikesE = 0, spikesI = 0;
int fired = 0;
for (int j = 0; j < counts.Length; j++)
{
    if (j < E.Size) spikesE += counts[j]; else spikesI += counts[j];
    if (counts[j] > 0) fired++;
}
double rateE = seconds > 0 ? spikesE / (E.Size * seconds) : 0;
double rateI = seconds > 0 ? spikesI / (I.Size * seconds) : 0;
double fraction = fired / (double)net.Size;
if (json)
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        steps,
        wallMs = Math.Round(wall.TotalMilliseconds, 3),
        setupMs = Math.Round(setupMs, 3),
        synapses,
        connectivityBytes = bytes,
        spikes = rec.Count,
        rateE = Math.Round(rateE, 3),
        rateI = Math.Round(rateI, 3),
        fractionFired = Math.Round(fraction, 4),
    }));
else if (!quiet)
{
    Console.WriteLine(string.Format(ci, "COBA: E {0} + I {1} neurons, {2:N0} synapses ({3:N0} bytes, built in {4:F0} ms), {5} steps of {6} ms, seed {7}",
        E.Size, I.Size, synapses, bytes, setupMs, steps, net.Dt, seed));
    Console.WriteLine(string.Format(ci, "  wall time      {0:F1} ms (step loop only)", wall.TotalMilliseconds));
    Console.WriteLine(string.Format(ci, "  spikes         {0}", rec.Count));
    Console.WriteLine(string.Format(ci, "  rate E / I     {0:F2} / {1:F2} Hz", rateE, rateI));
    Console.WriteLine(string.Format(ci, "  fraction fired {0:F3}", fraction));
}
if (outPath is not null)
{
    string? dir = Path.GetDirectoryName(Path.GetFullPath(outPath));
    if (dir is not null) Directory.CreateDirectory(dir);
    Plots.RasterEI(rec, E.Size, "COBA raster (E, then I)").Save(outPath, 1200, 800);
    string rate = Path.Combine(Path.GetDirectoryName(outPath) ?? "", Path.GetFileNameWithoutExtension(outPath) + ".rate" + Path.GetExtension(outPath));
    Plots.Rate(runner.Monitor<RateMonitor>("rate"), "COBA population rate").Save(rate, 1200, 400);
    if (!json && !quiet) Console.WriteLine($"  wrote {outPath}, {rate}");
}
return 0;
