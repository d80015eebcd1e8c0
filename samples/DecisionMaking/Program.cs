using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using DecisionMaking;
using SpikeSharp;
using SpikeSharp.Plotting;

// BrainPy's decision_making_network.py (Wang 2002), declared: one trial (or --seeds N trials) at a coherence, the rates
// of A and B per window, a raster (A, B, N, I) and a rate figure of A and B.
// Usage: DecisionMaking [--seed S] [--seeds N] [--coherence C (fraction, 0.5 = BrainPy's 50 %)] [--threads T] [--out raster.png] [--json] [--quiet]
ulong seed = 1;
int seeds = 1, threads = 0;
double coherence = 0.5;
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
            case "--seed": seed = ulong.Parse(Value(), ci); break;
            case "--seeds": seeds = int.Parse(Value(), ci); break;
            case "--coherence" or "-c": coherence = double.Parse(Value(), ci); break;
            case "--threads": threads = int.Parse(Value(), ci); break;
            case "--out" or "-o": outPath = Value(); break;
            case "--json": json = true; break;
            case "--quiet" or "-q": quiet = true; break;
            case "--help" or "-h":
                Console.WriteLine("DecisionMaking [--seed S (1)] [--seeds N (1): seeds S..S+N-1] [--coherence C (0.5; a fraction: BrainPy's file uses percent)] [--threads T (0: auto)] [--out raster.png] [--json] [--quiet]");
                return 0;
            default: throw new ArgumentException($"unknown option '{arg}'");
        }
        if (!(coherence >= -1 && coherence <= 1)) throw new ArgumentException($"--coherence {coherence}: a fraction in [-1, 1]");
        if (seeds < 1) throw new ArgumentException($"--seeds {seeds}: must be ≥ 1");
    }
    catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
    {
        Console.Error.WriteLine($"DecisionMaking: {ex.Message} (see --help)");
        return 2;
    }
}
Parallelism.Threads = threads;

// The windows reported (ms): the decision window is the last 500 ms of the stimulus period.
var windows = new (string Name, double From, double To)[]
{
    ("pre", 0, Stimulus.PreStimulusMs),
    ("early", Stimulus.PreStimulusMs, Stimulus.PreStimulusMs + 500),
    ("decision", Stimulus.PreStimulusMs + 500, Stimulus.PreStimulusMs + Stimulus.StimulusMs),
    ("delay", Stimulus.PreStimulusMs + Stimulus.StimulusMs, Stimulus.TotalMs),
};
int totalMs = (int)Stimulus.TotalMs, steps = Trial.TotalSteps;
var results = new List<object>();
int winsA = 0;
for (ulong s = seed; s < seed + (ulong)seeds; s++)
{
    var setup = System.Diagnostics.Stopwatch.StartNew();
    var trial = new Trial(s, coherence);
    double setupMs = setup.Elapsed.TotalMilliseconds;
    var countsA = new int[totalMs];
    var countsB = new int[totalMs];
    SpikeMonitor? spikes = null;
    RateMonitor? rateA = null, rateB = null;
    TimeSpan wall;
    if (outPath is not null && s == seed)
    {
        // The figure's trial runs under a Runner with monitors; the stimulus is its per-step input function (BrainPy's give_input).
        var net = trial.Net;
        spikes = new SpikeMonitor("spikes", expectedRateHz: 20);
        rateA = new RateMonitor("A", binMs: 10, source: net.SpikeSource("A"));
        rateB = new RateMonitor("B", binMs: 10, source: net.SpikeSource("B"));
        var runner = new Runner(net, Inputs.Func((step, _) => { trial.GiveInput(step); return 0f; }), [spikes, rateA, rateB]);
        wall = runner.RunSteps(steps).WallTime;
        var st = spikes.Steps;
        var ns = spikes.Neurons;
        for (int k = 0; k < spikes.Count; k++)
        {
            int ms = (int)(st[k] * Trial.Dt);
            if (ns[k] < A.Size) countsA[ms]++;
            else if (ns[k] < A.Size + B.Size) countsB[ms]++;
        }
    }
    else
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        trial.Run(steps, countsA, countsB);
        wall = clock.Elapsed;
    }
    var rates = windows.Select(w => new
    {
        window = w.Name,
        fromMs = w.From,
        toMs = w.To,
        rateA = Math.Round(Trial.Rate(countsA, A.Size, w.From, w.To), 3),
        rateB = Math.Round(Trial.Rate(countsB, B.Size, w.From, w.To), 3),
    }).ToArray();
    var decision = rates[2];
    string winner = decision.rateA > decision.rateB ? "A" : "B";
    if (winner == "A") winsA++;
    results.Add(new { seed = s, coherence, winner, wallMs = Math.Round(wall.TotalMilliseconds, 1), setupMs = Math.Round(setupMs, 1), windows = rates });
    if (!json && !quiet)
    {
        Console.WriteLine(string.Format(ci, "seed {0}, coherence {1}: {2} wins; {3} steps in {4:F0} ms (+{5:F0} ms set-up)", s, coherence, winner, steps, wall.TotalMilliseconds, setupMs));
        foreach (var r in rates)
            Console.WriteLine(string.Format(ci, "  {0,-9} [{1,4}, {2,4}) ms  A {3,6:F2} Hz  B {4,6:F2} Hz", r.window, r.fromMs, r.toMs, r.rateA, r.rateB));
    }
    if (spikes is not null && rateA is not null && rateB is not null && outPath is not null)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (dir is not null) Directory.CreateDirectory(dir);
        var groups = new[]
        {
            new NeuronGroup("A", 0, A.Size, ScottPlot.Colors.Red),
            new NeuronGroup("B", A.Size, B.Size, ScottPlot.Colors.Blue),
            new NeuronGroup("N", A.Size + B.Size, N.Size, ScottPlot.Colors.Gray),
            new NeuronGroup("I", A.Size + B.Size + N.Size, I.Size, ScottPlot.Colors.Green),
        };
        var raster = Plots.Raster(spikes, groups, string.Format(ci, "Decision making (Wang 2002), coherence {0}, seed {1}", coherence, s), fromMs: 0, toMs: Stimulus.TotalMs);
        foreach (double x in new[] { Stimulus.PreStimulusMs, Stimulus.PreStimulusMs + Stimulus.StimulusMs }) raster.Add.VerticalLine(x, 1, ScottPlot.Colors.Black, ScottPlot.LinePattern.Dashed);
        raster.Save(outPath, 1200, 800);
        var plot = Plots.Rate(rateA, "Rates of A (red) and B (blue), 10 ms bins", 0, Stimulus.TotalMs);
        var line = plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().First();
        line.Color = ScottPlot.Colors.Red;
        line.LegendText = "A";
        double[] xs = rateB.BinStarts(), ys = rateB.Rates();
        var b = plot.Add.ScatterLine(xs, ys);
        b.ConnectStyle = ScottPlot.ConnectStyle.StepHorizontal;
        b.MarkerSize = 0;
        b.Color = ScottPlot.Colors.Blue;
        b.LegendText = "B";
        double top = Math.Max(rateA.Rates().DefaultIfEmpty(0).Max(), ys.DefaultIfEmpty(0).Max());
        plot.Axes.SetLimitsY(0, top > 0 ? top * 1.05 : 1);
        foreach (double x in new[] { Stimulus.PreStimulusMs, Stimulus.PreStimulusMs + Stimulus.StimulusMs }) plot.Add.VerticalLine(x, 1, ScottPlot.Colors.Black, ScottPlot.LinePattern.Dashed);
        plot.ShowLegend();
        string rate = Path.Combine(Path.GetDirectoryName(outPath) ?? "", Path.GetFileNameWithoutExtension(outPath) + ".rate" + Path.GetExtension(outPath));
        plot.Save(rate, 1200, 400);
        if (!json && !quiet) Console.WriteLine($"  wrote {outPath}, {rate}");
    }
}
if (json) Console.WriteLine(JsonSerializer.Serialize(seeds == 1 ? results[0] : new { coherence, seeds, winsA, trials = results }));
else if (!quiet && seeds > 1) Console.WriteLine($"A won {winsA} of {seeds} trials (decision window [600, 1100) ms)");
return 0;
