using System.Collections.Generic;
using SpikeSharp.Generator.Helpers;
using SpikeSharp.Generator.Model;
using SpikeSharp.Generator.Model.Definitions;

namespace SpikeSharp.Generator.Lowering;

/// <summary>How a comm's delivery is split over threads: not at all (dense comms, O(NumOut) or O(spikes) per step), by
/// JIT post blocks (<c>JitConnectivity.BlockCount</c>) or by the stored matrix's blocks (<c>CsrMatrix.PartBlocks</c>).</summary>
internal enum CommParts { None, JitBlocks, CsrBlocks }

/// <summary>A constant a comm declares on its projection: its doc summary (XML text), C# type, name and literal value.</summary>
internal sealed record CommConstant(string Doc, string Type, string Name, string Value);

/// <summary>A field or property a comm owns on its projection: the declaration line(s) as emitted (doc comment included), and
/// its name and declaration for <see cref="GeneratedMembers"/> (the clash check).</summary>
internal sealed record CommMember(string Name, string Declaration, string[] Lines);

/// <summary>
/// One comm, lowered (design.md "Models as data"): everything a projection emitter needs from a <see cref="CommSpec"/>,
/// whatever the projection (align-post Half/Full/own/delta, with or without [Std]/[Stp]; align-pre SD/DS; VanillaProj):
/// its description and memory, the constants and state it owns, whether it needs a seed, how it is built, its
/// event-delivery statement, its scaled event-delivery statement (each spike's weight times a per-pre factor) and its
/// value-form statement, and how its work is split over threads. The emitters write no comm-specific line of their own;
/// adding a comm is one entry in <see cref="Lower"/> (and its runtime kernel).
/// </summary>
internal sealed class CommPlan
{
    /// <summary>The attribute / BrainPy class: "EventCSRLinear", "JitFPHomoLinear", "AllToAll", ….</summary>
    public string Attribute { get; init; } = "";
    /// <summary>The comm as written, e.g. "EventCSRLinear(4000, 4000, Conn = FixedProb(0.02), Weight = 0.5)" (plain text: escape for XML).</summary>
    public string Text { get; init; } = "";
    /// <summary>What the comm stores, for the docs ("0 bytes: regenerated per spike", "the CSR matrix, about 2 B per synapse, …").</summary>
    public string Memory { get; init; } = "";
    /// <summary>The connectivity is drawn (JIT streams, stored matrix, per-synapse weights): the projection has Seed, StreamId,
    /// DefaultSeed, DefaultStreamId and the seeded constructors. False for AllToAll/OneToOne (nothing is drawn).</summary>
    public bool NeedsSeed { get; init; }
    /// <summary>How the delivery is split over threads.</summary>
    public CommParts Parts { get; init; }
    /// <summary>The doc of the <c>Prob</c> constant; null when the comm has none (dense event comms).</summary>
    public string? ProbDoc { get; init; }
    /// <summary>The doc of <c>DefaultStreamId</c> (lines, without the declaration).</summary>
    public string[] StreamIdDoc { get; init; } = System.Array.Empty<string>();
    /// <summary>The doc of the <c>StreamId</c> property (one summary line).</summary>
    public string StreamIdPropertyDoc { get; init; } = "/// <summary>The connectivity stream family.</summary>";
    /// <summary>The weight constants (Weight; WLow/WHigh; WMu/WSigma[/WMin/WMax]; IncludeSelf).</summary>
    public List<CommConstant> Constants { get; } = new();
    /// <summary>Private state declared before the parallel bookkeeping (skip table, per-synapse weights).</summary>
    public List<CommMember> Fields { get; } = new();
    /// <summary>Private state declared after it (the target cache).</summary>
    public List<CommMember> LateFields { get; } = new();
    /// <summary>Public members after <c>Threads</c> (the matrix; the delivery strategy and target cache).</summary>
    public List<CommMember> Properties { get; } = new();
    /// <summary>The doc lines of <c>Threads</c>.</summary>
    public string[] ThreadsDoc { get; init; } = System.Array.Empty<string>();
    /// <summary>Docs of the three Half constructors (post), (post, seed), (post, seed, streamId): summary lines only.</summary>
    public string[][] HalfCtorDocs { get; init; } = System.Array.Empty<string[]>();
    /// <summary>The event <c>Deliver</c> summary lines.</summary>
    public string[] DeliverDoc { get; init; } = System.Array.Empty<string>();
    /// <summary>The end of the merged post buffer's doc (", shared with …"), after "<c>Post.G0</c>".</summary>
    public string BufferDocTail { get; init; } = "";

    /// <summary>Construction statements (after the post buffers are bound): the connectivity build with its memory check, the
    /// weights, the skip table, the cache.</summary>
    public string[] Construct { get; init; } = System.Array.Empty<string>();
    /// <summary>A warm-up statement compiling the delivery kernel at construction (null: none); the argument is the scale
    /// array of [Std]/[Stp] or null. The bool: write the comment line before it.</summary>
    public System.Func<string?, bool, string[]>? Warmup { get; init; }
    /// <summary>Event delivery into buffer g: (g, first block, end block) → statement; first null: every block, one thread.</summary>
    public System.Func<string, string?, string?, string>? Deliver { get; init; }
    /// <summary>Scaled event delivery (each spiking pre i adds weight·scale[i]): (g, scale, first, end) → statement.</summary>
    public System.Func<string, string, string?, string?, string>? DeliverScaled { get; init; }
    /// <summary>Value form: (x, y, first, end) → statement adding comm(x) into y (first null: every block).</summary>
    public System.Func<string, string, string?, string?, string>? Multiply { get; init; }

    /// <summary>The block range of the one-thread call, or null when it takes none (the stored and dense kernels' whole-range
    /// overloads).</summary>
    public (string First, string End)? OneThreadRange => Parts == CommParts.JitBlocks ? ("0", Rt + "JitConnectivity.BlockCount(NumOut)") : null;

    /// <summary>Value form: the lines that set <c>parts</c> (the JIT comms also set <c>blocks</c>).</summary>
    public string[] ValueParts => Parts == CommParts.JitBlocks
        ? new[] { $"int blocks = {Rt}JitConnectivity.BlockCount(NumOut);", $"int parts = global::System.Math.Min({Rt}Parallelism.DeliverParts(NumOut, __threads), blocks);" }
        : new[] { $"int parts = {PartsExpr};" };

    /// <summary>Value form: the block range of the one-thread call (null: the whole-range overload).</summary>
    public (string First, string End)? OneThreadValueRange => Parts == CommParts.JitBlocks ? ("0", "blocks") : null;

    /// <summary>The doc of the Half constructor's streamId parameter.</summary>
    public string StreamIdParamDoc { get; init; } = "/// <param name=\"streamId\">Connectivity stream family.</param>";

    /// <summary>The number of parts a delivery uses (when split).</summary>
    public string PartsExpr => Parts == CommParts.CsrBlocks
        ? $"global::System.Math.Min({Rt}Parallelism.DeliverParts(NumOut, __threads), Matrix.Blocks)"
        : $"{Rt}Parallelism.DeliverParts(NumOut, __threads)";

    /// <summary>Lines that start <c>IParallelWork.Execute</c> and the block range of one part.</summary>
    public (string[] Prologue, string First, string End) PartRange => Parts == CommParts.CsrBlocks
        ? (new[] { "Matrix.PartBlocks(part, parts, out int first, out int end);" }, "first", "end")
        : (new[] { $"int blocks = {Rt}JitConnectivity.BlockCount(NumOut);" }, "blocks * part / parts", "blocks * (part + 1) / parts");

    const string Rt = "global::SpikeSharp.";
}

/// <summary>The comm table: <see cref="Lower"/> gives each comm's <see cref="CommPlan"/>.</summary>
internal static class CommLowering
{
    const string Rt = "global::SpikeSharp.";

    static string F(double v) => Literals.Float(v);
    static string S(double v) => Literals.Short(v);
    static string B(bool b) => b ? "true" : "false";

    /// <summary>The comm's plan; <paramref name="eventForm"/>: spikes in (align-post), else values (align-pre, VanillaProj;
    /// AllToAll/OneToOne take either);
    /// <paramref name="typeName"/>: the projection's name, for the messages of the connectivity build and cache.
    /// Null when the comm has no such form (<see cref="CommSpec.HasEventForm"/>, <see cref="CommSpec.HasValueForm"/>): the
    /// parser reports that (SPK4060, SPK4063, SPK4120) and never hands such a spec on; null, not an exception, if one came.</summary>
    public static CommPlan? Lower(CommSpec comm, bool eventForm, string typeName)
    {
        if (!(eventForm ? comm.HasEventForm : comm.HasValueForm)) return null;
        if (!eventForm) return LowerValue(comm, typeName);
        if (comm.Csr is not null) return EventCsr(comm, typeName);
        return comm.Alt?.Kind switch
        {
            "EventJitFPUniformLinear" or "EventJitFPNormalLinear" => JitEvent(comm, comm.Alt.Kind, typeName),
            "AllToAll" or "OneToOne" => DenseEvent(comm),
            _ => JitEvent(comm, "EventJitFPHomoLinear", typeName),
        };
    }

    // ---- Event forms (align-post projections) ----

    static CommPlan JitEvent(CommSpec comm, string kind, string name)
    {
        bool homo = kind == "EventJitFPHomoLinear", uniform = kind == "EventJitFPUniformLinear";
        var alt = comm.Alt;
        string weights = homo ? $"Weight = {S(comm.Weight)}" : uniform ? $"WLow = {S(alt!.A)}, WHigh = {S(alt.B)}" : $"WMu = {S(alt!.A)}, WSigma = {S(alt.B)}";
        var p = new CommPlan
        {
            Attribute = kind,
            Text = $"{kind}({comm.NumIn}, {comm.NumOut}, Prob = {S(comm.Prob)}, {weights})",
            Memory = homo ? "0 bytes per synapse: targets regenerated from (seed, stream id, pre) per spike, or cached (JitTargetCache, DeliverySettings)"
                : "0 bytes per synapse: targets and weights regenerated from (seed, stream id, pre, post) per spike, never cached",
            NeedsSeed = true,
            Parts = CommParts.JitBlocks,
            ProbDoc = "Probability that a (pre, post) pair is connected.",
            StreamIdDoc = new[]
            {
                "/// <summary>Connectivity stream family used by the constructors without a stream id: a stable 64-bit hash of this type's",
                "/// full name, <c>CounterRng.NameStreamId({0})</c>, so that no two projections share targets",
                "/// unless a constructor is given the same stream id (and seed) explicitly.</summary>",
            },
            StreamIdParamDoc = "/// <param name=\"streamId\">Connectivity stream family (<see cref=\"DefaultStreamId\"/> by default).</param>",
            StreamIdPropertyDoc = "/// <summary>The connectivity stream family: targets are keyed by (<see cref=\"Seed\"/>, <see cref=\"StreamId\"/>, pre, post block).</summary>",
            ThreadsDoc = new[]
            {
                "/// <summary>Threads <see cref=\"Deliver\"/> may use (each owns whole post blocks): 0 (default) follows",
                $"/// <see cref=\"{Rt}Parallelism.Threads\"/>. The buffer is bit-identical for every thread count.</summary>",
            },
            HalfCtorDocs = new[]
            {
                new[] { "/// <summary>Binds the projection to <paramref name=\"post\"/> with the seed given in the attribute (<see cref=\"DefaultSeed\"/>).</summary>" },
                new[]
                {
                    "/// <summary>Binds the projection to <paramref name=\"post\"/>; <paramref name=\"seed\"/> fixes the connectivity (with this",
                    "/// type's own stream family <see cref=\"DefaultStreamId\"/>, so another projection with the same seed still has unrelated targets).</summary>",
                },
                new[]
                {
                    "/// <summary>Binds the projection to <paramref name=\"post\"/> with an explicit stream family: projections given the same",
                    "/// <paramref name=\"seed\"/> and <paramref name=\"streamId\"/> (and the same NumOut and Prob) have identical targets for equal pre",
                    "/// indices. Use it only to share connectivity on purpose.</summary>",
                },
            },
            DeliverDoc = new[]
            {
                homo ? "/// <summary>Adds <see cref=\"Weight\"/> to the post buffer for every target of every spiking pre neuron; targets are"
                    : "/// <summary>Adds each synapse's own weight (drawn from (seed, stream id, pre, post)) to the post buffer for every target of every spiking pre neuron; targets are",
                "/// those of (seed, stream id, pre index), stored or regenerated (<see cref=\"Delivery\"/>). Allocates nothing.</summary>",
            },
            BufferDocTail = ", shared with every projection of the same merge key",
            Construct = homo
                ? new[]
                {
                    $"__skips = {Rt}GeometricSkips.For(Prob);",
                    $"__cache = {Rt}JitTargetCache.Choose({Literals.String(name)}, NumIn, NumOut, Prob, Seed, StreamId, {Rt}DeliverySettings.Strategy, null);",
                }
                : new[] { $"__skips = {Rt}GeometricSkips.For(Prob);", "__cache = null; // uniform and normal weights are regenerated with their targets" },
            Warmup = homo ? static (scale, comment) =>
            {
                string call = scale is null
                    ? $"{Rt}JitDelivery.AddHomo(__g, Seed, StreamId, {Rt}Spikes.None(NumIn), __skips, __cache, Weight, 0, {Rt}JitConnectivity.BlockCount(NumOut));"
                    : $"{Rt}JitDelivery.AddHomoScaled(__g, Seed, StreamId, {Rt}Spikes.None(NumIn), __skips, __cache, Weight, {scale}, 0, {Rt}JitConnectivity.BlockCount(NumOut));";
                return comment ? new[] { "// Compile the delivery kernel now (no spikes: nothing is added), not inside the first timed step.", call } : new[] { call };
            } : null,
            Deliver = homo
                ? static (g, first, end) => $"{Rt}JitDelivery.AddHomo({g}, Seed, StreamId, spikes, __skips, __cache, Weight, {first}, {end});"
                : uniform
                    ? static (g, first, end) => $"{Rt}JitComms.EventUniform({g}, Seed, StreamId, spikes, __skips, WLow, WHigh, {first}, {end});"
                    : static (g, first, end) => $"{Rt}JitComms.EventNormal({g}, Seed, StreamId, spikes, __skips, WMu, WSigma, {first}, {end});",
            DeliverScaled = homo
                ? static (g, scale, first, end) => $"{Rt}JitDelivery.AddHomoScaled({g}, Seed, StreamId, spikes, __skips, __cache, Weight, {scale}, {first}, {end});"
                : uniform
                    ? static (g, scale, first, end) => $"{Rt}JitComms.EventUniformScaled({g}, Seed, StreamId, spikes, __skips, WLow, WHigh, {scale}, {first}, {end});"
                    : static (g, scale, first, end) => $"{Rt}JitComms.EventNormalScaled({g}, Seed, StreamId, spikes, __skips, WMu, WSigma, {scale}, {first}, {end});",
        };
        if (homo) p.Constants.Add(new("Weight added to the post's conductance per event.", "float", "Weight", F(comm.Weight)));
        else if (uniform)
        {
            p.Constants.Add(new("Lower bound of the uniform weights (each synapse's weight is drawn from (seed, stream id, pre, post) when it is visited).", "float", "WLow", F(alt!.A)));
            p.Constants.Add(new("Upper bound of the uniform weights.", "float", "WHigh", F(alt.B)));
        }
        else
        {
            p.Constants.Add(new("Mean of the normal weights (each synapse's weight is drawn from (seed, stream id, pre, post) when it is visited).", "float", "WMu", F(alt!.A)));
            p.Constants.Add(new("Standard deviation of the normal weights.", "float", "WSigma", F(alt.B)));
        }
        p.Fields.Add(new("__skips", $"readonly {Rt}GeometricSkips __skips", new[] { $"readonly {Rt}GeometricSkips __skips; // skip table of Prob (shared)" }));
        p.LateFields.Add(new("__cache", $"{Rt}JitTargetCache? __cache", new[] { $"{Rt}JitTargetCache? __cache; // stored targets, or null: regenerated per spike" }));
        p.Properties.Add(new("Delivery", $"public {Rt}DeliveryStrategy Delivery", new[]
        {
            "/// <summary>How <see cref=\"Deliver\"/> finds targets: <see cref=\"global::SpikeSharp.DeliveryStrategy.Cached\"/> (walked once and",
            "/// stored, <see cref=\"TargetCache\"/>) or <see cref=\"global::SpikeSharp.DeliveryStrategy.Regenerate\"/> (per spike). The constructor applies",
            $"/// <see cref=\"{Rt}DeliverySettings.Strategy\"/>; setting it builds or drops the cache at once (not while Deliver runs).",
            "/// <c>Auto</c> caches when the cache fits in the budget. Spikes and state are bit-identical whatever the strategy.</summary>",
            $"public {Rt}DeliveryStrategy Delivery",
            "{",
            $"    get => __cache is null ? {Rt}DeliveryStrategy.Regenerate : {Rt}DeliveryStrategy.Cached;",
            "    set " + (homo ? $"=> __cache = {Rt}JitTargetCache.Choose({Literals.String(name)}, NumIn, NumOut, Prob, Seed, StreamId, value, __cache);" : "{ } // uniform and normal weights are regenerated with their targets: no cache"),
            "}",
            "",
        }));
        p.Properties.Add(new("TargetCache", $"public {Rt}JitTargetCache? TargetCache", new[]
        {
            "/// <summary>The stored targets (bytes, synapses, set-up time), or null when they are regenerated.</summary>",
            $"public {Rt}JitTargetCache? TargetCache => __cache;",
            "",
        }));
        return p;
    }

    static CommPlan EventCsr(CommSpec comm, string name)
    {
        var csr = comm.Csr!;
        string describe = Describe(comm);
        var weights = csr.Weights;
        var p = new CommPlan
        {
            Attribute = "EventCSRLinear",
            Text = $"EventCSRLinear({comm.NumIn}, {comm.NumOut}, {describe}, {DescribeWeights(comm)})",
            Memory = "the CSR matrix (about 2 B per synapse, 4 B past 1 048 576 posts, plus row and block starts: CsrMatrix.Bytes), checked against the memory limit before it is allocated"
                + (weights is null ? "" : ", + 4 B per synapse for its weight"),
            NeedsSeed = true,
            Parts = CommParts.CsrBlocks,
            ProbDoc = "Connection probability of the connector (0 for the counting connectors).",
            StreamIdDoc = new[] { "/// <summary>Connectivity stream family used without an explicit stream id: <c>CounterRng.NameStreamId({0})</c>.</summary>" },
            ThreadsDoc = new[] { $"/// <summary>Threads <see cref=\"Deliver\"/> may use (each owns whole post blocks): 0 (default) follows <see cref=\"{Rt}Parallelism.Threads\"/>.</summary>" },
            HalfCtorDocs = new[]
            {
                new[] { "/// <summary>Binds the projection to <paramref name=\"post\"/> with the seed given in the attribute.</summary>" },
                new[] { "/// <summary>Binds the projection to <paramref name=\"post\"/> and builds the matrix from <paramref name=\"seed\"/>.</summary>" },
                new[] { "/// <summary>Binds the projection and builds the matrix from (<paramref name=\"seed\"/>, <paramref name=\"streamId\"/>).</summary>" },
            },
            DeliverDoc = new[]
            {
                weights is null
                    ? "/// <summary>Adds <see cref=\"Weight\"/> to the post buffer for every stored target of every spiking pre neuron. Allocates nothing.</summary>"
                    : "/// <summary>Adds each stored synapse's own weight to the post buffer for every stored target of every spiking pre neuron. Allocates nothing.</summary>",
            },
            Construct = Build(csr, weights, name),
            Deliver = weights is null
                ? static (g, first, end) => first is null ? $"Matrix.AddEvents({g}, spikes, Weight);" : $"Matrix.AddEvents({g}, spikes, Weight, {first}, {end});"
                : static (g, first, end) => first is null ? $"Matrix.AddEvents({g}, spikes, __w);" : $"Matrix.AddEvents({g}, spikes, __w, {first}, {end});",
            DeliverScaled = weights is null
                ? static (g, scale, first, end) => $"Matrix.AddEventsScaled({g}, spikes, Weight, {scale}, {first ?? "0"}, {end ?? "Matrix.Blocks"});"
                : static (g, scale, first, end) => $"Matrix.AddEventsScaled({g}, spikes, __w, {scale}, {first ?? "0"}, {end ?? "Matrix.Blocks"});",
        };
        AddCsrWeightConstants(p, comm, "Weight added to the post's conductance per synapse of a spiking pre neuron.");
        if (weights is not null) p.Fields.Add(new("__w", "readonly float[] __w", new[] { "readonly float[] __w; // one weight per stored synapse, drawn once from (Seed, StreamId)" }));
        p.Properties.Add(new("Matrix", $"public {Rt}CsrMatrix Matrix", new[]
        {
            $"/// <summary>The stored connectivity ({Emit.EmitHelpers.XmlText(describe)}): synapses, bytes, set-up time.</summary>",
            $"public {Rt}CsrMatrix Matrix {{ get; }}",
        }));
        return p;
    }

    static string[] Build(CsrSpec csr, CsrWeights? weights, string name)
    {
        var lines = new List<string> { $"Matrix = {Rt}CsrMatrix.Build({Connector(csr, "Prob")}, NumIn, NumOut, Seed, StreamId, 0, {Literals.String(name)});" };
        if (weights is not null) lines.Add($"__w = {WeightDistribution(weights)}.Create(Matrix, Seed, StreamId); // 4 bytes per synapse, checked against the memory limit first");
        return lines.ToArray();
    }

    static void AddCsrWeightConstants(CommPlan p, CommSpec comm, string weightDoc)
    {
        if (comm.Csr!.Weights is not { } weights) p.Constants.Add(new(weightDoc, "float", "Weight", F(comm.Weight)));
        else if (!weights.Normal)
        {
            p.Constants.Add(new("Lower bound of the uniform per-synapse weights (each drawn once, when the matrix is built, from (Seed, StreamId)).", "float", "WLow", F(weights.A)));
            p.Constants.Add(new("Upper bound (exclusive) of the uniform per-synapse weights.", "float", "WHigh", F(weights.B)));
        }
        else
        {
            p.Constants.Add(new("Mean of the normal per-synapse weights (each drawn once, when the matrix is built, from (Seed, StreamId)).", "float", "WMu", F(weights.A)));
            p.Constants.Add(new("Standard deviation of the normal per-synapse weights.", "float", "WSigma", F(weights.B)));
            if (!double.IsNaN(weights.Min)) p.Constants.Add(new("Lower clip of the normal per-synapse weights.", "float", "WMin", F(weights.Min)));
            if (!double.IsNaN(weights.Max)) p.Constants.Add(new("Upper clip of the normal per-synapse weights.", "float", "WMax", F(weights.Max)));
        }
    }

    static string WeightDistribution(CsrWeights cw) => cw.Normal
        ? $"{Rt}SynapseWeights.Normal(WMu, WSigma, {(double.IsNaN(cw.Min) ? "null" : "WMin")}, {(double.IsNaN(cw.Max) ? "null" : "WMax")})"
        : $"{Rt}SynapseWeights.Uniform(WLow, WHigh)";

    static CommPlan DenseEvent(CommSpec comm)
    {
        var alt = comm.Alt!;
        bool all = alt.Kind == "AllToAll";
        var p = new CommPlan
        {
            Attribute = alt.Kind,
            Text = DenseText(comm),
            Memory = "nothing stored (O(NumOut) per step for AllToAll, O(spikes) for OneToOne)",
            NeedsSeed = false,
            Parts = CommParts.None,
            HalfCtorDocs = new[] { new[] { "/// <summary>Binds the projection to <paramref name=\"post\"/>.</summary>" } },
            DeliverDoc = new[]
            {
                all ? "/// <summary>AllToAll on events: adds <c>Weight·count</c> to every post (less <c>Weight</c> at a spiking post j &lt; NumIn when IncludeSelf is false). Allocates nothing.</summary>"
                    : "/// <summary>OneToOne on events: adds <see cref=\"Weight\"/> to post i for every spiking pre i. Allocates nothing.</summary>",
            },
            Deliver = all
                ? static (g, _, _) => $"{Rt}DenseComms.AllToAll(spikes, {g}, Weight, IncludeSelf);"
                : static (g, _, _) => $"{Rt}DenseComms.OneToOne(spikes, {g}, Weight);",
            DeliverScaled = all
                ? static (g, scale, _, _) => $"{Rt}DenseComms.AllToAllScaled(spikes, {g}, Weight, {scale}, IncludeSelf);"
                : static (g, scale, _, _) => $"{Rt}DenseComms.OneToOneScaled(spikes, {g}, Weight, {scale});",
        };
        p.Constants.Add(new("The scalar weight.", "float", "Weight", F(comm.Weight)));
        if (all) p.Constants.Add(new("Whether post j also receives pre j's spike (BrainPy's <c>include_self</c>).", "bool", "IncludeSelf", B(alt.IncludeSelf)));
        return p;
    }

    static string DenseText(CommSpec comm) => comm.Alt!.Kind == "AllToAll"
        ? $"AllToAll({comm.NumIn}, {comm.NumOut}, Weight = {S(comm.Weight)}{(comm.Alt.IncludeSelf ? "" : ", IncludeSelf = false")})"
        : $"OneToOne({comm.NumIn}, Weight = {S(comm.Weight)})";

    // ---- Value forms (align-pre projections, VanillaProj) ----

    static CommPlan LowerValue(CommSpec comm, string name)
    {
        string? dense = comm.Alt?.Kind is "AllToAll" or "OneToOne" ? comm.Alt.Kind : null;
        string? jit = comm.Alt is { IsNonEventJit: true } ? comm.Alt.Kind : null;
        string attribute = jit ?? dense ?? "CSRLinear";
        string jitWeights = jit switch
        {
            "JitFPHomoLinear" => $"Weight = {S(comm.Weight)}",
            "JitFPUniformLinear" => $"WLow = {S(comm.Alt!.A)}, WHigh = {S(comm.Alt.B)}",
            "JitFPNormalLinear" => $"WMu = {S(comm.Alt!.A)}, WSigma = {S(comm.Alt.B)}",
            _ => "",
        };
        string text = jit is not null ? $"{jit}({comm.NumIn}, {comm.NumOut}, Prob = {S(comm.Prob)}, {jitWeights})"
            : dense is not null ? DenseText(comm)
            : $"CSRLinear({comm.NumIn}, {comm.NumOut}, {Describe(comm)}, {DescribeWeights(comm)})";
        var csrWeights = jit is null && dense is null ? comm.Csr!.Weights : null;
        var p = new CommPlan
        {
            Attribute = attribute,
            Text = text,
            Memory = jit is not null ? "0 bytes per synapse: targets and weights regenerated from (seed, stream id, pre, post) every step"
                : dense is not null ? "nothing stored (O(NumIn + NumOut) per step, post blocks over threads when large)"
                : "the CSR matrix (about 2 B per synapse, 4 B past 1 048 576 posts, plus row and block starts: CsrMatrix.Bytes), checked against the memory limit before it is allocated"
                  + (csrWeights is null ? "" : ", + 4 B per synapse for its weight"),
            NeedsSeed = dense is null,
            Parts = jit is not null ? CommParts.JitBlocks : dense is not null ? CommParts.None : CommParts.CsrBlocks,
            ProbDoc = "Connection probability of the connector (0 for the counting connectors).",
            StreamIdDoc = new[] { "/// <summary>Connectivity stream family used without an explicit stream id: <c>CounterRng.NameStreamId({0})</c>.</summary>" },
            Construct = jit is not null ? new[] { $"__skips = {Rt}GeometricSkips.For(Prob);" }
                : dense is not null ? System.Array.Empty<string>()
                : Build(comm.Csr!, csrWeights, name),
            Multiply = jit switch
            {
                "JitFPHomoLinear" => static (x, y, first, end) => $"{Rt}JitComms.MultiplyHomo({x}, {y}, Seed, StreamId, __skips, Weight, {first}, {end});",
                "JitFPUniformLinear" => static (x, y, first, end) => $"{Rt}JitComms.MultiplyUniform({x}, {y}, Seed, StreamId, __skips, WLow, WHigh, {first}, {end});",
                "JitFPNormalLinear" => static (x, y, first, end) => $"{Rt}JitComms.MultiplyNormal({x}, {y}, Seed, StreamId, __skips, WMu, WSigma, {first}, {end});",
                _ => dense switch
                {
                    "AllToAll" => static (x, y, _, _) => $"{Rt}DenseComms.AllToAllThreaded({x}, {y}, Weight, IncludeSelf, __threads); // Σ in index order on this thread; broadcast over post blocks when large",
                    "OneToOne" => static (x, y, _, _) => $"{Rt}DenseComms.OneToOneThreaded({x}, {y}, Weight, __threads); // over post blocks when large",
                    _ => csrWeights is null
                        ? static (x, y, first, end) => first is null ? $"Matrix.Multiply({x}, {y}, Weight);" : $"Matrix.Multiply({x}, {y}, Weight, {first}, {end});"
                        : static (x, y, first, end) => first is null ? $"Matrix.Multiply({x}, {y}, __w);" : $"Matrix.Multiply({x}, {y}, __w, {first}, {end});",
                },
            },
        };
        if (csrWeights is not null)
        {
            // Per-synapse weights on CSRLinear: drawn once when the matrix is built, as on EventCSRLinear.
            AddCsrWeightConstants(p, comm, "");
            p.Fields.Add(new("__w", "readonly float[] __w", new[] { "readonly float[] __w; // one weight per stored synapse, drawn once from (Seed, StreamId)" }));
        }
        else if (jit is not ("JitFPUniformLinear" or "JitFPNormalLinear")) // those draw each weight (WLow/WHigh, WMu/WSigma): no Weight
            p.Constants.Add(new(dense switch
            {
                "AllToAll" => "The scalar weight: every post receives Weight·Σ_i g[i] (less its own pre's Weight·g[j] when IncludeSelf is false).",
                "OneToOne" => "The scalar weight: post i receives Weight·g[i].",
                _ => jit is not null ? "Weight of every synapse: the post receives Σ_i g[i]·Weight over its sources."
                    : "Weight of every stored synapse: the post receives Σ_i g[i]·Weight over its sources.",
            }, "float", "Weight", F(comm.Weight)));
        if (dense == "AllToAll") p.Constants.Add(new("Whether post j also receives pre j's value (BrainPy's <c>include_self</c>).", "bool", "IncludeSelf", B(comm.Alt!.IncludeSelf)));
        if (jit is "JitFPUniformLinear")
        {
            p.Constants.Add(new("Lower bound of the synapses' weights (each drawn from (seed, stream id, pre, post) when visited).", "float", "WLow", F(comm.Alt!.A)));
            p.Constants.Add(new("Upper bound of the synapses' weights.", "float", "WHigh", F(comm.Alt.B)));
        }
        else if (jit is "JitFPNormalLinear")
        {
            p.Constants.Add(new("Mean of the synapses' weights (each drawn from (seed, stream id, pre, post) when visited).", "float", "WMu", F(comm.Alt!.A)));
            p.Constants.Add(new("Standard deviation of the synapses' weights.", "float", "WSigma", F(comm.Alt.B)));
        }
        if (jit is not null) p.Fields.Add(new("__skips", $"readonly {Rt}GeometricSkips __skips", new[] { $"readonly {Rt}GeometricSkips __skips; // skip table of Prob (shared)" }));
        if (jit is null && dense is null)
            p.Properties.Add(new("Matrix", $"public {Rt}CsrMatrix Matrix", new[]
            {
                $"/// <summary>The stored connectivity ({Emit.EmitHelpers.XmlText(Describe(comm))}).</summary>",
                $"public {Rt}CsrMatrix Matrix {{ get; }}",
            }));
        return p;
    }

    // ---- Connectors (stored comms) ----

    /// <summary>The runtime connector expression.</summary>
    internal static string Connector(CsrSpec c, string prob) => Comms.ConnKinds[c.Kind] switch
    {
        "FixedProb" => $"{Rt}Connect.FixedProb({prob}, includeSelf: {B(c.IncludeSelf)}, allowMultiConn: {B(c.AllowMultiConn)})",
        "Bernoulli" => $"{Rt}Connect.Bernoulli({prob}, includeSelf: {B(c.IncludeSelf)})",
        "FixedPreNum" => $"{Rt}Connect.FixedPreNum({Literals.Int(c.Num)}, includeSelf: {B(c.IncludeSelf)}, allowMultiConn: {B(c.AllowMultiConn)})",
        "FixedPostNum" => $"{Rt}Connect.FixedPostNum({Literals.Int(c.Num)}, includeSelf: {B(c.IncludeSelf)}, allowMultiConn: {B(c.AllowMultiConn)})",
        "FixedTotalNum" => $"{Rt}Connect.FixedTotalNum({Literals.Int(c.Num)}L, allowMultiConn: {B(c.AllowMultiConn)})",
        "AllToAll" => $"{Rt}Connect.AllToAll(includeSelf: {B(c.IncludeSelf)})",
        _ => $"{Rt}Connect.OneToOne()",
    };

    /// <summary>"Weight = 0.5", "WLow = 0.1, WHigh = 0.4" or "WMu = 0.5, WSigma = 0.2, WMin = 0.1, WMax = 0.9", for docs.</summary>
    static string DescribeWeights(CommSpec comm) => comm.Csr!.Weights switch
    {
        null => $"Weight = {S(comm.Weight)}",
        { Normal: false } u => $"WLow = {S(u.A)}, WHigh = {S(u.B)}",
        { } n => $"WMu = {S(n.A)}, WSigma = {S(n.B)}"
            + (double.IsNaN(n.Min) ? "" : $", WMin = {S(n.Min)}") + (double.IsNaN(n.Max) ? "" : $", WMax = {S(n.Max)}"),
    };

    /// <summary>"Conn = FixedProb(0.02)", for docs.</summary>
    internal static string Describe(CommSpec comm)
    {
        var c = comm.Csr!;
        string kind = Comms.ConnKinds[c.Kind];
        string args = kind switch
        {
            "FixedProb" => S(comm.Prob) + (c.AllowMultiConn ? ", allowMultiConn" : "") + (c.IncludeSelf ? "" : ", no self"),
            "Bernoulli" => S(comm.Prob) + (c.IncludeSelf ? "" : ", no self"),
            "FixedPreNum" or "FixedPostNum" => S(c.Num) + (c.AllowMultiConn ? ", allowMultiConn" : "") + (c.IncludeSelf ? "" : ", no self"),
            "FixedTotalNum" => S(c.Num) + (c.AllowMultiConn ? ", allowMultiConn" : ""),
            "AllToAll" => c.IncludeSelf ? "" : "no self",
            _ => "",
        };
        return $"Conn = {kind}({args})";
    }
}
