using System;
using System.Collections.Generic;
using ScottPlot;

namespace SpikeSharp.Plotting;

/// <summary>A contiguous block of neurons drawn in one colour in a raster (e.g. the E and I neurons of the seed network).</summary>
/// <param name="Label">Legend text.</param>
/// <param name="Start">First neuron.</param>
/// <param name="Count">Number of neurons.</param>
/// <param name="Color">Colour; a palette colour when null.</param>
public sealed record NeuronGroup(string Label, int Start, int Count, Color? Color = null);

/// <summary>
/// Figures from monitors, like BrainPy's <c>bp.visualize.raster_plot</c> / <c>line_plot</c> and Brian2's <c>plot</c>
/// helpers. Each method returns a ScottPlot <see cref="Plot"/> to adjust further and save with ScottPlot's own
/// <c>plot.Save(path, width, height)</c> (format from the extension), <c>SavePng</c> or <c>SaveSvg</c>.
/// </summary>
/// <remarks>
/// Every method takes an optional time window <c>fromMs</c> … <c>toMs</c> (a sample at time t is drawn when
/// <c>fromMs ≤ t &lt; toMs</c>; default: everything recorded), and the x axis spans that window.
/// A raster with more than <see cref="DefaultMaxRasterDots"/> spikes in the window (about what a 1200×800 figure can
/// show as separate dots) is drawn as a density image instead: spikes counted in time bins × neuron bins, one image
/// per neuron group in that group's colour, darker where more neurons fired. That draws 2 M spikes in a fraction of
/// the time of 2 M dots, and shows structure where dots would merge into a solid block.
/// </remarks>
public static class Plots
{
    /// <summary>Above this many spikes in the window, <see cref="Raster"/> draws a density image instead of dots.</summary>
    public const int DefaultMaxRasterDots = 200_000;

    /// <summary>Raster: a dot at (spike time in ms, neuron index) for every recorded spike in the window; with
    /// <paramref name="groups"/>, each group of neurons in its own colour and legend entry. With more than
    /// <paramref name="maxDots"/> spikes in the window, a density image (see the class remarks).</summary>
    /// <param name="spikes">The monitor to draw.</param>
    /// <param name="groups">Blocks of neurons with their own colour and legend text (default: all neurons, black).</param>
    /// <param name="title">Title, or null for none.</param>
    /// <param name="markerSize">Dot size in pixels.</param>
    /// <param name="fromMs">Start of the window (ms, inclusive); default the first spike.</param>
    /// <param name="toMs">End of the window (ms, exclusive); default just after the last spike.</param>
    /// <param name="maxDots">Most spikes drawn as dots; above it, the density image. 0 always draws the image.</param>
    public static Plot Raster(SpikeMonitor spikes, IReadOnlyList<NeuronGroup>? groups = null, string? title = "Raster", float markerSize = 1.5f,
        double? fromMs = null, double? toMs = null, int maxDots = DefaultMaxRasterDots)
    {
        ArgumentNullException.ThrowIfNull(spikes);
        if (maxDots < 0) throw new ArgumentOutOfRangeException(nameof(maxDots), maxDots, "Plots.Raster: maxDots must be ≥ 0.");
        groups ??= [new NeuronGroup("spikes", 0, spikes.Size, Colors.Black)];
        foreach (var g in groups)
            if (g.Start < 0 || g.Count < 0 || g.Start + g.Count > spikes.Size)
                throw new ArgumentOutOfRangeException(nameof(groups), $"Plots.Raster: group '{g.Label}' [{g.Start}, {g.Start + g.Count}) is outside the {spikes.Size} neurons.");
        var steps = spikes.Steps;
        double dt = spikes.Dt;
        var (s0, s1) = StepWindow(fromMs, toMs, dt, "Plots.Raster");
        // Spikes are in time order: the window is one contiguous range of them.
        int lo = LowerBound(steps, s0), hi = LowerBound(steps, s1);
        double left = fromMs ?? (hi > lo ? steps[lo] * dt : 0);
        double right = toMs ?? (hi > lo ? (steps[hi - 1] + 1) * dt : left + dt);

        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        if (hi - lo > maxDots)
            AddDensity(plot, spikes, groups, palette, lo, hi, left, right);
        else
            AddDots(plot, spikes, groups, palette, lo, hi, markerSize);
        if (groups.Count > 1) plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.SetLimitsX(left, right);
        plot.Axes.SetLimitsY(-0.5, spikes.Size - 0.5);
        plot.XLabel("Time (ms)");
        plot.YLabel("Neuron index");
        if (title is not null) plot.Title(title);
        return plot;
    }

    static void AddDots(Plot plot, SpikeMonitor spikes, IReadOnlyList<NeuronGroup> groups, ScottPlot.Palettes.Category10 palette, int lo, int hi, float markerSize)
    {
        var steps = spikes.Steps;
        var neurons = spikes.Neurons;
        for (int gi = 0; gi < groups.Count; gi++)
        {
            var g = groups[gi];
            int n = 0;
            for (int s = lo; s < hi; s++) if (neurons[s] >= g.Start && neurons[s] < g.Start + g.Count) n++;
            var xs = new double[n];
            var ys = new double[n];
            int k = 0;
            for (int s = lo; s < hi; s++)
                if (neurons[s] >= g.Start && neurons[s] < g.Start + g.Count) { xs[k] = steps[s] * spikes.Dt; ys[k++] = neurons[s]; }
            var sp = plot.Add.ScatterPoints(xs, ys);
            sp.MarkerSize = markerSize;
            sp.Color = g.Color ?? palette.GetColor(gi);
            sp.LegendText = g.Label;
        }
    }

    // Time bins × neuron bins, about one bin per pixel of a 1200×800 figure's data area.
    const int TimeBins = 1000, NeuronBins = 600;

    static void AddDensity(Plot plot, SpikeMonitor spikes, IReadOnlyList<NeuronGroup> groups, ScottPlot.Palettes.Category10 palette,
        int lo, int hi, double left, double right)
    {
        var steps = spikes.Steps;
        var neurons = spikes.Neurons;
        double dt = spikes.Dt;
        int windowSteps = Math.Max(1, (int)Math.Round((right - left) / dt));
        int cols = Math.Min(TimeBins, windowSteps);
        double colMs = (right - left) / cols;
        int perRow = Math.Max(1, (spikes.Size + NeuronBins - 1) / NeuronBins);   // neurons per bin
        for (int gi = 0; gi < groups.Count; gi++)
        {
            var g = groups[gi];
            var color = g.Color ?? palette.GetColor(gi);
            if (g.Count == 0) continue;
            int rows = (g.Count + perRow - 1) / perRow;
            var counts = new double[rows, cols];
            double max = 0;
            for (int s = lo; s < hi; s++)
            {
                int j = neurons[s] - g.Start;
                if ((uint)j >= (uint)g.Count) continue;
                int c = (int)((steps[s] * dt - left) / colMs);
                if ((uint)c >= (uint)cols) continue;
                int r = rows - 1 - j / perRow;                // row 0 is drawn at the top
                double v = ++counts[r, c];
                if (v > max) max = v;
            }
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < cols; c++)
                    if (counts[r, c] == 0) counts[r, c] = double.NaN;   // transparent: no spike here
            var hm = plot.Add.Heatmap(counts);
            hm.Colormap = new Shades(color);
            hm.ManualRange = new ScottPlot.Range(0, Math.Max(1, max));
            hm.NaNCellColor = Colors.Transparent;
            hm.Rectangle = new CoordinateRect(left, right, g.Start - 0.5, g.Start + rows * perRow - 0.5);
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = g.Label, FillColor = color, LineWidth = 0 });
        }
    }

    /// <summary>From a light tint of a colour (one spike in a bin) to the full colour (the busiest bin).</summary>
    sealed class Shades(Color color) : IColormap
    {
        public string Name => "SpikeSharp density";

        public Color GetColor(double position)
        {
            if (double.IsNaN(position)) return Colors.Transparent;
            double p = Math.Clamp(position, 0, 1);
            double a = 0.25 + 0.75 * Math.Sqrt(p);                      // sparse bins stay visible
            return color.WithAlpha(a);
        }
    }

    /// <summary>Raster with neurons [0, <paramref name="numExcitatory"/>) as E (blue) and the rest as I (red).</summary>
    public static Plot RasterEI(SpikeMonitor spikes, int numExcitatory, string? title = "Raster", double? fromMs = null, double? toMs = null,
        int maxDots = DefaultMaxRasterDots) =>
        Raster(spikes,
        [
            new NeuronGroup($"E (0–{numExcitatory - 1})", 0, numExcitatory, Colors.SteelBlue),
            new NeuronGroup($"I ({numExcitatory}–{spikes.Size - 1})", numExcitatory, spikes.Size - numExcitatory, Colors.Crimson),
        ], title, fromMs: fromMs, toMs: toMs, maxDots: maxDots);

    /// <summary>Population rate (Hz) per bin as a step line: each bin drawn over its whole width, the last one
    /// included; the rate axis starts at 0.</summary>
    public static Plot Rate(RateMonitor rate, string? title = "Population rate", double? fromMs = null, double? toMs = null)
    {
        ArgumentNullException.ThrowIfNull(rate);
        double[] starts = rate.BinStarts(), rates = rate.Rates();
        double binMs = rate.StepsPerBin * rate.Dt;
        var (s0, s1) = StepWindow(fromMs, toMs, rate.Dt, "Plots.Rate");
        // Bins whose start lies in the window; one more point closes the last bin at its end.
        var xs = new List<double>(starts.Length + 1);
        var ys = new List<double>(starts.Length + 1);
        double top = 0;
        for (int b = 0; b < starts.Length; b++)
        {
            long step = (long)Math.Round(starts[b] / rate.Dt);
            if (step < s0 || step >= s1) continue;
            xs.Add(starts[b]);
            ys.Add(rates[b]);
            top = Math.Max(top, rates[b]);
        }
        if (xs.Count > 0) { xs.Add(xs[^1] + binMs); ys.Add(ys[^1]); }
        var plot = new Plot();
        var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray());
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.MarkerSize = 0;
        line.LineWidth = 1.5f;
        line.Color = Colors.DarkSlateGray;
        if (xs.Count > 0) plot.Axes.SetLimitsX(fromMs ?? xs[0], toMs ?? xs[^1]);
        plot.Axes.SetLimitsY(0, top > 0 ? top * 1.05 : 1);
        plot.XLabel("Time (ms)");
        plot.YLabel($"Rate (Hz, {binMs.ToString(System.Globalization.CultureInfo.InvariantCulture)} ms bins)");
        if (title is not null) plot.Title(title);
        return plot;
    }

    /// <summary>Traces of the first <paramref name="maxTraces"/> recorded neurons of a state monitor against time (ms),
    /// within the window. Evenly sampled traces (every run continued without a gap) are drawn as ScottPlot signals,
    /// which draw one column of pixels at a time however many samples there are; others as lines through each sample.</summary>
    public static Plot Traces(StateMonitor state, int maxTraces = 5, string? title = null, string yLabel = "V (mV)", double? fromMs = null, double? toMs = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (maxTraces < 1) throw new ArgumentOutOfRangeException(nameof(maxTraces), maxTraces, "Plots.Traces: maxTraces must be ≥ 1.");
        var steps = state.Steps;
        var (s0, s1) = StepWindow(fromMs, toMs, state.Dt, "Plots.Traces");
        int lo = LowerBound(steps, s0), hi = LowerBound(steps, s1);
        bool even = true;
        for (int k = lo + 1; k < hi && even; k++) even = steps[k] - steps[k - 1] == state.Every;
        var plot = new Plot();
        int n = Math.Min(maxTraces, state.Indices.Length);
        int width = state.Indices.Length;
        var values = state.Values;
        double[]? t = null;
        if (!even)
        {
            t = new double[hi - lo];
            for (int k = lo; k < hi; k++) t[k - lo] = steps[k] * state.Dt;
        }
        for (int c = 0; c < n; c++)
        {
            var y = new double[hi - lo];
            for (int s = lo; s < hi; s++) y[s - lo] = values[s * width + c];
            if (even)
            {
                var sig = plot.Add.Signal(y, state.Every * state.Dt);
                sig.Data.XOffset = hi > lo ? steps[lo] * state.Dt : 0;
                sig.LineWidth = 1.2f;
                sig.LegendText = $"neuron {state.Indices[c]}";
            }
            else
            {
                var line = plot.Add.ScatterLine(t!, y);
                line.LineWidth = 1.2f;
                line.LegendText = $"neuron {state.Indices[c]}";
            }
        }
        if (hi > lo || fromMs is not null || toMs is not null)
        {
            double left = fromMs ?? (hi > lo ? steps[lo] * state.Dt : 0);
            double right = toMs ?? (hi > lo ? steps[hi - 1] * state.Dt : left + state.Dt);
            if (right > left) plot.Axes.SetLimitsX(left, right);
        }
        plot.ShowLegend(Alignment.UpperRight);
        plot.XLabel("Time (ms)");
        plot.YLabel(yLabel);
        plot.Title(title ?? $"{state.Name} of {n} neuron(s)");
        return plot;
    }

    // The window [fromMs, toMs) as a step range [s0, s1): step s is in it when fromMs ≤ s·dt < toMs (1e-9 step tolerance).
    static (long From, long To) StepWindow(double? fromMs, double? toMs, double dt, string who)
    {
        if (fromMs is { } f && !double.IsFinite(f)) throw new ArgumentOutOfRangeException(nameof(fromMs), f, $"{who}: fromMs must be finite.");
        if (toMs is { } t && !double.IsFinite(t)) throw new ArgumentOutOfRangeException(nameof(toMs), t, $"{who}: toMs must be finite.");
        if (fromMs is { } a && toMs is { } b && !(b > a))
            throw new ArgumentOutOfRangeException(nameof(toMs), b, $"{who}: toMs ({b}) must be after fromMs ({a}).");
        long s0 = fromMs is { } x ? (long)Math.Ceiling(x / dt - 1e-9) : long.MinValue;
        long s1 = toMs is { } y ? (long)Math.Ceiling(y / dt - 1e-9) : long.MaxValue;
        return (s0, s1);
    }

    // First index k with sorted[k] ≥ value.
    static int LowerBound(ReadOnlySpan<int> sorted, long value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
