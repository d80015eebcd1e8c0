using System;
using System.Linq;
using Xunit;

namespace SpikeSharp.Runtime.Tests.Usage;

/// <summary>Each input's value on known steps, against BrainPy's bp.inputs definitions (brainpy/_src/inputs/currents.py).</summary>
public class InputTests
{
    const double Dt = 0.1;

    static float[] Values(Input input, int steps) => Enumerable.Range(0, steps).Select(i => input.At(i, Dt)).ToArray();

    [Fact]
    public void Constant_AndImplicitFloat()
    {
        Assert.All(Values(Inputs.Constant(2.5f), 50), v => Assert.Equal(2.5f, v));
        Input fromFloat = -1.25f;
        Assert.Equal(-1.25f, fromFloat.At(123456, Dt));
    }

    [Fact]
    public void Section_HoldsEachValueForIntDurationOverDtSteps_ThenZero()
    {
        // section_input([1, 2, 3], [1, 0.5, 2]) at dt 0.1: 10, 5 and 20 steps.
        var v = Values(Inputs.Section([1f, 2f, 3f], [1, 0.5, 2]), 40);
        Assert.All(v[..10], x => Assert.Equal(1f, x));
        Assert.All(v[10..15], x => Assert.Equal(2f, x));
        Assert.All(v[15..35], x => Assert.Equal(3f, x));
        Assert.All(v[35..], x => Assert.Equal(0f, x));
        // 0.3 ms is 3 steps here (BrainPy's int(0.3/0.1) gives 2).
        Assert.Equal(new[] { 7f, 7f, 7f, 0f }, Values(Inputs.Section([7f], [0.3]), 4));
        Assert.Throws<ArgumentException>(() => Inputs.Section([1f], [1, 2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Inputs.Section([1f], [-1]));
    }

    [Fact]
    public void Ramp_IsLinspaceBetweenCeilOfStartAndEnd()
    {
        // ramp_input(0, 9, duration=2, t_start=0.5, t_end=1.5): p1 = 5, p2 = 15, linspace(0, 9, 10).
        var v = Values(Inputs.Ramp(0f, 9f, 2, tStart: 0.5, tEnd: 1.5), 25);
        Assert.All(v[..5], x => Assert.Equal(0f, x));
        for (int i = 5; i < 15; i++) Assert.Equal(i - 5, v[i]);
        Assert.All(v[15..], x => Assert.Equal(0f, x));
        // Default t_end = duration; values outside the duration are 0.
        var w = Values(Inputs.Ramp(-1f, 1f, 0.5), 7);
        Assert.Equal(new[] { -1f, -0.5f, 0f, 0.5f, 1f, 0f, 0f }, w);
    }

    [Fact]
    public void Sinusoidal_StartsAtZeroPhaseAtTStart_WithOptionalBias()
    {
        var s = Inputs.Sinusoidal(2f, 10, tStart: 1, tEnd: 60);
        Assert.Equal(0f, s.At(9, Dt));
        Assert.Equal(0f, s.At(10, Dt));
        Assert.Equal((float)(2 * Math.Sin(2 * Math.PI * 10 * 2.5 / 1000)), s.At(35, Dt));
        Assert.Equal(2f, s.At(10 + 250, Dt), 5);     // a quarter period (25 ms) after t_start
        Assert.Equal(0f, s.At(10 + 750, Dt));        // t_end = 60 ms is step 600: outside
        Assert.Equal(0f, s.At(600, Dt));
        Assert.NotEqual(0f, s.At(599, Dt));
        Assert.Equal(-2f, Inputs.Sinusoidal(2f, 10).At(750, Dt), 5);
        var biased = Inputs.Sinusoidal(2f, 10, bias: true);
        Assert.Equal(4f, biased.At(250, Dt), 5);
        Assert.Equal(2f, biased.At(0, Dt));
    }

    [Fact]
    public void FuncAndArray_PerStep()
    {
        var f = Inputs.Func((i, t) => (float)(100 * i + t));
        Assert.Equal(700.7f, f.At(7, Dt), 4);
        var a = Inputs.Array([1f, 2f, 3f]);
        Assert.Equal(new[] { 1f, 2f, 3f, 0f }, Values(a, 4));
    }
}
