using System.Globalization;
using SpikeSharp.Generator.Helpers;
using SpikeSharp.Generator.Lowering;
using SpikeSharp.Generator.Model;
using SpikeSharp.Generator.Model.Definitions;
using SpikeSharp.Generator.Model.Ir;
using static SpikeSharp.Generator.Emit.EmitHelpers;

namespace SpikeSharp.Generator.Emit;

/// <summary>
/// Emits a population: structure-of-arrays state, one conductance buffer per merge group, a constructor that
/// applies the initializers and hoists every constant, and the fused <c>Update(float input)</c>.
/// The step follows brainpy-semantics.md §1.2 for each neuron, in one pass:
/// decay every merged buffer (add-then-decay: deliveries were added before), sum the outputs from V of the previous
/// step (current frozen for the step), exponential-Euler step <c>V* = V + c·(V_rest + R·I − V)</c>, hold V during
/// the refractory steps, threshold, reset.
/// </summary>
/// <summary>
/// Emits a population from its lowered <see cref="StepPlan"/>: structure-of-arrays state (the model's states, one set
/// of synapse arrays per merge group), a constructor that applies the initializers and computes every hoisted
/// constant once in double, and the fused <c>Update(float input)</c>. The step follows brainpy-semantics.md §2.1 for
/// each neuron, in one pass: decay every merged buffer (add-then-decay: deliveries were added before), sum the outputs
/// from V of the previous step (current frozen for the step), integrate every state from the same old state, hold V
/// during the refractory steps, threshold, reset. Nothing here knows a model: the definitions and the plan decide.
/// </summary>
internal static class PopulationEmitter
{
    public static string Emit(PopulationPlan plan)
    {
        var spec = plan.Spec;
        var n = spec.Neuron;
        var def = n.Def;
        var step = StepLowering.Lower(plan);
        var w = new IndentedWriter();
        string modelName = def.Attribute;
        var closers = Open(w, spec.Type,
            $"Population of {spec.Size} {modelName} neurons with {plan.Groups.Length} merged synapse buffer(s).", Rt + "IParallelWork");
        string gc = GeneratedCode(plan.GeneratorVersion);

        w.Line("/// <summary>Number of neurons.</summary>");
        w.Line($"public const int Size = {spec.Size};");
        for (int k = 0; k < def.Params.Count; k++)
        {
            var p = def.Params[k];
            if (p.Storage == Storage.None) continue;
            w.Line($"/// <summary>{modelName} parameter {p.BrainPyName}{Unit(p.Unit)}: {XmlText(p.Doc)}.</summary>");
            w.Line(p.Storage == Storage.Float
                ? $"public const float {p.Name} = {Literals.Float(n.Values[k])};"
                : $"public const double {p.Name} = {Literals.Double(n.Values[k])};");
        }
        w.Line();
        foreach (var st in step.States)
        {
            var sd = FindState(def, st.Name);
            w.Line($"/// <summary>{XmlText(st.Doc)}{Unit(sd.Unit)}, one entry per neuron.</summary>");
            w.Line($"public readonly float[] {st.Member};");
        }
        w.Line("/// <summary>Step index of each neuron's last spike (int.MinValue if it never fired).</summary>");
        w.Line("public readonly int[] LastSpikeStep;");
        foreach (var g in plan.Groups)
        {
            foreach (var a in step.SynapseArrays)
            {
                if (a.Group != g.Index) continue;
                w.Line($"/// <summary>Merged synapse buffer {g.Index}: {XmlText(a.Doc)}, one entry per neuron. Merge key: {XmlText(g.Key.Text)}; fed by {XmlText(string.Join(", ", g.Projections))}.</summary>");
                w.Line($"// merge key: {g.Key.Text} <- {string.Join(", ", g.Projections)}");
                w.Line($"public readonly float[] {a.Member};");
            }
        }
        foreach (var a in step.SynapseArrays)
        {
            if (a.Group != -1) continue;
            w.Line($"/// <summary>{XmlText(a.Doc)}, one entry per neuron; zeroed by each update.</summary>");
            w.Line($"public readonly float[] {a.Member};");
        }
        w.Line();
        w.Line("/// <summary>Time step (ms) this instance was built with.</summary>");
        w.Line("public readonly double Dt;");
        if (def.Refractory is not null)
        {
            w.Line($"/// <summary>Steps a neuron is held after a spike: the count of k ≥ 1 with k·dt ≤ {def.Refractory}.</summary>");
            w.Line("public readonly int RefractorySteps;");
        }
        var dbl = DoubleFormatter(n);
        foreach (var c in step.Constants)
            w.Line($"readonly float __{c.Name}; // {OneLine(c.Comment)}: {OneLine(dbl.Format(c.Value))}");
        w.Line("readonly int[] __spikes;");
        w.Line("readonly int[] __partCounts = new int[" + Rt + "Parallelism.MaxParts]; // spikes found by each thread's chunk");
        w.Line("int __spikeCount;");
        w.Line("int __step;");
        w.Line("int __threads;");
        w.Line("float __input; // the input of the step in progress, for the worker threads");
        w.Line("float[]? __ext; // threaded per-neuron input: the caller's span copied here (allocated on first use)");
        w.Line("int __extLo; // first neuron of the per-neuron input in __ext");
        w.Line("int __extLength; // neurons it covers (0: the scalar input only)");
        w.Line();
        w.Line("/// <summary>Threads <see cref=\"Update(float)\"/> may use: 0 (default) follows <see cref=\"" + Rt + "Parallelism.Threads\"/> (automatic: several");
        w.Line("/// from <see cref=\"" + Rt + "Parallelism.AutoMinNeurons\"/> neurons up). Spikes are bit-identical for every thread count.</summary>");
        w.Line("public int Threads");
        w.Line("{");
        w.Line("    get => __threads;");
        w.Line($"    set => __threads = {Rt}Parallelism.ValidateThreads(value, \"{spec.Type.Name}.Threads\");");
        w.Line("}");
        w.Line("/// <summary>Whether <see cref=\"Update(float)\"/> uses SIMD (Vector512 or Vector256, when the hardware has it). false forces the");
        w.Line("/// scalar loop, which computes the same operations in the same order and gives the same bits (for tests).</summary>");
        w.Line("public bool UseSimd { get; set; } = true;");
        w.Line();

        string typeName = spec.Type.Name;
        w.Line($"/// <summary>Creates the population, applying its initializers with <paramref name=\"seed\"/>.</summary>");
        w.Line("/// <param name=\"seed\">Seed of the initial state.</param>");
        w.Line($"/// <param name=\"dt\">Time step in ms; <see cref=\"{Rt}Simulation.Dt\"/> when null (0.1 ms by default, like BrainPy).</param>");
        w.Line(gc);
        using (w.Block($"public {Identifiers.Escape(typeName)}(ulong seed = 0, double? dt = null)"))
        {
            w.Line($"Dt = {Rt}Simulation.ResolveDt(dt);");
            int bytesPerNeuron = 4 * (2 + step.States.Length + step.SynapseArrays.Length); // LastSpikeStep, the spike list, states, synapse arrays
            w.Line($"{Rt}StateMemory.EnsureAvailable({Literals.String($"population '{spec.Type.Name}' ({spec.Size} neurons, {bytesPerNeuron} bytes each)")}, {bytesPerNeuron}L * Size);");
            foreach (var st in step.States) w.Line($"{st.Member} = new float[Size];");
            w.Line("LastSpikeStep = new int[Size];");
            w.Line("global::System.Array.Fill(LastSpikeStep, int.MinValue); // never fired: below step − RefractorySteps for every step ≥ 0, never refractory");
            foreach (var a in step.SynapseArrays) w.Line($"{a.Member} = new float[Size];");
            w.Line("__spikes = new int[Size];");
            foreach (var c in step.Constants) w.Line($"__{c.Name} = (float)({dbl.Format(c.Value)});");
            if (def.Refractory is not null) w.Line($"RefractorySteps = {Rt}Simulation.RefractorySteps({def.Refractory}, Dt);");
            EmitInitialState(w, spec, def, typeName);
            w.Line("// Compile the step kernels now (empty ranges: nothing changes), not inside the first timed step.");
            w.Line("__UpdateRange(0, 0, 0f, 0);");
            w.Line("__UpdateRangeX(0, 0, 0f, default, 0);");
            w.Line($"{Rt}Warmup.Compile(new global::System.Func<float, global::SpikeSharp.Spikes>(this.Update));");
        }
        w.Line();
        w.Line("/// <summary>Number of neurons (instance form, for <see cref=\"global::SpikeSharp.ISpikingNetwork\"/>-style code).</summary>");
        w.Line("public int Length => Size;");
        w.Line("/// <summary>Steps taken so far; the next <see cref=\"Update(float)\"/> is step <c>StepIndex</c>.</summary>");
        w.Line("public int StepIndex => __step;");
        w.Line("/// <summary>Time (ms) of the next step, <c>StepIndex · Dt</c>.</summary>");
        w.Line("public double Time => __step * Dt;");
        w.Line("/// <summary>The spikes of the last step (sorted neuron indices).</summary>");
        w.Line($"public {Rt}Spikes Spike => {Rt}Spikes.FromSortedUnchecked(new global::System.ReadOnlySpan<int>(__spikes, 0, __spikeCount), Size);");
        w.Line();

        EmitUpdate(w, plan, step, gc, typeName);

        Close(closers);
        return w.ToString();
    }

    static string Unit(string unit) => unit.Length == 0 ? "" : " (" + unit + ")";

    static string OneLine(string s) => s.Replace("\r", " ").Replace("\n", " ");

    static StateDef FindState(NeuronDef def, string name)
    {
        foreach (var s in def.States) if (s.Name == name) return s;
        return def.States[0];
    }

    /// <summary>The prelude's form: double arithmetic; a parameter stored as double is read by name, one stored as
    /// float (or not stored) by the double literal of its written value, so a derived constant is rounded once.</summary>
    static ExprFormatter DoubleFormatter(NeuronSpec n) => new(ExprFormatter.Mode.Double, name =>
    {
        var ps = n.Def.Params;
        for (int k = 0; k < ps.Count; k++)
            if (ps[k].Name == name) return ps[k].Storage == Storage.Double ? name : Literals.Double(n.Values[k]);
        return name;
    });

    /// <summary>Initial state, in the definition's order: a variable's initializer if it has one, else its initial
    /// value (a constant, or an expression of states before it, per neuron: Izhikevich's u₀ = b·V₀).</summary>
    static void EmitInitialState(IndentedWriter w, PopulationSpec spec, NeuronDef def, string typeName)
    {
        var scalar = new ExprFormatter(ExprFormatter.Mode.Scalar, static p => p) { OldValue = s => s + "[k]" };
        foreach (var st in def.States)
        {
            InitSpec? init = null;
            foreach (var i in spec.Inits) if (i.Variable == st.Name) init = i;
            init ??= st.DefaultInit; // BrainPy's random default (HH's V), as if written
            if (init is not null)
            {
                string id = "0x" + StreamId(init.Variable).ToString("X16", CultureInfo.InvariantCulture) + "UL";
                w.Line(init.Kind switch
                {
                    InitKind.Normal => $"{Rt}Initializers.Normal({init.Variable}, seed, {id}, {Literals.Double(init.A)}, {Literals.Double(init.B)}, {Literals.String(typeName + "." + init.Variable)}); // {init.Variable} ~ Normal({Literals.Short(init.A)}, {Literals.Short(init.B)})",
                    InitKind.Uniform => $"{Rt}Initializers.Uniform({init.Variable}, seed, {id}, {Literals.Double(init.A)}, {Literals.Double(init.B)}, {Literals.String(typeName + "." + init.Variable)}); // {init.Variable} ~ Uniform({Literals.Short(init.A)}, {Literals.Short(init.B)})",
                    _ => $"{Rt}Initializers.Constant({init.Variable}, {Literals.Double(init.A)});",
                });
                continue;
            }
            if (st.Initial is Num { Value: 0 } z && System.BitConverter.DoubleToInt64Bits(z.Value) == 0) continue; // arrays start at +0
            if (IrOps.IsConstant(st.Initial))
                w.Line($"global::System.Array.Fill({st.Name}, {scalar.Format(st.Initial)}); // BrainPy's initial {st.BrainPyName}");
            else
                w.Line($"for (int k = 0; k < Size; k++) {st.Name}[k] = {scalar.Format(st.Initial)}; // BrainPy's initial {st.BrainPyName}");
        }
    }

    /// <summary>The start of both Update overloads: the step index (refused at int.MaxValue, where the unsigned
    /// refractory compare stops being exact), the thread split, the spike count.</summary>
    static void EmitStepStart(IndentedWriter w, string typeName)
    {
        w.Line("int step = __step;");
        w.Line($"if (step == int.MaxValue) throw new global::System.InvalidOperationException($\"{typeName}.Update: the step counter reached int.MaxValue ({{step}} steps); refractoriness is exact only up to there.\");");
        w.Line($"int parts = {Rt}Parallelism.UpdateParts(Size, __threads);");
        w.Line("int count;");
    }

    static void EmitUpdate(IndentedWriter w, PopulationPlan plan, StepPlan step, string gc, string typeName)
    {
        w.Line("/// <summary>Advances every neuron one step with external current <paramref name=\"input\"/> and returns the spikes.");
        w.Line("/// One fused pass: decay of the merged buffers, outputs, integration, " + (step.RefractoryHold is not null ? "refractory hold, " : "") + "threshold, reset;");
        w.Line("/// vectorized, split over threads for large populations (<see cref=\"Threads\"/>). Allocates nothing.</summary>");
        w.Line(gc);
        using (w.Block($"public {Rt}Spikes Update(float input)"))
        {
            EmitStepStart(w, typeName);
            w.Line("if (parts <= 1) count = __UpdateRange(0, Size, input, step);");
            using (w.Block("else"))
            {
                w.Line("__input = input;");
                w.Line("__extLength = 0;");
                EmitThreadedRun(w);
            }
            EmitStepEnd(w, step);
        }
        w.Line();
        w.Line("/// <summary>Advances every neuron one step, as <see cref=\"Update(float)\"/>, with a per-neuron external input on top of");
        w.Line("/// <paramref name=\"input\"/>: neuron <c>offset + k</c> gets <c>input + current[k]</c> for k in [0, current.Length), every other");
        w.Line("/// neuron <paramref name=\"input\"/> alone. The sum is the external current <c>x</c> of brainpy-semantics.md §2.1, to which the");
        w.Line("/// synaptic outputs are then added; so <c>Update(a, [b, b, …])</c> gives the same bits as <c>Update(a + b)</c>, and a constant");
        w.Line("/// bias is the same span passed every step (BrainPy <c>inputs=[('N.input', bias)]</c>). The span is read during the call only.");
        w.Line("/// Allocates nothing (a large, multi-threaded population copies the span once into a buffer allocated on the first such call).</summary>");
        w.Line("/// <param name=\"input\">External current of every neuron.</param>");
        w.Line("/// <param name=\"current\">Extra current of neurons <c>offset</c> … <c>offset + current.Length − 1</c>.</param>");
        w.Line("/// <param name=\"offset\">First neuron <paramref name=\"current\"/> applies to; <c>offset + current.Length</c> must be at most <see cref=\"Size\"/>.</param>");
        w.Line(gc);
        using (w.Block($"public {Rt}Spikes Update(float input, global::System.ReadOnlySpan<float> current, int offset = 0)"))
        {
            w.Line($"if ((uint)offset > (uint)Size) throw new global::System.ArgumentOutOfRangeException(\"offset\", offset, $\"{typeName}.Update: offset is {{offset}}; it must be in [0, {{Size}}] (the population has {{Size}} neurons).\");");
            w.Line($"if (current.Length > Size - offset) throw new global::System.ArgumentOutOfRangeException(\"current\", current.Length, $\"{typeName}.Update: current.Length is {{current.Length}} at offset {{offset}}, so it would reach neuron {{(long)offset + current.Length - 1}}; the population has neurons [0, {{Size}}) (at most {{Size - offset}} values at this offset).\");");
            EmitStepStart(w, typeName);
            w.Line("if (parts <= 1) count = __UpdateRangeExt(0, Size, input, current, offset, step);");
            using (w.Block("else"))
            {
                w.Line("// The worker threads cannot see a span: copy it (one pass over the slice) into a buffer they read.");
                w.Line("float[] ext = __ext ??= new float[Size];");
                w.Line("current.CopyTo(new global::System.Span<float>(ext, offset, current.Length));");
                w.Line("__input = input;");
                w.Line("__extLo = offset;");
                w.Line("__extLength = current.Length;");
                EmitThreadedRun(w);
                w.Line("__extLength = 0;");
            }
            EmitStepEnd(w, step);
        }
        w.Line();
        w.Line(gc);
        using (w.Block($"void {Rt}IParallelWork.Execute(int part, int parts)"))
        {
            w.Line($"int lo = {Rt}Parallelism.ChunkStart(Size, part, parts), hi = {Rt}Parallelism.ChunkStart(Size, part + 1, parts);");
            w.Line("__partCounts[part] = __extLength == 0");
            w.Line("    ? __UpdateRange(lo, hi, __input, __step)");
            w.Line("    : __UpdateRangeExt(lo, hi, __input, new global::System.ReadOnlySpan<float>(__ext, __extLo, __extLength), __extLo, __step);");
            // Each part flushes the range it just updated (in parallel, while its lines are still near), not the forking
            // thread the whole arrays after the join: the same values become 0 (the flush is per element).
            EmitFlush(w, step, "", "__step", "", m => $"new global::System.Span<float>({m}, lo, hi - lo)");
        }
        w.Line();
        w.Line("/// <summary>The step of neurons [lo, hi) with <c>ext[k]</c> added to the input of neuron <c>extLo + k</c>: the part of [lo, hi)");
        w.Line("/// outside the slice takes the scalar loop, the part inside the per-neuron one; spikes compacted, sorted, at __spikes[lo..].</summary>");
        w.Line(gc);
        using (w.Block("int __UpdateRangeExt(int lo, int hi, float input, global::System.ReadOnlySpan<float> ext, int extLo, int step)"))
        {
            w.Line("int a = global::System.Math.Clamp(extLo, lo, hi), b = global::System.Math.Clamp(extLo + ext.Length, lo, hi);");
            w.Line("int count = a > lo ? __UpdateRange(lo, a, input, step) : 0;");
            using (w.Block("if (b > a)"))
            {
                w.Line("int n = __UpdateRangeX(a, b, input, ext.Slice(a - extLo, b - a), step);");
                w.Line("if (a != lo + count) global::System.Array.Copy(__spikes, a, __spikes, lo + count, n);");
                w.Line("count += n;");
            }
            using (w.Block("if (hi > b)"))
            {
                w.Line("int n = __UpdateRange(b, hi, input, step);");
                w.Line("if (b != lo + count) global::System.Array.Copy(__spikes, b, __spikes, lo + count, n);");
                w.Line("count += n;");
            }
            w.Line("return count;");
        }
        w.Line();
        EmitRange(w, step, gc, withExt: false);
        w.Line();
        EmitRange(w, step, gc, withExt: true);
    }

    static void EmitThreadedRun(IndentedWriter w)
    {
        w.Line($"{Rt}Parallelism.Run(this, parts);");
        w.Line("// Chunks are contiguous and each wrote its sorted spikes at its own start: close the gaps.");
        w.Line("count = __partCounts[0];");
        using (w.Block("for (int k = 1; k < parts; k++)"))
        {
            w.Line($"int lo = {Rt}Parallelism.ChunkStart(Size, k, parts), n = __partCounts[k];");
            w.Line("if (lo != count) global::System.Array.Copy(__spikes, lo, __spikes, count, n);");
            w.Line("count += n;");
        }
    }

    /// <summary>The merged synapse arrays whose step decays them: flushed of tiny values every <c>TinyFlush.Period</c> steps.</summary>
    static System.Collections.Generic.List<PlanArray> Decaying(StepPlan step)
    {
        var decaying = new System.Collections.Generic.List<PlanArray>();
        foreach (var a in step.SynapseArrays) if (a.Group != -1 && a.Decays) decaying.Add(a);
        return decaying;
    }

    /// <summary>Every <c>TinyFlush.Period</c>th step, the flush of each decaying merged array (<paramref name="target"/>: the
    /// span flushed, from the array's name).</summary>
    static void EmitFlush(IndentedWriter w, StepPlan step, string guard, string stepExpr, string note, System.Func<string, string> target)
    {
        var decaying = Decaying(step);
        if (decaying.Count == 0) return;
        w.Line($"if ({guard}{Rt}TinyFlush.Due({stepExpr})) // every 64th step: keep silent synapses out of the subnormal range (|g| < 1e-20 becomes 0){note}");
        w.Line("{");
        foreach (var a in decaying) w.Line($"    {Rt}TinyFlush.Flush({target(a.Member)});");
        w.Line("}");
    }

    static void EmitStepEnd(IndentedWriter w, StepPlan step)
    {
        EmitFlush(w, step, "parts <= 1 && ", "step", "; threaded, each part flushed its own range", m => m);
        w.Line("__spikeCount = count;");
        w.Line("__step = step + 1;");
        w.Line($"return {Rt}Spikes.FromSortedUnchecked(new global::System.ReadOnlySpan<int>(__spikes, 0, count), Size); // sorted by construction");
    }

    const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
    const string X86 = "global::System.Runtime.Intrinsics.X86.";
    const string Marshal = "global::System.Runtime.InteropServices.MemoryMarshal";

    /// <summary>The fused loop over [lo, hi). <paramref name="withExt"/>: the per-neuron form, whose external current is
    /// <c>input + ext[i − lo]</c> (one float addition, the same as a scalar input <c>input + b</c> computed by the caller).</summary>
    static void EmitRange(IndentedWriter w, StepPlan step, string gc, bool withExt)
    {
        if (withExt)
            w.Line("/// <summary>As __UpdateRange, with <c>ext[i − lo]</c> added to the input of neuron i (ext covers exactly [lo, hi)).</summary>");
        else
            w.Line("/// <summary>The fused step of neurons [lo, hi): writes their spikes, sorted, to __spikes[lo..] and returns how many.</summary>");
        w.Line(gc);
        w.Line("// Fully optimised from the first call: the step loop never runs as tier-0 code, whatever the user's project settings.");
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]");
        using (w.Block(withExt
            ? "int __UpdateRangeX(int lo, int hi, float input, global::System.ReadOnlySpan<float> ext, int step)"
            : "int __UpdateRange(int lo, int hi, float input, int step)"))
        {
            foreach (var c in UsedConstants(step)) w.Line($"float {c} = __{c};");
            // Held while (step − last spike) ≤ refractory steps, i.e. last ≥ step − refSteps (no overflow: step ≥ 0, refSteps ≥ 0;
            // never fired is int.MinValue, below every bound; a last spike after step holds, as BrainPy's t − t_last ≤ τ_ref).
            if (step.RefractoryHold is not null) w.Line("int holdFrom = step - RefractorySteps;");
            foreach (var a in AllArrays(step))
                w.Line($"ref float r{a.Member} = ref {Marshal}.GetArrayDataReference({a.Member});");
            w.Line($"ref int rLast = ref {Marshal}.GetArrayDataReference(LastSpikeStep);");
            w.Line($"ref int rSpikes = ref {Marshal}.GetArrayDataReference(__spikes);");
            foreach (var a in AllArrays(step))
                w.Line($"if ((uint)lo > (uint)hi || (uint)hi > (uint){a.Member}.Length) throw new global::System.ArgumentOutOfRangeException(\"hi\");");
            if (withExt)
            {
                w.Line("if (ext.Length != hi - lo) throw new global::System.ArgumentOutOfRangeException(\"ext\");");
                w.Line($"ref float rExt = ref {Marshal}.GetReference(ext); // ext[0] is neuron lo");
            }
            w.Line("int count = lo;");
            w.Line("int i = lo;");
            w.Line("// Vector and scalar paths do the same float operations in the same order (no FMA contraction): same bits.");
            using (w.Block("if (UseSimd && global::System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)"))
                EmitVectorLoop(w, step, "Vector512", 16, withExt);
            using (w.Block("else if (UseSimd && global::System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)"))
                EmitVectorLoop(w, step, "Vector256", 8, withExt);
            using (w.Block("for (; i < hi; i++)"))
                EmitScalarBody(w, step, withExt);
            w.Line("return count - lo;");
        }
    }

    static System.Collections.Generic.IEnumerable<PlanArray> AllArrays(StepPlan step)
    {
        foreach (var a in step.States) yield return a;
        foreach (var a in step.SynapseArrays) yield return a;
    }

    /// <summary>The hoisted constants the body reads (as locals of the same name), in the order the prelude declares them.</summary>
    static System.Collections.Generic.List<string> UsedConstants(StepPlan step)
    {
        var used = UsedNames(step, static n => n is Derived d ? d.Name : null);
        var ordered = new System.Collections.Generic.List<string>();
        foreach (var c in step.Constants) if (used.Contains(c.Name)) ordered.Add(c.Name);
        return ordered;
    }

    /// <summary>The parameters the body reads (broadcast once before the vector loop).</summary>
    static System.Collections.Generic.List<string> UsedParams(StepPlan step) => UsedNames(step, static n => n is Param p ? p.Name : null);

    /// <summary>The distinct names <paramref name="name"/> picks out of every expression of the body, spike and resets, in first-use order.</summary>
    static System.Collections.Generic.List<string> UsedNames(StepPlan step, System.Func<Expr, string?> name)
    {
        var used = new System.Collections.Generic.List<string>();
        void Scan(Expr e)
        {
            foreach (var n in IrOps.Nodes(e))
                if (name(n) is { } s && !used.Contains(s)) used.Add(s);
        }
        foreach (var s in step.Body) if (s is Let l) Scan(l.Value);
        Scan(step.Spike);
        foreach (var r in step.Resets) Scan(r.Value);
        return used;
    }

    /// <summary>The arrays whose old value <paramref name="e"/> reads and that are not loaded yet (every remaining one when
    /// <paramref name="e"/> is null), in declaration order; marks them loaded. Each array is loaded just before its first
    /// use, as the hand-written seed kernel did (a merged buffer is read, decayed and stored before V is read).</summary>
    static System.Collections.Generic.List<PlanArray> LoadsFor(StepPlan step, Expr? e, System.Collections.Generic.HashSet<string> loaded)
    {
        var reads = new System.Collections.Generic.HashSet<string>();
        if (e is not null)
            foreach (var n in IrOps.Nodes(e))
                if (n is Var v) reads.Add(v.Name);
        var result = new System.Collections.Generic.List<PlanArray>();
        foreach (var a in AllArrays(step))
            if ((e is null || reads.Contains(a.Name)) && loaded.Add(a.Name)) result.Add(a);
        return result;
    }

    /// <summary>Whether a reset reads the integrated value of a state that an earlier reset already overwrote (then the
    /// scalar path computes every reset value first).</summary>
    static bool ResetsInterfere(StepPlan step)
    {
        var written = new System.Collections.Generic.HashSet<string>();
        foreach (var r in step.Resets)
        {
            foreach (var n in IrOps.Nodes(r.Value))
                if (n is Next x && written.Contains(x.Name)) return true;
            written.Add(r.State);
        }
        return false;
    }

    static void EmitScalarBody(IndentedWriter w, StepPlan step, bool withExt)
    {
        var f = new ExprFormatter(ExprFormatter.Mode.Scalar, static p => p,
            input: _ => withExt ? $"input + {Unsafe}.Add(ref rExt, i - lo)" : "input");
        var loaded = new System.Collections.Generic.HashSet<string>();
        void Load(Expr? e)
        {
            foreach (var a in LoadsFor(step, e, loaded)) w.Line($"float {StepLowering.OldLocal(a.Name)} = {Unsafe}.Add(ref r{a.Member}, i);");
        }
        foreach (var s in step.Body)
        {
            switch (s)
            {
                case Let l:
                    Load(l.Value);
                    w.Line($"float {l.Name} = {f.Format(l.Value)};" + (l.Comment is null ? "" : " // " + l.Comment));
                    break;
                case Store st:
                    w.Line($"{Unsafe}.Add(ref r{st.Array}, i) = {StepLowering.NextLocal(st.Array)};");
                    break;
            }
        }
        Load(null); // the rest: the hold, the spike and the resets may read old values
        w.Line($"ref int lastI = ref {Unsafe}.Add(ref rLast, i);");
        if (step.RefractoryHold is { } held)
            w.Line($"if (lastI >= holdFrom) {StepLowering.NextLocal(held)} = {StepLowering.OldLocal(held)}; // refractory: hold {held}");
        using (w.Block($"if ({f.Format(step.Spike)})"))
        {
            if (ResetsInterfere(step))
            {
                foreach (var r in step.Resets) w.Line($"float {r.State}Reset = {f.Format(r.Value)};");
                foreach (var r in step.Resets) w.Line($"{StepLowering.NextLocal(r.State)} = {r.State}Reset;");
            }
            else
                foreach (var r in step.Resets) w.Line($"{StepLowering.NextLocal(r.State)} = {f.Format(r.Value)};");
            w.Line("lastI = step;");
            w.Line($"{Unsafe}.Add(ref rSpikes, count++) = i;");
        }
        foreach (var a in step.States)
            w.Line($"{Unsafe}.Add(ref r{a.Member}, i) = {StepLowering.NextLocal(a.Name)};");
    }

    /// <summary>The vector body: the scalar step's operations lane-wise; refractoriness and threshold as compare
    /// masks; resets as selects on the spike mask; spiking lanes compacted into the index list from the mask's bits.
    /// A small body (no function calls) runs <see cref="Unroll"/> vectors per iteration: one loop test and one spike test
    /// per 64 (Vector512) or 32 (Vector256) neurons instead of per vector; the rest one vector at a time. Every lane does
    /// the same operations either way.</summary>
    static void EmitVectorLoop(IndentedWriter w, StepPlan step, string vec, int width, bool withExt)
    {
        string V = "global::System.Runtime.Intrinsics." + vec;
        // Explicit types, never 'var': a user type named 'var' in scope would take its place (CS0029).
        string F = V + "<float>", I = V + "<int>";
        var numbers = new System.Collections.Generic.Dictionary<double, string>();
        var f = new ExprFormatter(ExprFormatter.Mode.Vector, static p => p, V, numbers,
            input: _ => withExt ? $"xInput + {V}.LoadUnsafe(ref rExt, at - (global::System.UIntPtr)lo)" : "xInput");
        // Format the loop first (it names the numbers it meets), then write the broadcasts before it.
        var loop = new IndentedWriter();
        if (SmallBody(step))
        {
            using (loop.Block($"for (; i <= hi - {Unroll * width}; i += {Unroll * width})"))
            {
                loop.Line("global::System.UIntPtr i0 = (global::System.UIntPtr)i; // not 'nuint', which a user type of that name would replace");
                loop.Line("ulong bits;");
                for (int q = 0; q < Unroll; q++)
                {
                    loop.Line("{"); // each vector's locals in a block of their own
                    loop.Indent();
                    EmitVectorBody(loop, step, f, V, F, I, q == 0 ? "i0" : $"i0 + {q * width}",
                        q == 0 ? "bits = " : "bits |= ", q == 0 ? "" : $" << {q * width}");
                    loop.Outdent();
                    loop.Line("}");
                }
                EmitSpikeBits(loop);
            }
        }
        using (loop.Block($"for (; i <= hi - {width}; i += {width})"))
        {
            EmitVectorBody(loop, step, f, V, F, I, "(global::System.UIntPtr)i", "ulong bits = ", "");
            EmitSpikeBits(loop);
        }
        foreach (var c in UsedConstants(step)) w.Line($"{F} x{c} = {V}.Create({c});");
        w.Line($"{F} xInput = {V}.Create(input);");
        foreach (var p in UsedParams(step)) w.Line($"{F} x{p} = {V}.Create({p});");
        foreach (var kv in numbers) w.Line($"{F} {kv.Value} = {V}.Create({Literals.Float(kv.Key)}); // {Literals.Short(kv.Key)}");
        if (step.RefractoryHold is not null)
        {
            w.Line($"{I} xHeldAfter = {V}.Create(holdFrom - 1); // no overflow: holdFrom = step − RefractorySteps ≥ −int.MaxValue");
        }
        w.Append(loop);
    }

    /// <summary>Vectors per iteration of the unrolled vector loop.</summary>
    const int Unroll = 4;

    /// <summary>Whether the vector body is small enough to unroll: no function (exp, log, pow, …) and at most 160 nodes.</summary>
    static bool SmallBody(StepPlan step)
    {
        int nodes = 0;
        bool Small(Expr e)
        {
            foreach (var n in IrOps.Nodes(e))
            {
                if (n is Un u && u.Op != UnOp.Neg) return false;
                if (n is Bin b && b.Op is BinOp.Pow) return false;
                if (++nodes > 160) return false;
            }
            return true;
        }
        foreach (var s in step.Body) if (s is Let l && !Small(l.Value)) return false;
        if (!Small(step.Spike)) return false;
        foreach (var r in step.Resets) if (!Small(r.Value)) return false;
        return true;
    }

    /// <summary>One vector of the body at neuron <paramref name="at"/> (a <c>UIntPtr</c> expression; locals scoped to the
    /// enclosing block), ending with <c>{bits}{spike bits}{shift}</c>.</summary>
    static void EmitVectorBody(IndentedWriter loop, StepPlan step, ExprFormatter f, string V, string F, string I, string at, string bits, string shift)
    {
        loop.Line($"global::System.UIntPtr at = {at}; // not 'nuint', which a user type of that name would replace");
        var loaded = new System.Collections.Generic.HashSet<string>();
        void Load(Expr? e)
        {
            foreach (var a in LoadsFor(step, e, loaded)) loop.Line($"{F} {StepLowering.OldLocal(a.Name)} = {V}.LoadUnsafe(ref r{a.Member}, at);");
        }
        foreach (var s in step.Body)
        {
            switch (s)
            {
                case Let l:
                    Load(l.Value);
                    loop.Line($"{F} {l.Name} = {f.Format(l.Value)};");
                    break;
                case Store st:
                    loop.Line($"{V}.StoreUnsafe({StepLowering.NextLocal(st.Array)}, ref r{st.Array}, at);");
                    break;
            }
        }
        Load(null);
        if (step.RefractoryHold is { } held)
        {
            // last ≥ holdFrom as last > holdFrom − 1: one compare on AVX2 too (vpcmpgtd; '≤' there is a min and an equality).
            loop.Line($"{StepLowering.NextLocal(held)} = {V}.ConditionalSelect({V}.AsSingle({V}.GreaterThan({V}.LoadUnsafe(ref rLast, at), xHeldAfter)), {StepLowering.OldLocal(held)}, {StepLowering.NextLocal(held)}); // refractory: hold {held}");
        }
        bool wide = V.EndsWith("Vector512", System.StringComparison.Ordinal); // mask registers (AVX-512)
        loop.Line($"{F} fire = {f.Format(step.Spike)};");
        foreach (var a in step.States)
        {
            Reset? reset = null;
            foreach (var r in step.Resets) if (r.State == a.Name) reset = r;
            string next = StepLowering.NextLocal(a.Name), resetValue = reset is null ? "" : f.Format(reset.Value);
            string value = reset is null ? next
                : wide ? $"{V}.ConditionalSelect(fire, {resetValue}, {next})"
                // 'fire' has two uses here (this select and the spike bits), so the JIT no longer sees a compare inside
                // ConditionalSelect and writes and/andnot/or; the blend takes the same lanes (a compare's lanes are all
                // ones or all zeros) in one instruction. Vector256 is accelerated only where AVX2 is.
                : $"({X86}Avx.IsSupported ? {X86}Avx.BlendVariable({next}, {resetValue}, fire) : {V}.ConditionalSelect(fire, {resetValue}, {next}))";
            loop.Line($"{V}.StoreUnsafe({value}, ref r{a.Member}, at);");
        }
        // Vector512: the spike bits from the mirrored compare (the same lanes), so 'fire' keeps one use and stays in a mask
        // register. Vector256 has no mask registers: 'fire' is a vector there and its sign bits are the spike bits.
        string spikeMask = wide ? f.FormatMirrored(step.Spike) : "fire";
        loop.Line($"{bits}{V}.ExtractMostSignificantBits({spikeMask}){shift};");
    }

    /// <summary>The spiking lanes of <c>bits</c> (bit k: neuron i + k) appended to the index list, their last spike step set.</summary>
    static void EmitSpikeBits(IndentedWriter loop)
    {
        using (loop.Block("while (bits != 0)"))
        {
            loop.Line("int spiking = i + global::System.Numerics.BitOperations.TrailingZeroCount(bits);");
            loop.Line($"{Unsafe}.Add(ref rSpikes, count++) = spiking;");
            loop.Line($"{Unsafe}.Add(ref rLast, spiking) = step;");
            loop.Line("bits &= bits - 1;");
        }
    }
}
