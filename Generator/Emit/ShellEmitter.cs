using System;
using System.Collections.Generic;
using SpikeSharp.Generator.Helpers;
using SpikeSharp.Generator.Model;
using static SpikeSharp.Generator.Emit.EmitHelpers;

namespace SpikeSharp.Generator.Emit;

/// <summary>
/// Emits the shell of a model with SpikeSharp errors (<see cref="ShellSpec"/>): every public member that
/// <see cref="GeneratedMembers"/> lists for its role, so the user's code that uses them compiles and the build shows
/// the SPK error alone; constants get the shell's values (or <c>default</c> for one it does not know), fields
/// <c>default!</c>, and constructors, methods and properties throw an <see cref="InvalidOperationException"/> that
/// names the type and its errors, so nothing runs with a broken model. Driven by the member list: a member added
/// there appears here too (the shell-surface test compares it with a valid model's).
/// </summary>
internal static class ShellEmitter
{
    /// <summary>Properties a valid model lets the user set (the list does not say which have a setter).</summary>
    static readonly HashSet<string> Settable = new(StringComparer.Ordinal) { "Threads", "UseSimd", "Delivery" };

    public static string Emit(ShellPlan plan)
    {
        var spec = plan.Spec;
        string name = Identifiers.Escape(spec.Type.Name);
        var members = spec.Role == ShellRole.Population
            ? GeneratedMembers.Population(name, spec.UserNeuron ?? (spec.Model is null ? null : Model.Definitions.Catalogue.Neuron(spec.Model)))
            : GeneratedMembers.Projection(name, spec.PostType, spec.UserSynapse ?? (spec.Model is null ? null : Model.Definitions.Catalogue.Synapse(spec.Model)));
        bool parallel = false;
        foreach (var m in members) parallel |= m.Name == GeneratedMembers.ParallelExecute;

        var w = new IndentedWriter();
        string role = spec.Role == ShellRole.Population ? "population" : "projection";
        var closers = Open(w, spec.Type,
            $"Placeholder of a {role} with errors: {XmlText(plan.Message)} Constructing it throws <see cref=\"global::System.InvalidOperationException\"/>.",
            parallel ? Rt + "IParallelWork" : null);
        string gc = GeneratedCode(plan.GeneratorVersion);
        string fail = "throw new global::System.InvalidOperationException(" + Literals.String(plan.Message) + ")";
        const string doc = "/// <summary>Placeholder: the model has errors (see the type's summary).</summary>";

        var constants = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in spec.Constants) constants[c.Name] = c.Literal;

        foreach (var m in members)
        {
            string d = m.Declaration;
            if (m.Name == GeneratedMembers.ParallelExecute)
            {
                w.Line(gc);
                w.Line($"{d} => {fail};");
                continue;
            }
            if (!d.StartsWith("public ", StringComparison.Ordinal)) continue; // private state: a shell has none
            if (d.StartsWith("public const ", StringComparison.Ordinal))
            {
                w.Line(doc);
                w.Line($"{d} = {(constants.TryGetValue(m.Name, out var literal) ? literal : "default")};");
            }
            else if (m.Name == GeneratedMembers.Constructor || m.Parameters is not null)
            {
                w.Line(doc);
                w.Line(gc);
                w.Line($"{d} => {fail};");
            }
            else if (d.StartsWith("public readonly ", StringComparison.Ordinal))
            {
                w.Line(doc);
                w.Line($"{d} = default!;");
            }
            else
            {
                w.Line(doc);
                w.Line(Settable.Contains(m.Name)
                    ? $"{d} {{ get => {fail}; set => {fail}; }}"
                    : $"{d} => {fail};");
            }
        }
        Close(closers);
        return w.ToString();
    }
}
