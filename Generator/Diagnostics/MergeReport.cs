using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using SpikeSharp.Generator.Model;

namespace SpikeSharp.Generator.Diagnostics;

/// <summary>SPK2001 (off by default): every projection whose merge group has other members, in the plan's own grouping,
/// located at the projection's attribute.</summary>
internal static class MergeReport
{
    public static IEnumerable<Diagnostic> Diagnostics(NetworkPlan plan, ImmutableArray<(string MetadataName, Location? Location)?> sites)
    {
        var locations = new Dictionary<string, Location>(StringComparer.Ordinal);
        foreach (var s in sites)
            if (s is { Location: { } loc } site && !locations.ContainsKey(site.MetadataName)) locations.Add(site.MetadataName, loc);
        foreach (var pop in plan.Populations)
        {
            foreach (var group in pop.Groups)
            {
                if (group.Projections.Length < 2) continue;
                foreach (var member in group.Projections)
                {
                    if (!locations.TryGetValue(member, out var loc)) continue;
                    string others = string.Join(", ", group.Projections.Where(m => m != member).Select(m => "'" + m + "'"));
                    yield return Diagnostic.Create(DiagnosticDescriptors.MergedProjections, loc, member, group.Index, pop.Spec.Type.MetadataName, others, group.Key.Text);
                }
            }
        }
    }
}
