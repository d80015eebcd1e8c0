using SpikeSharp.Generator.Helpers;
using SpikeSharp.Generator.Model;
using SpikeSharp.Generator.Model.Definitions;
using static SpikeSharp.Generator.Emit.EmitHelpers;

namespace SpikeSharp.Generator.Emit;

/// <summary>
/// Emits an align-post projection (Half or Full, merged, own synapse or delta) whose comm is [AllToAll] or [OneToOne] in
/// its event form (brainpy-semantics.md §5.1): nothing is stored; <c>Deliver(Spikes)</c> calls
/// <c>DenseComms.AllToAll(Spikes, …)</c> (Weight·count broadcast, less Weight for a spiking post's own pre when
/// IncludeSelf is false) or <c>DenseComms.OneToOne(Spikes, …)</c> (Weight onto post i for every spiking i). One thread:
/// the cost is O(NumOut) or O(spikes) per step.
/// </summary>
internal static class DenseProjectionEmitter
{
    public static string Emit(ProjectionPlan plan)
    {
        var spec = plan.Spec;
        var comm = spec.Comm;
        var alt = comm.Alt!;
        var full = spec.Full;
        bool all = alt.Kind == "AllToAll";
        var w = new IndentedWriter();
        string commText = all ? $"AllToAll({comm.NumIn}, {comm.NumOut}, Weight = {Literals.Short(comm.Weight)}{(alt.IncludeSelf ? "" : ", IncludeSelf = false")})"
            : $"OneToOne({comm.NumIn}, Weight = {Literals.Short(comm.Weight)})";
        var closers = Open(w, spec.Type,
            ProjectionEmitter.Summary(plan, commText));
        string gc = GeneratedCode(plan.GeneratorVersion);
        string post = spec.PostType, name = Identifiers.Escape(spec.Type.Name);

        w.Line("/// <summary>Number of pre-synaptic neurons (length of the spikes given to <see cref=\"Deliver\"/>).</summary>");
        w.Line($"public const int NumIn = {comm.NumIn};");
        w.Line("/// <summary>Number of post-synaptic neurons.</summary>");
        w.Line($"public const int NumOut = {comm.NumOut};");
        w.Line("/// <summary>The scalar weight.</summary>");
        w.Line($"public const float Weight = {Literals.Float(comm.Weight)};");
        if (all)
        {
            w.Line("/// <summary>Whether post j also receives pre j's spike (BrainPy's <c>include_self</c>).</summary>");
            w.Line($"public const bool IncludeSelf = {(alt.IncludeSelf ? "true" : "false")};");
        }
        w.Line("/// <summary>Unused (nothing is drawn); kept so that every projection is built the same way.</summary>");
        w.Line("public const ulong DefaultSeed = 0UL;");
        w.Line($"/// <summary>Unused (nothing is drawn): <c>CounterRng.NameStreamId({XmlText(Literals.String(ProjectionEmitter.FullName(spec.Type)))})</c>.</summary>");
        w.Line("public const ulong DefaultStreamId = 0x" + ProjectionEmitter.NameStreamId(ProjectionEmitter.FullName(spec.Type)).ToString("X16", System.Globalization.CultureInfo.InvariantCulture) + "UL;");
        w.Line("/// <summary>The merge key of the post buffer this projection feeds.</summary>");
        w.Line($"public const string MergeKey = {Literals.String(plan.MergeKeyText)};");
        w.Line();
        var eventArrays = ProjectionEmitter.EventArrays(spec);
        for (int k = 0; k < eventArrays.Count; k++)
            w.Line($"readonly float[] {GeneratedMembers.ProjectionBufferField(k)}; // {post}.{eventArrays[k].Name}{plan.GroupIndex}");
        if (spec.OwnSynapse) w.Line("readonly float __decay; // exp(−dt/Tau) of this projection's own synapse (decay then add)");
        w.Line();
        w.Line("/// <summary>The post-synaptic population instance.</summary>");
        w.Line($"public {post} Post {{ get; }}");
        w.Line("/// <summary>The seed the projection was built with (unused by the comm).</summary>");
        w.Line("public ulong Seed { get; }");
        w.Line("/// <summary>The stream family the projection was built with (unused by the comm).</summary>");
        w.Line("public ulong StreamId { get; }");
        for (int k = 0; k < eventArrays.Count; k++)
        {
            var a = eventArrays[k];
            w.Line($"/// <summary>The post buffer this projection feeds ({XmlText(a.Doc)}).</summary>");
            w.Line($"public global::System.ReadOnlySpan<float> {a.ProjectionMember} => {GeneratedMembers.ProjectionBufferField(k)};");
        }
        w.Line();
        if (full is not null)
            ProjectionEmitter.EmitFullMembers(w, spec, full, gc, eventArrays.Count, plan.GroupIndex, static (_, _) => { });
        else
        {
            w.Line("/// <summary>Binds the projection to <paramref name=\"post\"/>.</summary>");
            w.Line("/// <param name=\"post\">The post-synaptic population.</param>");
            w.Line(gc);
            w.Line($"public {name}({post} post) : this(post, DefaultSeed) {{ }}");
            w.Line();
            w.Line("/// <summary>Binds the projection to <paramref name=\"post\"/> (the seed is kept, not used).</summary>");
            w.Line("/// <param name=\"post\">The post-synaptic population.</param>");
            w.Line("/// <param name=\"seed\">Seed (unused).</param>");
            w.Line(gc);
            w.Line($"public {name}({post} post, ulong seed) : this(post, seed, DefaultStreamId) {{ }}");
            w.Line();
            w.Line("/// <summary>Binds the projection to <paramref name=\"post\"/> (seed and stream id are kept, not used).</summary>");
            w.Line("/// <param name=\"post\">The post-synaptic population.</param>");
            w.Line("/// <param name=\"seed\">Seed (unused).</param>");
            w.Line("/// <param name=\"streamId\">Stream family (unused).</param>");
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
            }
        }
        w.Line();
        w.Line(all
            ? "/// <summary>AllToAll on events: adds <c>Weight·count</c> to every post (less <c>Weight</c> at a spiking post j &lt; NumIn when IncludeSelf is false). Allocates nothing.</summary>"
            : "/// <summary>OneToOne on events: adds <see cref=\"Weight\"/> to post i for every spiking pre i. Allocates nothing.</summary>");
        w.Line($"/// <param name=\"spikes\">Spikes of the {comm.NumIn} pre-synaptic neurons.</param>");
        w.Line(gc);
        using (w.Block($"public void Deliver({Rt}Spikes spikes)"))
        {
            w.Line("if (spikes.Length != NumIn)");
            w.Line($"    throw new global::System.ArgumentException($\"{spec.Type.Name}.Deliver: the spikes cover {{spikes.Length}} neurons but numIn = {{NumIn}}.\", \"spikes\");");
            if (spec.OwnSynapse) ProjectionEmitter.EmitOwnDecay(w);
            for (int k = 0; k < eventArrays.Count; k++)
                w.Line(all
                    ? $"{Rt}DenseComms.AllToAll(spikes, {GeneratedMembers.ProjectionBufferField(k)}, Weight, IncludeSelf);"
                    : $"{Rt}DenseComms.OneToOne(spikes, {GeneratedMembers.ProjectionBufferField(k)}, Weight);");
        }
        Close(closers);
        return w.ToString();
    }
}
