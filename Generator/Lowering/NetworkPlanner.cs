using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using SpikeSharp.Generator.Helpers;
using SpikeSharp.Generator.Model;

namespace SpikeSharp.Generator.Lowering;

/// <summary>
/// Specs → plans: matches projections to their post populations and merges, per post population, every projection
/// whose synapse and output descriptors are equal by value (plus the out label) into ONE buffer, BrainPy's
/// align-post merging done at compile time. Projections whose post is missing or whose numOut disagrees are dropped
/// (the projection's parse reports them); they, and every invalid model, get a shell instead where the parse made one (see
/// <see cref="ShellSpec"/>). Output order is ordinal, so it does not depend on file order.
/// </summary>
internal static class NetworkPlanner
{
    /// <summary>The generator's plan: valid models, and shells for the invalid ones and the dropped projections.</summary>
    public static NetworkPlan Plan(ImmutableArray<ModelParse<PopulationSpec>> populations, ImmutableArray<ModelParse<ProjectionSpec>> projections, string version)
    {
        var popShells = populations.Where(static p => p.Spec is null && p.Shell is not null).Select(static p => p.Shell!).ToList();
        var projShells = projections.Where(static p => p.Spec is null && p.Shell is not null).Select(static p => p.Shell!).ToList();
        var fallbacks = new Dictionary<string, ShellSpec?>(StringComparer.Ordinal);
        foreach (var p in projections)
        {
            if (p.Spec is null) continue;
            string n = p.Spec.Type.MetadataName;
            fallbacks[n] = fallbacks.TryGetValue(n, out var seen) && !Equals(seen, p.Shell) ? null : p.Shell;
        }
        return Plan(populations.Where(static p => p.Spec is not null).Select(static p => p.Spec!).ToImmutableArray(),
            projections.Where(static p => p.Spec is not null).Select(static p => p.Spec!).ToImmutableArray(), version,
            popShells, projShells, fallbacks);
    }

    static NetworkPlan Plan(ImmutableArray<PopulationSpec> populations, ImmutableArray<ProjectionSpec> projections, string version,
        List<ShellSpec> popShells, List<ShellSpec> projShells, Dictionary<string, ShellSpec?> fallbacks)
    {
        // One spec per type name, whatever the order of the inputs: a type seen twice (an attribute repeated on two
        // partial declarations, CS0579) is kept once if both specs are equal and dropped if they differ; a name that
        // is both a population and a projection is dropped. So no hint name is added twice and nothing depends on
        // file order.
        var popByName = Distinct(populations, static p => p.Type.MetadataName);
        var projByName = Distinct(projections, static p => p.Type.MetadataName);
        foreach (var clash in popByName.Keys.Where(projByName.ContainsKey).ToList())
        {
            popByName.Remove(clash);
            projByName.Remove(clash);
        }

        var pops = new Dictionary<string, PopulationSpec>(StringComparer.Ordinal);
        foreach (var p in popByName.Values.OrderBy(p => p.Type.MetadataName, StringComparer.Ordinal))
            if (!pops.ContainsKey(p.Type.FullyQualifiedName)) pops.Add(p.Type.FullyQualifiedName, p);

        // Shells: one per name (dropped if two differ), never for a name that has a valid model.
        var popShellByName = Distinct(popShells.ToImmutableArray(), static s => s.Type.MetadataName);
        var shells = new List<(ShellSpec Shell, string Message)>();
        foreach (var s in popShellByName.Values)
            if (!popByName.ContainsKey(s.Type.MetadataName) && !projByName.ContainsKey(s.Type.MetadataName)) shells.Add((s, OwnErrors(s)));
        var popShellByPost = new Dictionary<string, ShellSpec>(StringComparer.Ordinal);
        foreach (var (s, _) in shells)
            if (!popShellByPost.ContainsKey(s.Type.FullyQualifiedName)) popShellByPost.Add(s.Type.FullyQualifiedName, s);
        foreach (var s in Distinct(projShells.ToImmutableArray(), static s => s.Type.MetadataName).Values)
            if (!popByName.ContainsKey(s.Type.MetadataName) && !projByName.ContainsKey(s.Type.MetadataName) && !popShellByName.ContainsKey(s.Type.MetadataName))
                shells.Add((s, OwnErrors(s)));

        var byPost = new Dictionary<string, List<ProjectionSpec>>(StringComparer.Ordinal);
        foreach (var proj in projByName.Values.OrderBy(p => p.Type.MetadataName, StringComparer.Ordinal))
        {
            if (!pops.TryGetValue(proj.PostType, out var post) || post.Size != proj.Comm.NumOut
                || !VisibilityRules.CanExpose(proj.Type.Visibility, post.Type.Visibility))
            {
                if (fallbacks.TryGetValue(proj.Type.MetadataName, out var fallback) && fallback is not null && !popShellByName.ContainsKey(proj.Type.MetadataName)
                    && Dropped(proj, post, fallback, popShellByPost) is { } dropped)
                    shells.Add(dropped);
                continue;
            }
            if (!byPost.TryGetValue(proj.PostType, out var list)) byPost.Add(proj.PostType, list = new List<ProjectionSpec>());
            list.Add(proj);
        }

        // Hint names over every file generated, populations and projections together (Cells and cells, or a type
        // Net.A and a nested type Net.a, differ only in case: CS8785 would drop the whole output).
        var hints = HintNames.Assign(pops.Values.Select(p => p.Type.MetadataName)
            .Concat(byPost.Values.SelectMany(l => l).Where(p => pops.ContainsKey(p.PostType)).Select(p => p.Type.MetadataName))
            .Concat(shells.Select(s => s.Shell.Type.MetadataName)));

        var popPlans = new List<PopulationPlan>();
        var projPlans = new List<ProjectionPlan>();
        foreach (var pop in pops.Values)
        {
            var groups = new List<(MergeKey Key, List<string> Members)>();
            if (byPost.TryGetValue(pop.Type.FullyQualifiedName, out var projs))
            {
                foreach (var proj in projs)
                {
                    if (proj.Delta)
                    {
                        projPlans.Add(new ProjectionPlan(proj, -1, "", version, hints[proj.Type.MetadataName]));
                        continue;
                    }
                    // An align-pre projection's post side is its comm output, read by its own output: one group per projection.
                    var key = proj.AlignPre || proj.Vanilla
                        ? new MergeKey(proj.OutLabel, new SynSpec(Model.Definitions.PreSynapses.CommInput.Attribute, EquatableArray<double>.Empty), proj.Out, proj.Type.MetadataName)
                        : new MergeKey(proj.OutLabel, proj.Syn, proj.Out, proj.OwnSynapse ? proj.Type.MetadataName : null);
                    int gi = groups.FindIndex(g => g.Key.Equals(key));
                    if (gi < 0) { gi = groups.Count; groups.Add((key, new List<string>())); }
                    groups[gi].Members.Add(proj.Type.MetadataName);
                    projPlans.Add(new ProjectionPlan(proj, gi, key.Text, version, hints[proj.Type.MetadataName]));
                }
            }
            popPlans.Add(new PopulationPlan(pop,
                groups.Select((g, i) => new MergeGroup(i, g.Key, g.Members.ToEquatableArray())).ToEquatableArray(), version,
                hints[pop.Type.MetadataName], projs is not null && projs.Any(static p => p.Delta)));
        }
        var shellPlans = shells.OrderBy(s => s.Shell.Type.MetadataName, StringComparer.Ordinal)
            .Select(s => new ShellPlan(s.Shell, s.Message, version, hints[s.Shell.Type.MetadataName]));
        return new NetworkPlan(popPlans.ToEquatableArray(), projPlans.ToEquatableArray(), shellPlans.ToEquatableArray());
    }

    const string Placeholders = " SpikeSharp generated only placeholders for it; fix the errors the build reports.";

    static string OwnErrors(ShellSpec s) => s.ErrorIds.Length > 0
        ? $"'{s.Type.Name}' has SpikeSharp errors ({string.Join(", ", s.ErrorIds)})." + Placeholders
        : $"'{s.Type.Name}' has errors in its SpikeSharp attributes (the compiler reports them)." + Placeholders;

    /// <summary>The shell of a valid projection that cannot be generated: numOut is not its post's size (SPK0003), or
    /// the post is not a valid population (an invalid one, with its own shell, or no population at all).</summary>
    static (ShellSpec, string)? Dropped(ProjectionSpec proj, PopulationSpec? post, ShellSpec fallback, Dictionary<string, ShellSpec> popShellByPost)
    {
        if (post is not null)
        {
            if (post.Size == proj.Comm.NumOut) return null; // a post it may not expose (SPK0023): the shell could not either
            var shell = fallback.WithErrors(new[] { Diagnostics.DiagnosticDescriptors.CommSizeMismatchId });
            return (shell, OwnErrors(shell));
        }
        string message = popShellByPost.TryGetValue(proj.PostType, out var postShell)
            ? $"'{proj.Type.Name}' cannot be built: its post population '{postShell.Type.Name}' has SpikeSharp errors"
              + (postShell.ErrorIds.Length > 0 ? " (" + string.Join(", ", postShell.ErrorIds) + ")." : ".")
            : $"'{proj.Type.Name}' cannot be built: its post '{proj.PostType.Replace("global::", "")}' is not a valid population of this compilation.";
        return (fallback, message + Placeholders);
    }

    static Dictionary<string, T> Distinct<T>(ImmutableArray<T> items, Func<T, string> name) where T : class
    {
        var byName = new Dictionary<string, T>(StringComparer.Ordinal);
        var conflicted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            string n = name(item);
            if (!byName.TryGetValue(n, out var seen)) byName.Add(n, item);
            else if (!Equals(seen, item)) conflicted.Add(n);
        }
        foreach (var n in conflicted) byName.Remove(n);
        return byName;
    }
}
