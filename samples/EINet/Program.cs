using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using EINet;
using SpikeSharp;

// Runs the seed E/I network, prints a summary, writes a raster plot.
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
          --out PATH    raster plot PNG (default raster.png; "none" skips the plot)
          --json        print the summary as one JSON object
          --help        this text
        """);
    return 0;
}

var net = new EINetwork(opts.Seed);
var result = Runner.Run(net, opts.Steps, opts.Input);
var rec = result.Spikes;

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
double wallMs = result.WallTime.TotalMilliseconds;

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
else
{
    var ci = CultureInfo.InvariantCulture;
    Console.WriteLine(string.Format(ci, "EINet: {0} neurons, {1} steps of {2} ms ({3} ms simulated), seed {4}", Neurons.Size, opts.Steps, net.N.Dt, opts.Steps * net.N.Dt, opts.Seed));
    Console.WriteLine(string.Format(ci, "  wall time      {0:F1} ms (step loop only)", wallMs));
    Console.WriteLine(string.Format(ci, "  spikes         {0}", rec.Count));
    Console.WriteLine(string.Format(ci, "  rate E / I     {0:F2} / {1:F2} Hz", rateE, rateI));
    Console.WriteLine(string.Format(ci, "  fraction fired {0:F3}", fraction));
}

if (!string.Equals(opts.Out, "none", StringComparison.OrdinalIgnoreCase))
{
    Raster.Save(rec, net.N.Dt, EINetwork.NumExcitatory, opts.Out);
    if (!opts.Json) Console.WriteLine($"  raster plot    {Path.GetFullPath(opts.Out)}");
}
return 0;

sealed record Options(int Steps, ulong Seed, float Input, string Out, bool Json, bool Help)
{
    public static Options? Parse(string[] args)
    {
        var o = new Options(1000, 1, 20f, "raster.png", false, false);
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
        return o;
    }
}
