using SpikeSharp.Generator.Helpers;

namespace SpikeSharp.Generator.Model;

internal enum MemberKind { Population, HalfProjection, FullProjection, PoissonInput, PoissonGroup, Vanilla }

/// <summary>A member field of a [Network]: its name as declared, its type (fully qualified, as the planner names models),
/// its role, and for a projection its pre (Full only) and post types.</summary>
internal sealed record NetworkMember(string Field, string Type, MemberKind Kind, string? Pre, string? Post)
{
    /// <summary>A VanillaProj's <c>[VanillaInput]</c> source: the field of a population or Poisson group member; null
    /// when the network owns a buffer the user fills (<c>ValuesOf</c>).</summary>
    public string? InputMember { get; init; }

    /// <summary>With <see cref="InputMember"/>: the population's state array handed over; null: its spikes as 0/1 floats.</summary>
    public string? InputState { get; init; }
}

/// <summary>A [Network] partial class: its members in declaration order, and whether it writes its own <c>Update(float)</c>.</summary>
internal sealed record NetworkSpec(TypeDecl Type, EquatableArray<NetworkMember> Members, bool UserUpdate);

/// <summary>A network member after matching with the plan: a population's size, or a projection's delay (Full: null
/// when the plan has no valid model for it).</summary>
internal sealed record NetworkMemberPlan(NetworkMember Member, int Size, string? DelayText, bool Valid)
{
    /// <summary>A FullProjAlignPreDSMg's synapse key (<c>"Delay(d) // syn"</c>): members from the same pre with equal keys share
    /// the first one's synapse state; null for every other member.</summary>
    public string? PreSynapseKey { get; init; }

    /// <summary>An align-post projection with <c>[Std]</c>/<c>[Stp]</c> scaling its events: its own pre-sized state is saved.</summary>
    public bool PlasticityState { get; init; }

    /// <summary>A projection whose comm draws its connectivity (its constructors take a seed); false for AllToAll/OneToOne.</summary>
    public bool NeedsSeed { get; init; } = true;
}

/// <summary>Everything the network's file needs; <see cref="Invalid"/> names members without a valid model (then the
/// network is a placeholder whose constructor throws).</summary>
internal sealed record NetworkPlan2(NetworkSpec Spec, EquatableArray<NetworkMemberPlan> Members, EquatableArray<string> Invalid, string GeneratorVersion, string HintName);

/// <summary>A population that is a member of some network gets a second generated file with its state I/O.</summary>
internal sealed record PopulationStatePlan(PopulationPlan Population, string HintName);

/// <summary>A [PoissonInput] class: its target population (fully qualified), the target variable and BrainPy's
/// num_input, freq (Hz) and weight.</summary>
internal sealed record PoissonSpec(TypeDecl Type, string TargetType, string Variable, int NumInput, double Freq, double Weight, string GeneratorVersion);

/// <summary>A [PoissonGroup] class (BrainPy's <c>bp.dyn.PoissonGroup</c>): its size and initial rate in Hz.</summary>
internal sealed record PoissonGroupSpec(TypeDecl Type, int Size, double Freqs, string GeneratorVersion)
{
    public string HintName => "SpikeSharp.PoissonGroup." + Type.MetadataName + ".g.cs";
}
