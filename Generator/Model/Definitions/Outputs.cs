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

    public static readonly OutputDef[] All = { Coba, Cuba };
}
