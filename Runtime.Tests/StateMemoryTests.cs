using System;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

/// <summary>State that cannot fit fails before any allocation, naming the model and the bytes (not a bare OutOfMemoryException).</summary>
public class StateMemoryTests
{
    [Fact]
    public void MoreThanAvailable_Throws_NamingWhatAndBytes()
    {
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        Assert.True(available > 0);
        var ex = Assert.Throws<InsufficientMemoryException>(() =>
            StateMemory.EnsureAvailable("population 'Huge' (2147483591 neurons, 20 bytes each)", available + 1, "Use fewer neurons."));
        Assert.Contains("population 'Huge' (2147483591 neurons, 20 bytes each) needs", ex.Message);
        Assert.Contains(Runner.B(available + 1) + " bytes", ex.Message);
        Assert.Contains("Use fewer neurons.", ex.Message);
        Assert.IsAssignableFrom<OutOfMemoryException>(ex);
    }

    [Fact]
    public void WithinAvailable_DoesNothing_NegativeIsRejected()
    {
        StateMemory.EnsureAvailable("x", 1024);
        Assert.Throws<ArgumentOutOfRangeException>(() => StateMemory.EnsureAvailable("x", -1));
    }

    [Fact]
    public void GeneratedPopulation_ChecksItsStateBeforeAllocating()
    {
        // The seed model's constructor runs the check (V, LastSpikeStep, the spike list and one buffer per merge group:
        // 4 · (3 + 2) bytes per neuron); a normal size passes it.
        var n = new EINet.Neurons(1);
        Assert.Equal(EINet.Neurons.Size, n.V.Length);
    }
}
