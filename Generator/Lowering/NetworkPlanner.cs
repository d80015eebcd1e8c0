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
/// (the analyzer reports them). Output order is ordinal, so it does not depend on file order.
/// </summary>
internal static class NetworkPlanner
{
    public static NetworkPlan Plan(ImmutableArray<PopulationSpec> populations, ImmutableArray<ProjectionSpec> projections, string version)
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

        var byPost = new Dictionary<string, List<ProjectionSpec>>(StringComparer.Ordinal);
        foreach (var proj in projByName.Values.OrderBy(p => p.Type.MetadataName, StringComparer.Ordinal))
        {
            if (!pops.TryGetValue(proj.PostType, out var post) || post.Size != proj.Comm.NumOut
                || !VisibilityRules.CanExpose(proj.Type.Visibility, post.Type.Visibility)) continue;
            if (!byPost.TryGetValue(proj.PostType, out var list)) byPost.Add(proj.PostType, list = new List<ProjectionSpec>());
            list.Add(proj);
        }

        // Hint names over every file generated, populations and projections together (Cells and cells, or a type
        // Net.A and a nested type Net.a, differ only in case: CS8785 would drop the whole output).
        var hints = HintNames.Assign(pops.Values.Select(p => p.Type.MetadataName)
            .Concat(byPost.Values.SelectMany(l => l).Where(p => pops.ContainsKey(p.PostType)).Select(p => p.Type.MetadataName)));

        var popPlans = new List<PopulationPlan>();
        var projPlans = new List<ProjectionPlan>();
        foreach (var pop in pops.Values)
        {
            var groups = new List<(MergeKey Key, List<string> Members)>();
            if (byPost.TryGetValue(pop.Type.FullyQualifiedName, out var projs))
            {
                foreach (var proj in projs)
                {
                    var key = new MergeKey(proj.OutLabel, proj.Syn, proj.Out);
                    int gi = groups.FindIndex(g => g.Key.Equals(key));
                    if (gi < 0) { gi = groups.Count; groups.Add((key, new List<string>())); }
                    groups[gi].Members.Add(proj.Type.MetadataName);
                    projPlans.Add(new ProjectionPlan(proj, gi, key.Text, version, hints[proj.Type.MetadataName]));
                }
            }
            popPlans.Add(new PopulationPlan(pop,
                groups.Select((g, i) => new MergeGroup(i, g.Key, g.Members.ToEquatableArray())).ToEquatableArray(), version,
                hints[pop.Type.MetadataName]));
        }
        return new NetworkPlan(popPlans.ToEquatableArray(), projPlans.ToEquatableArray());
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
