using Microsoft.CodeAnalysis;

namespace SpikeSharp.Generator.Diagnostics;

/// <summary>
/// Diagnostics of [PoissonGroup] members (BrainPy's <c>bp.dyn.PoissonGroup</c>) and the value comms of align-pre projections:
/// SPK4090–SPK4109. Documented in docs/diagnostics.md; listed in <see cref="DiagnosticDescriptors.All"/>.
/// </summary>
internal static class PoissonGroupDescriptors
{
    static string Help(string id) => DiagnosticDescriptors.HelpPage + "#" + id.ToLowerInvariant();

    static DiagnosticDescriptor Make(string id, string title, string message, DiagnosticSeverity severity, string help, string category = DiagnosticDescriptors.ModelCategory) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description: help, helpLinkUri: Help(id));

    public const string GroupInvalidSizeId = "SPK4090";
    public static readonly DiagnosticDescriptor GroupInvalidSize = Make(GroupInvalidSizeId,
        "Poisson group size is not positive",
        "Poisson group '{0}': size = {1} must be a whole number > 0",
        DiagnosticSeverity.Error, "A [PoissonGroup(size)] holds size independent Poisson neurons; size counts them.");

    public const string GroupInvalidFreqsId = "SPK4091";
    public static readonly DiagnosticDescriptor GroupInvalidFreqs = Make(GroupInvalidFreqsId,
        "Poisson group rate is not a finite rate ≥ 0",
        "Poisson group '{0}': Freqs = {1} Hz must be a finite rate ≥ 0",
        DiagnosticSeverity.Error, "Freqs is the firing rate of every neuron in Hz (BrainPy's freqs); a negative, NaN or infinite rate has no spike probability.");

    public const string GroupSaturatesId = "SPK4092";
    public static readonly DiagnosticDescriptor GroupSaturates = Make(GroupSaturatesId,
        "Poisson group rate saturates at dt = 0.1 ms",
        "Poisson group '{0}': Freqs = {1} Hz gives a spike probability Freqs·dt/1000 = {2} > 1 per step at dt = 0.1 ms; every neuron then spikes every step and the rate is 1/dt, not Freqs",
        DiagnosticSeverity.Warning, "BrainPy draws rand() ≤ freqs·dt/1000: above 1 the group spikes every step. Checked at dt = 0.1 ms (the runtime's default); the generated Probability property gives the value at the network's dt.");

    public const string GroupAsPostId = "SPK4093";
    public static readonly DiagnosticDescriptor GroupAsPost = Make(GroupAsPostId,
        "Poisson group as a projection's post",
        "Projection '{0}': Post = typeof({1}), but '{1}' is a [PoissonGroup], which has no synapse or current; a Poisson group can only be a projection's Pre",
        DiagnosticSeverity.Error, "A Poisson group's spikes are drawn, not integrated: nothing of it can receive a comm's output. Make it the Pre of a Full projection.");

    public const string GroupTwoRolesId = "SPK4094";
    public static readonly DiagnosticDescriptor GroupTwoRoles = Make(GroupTwoRolesId,
        "Poisson group has another role",
        "Poisson group '{0}' is also marked [{1}]; a type is a Poisson group, a population or a projection, not two of them",
        DiagnosticSeverity.Error, "Declare the Poisson neurons and the population or projection as separate types.");

    public static readonly DiagnosticDescriptor[] All = { GroupInvalidSize, GroupInvalidFreqs, GroupSaturates, GroupAsPost, GroupTwoRoles };
}
