using System;
using System.Linq;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

/// <summary>The float64 references of BrainPyReference.cs against closed forms, analytic rheobases and the generated LifRef.</summary>
public class BrainPyReferenceTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-12)]
    [InlineData(-3e-6)]
    [InlineData(2e-5)]
    [InlineData(-0.02)]
    [InlineData(0.5)]
    [InlineData(-0.999)]
    [InlineData(3.0)]
    [InlineData(-40.0)]
    public void Phi_AgreesWithItsTaylorSeries_OrTheDirectForm(double z)
    {
        // Σ zᵏ/(k+1)! converges fast for |z| ≤ 3; beyond, (eᶻ − 1)/z has no cancellation.
        double expected;
        if (Math.Abs(z) <= 3)
        {
            double term = 1, sum = 0;
            for (int k = 0; k < 60; k++) { sum += term; term *= z / (k + 2); }
            expected = sum;
        }
        else expected = (Math.Exp(z) - 1) / z;
        Assert.True(Math.Abs(ExpAuto.Phi(z) - expected) <= 4e-16 * expected, $"φ({z}) = {ExpAuto.Phi(z)}, expected {expected}");
    }

    [Fact]
    public void ExpAuto_OnALinearOde_IsTheExactExponentialSolution()
    {
        // §2.2: f = −a(y − y∞) gives y∞ + (y − y∞)e^(−a·dt); Lif with frozen I: V∞ = V_rest + R·I.
        var lif = new RefLifRef(vRest: -60, vReset: -60, vTh: 1e9, tau: 20, v0: -70, dt: 0.1);
        double v = -70;
        for (int s = 0; s < 500; s++)
        {
            lif.Step(15);
            v = -45 + (v + 45) * Math.Exp(-0.1 / 20);
            Assert.Equal(v, lif.V, 1e-12);
        }
    }

    [Fact]
    public void LifRef_FirstSpikeAt139_ThenEvery189_AndMatchesTheGeneratedModel()
    {
        // brainpy-semantics.md §9.1 and ModelTests.SingleLifRef_FirstSpikeAndInterval_MatchClosedForm.
        var reference = new RefLifRef(vRest: -60, vReset: -60, vTh: -50, tau: 20, tauRef: 5, v0: -60, dt: 0.1);
        Assert.Equal(50, reference.RefractorySteps);
        var generated = new SingleNeuron(dt: 0.1);
        var refSpikes = new System.Collections.Generic.List<int>();
        var genSpikes = new System.Collections.Generic.List<int>();
        for (int s = 0; s < 2000; s++)
        {
            if (reference.Step(20)) refSpikes.Add(s);
            if (generated.Update(20f).Count > 0) genSpikes.Add(s);
            Assert.True(Math.Abs(generated.V[0] - reference.V) <= 1e-4 * Math.Abs(reference.V), $"step {s}: {generated.V[0]} vs {reference.V}");
        }
        Assert.Equal(138, refSpikes[0]); // the 139th step (index 138)
        Assert.All(refSpikes.Zip(refSpikes.Skip(1), (a, b) => b - a), d => Assert.Equal(189, d));
        Assert.Equal(refSpikes, genSpikes);
        Assert.Equal(10, refSpikes.Count); // 138 + 9·189 = 1839; the next would be 2028
    }

    [Fact]
    public void Derivatives_LinearTermsAreThePartialDerivatives()
    {
        // Central differences of f in its own variable, the other held (§2.2: A = ∂f/∂y).
        const double h = 1e-5;
        var izh = new RefIzhikevich();
        var exp = new RefExpIF(-65);
        var adex = new RefAdExIF(-65);
        foreach (double v in new[] { -80.0, -65, -58, -50, 10 })
            foreach (double u in new[] { -15.0, 0, 4 })
            {
                var d = izh.Derivative(v, u, 7);
                Assert.Equal((izh.Derivative(v + h, u, 7).FV - izh.Derivative(v - h, u, 7).FV) / (2 * h), d.AV, 1e-6);
                Assert.Equal((izh.Derivative(v, u + h, 7).FU - izh.Derivative(v, u - h, 7).FU) / (2 * h), d.AU, 1e-6);
                var e = exp.Derivative(v, 3);
                Assert.Equal((exp.Derivative(v + h, 3).F - exp.Derivative(v - h, 3).F) / (2 * h), e.A, 1e-6 * Math.Max(1, Math.Abs(e.A)));
                var a = adex.Derivative(v, u, 9);
                Assert.Equal((adex.Derivative(v + h, u, 9).FV - adex.Derivative(v - h, u, 9).FV) / (2 * h), a.AV, 1e-6 * Math.Max(1, Math.Abs(a.AV)));
                Assert.Equal((adex.Derivative(v, u + h, 9).FW - adex.Derivative(v, u - h, 9).FW) / (2 * h), a.AW, 1e-6);
            }
    }

    [Fact]
    public void ExpIF_RheobaseIsAnalytic()
    {
        // Saddle-node at V = V_T: I_rh = V_T − V_rest − ΔT = 1.62. Below it V settles; just above it fires (slowly).
        var probe = new RefExpIF(-65);
        Assert.Equal(1.62, probe.Rheobase, 12);
        Assert.Empty(new RefExpIF(-65).Run(1.60, 20_000).SpikeSteps);
        Assert.NotEmpty(new RefExpIF(-65).Run(1.65, 20_000).SpikeSteps);
    }

    [Fact]
    public void AdExIF_FromRest_FiresBelowTheSaddleNodeRheobase_ButNotFarBelow()
    {
        // The saddle-node with w at steady state is at (1 + a)(V_T + ΔT·ln 2 − V_rest − ΔT) = 8.064; with τ_w = 3τ and
        // w starting at 0 the model fires tonically already at 7 (brainpy-semantics.md's defaults), and not at all at 4.9.
        Assert.Equal(8.0643, new RefAdExIF(-65).Rheobase, 4);
        Assert.Empty(new RefAdExIF(-65).Run(4.9, 20_000).SpikeSteps);
        Assert.True(new RefAdExIF(-65).Run(7, 20_000).SpikeSteps.Count > 20);
    }

    [Fact]
    public void Izhikevich_DoesNotFireAt2_7_FiresTonicallyAboveTheHopfPoint()
    {
        // Equilibrium with u = bV loses stability where ∂f_V/∂V = a: V = (a − p2)/(2p1) = −62.25, I = 3.7975 (Hopf).
        Assert.Empty(new RefIzhikevich().Run(2.7, 20_000).SpikeSteps);
        Assert.True(new RefIzhikevich().Run(4.0, 20_000).SpikeSteps.Count > 5);
    }

    [Theory]
    // model, input, dt, expected spike count in 2000 steps (the inputs of NewModelTests)
    [InlineData("izh", 5.0, 0.1, 3)]
    [InlineData("izh", 5.0, 0.05, 2)]
    [InlineData("izh", 20.0, 0.1, 11)]
    [InlineData("izh", 20.0, 0.05, 6)]
    [InlineData("expif", 3.0, 0.1, 3)]
    [InlineData("expif", 3.0, 0.05, 2)]
    [InlineData("expif", 20.0, 0.1, 30)]
    [InlineData("expif", 20.0, 0.05, 15)]
    [InlineData("adex", 7.0, 0.1, 4)]
    [InlineData("adex", 7.0, 0.05, 2)]
    [InlineData("adex", 30.0, 0.1, 35)]
    [InlineData("adex", 30.0, 0.05, 18)]
    public void ChosenInputs_SpikeAFewTimes_AndAreRobust(string model, double x, double dt, int count)
    {
        Func<RefNeuron> make = model switch
        {
            "izh" => () => new RefIzhikevich(dt),
            "expif" => () => new RefExpIF(-65, dt),
            _ => () => new RefAdExIF(-65, dt),
        };
        var steps = make().Run(x, 2000).SpikeSteps;
        Assert.Equal(count, steps.Count);
        // Float32 rounding perturbs the trajectory by far less than a 1e-5 relative change of the input: the spike steps
        // must not move, or the equality test of NewModelTests would test rounding luck.
        Assert.Equal(steps, make().Run(x * (1 + 1e-5), 2000).SpikeSteps);
        Assert.Equal(steps, make().Run(x * (1 - 1e-5), 2000).SpikeSteps);
    }

    [Fact]
    public void DualExponV2_A_NormalisesThePeakToOne()
    {
        Assert.Equal(1.43506, RefDualExponV2.DefaultA(10, 1), 5); // §3.1
        var syn = new RefDualExponV2(10, 1);
        double tPeak = RefDualExponV2.PeakTime(10, 1);
        Assert.Equal(1, syn.Kernel(tPeak), 12);
        Assert.True(syn.Kernel(tPeak - 0.01) < 1 && syn.Kernel(tPeak + 0.01) < 1);
        // The stepped reference follows the kernel: one unit event, n steps later A·(g_d − g_r) = K(n·dt).
        syn.Add(1);
        for (int n = 1; n <= 100; n++)
        {
            syn.Decay();
            Assert.Equal(syn.Kernel(n * 0.1), syn.Value, 12);
        }
    }
}
