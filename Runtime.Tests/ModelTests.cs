using System;
using System.Linq;
using System.Reflection;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

public class ModelTests
{
    [Fact]
    public void MergedHalfWeights_BehaveLikeOneFullWeightProjection()
    {
        var a = new MergeA(seed: 7);
        var b = new MergeB(seed: 7);
        // Same connectivity on purpose: the same seed and an explicit shared stream id (each type's default differs).
        var full = new FullWeight(a, seed: 11, streamId: 1);
        var half1 = new HalfWeight1(b, seed: 11, streamId: 1);
        var half2 = new HalfWeight2(b, seed: 11, streamId: 1);
        Assert.Same(b.G0, typeof(HalfWeight1).GetField("__g", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(half1));
        Assert.Same(b.G0, typeof(HalfWeight2).GetField("__g", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(half2));
        Assert.Null(typeof(MergeB).GetField("G1")); // one buffer only

        var rng = new Random(3);
        int[] pre = new int[300];
        int spikesSeen = 0;
        for (int step = 0; step < 400; step++)
        {
            // The same random external spikes for both.
            int n = 0;
            for (int j = 0; j < 300; j++) if (rng.NextDouble() < 0.02) pre[n++] = j;
            var spk = new Spikes(pre.AsSpan(0, n), 300);
            full.Deliver(spk);
            half1.Deliver(spk);
            half2.Deliver(spk);
            spikesSeen += a.Update(5f).Count;
            b.Update(5f);
            for (int i = 0; i < 300; i++)
                Assert.True(Math.Abs(a.V[i] - b.V[i]) <= 1e-4f * Math.Max(1f, Math.Abs(a.V[i])), $"step {step} neuron {i}: {a.V[i]} vs {b.V[i]}");
        }
        Assert.True(spikesSeen > 0);
        Assert.Contains(a.G0, g => g != 0);
    }

    [Fact]
    public void SingleLifRef_FirstSpikeAndInterval_MatchClosedForm()
    {
        const float input = 20f;
        var n = new SingleNeuron(dt: 0.1);
        // Closed form of V_{k+1} = V_k + c(V∞ − V_k): V_k = V∞ + (V_0 − V∞)(1 − c)^k. First k with V_k ≥ V_th:
        double vInf = -60 + input, c = 1 - Math.Exp(-0.1 / 20);
        int k = (int)Math.Ceiling(Math.Log((-50 - vInf) / (-60 - vInf)) / Math.Log(1 - c));
        Assert.Equal(139, k); // brainpy-semantics.md §9.1: 139 integration steps
        int refSteps = n.RefractorySteps;
        Assert.Equal(50, refSteps);

        var spikeSteps = new System.Collections.Generic.List<int>();
        for (int step = 0; step < 1000; step++)
            if (n.Update(input).Count > 0) spikeSteps.Add(step);

        Assert.Equal(k - 1, spikeSteps[0]); // V after step s is V_{s+1}
        for (int s = 1; s < spikeSteps.Count; s++)
            Assert.Equal(refSteps + k, spikeSteps[s] - spikeSteps[s - 1]); // held R steps, then k steps from V_reset
        Assert.True(spikeSteps.Count >= 5);
    }

    [Theory]
    [InlineData(0.1, 50)]
    [InlineData(0.05, 100)]
    [InlineData(0.2, 25)]
    [InlineData(0.3, 16)] // 16·0.3 = 4.8 ≤ 5 < 5.1
    public void RefractorySteps_FollowDt(double dt, int expected)
    {
        Assert.Equal(expected, new SingleNeuron(dt: dt).RefractorySteps);
    }

    [Fact]
    public void Dt_DefaultsToSimulationSetting()
    {
        Assert.Equal(Simulation.DefaultDt, new SingleNeuron().Dt);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SingleNeuron(dt: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SingleNeuron(dt: double.NaN));
    }

    [Fact]
    public void Expon_OneSpike_SeenByMembraneAs_wTimesDecayPowerK_FromTheNextStepOn()
    {
        var post = new Probe(dt: 0.1);
        var proj = new ProbeInput(post, seed: 1);
        // The pre spike of step t is delivered at the start of step t + 1, then the post decays and uses g.
        proj.Deliver(new Spikes(new[] { 0 }, 2));
        for (int k = 1; k <= 200; k++)
        {
            post.Update(0f);
            double expected = 0.6 * Math.Exp(-k * 0.1 / 5);
            for (int i = 0; i < 4; i++)
                Assert.True(Math.Abs(proj.Conductance[i] - expected) <= 2e-6 * expected, $"k={k}: {proj.Conductance[i]} vs {expected}");
        }
        Assert.Equal(0.588119f, (float)(0.6 * Math.Exp(-0.02)), 6);
    }

    [Fact]
    public void Expon_FirstConductanceSeen_IsWeightTimesDecay_AndMovesV()
    {
        var post = new Probe(dt: 0.1);
        var proj = new ProbeInput(post, seed: 1);
        proj.Deliver(new Spikes(new[] { 1 }, 2));
        post.Update(0f);
        float g = (float)(0.6 * Math.Exp(-0.02));
        Assert.Equal(g, proj.Conductance[0], 5);
        // V moved by exactly the exponential-Euler step with I = g·(0 − V_old).
        float c = (float)(1 - Math.Exp(-0.1 / 20));
        float expectedV = -60f + c * (-60f + proj.Conductance[0] * (0f - -60f) - -60f);
        Assert.Equal(expectedV, post.V[0]);
    }

    [Fact]
    public void NegativeCubaWeight_Hyperpolarises()
    {
        var post = new Probe(dt: 0.1);
        var inh = new ProbeInhibitoryCuba(post, seed: 1);
        inh.Deliver(new Spikes(new[] { 0, 1 }, 2));
        post.Update(0f);
        Assert.True(inh.Conductance[0] < 0);
        Assert.True(post.V[0] < -60f);
    }

    [Fact]
    public void Deliver_RejectsSpikesOfTheWrongLength()
    {
        var post = new Probe();
        var proj = new ProbeInput(post);
        var ex = Assert.Throws<ArgumentException>(() => proj.Deliver(Spikes.None(3)));
        Assert.Contains("ProbeInput.Deliver", ex.Message);
        Assert.Contains("3", ex.Message);
        Assert.Contains("numIn = 2", ex.Message);
    }
}
