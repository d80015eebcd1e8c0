using SpikeSharp.Generator.Model.Ir;
using static SpikeSharp.Generator.Model.Ir.E;

namespace SpikeSharp.Generator.Model.Definitions;

/// <summary>
/// Conductance-based neurons (brainpy-semantics.md §2.4; BrainPy 2.6 <c>brainpy/_src/dyn/neurons/hh.py</c>, class
/// <c>HH</c>): the classic Hodgkin–Huxley squid axon with Na, K and leak currents. Every state integrates by exp_auto
/// from the same old state; the spike is the upward crossing <c>V_old &lt; V_th ≤ V_new</c>, with no reset and no
/// refractoriness; m, h and n start at their steady state for V₀, and V₀ ~ Uniform(−70, −60) unless initialised.
/// </summary>
internal static class HhNeurons
{
    static ParamDef Mv(string name, string bp, double d, string doc) => new(name, bp, "mV", d, ParamRule.Finite, Storage.Float, doc);
    static ParamDef Ms(string name, string bp, double d, string doc) => new(name, bp, "mS/cm²", d, ParamRule.Finite, Storage.Float, doc);

    static Expr V => S("V");

    // Rates (1/ms) of V (mV), as BrainPy writes them; α_m and α_n have removable singularities at V = −40 and −55:
    // 0.1(V+40)/(1 − e^(−(V+40)/10)) = 1/φ(−(V+40)/10) with φ(z) = (eᶻ − 1)/z, which is finite there.
    static Expr AlphaM(Expr v) => 1.0 / Phi(-(v + 40.0) / 10.0);
    static Expr BetaM(Expr v) => 4.0 * Exp(-(v + 65.0) / 18.0);
    static Expr AlphaH(Expr v) => 0.07 * Exp(-(v + 65.0) / 20.0);
    static Expr BetaH(Expr v) => 1.0 / (1.0 + Exp(-(v + 35.0) / 10.0));
    static Expr AlphaN(Expr v) => 0.1 / Phi(-(v + 55.0) / 10.0); // 0.01(V+55)/(1 − e^(−(V+55)/10))
    static Expr BetaN(Expr v) => 0.125 * Exp(-(v + 65.0) / 80.0);

    static Expr SteadyState(Expr alpha, Expr beta) => alpha / (alpha + beta);

    public static readonly NeuronDef HH = new("HH", "bp.dyn.HH",
        "Hodgkin–Huxley neuron (BrainPy <c>bp.dyn.HH</c>): <c>C dV/dt = −g_Na m³h(V − E_Na) − g_K n⁴(V − E_K) − g_L(V − E_L) + I</c>, <c>dx/dt = α_x(1 − x) − β_x x</c> for the gates m, h, n; a spike is the upward crossing of <c>V_th</c> (no reset, no refractoriness). Integrated by exp_auto; m, h, n start at steady state for V₀, and V₀ ~ Uniform(−70, −60) unless initialised.",
        new[]
        {
            Mv("ENa", "ENa", 50, "Sodium reversal potential"),
            Ms("GNa", "gNa", 120, "Maximal sodium conductance"),
            Mv("EK", "EK", -77, "Potassium reversal potential"),
            Ms("GK", "gK", 36, "Maximal potassium conductance"),
            Mv("EL", "EL", -54.387, "Leak reversal potential"),
            Ms("GL", "gL", 0.03, "Leak conductance"),
            Mv("VTh", "V_th", 20, "Spike threshold (an upward crossing counts)"),
            new ParamDef("C", "C", "µF/cm²", 1, ParamRule.Positive, Storage.Float, "Membrane capacitance"),
        },
        new[]
        {
            new StateDef("V", "V", "mV", -65.0, Initializable: true, "Membrane potential")
            {
                DefaultInit = new InitSpec("V", InitKind.Uniform, -70, -60),
            },
            new StateDef("M", "m", "", SteadyState(AlphaM(V), BetaM(V)), Initializable: true, "Sodium activation gate m (starts at α_m/(α_m + β_m) of V₀)"),
            new StateDef("H", "h", "", SteadyState(AlphaH(V), BetaH(V)), Initializable: true, "Sodium inactivation gate h (starts at α_h/(α_h + β_h) of V₀)"),
            new StateDef("N", "n", "", SteadyState(AlphaN(V), BetaN(V)), Initializable: true, "Potassium activation gate n (starts at α_n/(α_n + β_n) of V₀)"),
        },
        System.Array.Empty<DerivedDef>(),
        new[]
        {
            new StateUpdate("V", new Ode((-(P("GNa") * S("M") * S("M") * S("M") * S("H") * (V - P("ENa")))
                - P("GK") * S("N") * S("N") * S("N") * S("N") * (V - P("EK"))
                - P("GL") * (V - P("EL")) + I) / P("C"))),
            new StateUpdate("M", new Ode(AlphaM(V) * (1.0 - S("M")) - BetaM(V) * S("M"))),
            new StateUpdate("H", new Ode(AlphaH(V) * (1.0 - S("H")) - BetaH(V) * S("H"))),
            new StateUpdate("N", new Ode(AlphaN(V) * (1.0 - S("N")) - BetaN(V) * S("N"))),
        },
        And(V < P("VTh"), N("V") >= P("VTh")),
        System.Array.Empty<Reset>(),
        Refractory: null,
        System.Array.Empty<AboveRule>());

    public static readonly NeuronDef[] All = { HH };
}
