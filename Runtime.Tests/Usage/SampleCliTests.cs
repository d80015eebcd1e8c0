using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using EINet;
using Xunit;

namespace SpikeSharp.Runtime.Tests.Usage;

/// <summary>The EINet sample's command line (samples/EINet/Cli.cs, compiled in here) and its progress under a real
/// pseudo-terminal.</summary>
public class SampleCliTests
{
    static (EINetOptions? Options, int Exit, string Out, string Err) Parse(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var opts = Cli.Parse(args, o, e, out int exit);
        return (opts, exit, o.ToString(), e.ToString());
    }

    [Fact]
    public void NoArguments_AreTheDefaults_AndWriteRasterPng()
    {
        var (o, exit, _, err) = Parse();
        Assert.NotNull(o);
        Assert.Equal(0, exit);
        Assert.Equal("", err);
        Assert.Equal(1000, o.StepsAt(0.1));
        Assert.Equal(1UL, o.Seed);
        Assert.Equal(20f, o.Input);
        Assert.Equal("raster.png", o.Out);
        Assert.Equal("raster.rate.png", o.RatePath);
        Assert.Equal("raster.v.png", o.VPath);
        Assert.Null(o.Npz);
        Assert.False(o.Quiet || o.Json);
        Assert.Equal(0, o.Threads);
    }

    [Theory]
    [InlineData("--steps=100", 100)]
    [InlineData("--steps 100", 100)]
    [InlineData("--steps 1e4", 10_000)]
    [InlineData("--steps 10_000", 10_000)]
    [InlineData("-n 7", 7)]
    [InlineData("--duration 250", 2500)]
    [InlineData("--duration=0.3", 3)]          // 0.3 / 0.1 is 2.999…: whole steps with the runner's tolerance
    public void StepsOrDuration(string args, int steps)
    {
        var (o, exit, _, err) = Parse(args.Split(' '));
        Assert.True(o is not null, err);
        Assert.Equal(0, exit);
        Assert.Equal(steps, o.StepsAt(0.1));
    }

    [Theory]
    [InlineData("--steps 1.5", "--steps", "'1.5'")]
    [InlineData("--steps abc", "--steps", "'abc'")]
    [InlineData("--steps -3", "--steps", "'-3'")]
    [InlineData("--steps 1e12", "--steps", "'1e12'")]
    [InlineData("--duration x", "--duration", "'x'")]
    [InlineData("--duration -1", "--duration", "'-1'")]
    [InlineData("--seed -1", "--seed", "'-1'")]
    [InlineData("--input 1,5", "--input", "'1,5'")]
    [InlineData("--out a/b.bmp", "--out", "'a/b.bmp'")]
    [InlineData("--out .png", "--out", "'.png'")]
    [InlineData("--npz data.csv", "--npz", "'data.csv'")]
    [InlineData("--threads 65", "--threads", "65")]
    [InlineData("--steps 10 --duration 5", "--steps", "--duration")]
    [InlineData("--bogus", "'--bogus'", "Unrecognized")]
    public void BadArguments_FailWithExit2_NamingTheOptionAndTheValue(string args, string name, string value)
    {
        var (o, exit, _, err) = Parse(args.Split(' '));
        Assert.Null(o);
        Assert.Equal(2, exit);
        Assert.Contains(name, err);
        Assert.Contains(value, err);
        Assert.Contains("see --help", err);
    }

    [Fact]
    public void Out_NamesEveryFigureFromItsStem_SoRunsDoNotOverwriteEachOther()
    {
        var (o, _, _, _) = Parse("--out", Path.Combine("a", "run1.svg"), "--npz", "a/run1.npz", "--seed", "7", "--input", "12.5", "-q", "--json", "--threads", "2");
        Assert.NotNull(o);
        Assert.Equal(Path.Combine("a", "run1.svg"), o.Out);
        Assert.Equal(Path.Combine("a", "run1.rate.svg"), o.RatePath);
        Assert.Equal(Path.Combine("a", "run1.v.svg"), o.VPath);
        Assert.Equal("a/run1.npz", o.Npz);
        Assert.Equal(7UL, o.Seed);
        Assert.Equal(12.5f, o.Input);
        Assert.True(o.Quiet && o.Json);
        Assert.Equal(2, o.Threads);
        var (none, _, _, _) = Parse("--out", "NONE");
        Assert.Null(none!.Out);
        Assert.Null(none.RatePath);
    }

    [Fact]
    public void Help_ListsEveryOption_AndExits0()
    {
        var (o, exit, text, _) = Parse("--help");
        Assert.Null(o);
        Assert.Equal(0, exit);
        foreach (var opt in new[] { "--steps", "--duration", "--seed", "--input", "--out", "--npz", "--quiet", "--json", "--threads", "--help" })
            Assert.Contains(opt, text);
        Assert.Contains("run1.rate.png", text);
    }

    /// <summary>Runs the built sample under <c>script</c> (util-linux; Debian's essential bsdutils), which gives it a
    /// real pseudo-terminal: Console.IsOutputRedirected is false there, so the library's report draws its bar with
    /// carriage returns and ends with the summary line.</summary>
    [Fact]
    public void UnderAPseudoTerminal_TheSampleDrawsABarInPlace()
    {
        Assert.True(File.Exists("/usr/bin/script"), "util-linux 'script' is needed to give the sample a pseudo-terminal");
        string tfmDir = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        string tfm = Path.GetFileName(tfmDir), config = Path.GetFileName(Path.GetDirectoryName(tfmDir))!;
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Dsl.sln"))) root = root.Parent;
        Assert.NotNull(root);
        string dll = Path.Combine(root.FullName, "samples", "EINet", "bin", config, tfm, "EINet.dll");
        Assert.True(File.Exists(dll), $"{dll} not built");

        var psi = new ProcessStartInfo("/usr/bin/script") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-qec", $"dotnet '{dll}' --steps 3000 --out none", "/dev/null" }) psi.ArgumentList.Add(a);
        psi.Environment["TERM"] = "xterm";
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        string err = p.StandardError.ReadToEnd();
        Assert.True(p.WaitForExit(60_000), "the sample did not finish in 60 s");
        Assert.True(p.ExitCode == 0, $"exit {p.ExitCode}: {err}\n{output}");

        Assert.Contains("\r[", output);                                  // the bar, redrawn from column 0
        Assert.Contains("steps/s  elapsed ", output);
        Assert.Contains("remaining ", output);
        Assert.DoesNotContain("10.0%  300/3,000 steps", output);        // not the redirected form
        var lines = output.Replace("\r\n", "\n").Split('\n');
        string summary = lines.First(l => l.Contains("done: 3,000 steps"));
        Assert.EndsWith("in " + summary.Split(" in ")[^1], summary);
        Assert.Contains("EINet: 4000 neurons, 3000 steps", output);
    }
}
