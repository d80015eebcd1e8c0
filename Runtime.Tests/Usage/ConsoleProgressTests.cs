using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace SpikeSharp.Runtime.Tests.Usage;

/// <summary>The library's progress report: plain lines when redirected, an in-place bar on a terminal, a summary, phases.</summary>
public class ConsoleProgressTests
{
    /// <summary>Steps nothing, fires nothing: the runner's loop at its cheapest.</summary>
    sealed class Idle : ISpikingNetwork
    {
        public int Size => 1;
        public double Dt => 0.1;
        public Spikes Update(float input) => Spikes.None(1);
    }

    [Fact]
    public void Redirected_PrintsALineAboutEvery10Percent_WithLabels_ThenASummary()
    {
        var w = new StringWriter();
        var runner = new Runner(new Idle());
        var progress = new ConsoleProgress(runner, w);       // a StringWriter is not a terminal
        Assert.False(progress.Interactive);
        runner.RunSteps(1000, progress);

        string[] lines = w.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain('\r', w.ToString().Replace(Environment.NewLine, "\n"));
        Assert.Equal(10, lines.Length);                      // 10 %, 20 %, … 90 %, then the summary
        for (int k = 0; k < 9; k++)
        {
            Assert.StartsWith($"{(k + 1) * 10}.0%", lines[k]);
            Assert.Contains($"{(k + 1) * 100:N0}/1,000 steps", lines[k]);
            Assert.Matches(@"sim \d+\.\d ms", lines[k]);
            Assert.Contains(" steps/s", lines[k]);
            Assert.Contains("elapsed ", lines[k]);
            Assert.Contains("remaining ", lines[k]);
        }
        Assert.Matches(@"^done: 1,000 steps \(100\.0 ms simulated, now at 100\.0 ms\) in \d+\.\d+ s, [\d,]+ steps/s$", lines[9]);

        // A second run through the same report starts its own count and says where the runner is now.
        w.GetStringBuilder().Clear();
        runner.RunSteps(50, progress);
        string[] second = w.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, second.Length);
        Assert.StartsWith("10.0%  5/50 steps  sim 100.5 ms", second[0]);
        Assert.StartsWith("done: 50 steps (5.0 ms simulated, now at 105.0 ms)", second[9]);
    }

    [Fact]
    public void Interactive_RedrawsOneLineWithCarriageReturns_ThrottledByRunTime()
    {
        var w = new StringWriter();
        var progress = new ConsoleProgress(0.1, w, interactive: true) { RedrawInterval = TimeSpan.FromMilliseconds(100) };
        // 200 progress points 10 ms apart: 2 s of run, so about 20 redraws, not 200.
        for (int k = 1; k <= 200; k++)
            progress.Report(new RunProgress(k * 50, 10_000, k * 50, TimeSpan.FromMilliseconds(10 * k)));

        string s = w.ToString();
        int redraws = s.Count(c => c == '\r');
        Assert.Equal(22, redraws);                           // 20 bars, then "\r" + blanks + "\r" before the summary
        Assert.Single(Regex.Matches(s, Regex.Escape(Environment.NewLine))); // only the summary ends a line
        string last = s.Split('\r').Last(part => part.Contains('['));
        Assert.StartsWith("[###################.] 95.5%  9,550/10,000 steps  sim 955.0 ms  5,000 steps/s  elapsed 1.91 s  remaining 0.09 s", last);
        Assert.EndsWith("done: 10,000 steps (1,000.0 ms simulated, now at 1,000.0 ms) in 2.00 s, 5,000 steps/s" + Environment.NewLine, s);
        Assert.Equal(21, progress.Writes);                   // 20 bars + 1 summary

        // A shorter bar after a longer one is blanked to the old length, so nothing of the old line remains.
        var w2 = new StringWriter();
        var p2 = new ConsoleProgress(0.1, w2, interactive: true) { RedrawInterval = TimeSpan.Zero, Width = 40 };
        p2.Report(new RunProgress(1, 100, 1, TimeSpan.FromSeconds(1)));
        Assert.Equal(41, w2.ToString().Length);              // '\r' + the line cut to Width
    }

    [Fact]
    public void Interactive_RealRun_EndsWithTheSummaryOnItsOwnLine()
    {
        var w = new StringWriter();
        var runner = new Runner(new Idle()) { ProgressReports = 100 };
        runner.RunSteps(20_000, new ConsoleProgress(runner, w, interactive: true) { RedrawInterval = TimeSpan.Zero });
        string s = w.ToString();
        Assert.True(s.Count(c => c == '\r') >= 100, "every progress point redraws with a zero interval");
        string afterLastCr = s[(s.LastIndexOf('\r') + 1)..];
        Assert.Matches(@"^done: 20,000 steps \(2,000\.0 ms simulated, now at 2,000\.0 ms\) in [\d.]+ s, [\d,]+ steps/s\r?\n$", afterLastCr);
    }

    [Fact]
    public void Phase_ReportsWhatAndHowLong_AndReturnsTheResult()
    {
        var w = new StringWriter();
        var progress = new ConsoleProgress(0.1, w);
        int r = progress.Phase("wrote raster.png", () => { System.Threading.Thread.Sleep(20); return 42; });
        Assert.Equal(42, r);
        var wall = progress.Phase("saved run.npz", () => { });
        Assert.True(wall >= TimeSpan.Zero);
        string[] lines = w.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        var m = Regex.Match(lines[0], @"^wrote raster\.png in (\d+\.\d\d) s$");
        Assert.True(m.Success, lines[0]);
        Assert.True(double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 0.02);
        Assert.Matches(@"^saved run\.npz in 0\.\d\d s$", lines[1]);

        // Long phases read as minutes.
        var w2 = new StringWriter();
        new ConsoleProgress(0.1, w2).ReportPhase("x", TimeSpan.FromSeconds(3725));
        Assert.Equal("x in 1:02:05" + Environment.NewLine, w2.ToString());
    }

    [Fact]
    public void Report_AllocatesNothing_InEitherMode()
    {
        foreach (bool interactive in new[] { false, true })
        {
            var progress = new ConsoleProgress(0.1, TextWriter.Null, interactive) { RedrawInterval = TimeSpan.Zero };
            int total = 1_000_000, k = 0;
            AllocationAssert.ZeroInSteadyState(() =>
            {
                for (int j = 0; j < 100; j++, k++)
                    progress.Report(new RunProgress(k % total + 1, total, k, TimeSpan.FromMilliseconds(k)));
            });
        }
    }

    [Fact]
    public void BadArguments_NameTheParameter()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ConsoleProgress(0.0, TextWriter.Null));
        Assert.Equal("dtMs", e.ParamName);
        Assert.Throws<ArgumentNullException>(() => new ConsoleProgress((Runner)null!));
    }
}
