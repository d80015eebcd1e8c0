using System;
using System.Collections.Generic;
using System.Linq;
using EINet;
using Xunit;

namespace SpikeSharp.Runtime.Tests.Usage;

/// <summary>The DSRunner analogue: continuation, durations, progress, memory bounds, allocation-free loop.</summary>
public class RunnerTests
{
    static Runner SeedRunner(ulong seed, out EINetwork net, long limit = Runner.DefaultMemoryLimitBytes)
    {
        var n = new EINetwork(seed);
        net = n;
        return new Runner(n, Inputs.Constant(20f),
        [
            new SpikeMonitor("spikes"),
            new StateMonitor("V", () => n.N.V, indices: [0, 17, 3199, 3200, 3999]),
            new RateMonitor("rate", binMs: 1.0),
        ], limit);
    }

    [Fact]
    public void RunProgress_Remaining_IsDefinedWhenNoWallTimeHasPassed()
    {
        // Used to overflow TimeSpan (steps left / 1e-12 steps per second) when a report came before the clock moved.
        Assert.Null(new RunProgress(5, 100, 5, TimeSpan.Zero).Remaining);
        Assert.Null(new RunProgress(0, 100, 0, TimeSpan.FromSeconds(1)).Remaining);
        Assert.Equal(TimeSpan.Zero, new RunProgress(100, 100, 100, TimeSpan.Zero).Remaining);
        Assert.Equal(TimeSpan.FromSeconds(3), new RunProgress(25, 100, 25, TimeSpan.FromSeconds(1)).Remaining);
        Assert.Equal(TimeSpan.MaxValue, new RunProgress(1, int.MaxValue, 1, TimeSpan.FromDays(3650)).Remaining);
    }

    [Fact]
    public void TwoRunsOf500Steps_EqualOneRunOf1000_BitForBit()
    {
        var split = SeedRunner(4, out var a);
        var r1 = split.RunSteps(500);
        var r2 = split.RunSteps(500);
        var whole = SeedRunner(4, out var b);
        whole.RunSteps(1000);

        Assert.Equal(0, r1.StartStep);
        Assert.Equal(500, r2.StartStep);
        Assert.Equal(1000, split.StepIndex);
        Assert.Equal(100.0, split.Time, 9);
        Assert.Equal(1000, a.N.StepIndex);

        var sa = split.Monitor<SpikeMonitor>("spikes");
        var sb = whole.Monitor<SpikeMonitor>("spikes");
        Assert.True(sa.Count > 5000, $"only {sa.Count} spikes");
        Assert.True(sa.Steps.SequenceEqual(sb.Steps));
        Assert.True(sa.Neurons.SequenceEqual(sb.Neurons));
        Assert.Contains(sa.Steps.ToArray(), s => s >= 500); // the second run recorded too

        var va = split.Monitor<StateMonitor>("V");
        var vb = whole.Monitor<StateMonitor>("V");
        Assert.Equal(1000, va.Count);
        Assert.True(va.Steps.SequenceEqual(vb.Steps));
        Assert.Equal(Bits(va.Values), Bits(vb.Values));
        Assert.Equal(Bits(a.N.V), Bits(b.N.V));
        Assert.Equal(Bits(a.N.G0), Bits(b.N.G0));

        var ra = split.Monitor<RateMonitor>("rate");
        var rb = whole.Monitor<RateMonitor>("rate");
        Assert.Equal(100, ra.BinCount);
        Assert.True(ra.Counts.SequenceEqual(rb.Counts));
    }

    [Fact]
    public void RunByDuration_TruncatesLikeDSRunner_WithTolerance_AndTimeCarriesOn()
    {
        Assert.Equal(1000, Runner.StepsFor(100, 0.1));
        Assert.Equal(3, Runner.StepsFor(0.3, 0.1));   // 0.3/0.1 = 2.9999999999999996 in double
        Assert.Equal(3, Runner.StepsFor(0.35, 0.1));
        Assert.Equal(0, Runner.StepsFor(0.05, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Runner.StepsFor(-1, 0.1));

        var runner = new Runner(new EINetwork(1), 20f);
        var r = runner.Run(2.55);
        Assert.Equal(25, r.Steps);
        Assert.Equal(2.5, r.Duration, 9);
        runner.Run(1.0);
        Assert.Equal(35, runner.StepIndex);
        Assert.Equal(3.5, runner.Time, 9);
    }

    [Fact]
    public void InputIsEvaluatedOncePerStep_WithTheRunnersStepIndex()
    {
        var net = new InputProbeNetwork();
        var runner = new Runner(net, Inputs.Func((i, t) => (float)(i * 10 + t)));
        runner.RunSteps(3);
        runner.RunSteps(2);
        Assert.Equal(new[] { 0f, 10.1f, 20.2f, 30.3f, 40.4f }, net.Received.ToArray());
    }

    [Fact]
    public void Progress_IsMonotonic_EndsAtOne_AndCarriesRateAndEta()
    {
        var runner = new Runner(new EINetwork(2), 20f) { ProgressReports = 10 };
        var reports = new List<RunProgress>();
        runner.RunSteps(95, new SyncProgress<RunProgress>(reports.Add));
        Assert.InRange(reports.Count, 10, 11);
        for (int k = 1; k < reports.Count; k++) Assert.True(reports[k].StepsDone > reports[k - 1].StepsDone);
        var last = reports[^1];
        Assert.Equal(95, last.StepsDone);
        Assert.Equal(1.0, last.Fraction);
        Assert.Equal(95, last.StepIndex);
        Assert.True(last.StepsPerSecond > 0);
        Assert.Equal(TimeSpan.Zero, last.Remaining);
        Assert.NotNull(reports[0].Remaining);

        // The legacy static form reports fractions.
        var fractions = new List<double>();
        Runner.Run(new EINetwork(2), 200, 20f, new SyncProgress<double>(fractions.Add));
        Assert.Equal(1.0, fractions[^1]);
        Assert.True(fractions.Count is >= 100 and <= 101);
    }

    [Fact]
    public void Cancellation_StopsAtAProgressPoint_AndTheRunCanContinue()
    {
        using var cts = new System.Threading.CancellationTokenSource();
        var runner = new Runner(new EINetwork(3), 20f, [new SpikeMonitor()]) { ProgressReports = 10 };
        var progress = new SyncProgress<RunProgress>(p => { if (p.StepsDone >= 30) cts.Cancel(); });
        Assert.Throws<OperationCanceledException>(() => runner.RunSteps(100, progress, cts.Token));
        Assert.Equal(30, runner.StepIndex);
        runner.RunSteps(70);
        Assert.Equal(100, runner.StepIndex);

        var whole = new Runner(new EINetwork(3), 20f, [new SpikeMonitor()]);
        whole.RunSteps(100);
        Assert.True(runner.Monitor<SpikeMonitor>("spikes").Neurons.SequenceEqual(whole.Monitor<SpikeMonitor>("spikes").Neurons));
    }

    [Fact]
    public void StateMonitorOverTheLimit_FailsBeforeTheFirstStep_NamingMonitorAndBytes()
    {
        var net = new EINetwork(1);
        var runner = new Runner(net, 20f, [new SpikeMonitor(), new StateMonitor("Vall", () => net.N.V)], memoryLimitBytes: 8_000_000);
        var ex = Assert.Throws<MonitorMemoryException>(() => runner.Run(100));
        // 1000 samples × (4000 × 4 + 4) bytes.
        Assert.Equal("Vall", ex.Monitor);
        Assert.Equal(16_004_000, ex.BytesNeeded);
        Assert.Contains("'Vall'", ex.Message);
        Assert.Contains("16,004,000", ex.Message);
        Assert.Contains("8,000,000", ex.Message);
        Assert.Equal(0, runner.StepIndex);
        Assert.Equal(0, net.N.StepIndex);                      // nothing ran
        Assert.Equal(0, runner.Monitor<StateMonitor>("Vall").AllocatedBytes);

        // Every 10th step fits: 100 samples.
        var ok = new Runner(net, 20f, [new StateMonitor("V10", () => net.N.V, every: 10)], memoryLimitBytes: 8_000_000);
        ok.Run(100);
        Assert.Equal(100, ok.Monitor<StateMonitor>("V10").Count);
        Assert.Equal(100 * (4000 * 4 + 4), ok.MonitorBytes);
    }

    [Fact]
    public void MonitorsThatFitAloneButNotTogether_FailUpFront_ListingEach()
    {
        var net = new EINetwork(1);
        var runner = new Runner(net, 20f,
            [new StateMonitor("A", () => net.N.V, every: 2), new StateMonitor("B", () => net.N.V, every: 2)], memoryLimitBytes: 10_000_000);
        var ex = Assert.Throws<MonitorMemoryException>(() => runner.Run(100));
        Assert.Contains("'A' 8,002,000", ex.Message);
        Assert.Contains("'B' 8,002,000", ex.Message);
        Assert.Equal(16_004_000, ex.BytesNeeded);
    }

    [Fact]
    public void SpikeMonitorBeyondItsReservation_GrowsUpToTheLimit_ThenFailsNamingIt()
    {
        var net = new EINetwork(1);
        var grows = new Runner(net, 20f, [new SpikeMonitor("s", expectedRateHz: 0)]);
        var r = grows.RunSteps(1000);
        Assert.True(grows.Monitor<SpikeMonitor>("s").Count > 8000);    // reserved 4000 (one per neuron), grew twice
        Assert.True(r.LoopAllocatedBytes > 0);

        var net2 = new EINetwork(1);
        var capped = new Runner(net2, 20f, [new SpikeMonitor("s", expectedRateHz: 0)], memoryLimitBytes: 64_000);
        var ex = Assert.Throws<MonitorMemoryException>(() => capped.RunSteps(1000));
        Assert.Equal("s", ex.Monitor);
        Assert.Contains("SpikeMonitor 's'", ex.Message);
        Assert.True(capped.StepIndex is > 0 and < 1000);
        // The crossing step is recorded in full: at most one step's spikes (8 bytes each) beyond the limit.
        Assert.True(capped.Monitor<SpikeMonitor>("s").AllocatedBytes <= 64_000 + 8L * Neurons.Size);
    }

    [Fact]
    public void StepLoop_AllocatesNothing_WithEveryMonitorAndInputKind()
    {
        var net = new EINetwork(1);
        var poisson = new PoissonGroup(100, 20, seed: 3);
        var input = Inputs.Sinusoidal(2f, 10, bias: true);
        var runner = new Runner(new WithPoisson(net, poisson), input,
        [
            new SpikeMonitor("spikes"),
            new SpikeMonitor("subset", indices: [1, 5, 3999]),
            new SpikeMonitor("poisson", () => poisson.Spike),
            new StateMonitor("V", () => net.N.V, indices: [0, 1, 2], every: 2),
            new RateMonitor("rate", 0.5),
        ]);
        runner.RunSteps(100); // warm-up (JIT, tiering)
        AllocationAssert.ZeroInSteadyState(() => runner.RunSteps(1000).LoopAllocatedBytes);
        Assert.True(runner.Monitor<SpikeMonitor>("poisson").Count > 0);

        // The measurement can fail: an input that allocates is seen.
        runner.Input = Inputs.Func((i, t) => new float[] { 20f }[0]);
        Assert.True(runner.RunSteps(100).LoopAllocatedBytes > 0);
    }

    [Fact]
    public void Constructor_RejectsDuplicateNames_AndMonitorsOfAnotherRunner_BeforeAttaching()
    {
        var net = new EINetwork(1);
        var m = new SpikeMonitor("x");
        Assert.Throws<ArgumentException>(() => new Runner(net, 0f, [m, new RateMonitor("x")]));
        var r = new Runner(net, 0f, [m]);
        var ex = Assert.Throws<ArgumentException>(() => new Runner(net, 0f, [m]));
        Assert.Contains("'x'", ex.Message);
        Assert.Throws<KeyNotFoundException>(() => r.Monitor<SpikeMonitor>("y"));
        Assert.Throws<InvalidCastException>(() => r.Monitor<StateMonitor>("x"));
        Assert.Throws<ArgumentException>(() => new StateMonitor("bad name", () => net.N.V));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Runner(net, 0f, [new StateMonitor("V", () => net.N.V, indices: [4000])]));
        Assert.Throws<ArgumentException>(() => new Runner(net, 0f, [new RateMonitor("r", binMs: 0.15)]));
    }

    internal static int[] Bits(ReadOnlySpan<float> v)
    {
        var b = new int[v.Length];
        for (int k = 0; k < v.Length; k++) b[k] = BitConverter.SingleToInt32Bits(v[k]);
        return b;
    }

    sealed class InputProbeNetwork : ISpikingNetwork
    {
        public readonly List<float> Received = [];
        public int Size => 1;
        public double Dt => Simulation.DefaultDt;
        public Spikes Update(float input) { Received.Add(input); return Spikes.None(1); }
    }

    sealed class WithPoisson(EINetwork net, PoissonGroup poisson) : ISpikingNetwork
    {
        public int Size => net.Size;
        public double Dt => Network.CommonDt((nameof(net), net.Dt), (nameof(poisson), poisson.Dt));
        public Spikes Update(float input)
        {
            poisson.Update();
            return net.Update(input);
        }
    }
}

/// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread (<see cref="Progress{T}"/> posts to the thread pool).</summary>
sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
