using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using SpikeSharp.Generator.Emit;
using SpikeSharp.Generator.Helpers;
using SpikeSharp.Generator.Model;

namespace SpikeSharp.Generator.Lowering;

/// <summary>Declared networks → plans: each member matched with the model plan (a population's size, a projection's
/// delay); members without a valid model make the network a placeholder. Also the populations that need a state file.</summary>
internal static class NetworkLowering
{
    public static NetworkPlan2 Plan(NetworkSpec spec, NetworkPlan models, ImmutableArray<PoissonSpec> poisson, ImmutableArray<PoissonGroupSpec> groups, string version)
    {
        var members = new List<NetworkMemberPlan>();
        var invalid = new List<string>();
        foreach (var m in spec.Members)
        {
            if (m.Kind == MemberKind.PoissonInput)
            {
                bool ok = poisson.Any(p => p.Type.FullyQualifiedName == m.Type);
                if (!ok) invalid.Add(m.Field);
                members.Add(new NetworkMemberPlan(m, 0, null, ok));
                continue;
            }
            if (m.Kind == MemberKind.PoissonGroup)
            {
                var g = groups.FirstOrDefault(p => p.Type.FullyQualifiedName == m.Type);
                if (g is null) invalid.Add(m.Field);
                members.Add(new NetworkMemberPlan(m, g?.Size ?? 0, null, g is not null));
                continue;
            }
            if (m.Kind == MemberKind.Population)
            {
                var pop = models.Populations.FirstOrDefault(p => p.Spec.Type.FullyQualifiedName == m.Type);
                if (pop is null) invalid.Add(m.Field);
                members.Add(new NetworkMemberPlan(m, pop?.Spec.Size ?? 0, null, pop is not null));
            }
            else
            {
                var proj = models.Projections.FirstOrDefault(p => p.Spec.Type.FullyQualifiedName == m.Type);
                bool ok = proj is not null && (m.Kind == MemberKind.Vanilla
                    ? proj.Spec.Vanilla
                    : !proj.Spec.Vanilla && (proj.Spec.Full is null) == (m.Kind == MemberKind.HalfProjection));
                if (!ok) invalid.Add(m.Field);
                members.Add(new NetworkMemberPlan(m, 0, proj?.Spec.Full is { } f ? ProjectionEmitter.DelayText(f) : null, ok)
                {
                    PreSynapseKey = proj is { Spec.AlignPre: true } ? AlignPreEmitter.SynapseKey(proj.Spec) : null,
                    PlasticityState = proj?.Spec.Plasticity is not null,
                    NeedsSeed = proj is null || CommLowering.Lower(proj.Spec.Comm, eventForm: !proj.Spec.AlignPre && !proj.Spec.Vanilla, proj.Spec.Type.Name)?.NeedsSeed != false,
                });
            }
        }
        return new NetworkPlan2(spec, members.ToEquatableArray(), invalid.ToEquatableArray(), version, "SpikeSharp.Network." + spec.Type.MetadataName + ".g.cs");
    }

    /// <summary>Every valid population that some valid network holds, once, in ordinal order.</summary>
    public static EquatableArray<PopulationStatePlan> States(ImmutableArray<NetworkPlan2> networks, NetworkPlan models)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in networks)
            if (n.Invalid.Length == 0)
                foreach (var m in n.Members)
                    if (m.Member.Kind == MemberKind.Population) wanted.Add(m.Member.Type);
        return models.Populations.Where(p => wanted.Contains(p.Spec.Type.FullyQualifiedName))
            .OrderBy(p => p.Spec.Type.MetadataName, StringComparer.Ordinal)
            .Select(p => new PopulationStatePlan(p, "SpikeSharp.State." + p.Spec.Type.MetadataName + ".g.cs"))
            .ToEquatableArray();
    }
}
