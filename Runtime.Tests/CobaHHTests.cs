using System;
using COBAHH;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

// samples/COBAHH (issue 12): BrainPy's COBAHH with a user-written Traub–Miles neuron. 10 000 steps (1 s at dt = 0.1 ms):
// no NaN, no allocation in the step loop, the same bits for 1, 2 and 4 threads and with SIMD off.
public class CobaHHTests
{
    const int Steps = 10_000;

    /// <summary>Runs <see cref="Steps"/> steps; returns the spike count, the final state and a hash of every step's spikes.</summary>
    static (long Spikes, float[] V, float[] M, ulong Hash) Run(int threads, bool simd = true, bool checkAllocation = false)
    {
        int before = Parallelism.Threads;
        Parallelism.Threads = threads;
        try
        {
            var net = new CobaHHNetwork(seed: 11);
            net.N.UseSimd = simd;
            long spikes = 0;
            ulong hash = 1469598103934665603UL;
            void Step()
            {
                var s = net.Update(0f);
                spikes += s.Count;
                foreach (int j in s) hash = (hash ^ (uint)j) * 1099511628211UL;
                hash = (hash ^ 0xFFFF_FFFFUL) * 1099511628211UL;
            }
            for (int k = 0; k < 200; k++) Step();
            if (checkAllocation)
                AllocationAssert.ZeroInSteadyState(() => { for (int k = 0; k < 500; k++) Step(); });
            while (net.N.StepIndex < Steps) Step();
            return (spikes, (float[])net.N.V.Clone(), (float[])net.N.M.Clone(), hash);
        }
        finally { Parallelism.Threads = before; }
    }

    [Fact]
    public void TenThousandSteps_NoNaN_NoAllocation_AndActivity()
    {
        var (spikes, v, m, _) = Run(threads: 1, checkAllocation: true);
        foreach (float x in v) Assert.True(float.IsFinite(x) && x > -100 && x < 60, $"V = {x}");
        foreach (float x in m) Assert.True(x >= 0 && x <= 1, $"m = {x}");
        // Self-sustained activity: tens of Hz over 4000 neurons for 1 s (measured 34 Hz for seed 1).
        double rate = spikes / 4000.0;
        Assert.InRange(rate, 5, 200);
    }

    [Fact]
    public void OneTwoAndFourThreads_AndScalar_GiveTheSameBits()
    {
        var one = Run(1);
        var two = Run(2);
        var four = Run(4);
        var scalar = Run(1, simd: false);
        foreach (var other in new[] { two, four, scalar })
        {
            Assert.Equal(one.Spikes, other.Spikes);
            Assert.Equal(one.Hash, other.Hash);
            Assert.Equal(one.V, other.V);
            Assert.Equal(one.M, other.M);
        }
    }

    [Fact]
    public void Stats_CountRatesCvAndActivity()
    {
        // Neuron 0 fires at steps 0, 10, 20 (regular: CV 0), neuron 3 at 0, 10, 30 (ISIs 1 and 2 ms), others never.
        int[] steps = { 0, 0, 10, 10, 20, 30 };
        int[] neurons = { 0, 3, 0, 3, 0, 3 };
        var st = RunStats.From(1, 10_000, 0.1, 0, steps, neurons, size: 4, numExcitatory: 2);
        Assert.Equal(6, st.Spikes);
        Assert.Equal(1.5, st.RateE, 12);   // 3 spikes / (2 neurons · 1 s)
        Assert.Equal(1.5, st.RateI, 12);
        Assert.Equal(2, st.CvNeurons);
        Assert.Equal((0 + 0.5 / 1.5) / 2, st.MeanCv, 12); // neuron 3: sd 0.5, mean 1.5
        Assert.Equal(0.5, st.FractionActive, 12);
    }
}
