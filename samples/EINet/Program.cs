using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using EINet;
using SpikeSharp;
using SpikeSharp.Plotting;

// Runs the seed E/I network as a scientist would: a Runner with monitors, a progress bar on long runs,
// a summary, figures (raster, population rate, membrane traces) and optionally the data as .npz.
var opts = Options.Parse(args);
if (opts is null) return 2;
if (opts.Help)
{
    Console.WriteLine("""
        EINet: the seed E/I network (4000 LifRef neurons, BrainPy's HalfProjAlignPostMg example).

        Usage: dotnet run -c Release --project samples/EINet -- [options]
          --steps N     steps to run (default 1000; dt = 0.1 ms)
          --seed S      seed of the initial state; projections use S+1 and S+2 (default 1)
          --input X     external current (default 20)
          --out PATH    raster plot, .png or .svg (default raster.png; "none" skips every figure);
                        the population rate and V traces go beside it as rate.<ext> and v.<ext>
          --npz PATH    also write spikes, V traces and rate to a NumPy .npz file
          --quiet       no progress bar and no summary (errors only)
          --json        print the summary as one JSON object on one line (no progress bar)
          --help        this text
        """);
    return 0;
}

var net = new EINetwork(opts.Seed);
int[] traced = [0, 1, 2, EINetwork.NumExcitatory, EINetwork.NumExcitatory + 1];
var runner = new Runner(net, Inputs.Constant(opts.Input),
[
    new SpikeMonitor("spikes"),
    new StateMonitor("V", () => net.N.V, traced),
    new RateMonitor("rate", binMs: 1.0),
]);

bool showProgress = !opts.Quiet && !opts.Json && !Console.IsOutputRedirected;
TimeSpan wall = ProgressDisplay.Run(runner, opts.Steps, showProgress);

var rec = runner.Monitor<SpikeMonitor>("spikes");
double seconds = opts.Steps * net.N.Dt / 1000.0;
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
        steps = opts.Steps,
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
    Console.WriteLine(string.Format(ci, "EINet: {0} neurons, {1} steps of {2} ms ({3} ms simulated), seed {4}", Neurons.Size, opts.Steps, net.N.Dt, opts.Steps * net.N.Dt, opts.Seed));
    Console.WriteLine(string.Format(ci, "  wall time      {0:F1} ms (step loop only)", wallMs));
    Console.WriteLine(string.Format(ci, "  spikes         {0}", rec.Count));
    Console.WriteLine(string.Format(ci, "  rate E / I     {0:F2} / {1:F2} Hz", rateE, rateI));
    Console.WriteLine(string.Format(ci, "  fraction fired {0:F3}", fraction));
    Console.WriteLine(string.Format(ci, "  monitors       {0:N0} bytes", runner.MonitorBytes));
}

bool speak = !opts.Quiet && !opts.Json;
if (!string.Equals(opts.Out, "none", StringComparison.OrdinalIgnoreCase))
{
    string ext = Path.GetExtension(opts.Out);
    string dir = Path.GetDirectoryName(Path.GetFullPath(opts.Out))!;
    string ratePath = Path.Combine(dir, "rate" + ext), vPath = Path.Combine(dir, "v" + ext);
    Plots.RasterEI(rec, EINetwork.NumExcitatory, "EINet raster").Save(opts.Out, 1200, 800);
    Plots.Rate(runner.Monitor<RateMonitor>("rate"), "EINet population rate").Save(ratePath, 1200, 400);
    Plots.Traces(runner.Monitor<StateMonitor>("V"), title: "EINet membrane potential").Save(vPath, 1200, 500);
    if (speak)
    {
        Console.WriteLine($"  raster plot    {Path.GetFullPath(opts.Out)}");
        Console.WriteLine($"  rate, V plots  {ratePath}, {vPath}");
    }
}
if (opts.Npz is not null)
{
    runner.SaveNpz(opts.Npz);
    if (speak) Console.WriteLine($"  data           {Path.GetFullPath(opts.Npz)} (spikes_t, spikes_i, V, V_t, rate, rate_t, …)");
}
return 0;

sealed record Options(int Steps, ulong Seed, float Input, string Out, string? Npz, bool Quiet, bool Json, bool Help)
{
    public static Options? Parse(string[] args)
    {
        var o = new Options(1000, 1, 20f, "raster.png", null, false, false, false);
        for (int k = 0; k < args.Length; k++)
        {
            string a = args[k];
            string Next() => k + 1 < args.Length ? args[++k] : throw new ArgumentException($"option {a} needs a value");
            try
            {
                o = a switch
                {
                    "--steps" => o with { Steps = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--seed" => o with { Seed = ulong.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--input" => o with { Input = float.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--out" => o with { Out = Next() },
                    "--npz" => o with { Npz = Next() },
                    "--quiet" or "-q" => o with { Quiet = true },
                    "--json" => o with { Json = true },
                    "--help" or "-h" => o with { Help = true },
                    _ => throw new ArgumentException($"unknown option '{a}' (see --help)"),
                };
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
            {
                Console.Error.WriteLine($"EINet: {e.Message}");
                return null;
            }
        }
        if (o.Steps < 0) { Console.Error.WriteLine($"EINet: --steps must be ≥ 0, got {o.Steps}"); return null; }
        string ext = Path.GetExtension(o.Out).ToLowerInvariant();
        if (!string.Equals(o.Out, "none", StringComparison.OrdinalIgnoreCase) && ext is not (".png" or ".svg"))
        {
            Console.Error.WriteLine($"EINet: --out must end in .png or .svg (or be none), got '{o.Out}'");
            return null;
        }
        return o;
    }
}
