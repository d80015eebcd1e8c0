using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using EINet;
using SpikeSharp.Plotting;
using ScottPlot.Plottables;
using Xunit;

namespace SpikeSharp.Runtime.Tests.Usage;

/// <summary>Plot files: written, valid PNG/SVG, not empty; rate bins, time windows, the density image of large rasters.</summary>
public sealed class PlotTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("spikesharp-plots-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void RasterRateAndTraces_AsPngAndSvg()
    {
        var net = new EINetwork(1);
        var runner = new Runner(net, 20f,
            [new SpikeMonitor(), new RateMonitor("rate", 1.0), new StateMonitor("V", () => net.N.V, [0, 1, 2])]);
        runner.Run(30);
        var spikes = runner.Monitor<SpikeMonitor>("spikes");
        Assert.True(spikes.Count > 100);

        var figures = new (string Name, ScottPlot.Plot Plot)[]
        {
            ("raster", Plots.Raster(spikes)),
            ("raster-ei", Plots.RasterEI(spikes, EINetwork.NumExcitatory)),
            ("rate", Plots.Rate(runner.Monitor<RateMonitor>("rate"))),
            ("traces", Plots.Traces(runner.Monitor<StateMonitor>("V"))),
        };
        foreach (var (name, plot) in figures)
        {
            string png = Path.Combine(_dir, name + ".png");
            string svg = Path.Combine(_dir, name + ".svg");
            plot.Save(png, 600, 400);
            plot.Save(svg, 600, 400);

            byte[] p = File.ReadAllBytes(png);
            Assert.True(p.Length > 2000, $"{name}.png has {p.Length} bytes");
            Assert.Equal(PngSignature, p[..8]);
            Assert.Equal("IHDR", Encoding.ASCII.GetString(p, 12, 4));
            Assert.Equal(600, p[16] << 24 | p[17] << 16 | p[18] << 8 | p[19]);   // width, big-endian
            Assert.Equal(400, p[20] << 24 | p[21] << 16 | p[22] << 8 | p[23]);   // height

            var root = XDocument.Load(svg).Root!;
            Assert.Equal("svg", root.Name.LocalName);
            Assert.True(root.DescendantNodes().GetEnumerator().MoveNext(), $"{name}.svg is empty");
            Assert.Contains("Time (ms)", File.ReadAllText(svg));
        }

        // The E/I raster draws two series, the default one.
        Assert.Equal(2, figures[1].Plot.GetPlottables().Count());
        Assert.Single(figures[0].Plot.GetPlottables());
        Assert.Throws<ArgumentOutOfRangeException>(() => Plots.Raster(spikes, [new NeuronGroup("bad", 3990, 20)]));
    }

    static Runner SmallRun(out EINetwork net, double ms = 30)
    {
        var n = new EINetwork(1);
        net = n;
        var runner = new Runner(n, 20f,
            [new SpikeMonitor(), new RateMonitor("rate", 1.0), new StateMonitor("V", () => n.N.V, [0, 1, 2])]);
        runner.Run(ms);
        return runner;
    }

    [Fact]
    public void Rate_DrawsTheLastBinOverItsWidth_AndTheAxisStartsAtZero()
    {
        var runner = SmallRun(out _);
        var rate = runner.Monitor<RateMonitor>("rate");
        Assert.Equal(30, rate.BinCount);
        var plot = Plots.Rate(rate);
        var line = Assert.IsType<Scatter>(Assert.Single(plot.GetPlottables()));
        var points = line.Data.GetScatterPoints();
        Assert.Equal(31, points.Count);                            // 30 bin starts + the end of the last bin
        Assert.Equal(30.0, points[^1].X, 9);
        Assert.Equal(rate.Rates()[^1], points[^1].Y, 9);          // the last bin keeps its own height
        plot.GetImage(600, 400);                                   // render: autoscaling would put margins below 0
        var limits = plot.Axes.GetLimits();
        Assert.Equal(0, limits.Bottom);
        Assert.True(limits.Top >= rate.Rates().Max());
        Assert.Equal(30.0, limits.Right, 9);

        var window = Plots.Rate(rate, fromMs: 10, toMs: 20);
        var wp = ((Scatter)window.GetPlottables().Single()).Data.GetScatterPoints();
        Assert.Equal(11, wp.Count);
        Assert.Equal(10.0, wp[0].X, 9);
        Assert.Equal(20.0, wp[^1].X, 9);
    }

    [Fact]
    public void RasterAndTraces_RespectTheTimeWindow()
    {
        var runner = SmallRun(out _);
        var spikes = runner.Monitor<SpikeMonitor>("spikes");
        int inWindow = spikes.Times().Count(t => t >= 10 - 1e-9 && t < 20 - 1e-9);
        Assert.True(inWindow > 0 && inWindow < spikes.Count);

        var raster = Plots.RasterEI(spikes, EINetwork.NumExcitatory, fromMs: 10, toMs: 20);
        var dots = raster.GetPlottables().Cast<Scatter>().SelectMany(s => s.Data.GetScatterPoints()).ToList();
        Assert.Equal(inWindow, dots.Count);
        Assert.All(dots, d => Assert.InRange(d.X, 10 - 1e-9, 20 - 1e-9));
        var limits = raster.Axes.GetLimits();
        Assert.Equal(10.0, limits.Left, 9);
        Assert.Equal(20.0, limits.Right, 9);

        var state = runner.Monitor<StateMonitor>("V");
        var traces = Plots.Traces(state, fromMs: 10, toMs: 20);
        var signals = traces.GetPlottables().Cast<Signal>().ToList();   // evenly sampled: ScottPlot signals
        Assert.Equal(3, signals.Count);
        Assert.All(signals, s =>
        {
            Assert.Equal(100, s.Data.GetYs().Count);                    // steps 100 … 199
            Assert.Equal(10.0, s.Data.XOffset, 9);
            Assert.Equal(0.1, s.Data.Period, 9);
        });
        Assert.Equal((double)state.Trace(1)[100], signals[1].Data.GetYs()[0]);
        Assert.Equal(10.0, traces.Axes.GetLimits().Left, 9);

        Assert.Throws<ArgumentOutOfRangeException>(() => Plots.Raster(spikes, fromMs: 20, toMs: 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Plots.Traces(state, toMs: double.NaN));
    }

    /// <summary>Fires 10 of 4000 neurons each step (a fixed pattern), so a long raster costs no simulation.</summary>
    sealed class TenPerStep : ISpikingNetwork
    {
        readonly int[] _buf = new int[10];
        int _step;
        public int Size => 4000;
        public double Dt => 0.1;
        public Spikes Update(float input)
        {
            for (int k = 0; k < 10; k++) _buf[k] = k * 400 + (_step * 37 + k * 101) % 400;
            _step++;
            return new Spikes(_buf, 4000);
        }
    }

    [Fact]
    public void LargeRaster_IsDrawnAsADensityImage_ThatCountsEverySpike()
    {
        var runner = new Runner(new TenPerStep(), monitors: [new SpikeMonitor()]);
        runner.RunSteps(25_000);                                    // 250 000 spikes, over the dot limit
        var spikes = runner.Monitor<SpikeMonitor>("spikes");
        Assert.True(spikes.Count > Plots.DefaultMaxRasterDots);

        var plot = Plots.RasterEI(spikes, 3200);
        var images = plot.GetPlottables().Cast<Heatmap>().ToList();   // no scatter of 250 000 dots
        Assert.Equal(2, images.Count);
        double Sum(Heatmap h) { double s = 0; foreach (double v in h.Intensities) if (!double.IsNaN(v)) s += v; return s; }
        int e = 0;
        foreach (int j in spikes.Neurons) if (j < 3200) e++;
        Assert.Equal(e, Sum(images[0]));
        Assert.Equal(spikes.Count - e, Sum(images[1]));
        Assert.Equal(2, plot.Legend.ManualItems.Count);
        string png = Path.Combine(_dir, "dense.png");
        plot.SavePng(png, 600, 400);
        Assert.True(new FileInfo(png).Length > 2000);

        // Below the limit (or with a higher one) the same monitor is drawn as dots; a window of it too.
        Assert.All(Plots.Raster(spikes, maxDots: 300_000).GetPlottables(), p => Assert.IsType<Scatter>(p));
        Assert.All(Plots.Raster(spikes, fromMs: 0, toMs: 100).GetPlottables(), p => Assert.IsType<Scatter>(p));
        Assert.All(Plots.Raster(spikes, fromMs: 0, toMs: 100, maxDots: 0).GetPlottables(), p => Assert.IsType<Heatmap>(p));
    }
}
