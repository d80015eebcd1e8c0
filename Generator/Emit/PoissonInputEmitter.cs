using SpikeSharp.Generator.Helpers;
using SpikeSharp.Generator.Model;
using static SpikeSharp.Generator.Emit.EmitHelpers;

namespace SpikeSharp.Generator.Emit;

/// <summary>Emits a [PoissonInput]: the runtime's <c>PoissonInput</c> bound to the target population, and <c>Update()</c>,
/// which adds the draws of the target's current step to its variable (call it before the target updates).</summary>
internal static class PoissonInputEmitter
{
    public static string Emit(PoissonSpec spec)
    {
        var w = new IndentedWriter();
        string full = ProjectionEmitter.FullName(spec.Type);
        var closers = Open(w, spec.Type, $"BrainPy's PoissonInput onto <see cref=\"{spec.TargetType}\"/>.{XmlText(spec.Variable)}: {spec.NumInput} sources of {Literals.Short(spec.Freq)} Hz, weight {Literals.Short(spec.Weight)}.");
        string gc = GeneratedCode(spec.GeneratorVersion);
        string name = Identifiers.Escape(spec.Type.Name);
        w.Line("/// <summary>Poisson sources per target neuron.</summary>");
        w.Line($"public const int NumInput = {spec.NumInput};");
        w.Line("/// <summary>Rate of each source (Hz).</summary>");
        w.Line($"public const double Freq = {Literals.Double(spec.Freq)};");
        w.Line("/// <summary>Added per source event.</summary>");
        w.Line($"public const float Weight = {Literals.Float(spec.Weight)};");
        w.Line($"/// <summary>The draws' stream family: <c>CounterRng.NameStreamId({XmlText(Literals.String(full))})</c>.</summary>");
        w.Line("public const ulong DefaultStreamId = 0x" + ProjectionEmitter.NameStreamId(full).ToString("X16", System.Globalization.CultureInfo.InvariantCulture) + "UL;");
        w.Line("/// <summary>The target population.</summary>");
        w.Line($"public {spec.TargetType} Target {{ get; }}");
        w.Line("/// <summary>The draws (binomial, or the normal approximation with the standard deviation).</summary>");
        w.Line($"public {Rt}PoissonInput Input {{ get; }}");
        w.Line();
        w.Line("/// <summary>Binds the input to <paramref name=\"target\"/>; <paramref name=\"seed\"/> fixes the draws.</summary>");
        w.Line("/// <param name=\"target\">The target population.</param>");
        w.Line("/// <param name=\"seed\">Seed of the draws.</param>");
        w.Line(gc);
        using (w.Block($"public {name}({spec.TargetType} target, ulong seed)"))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(target);");
            w.Line("Target = target;");
            w.Line($"Input = new {Rt}PoissonInput({spec.TargetType}.Size, NumInput, Freq, Weight, target.Dt, seed, DefaultStreamId);");
            w.Line($"{Rt}Warmup.Compile(new global::System.Action(this.Update)); // compiled now, not in the first step");
        }
        w.Line();
        w.Line($"/// <summary>Adds this step's draws to <c>Target.{XmlText(spec.Variable)}</c> (the step is the target's <c>StepIndex</c>). Allocates nothing.</summary>");
        w.Line(gc);
        w.Line($"public void Update() => Input.Add(Target.{Identifiers.Escape(spec.Variable)}, Target.StepIndex);");
        Close(closers);
        return w.ToString();
    }
}
