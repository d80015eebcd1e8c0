using System.Linq;
using SpikeSharp.Generator.Model.Ir;
using static SpikeSharp.Generator.Model.Ir.E;

namespace SpikeSharp.Generator.Model.Definitions;

/// <summary>
/// The generalized integrate-and-fire neuron of Mihalaş and Niebur (2009) (brainpy-semantics.md §2.4; BrainPy 2.6.0
/// <c>brainpy/_src/dyn/neurons/lif.py</c>, classes <c>GifLTC</c>, <c>Gif</c>, <c>GifRefLTC</c>, <c>GifRef</c>): two
/// internal currents and a moving threshold, all four states integrated by exp_auto from the same old state
/// (<c>JointEq(dI1, dI2, dVth, dV)</c>, lif.py lines 3352–3367). The spike compares the integrated V with the threshold
/// of the step's start: <c>spike = self.V_th &lt;= V</c> (line 3400; GifRef <c>V &gt;= self.V_th</c>, line 3798), where
/// <c>self.V_th</c> still holds the old value; the resets read the integrated values (lines 3401–3404). The threshold
/// state is <c>VTh</c> (BrainPy's <c>V_th</c>); no parameter has that name (BrainPy's are <c>V_th_inf</c>, <c>V_th_reset</c>).
/// No SPK1001 warning: after a spike the threshold is <c>max(V_th_reset, V_th)</c>, so V_th_reset ≤ V_reset does not mean
/// a neuron fires on every step.
/// </summary>
internal static class GifNeurons
{
    static ParamDef Mv(string name, string bp, double d, string doc) => new(name, bp, "mV", d, ParamRule.Finite, Storage.Float, doc);
    static ParamDef Num(string name, string bp, double d, string doc, string unit = "") => new(name, bp, unit, d, ParamRule.Finite, Storage.Float, doc);

    static readonly ParamDef TauRef = new("TauRef", "tau_ref", "ms", 0, ParamRule.NonNegativeTime, Storage.Double,
        "Refractory period: V is held for the steps whose time since the spike is at most TauRef");

    // lif.py V2.6.0, GifLTC.__init__ keyword defaults (lines 3285–3302), the same in GifRefLTC (3673–3690).
    static readonly ParamDef[] GifParams =
    {
        Mv("VRest", "V_rest", -70, "Resting potential"),
        Mv("VReset", "V_reset", -70, "Reset potential after a spike"),
        Mv("VThInf", "V_th_inf", -50, "Target value of the threshold V_th"),
        Mv("VThReset", "V_th_reset", -60, "Lower bound of the threshold after a spike: V_th ← max(V_th_reset, V_th)"),
        Num("R", "R", 20, "Membrane resistance"),
        new("Tau", "tau", "ms", 20, ParamRule.PositiveTime, Storage.Float, "Membrane time constant"),
        Num("A", "a", 0, "Dependence of the threshold on V: dV_th/dt = a(V − V_rest) − b(V_th − V_th_inf)", "1/ms"),
        Num("B", "b", 0.01, "Rate at which the threshold relaxes to V_th_inf", "1/ms"),
        Num("K1", "k1", 0.2, "Decay rate of the internal current I1 (dI1/dt = −k1·I1; BrainPy does not require k1 > 0)", "1/ms"),
        Num("K2", "k2", 0.02, "Decay rate of the internal current I2 (dI2/dt = −k2·I2; BrainPy does not require k2 > 0)", "1/ms"),
        Num("R1", "R1", 0, "Dependence of I1's reset on I1: I1 ← R1·I1 + A1 at a spike"),
        Num("R2", "R2", 1, "Dependence of I2's reset on I2: I2 ← R2·I2 + A2 at a spike"),
        Num("A1", "A1", 0, "Jump of I1 at a spike: I1 ← R1·I1 + A1"),
        Num("A2", "A2", 0, "Jump of I2 at a spike: I2 ← R2·I2 + A2"),
    };

    /// <summary>Gif: <c>dI1/dt = −k1·I1</c>, <c>dI2/dt = −k2·I2</c>, <c>dV_th/dt = a(V − V_rest) − b(V_th − V_th_inf)</c>,
    /// <c>τ dV/dt = −(V − V_rest) + R(I + I1 + I2)</c> (lif.py lines 3352–3363); spike <c>V_th_old ≤ V_new</c> →
    /// <c>V = V_reset</c>, <c>I1 = R1·I1 + A1</c>, <c>I2 = R2·I2 + A2</c>, <c>V_th = max(V_th_reset, V_th)</c>
    /// (lines 3400–3404); V₀ = −70, V_th₀ = −50, I1₀ = I2₀ = 0 (initializers, lines 3299–3302).</summary>
    public static readonly NeuronDef Gif = new("Gif", "bp.dyn.Gif",
        "Generalized integrate-and-fire neuron (BrainPy <c>bp.dyn.Gif</c>; Mihalaş and Niebur 2009): <c>dI1/dt = −k1·I1</c>, <c>dI2/dt = −k2·I2</c>, <c>dV_th/dt = a(V − V_rest) − b(V_th − V_th_inf)</c>, <c>τ dV/dt = −(V − V_rest) + R(I + I1 + I2)</c>; spike when the integrated <c>V</c> reaches the threshold of the step's start (<c>V_th_old ≤ V</c>), then <c>V ← V_reset</c>, <c>I1 ← R1·I1 + A1</c>, <c>I2 ← R2·I2 + A2</c>, <c>V_th ← max(V_th_reset, V_th)</c>. Integrated by exp_auto; the threshold state is <c>VTh</c> (starts at −50).",
        GifParams,
        new[]
        {
            new StateDef("V", "V", "mV", -70.0, Initializable: true, "Membrane potential"),
            new StateDef("VTh", "V_th", "mV", -50.0, Initializable: true, "Moving spike threshold (BrainPy's V_th)"),
            new StateDef("I1", "I1", "", 0.0, Initializable: true, "Internal current I1"),
            new StateDef("I2", "I2", "", 0.0, Initializable: true, "Internal current I2"),
        },
        System.Array.Empty<DerivedDef>(),
        new[]
        {
            new StateUpdate("I1", new Ode(-P("K1") * S("I1"))),
            new StateUpdate("I2", new Ode(-P("K2") * S("I2"))),
            new StateUpdate("VTh", new Ode(P("A") * (S("V") - P("VRest")) - P("B") * (S("VTh") - P("VThInf")))),
            new StateUpdate("V", new Ode((-(S("V") - P("VRest")) + P("R") * (I + S("I1") + S("I2"))) / P("Tau"))),
        },
        S("VTh") <= N("V"),
        new[]
        {
            new Reset("V", P("VReset")),
            new Reset("I1", P("R1") * N("I1") + P("A1")),
            new Reset("I2", P("R2") * N("I2") + P("A2")),
            new Reset("VTh", Max(P("VThReset"), N("VTh"))),
        },
        Refractory: null,
        System.Array.Empty<AboveRule>()) { Family = "Gif" };

    /// <summary>GifRef: Gif plus an absolute refractory period (lif.py GifRefLTC: tau_ref default 0, line 3693; update
    /// lines 3773–3802: V takes its old value where refractory, the currents and the threshold integrate and reset as usual).</summary>
    public static readonly NeuronDef GifRef = Gif with
    {
        Attribute = "GifRef",
        BrainPy = "bp.dyn.GifRef",
        Summary = "Generalized integrate-and-fire neuron with an absolute refractory period (BrainPy <c>bp.dyn.GifRef</c>): Gif's dynamics (<c>dI1/dt = −k1·I1</c>, <c>dI2/dt = −k2·I2</c>, <c>dV_th/dt = a(V − V_rest) − b(V_th − V_th_inf)</c>, <c>τ dV/dt = −(V − V_rest) + R(I + I1 + I2)</c>; spike when <c>V_th_old ≤ V</c>, then <c>V ← V_reset</c>, <c>I1 ← R1·I1 + A1</c>, <c>I2 ← R2·I2 + A2</c>, <c>V_th ← max(V_th_reset, V_th)</c>); after a spike, <c>V</c> is held for the steps whose time since the spike is at most <c>TauRef</c>, while I1, I2 and V_th keep integrating. Integrated by exp_auto.",
        Params = GifParams.Concat(new[] { TauRef }).ToArray(),
        Refractory = "TauRef",
    };

    public static readonly NeuronDef[] All = { Gif, GifRef };
}
