using System;
using SpikeSharp.Runtime.Tests.Nets;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

public class PoissonInputNetworkTests
{
    [Fact]
    public void PoissonInputMember_AddsToVBeforeThePopulationUpdates_LikeBrainPy()
    {
        var net = new DrivenNet(seed: 3, dt: 0.1);
        // By hand: the same population seed (member 0) and draws (member 1's seed, the type's stream id).
        var pop = new Driven(3, 0.1);
        var input = new PoissonInput(Driven.Size, Drive.NumInput, Drive.Freq, Drive.Weight, 0.1, 4, Drive.DefaultStreamId);
        Assert.False(input.UsesNormal); // n·p = 200 · 0.002 = 0.4: exact binomial draws
        long spikes = 0;
        for (int t = 0; t < 500; t++)
        {
            input.Add(pop.V, pop.StepIndex);
            pop.Update(0f);
            var s = net.Step(0f);
            Assert.Equal(pop.Spike.Count, s.Count);
            spikes += s.Count;
        }
        Assert.True(pop.V.AsSpan().SequenceEqual(net.Pop.V));
        Assert.True(spikes > 0, "the Poisson drive alone should make the population fire");
        AllocationAssert.ZeroInSteadyState(() => { for (int t = 0; t < 50; t++) net.Step(0f); });
    }
}
