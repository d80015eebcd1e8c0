using SpikeSharp.Generator.Model.Ir;
using static SpikeSharp.Generator.Model.Ir.E;

namespace SpikeSharp.Generator.Model.Definitions;

/// <summary>
/// The align-post synapse models (brainpy-semantics.md §3.1; BrainPy 2.6 <c>brainpy/_src/dyn/synapses/abstract_models.py</c>).
/// Only these two have BrainPy's <c>add_current</c>, so only they can be the synapse of an align-post projection; both
/// are linear, so projections whose parameters are equal by value share one set of arrays (a merge group).
/// </summary>
internal static class Synapses
{
    /// <summary>Expon: <c>g ← g·e^(−dt/τ)</c>; an event adds its weight to g; the output reads g.</summary>
    public static readonly SynapseDef Expon = new("Expon", "Expon",
        "Single-exponential synapse (BrainPy <c>bp.dyn.Expon</c>): <c>g ← g·exp(−dt/τ)</c> each step; a delivered event adds its weight to <c>g</c>.",
        new[] { new ParamDef("Tau", "tau", "ms", 8, ParamRule.PositiveTime, Storage.None, "Decay time constant") },
        new[] { new SynArray("G", "g", S("G") * D("d"), ReceivesEvents: true, "Conductance", "Conductance g") },
        new[] { new DerivedDef("d", Exp(-dt / P("Tau")), "exp(−dt/Tau), the decay of g") },
        N("G"),
        "Merged by value (tau) with every projection of equal output and label onto the same population.");

    /// <summary>DualExponV2: two exponentials with a peak-normalising factor A.</summary>
    public static readonly SynapseDef DualExponV2 = new("DualExponV2", "DualExponV2",
        "Dual-exponential synapse (BrainPy <c>bp.dyn.DualExponV2</c>): <c>g_rise ← g_rise·exp(−dt/τ_rise)</c>, <c>g_decay ← g_decay·exp(−dt/τ_decay)</c> each step; a delivered event adds its weight to both; the output reads <c>A·(g_decay − g_rise)</c>.",
        new[]
        {
            new ParamDef("TauDecay", "tau_decay", "ms", 10, ParamRule.PositiveTime, Storage.None, "Decay time constant"),
            new ParamDef("TauRise", "tau_rise", "ms", 1, ParamRule.PositiveTime, Storage.None, "Rise time constant"),
            new ParamDef("A", "A", "", double.NaN, ParamRule.Finite, Storage.None,
                "Scale of the output; when not set, τd/(τd − τr)·(τr/τd)^(τr/(τr − τd)), which makes the peak of one event's response 1 (1.43506 for the defaults)",
                DefaultExpr: P("TauDecay") / (P("TauDecay") - P("TauRise")) * Pow(P("TauRise") / P("TauDecay"), P("TauRise") / (P("TauRise") - P("TauDecay")))),
        },
        new[]
        {
            new SynArray("GRise", "g_rise", S("GRise") * D("dRise"), ReceivesEvents: true, "GRise", "Rising component g_rise"),
            new SynArray("GDecay", "g_decay", S("GDecay") * D("dDecay"), ReceivesEvents: true, "GDecay", "Decaying component g_decay"),
        },
        new[]
        {
            new DerivedDef("dRise", Exp(-dt / P("TauRise")), "exp(−dt/TauRise), the decay of g_rise"),
            new DerivedDef("dDecay", Exp(-dt / P("TauDecay")), "exp(−dt/TauDecay), the decay of g_decay"),
        },
        P("A") * (N("GDecay") - N("GRise")),
        "Merged by value (tau_decay, tau_rise, A) like Expon: two arrays per merge group.");

    public static readonly SynapseDef[] All = { Expon, DualExponV2 };
}
