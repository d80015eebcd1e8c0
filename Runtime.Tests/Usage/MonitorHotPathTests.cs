using System.Linq;
using System.Reflection;
using EINet;
using Xunit;

namespace SpikeSharp.Runtime.Tests.Usage;

/// <summary>The per-step code of the runner and the monitors (issue 9, item 3: monitoring cost 30 % in the sample).</summary>
public class MonitorHotPathTests
{
    // A default project runs tier-0 code for about the first 100 ms of each method; a 10 000-step run of the seed network
    // takes about that long, so the runner's loop and the monitors' Record ran unoptimised for most of it (and, with
    // tiering off, were compiled inside the first step). They are compiled fully optimised once, when a runner is built.
    [Fact]
    public void StepLoopAndEveryRecord_AreAggressivelyOptimised()
    {
        var flags = BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        var loop = typeof(Runner).GetMethod("StepLoop", flags);
        Assert.NotNull(loop);
        Assert.True(loop!.MethodImplementationFlags.HasFlag(MethodImplAttributes.AggressiveOptimization), "Runner.StepLoop");
        var monitorTypes = typeof(Monitor).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Monitor)) && !t.IsAbstract).ToArray();
        Assert.Equal(3, monitorTypes.Length); // SpikeMonitor, StateMonitor, RateMonitor: a new monitor must be added here
        foreach (var t in monitorTypes)
        {
            var record = t.GetMethod("Record", flags);
            Assert.NotNull(record);
            Assert.True(record!.MethodImplementationFlags.HasFlag(MethodImplAttributes.AggressiveOptimization), $"{t.Name}.Record");
        }
    }

    // RateMonitor finds the bin of a step without a division per step; bins must still follow the origin across runs
    // of any length and a Clear() at a step that is not a bin boundary.
    [Fact]
    public void RateMonitor_BinsAcrossOddRunsAndAnUnalignedClear_MatchTheSpikeTrain()
    {
        var net = new EINetwork(3);
        var rate = new RateMonitor("r", binMs: 0.3); // 3 steps per bin
        var runner = new Runner(net, 20f, [new SpikeMonitor(), rate, new StateMonitor("V", () => net.N.V, [1, 3999], every: 4)]);
        foreach (int n in new[] { 7, 13, 1, 2 }) runner.RunSteps(n);   // steps 0–22
        rate.Clear();                                                   // bins restart at step 23
        foreach (int n in new[] { 5, 1, 1, 17, 3 }) runner.RunSteps(n); // steps 23–49

        var steps = runner.Monitor<SpikeMonitor>("spikes").Steps.ToArray();
        var expected = new int[(27 + 2) / 3];
        foreach (int s in steps) if (s >= 23) expected[(s - 23) / 3]++;
        Assert.True(expected.Sum() > 0);
        Assert.Equal(expected, rate.Counts.ToArray());
        Assert.Equal(2.3, rate.BinStarts()[0], 9);

        var v = runner.Monitor<StateMonitor>("V");
        Assert.Equal(Enumerable.Range(0, 50).Where(s => s % 4 == 0).ToArray(), v.Steps.ToArray());
    }
}
