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

    public static readonly DiagnosticDescriptor[] All = { EventComm, SynapseGiven };
}
