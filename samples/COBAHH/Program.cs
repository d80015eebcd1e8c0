using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using COBAHH;
using SpikeSharp;
using SpikeSharp.Plotting;

// BrainPy's COBAHH benchmark with a user-written Traub–Miles neuron (Model.cs): 1 s at dt = 0.1 ms by default,
// rates, CV of ISIs and the fraction of active neurons, over one seed or several, and a raster of the first.
var ci = CultureInfo.InvariantCulture;
double durationMs = 1000;
ulong seed = 1;
int seeds = 1, threads = 0;
bool json = false;
string? rasterPath = "cobahh.png";
for (int k = 0; k < args.Length; k++)
{
    string Next() => k + 1 < args.Length ? args[++k] : throw new ArgumentException($"{args[k]} needs a value");
    try
    {
        switch (args[k])
        {
            case "--duration": durationMs = double.Parse(Next(), ci); break;
            case "--seed": seed = ulong.Parse(Next(), ci); break;
            case "--seeds": seeds = int.Parse(Next(), ci); break;
            case "--threads": threads = int.Parse(Next(), ci); break;
            case "--json": json = true; break;
            case "--out": rasterPath = Next() is var o && o.Equals("none", StringComparison.OrdinalIgnoreCase) ? null : o; break;
            case "--help" or "-h":
                Console.WriteLine("""
                    COBAHH: BrainPy's COBAHH benchmark (4000 user-written Traub–Miles neurons, 3200 E + 800 I, COBA synapses).

                    Usage: dotnet run -c Release --project samples/COBAHH -- [options]
                      --duration MS  simulated time (default 1000 ms; dt = 0.1 ms)
                      --seed S       first seed (population S, projections S+1, S+2; default 1)
                      --seeds K      run seeds S … S+K−1 and summarise them (default 1)
                      --threads T    threads for update and delivery (0 = automatic)
                      --out PATH     raster of the first seed, .png or .svg (default cobahh.png; none: no figure)
                      --json         one JSON object per seed, then the summary, one per line
                    """);
                return 0;
            default:
                Console.Error.WriteLine($"COBAHH: unknown option '{args[k]}' (see --help)");
                return 2;
        }
    }
    catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
    {
        Console.Error.WriteLine($"COBAHH: bad value for {args[k]}: {ex.Message}");
        return 2;
    }
}
if (!(durationMs > 0) || seeds < 1 || threads < 0 || threads > Parallelism.MaxParts)
{
    Console.Error.WriteLine($"COBAHH: --duration must be > 0 ms, --seeds ≥ 1 and --threads in [0, {Parallelism.MaxParts}]");
    return 2;
}
if (rasterPath is not null && Path.GetExtension(rasterPath).ToLowerInvariant() is not (".png" or ".svg"))
{
    Console.Error.WriteLine($"COBAHH: --out must end in .png or .svg (or be none), got '{rasterPath}'");
    return 2;
}
Parallelism.Threads = threads;

var results = new List<RunStats>();
for (int r = 0; r < seeds; r++)
{
    ulong s = seed + (ulong)(3 * r); // each network uses three seeds (population, E, I)
    var net = new CobaHHNetwork(s);
    var spikes = new SpikeMonitor("spikes");
    var runner = new Runner(net, Inputs.Constant(0f), [spikes]);
    int steps = Runner.StepsFor(durationMs, net.Dt);
    double wall = runner.RunSteps(steps).WallTime.TotalMilliseconds;
    var st = RunStats.From(s, steps, net.Dt, wall, spikes.Steps, spikes.Neurons, Neurons.Size, CobaHHNetwork.NumExcitatory);
    results.Add(st);
    if (json) Console.WriteLine(JsonSerializer.Serialize(st));
    else
        Console.WriteLine(string.Format(ci, "seed {0,3}: {1} steps in {2,7:F1} ms, {3,7} spikes, rate E {4,6:F2} Hz, I {5,6:F2} Hz, mean CV(ISI) {6:F3} ({7} neurons), active {8:F3}",
            s, steps, wall, st.Spikes, st.RateE, st.RateI, st.MeanCv, st.CvNeurons, st.FractionActive));
    if (r == 0 && rasterPath is not null)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(rasterPath));
        if (dir is not null) Directory.CreateDirectory(dir);
        Plots.RasterEI(spikes, CobaHHNetwork.NumExcitatory, $"COBAHH raster (seed {s})").Save(rasterPath, 1200, 800);
        if (!json) Console.WriteLine($"  wrote {rasterPath}");
    }
}
if (seeds > 1)
{
    static (double Mean, double Sd) MeanSd(IEnumerable<double> xs)
    {
        var a = xs.ToArray();
        double m = a.Average();
        return (m, a.Length > 1 ? Math.Sqrt(a.Sum(x => (x - m) * (x - m)) / (a.Length - 1)) : 0);
    }
    var e = MeanSd(results.Select(x => x.RateE));
    var i = MeanSd(results.Select(x => x.RateI));
    var cv = MeanSd(results.Select(x => x.MeanCv));
    var act = MeanSd(results.Select(x => x.FractionActive));
    var wall = MeanSd(results.Select(x => x.WallMs));
    if (json)
        Console.WriteLine(JsonSerializer.Serialize(new { seeds, rateE = e.Mean, rateESd = e.Sd, rateI = i.Mean, rateISd = i.Sd, meanCv = cv.Mean, meanCvSd = cv.Sd, fractionActive = act.Mean, fractionActiveSd = act.Sd, wallMs = wall.Mean }));
    else
        Console.WriteLine(string.Format(ci, "{0} seeds: rate E {1:F2} ± {2:F2} Hz, I {3:F2} ± {4:F2} Hz, mean CV(ISI) {5:F3} ± {6:F3}, active {7:F3} ± {8:F3}, wall {9:F0} ms per run",
            seeds, e.Mean, e.Sd, i.Mean, i.Sd, cv.Mean, cv.Sd, act.Mean, act.Sd, wall.Mean));
}
return 0;
