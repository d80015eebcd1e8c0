using Microsoft.CodeAnalysis;

namespace SpikeSharp.Generator.Diagnostics;

/// <summary>
/// Diagnostics of [VanillaProj] (BrainPy's <c>bp.dyn.VanillaProj</c>): SPK4120–SPK4129. Documented in docs/diagnostics.md;
/// listed in <see cref="DiagnosticDescriptors.All"/>. The comm's sizes are checked as every projection's (SPK0003).
/// </summary>
internal static class VanillaDescriptors
{
    static string Help(string id) => DiagnosticDescriptors.HelpPage + "#" + id.ToLowerInvariant();

    static DiagnosticDescriptor Make(string id, string title, string message, DiagnosticSeverity severity, string help, string category = DiagnosticDescriptors.ModelCategory) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description: help, helpLinkUri: Help(id));

    public const string EventCommId = "SPK4120";
    public static readonly DiagnosticDescriptor EventComm = Make(EventCommId,
        "Event comm on a VanillaProj",
        "Projection '{0}': [{1}] is an event comm, but [VanillaProj] hands its comm a float for every input; use a non-event comm: [CSRLinear], [JitFPHomoLinear], [JitFPUniformLinear], [JitFPNormalLinear], [AllToAll] or [OneToOne]",
        DiagnosticSeverity.Error, "BrainPy's VanillaProj computes comm(x) on whatever the user passes each step (brainpy-semantics.md §4.2 item 10): a vector of values, not spikes.");

    public const string SynapseGivenId = "SPK4121";
    public static readonly DiagnosticDescriptor SynapseGiven = Make(SynapseGivenId,
        "Synapse on a VanillaProj",
        "Projection '{0}': [VanillaProj] has no synapse (comm(x) goes straight to the output); remove [{1}], or use a projection with a synapse",
        DiagnosticSeverity.Error, "BrainPy's VanillaProj(comm, out, post) has no synapse and no delay: out.bind_cond(comm(x)).");

    // SPK4130–SPK4139: a VanillaProj as a [Network] member and its [VanillaInput].

    public const string UnknownInputId = "SPK4130";
    public static readonly DiagnosticDescriptor UnknownInput = Make(UnknownInputId,
        "VanillaProj input is not a population of the network",
        "Network '{0}': VanillaProj '{1}' takes its input from '{2}', which is not a population or Poisson group member of the network (they are: {3})",
        DiagnosticSeverity.Error, "[VanillaInput(nameof(m))] names a population or Poisson group field of the same network: its spikes (or, with State, a state array) are the projection's values each step.",
        DiagnosticDescriptors.UsageCategory);

    public const string InputSizeMismatchId = "SPK4131";
    public static readonly DiagnosticDescriptor InputSizeMismatch = Make(InputSizeMismatchId,
        "VanillaProj input size differs from the comm's numIn",
        "Network '{0}': VanillaProj '{1}' takes numIn = {2} values, but its input '{3}' ({4}) has {5}",
        DiagnosticSeverity.Error, "The values a network hands a VanillaProj are one per neuron of the source member: the comm's numIn must equal that member's size.",
        DiagnosticDescriptors.UsageCategory);

    public const string UnknownStateId = "SPK4132";
    public static readonly DiagnosticDescriptor UnknownState = Make(UnknownStateId,
        "VanillaProj input state does not exist",
        "Network '{0}': VanillaProj '{1}' takes state '{2}' of '{3}', which {4}",
        DiagnosticSeverity.Error, "State names a state variable of the source population's neuron model (e.g. \"V\"), as the population declares it.",
        DiagnosticDescriptors.UsageCategory);

    public const string InputNotOnVanillaId = "SPK4133";
    public static readonly DiagnosticDescriptor InputNotOnVanilla = Make(InputNotOnVanillaId,
        "[VanillaInput] on a field that is not a VanillaProj member",
        "Network '{0}': field '{1}' has [VanillaInput], but it is not a VanillaProj member of the network; remove the attribute or make the field's type a [VanillaProj]",
        DiagnosticSeverity.Error, "[VanillaInput] tells a [Network] what to hand one of its VanillaProj members each step; on any other field it would do nothing.",
        DiagnosticDescriptors.UsageCategory);

    public static readonly DiagnosticDescriptor[] All = { EventComm, SynapseGiven, UnknownInput, InputSizeMismatch, UnknownState, InputNotOnVanilla };
}
