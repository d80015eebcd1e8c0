using System.Linq;
using SpikeSharp.Generator.Model.Ir;
using static SpikeSharp.Generator.Model.Ir.E;

namespace SpikeSharp.Generator.Model.Definitions;

/// <summary>
/// The neuron models, one definition each (brainpy-semantics.md §2.3, §2.4; parameter names are BrainPy's in
/// PascalCase, defaults are BrainPy 2.6's, from <c>brainpy/_src/dyn/neurons/lif.py</c>). Adding a model is adding a
/// definition here and its tests: the parser, diagnostics, members, attribute class, docs and step follow from it.
/// </summary>
internal static class Neurons
{
    static ParamDef Mv(string name, string bp, double d, string doc) => new(name, bp, "mV", d, ParamRule.Finite, Storage.Float, doc);
    static ParamDef Num(string name, string bp, double d, string doc) => new(name, bp, "", d, ParamRule.Finite, Storage.Float, doc);
    static ParamDef Tau(string name, string bp, double d, string doc, Storage s = Storage.Double) => new(name, bp, "ms", d, ParamRule.PositiveTime, s, doc);
    static StateDef V(double v0, string doc = "Membrane potential") => new("V", "V", "mV", v0, Initializable: true, doc);

    static readonly ParamDef VRest = Mv("VRest", "V_rest", 0, "Resting potential");
    static readonly ParamDef VReset = Mv("VReset", "V_reset", -5, "Reset potential");
    static readonly ParamDef VTh = Mv("VTh", "V_th", 20, "Spike threshold");
    static readonly ParamDef R = Num("R", "R", 1, "Membrane resistance");
    static readonly ParamDef TauM = Tau("Tau", "tau", 10, "Membrane time constant");
    static readonly ParamDef TauRef = new("TauRef", "tau_ref", "ms", 0, ParamRule.NonNegativeTime, Storage.Double,
        "Refractory period: V is held for the steps whose time since the spike is at most TauRef");

    /// <summary>Lif: <c>τ dV/dt = −(V − V_rest) + R·I</c>, exact exponential step <c>V + c·(V_rest + R·I − V)</c>.</summary>
    public static readonly NeuronDef Lif = new("Lif", "bp.dyn.Lif",
        "Leaky integrate-and-fire neuron without refractoriness (BrainPy <c>bp.dyn.Lif</c>): <c>τ dV/dt = −(V − V_rest) + R·I</c>, spike when <c>V ≥ V_th</c>, then <c>V ← V_reset</c>.",
        new[] { VRest, VReset, VTh, R, TauM },
        new[] { V(0) },
        new[] { new DerivedDef("c", 1.0 - Exp(-dt / P("Tau")), "1 − exp(−dt/Tau), the exponential-Euler coefficient") },
        new[] { new StateUpdate("V", new LinearExact(P("VRest") + P("R") * I, "c")) },
        N("V") >= P("VTh"),
        new[] { new Reset("V", P("VReset")) },
        Refractory: null,
        new[] { new AboveRule("VTh", "VReset") }) { Family = "Lif" };

    /// <summary>LifRef: Lif plus an absolute refractory period (brainpy-semantics.md §2.1 step 3).</summary>
    public static readonly NeuronDef LifRef = Lif with
    {
        Attribute = "LifRef",
        BrainPy = "bp.dyn.LifRef",
        Summary = "Leaky integrate-and-fire neuron with an absolute refractory period (BrainPy <c>bp.dyn.LifRef</c>): Lif's dynamics; after a spike, <c>V</c> is held for the steps whose time since the spike is at most <c>TauRef</c>.",
        Params = new[] { VRest, VReset, VTh, R, TauM, TauRef },
        Refractory = "TauRef",
    };

    /// <summary>Izhikevich: <c>dV/dt = p1·V² + p2·V + p3 − u + I</c>, <c>du/dt = a(b·V − u)</c>; spike <c>V ≥ V_th</c> →
    /// <c>V = c</c>, <c>u += d</c>; <c>u₀ = b·V₀</c>. BrainPy's <c>tau</c> and <c>R</c> are accepted there but unused, so absent here.</summary>
    public static readonly NeuronDef Izhikevich = new("Izhikevich", "bp.dyn.Izhikevich",
        "Izhikevich neuron (BrainPy <c>bp.dyn.Izhikevich</c>): <c>dV/dt = p1·V² + p2·V + p3 − u + I</c>, <c>du/dt = a(b·V − u)</c>, spike when <c>V ≥ V_th</c>, then <c>V ← c</c>, <c>u ← u + d</c>. Integrated by exp_auto; <c>u</c> starts at <c>b·V₀</c>.",
        new[]
        {
            Num("A", "a", 0.02, "Time scale of the recovery variable u"),
            Num("B", "b", 0.2, "Sensitivity of u to V"),
            Mv("C", "c", -65, "Reset potential"),
            Num("D", "d", 8, "Jump of u after a spike"),
            Mv("VTh", "V_th", 30, "Spike threshold"),
            Num("P1", "p1", 0.04, "Quadratic coefficient of dV/dt"),
            Num("P2", "p2", 5, "Linear coefficient of dV/dt"),
            Num("P3", "p3", 140, "Constant term of dV/dt"),
        },
        new[]
        {
            V(-70),
            new StateDef("U", "u", "mV", P("B") * S("V"), Initializable: true, "Recovery variable (BrainPy's u; starts at B·V₀)"),
        },
        System.Array.Empty<DerivedDef>(),
        new[]
        {
            new StateUpdate("V", new Ode(P("P1") * S("V") * S("V") + P("P2") * S("V") + P("P3") - S("U") + I)),
            new StateUpdate("U", new Ode(P("A") * (P("B") * S("V") - S("U")))),
        },
        N("V") >= P("VTh"),
        new[] { new Reset("V", P("C")), new Reset("U", N("U") + P("D")) },
        Refractory: null,
        new[] { new AboveRule("VTh", "C") });

    static readonly ParamDef ExpVRest = Mv("VRest", "V_rest", -65, "Resting potential");
    static readonly ParamDef ExpVReset = Mv("VReset", "V_reset", -68, "Reset potential");
    static readonly ParamDef ExpVTh = Mv("VTh", "V_th", -55, "Spike threshold");
    static readonly ParamDef VT = Mv("VT", "V_T", -59.9, "Threshold of the exponential term");
    static readonly ParamDef DeltaT = new("DeltaT", "delta_T", "mV", 3.48, ParamRule.Positive, Storage.Float, "Sharpness of the exponential term (spike slope factor)");
    static readonly ParamDef ExpTau = Tau("Tau", "tau", 10, "Membrane time constant", Storage.Float);

    /// <summary>ΔT·exp((V − V_T)/ΔT), the exponential term of ExpIF and AdExIF, as BrainPy writes it.</summary>
    static Expr ExpTerm => P("DeltaT") * Exp((S("V") - P("VT")) / P("DeltaT"));

    /// <summary>ExpIF: <c>τ dV/dt = −(V − V_rest) + ΔT·exp((V − V_T)/ΔT) + R·I</c>. BrainPy's default V₀ = 0 lies above V_th.</summary>
    public static readonly NeuronDef ExpIF = new("ExpIF", "bp.dyn.ExpIF",
        "Exponential integrate-and-fire neuron (BrainPy <c>bp.dyn.ExpIF</c>): <c>τ dV/dt = −(V − V_rest) + ΔT·exp((V − V_T)/ΔT) + R·I</c>, spike when <c>V ≥ V_th</c>, then <c>V ← V_reset</c>. Integrated by exp_auto. BrainPy's default V₀ = 0 lies above V_th: give an initializer for V.",
        new[] { ExpVRest, ExpVReset, ExpVTh, VT, DeltaT, R, ExpTau },
        new[] { V(0) },
        System.Array.Empty<DerivedDef>(),
        new[] { new StateUpdate("V", new Ode((-(S("V") - P("VRest")) + ExpTerm + P("R") * I) / P("Tau"))) },
        N("V") >= P("VTh"),
        new[] { new Reset("V", P("VReset")) },
        Refractory: null,
        new[] { new AboveRule("VTh", "VReset") }) { Family = "ExpIF" };

    /// <summary>AdExIF: ExpIF plus adaptation <c>τ_w dw/dt = a(V − V_rest) − w</c>, <c>w += b</c> at a spike.</summary>
    public static readonly NeuronDef AdExIF = new("AdExIF", "bp.dyn.AdExIF",
        "Adaptive exponential integrate-and-fire neuron (BrainPy <c>bp.dyn.AdExIF</c>): <c>τ dV/dt = −V + V_rest + ΔT·exp((V − V_T)/ΔT) − R·w + R·I</c>, <c>τ_w dw/dt = a(V − V_rest) − w</c>, spike when <c>V ≥ V_th</c>, then <c>V ← V_reset</c>, <c>w ← w + b</c>. Integrated by exp_auto. BrainPy's default V₀ = 0 lies above V_th: give an initializer for V.",
        new[]
        {
            ExpVRest, ExpVReset, ExpVTh, VT, DeltaT,
            Num("A", "a", 1, "Subthreshold adaptation coupling"),
            Num("B", "b", 1, "Spike-triggered adaptation increment"),
            ExpTau,
            Tau("TauW", "tau_w", 30, "Adaptation time constant", Storage.Float),
            R,
        },
        new[] { V(0), new StateDef("W", "w", "", 0.0, Initializable: true, "Adaptation current (BrainPy's w)") },
        System.Array.Empty<DerivedDef>(),
        new[]
        {
            new StateUpdate("V", new Ode((-S("V") + P("VRest") + ExpTerm - P("R") * S("W") + P("R") * I) / P("Tau"))),
            new StateUpdate("W", new Ode((P("A") * (S("V") - P("VRest")) - S("W")) / P("TauW"))),
        },
        N("V") >= P("VTh"),
        new[] { new Reset("V", P("VReset")), new Reset("W", N("W") + P("B")) },
        Refractory: null,
        new[] { new AboveRule("VTh", "VReset") }) { Family = "ExpIF" };

    /// <summary>Every neuron model (the catalogue, the runtime's attributes and the messages list them in this order);
    /// families kept in their own files add their <c>All</c> here.</summary>
    public static readonly NeuronDef[] All = new[] { LifRef, Lif, Izhikevich, ExpIF, AdExIF }.Concat(HhNeurons.All).ToArray();
}
