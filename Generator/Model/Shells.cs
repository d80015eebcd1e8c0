using System;
using System.Collections.Generic;
using System.Linq;
using SpikeSharp.Generator.Helpers;

namespace SpikeSharp.Generator.Model;

internal enum ShellRole { Population, Projection }

/// <summary>A generated constant of a shell and the C# literal of its value.</summary>
internal sealed record ShellConstant(string Name, string Literal);

/// <summary>
/// A model with SpikeSharp errors whose declaration can still take generated members: it gets a "shell", the public
/// members of a valid model of its role (<see cref="GeneratedMembers"/>) with bodies that throw, so the user's code that
/// uses them compiles and the SPK error is the only error of the build; nothing runs with the broken model.
/// <see cref="Model"/> is the neuron model of a population (null when it has none: Lif's members) or the synapse model
/// of a projection (null: Expon's), which decide the members. <see cref="PostType"/> is the projection's post (fully qualified; a type that can be a public parameter), null for a
/// population. <see cref="ErrorIds"/> are the SPK errors its parse found (sorted, distinct; may be empty).
/// <see cref="Constants"/> hold the written value where it was readable and harmless, else a placeholder.
/// </summary>
internal sealed record ShellSpec(TypeDecl Type, ShellRole Role, string? Model, string? PostType,
    EquatableArray<ShellConstant> Constants, EquatableArray<string> ErrorIds)
{
    /// <summary>A population's user model (NeuronSpec.User), whose members the shell has; null for a built-in one.</summary>
    public Definitions.NeuronDef? UserNeuron { get; init; }

    /// <summary>A projection's user synapse (SynSpec.User), whose members the shell has; null for a built-in one.</summary>
    public Definitions.SynapseDef? UserSynapse { get; init; }

    /// <summary>The placeholder of an int constant (a size) that is missing or invalid: 1, not 0, so that
    /// <c>x / T.Size</c> in the user's code is not CS0020 (division by constant zero), nor a negative array size CS0248.</summary>
    public const int SizePlaceholder = 1;

    public static ShellSpec Population(TypeDecl type, int size, NeuronSpec? neuron, IEnumerable<string> errorIds)
    {
        var constants = new List<ShellConstant> { new("Size", SizeLiteral(size)) };
        if (neuron is not null) // no neuron model: Lif's constants, as default
        {
            var ps = neuron.Def.Params;
            for (int i = 0; i < ps.Count; i++)
            {
                if (ps[i].Storage == Definitions.Storage.Float) constants.Add(new(ps[i].Name, FloatLiteral(neuron.Values[i])));
                else if (ps[i].Storage == Definitions.Storage.Double) constants.Add(new(ps[i].Name, DoubleLiteral(neuron.Values[i])));
            }
        }
        return new ShellSpec(type, ShellRole.Population, neuron?.Model, null, constants.ToEquatableArray(), Ids(errorIds)) { UserNeuron = neuron?.User };
    }

    public static ShellSpec Projection(TypeDecl type, string postType, CommSpec? comm, SynSpec? syn, OutSpec? output, string? outLabel, IEnumerable<string> errorIds)
    {
        var c = comm ?? new CommSpec(-1, -1, 0, 0, 0); // no comm: placeholders
        var constants = new List<ShellConstant>
        {
            new("NumIn", SizeLiteral(c.NumIn)),
            new("NumOut", SizeLiteral(c.NumOut)),
            new("Prob", DoubleLiteral(c.Prob)),
            new("Weight", FloatLiteral(c.Weight)),
            new("DefaultSeed", c.Seed >= 0 ? Literals.Int(c.Seed) + "UL" : "unchecked((ulong)(" + Literals.Int(c.Seed) + "L))"),
            new("MergeKey", Literals.String(syn is not null && output is not null ? new MergeKey(outLabel, syn, output).Text : "")),
        };
        return new ShellSpec(type, ShellRole.Projection, syn?.Model, postType, constants.ToEquatableArray(), Ids(errorIds)) { UserSynapse = syn?.User };
    }

    /// <summary>The same shell with other error ids (a valid projection dropped by the planner).</summary>
    public ShellSpec WithErrors(IEnumerable<string> errorIds) => this with { ErrorIds = Ids(errorIds) };

    static EquatableArray<string> Ids(IEnumerable<string> ids) =>
        ids.Distinct(StringComparer.Ordinal).OrderBy(i => i, StringComparer.Ordinal).ToEquatableArray();

    static string SizeLiteral(int size) => Literals.Int(size > 0 ? size : SizePlaceholder);

    // Non-finite values compile as constants but make a user's constant conversion an error (CS0221): 0 instead.
    static string FloatLiteral(double v) =>
        Literals.Float(double.IsNaN(v) || double.IsInfinity(v) || float.IsInfinity((float)v) ? 0 : v);

    static string DoubleLiteral(double v) => Literals.Double(double.IsNaN(v) || double.IsInfinity(v) ? 0 : v);
}

/// <summary>A shell to emit: <see cref="Message"/> is the text of the exception its members throw.</summary>
internal sealed record ShellPlan(ShellSpec Spec, string Message, string GeneratorVersion, string HintName);

/// <summary>What the generator's parse of one model type gives: a valid spec, or the shell of an invalid model (or
/// neither). A projection's valid spec comes with its <see cref="Shell"/> too, for the planner to use when it drops
/// the projection (post invalid or of another size).</summary>
internal sealed record ModelParse<T>(T? Spec, ShellSpec? Shell) where T : class;

/// <summary>One parse of a model type, for the generator's two outputs (the LoggerMessage generator's pattern): the
/// value-equatable <see cref="Model"/> that the plan and the code come from, and, apart, the parse's
/// <see cref="Diagnostics"/> (with source locations, so <c>#pragma warning disable</c> and .editorconfig severities apply)
/// and, for a valid projection, its name and attribute location (where SPK2001 points). Not equatable: only the cheap
/// diagnostics output reads the last two.</summary>
internal sealed class Parsed<T>(ModelParse<T> model, System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Diagnostic> diagnostics,
    (string MetadataName, Microsoft.CodeAnalysis.Location? Location)? site) where T : class
{
    public ModelParse<T> Model { get; } = model;
    public System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Diagnostic> Diagnostics { get; } = diagnostics;
    public (string MetadataName, Microsoft.CodeAnalysis.Location? Location)? Site { get; } = site;
}
