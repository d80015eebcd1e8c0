using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using SpikeSharp.Generator.Emit;
using SpikeSharp.Generator.Model;

namespace SpikeSharp.Generator.Diagnostics;

/// <summary>SPK4008 (info): a Full projection whose merge group holds another Full projection with a different delay,
/// located at its attribute. Supported (each reads its own delay entry), as in BrainPy; reported so it is not a surprise.</summary>
internal static class FullProjectionReport
{
    public static IEnumerable<Diagnostic> Diagnostics(NetworkPlan plan, ImmutableArray<(string MetadataName, Location? Location)?> sites)
    {
        var locations = new Dictionary<string, Location>(StringComparer.Ordinal);
        foreach (var s in sites)
            if (s is { Location: { } loc } site && !locations.ContainsKey(site.MetadataName)) locations.Add(site.MetadataName, loc);
        var specs = new Dictionary<string, ProjectionSpec>(StringComparer.Ordinal);
        foreach (var p in plan.Projections) specs[p.Spec.Type.MetadataName] = p.Spec;
        foreach (var pop in plan.Populations)
        {
            foreach (var group in pop.Groups)
            {
                foreach (var member in group.Projections)
                {
                    if (!specs.TryGetValue(member, out var spec) || spec.Full is not { } full || !locations.TryGetValue(member, out var loc)) continue;
                    foreach (var other in group.Projections)
                    {
                        if (other == member || !specs.TryGetValue(other, out var o) || o.Full is not { } of) continue;
                        if (of.Unit == full.Unit && of.Value == full.Value) continue;
                        yield return Diagnostic.Create(ProjectionDescriptors.MergedDelaysDiffer, loc, member, Describe(full), group.Index,
                            pop.Spec.Type.MetadataName, other, Describe(of));
                        break;
                    }
                }
            }
        }
    }

    static string Describe(FullSpec f) => ProjectionEmitter.DelayText(f).Replace("delay ", "");
}
