using System;
using System.Threading;
using SpikeSharp;
using SpikeSharp.Runtime.Tests.Comms;
using SpikeSharp.Runtime.Tests.Nets;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

/// <summary>Issue 13: stored connectivity is checked against a user limit (Simulation.ConnectivityMemoryLimitBytes) before
/// it is allocated, like the monitors against Runner.MemoryLimitBytes; the error names the projection, the bytes, the limit.</summary>
public class ConnectivityMemoryLimitTests
{
    [Fact]
    public void GeneratedProjection_OverTheUserLimit_ThrowsBeforeAllocating_NamingProjectionBytesAndLimit()
    {
        long needed = CsrMatrix.EstimateBytes(Connect.FixedProb(0.1, includeSelf: true, allowMultiConn: true), 200, 200);
        var pop = new ConnPop(1);
        var delay = new SpikeDelay(ConnPop.Size);
        ConnectivityMemoryException e;
        using (Simulation.UseConnectivityMemoryLimit(needed - 1))
        {
            Assert.Equal(needed - 1, Simulation.ConnectivityMemoryLimitBytes);
            long before = GC.GetAllocatedBytesForCurrentThread();
            e = Assert.Throws<ConnectivityMemoryException>(() => new ConnFixedProb(pop, pop, delay));
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 50_000, "allocated before refusing");
        }
        Assert.Equal("ConnFixedProb", e.Projection);
        Assert.Equal(needed, e.BytesNeeded);
        Assert.Equal(needed - 1, e.LimitBytes);
        Assert.Contains("ConnFixedProb", e.Message);
        Assert.Contains(Runner.B(needed) + " bytes", e.Message);
        Assert.Contains(Runner.B(needed - 1) + " bytes allowed by Simulation.ConnectivityMemoryLimitBytes", e.Message);
        // At the limit exactly, and after the scope (0: the process's memory), it builds.
        using (Simulation.UseConnectivityMemoryLimit(needed)) Assert.True(new ConnFixedProb(pop, pop, new SpikeDelay(ConnPop.Size)).Matrix.Bytes <= needed);
        Assert.Equal(0, Simulation.ConnectivityMemoryLimitBytes);
        Assert.NotNull(new ConnFixedProb(pop, pop, new SpikeDelay(ConnPop.Size)).Matrix);
    }

    [Fact]
    public void PerSynapseWeights_AreCheckedToo_AndAWholeNetworkRefuses()
    {
        // CommCsrNormal: FixedProb(0.1) 100 × 100 = 1000 synapses; its weights take 4000 bytes, more than the matrix.
        long matrix = CsrMatrix.EstimateBytes(Connect.FixedProb(0.1, includeSelf: true, allowMultiConn: false), 100, 100);
        Assert.True(4000 > matrix, $"matrix {matrix}");
        using (Simulation.UseConnectivityMemoryLimit(matrix))
        {
            var e = Assert.Throws<ConnectivityMemoryException>(() => new CommNet(seed: 3));
            Assert.Equal("CommCsrNormal", e.Projection);
            Assert.Equal(4000, e.BytesNeeded);
            Assert.Contains("per-synapse weights", e.Message);
        }
        Assert.NotNull(new CommNet(seed: 3).P6.Matrix);
    }

    [Fact]
    public void Limit_Precedence_Validation_AndScopesPerFlow()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Simulation.UseConnectivityMemoryLimit(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Simulation.ConnectivityMemoryLimitBytes = -1);
        using (Simulation.UseConnectivityMemoryLimit(10))
        {
            // An explicit memoryLimitBytes wins over the scope.
            var m = CsrMatrix.Build(Connect.Bernoulli(0.1), 50, 50, 1, 1, memoryLimitBytes: 1L << 20);
            Assert.True(m.Synapses > 0);
            var e = Assert.Throws<ConnectivityMemoryException>(() => CsrMatrix.Build(Connect.Bernoulli(0.1), 50, 50, 1, 1, name: "P"));
            Assert.Equal(10, e.LimitBytes);
            using (Simulation.UseConnectivityMemoryLimit(1L << 20)) Assert.True(CsrMatrix.Build(Connect.Bernoulli(0.1), 50, 50, 1, 1).Synapses > 0);
            Assert.Equal(10, Simulation.ConnectivityMemoryLimitBytes);
            // Another flow outside the scope does not see it.
            long other = -1;
            var thread = new Thread(() => other = Simulation.ConnectivityMemoryLimitBytes);
            using (ExecutionContext.SuppressFlow()) thread.Start();
            thread.Join();
            Assert.Equal(0, other);
        }
    }
}
