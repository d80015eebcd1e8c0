using SpikeSharp.Generator.Helpers;
using SpikeSharp.Generator.Model;
using SpikeSharp.Generator.Model.Definitions;
using static SpikeSharp.Generator.Emit.EmitHelpers;

namespace SpikeSharp.Generator.Emit;

/// <summary>
/// Emits a projection whose comm is EventCSRLinear (Half or Full): the stored matrix, built in the constructor from the
/// connector and (seed, stream id) with its memory checked first (<c>CsrMatrix.Build</c>), and <c>Deliver(Spikes)</c>,
/// which adds <c>Weight</c> to the merged post buffer for every stored target of every spiking pre neuron (split over
/// threads by post blocks; the same bits for every thread count).
/// </summary>
internal static class CsrProjectionEmitter
{
    public static string Emit(ProjectionPlan plan)
    {
        var spec = plan.Spec;
        var comm = spec.Comm;
        var csr = comm.Csr!;
        var full = spec.Full;
        var w = new IndentedWriter();
        var closers = Open(w, spec.Type,
            ProjectionEmitter.Summary(plan, $"EventCSRLinear({comm.NumIn}, {comm.NumOut}, {XmlText(Describe(comm))}, {DescribeWeights(comm)})"),
            Rt + "IParallelWork");
        string gc = GeneratedCode(plan.GeneratorVersion);
        string post = spec.PostType, name = Identifiers.Escape(spec.Type.Name);

        w.Line("/// <summary>Number of pre-synaptic neurons (length of the spikes given to <see cref=\"Deliver\"/>).</summary>");
        w.Line($"public const int NumIn = {comm.NumIn};");
        w.Line("/// <summary>Number of post-synaptic neurons.</summary>");
        w.Line($"public const int NumOut = {comm.NumOut};");
        w.Line("/// <summary>Connection probability of the connector (0 for the counting connectors).</summary>");
        w.Line($"public const double Prob = {Literals.Double(comm.Prob)};");
        if (csr.Weights is not { } weights)
        {
            w.Line("/// <summary>Weight added to the post's conductance per synapse of a spiking pre neuron.</summary>");
            w.Line($"public const float Weight = {Literals.Float(comm.Weight)};");
        }
        else if (!weights.Normal)
        {
            w.Line("/// <summary>Lower bound of the uniform per-synapse weights (each drawn once, when the matrix is built, from (Seed, StreamId)).</summary>");
            w.Line($"public const float WLow = {Literals.Float(weights.A)};");
            w.Line("/// <summary>Upper bound (exclusive) of the uniform per-synapse weights.</summary>");
            w.Line($"public const float WHigh = {Literals.Float(weights.B)};");
        }
        else
        {
            w.Line("/// <summary>Mean of the normal per-synapse weights (each drawn once, when the matrix is built, from (Seed, StreamId)).</summary>");
            w.Line($"public const float WMu = {Literals.Float(weights.A)};");
            w.Line("/// <summary>Standard deviation of the normal per-synapse weights.</summary>");
            w.Line($"public const float WSigma = {Literals.Float(weights.B)};");
            if (!double.IsNaN(weights.Min))
            {
                w.Line("/// <summary>Lower clip of the normal per-synapse weights.</summary>");
                w.Line($"public const float WMin = {Literals.Float(weights.Min)};");
            }
            if (!double.IsNaN(weights.Max))
            {
                w.Line("/// <summary>Upper clip of the normal per-synapse weights.</summary>");
                w.Line($"public const float WMax = {Literals.Float(weights.Max)};");
            }
        }
        w.Line("/// <summary>Connectivity seed used by the constructor without a seed.</summary>");
        w.Line("public const ulong DefaultSeed = " + (comm.Seed >= 0 ? Literals.Int(comm.Seed) + "UL;" : "unchecked((ulong)(" + Literals.Int(comm.Seed) + "L));"));
        w.Line($"/// <summary>Connectivity stream family used without an explicit stream id: <c>CounterRng.NameStreamId({XmlText(Literals.String(ProjectionEmitter.FullName(spec.Type)))})</c>.</summary>");
        w.Line("public const ulong DefaultStreamId = 0x" + ProjectionEmitter.NameStreamId(ProjectionEmitter.FullName(spec.Type)).ToString("X16", System.Globalization.CultureInfo.InvariantCulture) + "UL;");
        w.Line("/// <summary>The merge key of the post buffer this projection feeds.</summary>");
        w.Line($"public const string MergeKey = {Literals.String(plan.MergeKeyText)};");
        w.Line();
        var eventArrays = ProjectionEmitter.EventArrays(spec);
        for (int k = 0; k < eventArrays.Count; k++)
            w.Line($"readonly float[] {GeneratedMembers.ProjectionBufferField(k)}; // {post}.{eventArrays[k].Name}{plan.GroupIndex}");
        if (spec.OwnSynapse) w.Line("readonly float __decay; // exp(−dt/Tau) of this projection's own synapse (decay then add)");
        if (csr.Weights is not null) w.Line("readonly float[] __w; // one weight per stored synapse, drawn once from (Seed, StreamId)");
        w.Line("readonly int[] __pre = new int[NumIn]; // this step's spiking pre neurons, for the worker threads");
        w.Line("int __preCount;");
        w.Line("int __threads;");
        w.Line();
        w.Line($"/// <summary>Threads <see cref=\"Deliver\"/> may use (each owns whole post blocks): 0 (default) follows <see cref=\"{Rt}Parallelism.Threads\"/>.</summary>");
        w.Line("public int Threads");
        w.Line("{");
        w.Line("    get => __threads;");
        w.Line($"    set => __threads = {Rt}Parallelism.ValidateThreads(value, \"{spec.Type.Name}.Threads\");");
        w.Line("}");
        w.Line();
        w.Line($"/// <summary>The stored connectivity ({XmlText(Describe(comm))}): synapses, bytes, set-up time.</summary>");
        w.Line($"public {Rt}CsrMatrix Matrix {{ get; }}");
        w.Line("/// <summary>The post-synaptic population instance.</summary>");
        w.Line($"public {post} Post {{ get; }}");
        w.Line("/// <summary>The connectivity seed.</summary>");
        w.Line("public ulong Seed { get; }");
        w.Line("/// <summary>The connectivity stream family.</summary>");
        w.Line("public ulong StreamId { get; }");
        for (int k = 0; k < eventArrays.Count; k++)
        {
            var a = eventArrays[k];
            w.Line($"/// <summary>The merged post buffer this projection feeds ({XmlText(a.Doc)}, <c>Post.{a.Name}{plan.GroupIndex}</c>).</summary>");
            w.Line($"public global::System.ReadOnlySpan<float> {a.ProjectionMember} => {GeneratedMembers.ProjectionBufferField(k)};");
        }
        w.Line();
        string? weightsLine = null;
        string build = $"Matrix = {Rt}CsrMatrix.Build({Connector(csr, "Prob")}, NumIn, NumOut, Seed, StreamId, 0, {Literals.String(spec.Type.Name)});";
        if (csr.Weights is { } cw)
        {
            string dist = cw.Normal
                ? $"{Rt}SynapseWeights.Normal(WMu, WSigma, {(double.IsNaN(cw.Min) ? "null" : "WMin")}, {(double.IsNaN(cw.Max) ? "null" : "WMax")})"
                : $"{Rt}SynapseWeights.Uniform(WLow, WHigh)";
            weightsLine = $"__w = {dist}.Create(Matrix, Seed, StreamId); // 4 bytes per synapse, checked against the memory limit first";
        }
        string weightArg = csr.Weights is null ? "Weight" : "__w";
        if (full is not null)
            ProjectionEmitter.EmitFullMembers(w, spec, full, gc, eventArrays.Count, plan.GroupIndex, (ww, _) => { ww.Line(build); if (weightsLine is not null) ww.Line(weightsLine); });
        else
        {
            w.Line("/// <summary>Binds the projection to <paramref name=\"post\"/> with the seed given in the attribute.</summary>");
            w.Line("/// <param name=\"post\">The post-synaptic population.</param>");
            w.Line(gc);
            w.Line($"public {name}({post} post) : this(post, DefaultSeed) {{ }}");
            w.Line();
            w.Line("/// <summary>Binds the projection to <paramref name=\"post\"/> and builds the matrix from <paramref name=\"seed\"/>.</summary>");
            w.Line("/// <param name=\"post\">The post-synaptic population.</param>");
            w.Line("/// <param name=\"seed\">Connectivity seed.</param>");
            w.Line(gc);
            w.Line($"public {name}({post} post, ulong seed) : this(post, seed, DefaultStreamId) {{ }}");
            w.Line();
            w.Line("/// <summary>Binds the projection and builds the matrix from (<paramref name=\"seed\"/>, <paramref name=\"streamId\"/>).</summary>");
            w.Line("/// <param name=\"post\">The post-synaptic population.</param>");
            w.Line("/// <param name=\"seed\">Connectivity seed.</param>");
            w.Line("/// <param name=\"streamId\">Connectivity stream family.</param>");
            w.Line(gc);
            using (w.Block($"public {name}({post} post, ulong seed, ulong streamId)"))
            {
                w.Line("global::System.ArgumentNullException.ThrowIfNull(post);");
                w.Line("Post = post;");
                w.Line("Seed = seed;");
                w.Line("StreamId = streamId;");
                for (int k = 0; k < eventArrays.Count; k++)
                    w.Line($"{GeneratedMembers.ProjectionBufferField(k)} = post.{ProjectionEmitter.BufferOf(spec, eventArrays[k].Name, plan.GroupIndex)};");
                if (spec.OwnSynapse) w.Line(ProjectionEmitter.DecayInit(spec));
                w.Line(build);
                if (weightsLine is not null) w.Line(weightsLine);
            }
        }
        w.Line();
        w.Line(csr.Weights is null
            ? "/// <summary>Adds <see cref=\"Weight\"/> to the post buffer for every stored target of every spiking pre neuron. Allocates nothing.</summary>"
            : "/// <summary>Adds each stored synapse's own weight to the post buffer for every stored target of every spiking pre neuron. Allocates nothing.</summary>");
        w.Line($"/// <param name=\"spikes\">Spikes of the {comm.NumIn} pre-synaptic neurons.</param>");
        w.Line(gc);
        using (w.Block($"public void Deliver({Rt}Spikes spikes)"))
        {
            w.Line("if (spikes.Length != NumIn)");
            w.Line($"    throw new global::System.ArgumentException($\"{spec.Type.Name}.Deliver: the spikes cover {{spikes.Length}} neurons but numIn = {{NumIn}}.\", \"spikes\");");
            if (spec.OwnSynapse) ProjectionEmitter.EmitOwnDecay(w);
            w.Line($"int parts = global::System.Math.Min({Rt}Parallelism.DeliverParts(NumOut, __threads), Matrix.Blocks);");
            using (w.Block("if (parts <= 1)"))
                for (int k = 0; k < eventArrays.Count; k++) w.Line($"Matrix.AddEvents({GeneratedMembers.ProjectionBufferField(k)}, spikes, {weightArg});");
            using (w.Block("else"))
            {
                w.Line("__preCount = spikes.CopyTo(__pre);");
                w.Line($"{Rt}Parallelism.Run(this, parts);");
            }
        }
        w.Line();
        w.Line(gc);
        using (w.Block($"void {Rt}IParallelWork.Execute(int part, int parts)"))
        {
            w.Line("Matrix.PartBlocks(part, parts, out int first, out int end);");
            w.Line($"{Rt}Spikes spikes = {Rt}Spikes.FromSortedUnchecked(new global::System.ReadOnlySpan<int>(__pre, 0, __preCount), NumIn); // a copy of a checked Spikes");
            for (int k = 0; k < eventArrays.Count; k++) w.Line($"Matrix.AddEvents({GeneratedMembers.ProjectionBufferField(k)}, spikes, {weightArg}, first, end);");
        }
        Close(closers);
        return w.ToString();
    }

    static string B(bool b) => b ? "true" : "false";

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
        null => $"Weight = {Literals.Short(comm.Weight)}",
        { Normal: false } u => $"WLow = {Literals.Short(u.A)}, WHigh = {Literals.Short(u.B)}",
        { } n => $"WMu = {Literals.Short(n.A)}, WSigma = {Literals.Short(n.B)}"
            + (double.IsNaN(n.Min) ? "" : $", WMin = {Literals.Short(n.Min)}") + (double.IsNaN(n.Max) ? "" : $", WMax = {Literals.Short(n.Max)}"),
    };

    /// <summary>"Conn = FixedProb(0.02)", for docs.</summary>
    internal static string Describe(CommSpec comm)
    {
        var c = comm.Csr!;
        string kind = Comms.ConnKinds[c.Kind];
        string args = kind switch
        {
            "FixedProb" => Literals.Short(comm.Prob) + (c.AllowMultiConn ? ", allowMultiConn" : "") + (c.IncludeSelf ? "" : ", no self"),
            "Bernoulli" => Literals.Short(comm.Prob) + (c.IncludeSelf ? "" : ", no self"),
            "FixedPreNum" or "FixedPostNum" => Literals.Short(c.Num) + (c.AllowMultiConn ? ", allowMultiConn" : "") + (c.IncludeSelf ? "" : ", no self"),
            "FixedTotalNum" => Literals.Short(c.Num) + (c.AllowMultiConn ? ", allowMultiConn" : ""),
            "AllToAll" => c.IncludeSelf ? "" : "no self",
            _ => "",
        };
        return $"Conn = {kind}({args})";
    }
}
