using System;
using SpikeSharp;

namespace EINet;

/// <summary>Raster plot of recorded spikes, time in ms, E neurons blue and I neurons red.</summary>
static class Raster
{
    public static void Save(SpikeMonitor rec, double dt, int numExcitatory, string path)
    {
        var plt = new ScottPlot.Plot();
        int nE = 0;
        foreach (int j in rec.Neurons) if (j < numExcitatory) nE++;
        double[] xE = new double[nE], yE = new double[nE], xI = new double[rec.Count - nE], yI = new double[rec.Count - nE];
        int a = 0, b = 0;
        var steps = rec.Steps;
        var neurons = rec.Neurons;
        for (int k = 0; k < rec.Count; k++)
        {
            if (neurons[k] < numExcitatory) { xE[a] = steps[k] * dt; yE[a++] = neurons[k]; }
            else { xI[b] = steps[k] * dt; yI[b++] = neurons[k]; }
        }
        var e = plt.Add.ScatterPoints(xE, yE);
        e.MarkerSize = 1.5f;
        e.Color = ScottPlot.Colors.SteelBlue;
        e.LegendText = "E (0–" + (numExcitatory - 1) + ")";
        var i = plt.Add.ScatterPoints(xI, yI);
        i.MarkerSize = 1.5f;
        i.Color = ScottPlot.Colors.Crimson;
        i.LegendText = "I";
        plt.XLabel("Time (ms)");
        plt.YLabel("Neuron index");
        plt.Title("EINet raster");
        plt.Axes.SetLimitsY(-10, rec.Size + 10);
        plt.SavePng(path, 1200, 800);
    }
}
