using SpikeSharp.Generator.Model.Ir;
using static SpikeSharp.Generator.Model.Ir.E;

namespace SpikeSharp.Generator.Model.Definitions;

/// <summary>The outputs (brainpy-semantics.md §3.2; BrainPy 2.6 <c>brainpy/_src/dyn/outs/outputs.py</c>): the current a
/// synapse's value adds to its post neuron, from the post's V at the start of the step.</summary>
internal static class Outputs
{
    public static readonly OutputDef Coba = new("Coba", "COBA",
        "Conductance-based output (BrainPy <c>bp.dyn.COBA</c>): current <c>g·(E − V)</c>.",
        new[] { new ParamDef("E", "E", "mV", 0, ParamRule.Finite, Storage.None, "Reversal potential (BrainPy requires it; here it defaults to 0)") },
        g * (P("E") - PostV));

    public static readonly OutputDef Cuba = new("Cuba", "CUBA",
        "Current-based output (BrainPy <c>bp.dyn.CUBA</c>): current <c>g</c>.",
        System.Array.Empty<ParamDef>(),
        g);

    /// <summary>MgBlock (outputs.py, <c>MgBlock.update</c>): <c>g·(E − V)/(1 + (cc_Mg/β)·exp(α·(V_offset − V)))</c>, the
    /// NMDA magnesium block; defaults from its <c>__init__</c> (E 0, cc_Mg 1.2, alpha 0.062, beta 3.57, V_offset 0).
    /// BrainPy checks none of them; β is an unbinding constant, and a β ≤ 0 would divide by zero (β = 0) or, with
    /// cc_Mg &gt; 0, make the denominator vanish at V = V_offset − ln(−β/cc_Mg)/α (an infinite current), so β must be
    /// positive (SPK0029).</summary>
    public static readonly OutputDef MgBlock = new("MgBlock", "MgBlock",
        "Magnesium-block output (BrainPy <c>bp.dyn.MgBlock</c>): current <c>g·(E − V)/(1 + (cc_Mg/β)·exp(α·(V_offset − V)))</c>, the NMDA channel's voltage-dependent unblocking.",
        new[]
        {
            new ParamDef("E", "E", "mV", 0, ParamRule.Finite, Storage.None, "Reversal potential"),
            new ParamDef("CcMg", "cc_Mg", "mM", 1.2, ParamRule.Finite, Storage.None, "Extracellular magnesium concentration"),
            new ParamDef("Alpha", "alpha", "1/mV", 0.062, ParamRule.Finite, Storage.None, "Binding constant (steepness of the block's V dependence)"),
            new ParamDef("Beta", "beta", "mM", 3.57, ParamRule.Positive, Storage.None, "Unbinding constant (must be positive: it divides cc_Mg)"),
            new ParamDef("VOffset", "V_offset", "mV", 0, ParamRule.Finite, Storage.None, "Voltage offset of the block"),
        },
        g * (P("E") - PostV) / (1.0 + P("CcMg") / P("Beta") * Exp(P("Alpha") * (P("VOffset") - PostV))));

    public static readonly OutputDef[] All = { Coba, Cuba, MgBlock };
}
