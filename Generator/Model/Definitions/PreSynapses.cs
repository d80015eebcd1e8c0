using SpikeSharp.Generator.Model.Ir;
using static SpikeSharp.Generator.Model.Ir.E;

namespace SpikeSharp.Generator.Model.Definitions;

/// <summary>
/// The pre-sized synapse models (brainpy-semantics.md §3.1; BrainPy 2.6 <c>brainpy/_src/dyn/synapses/abstract_models.py</c>,
/// <c>bio_models.py</c>). They have no <c>add_current</c>: they take the pre population's spikes (1 or 0 per pre neuron,
/// <c>Input</c> in the IR) and are the synapse of an align-pre projection (<c>[FullProjAlignPreDSMg]</c>), one entry per pre
/// neuron. Each array's expression is its whole step, in the order listed: it reads the old values of every array and the
/// new values of the arrays before it (BrainPy integrates all of them from the old state, then adds the spike).
/// </summary>
internal static class PreSynapses
{
    static Expr One => 1.0;

    /// <summary>Alpha: <c>g ← g·e + (1 − e)·h_old</c>, <c>h ← h·e + spike</c>, e = exp(−dt/τ) (exp_auto, exact for h; g from the
    /// old h). One spike at step 0 gives g_k = (1 − e)·k·e^(k−1): the discrete t·e^(−t/τ).</summary>
    public static readonly SynapseDef Alpha = new("Alpha", "Alpha",
        "Alpha synapse (BrainPy <c>bp.dyn.Alpha</c>), pre-sized: <c>g ← g·exp(−dt/τ) + (1 − exp(−dt/τ))·h</c>, <c>h ← h·exp(−dt/τ) + spike</c>; the output reads <c>g</c>.",
        new[] { new ParamDef("TauDecay", "tau_decay", "ms", 10, ParamRule.PositiveTime, Storage.None, "Time constant of both stages") },
        new[]
        {
            new SynArray("G", "g", S("G") * D("d") + D("c") * S("H"), ReceivesEvents: false, "G", "Conductance g"),
            new SynArray("H", "h", S("H") * D("d") + I, ReceivesEvents: false, "H", "Rising stage h"),
        },
        new[]
        {
            new DerivedDef("d", Exp(-dt / P("TauDecay")), "exp(−dt/TauDecay)"),
            new DerivedDef("c", One - Exp(-dt / P("TauDecay")), "1 − exp(−dt/TauDecay), the exp-Euler factor of g"),
        },
        N("G"),
        "Pre-sized (one entry per pre neuron); merged per pre population, delay and parameter values (FullProjAlignPreDSMg).")
    { PreSized = true };

    /// <summary>DualExpon: <c>g ← g·e_d + τd(1 − e_d)·h_old</c>, <c>h ← h·e_r + a·spike</c>, <c>a = (τd − τr)/(τr·τd)·A</c>.</summary>
    public static readonly SynapseDef DualExpon = new("DualExpon", "DualExpon",
        "Dual-exponential synapse (BrainPy <c>bp.dyn.DualExpon</c>), pre-sized: <c>g ← g·exp(−dt/τd) + τd(1 − exp(−dt/τd))·h</c>, <c>h ← h·exp(−dt/τr) + a·spike</c> with <c>a = (τd − τr)/(τr·τd)·A</c>; the output reads <c>g</c>.",
        new[]
        {
            new ParamDef("TauDecay", "tau_decay", "ms", 10, ParamRule.PositiveTime, Storage.None, "Decay time constant"),
            new ParamDef("TauRise", "tau_rise", "ms", 1, ParamRule.PositiveTime, Storage.None, "Rise time constant"),
            new ParamDef("A", "A", "", double.NaN, ParamRule.Finite, Storage.None,
                "Scale; when not set, τd/(τd − τr)·(τr/τd)^(τr/(τr − τd)), which makes the peak of one spike's response 1 (1.43506 for the defaults)",
                DefaultExpr: P("TauDecay") / (P("TauDecay") - P("TauRise")) * Pow(P("TauRise") / P("TauDecay"), P("TauRise") / (P("TauRise") - P("TauDecay")))),
        },
        new[]
        {
            new SynArray("G", "g", S("G") * D("dDecay") + D("cG") * S("H"), ReceivesEvents: false, "G", "Conductance g"),
            new SynArray("H", "h", S("H") * D("dRise") + D("a") * I, ReceivesEvents: false, "H", "Rising stage h"),
        },
        new[]
        {
            new DerivedDef("dDecay", Exp(-dt / P("TauDecay")), "exp(−dt/TauDecay)"),
            new DerivedDef("dRise", Exp(-dt / P("TauRise")), "exp(−dt/TauRise)"),
            new DerivedDef("cG", P("TauDecay") * (One - Exp(-dt / P("TauDecay"))), "TauDecay·(1 − exp(−dt/TauDecay)), the exp-Euler factor of g"),
            new DerivedDef("a", (P("TauDecay") - P("TauRise")) / (P("TauRise") * P("TauDecay")) * P("A"), "(τd − τr)/(τr·τd)·A, what a spike adds to h"),
        },
        N("G"),
        "Pre-sized; merged per pre population, delay and parameter values (FullProjAlignPreDSMg).")
    { PreSized = true };

    /// <summary>NMDA: <c>dg/dt = −g/τd + a·x(1 − g)</c> by exp-Euler (<c>A = −1/τd − a·x</c>, from the old x), then
    /// <c>x ← x·e_r + spike</c>.</summary>
    public static readonly SynapseDef Nmda = new("Nmda", "NMDA",
        "NMDA synapse (BrainPy <c>bp.dyn.NMDA</c>), pre-sized: <c>dg/dt = −g/τd + a·x·(1 − g)</c> by exponential Euler, <c>x ← x·exp(−dt/τr) + spike</c>; the output reads <c>g</c> (usually through <c>[MgBlock]</c>).",
        new[]
        {
            new ParamDef("A", "a", "1/ms", 0.5, ParamRule.Finite, Storage.None, "Binding rate of the transmitter"),
            new ParamDef("TauDecay", "tau_decay", "ms", 100, ParamRule.PositiveTime, Storage.None, "Decay time constant of g"),
            new ParamDef("TauRise", "tau_rise", "ms", 2, ParamRule.PositiveTime, Storage.None, "Decay time constant of x"),
        },
        new[]
        {
            new SynArray("G", "g", S("G") + dt * Phi(dt * (-(One / P("TauDecay")) - P("A") * S("X"))) * (-S("G") / P("TauDecay") + P("A") * S("X") * (One - S("G"))),
                ReceivesEvents: false, "G", "Gating g"),
            new SynArray("X", "x", S("X") * D("dRise") + I, ReceivesEvents: false, "X", "Transmitter x"),
        },
        new[] { new DerivedDef("dRise", Exp(-dt / P("TauRise")), "exp(−dt/TauRise)") },
        N("G"),
        "Pre-sized; merged per pre population, delay and parameter values (FullProjAlignPreDSMg).")
    { PreSized = true };

    static SynapseDef Kinetic(string attribute, string brainPy, double alpha, double beta, double t, double tDur) => new(attribute, brainPy,
        $"{brainPy} synapse (BrainPy <c>bp.dyn.{brainPy}</c>), pre-sized: <c>dg/dt = α·T·(1 − g) − β·g</c>, exact over a step, with the transmitter <c>T</c> on for the steps s + k, k ≥ 0, k·dt &lt; T_dur after a spike at step s (counted in steps, design.md decision 7); the output reads <c>g</c>.",
        new[]
        {
            new ParamDef("Alpha", "alpha", "1/(mM·ms)", alpha, ParamRule.Positive, Storage.None, "Binding rate"),
            new ParamDef("Beta", "beta", "1/ms", beta, ParamRule.Positive, Storage.None, "Unbinding rate"),
            new ParamDef("T", "T", "mM", t, ParamRule.Finite, Storage.None, "Transmitter concentration during a pulse"),
            new ParamDef("TDur", "T_dur", "ms", tDur, ParamRule.NonNegativeTime, Storage.None, "Pulse duration"),
        },
        new[]
        {
            new SynArray("Pulse", "t_last_pre_spike", If(I > 0.5, D("steps"), Max(S("Pulse") - 1.0, 0.0)), ReceivesEvents: false, "Pulse",
                "Steps of transmitter left, this one included (BrainPy keeps the last spike time instead)"),
            new SynArray("G", "g", If(N("Pulse") > 0.5, D("gOn") + (S("G") - D("gOn")) * D("dOn"), S("G") * D("dOff")), ReceivesEvents: false, "G", "Open fraction g"),
        },
        new[]
        {
            new DerivedDef("steps", Ceil(P("TDur") / dt - 1e-9), "the pulse length in steps: the k ≥ 0 with k·dt < T_dur (1e-9·dt tolerance)"),
            new DerivedDef("gOn", P("Alpha") * P("T") / (P("Alpha") * P("T") + P("Beta")), "α·T/(α·T + β), g∞ during a pulse"),
            new DerivedDef("dOn", Exp(-(P("Alpha") * P("T") + P("Beta")) * dt), "exp(−(α·T + β)·dt)"),
            new DerivedDef("dOff", Exp(-P("Beta") * dt), "exp(−β·dt)"),
        },
        N("G"),
        "Pre-sized; merged per pre population, delay and parameter values (FullProjAlignPreDSMg).")
    { PreSized = true };

    /// <summary>AMPA (bio_models.py): α 0.98, β 0.18, T 0.5, T_dur 0.5.</summary>
    public static readonly SynapseDef Ampa = Kinetic("Ampa", "AMPA", 0.98, 0.18, 0.5, 0.5);

    /// <summary>GABAa: α 0.53, β 0.18, T 1, T_dur 1.</summary>
    public static readonly SynapseDef GabaA = Kinetic("GabaA", "GABAa", 0.53, 0.18, 1, 1);

    /// <summary>STD (short-term depression, BrainPy 2.8 <c>bp.dyn.STD</c>): <c>x* = x + (1 − e)(1 − x)</c> (exp_auto of
    /// <c>dx/dt = (1 − x)/τ</c>, exact), then <c>x ← x* − spike·U·x_old</c> (BrainPy subtracts U times the value before the
    /// step); x starts at 1; the comm reads the new x, BrainPy's return value.</summary>
    public static readonly SynapseDef Std = new("Std", "STD",
        "Short-term depression (BrainPy <c>bp.dyn.STD</c>), pre-sized: <c>x ← x + (1 − exp(−dt/τ))·(1 − x) − spike·U·x_old</c>, x₀ = 1; the comm reads <c>x</c> (BrainPy's return value), every step.",
        new[]
        {
            new ParamDef("Tau", "tau", "ms", 200, ParamRule.PositiveTime, Storage.None, "Recovery time constant of the resources"),
            new ParamDef("U", "U", "", 0.07, ParamRule.ReleaseFraction, Storage.None, "Fraction of the resources a spike uses, in (0, 1]"),
        },
        new[]
        {
            new SynArray("X", "x", S("X") + D("c") * (One - S("X")) - I * P("U") * S("X"), ReceivesEvents: false, "X", "Available resources x")
            { Initial = One },
        },
        new[] { new DerivedDef("c", One - Exp(-dt / P("Tau")), "1 − exp(−dt/Tau), the exact recovery factor of x") },
        N("X"),
        "Pre-sized; merged per pre population, delay and parameter values (FullProjAlignPreDSMg/SDMg), like BrainPy's align-pre key.")
    { PreSized = true };

    /// <summary>STP (Tsodyks–Markram, BrainPy 2.8 <c>bp.dyn.STP</c>, design.md decision 6): <c>u* = u·e_f</c>
    /// (<c>du/dt = −u/τ_f</c>), <c>x* = x + (1 − e_d)(1 − x)</c>, then on a spike <c>u ← u* + U(1 − u*)</c> and
    /// <c>x ← x* − u·x*</c> (the jumps read the decayed values and the new u); u starts at U, x at 1; the comm reads u·x.
    /// 2.6.0 integrated <c>du/dt = U − u/τ_f</c> (u → U·τ_f) and jumped on the old values; we follow 2.8.</summary>
    public static readonly SynapseDef Stp = new("Stp", "STP",
        "Short-term plasticity (Tsodyks–Markram, BrainPy 2.8 <c>bp.dyn.STP</c>), pre-sized: <c>u* = u·exp(−dt/τ_f)</c>, <c>x* = x + (1 − exp(−dt/τ_d))·(1 − x)</c>, then <c>u ← u* + spike·U·(1 − u*)</c>, <c>x ← x* − spike·u·x*</c>; u₀ = U, x₀ = 1; the comm reads <c>u·x</c> (BrainPy's return value), every step.",
        new[]
        {
            new ParamDef("U", "U", "", 0.15, ParamRule.ReleaseFraction, Storage.None, "Increment of u per spike and u's initial value, in (0, 1]"),
            new ParamDef("TauF", "tau_f", "ms", 1500, ParamRule.PositiveTime, Storage.None, "Facilitation time constant (decay of u)"),
            new ParamDef("TauD", "tau_d", "ms", 200, ParamRule.PositiveTime, Storage.None, "Depression time constant (recovery of x)"),
        },
        new[]
        {
            new SynArray("Use", "u", S("Use") * D("dF") + I * P("U") * (One - S("Use") * D("dF")), ReceivesEvents: false, "Use",
                "Release probability u (utilisation)") { Initial = P("U") },
            new SynArray("X", "x", S("X") + D("cD") * (One - S("X")) - I * N("Use") * (S("X") + D("cD") * (One - S("X"))), ReceivesEvents: false, "X",
                "Available resources x") { Initial = One },
        },
        new[]
        {
            new DerivedDef("dF", Exp(-dt / P("TauF")), "exp(−dt/TauF), the decay of u"),
            new DerivedDef("cD", One - Exp(-dt / P("TauD")), "1 − exp(−dt/TauD), the exact recovery factor of x"),
        },
        N("Use") * N("X"),
        "Pre-sized; merged per pre population, delay and parameter values (FullProjAlignPreDSMg/SDMg), like BrainPy's align-pre key.")
    { PreSized = true };

    /// <summary>The post side of an align-pre projection: the comm's output of this step, written by the projection (not
    /// merged: one per projection) and read by its output. Not an attribute.</summary>
    public static readonly SynapseDef CommInput = new("AlignPreInput", "—",
        "The comm output of an align-pre projection.",
        System.Array.Empty<ParamDef>(),
        new[] { new SynArray("C", "c", S("C"), ReceivesEvents: true, "Input", "Comm output of this step, comm(g)") },
        System.Array.Empty<DerivedDef>(),
        N("C"),
        "One per projection.");

    public static readonly SynapseDef[] All = { Alpha, DualExpon, Nmda, Ampa, GabaA, Std, Stp };
}
