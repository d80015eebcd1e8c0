using System;
using System.Collections.Generic;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

public class SpikesAndDelayTests
{
    static int[] ToArray(Spikes s)
    {
        var list = new List<int>();
        foreach (int j in s) list.Add(j);
        return list.ToArray();
    }

    [Fact]
    public void Ranges_RebaseIndices()
    {
        var s = new Spikes(new[] { 1, 5, 3199, 3200, 3999 }, 4000);
        var e = s[..3200];
        var i = s[3200..];
        Assert.Equal(3200, e.Length);
        Assert.Equal(800, i.Length);
        Assert.Equal(new[] { 1, 5, 3199 }, ToArray(e));
        Assert.Equal(new[] { 0, 799 }, ToArray(i));
        Assert.True(i[0]);
        Assert.False(i[1]);
        Assert.True(s[^1]);
        Assert.Equal(new[] { 1 }, ToArray(s[1..6][3..5])); // nested slices re-base twice: neuron 5 is 4 in [1..6], then 1 in [3..5]
    }

    [Fact]
    public void Slice_OutOfRange_Throws_WithValues()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Spikes.None(10).Slice(5, 6));
        Assert.Contains("[5, 5+6)", ex.Message);
        Assert.Contains("[0, 10)", ex.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)] // the buffer's maximum
    public void SpikePushedAtStepT_IsReadByAtD_ExactlyAtStepTPlusD(int d)
    {
        const int size = 10, maxSteps = 7, t = 3;
        var delay = new SpikeDelay(size, maxSteps);
        for (int step = 0; step < 20; step++)
        {
            // Read before the update, as the model does.
            var read = delay.At(d);
            Assert.Equal(step == t + d ? 1 : 0, read.Count);
            if (read.Count == 1) Assert.Equal(4, read.IndexAt(0));
            // Push at the end of the step: neuron 4 fires only in step t.
            delay.Push(step == t ? new Spikes(new[] { 4 }, size) : Spikes.None(size));
        }
    }

    [Fact]
    public void NoneEntry_ReadsTheCurrentSpikes_SameLatencyAsOne()
    {
        var delay = new SpikeDelay(5, 0);
        delay.Register("I", null);
        delay.Register("zero", 0);
        Assert.Equal(0, delay.At("I").Count); // nothing pushed yet
        delay.Push(new Spikes(new[] { 2, 3 }, 5));
        Assert.Equal(new[] { 2, 3 }, ToArray(delay.At("I")));
        Assert.Equal(new[] { 2, 3 }, ToArray(delay.At("zero")));
        Assert.Equal(new[] { 2, 3 }, ToArray(delay.At(1)));
        delay.Push(Spikes.None(5));
        Assert.Equal(0, delay.At("I").Count);
    }

    [Fact]
    public void RegisterGrowsTheBuffer_AndKeepsHistory()
    {
        var delay = new SpikeDelay(5, 1);
        delay.Push(new Spikes(new[] { 1 }, 5));
        delay.Register("late", 3);
        Assert.Equal(3, delay.MaxSteps);
        Assert.Equal(new[] { 1 }, ToArray(delay.At(1)));
        delay.Push(Spikes.None(5));
        delay.Push(Spikes.None(5));
        Assert.Equal(new[] { 1 }, ToArray(delay.At("late")));
    }

    [Fact]
    public void RegisterTime_UsesCeilOfTimeOverDt()
    {
        var delay = new SpikeDelay(5);
        delay.RegisterTime("a", 1.0, 0.1);
        delay.RegisterTime("b", 0.25, 0.1);
        delay.RegisterTime("c", null, 0.1);
        Assert.Equal(10, delay.StepsOf("a"));
        Assert.Equal(3, delay.StepsOf("b"));
        Assert.Equal(0, delay.StepsOf("c"));
    }

    [Fact]
    public void BadInput_NamesTheValues()
    {
        var delay = new SpikeDelay(5, 2);
        Assert.Contains("[0, 2]", Assert.Throws<ArgumentOutOfRangeException>(() => delay.At(3)).Message);
        Assert.Contains("\"x\"", Assert.Throws<KeyNotFoundException>(() => delay.At("x")).Message);
        Assert.Contains("6 neurons", Assert.Throws<ArgumentException>(() => delay.Push(Spikes.None(6))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpikeDelay(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => delay.Register("neg", -1));
    }
}
