using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using EINet;
using SpikeSharp;
using SpikeSharp.Plotting;

// Runs the seed E/I network as a scientist would: a Runner with monitors, the library's progress report,
// a summary, figures (raster, population rate, membrane traces) and optionally the data as .npz.
var opts = Cli.Parse(args, Console.Out, Console.Error, out int exit);
if (opts is null) return exit;
Parallelism.Threads = opts.Threads;

var net = new EINetwork(opts.Seed);
int[] traced = [0, 1, 2, EINetwork.NumExcitatory, EINetwork.NumExcitatory + 1];
var runner = new Runner(net, Inputs.Constant(opts.Input),
[
    new SpikeMonitor("spikes"),
    new StateMonitor("V", () => net.N.V, traced),
    new RateMonitor("rate", binMs: 1.0),
]);

int steps = opts.StepsAt(net.N.Dt);
bool speak = !opts.Quiet && !opts.Json;
// On a terminal a bar redrawn in place; redirected, a line about every 10 %; either way a closing summary line.
var progress = speak ? new ConsoleProgress(runner) : null;
TimeSpan wall = runner.RunSteps(steps, progress).WallTime;

var rec = runner.Monitor<SpikeMonitor>("spikes");
double seconds = steps * net.N.Dt / 1000.0;
int[] counts = rec.CountsPerNeuron();
long spikesE = 0, spikesI = 0;
int fired = 0;
for (int j = 0; j < counts.Length; j++)
{
    if (j < EINetwork.NumExcitatory) spikesE += counts[j]; else spikesI += counts[j];
    if (counts[j] > 0) fired++;
}
double rateE = seconds > 0 ? spikesE / (EINetwork.NumExcitatory * seconds) : 0;
double rateI = seconds > 0 ? spikesI / ((Neurons.Size - EINetwork.NumExcitatory) * seconds) : 0;
double fraction = fired / (double)Neurons.Size;
double wallMs = wall.TotalMilliseconds;

if (opts.Json)
{
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        steps = steps,
        wallMs = Math.Round(wallMs, 3),
        spikes = rec.Count,
        rateE = Math.Round(rateE, 3),
        rateI = Math.Round(rateI, 3),
        fractionFired = Math.Round(fraction, 4),
    }));
}
else if (!opts.Quiet)
{
    var ci = CultureInfo.InvariantCulture;
    Console.WriteLine(string.Format(ci, "EINet: {0} neurons, {1} steps of {2} ms ({3} ms simulated), seed {4}", Neurons.Size, steps, net.N.Dt, steps * net.N.Dt, opts.Seed));
    Console.WriteLine(string.Format(ci, "  wall time      {0:F1} ms (step loop only)", wallMs));
    Console.WriteLine(string.Format(ci, "  spikes         {0}", rec.Count));
    Console.WriteLine(string.Format(ci, "  rate E / I     {0:F2} / {1:F2} Hz", rateE, rateI));
    Console.WriteLine(string.Format(ci, "  fraction fired {0:F3}", fraction));
    Console.WriteLine(string.Format(ci, "  monitors       {0:N0} bytes", runner.MonitorBytes));
}

if (opts.Out is { } rasterPath)
{
    string? dir = Path.GetDirectoryName(Path.GetFullPath(rasterPath));
    if (dir is not null) Directory.CreateDirectory(dir);
    void Figure(string path, Func<ScottPlot.Plot> draw, int width, int height)
    {
        if (progress is null) draw().Save(path, width, height);
        else progress.Phase($"  wrote {path}", () => draw().Save(path, width, height));
    }
    Figure(rasterPath, () => Plots.RasterEI(rec, EINetwork.NumExcitatory, "EINet raster"), 1200, 800);
    Figure(opts.RatePath!, () => Plots.Rate(runner.Monitor<RateMonitor>("rate"), "EINet population rate"), 1200, 400);
    Figure(opts.VPath!, () => Plots.Traces(runner.Monitor<StateMonitor>("V"), title: "EINet membrane potential"), 1200, 500);
}
if (opts.Npz is { } npzPath)
{
    if (progress is null) runner.SaveNpz(npzPath);
    else progress.Phase($"  wrote {npzPath} (spikes_t, spikes_i, V, V_t, rate, rate_t, …)", () => runner.SaveNpz(npzPath));
}
return 0;
