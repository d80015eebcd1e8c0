using System;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

/// <summary>Allocations sized by user input fail with a message naming the member and the bytes (issue 8, item 15).</summary>
public class DelayAndSizeLimitTests
{
    [Fact]
    public void SpikeDelay_AbsurdSizes_FailClearly_NotWithABareOutOfMemory()
    {
        var size = Assert.Throws<ArgumentOutOfRangeException>(() => new SpikeDelay(int.MaxValue));
        Assert.Equal("size", size.ParamName);
        Assert.Contains("largest .NET array", size.Message);

        var steps = Assert.Throws<InsufficientMemoryException>(() => new SpikeDelay(1_000_000, maxSteps: 2_000_000));
        Assert.Contains("maxSteps: 2000000", steps.Message);
        Assert.Contains("8,000,008,000,000 bytes", steps.Message); // 4 bytes × 1e6 neurons × 2e6 slots + the counts

        var delay = new SpikeDelay(100_000, maxSteps: 2);
        delay.Push(new Spikes([1, 5], 100_000));
        var grow = Assert.Throws<InsufficientMemoryException>(() => delay.Register("far", 2_000_000_000));
        Assert.Contains("\"far\"", grow.Message);
        Assert.Contains("bytes", grow.Message);
        Assert.Equal(2, delay.MaxSteps);             // unchanged
        Assert.Equal(2, delay.At(1).Count);          // and still readable
        Assert.Throws<System.Collections.Generic.KeyNotFoundException>(() => delay.StepsOf("far"));
    }

    [Fact]
    public void SpikeDelay_Grow_KeepsTheRingReadable()
    {
        var delay = new SpikeDelay(8, maxSteps: 2);
        delay.Push(new Spikes([1], 8));
        delay.Push(new Spikes([2], 8));
        delay.Register("d4", 4);
        Assert.Equal(4, delay.MaxSteps);
        Assert.Equal([2], Arr(delay.At(1)));
        Assert.Equal([1], Arr(delay.At(2)));
        Assert.Equal(0, delay.At(3).Count);
        Assert.Equal(0, delay.At(4).Count);
    }

    static int[] Arr(Spikes s)
    {
        var a = new int[s.Count];
        s.CopyTo(a);
        return a;
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    public void SpikeDelay_RegisterTime_RejectsNonPositiveOrNonFiniteDt(double dt)
    {
        var delay = new SpikeDelay(4);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => delay.RegisterTime("e", 1.0, dt));
        Assert.Equal("dt", ex.ParamName);
        Assert.Contains("\"e\"", ex.Message);
        Assert.Equal(0, delay.MaxSteps);
    }

    [Fact]
    public void SpikeDelay_RegisterTime_RejectsNonFiniteOrOverlongTimes()
    {
        var delay = new SpikeDelay(4);
        Assert.Equal("timeMs", Assert.Throws<ArgumentOutOfRangeException>(() => delay.RegisterTime("e", double.PositiveInfinity, 0.1)).ParamName);
        var far = Assert.Throws<ArgumentOutOfRangeException>(() => delay.RegisterTime("e", 1e12, 0.1));
        Assert.Contains("more than", far.Message);
        Assert.Equal(0, delay.MaxSteps);
    }

    [Fact]
    public void InputGroups_LargerThanAnArray_FailNamingSize()
    {
        Assert.Equal("size", Assert.Throws<ArgumentOutOfRangeException>(() => new PoissonGroup(int.MaxValue, 5)).ParamName);
        Assert.Equal("size", Assert.Throws<ArgumentOutOfRangeException>(() => new SpikeTimeGroup(int.MaxValue, [], [])).ParamName);
    }
}
