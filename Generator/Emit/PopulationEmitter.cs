using System.Globalization;
using SpikeSharp.Generator.Helpers;
using SpikeSharp.Generator.Model;
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
internal static class PopulationEmitter
{
    public static string Emit(PopulationPlan plan)
    {
        var spec = plan.Spec;
        var n = spec.Neuron;
        bool isRef = n.Kind == NeuronKind.LifRef;
        var w = new IndentedWriter();
        string modelName = isRef ? "LifRef" : "Lif";
        var closers = Open(w, spec.Type,
            $"Population of {spec.Size} {modelName} neurons with {plan.Groups.Length} merged synapse buffer(s).", Rt + "IParallelWork");
        string gc = GeneratedCode(plan.GeneratorVersion);

        w.Line("/// <summary>Number of neurons.</summary>");
        w.Line($"public const int Size = {spec.Size};");
        w.Line($"/// <summary>{modelName} parameter V_rest (mV).</summary>");
        w.Line($"public const float VRest = {Literals.Float(n.VRest)};");
        w.Line($"/// <summary>{modelName} parameter V_reset (mV).</summary>");
        w.Line($"public const float VReset = {Literals.Float(n.VReset)};");
        w.Line($"/// <summary>{modelName} parameter V_th (mV).</summary>");
        w.Line($"public const float VTh = {Literals.Float(n.VTh)};");
        w.Line($"/// <summary>{modelName} parameter R.</summary>");
        w.Line($"public const float R = {Literals.Float(n.R)};");
        w.Line($"/// <summary>{modelName} parameter tau (ms).</summary>");
        w.Line($"public const double Tau = {Literals.Double(n.Tau)};");
        if (isRef)
        {
            w.Line($"/// <summary>{modelName} parameter tau_ref (ms).</summary>");
            w.Line($"public const double TauRef = {Literals.Double(n.TauRef)};");
        }
        w.Line();
        w.Line("/// <summary>Membrane potential (mV), one entry per neuron.</summary>");
        w.Line("public readonly float[] V;");
        w.Line("/// <summary>Step index of each neuron's last spike (int.MinValue if it never fired).</summary>");
        w.Line("public readonly int[] LastSpikeStep;");
        foreach (var g in plan.Groups)
        {
            w.Line($"/// <summary>Merged synapse buffer {g.Index} (conductance g, one entry per neuron). Merge key: {Xml(g.Key.Text)}; fed by {Xml(string.Join(", ", g.Projections))}.</summary>");
            w.Line($"// merge key: {g.Key.Text} <- {string.Join(", ", g.Projections)}");
            w.Line($"public readonly float[] G{g.Index};");
        }
        w.Line();
        w.Line("/// <summary>Time step (ms) this instance was built with.</summary>");
        w.Line("public readonly double Dt;");
        if (isRef)
        {
            w.Line("/// <summary>Steps a neuron is held after a spike: the count of k ≥ 1 with k·dt ≤ TauRef.</summary>");
            w.Line("public readonly int RefractorySteps;");
        }
        w.Line("readonly float __c; // 1 - exp(-dt/Tau), the exponential-Euler coefficient");
        foreach (var g in plan.Groups)
            w.Line($"readonly float __d{g.Index}; // exp(-dt/{Literals.Short(g.Key.Syn.Tau)}), decay of G{g.Index}");
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
            int bytesPerNeuron = 4 * (3 + plan.Groups.Length); // V, LastSpikeStep, the spike list, one buffer per merge group
            w.Line($"{Rt}StateMemory.EnsureAvailable({Literals.String($"population '{spec.Type.Name}' ({spec.Size} neurons, {bytesPerNeuron} bytes each)")}, {bytesPerNeuron}L * Size);");
            w.Line("V = new float[Size];");
            w.Line("LastSpikeStep = new int[Size];");
            w.Line("global::System.Array.Fill(LastSpikeStep, int.MinValue); // never fired: step − int.MinValue ≥ 2³¹ as uint, never refractory");
            foreach (var g in plan.Groups)
            {
                w.Line($"G{g.Index} = new float[Size];");
                w.Line($"__d{g.Index} = {Rt}Simulation.Decay({Literals.Double(g.Key.Syn.Tau)}, Dt);");
            }
            w.Line("__spikes = new int[Size];");
            w.Line($"__c = {Rt}Simulation.ExpEulerCoefficient(Tau, Dt);");
            if (isRef) w.Line($"RefractorySteps = {Rt}Simulation.RefractorySteps(TauRef, Dt);");
            foreach (var init in spec.Inits)
            {
                string id = "0x" + StreamId(init.Variable).ToString("X16", CultureInfo.InvariantCulture) + "UL";
                w.Line(init.Kind switch
                {
                    InitKind.Normal => $"{Rt}Initializers.Normal({init.Variable}, seed, {id}, {Literals.Double(init.A)}, {Literals.Double(init.B)}, {Literals.String(typeName + "." + init.Variable)}); // {init.Variable} ~ Normal({Literals.Short(init.A)}, {Literals.Short(init.B)})",
                    InitKind.Uniform => $"{Rt}Initializers.Uniform({init.Variable}, seed, {id}, {Literals.Double(init.A)}, {Literals.Double(init.B)}, {Literals.String(typeName + "." + init.Variable)}); // {init.Variable} ~ Uniform({Literals.Short(init.A)}, {Literals.Short(init.B)})",
                    _ => $"{Rt}Initializers.Constant({init.Variable}, {Literals.Double(init.A)});",
                });
            }
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

        EmitUpdate(w, plan, isRef, gc, typeName);

        Close(closers);
        return w.ToString();
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

    static void EmitUpdate(IndentedWriter w, PopulationPlan plan, bool isRef, string gc, string typeName)
    {
        w.Line("/// <summary>Advances every neuron one step with external current <paramref name=\"input\"/> and returns the spikes.");
        w.Line("/// One fused pass: decay of the merged buffers, outputs, exponential Euler, " + (isRef ? "refractory hold, " : "") + "threshold, reset;");
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
            EmitStepEnd(w);
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
            EmitStepEnd(w);
        }
        w.Line();
        w.Line(gc);
        using (w.Block($"void {Rt}IParallelWork.Execute(int part, int parts)"))
        {
            w.Line($"int lo = {Rt}Parallelism.ChunkStart(Size, part, parts), hi = {Rt}Parallelism.ChunkStart(Size, part + 1, parts);");
            w.Line("__partCounts[part] = __extLength == 0");
            w.Line("    ? __UpdateRange(lo, hi, __input, __step)");
            w.Line("    : __UpdateRangeExt(lo, hi, __input, new global::System.ReadOnlySpan<float>(__ext, __extLo, __extLength), __extLo, __step);");
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
        EmitRange(w, plan, isRef, gc, withExt: false);
        w.Line();
        EmitRange(w, plan, isRef, gc, withExt: true);
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

    static void EmitStepEnd(IndentedWriter w)
    {
        w.Line("__spikeCount = count;");
        w.Line("__step = step + 1;");
        w.Line($"return {Rt}Spikes.FromSortedUnchecked(new global::System.ReadOnlySpan<int>(__spikes, 0, count), Size); // sorted by construction");
    }

    /// <summary>The fused loop over [lo, hi). <paramref name="withExt"/>: the per-neuron form, whose external current is
    /// <c>input + ext[i − lo]</c> (one float addition, the same as a scalar input <c>input + b</c> computed by the caller).</summary>
    static void EmitRange(IndentedWriter w, PopulationPlan plan, bool isRef, string gc, bool withExt)
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
            w.Line("float c = __c;");
            if (isRef) w.Line("int refSteps = RefractorySteps;");
            w.Line("ref float rv = ref global::System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(V);");
            w.Line("ref int rlast = ref global::System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(LastSpikeStep);");
            foreach (var g in plan.Groups)
            {
                w.Line($"ref float rg{g.Index} = ref global::System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(G{g.Index});");
                w.Line($"float d{g.Index} = __d{g.Index};");
            }
            w.Line("ref int rs = ref global::System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(__spikes);");
            w.Line("if ((uint)lo > (uint)hi || (uint)hi > (uint)V.Length) throw new global::System.ArgumentOutOfRangeException(\"hi\");");
            if (withExt)
            {
                w.Line("if (ext.Length != hi - lo) throw new global::System.ArgumentOutOfRangeException(\"ext\");");
                w.Line("ref float rext = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(ext); // ext[0] is neuron lo");
            }
            w.Line("int count = lo;");
            w.Line("int i = lo;");
            w.Line("// Vector and scalar paths do the same float operations in the same order (no FMA contraction): same bits.");
            using (w.Block("if (UseSimd && global::System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)"))
                EmitVectorLoop(w, plan, isRef, "Vector512", 16, withExt);
            using (w.Block("else if (UseSimd && global::System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)"))
                EmitVectorLoop(w, plan, isRef, "Vector256", 8, withExt);
            using (w.Block("for (; i < hi; i++)"))
            {
                w.Line("float vOld = global::System.Runtime.CompilerServices.Unsafe.Add(ref rv, i);");
                w.Line(withExt
                    ? "float current = input + global::System.Runtime.CompilerServices.Unsafe.Add(ref rext, i - lo); // external current x first (brainpy-semantics.md §2.5)"
                    : "float current = input;");
                foreach (var g in plan.Groups)
                {
                    w.Line($"ref float gr{g.Index} = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref rg{g.Index}, i);");
                    w.Line($"float gi{g.Index} = gr{g.Index} * d{g.Index};");
                    w.Line($"gr{g.Index} = gi{g.Index};");
                    w.Line(g.Key.Out.Kind == OutKind.Coba
                        ? $"current += gi{g.Index} * ({Literals.Float(g.Key.Out.E)} - vOld); // {g.Key.Text}"
                        : $"current += gi{g.Index}; // {g.Key.Text}");
                }
                w.Line("float vNew = vOld + c * (VRest + R * current - vOld);");
                w.Line("ref int lastI = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref rlast, i);");
                if (isRef) w.Line("if (unchecked((uint)(step - lastI)) <= (uint)refSteps) vNew = vOld; // refractory: hold V (unsigned: exact for every step ≤ int.MaxValue)");
                using (w.Block("if (vNew >= VTh)"))
                {
                    w.Line("vNew = VReset;");
                    w.Line("lastI = step;");
                    w.Line("global::System.Runtime.CompilerServices.Unsafe.Add(ref rs, count++) = i;");
                }
                w.Line("global::System.Runtime.CompilerServices.Unsafe.Add(ref rv, i) = vNew;");
            }
            w.Line("return count - lo;");
        }
    }

    /// <summary>The vector body: the scalar step's operations lane-wise; refractoriness and threshold as compare
    /// masks; spiking lanes compacted into the index list from the mask's bits.</summary>
    static void EmitVectorLoop(IndentedWriter w, PopulationPlan plan, bool isRef, string vec, int width, bool withExt)
    {
        string V = "global::System.Runtime.Intrinsics." + vec;
        // Explicit types, never 'var': a user type named 'var' in scope would take its place (CS0029).
        string F = V + "<float>", I = V + "<int>", U = V + "<uint>";
        w.Line($"{F} xc = {V}.Create(c);");
        w.Line($"{F} xInput = {V}.Create(input);");
        w.Line($"{F} xVRest = {V}.Create(VRest);");
        w.Line($"{F} xR = {V}.Create(R);");
        w.Line($"{F} xVTh = {V}.Create(VTh);");
        w.Line($"{F} xVReset = {V}.Create(VReset);");
        w.Line($"{I} xStep = {V}.Create(step);");
        if (isRef) w.Line($"{U} xRef = {V}.Create((uint)refSteps);");
        foreach (var g in plan.Groups)
        {
            w.Line($"{F} xd{g.Index} = {V}.Create(d{g.Index});");
            if (g.Key.Out.Kind == OutKind.Coba) w.Line($"{F} xE{g.Index} = {V}.Create({Literals.Float(g.Key.Out.E)});");
        }
        using (w.Block($"for (; i <= hi - {width}; i += {width})"))
        {
            w.Line("global::System.UIntPtr at = (global::System.UIntPtr)i; // not 'nuint', which a user type of that name would replace");
            w.Line($"{F} vOld = {V}.LoadUnsafe(ref rv, at);");
            w.Line(withExt
                ? $"{F} current = xInput + {V}.LoadUnsafe(ref rext, (global::System.UIntPtr)(i - lo));"
                : $"{F} current = xInput;");
            foreach (var g in plan.Groups)
            {
                w.Line($"{F} gi{g.Index} = {V}.LoadUnsafe(ref rg{g.Index}, at) * xd{g.Index};");
                w.Line($"{V}.StoreUnsafe(gi{g.Index}, ref rg{g.Index}, at);");
                w.Line(g.Key.Out.Kind == OutKind.Coba
                    ? $"current += gi{g.Index} * (xE{g.Index} - vOld);"
                    : $"current += gi{g.Index};");
            }
            w.Line($"{F} vNew = vOld + xc * (xVRest + xR * current - vOld);");
            w.Line($"{I} lastI = {V}.LoadUnsafe(ref rlast, at);");
            if (isRef) w.Line($"vNew = {V}.ConditionalSelect({V}.AsSingle({V}.LessThanOrEqual({V}.AsUInt32(xStep - lastI), xRef)), vOld, vNew); // refractory: hold V");
            w.Line($"{F} fire = {V}.GreaterThanOrEqual(vNew, xVTh);");
            w.Line($"{V}.StoreUnsafe({V}.ConditionalSelect(fire, xVReset, vNew), ref rv, at);");
            w.Line($"ulong bits = {V}.ExtractMostSignificantBits(fire);");
            using (w.Block("if (bits != 0)"))
            {
                w.Line($"{V}.StoreUnsafe({V}.ConditionalSelect({V}.AsInt32(fire), xStep, lastI), ref rlast, at);");
                using (w.Block("do"))
                {
                    w.Line("global::System.Runtime.CompilerServices.Unsafe.Add(ref rs, count++) = i + global::System.Numerics.BitOperations.TrailingZeroCount(bits);");
                    w.Line("bits &= bits - 1;");
                }
                w.Line("while (bits != 0);");
            }
        }
    }

    static string Xml(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
