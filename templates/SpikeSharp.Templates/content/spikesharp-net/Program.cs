using System.Globalization;
using SpikeSharp;
using SpikeSharp.Plotting;
using SpikeSharpNet;

// Runs the E/I network of Model.cs with a constant input, records spikes and the population rate, and draws a raster.
// Usage: dotnet run -c Release -- [steps (default 1000, dt = 0.1 ms)] [raster path, .png or .svg (default raster.png)]
int steps = 1000;
if (args.Length > 0 && (!int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out steps)))
{
    Console.Error.WriteLine($"SpikeSharpNet: the step count must be a whole number ≥ 0, got '{args[0]}'");
    return 2;
}
string rasterPath = args.Length > 1 ? args[1] : "raster.png";

var net = new EINetwork(seed: 1);
var runner = new Runner(net, input: 20f, monitors:
[
    new SpikeMonitor("spikes"),
    new RateMonitor("rate", binMs: 1),
]);
var progress = new ConsoleProgress(runner);              // a bar on a terminal, a line every ~10 % when redirected
RunResult result = runner.RunSteps(steps, progress);

SpikeMonitor spikes = result.Spikes;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"SpikeSharpNet: {net.Size} neurons, {steps} steps of {net.Dt} ms ({result.Duration} ms simulated) in {result.WallTime.TotalMilliseconds:F0} ms"));
Console.WriteLine($"spikes: {spikes.Count}");
double[] rates = runner.Monitor<RateMonitor>("rate").Rates();   // Hz per 1 ms bin, all 4000 neurons
if (rates.Length > 0)
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"population rate: mean {rates.Average():F2} Hz, peak {rates.Max():F2} Hz"));

progress.Phase("wrote " + rasterPath, () => Plots.RasterEI(spikes, EINetwork.NumExcitatory, "SpikeSharpNet raster").Save(rasterPath, 1200, 800));
Console.WriteLine($"raster: {Path.GetFullPath(rasterPath)}");
return 0;
