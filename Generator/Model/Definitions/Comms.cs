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
            new ParamDef("WLow", "min_val", "", double.NaN, ParamRule.Finite, Storage.None, "Per-synapse weights uniform in [WLow, WHigh) (BrainPy's <c>bp.init.Uniform(min_val, max_val)</c>), drawn once when the matrix is built from the projection's seed (<c>SynapseWeights.Uniform</c>); give both, instead of <c>Weight</c>"),
            new ParamDef("WHigh", "max_val", "", double.NaN, ParamRule.Finite, Storage.None, "Upper bound of the uniform per-synapse weights (see <c>WLow</c>)"),
            new ParamDef("WMu", "mean", "", double.NaN, ParamRule.Finite, Storage.None, "Per-synapse weights normal with mean WMu and standard deviation WSigma (BrainPy's <c>bp.init.Normal(mean, scale)</c>), drawn once when the matrix is built (<c>SynapseWeights.Normal</c>); give both, instead of <c>Weight</c>"),
            new ParamDef("WSigma", "scale", "", double.NaN, ParamRule.Finite, Storage.None, "Standard deviation (≥ 0) of the normal per-synapse weights (see <c>WMu</c>)"),
            new ParamDef("WMin", "clip min", "", double.NaN, ParamRule.Finite, Storage.None, "Lower clip of the normal per-synapse weights (optional)"),
            new ParamDef("WMax", "clip max", "", double.NaN, ParamRule.Finite, Storage.None, "Upper clip of the normal per-synapse weights (optional)"),
        });

    /// <summary>CSRLinear: the non-event form of <see cref="EventCSRLinear"/> (the same connectors and parameters), for float
    /// inputs such as an align-pre projection's synapse value: <c>post[j] += Σ_i g[i]·Weight</c> (<c>CsrMatrix.Multiply</c>).</summary>
    public static readonly CommDef CSRLinear = new("CSRLinear", "bp.dnn.CSRLinear",
        "Stored (CSR) connectivity with a homogeneous weight, non-event (BrainPy <c>bp.dnn.CSRLinear(conn, weight)</c>): multiplies a float vector of the pre population (an align-pre synapse's value) by the matrix, <c>post[j] = Σ_i x[i]·Weight</c> over the stored synapses (i, j). Connectors and parameters as <c>[EventCSRLinear]</c>.",
        EventCSRLinear.CtorParams, EventCSRLinear.Params);

    public static readonly CommDef EventJitFPUniformLinear = new("EventJitFPUniformLinear", "bp.dnn.EventJitFPUniformLinear",
        "Event-driven just-in-time random connectivity with uniform weights (BrainPy <c>bp.dnn.EventJitFPUniformLinear(num_in, num_out, prob, w_low, w_high, seed)</c>). Every (pre, post) pair is connected independently with probability <c>Prob</c>; its weight is uniform in [<c>WLow</c>, <c>WHigh</c>); targets and weights are regenerated from (seed, stream, pre, post), never stored (<c>JitComms.EventUniform</c>).",
        new[]
        {
            new ParamDef("NumIn", "num_in", "", 0, ParamRule.Finite, Storage.None, "Number of pre-synaptic neurons (the length of the spikes handed to <c>Deliver</c>)", Type: "int"),
            new ParamDef("NumOut", "num_out", "", 0, ParamRule.Finite, Storage.None, "Number of post-synaptic neurons (must equal the post population's size)", Type: "int"),
        },
        new[]
        {
            new ParamDef("Prob", "prob", "", 0, ParamRule.Probability, Storage.None, "Connection probability in (0, 1]"),
            new ParamDef("WLow", "w_low", "", 0, ParamRule.Finite, Storage.None, "Lower bound of the weights"),
            new ParamDef("WHigh", "w_high", "", 1, ParamRule.Finite, Storage.None, "Upper bound of the weights (≥ WLow)"),
            new ParamDef("Seed", "seed", "", 0, ParamRule.Seed, Storage.None, "Connectivity seed used when the constructor is not given one", Type: "long"),
        });

    public static readonly CommDef EventJitFPNormalLinear = new("EventJitFPNormalLinear", "bp.dnn.EventJitFPNormalLinear",
        "Event-driven just-in-time random connectivity with normal weights (BrainPy <c>bp.dnn.EventJitFPNormalLinear(num_in, num_out, prob, w_mu, w_sigma, seed)</c>). Every (pre, post) pair is connected independently with probability <c>Prob</c>; its weight is normal (<c>WMu</c>, <c>WSigma</c>); targets and weights are regenerated from (seed, stream, pre, post), never stored (<c>JitComms.EventNormal</c>).",
        new[]
        {
            new ParamDef("NumIn", "num_in", "", 0, ParamRule.Finite, Storage.None, "Number of pre-synaptic neurons (the length of the spikes handed to <c>Deliver</c>)", Type: "int"),
            new ParamDef("NumOut", "num_out", "", 0, ParamRule.Finite, Storage.None, "Number of post-synaptic neurons (must equal the post population's size)", Type: "int"),
        },
        new[]
        {
            new ParamDef("Prob", "prob", "", 0, ParamRule.Probability, Storage.None, "Connection probability in (0, 1]"),
            new ParamDef("WMu", "w_mu", "", 0, ParamRule.Finite, Storage.None, "Mean of the weights"),
            new ParamDef("WSigma", "w_sigma", "", 1, ParamRule.Finite, Storage.None, "Standard deviation of the weights (≥ 0)"),
            new ParamDef("Seed", "seed", "", 0, ParamRule.Seed, Storage.None, "Connectivity seed used when the constructor is not given one", Type: "long"),
        });

    /// <summary>BrainPy's <c>bp.dnn.AllToAll</c> (brainpy-semantics.md §5.1). One attribute for both uses: an align-post
    /// projection delivers events (<c>DenseComms.AllToAll(Spikes, …)</c>), an align-pre one multiplies values.</summary>
    public static readonly CommDef AllToAll = new("AllToAll", "bp.dnn.AllToAll",
        "All-to-all connectivity with a scalar weight (BrainPy <c>bp.dnn.AllToAll(num_pre, num_post, weight, include_self)</c>): the output is <c>Weight·Σx</c> broadcast to every post, less <c>Weight·x_j</c> for post j &lt; numIn when <c>IncludeSelf</c> is false (BrainPy 2.6's rule). An align-post projection gives it spikes (x = 1 per spike); an align-pre one gives it the synapse values. Nothing is stored.",
        new[]
        {
            new ParamDef("NumIn", "num_pre", "", 0, ParamRule.Finite, Storage.None, "Number of pre-synaptic neurons", Type: "int"),
            new ParamDef("NumOut", "num_post", "", 0, ParamRule.Finite, Storage.None, "Number of post-synaptic neurons (must equal the post population's size)", Type: "int"),
        },
        new[]
        {
            new ParamDef("Weight", "weight", "", 1, ParamRule.Finite, Storage.None, "The scalar weight; negative weights are allowed"),
            new ParamDef("IncludeSelf", "include_self", "", 1, ParamRule.Finite, Storage.None, "Keep the pairs (i, i); false subtracts each post j's own input x_j (j &lt; numIn)", Type: "bool"),
        });

    /// <summary>BrainPy's <c>bp.dnn.OneToOne</c> (brainpy-semantics.md §5.1); event or value form as for <see cref="AllToAll"/>.</summary>
    public static readonly CommDef OneToOne = new("OneToOne", "bp.dnn.OneToOne",
        "One-to-one connectivity with a scalar weight (BrainPy <c>bp.dnn.OneToOne(num, weight)</c>): <c>y = x ⊙ Weight</c>, pre i onto post i. An align-post projection gives it spikes; an align-pre one the synapse values. Nothing is stored.",
        new[]
        {
            new ParamDef("Num", "num", "", 0, ParamRule.Finite, Storage.None, "Number of neurons (pre and post, which must be equal)", Type: "int"),
        },
        new[]
        {
            new ParamDef("Weight", "weight", "", 1, ParamRule.Finite, Storage.None, "The scalar weight; negative weights are allowed"),
        });

    /// <summary>The non-event JIT comms (BrainPy's <c>JitFPHomoLinear</c>, <c>JitFPUniformLinear</c>, <c>JitFPNormalLinear</c>): the
    /// targets and weights of the event forms, multiplying a float vector (an align-pre synapse's value).</summary>
    static CommDef NonEventJit(CommDef ev, string name, string kernel) => new(name, "bp.dnn." + name,
        $"Just-in-time random connectivity, non-event (BrainPy <c>bp.dnn.{name}</c>): the targets and weights of <c>[{ev.Attribute}]</c> with the same parameters, multiplying a float vector of the pre population (an align-pre synapse's value), <c>post[r] += w(k, r)·x[k]</c> over every pre k, in order (<c>JitComms.{kernel}</c>). Nothing is stored.",
        new[]
        {
            new ParamDef("NumIn", "num_in", "", 0, ParamRule.Finite, Storage.None, "Number of pre-synaptic neurons (the length of the value vector)", Type: "int"),
            new ParamDef("NumOut", "num_out", "", 0, ParamRule.Finite, Storage.None, "Number of post-synaptic neurons (must equal the post population's size)", Type: "int"),
        },
        ev.Params);

    public static readonly CommDef JitFPHomoLinear = NonEventJit(EventJitFPHomoLinear, "JitFPHomoLinear", "MultiplyHomo");
    public static readonly CommDef JitFPUniformLinear = NonEventJit(EventJitFPUniformLinear, "JitFPUniformLinear", "MultiplyUniform");
    public static readonly CommDef JitFPNormalLinear = NonEventJit(EventJitFPNormalLinear, "JitFPNormalLinear", "MultiplyNormal");

    public static readonly CommDef[] All = { EventJitFPHomoLinear, EventJitFPUniformLinear, EventJitFPNormalLinear, EventCSRLinear, CSRLinear, AllToAll, OneToOne,
        JitFPHomoLinear, JitFPUniformLinear, JitFPNormalLinear };
}
