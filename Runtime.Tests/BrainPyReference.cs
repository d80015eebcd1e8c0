using System;
using System.Collections.Generic;

namespace SpikeSharp.Runtime.Tests;

// Float64 reference implementations of BrainPy 2.6.0's point neurons and the DualExponV2 synapse, written from
// ../shared/docs/brainpy-semantics.md (§2.1 step template, §2.2 exp_auto, §2.3 Lif/LifRef, §2.4 table, §3.1 DualExponV2),
// which in turn was read from brainpy/_src/dyn/neurons/lif.py and brainpy/_src/dyn/synapses/abstract_models.py (V2.6.0).
// They are slow, scalar and independent of the generator: the generated float32 models are compared with them.
// Refractoriness counts steps (SpikeSharp's design.md decision 2), as the generated LifRef does. The …Ref models
// (LifRef, IzhikevichRef, ExpIFRef, AdExIFRef, QuaIFRef, AdQuaIFRef; lif.py V2.6.0 *RefLTC.update) are their base model
// with tauRef > 0: after integration, V takes its old value where the neuron is refractory; the other states integrate
// and reset as usual. tauRef = 0 (BrainPy's default) holds nothing, so it is the base model.
// QuaIF and AdQuaIF follow lif.py V2.6.0 directly (QuaIFLTC.derivative line 2095; AdQuaIFLTC.dV, dw, update lines 2677,
// 2681, 2717), where brainpy-semantics.md §2.4 has the same equations.

/// <summary>Exponential Euler (BrainPy <c>exp_auto</c>, brainpy-semantics.md §2.2) in float64.</summary>
public static class ExpAuto
{
    /// <summary>φ(z) = (eᶻ − 1)/z, φ(0) = 1, accurate to a few ulps everywhere (.NET has no expm1).
    /// |z| &lt; 1e-5: the series 1 + z/2 + z²/6 (next term z³/24 &lt; 5e-17). 1e-5 ≤ |z| &lt; 1: Kahan's form (u − 1)/ln u with
    /// u = eᶻ, whose rounding errors cancel (W. Kahan, via Higham, Accuracy and Stability of Numerical Algorithms, §1.14.1).
    /// |z| ≥ 1: (eᶻ − 1)/z directly (no cancellation).</summary>
    public static double Phi(double z)
    {
        double az = Math.Abs(z);
        if (az < 1e-5) return 1 + z / 2 + z * z / 6;
        if (az < 1)
        {
            double u = Math.Exp(z);
            return (u - 1) / Math.Log(u);
        }
        return (Math.Exp(z) - 1) / z;
    }

    /// <summary>One exp_auto step of a variable y with derivative <paramref name="f"/> and linear term
    /// <paramref name="a"/> = ∂f/∂y, both at the old state: y + dt·φ(dt·a)·f.</summary>
    public static double Step(double y, double f, double a, double dt) => y + dt * Phi(dt * a) * f;
}

/// <summary>A float64 point neuron following brainpy-semantics.md §2.1 with no synapses: I = x, every variable integrated
/// from the same old state, spike = V_new ≥ V_th, reset where spiking.</summary>
public abstract class RefNeuron
{
    protected RefNeuron(double dt) => Dt = dt;

    /// <summary>Time step (ms).</summary>
    public double Dt { get; }
    /// <summary>Steps taken.</summary>
    public int StepIndex { get; private set; }
    /// <summary>Membrane potential (mV).</summary>
    public double V { get; protected set; }

    /// <summary>State variables in a fixed order (V first).</summary>
    public abstract double[] State { get; }

    /// <summary>Steps V is held after a spike: the k ≥ 1 with k·dt ≤ τ_ref (tolerance 1e-9·dt), as
    /// Simulation.RefractorySteps (design.md decision 2); 0 for a model without refractoriness.</summary>
    public int RefractorySteps { get; private set; }

    /// <summary>Step of the last spike (far in the past at first, as BrainPy's t_last_spike = −1e7).</summary>
    public long LastSpikeStep { get; private set; } = long.MinValue / 2;

    /// <summary>Sets the refractory period (ms): the constructors of the models that have one call this.</summary>
    protected void SetRefractoryPeriod(double tauRef) => RefractorySteps = (int)Math.Floor(tauRef / Dt + 1e-9);

    /// <summary>Continues from another run: the next step is <paramref name="stepIndex"/>, the last spike was at
    /// <paramref name="lastSpikeStep"/> (for a one-step comparison from a generated model's state).</summary>
    public RefNeuron ContinueAt(int stepIndex, long lastSpikeStep)
    {
        StepIndex = stepIndex;
        LastSpikeStep = lastSpikeStep;
        return this;
    }

    /// <summary>§2.1 step 3: V's integrated value, or its old value where the neuron is refractory.</summary>
    protected double Hold(double vNew, double vOld, int step) => step - LastSpikeStep <= RefractorySteps ? vOld : vNew;

    /// <summary>Records a spike at <paramref name="step"/> (t_last_spike ← t).</summary>
    protected void Spiked(int step) => LastSpikeStep = step;

    /// <summary>Advances one step with external current <paramref name="x"/>; returns whether the neuron spiked.</summary>
    public bool Step(double x)
    {
        bool spike = StepCore(x, StepIndex);
        StepIndex++;
        return spike;
    }

    protected abstract bool StepCore(double x, int step);

    /// <summary>Runs <paramref name="steps"/> steps with the constant input <paramref name="x"/>: the steps that spiked and the
    /// state after every step.</summary>
    public (List<int> SpikeSteps, double[][] States) Run(double x, int steps)
    {
        var spikes = new List<int>();
        var states = new double[steps][];
        for (int s = 0; s < steps; s++)
        {
            if (Step(x)) spikes.Add(StepIndex - 1);
            states[s] = State;
        }
        return (spikes, states);
    }
}

/// <summary>bp.dyn.Lif / bp.dyn.LifRef (§2.3): τ dV/dt = −(V − V_rest) + R·I; held at its old value for the
/// <see cref="RefractorySteps"/> steps after a spike.</summary>
public sealed class RefLifRef : RefNeuron
{
    readonly double vRest, vReset, vTh, r, tau;

    public RefLifRef(double vRest, double vReset, double vTh, double tau, double tauRef = 0, double r = 1, double v0 = 0, double dt = 0.1) : base(dt)
    {
        (this.vRest, this.vReset, this.vTh, this.r, this.tau) = (vRest, vReset, vTh, r, tau);
        SetRefractoryPeriod(tauRef);
        V = v0;
    }

    public override double[] State => [V];

    /// <summary>dV/dt and ∂(dV/dt)/∂V.</summary>
    public (double F, double A) Derivative(double v, double current) => ((-(v - vRest) + r * current) / tau, -1 / tau);

    protected override bool StepCore(double x, int step)
    {
        var (f, a) = Derivative(V, x);
        double vNew = Hold(ExpAuto.Step(V, f, a, Dt), V, step);
        bool spike = vNew >= vTh;
        if (spike) { vNew = vReset; Spiked(step); }
        V = vNew;
        return spike;
    }
}

/// <summary>bp.dyn.Izhikevich (§2.4): dV/dt = p1·V² + p2·V + p3 − u + I, du/dt = a(b·V − u); spike V ≥ V_th → V = c,
/// u = u_new + d. u₀ = b·V₀. With <c>tauRef</c> &gt; 0: bp.dyn.IzhikevichRef (V held, u integrates).</summary>
public sealed class RefIzhikevich : RefNeuron
{
    public const double DefaultVTh = 30, DefaultP1 = 0.04, DefaultP2 = 5, DefaultP3 = 140, DefaultA = 0.02, DefaultB = 0.2, DefaultC = -65, DefaultD = 8, DefaultV0 = -70;
    readonly double vTh, p1, p2, p3, a, b, c, d;

    public RefIzhikevich(double dt = 0.1, double vTh = DefaultVTh, double p1 = DefaultP1, double p2 = DefaultP2, double p3 = DefaultP3,
        double a = DefaultA, double b = DefaultB, double c = DefaultC, double d = DefaultD, double v0 = DefaultV0, double? u0 = null, double tauRef = 0) : base(dt)
    {
        (this.vTh, this.p1, this.p2, this.p3, this.a, this.b, this.c, this.d) = (vTh, p1, p2, p3, a, b, c, d);
        SetRefractoryPeriod(tauRef);
        V = v0;
        U = u0 ?? b * v0;
    }

    public double U { get; private set; }
    public override double[] State => [V, U];

    /// <summary>(dV/dt, ∂/∂V) and (du/dt, ∂/∂u) at (v, u) with current I.</summary>
    public (double FV, double AV, double FU, double AU) Derivative(double v, double u, double current) =>
        (p1 * v * v + p2 * v + p3 - u + current, 2 * p1 * v + p2, a * (b * v - u), -a);

    protected override bool StepCore(double x, int step)
    {
        var (fv, av, fu, au) = Derivative(V, U, x);
        double vNew = Hold(ExpAuto.Step(V, fv, av, Dt), V, step), uNew = ExpAuto.Step(U, fu, au, Dt);
        bool spike = vNew >= vTh;
        if (spike) { vNew = c; uNew += d; Spiked(step); }
        (V, U) = (vNew, uNew);
        return spike;
    }
}

/// <summary>bp.dyn.ExpIF (§2.4): τ dV/dt = −(V − V_rest) + ΔT·exp((V − V_T)/ΔT) + R·I; spike V ≥ V_th → V_reset. With
/// <c>tauRef</c> &gt; 0: bp.dyn.ExpIFRef.</summary>
public sealed class RefExpIF : RefNeuron
{
    public const double DefaultVRest = -65, DefaultVReset = -68, DefaultVTh = -55, DefaultVT = -59.9, DefaultDeltaT = 3.48, DefaultR = 1, DefaultTau = 10, DefaultV0 = 0;
    readonly double vRest, vReset, vTh, vT, deltaT, r, tau;

    public RefExpIF(double v0, double dt = 0.1, double vRest = DefaultVRest, double vReset = DefaultVReset, double vTh = DefaultVTh,
        double vT = DefaultVT, double deltaT = DefaultDeltaT, double r = DefaultR, double tau = DefaultTau, double tauRef = 0) : base(dt)
    {
        (this.vRest, this.vReset, this.vTh, this.vT, this.deltaT, this.r, this.tau) = (vRest, vReset, vTh, vT, deltaT, r, tau);
        SetRefractoryPeriod(tauRef);
        V = v0;
    }

    public override double[] State => [V];

    /// <summary>Rheobase of the saddle-node: f(V) = 0 and f'(V) = 0 give V = V_T and R·I = V_T − V_rest − ΔT.</summary>
    public double Rheobase => (vT - vRest - deltaT) / r;

    public (double F, double A) Derivative(double v, double current)
    {
        double e = Math.Exp((v - vT) / deltaT);
        return ((-(v - vRest) + deltaT * e + r * current) / tau, (-1 + e) / tau);
    }

    protected override bool StepCore(double x, int step)
    {
        var (f, a) = Derivative(V, x);
        double vNew = Hold(ExpAuto.Step(V, f, a, Dt), V, step);
        bool spike = vNew >= vTh;
        if (spike) { vNew = vReset; Spiked(step); }
        V = vNew;
        return spike;
    }
}

/// <summary>bp.dyn.AdExIF (§2.4): τ dV/dt = −V + V_rest + ΔT·exp((V − V_T)/ΔT) − R·w + R·I, τ_w dw/dt = a(V − V_rest) − w;
/// spike V ≥ V_th → V = V_reset, w = w_new + b. With <c>tauRef</c> &gt; 0: bp.dyn.AdExIFRef (V held, w integrates).</summary>
public sealed class RefAdExIF : RefNeuron
{
    public const double DefaultA = 1, DefaultB = 1, DefaultTauW = 30, DefaultW0 = 0;
    readonly double vRest, vReset, vTh, vT, deltaT, a, b, r, tau, tauW;

    public RefAdExIF(double v0, double dt = 0.1, double w0 = DefaultW0, double vRest = RefExpIF.DefaultVRest, double vReset = RefExpIF.DefaultVReset,
        double vTh = RefExpIF.DefaultVTh, double vT = RefExpIF.DefaultVT, double deltaT = RefExpIF.DefaultDeltaT, double a = DefaultA, double b = DefaultB,
        double r = RefExpIF.DefaultR, double tau = RefExpIF.DefaultTau, double tauW = DefaultTauW, double tauRef = 0) : base(dt)
    {
        (this.vRest, this.vReset, this.vTh, this.vT, this.deltaT, this.a, this.b, this.r, this.tau, this.tauW) = (vRest, vReset, vTh, vT, deltaT, a, b, r, tau, tauW);
        SetRefractoryPeriod(tauRef);
        V = v0;
        W = w0;
    }

    public double W { get; private set; }
    public override double[] State => [V, W];

    /// <summary>Rheobase of the saddle-node with w at its steady state a(V − V_rest): −(1 + Ra)(V − V_rest) + ΔT·e^((V−V_T)/ΔT) + R·I
    /// and its V-derivative vanish at V* = V_T + ΔT·ln(1 + Ra), so R·I = (1 + Ra)(V* − V_rest − ΔT).</summary>
    public double Rheobase
    {
        get
        {
            double k = 1 + r * a, vStar = vT + deltaT * Math.Log(k);
            return k * (vStar - vRest - deltaT) / r;
        }
    }

    public (double FV, double AV, double FW, double AW) Derivative(double v, double w, double current)
    {
        double e = Math.Exp((v - vT) / deltaT);
        return ((-v + vRest + deltaT * e - r * w + r * current) / tau, (-1 + e) / tau, (a * (v - vRest) - w) / tauW, -1 / tauW);
    }

    protected override bool StepCore(double x, int step)
    {
        var (fv, av, fw, aw) = Derivative(V, W, x);
        double vNew = Hold(ExpAuto.Step(V, fv, av, Dt), V, step), wNew = ExpAuto.Step(W, fw, aw, Dt);
        bool spike = vNew >= vTh;
        if (spike) { vNew = vReset; wNew += b; Spiked(step); }
        (V, W) = (vNew, wNew);
        return spike;
    }
}

/// <summary>bp.dyn.QuaIF (lif.py V2.6.0 line 2095): τ dV/dt = c(V − V_rest)(V − V_c) + R·I; spike V ≥ V_th → V_reset.
/// With <c>tauRef</c> &gt; 0: bp.dyn.QuaIFRef.</summary>
public sealed class RefQuaIF : RefNeuron
{
    public const double DefaultVRest = -65, DefaultVReset = -68, DefaultVTh = -30, DefaultVC = -50, DefaultC = 0.07, DefaultR = 1, DefaultTau = 10, DefaultV0 = 0;
    readonly double vRest, vReset, vTh, vC, c, r, tau;

    public RefQuaIF(double v0, double dt = 0.1, double vRest = DefaultVRest, double vReset = DefaultVReset, double vTh = DefaultVTh,
        double vC = DefaultVC, double c = DefaultC, double r = DefaultR, double tau = DefaultTau, double tauRef = 0) : base(dt)
    {
        (this.vRest, this.vReset, this.vTh, this.vC, this.c, this.r, this.tau) = (vRest, vReset, vTh, vC, c, r, tau);
        SetRefractoryPeriod(tauRef);
        V = v0;
    }

    public override double[] State => [V];

    /// <summary>Rheobase of the saddle-node: f is smallest at V = (V_rest + V_c)/2, where it is −c(V_c − V_rest)²/4 + R·I,
    /// so R·I = c(V_c − V_rest)²/4.</summary>
    public double Rheobase => c * (vC - vRest) * (vC - vRest) / 4 / r;

    public (double F, double A) Derivative(double v, double current) =>
        ((c * (v - vRest) * (v - vC) + r * current) / tau, c * (2 * v - vRest - vC) / tau);

    protected override bool StepCore(double x, int step)
    {
        var (f, a) = Derivative(V, x);
        double vNew = Hold(ExpAuto.Step(V, f, a, Dt), V, step);
        bool spike = vNew >= vTh;
        if (spike) { vNew = vReset; Spiked(step); }
        V = vNew;
        return spike;
    }
}

/// <summary>bp.dyn.AdQuaIF (lif.py V2.6.0 lines 2677, 2681, 2717): τ dV/dt = c(V − V_rest)(V − V_c) − w + I (no R),
/// τ_w dw/dt = a(V − V_rest) − w; spike V ≥ V_th → V = V_reset, w = w_new + b. With <c>tauRef</c> &gt; 0:
/// bp.dyn.AdQuaIFRef (V held, w integrates).</summary>
public sealed class RefAdQuaIF : RefNeuron
{
    public const double DefaultA = 1, DefaultB = 0.1, DefaultTauW = 10, DefaultW0 = 0;
    readonly double vRest, vReset, vTh, vC, a, b, c, tau, tauW;

    public RefAdQuaIF(double v0, double dt = 0.1, double w0 = DefaultW0, double vRest = RefQuaIF.DefaultVRest, double vReset = RefQuaIF.DefaultVReset,
        double vTh = RefQuaIF.DefaultVTh, double vC = RefQuaIF.DefaultVC, double a = DefaultA, double b = DefaultB, double c = RefQuaIF.DefaultC,
        double tau = RefQuaIF.DefaultTau, double tauW = DefaultTauW, double tauRef = 0) : base(dt)
    {
        (this.vRest, this.vReset, this.vTh, this.vC, this.a, this.b, this.c, this.tau, this.tauW) = (vRest, vReset, vTh, vC, a, b, c, tau, tauW);
        SetRefractoryPeriod(tauRef);
        V = v0;
        W = w0;
    }

    public double W { get; private set; }
    public override double[] State => [V, W];

    /// <summary>Rheobase of the saddle-node with w at its steady state a(V − V_rest): with u = V − V_rest, d = V_c − V_rest,
    /// f·τ = c·u² − (c·d + a)·u + I, smallest at u = (c·d + a)/(2c), so I = (c·d + a)²/(4c).</summary>
    public double Rheobase => (c * (vC - vRest) + a) * (c * (vC - vRest) + a) / (4 * c);

    public (double FV, double AV, double FW, double AW) Derivative(double v, double w, double current) =>
        ((c * (v - vRest) * (v - vC) - w + current) / tau, c * (2 * v - vRest - vC) / tau, (a * (v - vRest) - w) / tauW, -1 / tauW);

    protected override bool StepCore(double x, int step)
    {
        var (fv, av, fw, aw) = Derivative(V, W, x);
        double vNew = Hold(ExpAuto.Step(V, fv, av, Dt), V, step), wNew = ExpAuto.Step(W, fw, aw, Dt);
        bool spike = vNew >= vTh;
        if (spike) { vNew = vReset; wNew += b; Spiked(step); }
        (V, W) = (vNew, wNew);
        return spike;
    }
}

/// <summary>bp.dyn.Gif / bp.dyn.GifRef (lif.py V2.6.0 GifLTC.dI1, dI2, dVth, dV lines 3352–3363 and update 3376–3410;
/// GifRefLTC.update 3763–3812): dI1/dt = −k1·I1, dI2/dt = −k2·I2, dV_th/dt = a(V − V_rest) − b(V_th − V_th_inf),
/// τ dV/dt = −(V − V_rest) + R(I + I1 + I2), all four by exp_auto from the same old state (JointEq: each variable's
/// A is its own ∂f/∂y, the others at their old values). Spike: the OLD threshold ≤ the integrated V (line 3400
/// <c>self.V_th &lt;= V</c>, 3798 <c>V &gt;= self.V_th</c>: self.V_th is not yet updated); where spiking V = V_reset,
/// I1 = R1·I1 + A1, I2 = R2·I2 + A2, V_th = max(V_th_reset, V_th), on the integrated values. With <c>tauRef</c> &gt; 0:
/// GifRef (V held, I1, I2, V_th integrate).</summary>
public sealed class RefGif : RefNeuron
{
    public const double DefaultVRest = -70, DefaultVReset = -70, DefaultVThInf = -50, DefaultVThReset = -60, DefaultR = 20, DefaultTau = 20,
        DefaultA = 0, DefaultB = 0.01, DefaultK1 = 0.2, DefaultK2 = 0.02, DefaultR1 = 0, DefaultR2 = 1, DefaultA1 = 0, DefaultA2 = 0,
        DefaultV0 = -70, DefaultVTh0 = -50;
    readonly double vRest, vReset, vThInf, vThReset, r, tau, a, b, k1, k2, r1, r2, a1, a2;

    public RefGif(double dt = 0.1, double v0 = DefaultV0, double vTh0 = DefaultVTh0, double i10 = 0, double i20 = 0,
        double vRest = DefaultVRest, double vReset = DefaultVReset, double vThInf = DefaultVThInf, double vThReset = DefaultVThReset,
        double r = DefaultR, double tau = DefaultTau, double a = DefaultA, double b = DefaultB, double k1 = DefaultK1, double k2 = DefaultK2,
        double r1 = DefaultR1, double r2 = DefaultR2, double a1 = DefaultA1, double a2 = DefaultA2, double tauRef = 0) : base(dt)
    {
        (this.vRest, this.vReset, this.vThInf, this.vThReset, this.r, this.tau, this.a, this.b) = (vRest, vReset, vThInf, vThReset, r, tau, a, b);
        (this.k1, this.k2, this.r1, this.r2, this.a1, this.a2) = (k1, k2, r1, r2, a1, a2);
        SetRefractoryPeriod(tauRef);
        V = v0;
        VTh = vTh0;
        I1 = i10;
        I2 = i20;
    }

    public double VTh { get; private set; }
    public double I1 { get; private set; }
    public double I2 { get; private set; }

    /// <summary>V, VTh, I1, I2.</summary>
    public override double[] State => [V, VTh, I1, I2];

    protected override bool StepCore(double x, int step)
    {
        double i1New = ExpAuto.Step(I1, -k1 * I1, -k1, Dt);
        double i2New = ExpAuto.Step(I2, -k2 * I2, -k2, Dt);
        double vThNew = ExpAuto.Step(VTh, a * (V - vRest) - b * (VTh - vThInf), -b, Dt);
        double vNew = Hold(ExpAuto.Step(V, (-(V - vRest) + r * (x + I1 + I2)) / tau, -1 / tau, Dt), V, step);
        bool spike = VTh <= vNew; // the threshold of the step's start
        if (spike)
        {
            vNew = vReset;
            i1New = r1 * i1New + a1;
            i2New = r2 * i2New + a2;
            vThNew = Math.Max(vThReset, vThNew);
            Spiked(step);
        }
        (V, VTh, I1, I2) = (vNew, vThNew, i1New, i2New);
        return spike;
    }
}

/// <summary>bp.dyn.DualExponV2 on a merged align-post projection (§3.1, §4.2 item 1): a delivered event of weight w adds w
/// to both g_rise and g_decay; the post's step then decays both and uses A·(g_decay − g_rise).</summary>
public sealed class RefDualExponV2
{
    public const double DefaultTauDecay = 10, DefaultTauRise = 1;

    public RefDualExponV2(double tauDecay = DefaultTauDecay, double tauRise = DefaultTauRise, double? a = null, double dt = 0.1)
    {
        (TauDecay, TauRise, Dt) = (tauDecay, tauRise, dt);
        A = a ?? DefaultA(tauDecay, tauRise);
    }

    public double TauDecay { get; }
    public double TauRise { get; }
    public double A { get; }
    public double Dt { get; }
    public double GRise { get; private set; }
    public double GDecay { get; private set; }

    /// <summary>The output value A·(g_decay − g_rise) (the current under CUBA, the conductance under COBA).</summary>
    public double Value => A * (GDecay - GRise);

    /// <summary>A = τd/(τd − τr)·(τr/τd)^(τr/(τr − τd)): the normalisation that makes the peak of one unit event 1 (§3.1).</summary>
    public static double DefaultA(double tauDecay, double tauRise) =>
        tauDecay / (tauDecay - tauRise) * Math.Pow(tauRise / tauDecay, tauRise / (tauRise - tauDecay));

    /// <summary>Time of the peak of e^(−t/τd) − e^(−t/τr): τd·τr/(τd − τr)·ln(τd/τr).</summary>
    public static double PeakTime(double tauDecay, double tauRise) => tauDecay * tauRise / (tauDecay - tauRise) * Math.Log(tauDecay / tauRise);

    /// <summary>A·(e^(−t/τd) − e^(−t/τr)): the value at time t after one unit event.</summary>
    public double Kernel(double t) => A * (Math.Exp(-t / TauDecay) - Math.Exp(-t / TauRise));

    public void Add(double w) { GRise += w; GDecay += w; }

    public void Decay()
    {
        GRise *= Math.Exp(-Dt / TauRise);
        GDecay *= Math.Exp(-Dt / TauDecay);
    }
}

/// <summary>bp.dyn.LifLTC / LifRefLTC / ExpIFLTC / ExpIFRefLTC (brainpy-semantics.md §2.1, §2.3; BrainPy 2.6.0 lif.py, whose
/// <c>derivative(V, t, I)</c> starts with <c>I = self.sum_current_inputs(V, init=I)</c>): the COBA outputs are evaluated
/// inside f, so exp_auto's A = ∂f/∂V includes them. With COBA conductances g_k (after their decay this step) and
/// reversals E_k: f(V) = (−(V − V_rest) [+ ΔT·e^((V − V_T)/ΔT)] + R·(x + Σ g_k(E_k − V)))/τ,
/// A = (−1 [+ e^((V − V_T)/ΔT)] − R·Σ g_k)/τ. Refractoriness as <see cref="RefLifRef"/> (steps, design.md decision 2).
/// Give the conductances of the coming step with <see cref="SetCoba"/> before <see cref="RefNeuron.Step"/>.</summary>
public sealed class RefLtc : RefNeuron
{
    readonly bool expIF;
    readonly double vRest, vReset, vTh, r, tau, vT, deltaT;
    long lastSpike = long.MinValue / 2;
    (double G, double E)[] coba = [];

    RefLtc(bool expIF, double vRest, double vReset, double vTh, double tau, double tauRef, double r, double vT, double deltaT, double v0, double dt) : base(dt)
    {
        (this.expIF, this.vRest, this.vReset, this.vTh, this.tau, this.r, this.vT, this.deltaT) = (expIF, vRest, vReset, vTh, tau, r, vT, deltaT);
        SetRefractoryPeriod(tauRef);
        V = v0;
    }

    /// <summary>LifLTC (<paramref name="tauRef"/> 0 behaves as LifLTC: no step k ≥ 1 has k·dt ≤ 0) or LifRefLTC.</summary>
    public static RefLtc Lif(double vRest, double vReset, double vTh, double tau, double tauRef = 0, double r = 1, double v0 = 0, double dt = 0.1) =>
        new(false, vRest, vReset, vTh, tau, tauRef, r, 0, 1, v0, dt);

    /// <summary>ExpIFLTC or ExpIFRefLTC (BrainPy's defaults as <see cref="RefExpIF"/>).</summary>
    public static RefLtc ExpIF(double v0, double tauRef = 0, double dt = 0.1, double vRest = RefExpIF.DefaultVRest, double vReset = RefExpIF.DefaultVReset,
        double vTh = RefExpIF.DefaultVTh, double vT = RefExpIF.DefaultVT, double deltaT = RefExpIF.DefaultDeltaT, double r = RefExpIF.DefaultR, double tau = RefExpIF.DefaultTau) =>
        new(true, vRest, vReset, vTh, tau, tauRef, r, vT, deltaT, v0, dt);

    public override double[] State => [V];

    /// <summary>The COBA outputs (conductance after this step's decay, reversal) of the next step.</summary>
    public void SetCoba(params (double G, double E)[] outputs) => coba = outputs;

    /// <summary>f and A = ∂f/∂V with the outputs inside f.</summary>
    public (double F, double A) Derivative(double v, double x)
    {
        double current = x, g = 0;
        foreach (var (gk, ek) in coba) { current += gk * (ek - v); g += gk; }
        double e = expIF ? Math.Exp((v - vT) / deltaT) : 0;
        double f = (-(v - vRest) + (expIF ? deltaT * e : 0) + r * current) / tau;
        double a = (-1 + e - r * g) / tau;
        return (f, a);
    }

    /// <summary>LifLTC's exact step with COBA inputs (§2.3): V∞ = (V_rest + R(x + Σ g_k E_k))/(1 + R·G),
    /// V_new = V∞ + (V − V∞)·exp(−dt(1 + R·G)/τ), G = Σ g_k (before threshold, reset and refractory hold).</summary>
    public double LifClosedForm(double v, double x)
    {
        double g = 0, ge = 0;
        foreach (var (gk, ek) in coba) { g += gk; ge += gk * ek; }
        double vInf = (vRest + r * (x + ge)) / (1 + r * g);
        return vInf + (v - vInf) * Math.Exp(-Dt * (1 + r * g) / tau);
    }

    protected override bool StepCore(double x, int step)
    {
        var (f, a) = Derivative(V, x);
        double vNew = ExpAuto.Step(V, f, a, Dt);
        if (step - lastSpike <= RefractorySteps) vNew = V;
        bool spike = vNew >= vTh;
        if (spike) { vNew = vReset; lastSpike = step; }
        V = vNew;
        return spike;
    }
}

/// <summary>bp.dyn.MgBlock (brainpy-semantics.md §3.2; BrainPy 2.6.0 outs/outputs.py, <c>MgBlock.update</c>):
/// I = g·(E − V)/(1 + (cc_Mg/β)·exp(α·(V_offset − V))).</summary>
public static class RefMgBlock
{
    public const double DefaultE = 0, DefaultCcMg = 1.2, DefaultAlpha = 0.062, DefaultBeta = 3.57, DefaultVOffset = 0;

    public static double Current(double g, double v, double e = DefaultE, double ccMg = DefaultCcMg, double alpha = DefaultAlpha,
        double beta = DefaultBeta, double vOffset = DefaultVOffset) =>
        g * (e - v) / (1 + ccMg / beta * Math.Exp(alpha * (vOffset - v)));
}
