using System;
using System.Collections.Generic;
using System.Linq;
using EINet;
using Xunit;

namespace SpikeSharp.Runtime.Tests.Usage;

/// <summary>Monitor contents against a direct recording of the same seed, stepped by hand.</summary>
public class MonitorTests
{
    [Fact]
    public void Monitors_MatchADirectRecording()
    {
        int[] subset = [3999, 0, 5, 3200, 1234];
        int[] traced = [0, 5, 3999];
        var net = new EINetwork(7);
        var runner = new Runner(net, Inputs.Section([20f, 15f], [30, 70]),
        [
            new SpikeMonitor("all"),
            new SpikeMonitor("subset", indices: subset),
            new SpikeMonitor("viaSource", () => net.N.Spike),
            new StateMonitor("V", () => net.N.V, indices: traced, every: 3),
            new RateMonitor("rate", binMs: 1.0),
        ]);
        runner.Run(40);
        runner.Run(60);

        // Direct recording: the same network stepped by hand.
        var direct = new EINetwork(7);
        var steps = new List<int>();
        var neurons = new List<int>();
        var vRows = new List<float[]>();
        var vSteps = new List<int>();
        var perBin = new int[100];
        for (int i = 0; i < 1000; i++)
        {
            var spk = direct.Update(i < 300 ? 20f : 15f);
            foreach (int j in spk) { steps.Add(i); neurons.Add(j); }
            perBin[i / 10] += spk.Count;
            if (i % 3 == 0) { vSteps.Add(i); vRows.Add(traced.Select(j => direct.N.V[j]).ToArray()); }
        }

        var all = runner.Monitor<SpikeMonitor>("all");
        Assert.Equal(steps, all.Steps.ToArray());
        Assert.Equal(neurons, all.Neurons.ToArray());
        Assert.Equal(all.Steps.ToArray(), runner.Monitor<SpikeMonitor>("viaSource").Steps.ToArray());
        Assert.Equal(all.Neurons.ToArray(), runner.Monitor<SpikeMonitor>("viaSource").Neurons.ToArray());
        Assert.Equal(steps.Select(s => s * 0.1).ToArray(), all.Times());

        var sub = runner.Monitor<SpikeMonitor>("subset");
        var keep = new HashSet<int>(subset);
        var expectedSub = Enumerable.Range(0, steps.Count).Where(k => keep.Contains(neurons[k])).ToArray();
        Assert.True(expectedSub.Length > 0);
        Assert.Equal(expectedSub.Select(k => steps[k]).ToArray(), sub.Steps.ToArray());
        Assert.Equal(expectedSub.Select(k => neurons[k]).ToArray(), sub.Neurons.ToArray());
        Assert.Equal(new[] { 0, 5, 1234, 3200, 3999 }, sub.RecordedIndices.ToArray());

        var v = runner.Monitor<StateMonitor>("V");
        Assert.Equal(vSteps, v.Steps.ToArray());
        Assert.Equal(334, v.Count);
        Assert.Equal(RunnerTests.Bits(vRows.SelectMany(r => r).ToArray()), RunnerTests.Bits(v.Values));
        Assert.Equal(RunnerTests.Bits(vRows.Select(r => r[2]).ToArray()), RunnerTests.Bits(v.Trace(2)));
        Assert.Equal(traced, v.Indices.ToArray());

        var rate = runner.Monitor<RateMonitor>("rate");
        Assert.Equal(perBin, rate.Counts.ToArray());
        double[] hz = rate.Rates();
        for (int b = 0; b < 100; b++) Assert.Equal(perBin[b] / (4000 * 1e-3), hz[b], 9);
        Assert.Equal(0.0, rate.BinStarts()[0]);
        Assert.Equal(99.0, rate.BinStarts()[99], 9);
    }

    [Fact]
    public void RateMonitor_PartialLastBin_UsesTheStepsItCovers()
    {
        var net = new EINetwork(1);
        var runner = new Runner(net, 20f, [new RateMonitor("r", binMs: 1.0), new SpikeMonitor()]);
        runner.RunSteps(25);
        var r = runner.Monitor<RateMonitor>("r");
        Assert.Equal(3, r.BinCount);
        var spikes = runner.Monitor<SpikeMonitor>("spikes");
        int lastBin = spikes.Steps.ToArray().Count(s => s >= 20);
        Assert.Equal(lastBin, r.Counts[2]);
        Assert.Equal(lastBin / (4000 * 0.5e-3), r.Rates()[2], 9);
    }

    [Fact]
    public void Clear_ReleasesBuffers_AndRecordingRestartsAtTheCurrentStep()
    {
        var net = new EINetwork(1);
        var runner = new Runner(net, 20f, [new SpikeMonitor(), new RateMonitor("r", 1.0), new StateMonitor("V", () => net.N.V, [0])]);
        runner.RunSteps(50);
        foreach (var m in runner.Monitors) m.Clear();
        Assert.Equal(0, runner.MonitorBytes);
        runner.RunSteps(20);
        Assert.All(runner.Monitor<SpikeMonitor>("spikes").Steps.ToArray(), s => Assert.InRange(s, 50, 69));
        Assert.Equal(5.0, runner.Monitor<RateMonitor>("r").BinStarts()[0], 9);   // step 50 = 5 ms
        Assert.Equal(2, runner.Monitor<RateMonitor>("r").BinCount);
        Assert.Equal(50, runner.Monitor<StateMonitor>("V").Steps[0]);
    }
}
