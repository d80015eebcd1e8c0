namespace SpikeSharp.Generator.Model.Definitions;

/// <summary>The comm layers (brainpy-semantics.md §5). Their delivery is a runtime kernel (Runtime/Delivery).</summary>
internal static class Comms
{
    public static readonly CommDef EventJitFPHomoLinear = new("EventJitFPHomoLinear", "bp.dnn.EventJitFPHomoLinear",
        "Event-driven just-in-time random connectivity with a homogeneous weight (BrainPy <c>bp.dnn.EventJitFPHomoLinear</c>). Every (pre, post) pair is connected independently with probability <c>Prob</c>; targets are regenerated from (seed, stream, pre index), or walked once and cached, never drawn twice differently.",
        new[]
        {
            new ParamDef("NumIn", "num_in", "", 0, ParamRule.Finite, Storage.None, "Number of pre-synaptic neurons (the length of the spikes handed to <c>Deliver</c>)", Type: "int"),
            new ParamDef("NumOut", "num_out", "", 0, ParamRule.Finite, Storage.None, "Number of post-synaptic neurons (must equal the post population's size)", Type: "int"),
        },
        new[]
        {
            new ParamDef("Prob", "prob", "", 0, ParamRule.Probability, Storage.None, "Connection probability in (0, 1]"),
            new ParamDef("Weight", "weight", "", 1, ParamRule.Finite, Storage.None, "Weight added to the synapse per event; negative weights are allowed"),
            new ParamDef("Seed", "seed", "", 0, ParamRule.Seed, Storage.None, "Connectivity seed used when the constructor is not given one", Type: "long"),
        });

    public static readonly CommDef[] All = { EventJitFPHomoLinear };
}
