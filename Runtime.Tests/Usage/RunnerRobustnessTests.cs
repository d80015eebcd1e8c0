using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EINet;
using Xunit;

namespace SpikeSharp.Runtime.Tests.Usage;

/// <summary>Time base, monitor-limit, input-value and thread-safety guarantees of the runner (issue 8, items 4, 5, 6, 16).</summary>
public class RunnerRobustnessTests
{
    // ---- Item 4: the runner's time base is the network's dt, stated by the network -------------------------------

    [Fact]
    public void ISpikingNetworkDt_IsRequired_NoSilentDefault()
    {
        var getter = typeof(ISpikingNetwork).GetProperty(nameof(ISpikingNetwork.Dt))!.GetMethod!;
        Assert.True(getter.IsAbstract, "ISpikingNetwork.Dt must have no default body (it defaulted to Simulation.Dt).");
    }

    [Fact]
    public void NetworkBuiltWithDt005_Runs100msAs2000Steps_LabelledUpTo100ms()
    {
        var net = new EINetwork(1, dt: 0.05);
        var runner = new Runner(net, 20f, [new SpikeMonitor("s")]);
        var r = runner.Run(100);
        Assert.Equal(0.05, runner.Dt);
        Assert.Equal(2000, r.Steps);
        Assert.Equal(2000, net.N.StepIndex);
        Assert.Equal(100.0, runner.Time, 9);
        double last = runner.Monitor<SpikeMonitor>("s").Times().Max();
        Assert.InRange(last, 99.9, 99.95 + 1e-9); // last step is 1999 · 0.05 ms
    }

    [Fact]
    public void CommonDt_ReturnsTheSharedDt_AndNamesBothPartsWhenTheyDiffer()
    {
        var a = new Probe(dt: 0.05);
        var b = new PoissonGroup(10, 5, dt: 0.05);
        Assert.Equal(0.05, Network.CommonDt((nameof(a), a.Dt), (nameof(b), b.Dt)));
        var c = new PoissonGroup(10, 5, dt: 0.1);
        var ex = Assert.Throws<ArgumentException>(() => Network.CommonDt(("N", a.Dt), ("M", b.Dt), ("poisson", c.Dt)));
        Assert.Contains("'N'", ex.Message);
        Assert.Contains("0.05", ex.Message);
        Assert.Contains("'poisson'", ex.Message);
        Assert.Contains("0.1", ex.Message);
        Assert.Throws<ArgumentException>(() => Network.CommonDt());
        Assert.Contains("'x'", Assert.Throws<ArgumentException>(() => Network.CommonDt(("x", double.NaN))).Message);
    }

    [Fact]
    public void Runner_RejectsANetworkWhosePartsDifferInDt_BeforeAnyStep()
    {
        var net = new EINetwork(1, dt: 0.05);
        var poisson = new PoissonGroup(10, 5, dt: 0.1);
        var ex = Assert.Throws<ArgumentException>(() => new Runner(new TwoParts(net, poisson)));
        Assert.Contains("'net'", ex.Message);
        Assert.Contains("'poisson'", ex.Message);
        Assert.Equal(0, net.N.StepIndex);
    }

    sealed class TwoParts(EINetwork net, PoissonGroup poisson) : ISpikingNetwork
    {
        public int Size => net.Size;
        public double Dt => Network.CommonDt((nameof(net), net.Dt), (nameof(poisson), poisson.Dt));
        public Spikes Update(float input) { poisson.Update(); return net.Update(input); }
    }

    // ---- Item 5: a spike monitor outgrowing the limit mid-run loses nothing ---------------------------------------

    static Monitor[] AllKinds(EINetwork net) =>
    [
        new StateMonitor("V", () => net.N.V, indices: [0, 7, 3999]),
        new SpikeMonitor("s", expectedRateHz: 0),
        new RateMonitor("rate", 0.5),
        new SpikeMonitor("sub", indices: [3, 100, 3200, 3999]),
    ];

    [Fact]
    public void MonitorLimitCrossedMidRun_RecordsThatStepEverywhere_AndAContinuedRunMatchesAnUninterruptedOne()
    {
        const int steps = 1000;
        var refNet = new EINetwork(5);
        var reference = new Runner(refNet, 20f, AllKinds(refNet));
        reference.RunSteps(steps);

        var net = new EINetwork(5);
        var runner = new Runner(net, 20f, AllKinds(net), memoryLimitBytes: 60_000);
        var ex = Assert.Throws<MonitorMemoryException>(() => runner.RunSteps(steps));
        Assert.Equal("s", ex.Monitor);
        int stopped = runner.StepIndex;
        Assert.InRange(stopped, 2, steps - 1);
        Assert.Equal(net.N.StepIndex, stopped); // network and runner agree
        Assert.Contains($"StepIndex = {stopped}", ex.Message);
        var s = runner.Monitor<SpikeMonitor>("s");
        Assert.Equal(stopped - 1, s.Steps[^1]);                    // the crossing step was recorded...
        Assert.Equal(runner.Monitor<StateMonitor>("V").Count, stopped); // ...by every monitor
        Assert.Equal(stopped - 1, runner.Monitor<StateMonitor>("V").Steps[^1]);

        // Same limit: the next run fails up front, before any step, and changes nothing.
        Assert.Throws<MonitorMemoryException>(() => runner.RunSteps(1));
        Assert.Equal(stopped, runner.StepIndex);
        Assert.Equal(stopped, net.N.StepIndex);

        runner.MemoryLimitBytes = Runner.DefaultMemoryLimitBytes;
        runner.RunSteps(steps - stopped);
        Assert.Equal(steps, runner.StepIndex);

        foreach (var name in new[] { "s", "sub" })
        {
            var a = reference.Monitor<SpikeMonitor>(name);
            var b = runner.Monitor<SpikeMonitor>(name);
            Assert.Equal(a.Steps.ToArray(), b.Steps.ToArray());
            Assert.Equal(a.Neurons.ToArray(), b.Neurons.ToArray());
        }
        Assert.Equal(reference.Monitor<StateMonitor>("V").Steps.ToArray(), runner.Monitor<StateMonitor>("V").Steps.ToArray());
        Assert.Equal(RunnerTests.Bits(reference.Monitor<StateMonitor>("V").Values), RunnerTests.Bits(runner.Monitor<StateMonitor>("V").Values));
        Assert.Equal(reference.Monitor<RateMonitor>("rate").Counts.ToArray(), runner.Monitor<RateMonitor>("rate").Counts.ToArray());
        Assert.Equal(RunnerTests.Bits(refNet.N.V), RunnerTests.Bits(net.N.V));
    }

    // ---- Item 6: NaN / ±Inf input ----------------------------------------------------------------------------------

    [Fact]
    public void NonFiniteInputAtAStep_StopsBeforeTheUpdate_NamingInputStepTimeAndValue()
    {
        var net = new EINetwork(1);
        var runner = new Runner(net, Inputs.Func((i, t) => i == 5 ? float.NaN : 20f), [new SpikeMonitor("s"), new StateMonitor("V", () => net.N.V, [0])]);
        var ex = Assert.Throws<InputValueException>(() => runner.RunSteps(10));
        Assert.Equal(5, ex.Step);
        Assert.Equal(0.5, ex.TimeMs, 9);
        Assert.True(float.IsNaN(ex.Value));
        Assert.Contains("Inputs.Func", ex.Message);
        Assert.Contains("step 5", ex.Message);
        Assert.Contains("t = 0.5 ms", ex.Message);
        Assert.Contains("NaN", ex.Message);
        Assert.Equal(5, runner.StepIndex);
        Assert.Equal(5, net.N.StepIndex);
        Assert.Equal(5, runner.Monitor<StateMonitor>("V").Count);
        Assert.All(net.N.V, v => Assert.True(float.IsFinite(v)));

        // An array changed after construction is caught at its step too; the runner then continues normally.
        var values = Enumerable.Repeat(20f, 10).ToArray();
        runner.Input = Inputs.Array(values);
        values[7] = float.NegativeInfinity;
        var ex2 = Assert.Throws<InputValueException>(() => runner.RunSteps(5));
        Assert.Equal(7, ex2.Step);
        Assert.True(float.IsNegativeInfinity(ex2.Value));
        Assert.Contains("Inputs.Array", ex2.Message);
        values[7] = 20f;
        runner.RunSteps(5);
        Assert.Equal(12, net.N.StepIndex);
    }

    [Fact]
    public void NonFiniteInputValues_AreRejectedWhenTheInputIsBuilt()
    {
        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => Inputs.Constant(float.NaN)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => { Input x = float.PositiveInfinity; });
        Assert.Equal("values[1]", Assert.Throws<ArgumentOutOfRangeException>(() => Inputs.Section([1f, float.NaN], [1, 1])).ParamName);
        Assert.Equal("cStart", Assert.Throws<ArgumentOutOfRangeException>(() => Inputs.Ramp(float.NegativeInfinity, 1, 10)).ParamName);
        Assert.Equal("cEnd", Assert.Throws<ArgumentOutOfRangeException>(() => Inputs.Ramp(-float.MaxValue, float.MaxValue, 10)).ParamName);
        Assert.Equal("amplitude", Assert.Throws<ArgumentOutOfRangeException>(() => Inputs.Sinusoidal(float.NaN, 10)).ParamName);
        Assert.Equal("amplitude", Assert.Throws<ArgumentOutOfRangeException>(() => Inputs.Sinusoidal(float.MaxValue, 10, bias: true)).ParamName);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Inputs.Array([0f, 0f, float.PositiveInfinity]));
        Assert.Equal("values[2]", ex.ParamName);
        Assert.Contains("Inputs.Array", ex.Message);
    }

    // ---- Item 16: a scoped dt, safe across threads --------------------------------------------------------------

    [Fact]
    public void UseDt_IsPerThread_ConcurrentConstructionsEachGetTheirOwnDt()
    {
        const int threads = 8, each = 25;
        var barrier = new Barrier(threads);
        var wrong = new int[threads];
        var workers = Enumerable.Range(0, threads).Select(k => new Thread(() =>
        {
            double dt = 0.01 * (k + 1);
            barrier.SignalAndWait();
            for (int n = 0; n < each; n++)
            {
                using (Simulation.UseDt(dt))
                {
                    Thread.Yield();
                    var p = new Probe();
                    var g = new PoissonGroup(4, 1);
                    if (p.Dt != dt || g.Dt != dt || Simulation.Dt != dt) wrong[k]++;
                }
            }
        })).ToArray();
        foreach (var t in workers) t.Start();
        foreach (var t in workers) t.Join();
        Assert.Equal(new int[threads], wrong);
        Assert.Equal(Simulation.GlobalDt, Simulation.Dt); // nothing left behind on this thread
    }

    [Fact]
    public async Task UseDt_Nests_FlowsIntoTasks_AndRestoresOnDispose()
    {
        double global = Simulation.Dt;
        using (Simulation.UseDt(0.05))
        {
            Assert.Equal(0.05, new Probe().Dt);
            using (var inner = Simulation.UseDt(0.025))
            {
                Assert.Equal(0.025, await Task.Run(() => new Probe().Dt));
                inner.Dispose();
                inner.Dispose(); // a second Dispose changes nothing
                Assert.Equal(0.05, Simulation.Dt);
            }
            Assert.Equal(0.05, new Probe().Dt);
            Assert.Equal(0.2, new Probe(dt: 0.2).Dt); // an explicit dt still wins
        }
        Assert.Equal(global, Simulation.Dt);
        Assert.Throws<ArgumentOutOfRangeException>(() => Simulation.UseDt(double.PositiveInfinity));
    }
}
