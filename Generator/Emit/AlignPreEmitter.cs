using System.Linq;
using SpikeSharp.Generator.Helpers;
using SpikeSharp.Generator.Lowering;
using SpikeSharp.Generator.Model;
using SpikeSharp.Generator.Model.Ir;
using static SpikeSharp.Generator.Emit.EmitHelpers;

namespace SpikeSharp.Generator.Emit;

/// <summary>
/// Emits a FullProjAlignPreDSMg (brainpy-semantics.md §4.2 item 6): the pre-sized synapse's state
/// (<c>PreSynapseState</c>, shareable between projections with the same key), <c>UpdateSynapse()</c> (its step on the pre's
/// delayed spikes, lowered from the definition: run after the pre updates, before the delay push), and <c>Update()</c>,
/// which writes comm(g) (CSRLinear, <c>CsrMatrix.Multiply</c>, split over post blocks) into the projection's own post
/// buffer, read by its output when the post updates.
/// </summary>
internal static class AlignPreEmitter
{
    public static string Emit(ProjectionPlan plan)
    {
        var spec = plan.Spec;
        var comm = spec.Comm;
        var full = spec.Full!;
        var syn = spec.Syn;
        var sp = PreSynapseLowering.Lower(syn);
        var w = new IndentedWriter();
        string synText = SynapseText(syn);
        string key = SynapseKey(spec);
        bool sd = spec.SynapseThenDelay;
        string role = sd ? "FullProjAlignPreSDMg" : "FullProjAlignPreDSMg";
        // An event comm on an align-pre projection is reported by the parser (SPK4060) and never reaches here; never throw if it did.
        if (CommLowering.Lower(comm, eventForm: false, spec.Type.Name) is not { Multiply: not null } cp) return "";
        bool dense = cp.Parts == CommParts.None, seeded = cp.NeedsSeed;
        string commText = cp.Text;
        var closers = dense
            ? Open(w, spec.Type,
                $"{role} from <see cref=\"{full.PreType}\"/> onto <see cref=\"{spec.PostType}\"/> ({XmlText(ProjectionEmitter.DelayText(full))}): pre-sized {XmlText(synText)} → {XmlText(commText)} (value form) → its own output, post group {plan.GroupIndex} ({XmlText(plan.MergeKeyText)}).", remarks: CommMemoryRemarks(cp))
            : Open(w, spec.Type,
                $"{role} from <see cref=\"{full.PreType}\"/> onto <see cref=\"{spec.PostType}\"/> ({XmlText(ProjectionEmitter.DelayText(full))}): pre-sized {XmlText(synText)} → {XmlText(commText)} → its own output, post group {plan.GroupIndex} ({XmlText(plan.MergeKeyText)}).",
                Rt + "IParallelWork", CommMemoryRemarks(cp));
        string gc = GeneratedCode(plan.GeneratorVersion);
        string post = spec.PostType, pre = full.PreType, name = Identifiers.Escape(spec.Type.Name);
        string delay = Rt + "SpikeDelay", state = Rt + "PreSynapseState";

        w.Line("/// <summary>Number of pre-synaptic neurons (entries of the synapse state).</summary>");
        w.Line($"public const int NumIn = {comm.NumIn};");
        w.Line("/// <summary>Number of post-synaptic neurons.</summary>");
        w.Line($"public const int NumOut = {comm.NumOut};");
        ProjectionEmitter.EmitCommConstants(w, cp, comm, spec.Type);
        w.Line(sd
            ? "/// <summary>The synapse's merge key (BrainPy's <c>\"syn // Delay\"</c>, values compared, not text): projections from the same pre with this key share one <see cref=\"Synapse\"/> and its value delay.</summary>"
            : "/// <summary>The synapse's merge key (BrainPy's <c>\"Delay(d) // syn\"</c>, values compared, not text): projections from the same pre with this key share one <see cref=\"Synapse\"/>.</summary>");
        w.Line($"public const string SynapseKey = {Literals.String(key)};");
        w.Line("/// <summary>The key of this projection's post buffer and output (one per projection, not merged).</summary>");
        w.Line($"public const string MergeKey = {Literals.String(plan.MergeKeyText)};");
        w.Line();
        w.Line($"readonly float[] __postInput; // {post}.C{plan.GroupIndex}: comm(g) of this step");
        foreach (var f in cp.Fields) foreach (var l in f.Lines) w.Line(l);
        foreach (var c in sp.Constants) w.Line($"readonly float __{c.Name}; // {c.Comment}");
        w.Line("readonly float[] __spikeInput = new float[NumIn]; // this step's spikes of the synapse's input, 1 or 0");
        w.Line("global::System.ReadOnlyMemory<float> __readValue;");
        w.Line("readonly __SynapseParts __synapseParts; // the threaded synapse step's parts (Parallelism.Run takes an IParallelWork)");
        w.Line("int __threads;");
        w.Line();
        w.Line("/// <summary>Whether <see cref=\"UpdateSynapse\"/> uses SIMD (Vector512 or Vector256, when the hardware has it). false forces the");
        w.Line("/// scalar loop, which computes the same operations in the same order and gives the same bits (for tests).</summary>");
        w.Line("public bool UseSimd { get; set; } = true;");
        w.Line();
        w.Line(!dense
            ? $"/// <summary>Threads <see cref=\"Update\"/> (each owns whole post blocks) and <see cref=\"UpdateSynapse\"/> (contiguous pre blocks, from <see cref=\"{Rt}PreSynapseParallelism.MinPreNeuronsPerPart\"/> a part) may use: 0 (default) follows <see cref=\"{Rt}Parallelism.Threads\"/>.</summary>"
            : $"/// <summary>Threads <see cref=\"UpdateSynapse\"/> (contiguous pre blocks, from <see cref=\"{Rt}PreSynapseParallelism.MinPreNeuronsPerPart\"/> a part) and the dense comm of <see cref=\"Update\"/> (post blocks, from <see cref=\"{Rt}PreSynapseParallelism.MinPostsPerPart\"/> a part) may use: 0 (default) follows <see cref=\"{Rt}Parallelism.Threads\"/>.</summary>");
        w.Line("public int Threads");
        w.Line("{");
        w.Line("    get => __threads;");
        w.Line($"    set => __threads = {Rt}Parallelism.ValidateThreads(value, \"{spec.Type.Name}.Threads\");");
        w.Line("}");
        w.Line();
        foreach (var m in cp.Properties) foreach (var l in m.Lines) w.Line(l);
        w.Line("/// <summary>The pre-synaptic population instance.</summary>");
        w.Line($"public {pre} Pre {{ get; }}");
        w.Line("/// <summary>The post-synaptic population instance.</summary>");
        w.Line($"public {post} Post {{ get; }}");
        w.Line("/// <summary>The pre population's spike delay, shared by every projection from it.</summary>");
        w.Line($"public {delay} PreDelay {{ get; }}");
        w.Line(sd ? "/// <summary>Delay of the synapse's value in steps: the comm reads g of DelaySteps steps ago (the latest when 0).</summary>"
            : "/// <summary>Delay in steps. The synapse takes the pre's spikes of DelaySteps steps ago (this step's when 0).</summary>");
        w.Line("public int DelaySteps { get; }");
        if (seeded)
        {
            w.Line("/// <summary>The connectivity seed.</summary>");
            w.Line("public ulong Seed { get; }");
            w.Line("/// <summary>The connectivity stream family.</summary>");
            w.Line("public ulong StreamId { get; }");
        }
        w.Line($"/// <summary>The pre-sized synapse state ({string.Join(", ", syn.Def.Arrays.Select(a => XmlText(a.Name)))}), maybe shared with other projections (<see cref=\"SynapseKey\"/>).</summary>");
        w.Line($"public {state} Synapse {{ get; }}");
        w.Line("/// <summary>Whether this projection steps <see cref=\"Synapse\"/> in <see cref=\"UpdateSynapse\"/> (false when it was handed another projection's).</summary>");
        w.Line("public bool OwnsSynapse { get; }");
        for (int k = 0; k < syn.Def.Arrays.Count; k++)
        {
            var a = syn.Def.Arrays[k];
            w.Line($"/// <summary>{XmlText(a.Doc)} (BrainPy <c>{XmlText(a.BrainPyName)}</c>), one entry per pre neuron.</summary>");
            w.Line($"public global::System.ReadOnlySpan<float> {a.ProjectionMember} => Synapse.Array({k});");
        }
        w.Line("/// <summary>The post buffer this projection writes comm(g) into (<c>Post.C" + plan.GroupIndex + "</c>).</summary>");
        w.Line("public global::System.ReadOnlySpan<float> Input => __postInput;");
        w.Line();
        w.Line(seeded ? "/// <summary>Binds the projection with the seed given in the attribute.</summary>" : "/// <summary>Binds the projection with its own synapse state.</summary>");
        w.Line("/// <param name=\"pre\">The pre-synaptic population.</param>");
        w.Line("/// <param name=\"post\">The post-synaptic population.</param>");
        w.Line("/// <param name=\"preDelay\">The delay of <paramref name=\"pre\"/>'s spikes (pushed after the synapse steps).</param>");
        w.Line(gc);
        w.Line(seeded ? $"public {name}({pre} pre, {post} post, {delay} preDelay) : this(pre, post, preDelay, DefaultSeed) {{ }}"
            : $"public {name}({pre} pre, {post} post, {delay} preDelay) : this(pre, post, preDelay, null) {{ }}");
        w.Line();
        if (seeded)
        {
            w.Line("/// <summary>Binds the projection; <paramref name=\"seed\"/> fixes the connectivity (with <see cref=\"DefaultStreamId\"/>).</summary>");
            w.Line("/// <param name=\"pre\">The pre-synaptic population.</param>");
            w.Line("/// <param name=\"post\">The post-synaptic population.</param>");
            w.Line("/// <param name=\"preDelay\">The delay of <paramref name=\"pre\"/>'s spikes.</param>");
            w.Line("/// <param name=\"seed\">Connectivity seed.</param>");
            w.Line(gc);
            w.Line($"public {name}({pre} pre, {post} post, {delay} preDelay, ulong seed) : this(pre, post, preDelay, seed, DefaultStreamId, null) {{ }}");
            w.Line();
            w.Line("/// <summary>Binds the projection, registers its delay entry (allocates: build before running) and builds the matrix and,");
        }
        else w.Line("/// <summary>Binds the projection, registers its delay entry (allocates: build before running) and,");
        w.Line("/// unless <paramref name=\"shared\"/> is given (another projection's <see cref=\"Synapse\"/> with the same key), the synapse state.</summary>");
        w.Line("/// <param name=\"pre\">The pre-synaptic population.</param>");
        w.Line("/// <param name=\"post\">The post-synaptic population.</param>");
        w.Line("/// <param name=\"preDelay\">The delay of <paramref name=\"pre\"/>'s spikes.</param>");
        if (seeded)
        {
            w.Line("/// <param name=\"seed\">Connectivity seed.</param>");
            w.Line("/// <param name=\"streamId\">Connectivity stream family.</param>");
        }
        w.Line("/// <param name=\"shared\">A synapse state to share (merged per pre, delay and synapse); null: this projection's own.</param>");
        w.Line(gc);
        using (w.Block(seeded ? $"public {name}({pre} pre, {post} post, {delay} preDelay, ulong seed, ulong streamId, {state}? shared)"
            : $"public {name}({pre} pre, {post} post, {delay} preDelay, {state}? shared)"))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(pre);");
            w.Line("global::System.ArgumentNullException.ThrowIfNull(post);");
            w.Line("global::System.ArgumentNullException.ThrowIfNull(preDelay);");
            w.Line("if (preDelay.Size != NumIn)");
            w.Line($"    throw new global::System.ArgumentException($\"{spec.Type.Name}: preDelay holds {{preDelay.Size}} neurons but the pre population has NumIn = {{NumIn}}.\", \"preDelay\");");
            w.Line($"if (pre.Dt != post.Dt) {Rt}Network.CommonDt((\"pre\", pre.Dt), (\"post\", post.Dt)); // throws, naming both");
            w.Line("Pre = pre;");
            w.Line("Post = post;");
            w.Line("__synapseParts = new __SynapseParts(this);");
            w.Line("PreDelay = preDelay;");
            if (seeded)
            {
                w.Line("Seed = seed;");
                w.Line("StreamId = streamId;");
            }
            w.Line(full.Unit switch
            {
                DelayUnit.Ms => $"DelaySteps = {Rt}SpikeDelay.StepsFor({Literals.Double(full.Value)}, pre.Dt, {Literals.String(spec.Type.Name + ".Delay")});",
                DelayUnit.Steps => $"DelaySteps = {Literals.Int((long)full.Value)};",
                _ => "DelaySteps = 0;",
            });
            w.Line($"string entry = {Literals.String(spec.Type.Name)};");
            w.Line($"for (int k = 2; preDelay.HasEntry(entry); k++) entry = {Literals.String(spec.Type.Name + "#")} + k.ToString(global::System.Globalization.CultureInfo.InvariantCulture);");
            if (!sd) w.Line("preDelay.Register(entry, DelaySteps);");
            w.Line($"__postInput = post.C{plan.GroupIndex};");
            w.Line("double Dt = pre.Dt;");
            var dbl = new ExprFormatter(ExprFormatter.Mode.Double, static p => throw new System.InvalidOperationException(p));
            foreach (var c in sp.Constants) w.Line($"__{c.Name} = (float)({dbl.Format(c.Value)});");
            // A value that is an expression (STP's u·x) is one more array of the state, so that projections sharing the state
            // read it and Save/Load keep it.
            string names = string.Join(", ", sp.Arrays.Select(a => Literals.String(a)).Concat(sp.ValueArray is null ? new[] { Literals.String(PreSynapseLowering.ValueName) } : System.Array.Empty<string>()));
            using (w.Block("if (shared is null)"))
            {
                w.Line(sd ? $"Synapse = new {state}(SynapseKey, NumIn, {names}) {{ ValueDelay = new {Rt}FloatDelay(NumIn, 0) }};"
                    : $"Synapse = new {state}(SynapseKey, NumIn, {names});");
                for (int k = 0; k < sp.Arrays.Length; k++)
                    if (sp.Initials[k] != 0)
                        w.Line($"global::System.Array.Fill(Synapse.Array({k}), {Literals.Float(sp.Initials[k])}); // {sp.Arrays[k]}₀");
                if (sp.ValueArray is null && sp.ValueInitial != 0)
                    w.Line($"global::System.Array.Fill(Synapse.Array({sp.Arrays.Length}), {Literals.Float(sp.ValueInitial)}); // the value of the initial state");
                w.Line("OwnsSynapse = true;");
            }
            using (w.Block("else"))
            {
                w.Line($"shared.CheckShareable(SynapseKey, NumIn, {Literals.String(spec.Type.Name)});");
                w.Line("Synapse = shared;");
            }
            if (sd)
            {
                w.Line($"for (int k = 2; Synapse.ValueDelay!.HasEntry(entry); k++) entry = {Literals.String(spec.Type.Name + "#")} + k.ToString(global::System.Globalization.CultureInfo.InvariantCulture);");
                w.Line("Synapse.ValueDelay!.Register(entry, DelaySteps); // grows the shared value delay (before the first step)");
            }
            w.Line(sp.ValueArray is null ? $"__readValue = Synapse.Array({sp.Arrays.Length}); // {PreSynapseLowering.ValueName}" : $"__readValue = Synapse.Array({sp.Arrays.ToList().IndexOf(sp.ValueArray)});");
            foreach (var l in cp.Construct) w.Line(l);
            w.Line("// Compile the step methods now, not inside the first timed step.");
            w.Line($"{Rt}Warmup.Compile(new global::System.Action(this.UpdateSynapse));");
            w.Line($"{Rt}Warmup.Compile(new global::System.Action(this.Update));");
            w.Line($"{Rt}Warmup.Compile(new global::System.Action<int, int>(this.__SynapseRange));");
        }
        w.Line();
        w.Line("/// <summary>The synapse's step (BrainPy: a before-update of the pre's delay): on the pre's spikes of <see cref=\"DelaySteps\"/>");
        w.Line("/// steps ago (this step's when 0), every state from its old values, then the spike. Call it after the pre updates and before");
        w.Line("/// the delay is pushed; a projection that shares another's synapse does nothing. Allocates nothing.</summary>");
        w.Line(gc);
        using (w.Block("public void UpdateSynapse()"))
        {
            w.Line("if (!OwnsSynapse) return;");
            w.Line(sd ? $"{Rt}Spikes spikes = Pre.Spike; // Synapse then Delay: this step's spikes"
                : $"{Rt}Spikes spikes = DelaySteps == 0 ? Pre.Spike : PreDelay.At(DelaySteps);");
            w.Line("float[] input = __spikeInput;");
            w.Line("global::System.Array.Clear(input);");
            w.Line("for (int k = 0; k < spikes.Count; k++) input[spikes.IndexAt(k)] = 1f;");
            w.Line($"int parts = {Rt}PreSynapseParallelism.Parts(NumIn, __threads);");
            w.Line("if (parts <= 1) __SynapseRange(0, NumIn);");
            w.Line($"else {Rt}Parallelism.Run(__synapseParts, parts); // contiguous pre blocks, one per thread: same bits for any count");
            w.Line($"if ({Rt}TinyFlush.Due(Pre.StepIndex - 1)) Synapse.FlushTiny(); // every 64th step: silent synapses out of the subnormal range (|x| < 1e-20 becomes 0)");
            if (sd) w.Line("Synapse.ValueDelay!.Push(__readValue.Span); // BrainPy: g pushed into the synapse's delay");
        }
        w.Line();
        EmitSynapseRange(w, sp, gc, name);
        w.Line();
        w.Line($"/// <summary>BrainPy's <c>update()</c>: writes comm(g) = {cp.Attribute}(g) into this projection's post buffer, which its output reads");
        w.Line("/// when the post updates. Call it before the post updates. Allocates nothing.</summary>");
        w.Line(gc);
        string read = sd ? "Synapse.ValueDelay!.At(DelaySteps)" : "__readValue.Span";
        CommUpdate(w, cp, read, gc, "public void Update()", System.Array.Empty<string>());
        w.Line();
        w.Line("/// <summary>Writes the synapse state (only when this projection owns it) as part <c>{part}.syn.*</c>.</summary>");
        w.Line(gc);
        using (w.Block($"internal void __WriteState({Rt}NetworkStateWriter state, string part)"))
        {
            w.Line("if (OwnsSynapse) Synapse.WriteState(state, part + \".syn\");");
            if (sd) w.Line("if (OwnsSynapse) Synapse.ValueDelay!.WriteState(state, part + \".synDelay\");");
        }
        w.Line();
        w.Line("/// <summary>Reads what <see cref=\"__WriteState\"/> wrote.</summary>");
        w.Line(gc);
        using (w.Block($"internal void __ReadState({Rt}NetworkStateReader state, string part)"))
        {
            w.Line("if (OwnsSynapse) Synapse.ReadState(state, part + \".syn\");");
            if (sd) w.Line("if (OwnsSynapse) Synapse.ValueDelay!.ReadState(state, part + \".synDelay\");");
        }
        Close(closers);
        return w.ToString();
    }

    /// <summary><c>Update</c> (clears the post buffer, then comm(<paramref name="read"/>) into it, the comm's value-form statement,
    /// split over post blocks when the comm allows it) and the parallel part. <paramref name="prologue"/>: lines run first.</summary>
    static void CommUpdate(IndentedWriter w, CommPlan cp, string read, string gc, string signature, string[] prologue)
    {
        using (w.Block(signature))
        {
            foreach (var l in prologue) w.Line(l);
            w.Line("global::System.Array.Clear(__postInput);");
            if (cp.Parts == CommParts.None) w.Line(cp.Multiply!(read, "__postInput", null, null));
            else
            {
                foreach (var l in cp.ValueParts) w.Line(l);
                var one = cp.OneThreadValueRange;
                w.Line($"if (parts <= 1) {cp.Multiply!(read, "__postInput", one?.First, one?.End)}");
                w.Line($"else {Rt}Parallelism.Run(this, parts);");
            }
        }
        if (cp.Parts == CommParts.None) return;
        w.Line();
        w.Line(gc);
        using (w.Block($"void {Rt}IParallelWork.Execute(int part, int parts)"))
        {
            var (prologueLines, first, end) = cp.PartRange;
            foreach (var l in prologueLines) w.Line(l);
            w.Line(cp.Multiply!(read, "__postInput", first, end));
        }
    }

    /// <summary>
    /// Emits a VanillaProj (brainpy-semantics.md §4.2 item 10): <c>Update(values)</c> writes comm(values) (the same value
    /// comms and kernels as the align-pre projections) into the projection's own post buffer, read by its output when the
    /// post updates. No pre, no delay, no synapse, no merging.
    /// </summary>
    public static string EmitVanilla(ProjectionPlan plan)
    {
        var spec = plan.Spec;
        var comm = spec.Comm;
        // An event comm on a VanillaProj is reported by the parser (SPK4120) and never reaches here; never throw if it did.
        if (CommLowering.Lower(comm, eventForm: false, spec.Type.Name) is not { Multiply: not null } cp) return "";
        bool dense = cp.Parts == CommParts.None, seeded = cp.NeedsSeed;
        var w = new IndentedWriter();
        var closers = dense
            ? Open(w, spec.Type,
                $"VanillaProj onto <see cref=\"{spec.PostType}\"/>: the user's values → {XmlText(cp.Text)} (value form) → its own output, post group {plan.GroupIndex} ({XmlText(plan.MergeKeyText)}).", remarks: CommMemoryRemarks(cp))
            : Open(w, spec.Type,
                $"VanillaProj onto <see cref=\"{spec.PostType}\"/>: the user's values → {XmlText(cp.Text)} → its own output, post group {plan.GroupIndex} ({XmlText(plan.MergeKeyText)}).",
                Rt + "IParallelWork", CommMemoryRemarks(cp));
        string gc = GeneratedCode(plan.GeneratorVersion);
        string post = spec.PostType, name = Identifiers.Escape(spec.Type.Name);

        w.Line("/// <summary>Number of values <see cref=\"Update\"/> takes.</summary>");
        w.Line($"public const int NumIn = {comm.NumIn};");
        w.Line("/// <summary>Number of post-synaptic neurons.</summary>");
        w.Line($"public const int NumOut = {comm.NumOut};");
        ProjectionEmitter.EmitCommConstants(w, cp, comm, spec.Type);
        w.Line("/// <summary>The key of this projection's post buffer and output (one per projection, not merged).</summary>");
        w.Line($"public const string MergeKey = {Literals.String(plan.MergeKeyText)};");
        w.Line();
        w.Line($"readonly float[] __postInput; // {post}.C{plan.GroupIndex}: comm(x) of the last Update");
        w.Line("readonly float[] __values = new float[NumIn]; // the values of the last Update (read by the parallel parts)");
        foreach (var f in cp.Fields) foreach (var l in f.Lines) w.Line(l);
        w.Line("int __threads;");
        w.Line();
        w.Line(!dense
            ? $"/// <summary>Threads <see cref=\"Update\"/> may use (each owns whole post blocks): 0 (default) follows <see cref=\"{Rt}Parallelism.Threads\"/>.</summary>"
            : $"/// <summary>Threads the dense comm of <see cref=\"Update\"/> may use (post blocks, from <see cref=\"{Rt}PreSynapseParallelism.MinPostsPerPart\"/> a part): 0 (default) follows <see cref=\"{Rt}Parallelism.Threads\"/>.</summary>");
        w.Line("public int Threads");
        w.Line("{");
        w.Line("    get => __threads;");
        w.Line($"    set => __threads = {Rt}Parallelism.ValidateThreads(value, \"{spec.Type.Name}.Threads\");");
        w.Line("}");
        w.Line();
        foreach (var m in cp.Properties) foreach (var l in m.Lines) w.Line(l);
        w.Line("/// <summary>The post-synaptic population instance.</summary>");
        w.Line($"public {post} Post {{ get; }}");
        if (seeded)
        {
            w.Line("/// <summary>The connectivity seed.</summary>");
            w.Line("public ulong Seed { get; }");
            w.Line("/// <summary>The connectivity stream family.</summary>");
            w.Line("public ulong StreamId { get; }");
        }
        w.Line("/// <summary>The post buffer this projection writes comm(x) into (<c>Post.C" + plan.GroupIndex + "</c>).</summary>");
        w.Line("public global::System.ReadOnlySpan<float> Input => __postInput;");
        w.Line();
        if (seeded)
        {
            w.Line("/// <summary>Binds the projection with the seed given in the attribute.</summary>");
            w.Line("/// <param name=\"post\">The post-synaptic population.</param>");
            w.Line(gc);
            w.Line($"public {name}({post} post) : this(post, DefaultSeed) {{ }}");
            w.Line();
            w.Line("/// <summary>Binds the projection; <paramref name=\"seed\"/> fixes the connectivity (with <see cref=\"DefaultStreamId\"/>).</summary>");
            w.Line("/// <param name=\"post\">The post-synaptic population.</param>");
            w.Line("/// <param name=\"seed\">Connectivity seed.</param>");
            w.Line(gc);
            w.Line($"public {name}({post} post, ulong seed) : this(post, seed, DefaultStreamId) {{ }}");
            w.Line();
            w.Line("/// <summary>Binds the projection and builds its connectivity (allocates: build before running).</summary>");
            w.Line("/// <param name=\"post\">The post-synaptic population.</param>");
            w.Line("/// <param name=\"seed\">Connectivity seed.</param>");
            w.Line("/// <param name=\"streamId\">Connectivity stream family.</param>");
        }
        else
        {
            w.Line("/// <summary>Binds the projection to <paramref name=\"post\"/> (the comm draws nothing: no seed).</summary>");
            w.Line("/// <param name=\"post\">The post-synaptic population.</param>");
        }
        w.Line(gc);
        using (w.Block(seeded ? $"public {name}({post} post, ulong seed, ulong streamId)" : $"public {name}({post} post)"))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(post);");
            w.Line("Post = post;");
            if (seeded)
            {
                w.Line("Seed = seed;");
                w.Line("StreamId = streamId;");
            }
            w.Line($"__postInput = post.C{plan.GroupIndex};");
            foreach (var l in cp.Construct) w.Line(l);
            w.Line($"{Rt}Warmup.Compile(new global::System.Action<global::System.ReadOnlySpan<float>>(this.Update)); // compiled now, not in the first step");
        }
        w.Line();
        w.Line($"/// <summary>BrainPy's <c>update(x)</c>: writes comm(x) = {cp.Attribute}(x) into this projection's post buffer, which its output");
        w.Line("/// reads when the post updates (until the next call). Call it before the post updates. Allocates nothing.</summary>");
        w.Line("/// <param name=\"values\">NumIn values, e.g. rates or currents of this step.</param>");
        w.Line(gc);
        CommUpdate(w, cp, "__values", gc, "public void Update(global::System.ReadOnlySpan<float> values)", new[]
        {
            "if (values.Length != NumIn)",
            $"    throw new global::System.ArgumentException($\"{spec.Type.Name}.Update: {{values.Length}} values, but NumIn = {{NumIn}}.\", nameof(values));",
            "values.CopyTo(__values);",
        });
        Close(closers);
        return w.ToString();
    }

    /// <summary>"NMDA(a=0.5, tau_decay=100, tau_rise=2)": BrainPy's class and parameter names with the values.</summary>
    internal static string SynapseText(SynSpec syn)
    {
        var ps = syn.Def.Params;
        return syn.Def.BrainPy + "(" + string.Join(", ", ps.Select((p, i) => p.BrainPyName + "=" + Literals.Short(syn.Values[i]))) + ")";
    }

    /// <summary>BrainPy's align-pre DS key, <c>"Delay(d) // syn"</c>, with the delay as written and the values compared.</summary>
    internal static string SynapseKey(ProjectionSpec spec) => spec.SynapseThenDelay ? SynapseText(spec.Syn) + " // Delay" : "Delay(" + spec.Full!.Unit switch
    {
        DelayUnit.Ms => Literals.Short(spec.Full.Value) + " ms",
        DelayUnit.Steps => Literals.Short(spec.Full.Value) + " steps",
        _ => "None",
    } + ") // " + SynapseText(spec.Syn);

    const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
    const string Marshal = "global::System.Runtime.InteropServices.MemoryMarshal";

    /// <summary><c>__SynapseRange(lo, hi)</c>, the synapse step of pre neurons [lo, hi) (vectorised, with a scalar tail that
    /// does the same float operations in the same order: same bits), and the nested <c>__SynapseParts</c> through which the
    /// worker pool runs it over contiguous pre blocks (<see cref="Runtime"/>'s <c>Parallelism.ChunkStart</c>, 64-aligned).</summary>
    static void EmitSynapseRange(IndentedWriter w, PreSynapsePlan sp, string gc, string name)
    {
        w.Line("/// <summary>The synapse step of pre neurons [lo, hi): reads this step's spike input, writes the new state (and value).</summary>");
        w.Line(gc);
        w.Line("// Fully optimised from the first call: the step loop never runs as tier-0 code, whatever the user's project settings.");
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]");
        using (w.Block("void __SynapseRange(int lo, int hi)"))
        {
            foreach (var c in sp.Constants) w.Line($"float {c.Name} = __{c.Name};");
            w.Line("float[] __in = __spikeInput;");
            w.Line("if ((uint)lo > (uint)hi || (uint)hi > (uint)__in.Length) throw new global::System.ArgumentOutOfRangeException(\"hi\");");
            w.Line($"ref float __rIn = ref {Marshal}.GetArrayDataReference(__in);");
            for (int k = 0; k < sp.Arrays.Length; k++)
            {
                w.Line($"float[] a{sp.Arrays[k]} = Synapse.Array({k});");
                w.Line($"if ((uint)hi > (uint)a{sp.Arrays[k]}.Length) throw new global::System.ArgumentOutOfRangeException(\"hi\");");
                w.Line($"ref float r{sp.Arrays[k]} = ref {Marshal}.GetArrayDataReference(a{sp.Arrays[k]});");
            }
            if (sp.ValueArray is null)
            {
                w.Line($"float[] __value = Synapse.Array({sp.Arrays.Length}); // {PreSynapseLowering.ValueName}");
                w.Line("if ((uint)hi > (uint)__value.Length) throw new global::System.ArgumentOutOfRangeException(\"hi\");");
                w.Line($"ref float __rOut = ref {Marshal}.GetArrayDataReference(__value);");
            }
            w.Line("int i = lo;");
            w.Line("// Vector and scalar paths do the same float operations in the same order (no FMA contraction, VMath's exp in both): same bits.");
            using (w.Block("if (UseSimd && global::System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)"))
                EmitSynapseVector(w, sp, "Vector512", 16);
            using (w.Block("else if (UseSimd && global::System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)"))
                EmitSynapseVector(w, sp, "Vector256", 8);
            var f = new ExprFormatter(ExprFormatter.Mode.Scalar, static p => throw new System.InvalidOperationException(p));
            using (w.Block("for (; i < hi; i++)"))
            {
                w.Line($"float {PreSynapseLowering.SpikeLocal} = {Unsafe}.Add(ref __rIn, i);");
                foreach (var a in sp.Arrays) w.Line($"float {StepLowering.OldLocal(a)} = {Unsafe}.Add(ref r{a}, i);");
                foreach (var st in sp.Body)
                    if (st is Let l) w.Line($"float {l.Name} = {f.Format(l.Value)};{(l.Comment is null ? "" : " // " + l.Comment)}");
                foreach (var a in sp.Arrays) w.Line($"{Unsafe}.Add(ref r{a}, i) = {StepLowering.NextLocal(a)};");
                if (sp.ValueArray is null) w.Line($"{Unsafe}.Add(ref __rOut, i) = {f.Format(sp.Value)};");
            }
        }
        w.Line();
        w.Line("/// <summary>Runs part k of the threaded synapse step: pre neurons [ChunkStart(NumIn, k, parts), ChunkStart(NumIn, k + 1, parts)).</summary>");
        w.Line(gc);
        using (w.Block($"sealed class __SynapseParts : {Rt}IParallelWork"))
        {
            w.Line($"readonly {name} __owner;");
            w.Line($"public __SynapseParts({name} owner) => __owner = owner;");
            w.Line($"public void Execute(int part, int parts) => __owner.__SynapseRange({Rt}Parallelism.ChunkStart(NumIn, part, parts), {Rt}Parallelism.ChunkStart(NumIn, part + 1, parts));");
        }
    }

    /// <summary>The vector loop of <c>__SynapseRange</c>: the scalar body lane-wise (constants and numbers broadcast first).</summary>
    static void EmitSynapseVector(IndentedWriter w, PreSynapsePlan sp, string vec, int width)
    {
        string V = "global::System.Runtime.Intrinsics." + vec;
        // Explicit types, never 'var': a user type named 'var' in scope would take its place (CS0029).
        string F = V + "<float>";
        var numbers = new System.Collections.Generic.Dictionary<double, string>();
        var f = new ExprFormatter(ExprFormatter.Mode.Vector, static p => p, V, numbers);
        // Format the loop first (it names the numbers it meets), then write the broadcasts before it.
        var loop = new IndentedWriter();
        using (loop.Block($"for (; i <= hi - {width}; i += {width})"))
        {
            loop.Line("global::System.UIntPtr at = (global::System.UIntPtr)i; // not 'nuint', which a user type of that name would replace");
            loop.Line($"{F} {PreSynapseLowering.SpikeLocal} = {V}.LoadUnsafe(ref __rIn, at);");
            foreach (var a in sp.Arrays) loop.Line($"{F} {StepLowering.OldLocal(a)} = {V}.LoadUnsafe(ref r{a}, at);");
            foreach (var st in sp.Body)
                if (st is Let l) loop.Line($"{F} {l.Name} = {f.Format(l.Value)};");
            foreach (var a in sp.Arrays) loop.Line($"{V}.StoreUnsafe({StepLowering.NextLocal(a)}, ref r{a}, at);");
            if (sp.ValueArray is null) loop.Line($"{V}.StoreUnsafe({f.Format(sp.Value)}, ref __rOut, at);");
        }
        foreach (var c in sp.Constants) w.Line($"{F} x{c.Name} = {V}.Create({c.Name});");
        foreach (var kv in numbers) w.Line($"{F} {kv.Value} = {V}.Create({Literals.Float(kv.Key)}); // {Literals.Short(kv.Key)}");
        w.Append(loop);
    }

    /// <summary>The per-pre-neuron loop of a pre-sized synapse step: reads the spike from <paramref name="input"/>[i] and
    /// the old values from the locals <c>a{Array}</c>, writes the new values back and, when the value is an expression, into
    /// the local <c>value</c>. Shared by the align-pre synapse step and the align-post <c>[Std]</c>/<c>[Stp]</c> scale.</summary>
    internal static void EmitSynapseLoop(IndentedWriter w, PreSynapsePlan sp, string input, string count)
    {
        var f = new ExprFormatter(ExprFormatter.Mode.Scalar, static p => throw new System.InvalidOperationException(p));
        using (w.Block($"for (int i = 0; i < {count}; i++)"))
        {
            w.Line($"float {PreSynapseLowering.SpikeLocal} = {input}[i];");
            foreach (var a in sp.Arrays) w.Line($"float {StepLowering.OldLocal(a)} = a{a}[i];");
            foreach (var st in sp.Body)
                if (st is Let l) w.Line($"float {l.Name} = {f.Format(l.Value)};{(l.Comment is null ? "" : " // " + l.Comment)}");
            foreach (var a in sp.Arrays) w.Line($"a{a}[i] = {StepLowering.NextLocal(a)};");
            if (sp.ValueArray is null) w.Line($"value[i] = {f.Format(sp.Value)};");
        }
    }
}
