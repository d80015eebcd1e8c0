using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using EINet;
using SpikeSharp.Plotting;
using Xunit;

namespace SpikeSharp.Runtime.Tests.Usage;

/// <summary>Plot files: written, valid PNG/SVG, not empty.</summary>
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
        Assert.Throws<ArgumentException>(() => figures[0].Plot.Save(Path.Combine(_dir, "x.bmp")));
        Assert.Throws<ArgumentOutOfRangeException>(() => Plots.Raster(spikes, [new NeuronGroup("bad", 3990, 20)]));
    }
}
