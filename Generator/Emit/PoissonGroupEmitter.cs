using SpikeSharp.Generator.Helpers;
using SpikeSharp.Generator.Model;
using static SpikeSharp.Generator.Emit.EmitHelpers;

namespace SpikeSharp.Generator.Emit;

/// <summary>Emits a [PoissonGroup]: the runtime's <c>PoissonGroup</c> (counter-based draws keyed by the seed, the stream
/// family of the type's name and the step index) with a settable <c>Freqs</c>, the members a projection's pre needs
/// (<c>Size</c>, <c>Dt</c>, <c>Spike</c>, <c>StepIndex</c>) and its state I/O for the network's Save/Load.</summary>
internal static class PoissonGroupEmitter
{
    public static string Emit(PoissonGroupSpec spec)
    {
        var w = new IndentedWriter();
        string full = ProjectionEmitter.FullName(spec.Type);
        var closers = Open(w, spec.Type, $"BrainPy's PoissonGroup({spec.Size}, freqs={Literals.Short(spec.Freqs)}): each neuron spikes with probability Freqs·dt/1000 per step, drawn from the seed and the step index alone.");
        string gc = GeneratedCode(spec.GeneratorVersion);
        string name = Identifiers.Escape(spec.Type.Name);
        const string spikes = Rt + "Spikes";
        w.Line("/// <summary>Number of Poisson neurons.</summary>");
        w.Line($"public const int Size = {spec.Size};");
        w.Line("/// <summary>The rate given in the attribute (Hz), the initial <see cref=\"Freqs\"/>.</summary>");
        w.Line($"public const double DefaultFreqs = {Literals.Double(spec.Freqs)};");
        w.Line($"/// <summary>The draws' stream family: <c>CounterRng.NameStreamId({XmlText(Literals.String(full))})</c>.</summary>");
        w.Line("public const ulong DefaultStreamId = 0x" + ProjectionEmitter.NameStreamId(full).ToString("X16", System.Globalization.CultureInfo.InvariantCulture) + "UL;");
        w.Line();
        w.Line($"readonly {Rt}PoissonGroup __group;");
        w.Line();
        w.Line("/// <summary>Seed of the spike trains.</summary>");
        w.Line("public ulong Seed { get; }");
        w.Line("/// <summary>Time step (ms).</summary>");
        w.Line("public double Dt => __group.Dt;");
        w.Line("/// <summary>Number of neurons (same as <see cref=\"Size\"/>).</summary>");
        w.Line("public int Length => Size;");
        w.Line("/// <summary>Rate of every neuron in Hz (BrainPy's <c>freqs</c>): set it between steps for a time-varying input; a finite value ≥ 0");
        w.Line("/// (else <see cref=\"global::System.ArgumentOutOfRangeException\"/>). A probability Freqs·Dt/1000 above 1 spikes every step.</summary>");
        w.Line("public double Freqs");
        w.Line("{");
        w.Line("    get => __group.RateHz;");
        w.Line("    set => __group.RateHz = value;");
        w.Line("}");
        w.Line("/// <summary>Spike probability per neuron per step, <c>Freqs·Dt/1000</c> (at most 1).</summary>");
        w.Line("public double Probability => __group.Probability;");
        w.Line("/// <summary>Index of the next step.</summary>");
        w.Line("public int StepIndex => __group.StepIndex;");
        w.Line("/// <summary>The spikes of the last step.</summary>");
        w.Line($"public {spikes} Spike => __group.Spike;");
        w.Line();
        w.Line("/// <summary>Creates the group at <see cref=\"DefaultFreqs\"/>; <paramref name=\"seed\"/> fixes the spike trains.</summary>");
        w.Line("/// <param name=\"seed\">Seed of the spike trains.</param>");
        w.Line($"/// <param name=\"dt\">Time step in ms; <see cref=\"{Rt}Simulation.Dt\"/> when null.</param>");
        w.Line(gc);
        using (w.Block($"public {name}(ulong seed = 0, double? dt = null)"))
        {
            w.Line("Seed = seed;");
            w.Line($"__group = new {Rt}PoissonGroup(Size, DefaultFreqs, seed, dt, DefaultStreamId);");
            w.Line($"{Rt}Warmup.Compile(new global::System.Func<{spikes}>(this.Update)); // compiled now, not in the first step");
        }
        w.Line();
        w.Line("/// <summary>Draws the spikes of step <see cref=\"StepIndex\"/> at the current <see cref=\"Freqs\"/>, advances the step and returns them.");
        w.Line("/// Allocates nothing.</summary>");
        w.Line(gc);
        w.Line($"public {spikes} Update() => __group.Update();");
        w.Line();
        w.Line("/// <summary>Writes the group's state (step index, rate, last spikes) as part <c>{part}.*</c>.</summary>");
        w.Line(gc);
        w.Line($"internal void __WriteState({Rt}NetworkStateWriter state, string part) => __group.WriteState(state, part);");
        w.Line();
        w.Line("/// <summary>Reads what <see cref=\"__WriteState\"/> wrote.</summary>");
        w.Line(gc);
        w.Line($"internal void __ReadState({Rt}NetworkStateReader state, string part) => __group.ReadState(state, part);");
        Close(closers);
        return w.ToString();
    }
}
