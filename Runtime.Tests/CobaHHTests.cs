using System;
using COBAHH;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

// samples/COBAHH (issue 12): BrainPy's COBAHH with a user-written Traub–Miles neuron. 10 000 steps (1 s at dt = 0.1 ms):
// no NaN, no allocation in the step loop, the same bits for 1, 2 and 4 threads and with SIMD off; the file's connectivity
// (EventCSRLinear on FixedProb(80/4000, allow_multi_conn=True)).
[Collection(GlobalThreads.Name)] // sets or reads the process-wide Parallelism.Threads
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
            var net = new CobaHHNetwork(seed: 11, dt: 0.1);
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
        // Self-sustained activity: tens of Hz over 4000 neurons for 1 s (measured 40 Hz for seed 1).
        double rate = spikes / 4000.0;
        Assert.InRange(rate, 5, 200);
    }

    [Fact]
    public void RemovableSingularities_OfTheRates_GiveTheirLimits()
    {
        // α_m, β_m and α_n are x/(e^{x/k} − 1) with x = 0 at V = 13 + VT = −50, V = 40 + VT = −23 and V = 15 + VT = −48:
        // without the model's guard a float V exactly there gives 0/0 = NaN and the neuron is lost (seen in 1 s runs).
        foreach (bool simd in new[] { true, false })
        {
            var net = new CobaHHNetwork(seed: 11, dt: 0.1);
            net.N.UseSimd = simd;
            net.N.V[0] = -50f; net.N.V[1] = -23f; net.N.V[2] = -48f;
            net.N.V[3999] = -50f; // the scalar tail of the SIMD loop too
            net.Update(0f);
            foreach (int j in new[] { 0, 1, 2, 3999 })
                Assert.True(float.IsFinite(net.N.V[j]) && net.N.M[j] > 0 && net.N.M[j] < 1 && net.N.N[j] > 0 && net.N.N[j] < 1,
                    $"neuron {j}: V {net.N.V[j]}, m {net.N.M[j]}, n {net.N.N[j]} (simd {simd})");
        }
    }

    [Fact]
    public void Connectivity_EightyTargetsPerSource_DrawnWithReplacement_SelfAllowed()
    {
        var net = new CobaHHNetwork(seed: 11, dt: 0.1);
        Assert.Equal((3200, 4000, 3200L * 80), (net.E.Matrix.NumPre, net.E.Matrix.NumPost, net.E.Matrix.Synapses));
        Assert.Equal((800, 4000, 800L * 80), (net.I.Matrix.NumPre, net.I.Matrix.NumPost, net.I.Matrix.Synapses));
        foreach (var (m, offset) in new[] { (net.E.Matrix, 0), (net.I.Matrix, CobaHHNetwork.NumExcitatory) })
        {
            long repeats = 0, self = 0;
            for (int pre = 0; pre < m.NumPre; pre++)
            {
                int[] t = m.Targets(pre);
                Assert.Equal(80, t.Length);
                for (int k = 0; k < t.Length; k++)
                {
                    if (k > 0 && t[k] == t[k - 1]) repeats++;
                    if (t[k] == pre + offset) self++;
                }
            }
            // 80 draws from 4000 with replacement: C(80, 2)/4000 = 0.79 repeated pairs and 80/4000 = 0.02 self-connections
            // per source expected; without replacement there would be no repeats at all.
            double n = m.NumPre;
            Assert.InRange(repeats, 0.79 * n * 0.8, 0.79 * n * 1.2);
            Assert.InRange(self, 0.02 * n * 0.5, 0.02 * n * 1.5);
        }
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
