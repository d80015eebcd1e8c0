using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

/// <summary>Bad input at run time: every exception names the member and the values, and is thrown before any state
/// changes (state after the exception equals state before).</summary>
public class BadInputTests
{
    /// <summary>A snapshot of a Probe population and its projection's buffer, compared by value.</summary>
    static (float[] V, int[] Last, float[] G, int Step, int[] Spike) State(Probe post, ProbeInput proj) =>
        (post.V.ToArray(), post.LastSpikeStep.ToArray(), proj.Conductance.ToArray(), post.StepIndex, SpikeArray(post.Spike));

    static int[] SpikeArray(Spikes s)
    {
        var a = new int[s.Count];
        s.CopyTo(a);
        return a;
    }

    static void AssertSameState((float[] V, int[] Last, float[] G, int Step, int[] Spike) before, (float[] V, int[] Last, float[] G, int Step, int[] Spike) after)
    {
        Assert.Equal(before.V, after.V);
        Assert.Equal(before.Last, after.Last);
        Assert.Equal(before.G, after.G);
        Assert.Equal(before.Step, after.Step);
        Assert.Equal(before.Spike, after.Spike);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void Deliver_WrongSpikeLength_NamesValues_AndLeavesStateUnchanged(int length)
    {
        var post = new Probe();
        var proj = new ProbeInput(post);
        proj.Deliver(new Spikes(new[] { 0, 1 }, 2)); // non-trivial state: a buffer that is not all zero
        post.Update(1f);
        proj.Deliver(new Spikes(new[] { 1 }, 2));
        var before = State(post, proj);
        Assert.Contains(before.G, g => g != 0);

        var spikes = new int[Math.Min(length, 1)];
        var ex = Assert.Throws<ArgumentException>(() => proj.Deliver(new Spikes(spikes, length)));
        Assert.Equal("spikes", ex.ParamName);
        Assert.Contains($"ProbeInput.Deliver: the spikes cover {length} neurons but numIn = 2", ex.Message);
        AssertSameState(before, State(post, proj));
    }

    [Fact]
    public void SpikeDelay_BadReadsAndPushes_NameValues_AndLeaveTheBufferUnchanged()
    {
        var delay = new SpikeDelay(5, 2);
        delay.Register("d2", 2);
        delay.Push(new Spikes(new[] { 1, 3 }, 5));
        delay.Push(new Spikes(new[] { 4 }, 5));
        int[] Read(int d) => SpikeArray(delay.At(d));
        var before = (Read(0), Read(1), Read(2), delay.MaxSteps);

        var at = Assert.Throws<ArgumentOutOfRangeException>(() => delay.At(3));
        Assert.Equal("steps", at.ParamName);
        Assert.Equal(3, at.ActualValue);
        Assert.Contains("SpikeDelay.At: delay must be in [0, 2] steps", at.Message);
        Assert.Equal(-1, Assert.Throws<ArgumentOutOfRangeException>(() => delay.At(-1)).ActualValue);

        var push = Assert.Throws<ArgumentException>(() => delay.Push(new Spikes(new[] { 0 }, 6)));
        Assert.Contains("SpikeDelay.Push: the spikes cover 6 neurons but the delay was made for 5", push.Message);

        var dup = Assert.Throws<ArgumentException>(() => delay.Register("d2", 7));
        Assert.Contains("\"d2\"", dup.Message);
        var neg = Assert.Throws<ArgumentOutOfRangeException>(() => delay.Register("neg", -4));
        Assert.Equal(-4, neg.ActualValue);
        Assert.Contains("\"neg\"", neg.Message);
        var time = Assert.Throws<ArgumentOutOfRangeException>(() => delay.RegisterTime("t", double.NaN, 0.1));
        Assert.Contains("\"t\"", time.Message);

        Assert.Equal(before.Item1, Read(0));
        Assert.Equal(before.Item2, Read(1));
        Assert.Equal(before.Item3, Read(2));
        Assert.Equal(before.MaxSteps, delay.MaxSteps);
        Assert.Equal(2, delay.StepsOf("d2")); // the duplicate registration did not overwrite it
        Assert.Throws<KeyNotFoundException>(() => delay.StepsOf("neg"));
        Assert.Throws<KeyNotFoundException>(() => delay.StepsOf("t"));
    }

    /// <summary>A Probe population seen through <see cref="ISpikingNetwork"/>, counting its steps.</summary>
    sealed class ProbeNetwork(Probe probe, int size) : ISpikingNetwork
    {
        public int Size { get; } = size;
        public double Dt => probe.Dt;
        public Spikes Update(float input) => probe.Update(input);
    }

    [Fact]
    public void Runner_InvalidArguments_NameValues_AndRunNoStep()
    {
        var probe = new Probe();
        probe.Update(1f);
        var before = (probe.V.ToArray(), probe.StepIndex);

        var steps = Assert.Throws<ArgumentOutOfRangeException>(() => Runner.Run(new ProbeNetwork(probe, Probe.Size), -3, 0f));
        Assert.Equal("steps", steps.ParamName);
        Assert.Equal(-3, steps.ActualValue);
        Assert.Contains("Runner.Run", steps.Message);
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => Runner.Run(null!, 10, 0f)).ParamName);
        var size = Assert.Throws<ArgumentException>(() => Runner.Run(new ProbeNetwork(probe, 0), 10, 0f));
        Assert.Contains("has 0 neurons", size.Message);

        Assert.Equal(before.Item1, probe.V.ToArray());
        Assert.Equal(before.StepIndex, probe.StepIndex);
    }

    [Fact]
    public void SpikeMonitor_WrongSize_NamesValues_AndRecordsNothing()
    {
        // The network claims 5 neurons but its population returns spikes over Probe.Size = 4.
        var probe = new Probe();
        var runner = new Runner(new ProbeNetwork(probe, 5), Inputs.Constant(1f), [new SpikeMonitor("spk")]);
        var ex = Assert.Throws<InvalidOperationException>(() => runner.RunSteps(3));
        Assert.Contains("SpikeMonitor 'spk': the spikes cover 4 neurons but the monitor was attached to 5", ex.Message);
        Assert.Equal(0, runner.Monitor<SpikeMonitor>("spk").Count);
        Assert.Equal(-1.0, Assert.Throws<ArgumentOutOfRangeException>(() => new SpikeMonitor("x", expectedRateHz: -1)).ActualValue);
    }

    [Fact]
    public void GlobalDt_InvalidValue_NamesIt_AndKeepsThePreviousOne()
    {
        double before = Simulation.Dt;
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Simulation.Dt = -0.5);
        Assert.Equal(-0.5, ex.ActualValue);
        Assert.Equal("Dt", ex.ParamName);
        Assert.Equal(before, Simulation.Dt);
    }
}
