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

    /// <summary>The connector kinds of <see cref="EventCSRLinear"/> (the runtime's <c>SpikeSharp.Conn</c>, same order).</summary>
    public static readonly string[] ConnKinds = { "FixedProb", "Bernoulli", "FixedPreNum", "FixedPostNum", "FixedTotalNum", "AllToAll", "OneToOne" };

    public static readonly CommDef EventCSRLinear = new("EventCSRLinear", "bp.dnn.EventCSRLinear",
        "Event-driven stored (CSR) connectivity with a homogeneous weight (BrainPy <c>bp.dnn.EventCSRLinear(conn, weight)</c>). The matrix is built once, when the projection is built, from the connector <c>Conn</c> and the seed, the same for any thread count, after its memory is checked against the memory available (see <c>CsrMatrix.Build</c>); each spike adds <c>Weight</c> to every stored target.",
        new[]
        {
            new ParamDef("NumIn", "num_in", "", 0, ParamRule.Finite, Storage.None, "Number of pre-synaptic neurons (rows)", Type: "int"),
            new ParamDef("NumOut", "num_out", "", 0, ParamRule.Finite, Storage.None, "Number of post-synaptic neurons (must equal the post population's size)", Type: "int"),
        },
        new[]
        {
            new ParamDef("Prob", "prob", "", 0, ParamRule.Finite, Storage.None, "Connection probability of FixedProb (exact out-degree int(numOut·prob), BrainPy's) and Bernoulli (each pair independently)"),
            new ParamDef("Weight", "weight", "", 1, ParamRule.Finite, Storage.None, "Weight added to the synapse per event; negative weights are allowed"),
            new ParamDef("Seed", "seed", "", 0, ParamRule.Seed, Storage.None, "Connectivity seed used when the constructor is not given one", Type: "long"),
            new ParamDef("Conn", "conn", "", 0, ParamRule.Finite, Storage.None, "The connector: FixedProb (BrainPy's conn.FixedProb, the default), Bernoulli (ours: exact per-pair probability), FixedPreNum, FixedPostNum, FixedTotalNum, AllToAll, OneToOne", Type: "global::SpikeSharp.Conn"),
            new ParamDef("Num", "num", "", 0, ParamRule.Finite, Storage.None, "The count of FixedPreNum (sources per post), FixedPostNum (targets per pre) and FixedTotalNum (synapses)", Type: "long"),
            new ParamDef("AllowMultiConn", "allow_multi_conn", "", 0, ParamRule.Finite, Storage.None, "Draw targets with replacement (FixedProb, FixedPreNum, FixedPostNum, FixedTotalNum)", Type: "bool"),
            new ParamDef("IncludeSelf", "include_self", "", 1, ParamRule.Finite, Storage.None, "Keep the pairs (i, i) (needs numIn = numOut when false)", Type: "bool"),
        });

    /// <summary>CSRLinear: the non-event form of <see cref="EventCSRLinear"/> (the same connectors and parameters), for float
    /// inputs such as an align-pre projection's synapse value: <c>post[j] += Σ_i g[i]·Weight</c> (<c>CsrMatrix.Multiply</c>).</summary>
    public static readonly CommDef CSRLinear = new("CSRLinear", "bp.dnn.CSRLinear",
        "Stored (CSR) connectivity with a homogeneous weight, non-event (BrainPy <c>bp.dnn.CSRLinear(conn, weight)</c>): multiplies a float vector of the pre population (an align-pre synapse's value) by the matrix, <c>post[j] = Σ_i x[i]·Weight</c> over the stored synapses (i, j). Connectors and parameters as <c>[EventCSRLinear]</c>.",
        EventCSRLinear.CtorParams, EventCSRLinear.Params);

    public static readonly CommDef[] All = { EventJitFPHomoLinear, EventCSRLinear, CSRLinear };
}
