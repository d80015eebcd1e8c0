using SpikeSharp.Generator.Helpers;

namespace SpikeSharp.Generator.Model;

// Lowered forms, one per generated file. Emitters format a plan; they decide no semantics.

/// <summary>Synapse + output descriptor shared by every projection of one merge group (compared by value).
/// <see cref="Owner"/>: an unmerged (HalfProjAlignPost / FullProjAlignPost) projection's own synapse, which never merges
/// and which its projection decays (decay then add), not the population.</summary>
internal sealed record MergeKey(string? OutLabel, SynSpec Syn, OutSpec Out, string? Owner = null)
{
    /// <summary>BrainPy-style text of the key, e.g. "None // Expon(tau=5) // COBA(E=0)"; equal values print equally.</summary>
    public string Text => Syn.Model == Definitions.PreSynapses.CommInput.Attribute
        ? "align-pre output of " + Owner + ": " + (OutLabel ?? "None") + " // " + Describe(Out.Def.BrainPy, Out.Def.Params, Out.Values)
        : (Owner is null ? "" : "own synapse of " + Owner + ": ") +
        (OutLabel ?? "None") + " // " + Describe(Syn.Def.BrainPy, Syn.Def.Params, Syn.Values) + " // " + Describe(Out.Def.BrainPy, Out.Def.Params, Out.Values);

    /// <summary>"Expon(tau=5)": BrainPy's class and parameter names with the values.</summary>
    static string Describe(string name, System.Collections.Generic.IReadOnlyList<Definitions.ParamDef> ps, EquatableArray<double> values)
    {
        var parts = new string[ps.Count];
        for (int i = 0; i < ps.Count; i++) parts[i] = ps[i].BrainPyName + "=" + Literals.Short(values[i]);
        return name + "(" + string.Join(", ", parts) + ")";
    }
}

/// <summary>One shared synapse buffer on a post population: its key and the projections that feed it (ordinal order).</summary>
internal sealed record MergeGroup(int Index, MergeKey Key, EquatableArray<string> Projections);

/// <summary>Everything needed to emit a population's file, and its hint name (unique ignoring case, see <c>HintNames</c>).
/// <see cref="Delta"/>: some HalfProjDelta / FullProjDelta targets it (then it has a <c>Delta</c> array, added to V after integration).</summary>
internal sealed record PopulationPlan(PopulationSpec Spec, EquatableArray<MergeGroup> Groups, string GeneratorVersion, string HintName, bool Delta = false);

/// <summary>Everything needed to emit a projection's file.</summary>
internal sealed record ProjectionPlan(ProjectionSpec Spec, int GroupIndex, string MergeKeyText, string GeneratorVersion, string HintName);

/// <summary>The whole network after grouping, and the shells of the models that have errors.</summary>
internal sealed record NetworkPlan(EquatableArray<PopulationPlan> Populations, EquatableArray<ProjectionPlan> Projections, EquatableArray<ShellPlan> Shells);
