using SpikeSharp.Generator.Helpers;
using SpikeSharp.Generator.Lowering;
using SpikeSharp.Generator.Model;
using static SpikeSharp.Generator.Emit.EmitHelpers;

namespace SpikeSharp.Generator.Emit;

/// <summary>
/// Emits, for a population that is a member of a [Network], a second part of the class with its state I/O for the
/// network's Save/Load: every state array, the last-spike steps, every merged synapse buffer, the spikes of the last
/// step and the step index. A separate file, so that the population's own file (and its kernels) is the same whether
/// or not a network holds it.
/// </summary>
internal static class StateEmitter
{
    public static string Emit(PopulationStatePlan plan, string version)
    {
        var pop = plan.Population;
        var step = StepLowering.Lower(pop);
        var w = new IndentedWriter();
        var closers = Open(w, pop.Spec.Type, "State I/O of the population for a declared network's Save/Load.");
        string gc = GeneratedCode(version);
        w.Line("/// <summary>Writes the state (arrays, last spikes, step index) as records named <paramref name=\"part\"/>.X.</summary>");
        w.Line(gc);
        using (w.Block($"internal void __WriteState({Rt}NetworkStateWriter state, string part)"))
        {
            w.Line("state.Int(part + \".size\", Size);");
            w.Line("state.Int(part + \".step\", __step);");
            foreach (var a in step.States) w.Line($"state.Floats(part + {Literals.String("." + a.Member)}, {a.Member});");
            foreach (var a in step.SynapseArrays) w.Line($"state.Floats(part + {Literals.String("." + a.Member)}, {a.Member});");
            w.Line("state.Ints(part + \".LastSpikeStep\", LastSpikeStep);");
            w.Line("state.Ints(part + \".spikes\", new global::System.ReadOnlySpan<int>(__spikes, 0, __spikeCount));");
        }
        w.Line();
        w.Line("/// <summary>Reads what <see cref=\"__WriteState\"/> wrote (the checking pass changes nothing).</summary>");
        w.Line(gc);
        using (w.Block($"internal void __ReadState({Rt}NetworkStateReader state, string part)"))
        {
            w.Line("state.Expect(part + \".size\", Size);");
            w.Line("state.Int(part + \".step\", ref __step, 0);");
            foreach (var a in step.States) w.Line($"state.Floats(part + {Literals.String("." + a.Member)}, {a.Member});");
            foreach (var a in step.SynapseArrays) w.Line($"state.Floats(part + {Literals.String("." + a.Member)}, {a.Member});");
            w.Line("state.Ints(part + \".LastSpikeStep\", LastSpikeStep);");
            w.Line("state.Ints(part + \".spikes\", __spikes, ref __spikeCount);");
        }
        Close(closers);
        return w.ToString();
    }
}
