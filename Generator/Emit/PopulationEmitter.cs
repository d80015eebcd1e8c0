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
            $"Population of {spec.Size} {modelName} neurons with {plan.Groups.Length} merged synapse buffer(s).");
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
        w.Line("/// <summary>Step index of each neuron's last spike (int.MinValue / 2 if it never fired).</summary>");
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
        w.Line("int __spikeCount;");
        w.Line("int __step;");
        w.Line();

        string typeName = spec.Type.Name;
        w.Line($"/// <summary>Creates the population, applying its initializers with <paramref name=\"seed\"/>.</summary>");
        w.Line("/// <param name=\"seed\">Seed of the initial state.</param>");
        w.Line($"/// <param name=\"dt\">Time step in ms; <see cref=\"{Rt}Simulation.Dt\"/> when null (0.1 ms by default, like BrainPy).</param>");
        w.Line(gc);
        using (w.Block($"public {typeName}(ulong seed = 0, double? dt = null)"))
        {
            w.Line($"Dt = {Rt}Simulation.ResolveDt(dt);");
            w.Line("V = new float[Size];");
            w.Line("LastSpikeStep = new int[Size];");
            w.Line("global::System.Array.Fill(LastSpikeStep, int.MinValue / 2);");
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
                    InitKind.Normal => $"{Rt}Initializers.Normal({init.Variable}, seed, {id}, {Literals.Double(init.A)}, {Literals.Double(init.B)}); // {init.Variable} ~ Normal({Literals.Short(init.A)}, {Literals.Short(init.B)})",
                    InitKind.Uniform => $"{Rt}Initializers.Uniform({init.Variable}, seed, {id}, {Literals.Double(init.A)}, {Literals.Double(init.B)}); // {init.Variable} ~ Uniform({Literals.Short(init.A)}, {Literals.Short(init.B)})",
                    _ => $"{Rt}Initializers.Constant({init.Variable}, {Literals.Double(init.A)});",
                });
            }
        }
        w.Line();
        w.Line("/// <summary>Number of neurons (instance form, for <see cref=\"global::SpikeSharp.ISpikingNetwork\"/>-style code).</summary>");
        w.Line("public int Length => Size;");
        w.Line("/// <summary>Steps taken so far; the next <see cref=\"Update\"/> is step <c>StepIndex</c>.</summary>");
        w.Line("public int StepIndex => __step;");
        w.Line("/// <summary>Time (ms) of the next step, <c>StepIndex · Dt</c>.</summary>");
        w.Line("public double Time => __step * Dt;");
        w.Line("/// <summary>The spikes of the last step (sorted neuron indices).</summary>");
        w.Line($"public {Rt}Spikes Spike => new(new global::System.ReadOnlySpan<int>(__spikes, 0, __spikeCount), Size);");
        w.Line();

        w.Line("/// <summary>Advances every neuron one step with external current <paramref name=\"input\"/> and returns the spikes.");
        w.Line("/// One fused pass: decay of the merged buffers, outputs, exponential Euler, " + (isRef ? "refractory hold, " : "") + "threshold, reset. Allocates nothing.</summary>");
        w.Line(gc);
        using (w.Block($"public {Rt}Spikes Update(float input)"))
        {
            w.Line("int step = __step;");
            w.Line("float c = __c;");
            if (isRef) w.Line("int refSteps = RefractorySteps;");
            w.Line("global::System.Span<float> v = V;");
            w.Line("global::System.Span<int> last = LastSpikeStep;");
            foreach (var g in plan.Groups)
            {
                w.Line($"global::System.Span<float> g{g.Index} = G{g.Index};");
                w.Line($"float d{g.Index} = __d{g.Index};");
            }
            w.Line("global::System.Span<int> spikes = __spikes;");
            w.Line("int count = 0;");
            using (w.Block("for (int i = 0; i < v.Length; i++)"))
            {
                w.Line("float vOld = v[i];");
                w.Line("float current = input;");
                foreach (var g in plan.Groups)
                {
                    w.Line($"float gi{g.Index} = g{g.Index}[i] * d{g.Index};");
                    w.Line($"g{g.Index}[i] = gi{g.Index};");
                    w.Line(g.Key.Out.Kind == OutKind.Coba
                        ? $"current += gi{g.Index} * ({Literals.Float(g.Key.Out.E)} - vOld); // {g.Key.Text}"
                        : $"current += gi{g.Index}; // {g.Key.Text}");
                }
                w.Line("float vNew = vOld + c * (VRest + R * current - vOld);");
                if (isRef) w.Line("if (step - last[i] <= refSteps) vNew = vOld; // refractory: hold V");
                using (w.Block("if (vNew >= VTh)"))
                {
                    w.Line("vNew = VReset;");
                    w.Line("last[i] = step;");
                    w.Line("spikes[count++] = i;");
                }
                w.Line("v[i] = vNew;");
            }
            w.Line("__spikeCount = count;");
            w.Line("__step = step + 1;");
            w.Line($"return new {Rt}Spikes(spikes.Slice(0, count), Size);");
        }

        Close(closers);
        return w.ToString();
    }

    static string Xml(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
