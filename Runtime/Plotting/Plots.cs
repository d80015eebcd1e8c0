using System;
using System.Collections.Generic;
using System.IO;
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
/// helpers. Each method returns a ScottPlot <see cref="Plot"/> to adjust further; <see cref="Save"/> writes PNG or SVG.
/// </summary>
public static class Plots
{
    /// <summary>Raster: a dot at (spike time in ms, neuron index) for every recorded spike; with
    /// <paramref name="groups"/>, each group of neurons in its own colour and legend entry.</summary>
    public static Plot Raster(SpikeMonitor spikes, IReadOnlyList<NeuronGroup>? groups = null, string? title = "Raster", float markerSize = 1.5f)
    {
        ArgumentNullException.ThrowIfNull(spikes);
        groups ??= [new NeuronGroup("spikes", 0, spikes.Size, Colors.Black)];
        foreach (var g in groups)
            if (g.Start < 0 || g.Count < 0 || g.Start + g.Count > spikes.Size)
                throw new ArgumentOutOfRangeException(nameof(groups), $"Plots.Raster: group '{g.Label}' [{g.Start}, {g.Start + g.Count}) is outside the {spikes.Size} neurons.");
        var plot = new Plot();
        var steps = spikes.Steps;
        var neurons = spikes.Neurons;
        var palette = new ScottPlot.Palettes.Category10();
        for (int gi = 0; gi < groups.Count; gi++)
        {
            var g = groups[gi];
            int n = 0;
            foreach (int j in neurons) if (j >= g.Start && j < g.Start + g.Count) n++;
            var xs = new double[n];
            var ys = new double[n];
            int k = 0;
            for (int s = 0; s < neurons.Length; s++)
                if (neurons[s] >= g.Start && neurons[s] < g.Start + g.Count) { xs[k] = steps[s] * spikes.Dt; ys[k++] = neurons[s]; }
            var sp = plot.Add.ScatterPoints(xs, ys);
            sp.MarkerSize = markerSize;
            sp.Color = g.Color ?? palette.GetColor(gi);
            sp.LegendText = g.Label;
        }
        if (groups.Count > 1) plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.SetLimitsY(-0.5, spikes.Size - 0.5);
        plot.XLabel("Time (ms)");
        plot.YLabel("Neuron index");
        if (title is not null) plot.Title(title);
        return plot;
    }

    /// <summary>Raster with neurons [0, <paramref name="numExcitatory"/>) as E (blue) and the rest as I (red).</summary>
    public static Plot RasterEI(SpikeMonitor spikes, int numExcitatory, string? title = "Raster") =>
        Raster(spikes,
        [
            new NeuronGroup($"E (0–{numExcitatory - 1})", 0, numExcitatory, Colors.SteelBlue),
            new NeuronGroup($"I ({numExcitatory}–{spikes.Size - 1})", numExcitatory, spikes.Size - numExcitatory, Colors.Crimson),
        ], title);

    /// <summary>Population rate (Hz) per bin against the bin's start time (ms), as a step line.</summary>
    public static Plot Rate(RateMonitor rate, string? title = "Population rate")
    {
        ArgumentNullException.ThrowIfNull(rate);
        var plot = new Plot();
        var line = plot.Add.Scatter(rate.BinStarts(), rate.Rates());
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.MarkerSize = 0;
        line.LineWidth = 1.5f;
        line.Color = Colors.DarkSlateGray;
        plot.XLabel("Time (ms)");
        plot.YLabel($"Rate (Hz, {rate.BinMs.ToString(System.Globalization.CultureInfo.InvariantCulture)} ms bins)");
        if (title is not null) plot.Title(title);
        return plot;
    }

    /// <summary>Traces of the first <paramref name="maxTraces"/> recorded neurons of a state monitor against time (ms).</summary>
    public static Plot Traces(StateMonitor state, int maxTraces = 5, string? title = null, string yLabel = "V (mV)")
    {
        ArgumentNullException.ThrowIfNull(state);
        if (maxTraces < 1) throw new ArgumentOutOfRangeException(nameof(maxTraces), maxTraces, "Plots.Traces: maxTraces must be ≥ 1.");
        var plot = new Plot();
        double[] t = state.Times();
        int n = Math.Min(maxTraces, state.Indices.Length);
        for (int c = 0; c < n; c++)
        {
            float[] v = state.Trace(c);
            var y = new double[v.Length];
            for (int s = 0; s < v.Length; s++) y[s] = v[s];
            var line = plot.Add.ScatterLine(t, y);
            line.LineWidth = 1.2f;
            line.LegendText = $"neuron {state.Indices[c]}";
        }
        plot.ShowLegend(Alignment.UpperRight);
        plot.XLabel("Time (ms)");
        plot.YLabel(yLabel);
        plot.Title(title ?? $"{state.Name} of {n} neuron(s)");
        return plot;
    }

    /// <summary>Saves <paramref name="plot"/> as PNG or SVG, chosen by the extension of <paramref name="path"/>.</summary>
    public static void Save(this Plot plot, string path, int width = 1200, int height = 800)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"Plots.Save: size {width}×{height} must be positive.");
        string ext = Path.GetExtension(path).ToLowerInvariant();
        switch (ext)
        {
            case ".png": plot.SavePng(path, width, height); break;
            case ".svg": plot.SaveSvg(path, width, height); break;
            default: throw new ArgumentException($"Plots.Save: '{path}' must end in .png or .svg.", nameof(path));
        }
    }
}
