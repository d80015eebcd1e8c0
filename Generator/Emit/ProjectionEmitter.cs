using SpikeSharp.Generator.Helpers;
using SpikeSharp.Generator.Lowering;
using SpikeSharp.Generator.Model;
using static SpikeSharp.Generator.Emit.EmitHelpers;

namespace SpikeSharp.Generator.Emit;

/// <summary>
/// Emits every align-post projection (HalfProjAlignPost[Mg], FullProjAlignPost[Mg], Half/FullProjDelta), whatever its event
/// comm: the comm's constants, state, construction and delivery statements come from its <see cref="CommPlan"/>
/// (<see cref="CommLowering"/>), so this emitter writes the projection around them: constructors binding it to the post's
/// merged buffer (and for Full ones to the pre and its delay), <c>Deliver(Spikes)</c> (BrainPy's
/// <c>syn.add_current(comm(x))</c>; no decay here, except an own synapse's), split over threads when the comm allows it,
/// and an optional [Std]/[Stp] scaling each spike's weight (the comm's scaled statement).
/// </summary>
internal static class ProjectionEmitter
{
    public static string Emit(ProjectionPlan plan)
    {
        var spec = plan.Spec;
        var comm = spec.Comm;
        if (spec.AlignPre) return AlignPreEmitter.Emit(plan);
        if (spec.Vanilla) return AlignPreEmitter.EmitVanilla(plan);
        var cp = CommLowering.Lower(comm, eventForm: true, spec.Type.Name);
        // A value comm on an align-post projection is reported by the parser (SPK4063) and never reaches here; never throw if it did.
        if (cp is null || cp.Deliver is null || cp.DeliverScaled is null || (cp.NeedsSeed && cp.HalfCtorDocs.Length < 3) || cp.HalfCtorDocs.Length == 0) return "";
        bool parallel = cp.Parts != CommParts.None, seeded = cp.NeedsSeed;
        string commText = XmlText(cp.Text);
        var plast = spec.Plasticity; // [Std]/[Stp]: each spike's weight scaled by its release
        if (plast is not null) commText += $", each spike's weight scaled by [{plast.Model}]'s release ({(plast.Model == "Stp" ? "u·x" : "x")})";
        // The delivery statement into buffer g over blocks [first, end) (null: the comm's one-thread call).
        string DeliverCall(string g, string? first, string? end) => plast is not null ? cp.DeliverScaled!(g, "__release", first, end) : cp.Deliver!(g, first, end);
        var w = new IndentedWriter();
        var full = spec.Full;
        var closers = Open(w, spec.Type, Summary(plan, commText), parallel ? Rt + "IParallelWork" : null, CommMemoryRemarks(cp));
        string gc = GeneratedCode(plan.GeneratorVersion);
        string post = spec.PostType;

        w.Line("/// <summary>Number of pre-synaptic neurons (length of the spikes given to <see cref=\"Deliver\"/>).</summary>");
        w.Line($"public const int NumIn = {comm.NumIn};");
        w.Line("/// <summary>Number of post-synaptic neurons.</summary>");
        w.Line($"public const int NumOut = {comm.NumOut};");
        EmitCommConstants(w, cp, comm, spec.Type);
        w.Line("/// <summary>The merge key of the post buffer this projection feeds.</summary>");
        w.Line($"public const string MergeKey = {Literals.String(plan.MergeKeyText)};");
        w.Line();
        var eventArrays = EventArrays(spec);
        for (int k = 0; k < eventArrays.Count; k++)
            w.Line($"readonly float[] {GeneratedMembers.ProjectionBufferField(k)}; // {post}.{eventArrays[k].Name}{plan.GroupIndex}");
        if (spec.OwnSynapse) w.Line("readonly float __decay; // exp(−dt/Tau) of this projection's own synapse (decay then add)");
        foreach (var f in cp.Fields) foreach (var l in f.Lines) w.Line(l);
        if (parallel)
        {
            w.Line("readonly int[] __pre = new int[NumIn]; // this step's spiking pre neurons, for the worker threads");
            w.Line("int __preCount;");
            w.Line("int __threads;");
        }
        foreach (var f in cp.LateFields) foreach (var l in f.Lines) w.Line(l);
        if (plast is not null) EmitPlasticityFields(w, plast);
        w.Line();
        if (parallel)
        {
            foreach (var l in cp.ThreadsDoc) w.Line(l);
            w.Line("public int Threads");
            w.Line("{");
            w.Line("    get => __threads;");
            w.Line($"    set => __threads = {Rt}Parallelism.ValidateThreads(value, \"{spec.Type.Name}.Threads\");");
            w.Line("}");
            w.Line();
        }
        foreach (var m in cp.Properties) foreach (var l in m.Lines) w.Line(l);
        w.Line("/// <summary>The post-synaptic population instance.</summary>");
        w.Line($"public {post} Post {{ get; }}");
        if (seeded)
        {
            w.Line("/// <summary>The connectivity seed.</summary>");
            w.Line("public ulong Seed { get; }");
            w.Line(cp.StreamIdPropertyDoc);
            w.Line("public ulong StreamId { get; }");
        }
        for (int k = 0; k < eventArrays.Count; k++)
        {
            var a = eventArrays[k];
            w.Line($"/// <summary>The merged post buffer this projection feeds ({XmlText(a.Doc)}, <c>Post.{a.Name}{plan.GroupIndex}</c>{cp.BufferDocTail}).</summary>");
            w.Line($"public global::System.ReadOnlySpan<float> {a.ProjectionMember} => {GeneratedMembers.ProjectionBufferField(k)};");
        }
        w.Line();
        if (full is not null) EmitFullMembers(w, spec, full, gc, eventArrays.Count, plan.GroupIndex, seeded, (ww, sp) => EmitCommInit(ww, cp, sp.Plasticity, comment: false));
        else
        {
            string name = Identifiers.Escape(spec.Type.Name);
            if (seeded)
            {
                foreach (var l in cp.HalfCtorDocs[0]) w.Line(l);
                w.Line("/// <param name=\"post\">The post-synaptic population.</param>");
                w.Line(gc);
                w.Line($"public {name}({post} post) : this(post, DefaultSeed) {{ }}");
                w.Line();
                foreach (var l in cp.HalfCtorDocs[1]) w.Line(l);
                w.Line("/// <param name=\"post\">The post-synaptic population.</param>");
                w.Line("/// <param name=\"seed\">Connectivity seed.</param>");
                w.Line(gc);
                w.Line($"public {name}({post} post, ulong seed) : this(post, seed, DefaultStreamId) {{ }}");
                w.Line();
                foreach (var l in cp.HalfCtorDocs[2]) w.Line(l);
                w.Line("/// <param name=\"post\">The post-synaptic population.</param>");
                w.Line("/// <param name=\"seed\">Connectivity seed.</param>");
                w.Line(cp.StreamIdParamDoc);
            }
            else
            {
                foreach (var l in cp.HalfCtorDocs[0]) w.Line(l);
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
                for (int k = 0; k < eventArrays.Count; k++)
                    w.Line($"{GeneratedMembers.ProjectionBufferField(k)} = post.{BufferOf(spec, eventArrays[k].Name, plan.GroupIndex)};");
                if (spec.OwnSynapse) w.Line(DecayInit(spec));
                EmitCommInit(w, cp, plast, comment: true);
            }
        }
        w.Line();
        foreach (var l in cp.DeliverDoc) w.Line(l);
        w.Line($"/// <param name=\"spikes\">Spikes of the {comm.NumIn} pre-synaptic neurons.</param>");
        w.Line(gc);
        using (w.Block($"public void Deliver({Rt}Spikes spikes)"))
        {
            w.Line("if (spikes.Length != NumIn)");
            w.Line($"    throw new global::System.ArgumentException($\"{spec.Type.Name}.Deliver: the spikes cover {{spikes.Length}} neurons but numIn = {{NumIn}}.\", \"spikes\");");
            if (spec.OwnSynapse) EmitOwnDecay(w);
            if (plast is not null) EmitPlasticityStep(w, plast);
            var one = cp.OneThreadRange;
            if (!parallel)
                for (int k = 0; k < eventArrays.Count; k++) w.Line(DeliverCall(GeneratedMembers.ProjectionBufferField(k), one?.First, one?.End));
            else
            {
                w.Line($"int parts = {cp.PartsExpr};");
                using (w.Block("if (parts <= 1)"))
                {
                    for (int k = 0; k < eventArrays.Count; k++)
                        w.Line(DeliverCall(GeneratedMembers.ProjectionBufferField(k), one?.First, one?.End));
                }
                using (w.Block("else"))
                {
                    w.Line("__preCount = spikes.CopyTo(__pre);");
                    w.Line($"{Rt}Parallelism.Run(this, parts);");
                }
            }
        }
        if (parallel)
        {
            w.Line();
            w.Line(gc);
            using (w.Block($"void {Rt}IParallelWork.Execute(int part, int parts)"))
            {
                var (prologue, first, end) = cp.PartRange;
                foreach (var l in prologue) w.Line(l);
                w.Line($"{Rt}Spikes spikes = {Rt}Spikes.FromSortedUnchecked(new global::System.ReadOnlySpan<int>(__pre, 0, __preCount), NumIn); // a copy of a checked Spikes");
                for (int k = 0; k < eventArrays.Count; k++)
                    w.Line(DeliverCall(GeneratedMembers.ProjectionBufferField(k), first, end));
            }
        }
        if (plast is not null)
        {
            w.Line();
            w.Line("/// <summary>Writes the short-term plasticity state as parts <c>{part}.stp.*</c> (a network's Save).</summary>");
            w.Line(gc);
            using (w.Block($"internal void __WriteState({Rt}NetworkStateWriter state, string part)"))
            {
                foreach (var a in PreSynapseLowering.Lower(plast).Arrays) w.Line($"state.Floats(part + \".stp.{a}\", {PlasticityField(a)});");
                w.Line("state.Floats(part + \".stp.release\", __release);");
            }
            w.Line();
            w.Line("/// <summary>Reads what <see cref=\"__WriteState\"/> wrote.</summary>");
            w.Line(gc);
            using (w.Block($"internal void __ReadState({Rt}NetworkStateReader state, string part)"))
            {
                foreach (var a in PreSynapseLowering.Lower(plast).Arrays) w.Line($"state.Floats(part + \".stp.{a}\", {PlasticityField(a)});");
                w.Line("state.Floats(part + \".stp.release\", __release);");
            }
        }
        Close(closers);
        return w.ToString();
    }

    /// <summary>The type's summary, shared by every align-post projection emitter: role, pre (Full), post, delay (Full), the
    /// comm as written and the merge group, e.g. "HalfProjAlignPostMg onto P: EventJitFPHomoLinear(…) into merged group 0 (…)".</summary>
    internal static string Summary(ProjectionPlan plan, string commText)
    {
        var spec = plan.Spec;
        string role = spec.Delta ? "Delta (onto V)" : spec.OwnSynapse ? "AlignPost (own synapse)" : "AlignPostMg";
        return spec.Full is { } full
            ? $"FullProj{role} from <see cref=\"{full.PreType}\"/> onto <see cref=\"{spec.PostType}\"/> ({XmlText(DelayText(full))}): {commText} into merged group {plan.GroupIndex} ({XmlText(plan.MergeKeyText)})."
            : $"HalfProj{role} onto <see cref=\"{spec.PostType}\"/>: {commText} into merged group {plan.GroupIndex} ({XmlText(plan.MergeKeyText)}).";
    }

    /// <summary>The synapse arrays a delivered event adds to, in definition order (one post buffer field each).</summary>
    internal static System.Collections.Generic.List<Model.Definitions.SynArray> EventArrays(ProjectionSpec spec)
    {
        var list = new System.Collections.Generic.List<Model.Definitions.SynArray>();
        foreach (var a in spec.Syn.Def.Arrays) if (a.ReceivesEvents) list.Add(a);
        return list;
    }

    /// <summary>"no delay", "delay 1.5 ms", "delay 3 steps".</summary>
    internal static string DelayText(FullSpec full) => full.Unit switch
    {
        DelayUnit.Ms => "delay " + Literals.Short(full.Value) + " ms",
        DelayUnit.Steps => "delay " + Literals.Short(full.Value) + " steps",
        _ => "no delay",
    };

    /// <summary>A Full projection's own members: Pre, PreDelay, DelaySteps, constructors that bind pre, post and the pre's
    /// delay (registering an entry named after the projection, which grows the delay to this projection's steps), and
    /// <c>Update()</c>, BrainPy's <c>update()</c>: read the pre's spikes DelaySteps ago and deliver them.</summary>
    internal static void EmitFullMembers(IndentedWriter w, ProjectionSpec spec, FullSpec full, string gc, int eventArrays, int group, bool seeded,
        System.Action<IndentedWriter, ProjectionSpec> commInit)
    {
        string pre = full.PreType, post = spec.PostType, name = Identifiers.Escape(spec.Type.Name);
        string delay = Rt + "SpikeDelay";
        w.Line("/// <summary>The pre-synaptic population instance.</summary>");
        w.Line($"public {pre} Pre {{ get; }}");
        w.Line("/// <summary>The pre population's spike delay, shared by every projection from it; this projection reads its own entry.</summary>");
        w.Line($"public {delay} PreDelay {{ get; }}");
        string how = full.Unit switch
        {
            DelayUnit.Ms => $"ceil({Literals.Short(full.Value)} ms / dt) (<see cref=\"{Rt}SpikeDelay.StepsFor\"/>, dt of the pre population)",
            DelayUnit.Steps => $"{Literals.Short(full.Value)}, as written",
            _ => "0: no delay",
        };
        w.Line($"/// <summary>Delay in steps: {how}. A spike of step t is delivered at step t + DelaySteps (t + 1 when 0).</summary>");
        w.Line("public int DelaySteps { get; }");
        w.Line();
        if (seeded)
        {
            w.Line("/// <summary>Binds the projection with the seed given in the attribute (<see cref=\"DefaultSeed\"/>).</summary>");
            w.Line("/// <param name=\"pre\">The pre-synaptic population.</param>");
            w.Line("/// <param name=\"post\">The post-synaptic population.</param>");
            w.Line("/// <param name=\"preDelay\">The delay of <paramref name=\"pre\"/>'s spikes (pushed after the pre updates).</param>");
            w.Line(gc);
            w.Line($"public {name}({pre} pre, {post} post, {delay} preDelay) : this(pre, post, preDelay, DefaultSeed) {{ }}");
            w.Line();
            w.Line("/// <summary>Binds the projection; <paramref name=\"seed\"/> fixes the connectivity (with <see cref=\"DefaultStreamId\"/>).</summary>");
            w.Line("/// <param name=\"pre\">The pre-synaptic population.</param>");
            w.Line("/// <param name=\"post\">The post-synaptic population.</param>");
            w.Line("/// <param name=\"preDelay\">The delay of <paramref name=\"pre\"/>'s spikes (pushed after the pre updates).</param>");
            w.Line("/// <param name=\"seed\">Connectivity seed.</param>");
            w.Line(gc);
            w.Line($"public {name}({pre} pre, {post} post, {delay} preDelay, ulong seed) : this(pre, post, preDelay, seed, DefaultStreamId) {{ }}");
            w.Line();
            w.Line("/// <summary>Binds the projection with an explicit stream family (see the Half projections' constructor of the same form) and");
            w.Line("/// registers its entry in <paramref name=\"preDelay\"/>, growing it to <see cref=\"DelaySteps\"/> if needed (allocates: build before running).</summary>");
            w.Line("/// <param name=\"pre\">The pre-synaptic population.</param>");
            w.Line("/// <param name=\"post\">The post-synaptic population.</param>");
            w.Line("/// <param name=\"preDelay\">The delay of <paramref name=\"pre\"/>'s spikes (pushed after the pre updates).</param>");
            w.Line("/// <param name=\"seed\">Connectivity seed.</param>");
            w.Line("/// <param name=\"streamId\">Connectivity stream family (<see cref=\"DefaultStreamId\"/> by default).</param>");
            w.Line(gc);
        }
        else
        {
            w.Line("/// <summary>Binds the projection and registers its entry in <paramref name=\"preDelay\"/>, growing it to <see cref=\"DelaySteps\"/>");
            w.Line("/// if needed (allocates: build before running). The comm draws nothing: no seed.</summary>");
            w.Line("/// <param name=\"pre\">The pre-synaptic population.</param>");
            w.Line("/// <param name=\"post\">The post-synaptic population.</param>");
            w.Line("/// <param name=\"preDelay\">The delay of <paramref name=\"pre\"/>'s spikes (pushed after the pre updates).</param>");
            w.Line(gc);
        }
        using (w.Block(seeded ? $"public {name}({pre} pre, {post} post, {delay} preDelay, ulong seed, ulong streamId)" : $"public {name}({pre} pre, {post} post, {delay} preDelay)"))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(pre);");
            w.Line("global::System.ArgumentNullException.ThrowIfNull(post);");
            w.Line("global::System.ArgumentNullException.ThrowIfNull(preDelay);");
            w.Line("if (preDelay.Size != NumIn)");
            w.Line($"    throw new global::System.ArgumentException($\"{spec.Type.Name}: preDelay holds {{preDelay.Size}} neurons but the pre population has NumIn = {{NumIn}}.\", \"preDelay\");");
            w.Line($"if (pre.Dt != post.Dt) {Rt}Network.CommonDt((\"pre\", pre.Dt), (\"post\", post.Dt)); // throws, naming both");
            w.Line("Pre = pre;");
            w.Line("Post = post;");
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
            w.Line("preDelay.Register(entry, DelaySteps);");
            for (int k = 0; k < eventArrays; k++)
            {
                var a = EventArray(spec, k);
                w.Line($"{GeneratedMembers.ProjectionBufferField(k)} = post.{BufferOf(spec, a.Name, group)};");
            }
            if (spec.OwnSynapse) w.Line(DecayInit(spec));
            commInit(w, spec);
            w.Line($"{Rt}Warmup.Compile(new global::System.Action(this.Update)); // compiled now, not in the first step");
        }
        w.Line();
        w.Line("/// <summary>BrainPy's <c>update()</c>: delivers the pre's spikes of <see cref=\"DelaySteps\"/> steps ago (the latest push when 0) into");
        w.Line("/// the merged post buffer. Call it before the post updates and before the pre's delay is pushed. Allocates nothing.</summary>");
        w.Line(gc);
        w.Line("public void Update() => Deliver(PreDelay.At(DelaySteps));");
    }

    /// <summary>The comm's constants (Prob, its weights) and, when it draws its connectivity, DefaultSeed and DefaultStreamId.</summary>
    internal static void EmitCommConstants(IndentedWriter w, CommPlan cp, CommSpec comm, TypeDecl type)
    {
        if (cp.ProbDoc is not null)
        {
            w.Line($"/// <summary>{cp.ProbDoc}</summary>");
            w.Line($"public const double Prob = {Literals.Double(comm.Prob)};");
        }
        foreach (var c in cp.Constants)
        {
            w.Line($"/// <summary>{c.Doc}</summary>");
            w.Line($"public const {c.Type} {c.Name} = {c.Value};");
        }
        if (!cp.NeedsSeed) return;
        w.Line("/// <summary>Connectivity seed used by the constructor without a seed.</summary>");
        w.Line("public const ulong DefaultSeed = " + (comm.Seed >= 0 ? Literals.Int(comm.Seed) + "UL;" : "unchecked((ulong)(" + Literals.Int(comm.Seed) + "L));"));
        foreach (var l in cp.StreamIdDoc) w.Line(l.Replace("{0}", XmlText(Literals.String(FullName(type)))));
        w.Line("public const ulong DefaultStreamId = 0x" + NameStreamId(FullName(type)).ToString("X16", System.Globalization.CultureInfo.InvariantCulture) + "UL;");
    }

    /// <summary>The comm's part of an align-post constructor: [Std]/[Stp]'s constants and initial state, the comm's
    /// construction (connectivity, weights, cache) and its kernel warm-up.</summary>
    static void EmitCommInit(IndentedWriter w, CommPlan cp, SynSpec? plast, bool comment)
    {
        if (plast is not null) EmitPlasticityInit(w, plast, "post.Dt");
        foreach (var l in cp.Construct) w.Line(l);
        if (cp.Warmup is { } warm) foreach (var l in warm(plast is null ? null : "__release", comment)) w.Line(l);
        w.Line($"{Rt}Warmup.Compile(new global::System.Action<global::SpikeSharp.Spikes>(this.Deliver));");
    }

    /// <summary>The fields and read-only views of an align-post projection's <c>[Std]</c>/<c>[Stp]</c> (BrainPy's older
    /// <c>stp=bp.synplast.STD()</c>, brainpy/_src/dynold/synplast/short_term_plasticity.py): one entry per pre neuron, owned by
    /// this projection (BrainPy gives each synapse object its own, as here: no merging). The arrays, constants and step are
    /// those of the <c>[Std]</c>/<c>[Stp]</c> definition (<see cref="PreSynapseLowering"/>), the same as on align-pre.</summary>
    static void EmitPlasticityFields(IndentedWriter w, SynSpec plast)
    {
        var sp = PreSynapseLowering.Lower(plast);
        w.Line($"// [{plast.Model}] (its definition's step, as on align-pre): state per pre neuron; each spike delivers Weight·value after its own step.");
        foreach (var a in sp.Arrays) w.Line($"readonly float[] {PlasticityField(a)} = new float[NumIn]; // {a}");
        w.Line("readonly float[] __spike = new float[NumIn]; // 1 at this step's spiking pre neurons while the state steps, else 0");
        w.Line(sp.ValueArray is null ? "readonly float[] __release = new float[NumIn]; // the scale of each pre neuron's events: the definition's value after this step"
            : $"readonly float[] __release; // the scale of each pre neuron's events: {sp.ValueArray} after this step (the same array)");
        foreach (var c in sp.Constants) w.Line($"readonly float {PlasticityField(c.Name)}; // {c.Comment}");
        w.Line($"/// <summary>The plasticity's U, as written.</summary>");
        w.Line($"public const float PlasticityU = {Literals.Float(plast.Value("U"))};");
        w.Line();
        w.Line("/// <summary>What each pre neuron's spike delivers, as a factor of <see cref=\"Weight\"/>, after the last <see cref=\"Deliver\"/> stepped it.</summary>");
        w.Line("public global::System.ReadOnlySpan<float> Release => __release;");
        foreach (var a in sp.Arrays)
        {
            w.Line($"/// <summary>State {a} of every pre neuron.</summary>");
            w.Line($"public global::System.ReadOnlySpan<float> Plasticity{a} => {PlasticityField(a)};");
        }
    }

    /// <summary>The field of a plasticity array or constant.</summary>
    internal static string PlasticityField(string name) => "__stp" + name;

    static void EmitPlasticityInit(IndentedWriter w, SynSpec plast, string dt)
    {
        var sp = PreSynapseLowering.Lower(plast);
        var dbl = new ExprFormatter(ExprFormatter.Mode.Double, static p => throw new System.InvalidOperationException(p));
        w.Line("{");
        w.Line($"    double Dt = {dt}; // the constants of the definition, in double, rounded once");
        foreach (var c in sp.Constants) w.Line($"    {PlasticityField(c.Name)} = (float)({dbl.Format(c.Value)});");
        w.Line("}");
        for (int k = 0; k < sp.Arrays.Length; k++)
            if (sp.Initials[k] != 0) w.Line($"global::System.Array.Fill({PlasticityField(sp.Arrays[k])}, {Literals.Float(sp.Initials[k])}); // {sp.Arrays[k]}₀");
        if (sp.ValueArray is not null) w.Line($"__release = {PlasticityField(sp.ValueArray)};");
        else if (sp.ValueInitial != 0) w.Line($"global::System.Array.Fill(__release, {Literals.Float(sp.ValueInitial)}); // the value of the initial state");
    }

    /// <summary>BrainPy's order (dynold TwoEndConn.update): <c>stp.update(pre_spike)</c> on the spikes being delivered, then the
    /// comm reads <c>stp(pre_spike)</c>, the new state. The step is the definition's (<see cref="AlignPreEmitter.EmitSynapseLoop"/>).</summary>
    static void EmitPlasticityStep(IndentedWriter w, SynSpec plast)
    {
        var sp = PreSynapseLowering.Lower(plast);
        w.Line("float[] spikeInput = __spike;");
        w.Line("for (int k = 0; k < spikes.Count; k++) spikeInput[spikes.IndexAt(k)] = 1f;");
        foreach (var c in sp.Constants) w.Line($"float {c.Name} = {PlasticityField(c.Name)};");
        foreach (var a in sp.Arrays) w.Line($"float[] a{a} = {PlasticityField(a)};");
        if (sp.ValueArray is null) w.Line("float[] value = __release;");
        AlignPreEmitter.EmitSynapseLoop(w, sp, "spikeInput", "NumIn");
        w.Line("for (int k = 0; k < spikes.Count; k++) spikeInput[spikes.IndexAt(k)] = 0f;");
        // The arrays that decay to 0 (STP's u), flushed like the population's synapses and the align-pre state: every 64th step
        // of the post (its StepIndex, saved with it), |u| < 1e-20 becomes 0. x recovers towards 1: left alone.
        var tiny = PreSynapseLowering.DecayingToZero(plast);
        if (tiny.Count > 0)
        {
            w.Line($"if ({Rt}TinyFlush.Due(Post.StepIndex)) // every 64th step: silent pre neurons' state out of the subnormal range (|x| < 1e-20 becomes 0)");
            w.Line("{");
            foreach (var a in tiny) w.Line($"    {Rt}TinyFlush.Flush({PlasticityField(a)});");
            w.Line("}");
        }
    }

    /// <summary>The post array a projection's events go to: the merge group's (G0, …), or a delta projection's Delta.</summary>
    internal static string BufferOf(ProjectionSpec spec, string array, int group) =>
        spec.Delta ? Lowering.StepLowering.DeltaArray : array + group.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The own synapse's decay, computed like the population's merged decays: exp(−dt/τ) in double, rounded once.</summary>
    internal static string DecayInit(ProjectionSpec spec) =>
        $"__decay = (float)global::System.Math.Exp(-post.Dt / {Literals.Double(spec.Syn.Value("Tau"))});";

    /// <summary>BrainPy's Expon.update before add_current: the own synapse decays first, every step the projection runs.</summary>
    internal static void EmitOwnDecay(IndentedWriter w)
    {
        w.Line("// Own synapse (HalfProjAlignPost / FullProjAlignPost): decay, then add this step's events (brainpy-semantics.md §4.2 item 3).");
        w.Line("float[] own = __g;");
        w.Line("float decay = __decay;");
        w.Line("for (int j = 0; j < own.Length; j++) own[j] *= decay;");
    }

    internal static Model.Definitions.SynArray EventArray(ProjectionSpec spec, int k)
    {
        int i = 0;
        foreach (var a in spec.Syn.Def.Arrays)
            if (a.ReceivesEvents && i++ == k) return a;
        throw new System.ArgumentOutOfRangeException(nameof(k));
    }

    /// <summary>The CLR full name of the type (<c>typeof(T).FullName</c>: "Ns.Outer+Name"), which the default stream id hashes.</summary>
    internal static string FullName(TypeDecl type)
    {
        var sb = new System.Text.StringBuilder();
        if (type.Namespace.Length > 0) sb.Append(type.Namespace).Append('.');
        foreach (var c in type.Containing) sb.Append(c.Substring(c.LastIndexOf(' ') + 1)).Append('+');
        return sb.Append(type.Name).ToString();
    }

    /// <summary>The runtime's <c>CounterRng.NameStreamId</c>: FNV-1a over UTF-16 code units, then SplitMix64's finaliser.</summary>
    internal static ulong NameStreamId(string name)
    {
        ulong h = 14695981039346656037UL;
        foreach (char ch in name) { h ^= ch; h *= 1099511628211UL; }
        h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL;
        h = (h ^ (h >> 27)) * 0x94D049BB133111EBUL;
        return h ^ (h >> 31);
    }
}
