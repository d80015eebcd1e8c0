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
        new[] { new StateUpdate("V", new LinearExact(P("VRest") + P("R") * I, "c", "Tau")) },
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

    // ---- The refractory variants (brainpy-semantics.md §2.1 step 3; lif.py ExpIFRefLTC, AdExIFRefLTC, IzhikevichRefLTC):
    // the same dynamics plus tau_ref (default 0 ms); where refractory, V keeps its old value after integration, while the
    // other states (w, u) integrate normally and still take their reset at a spike.

    /// <summary>IzhikevichRef: Izhikevich plus an absolute refractory period (BrainPy <c>bp.dyn.IzhikevichRef</c>).</summary>
    public static readonly NeuronDef IzhikevichRef = Izhikevich with
    {
        Attribute = "IzhikevichRef",
        BrainPy = "bp.dyn.IzhikevichRef",
        Summary = "Izhikevich neuron with an absolute refractory period (BrainPy <c>bp.dyn.IzhikevichRef</c>): Izhikevich's dynamics (<c>dV/dt = p1·V² + p2·V + p3 − u + I</c>, <c>du/dt = a(b·V − u)</c>, spike when <c>V ≥ V_th</c>, then <c>V ← c</c>, <c>u ← u + d</c>); after a spike, <c>V</c> is held for the steps whose time since the spike is at most <c>TauRef</c>, while <c>u</c> keeps integrating. Integrated by exp_auto; <c>u</c> starts at <c>b·V₀</c>.",
        Params = Izhikevich.Params.Concat(new[] { TauRef }).ToArray(),
        Refractory = "TauRef",
        Family = "Izhikevich",
    };

    /// <summary>ExpIFRef: ExpIF plus an absolute refractory period (BrainPy <c>bp.dyn.ExpIFRef</c>).</summary>
    public static readonly NeuronDef ExpIFRef = ExpIF with
    {
        Attribute = "ExpIFRef",
        BrainPy = "bp.dyn.ExpIFRef",
        Summary = "Exponential integrate-and-fire neuron with an absolute refractory period (BrainPy <c>bp.dyn.ExpIFRef</c>): ExpIF's dynamics (<c>τ dV/dt = −(V − V_rest) + ΔT·exp((V − V_T)/ΔT) + R·I</c>, spike when <c>V ≥ V_th</c>, then <c>V ← V_reset</c>); after a spike, <c>V</c> is held for the steps whose time since the spike is at most <c>TauRef</c>. Integrated by exp_auto. BrainPy's default V₀ = 0 lies above V_th: give an initializer for V.",
        Params = ExpIF.Params.Concat(new[] { TauRef }).ToArray(),
        Refractory = "TauRef",
    };

    /// <summary>AdExIFRef: AdExIF plus an absolute refractory period (BrainPy <c>bp.dyn.AdExIFRef</c>).</summary>
    public static readonly NeuronDef AdExIFRef = AdExIF with
    {
        Attribute = "AdExIFRef",
        BrainPy = "bp.dyn.AdExIFRef",
        Summary = "Adaptive exponential integrate-and-fire neuron with an absolute refractory period (BrainPy <c>bp.dyn.AdExIFRef</c>): AdExIF's dynamics (<c>τ dV/dt = −V + V_rest + ΔT·exp((V − V_T)/ΔT) − R·w + R·I</c>, <c>τ_w dw/dt = a(V − V_rest) − w</c>, spike when <c>V ≥ V_th</c>, then <c>V ← V_reset</c>, <c>w ← w + b</c>); after a spike, <c>V</c> is held for the steps whose time since the spike is at most <c>TauRef</c>, while <c>w</c> keeps integrating. Integrated by exp_auto. BrainPy's default V₀ = 0 lies above V_th: give an initializer for V.",
        Params = AdExIF.Params.Concat(new[] { TauRef }).ToArray(),
        Refractory = "TauRef",
    };

    // ---- QuaIF and AdQuaIF (brainpy-semantics.md §2.4; lif.py QuaIFLTC.__init__ and derivative, AdQuaIFLTC.__init__, dV,
    // dw and update, V2.6.0). BrainPy's default V₀ = 0 lies above V_th = −30 (SPK1002 warns). No warning compares V_th
    // with V_c: BrainPy's spike is V ≥ V_th whatever V_c is (with V_th ≤ V_c the neuron is a plain threshold unit, still
    // well defined), and SPK1001's message is about a reset value, so only V_th above V_reset is checked.

    static readonly ParamDef QuaVTh = Mv("VTh", "V_th", -30, "Spike threshold");
    static readonly ParamDef VC = Mv("VC", "V_c", -50, "Critical voltage for spike initiation (the unstable fixed point of the quadratic term)");
    static readonly ParamDef QuaC = Num("C", "c", 0.07, "Coefficient of the quadratic term (1/mV)");

    /// <summary>c·(V − V_rest)·(V − V_c), the quadratic term of QuaIF and AdQuaIF, as BrainPy writes it.</summary>
    static Expr QuaTerm => P("C") * (S("V") - P("VRest")) * (S("V") - P("VC"));

    /// <summary>QuaIF: <c>τ dV/dt = c(V − V_rest)(V − V_c) + R·I</c>; spike <c>V ≥ V_th</c> → <c>V_reset</c>.</summary>
    public static readonly NeuronDef QuaIF = new("QuaIF", "bp.dyn.QuaIF",
        "Quadratic integrate-and-fire neuron (BrainPy <c>bp.dyn.QuaIF</c>): <c>τ dV/dt = c(V − V_rest)(V − V_c) + R·I</c>, spike when <c>V ≥ V_th</c>, then <c>V ← V_reset</c>. Integrated by exp_auto. BrainPy's default V₀ = 0 lies above V_th: give an initializer for V.",
        new[] { ExpVRest, ExpVReset, QuaVTh, VC, QuaC, R, ExpTau },
        new[] { V(0) },
        System.Array.Empty<DerivedDef>(),
        new[] { new StateUpdate("V", new Ode((QuaTerm + P("R") * I) / P("Tau"))) },
        N("V") >= P("VTh"),
        new[] { new Reset("V", P("VReset")) },
        Refractory: null,
        new[] { new AboveRule("VTh", "VReset") }) { Family = "QuaIF" };

    /// <summary>QuaIFRef: QuaIF plus an absolute refractory period (BrainPy <c>bp.dyn.QuaIFRef</c>).</summary>
    public static readonly NeuronDef QuaIFRef = QuaIF with
    {
        Attribute = "QuaIFRef",
        BrainPy = "bp.dyn.QuaIFRef",
        Summary = "Quadratic integrate-and-fire neuron with an absolute refractory period (BrainPy <c>bp.dyn.QuaIFRef</c>): QuaIF's dynamics (<c>τ dV/dt = c(V − V_rest)(V − V_c) + R·I</c>, spike when <c>V ≥ V_th</c>, then <c>V ← V_reset</c>); after a spike, <c>V</c> is held for the steps whose time since the spike is at most <c>TauRef</c>. Integrated by exp_auto. BrainPy's default V₀ = 0 lies above V_th: give an initializer for V.",
        Params = QuaIF.Params.Concat(new[] { TauRef }).ToArray(),
        Refractory = "TauRef",
    };

    /// <summary>AdQuaIF: <c>τ dV/dt = c(V − V_rest)(V − V_c) − w + I</c> (no R: BrainPy's AdQuaIF has none),
    /// <c>τ_w dw/dt = a(V − V_rest) − w</c>; spike <c>V ≥ V_th</c> → <c>V_reset</c>, <c>w += b</c>.</summary>
    public static readonly NeuronDef AdQuaIF = new("AdQuaIF", "bp.dyn.AdQuaIF",
        "Adaptive quadratic integrate-and-fire neuron (BrainPy <c>bp.dyn.AdQuaIF</c>): <c>τ dV/dt = c(V − V_rest)(V − V_c) − w + I</c>, <c>τ_w dw/dt = a(V − V_rest) − w</c>, spike when <c>V ≥ V_th</c>, then <c>V ← V_reset</c>, <c>w ← w + b</c>. Integrated by exp_auto. BrainPy's default V₀ = 0 lies above V_th: give an initializer for V.",
        new[]
        {
            ExpVRest, ExpVReset, QuaVTh, VC,
            Num("A", "a", 1, "Subthreshold adaptation coupling"),
            Num("B", "b", 0.1, "Spike-triggered adaptation increment"),
            QuaC,
            ExpTau,
            Tau("TauW", "tau_w", 10, "Adaptation time constant", Storage.Float),
        },
        new[] { V(0), new StateDef("W", "w", "", 0.0, Initializable: true, "Adaptation current (BrainPy's w)") },
        System.Array.Empty<DerivedDef>(),
        new[]
        {
            new StateUpdate("V", new Ode((QuaTerm - S("W") + I) / P("Tau"))),
            new StateUpdate("W", new Ode((P("A") * (S("V") - P("VRest")) - S("W")) / P("TauW"))),
        },
        N("V") >= P("VTh"),
        new[] { new Reset("V", P("VReset")), new Reset("W", N("W") + P("B")) },
        Refractory: null,
        new[] { new AboveRule("VTh", "VReset") }) { Family = "QuaIF" };

    /// <summary>AdQuaIFRef: AdQuaIF plus an absolute refractory period (BrainPy <c>bp.dyn.AdQuaIFRef</c>).</summary>
    public static readonly NeuronDef AdQuaIFRef = AdQuaIF with
    {
        Attribute = "AdQuaIFRef",
        BrainPy = "bp.dyn.AdQuaIFRef",
        Summary = "Adaptive quadratic integrate-and-fire neuron with an absolute refractory period (BrainPy <c>bp.dyn.AdQuaIFRef</c>): AdQuaIF's dynamics (<c>τ dV/dt = c(V − V_rest)(V − V_c) − w + I</c>, <c>τ_w dw/dt = a(V − V_rest) − w</c>, spike when <c>V ≥ V_th</c>, then <c>V ← V_reset</c>, <c>w ← w + b</c>); after a spike, <c>V</c> is held for the steps whose time since the spike is at most <c>TauRef</c>, while <c>w</c> keeps integrating. Integrated by exp_auto. BrainPy's default V₀ = 0 lies above V_th: give an initializer for V.",
        Params = AdQuaIF.Params.Concat(new[] { TauRef }).ToArray(),
        Refractory = "TauRef",
    };

    /// <summary>Every neuron model (the catalogue, the runtime's attributes and the messages list them in this order);
    /// families kept in their own files add their <c>All</c> here.</summary>
    public static readonly NeuronDef[] All = new[]
    {
        LifRef, Lif, Izhikevich, IzhikevichRef, ExpIF, ExpIFRef, AdExIF, AdExIFRef, QuaIF, QuaIFRef, AdQuaIF, AdQuaIFRef,
    }.Concat(HhNeurons.All).Concat(GifNeurons.All).ToArray();
}
