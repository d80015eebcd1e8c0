using Microsoft.CodeAnalysis;

namespace SpikeSharp.Generator.Diagnostics;

/// <summary>
/// Diagnostics of Full projections and declared networks: SPK4001–SPK4099 (errors, warnings and info alike; the
/// severity is each one's own). Documented in docs/diagnostics.md; listed in <see cref="DiagnosticDescriptors.All"/>.
/// </summary>
internal static class ProjectionDescriptors
{
    static string Help(string id) => DiagnosticDescriptors.HelpPage + "#" + id.ToLowerInvariant();

    static DiagnosticDescriptor Make(string id, string title, string message, DiagnosticSeverity severity, string help, string category = DiagnosticDescriptors.ModelCategory) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description: help, helpLinkUri: Help(id));

    public const string PreSizeMismatchId = "SPK4001";
    public static readonly DiagnosticDescriptor PreSizeMismatch = Make(PreSizeMismatchId,
        "Comm input size differs from the pre population",
        "Projection '{0}': numIn = {1}, but pre population '{2}' has size {3}",
        DiagnosticSeverity.Error, "A Full projection reads all of its pre population's spikes: the comm layer's numIn must equal the size of the pre population.");

    public const string PreNotPopulationId = "SPK4002";
    public static readonly DiagnosticDescriptor PreNotPopulation = Make(PreNotPopulationId,
        "Pre is not a population",
        "Projection '{0}': Pre = typeof({1}), but '{1}' has no [Population] attribute",
        DiagnosticSeverity.Error, "A Full projection's Pre must be a class marked [Population(size)], compiled with the projection.");

    public const string MissingPreId = "SPK4003";
    public static readonly DiagnosticDescriptor MissingPre = Make(MissingPreId,
        "Full projection has no pre population",
        "Projection '{0}': [{1}] needs Pre = typeof(<population>)",
        DiagnosticSeverity.Error, "A Full projection owns the read of its pre population's delayed spikes; name the pre population.");

    public const string InvalidDelayId = "SPK4004";
    public static readonly DiagnosticDescriptor InvalidDelay = Make(InvalidDelayId,
        "Delay must be a finite number ≥ 0",
        "Projection '{0}': {1} = {2} must be a finite number ≥ 0",
        DiagnosticSeverity.Error, "Delay is in ms (0: none), DelaySteps in steps (0: none); negative or non-finite values have no meaning.");

    public const string TwoDelaysId = "SPK4005";
    public static readonly DiagnosticDescriptor TwoDelays = Make(TwoDelaysId,
        "Delay given twice",
        "Projection '{0}': give Delay (ms) or DelaySteps, not both (Delay = {1}, DelaySteps = {2})",
        DiagnosticSeverity.Error, "BrainPy's register_entry takes a delay time or a delay step, not both.");

    public const string DelayNotWholeStepsId = "SPK4006";
    public static readonly DiagnosticDescriptor DelayNotWholeSteps = Make(DelayNotWholeStepsId,
        "Delay is not a whole number of steps",
        "Projection '{0}': Delay = {1} ms is not a whole number of steps at dt = 0.1 ms (the default); it becomes ceil({1}/0.1) = {2} steps ({3} ms)",
        DiagnosticSeverity.Info, "A delay in ms becomes ceil(Delay/dt) steps when the projection is built (BrainPy's rule, in double, with a tolerance of 1e-9 steps). Checked against the default dt; a network built with another dt rounds with that one.");

    public const string TwoRolesId = "SPK4007";
    public static readonly DiagnosticDescriptor TwoRoles = Make(TwoRolesId,
        "Type has two SpikeSharp roles",
        "Type '{0}' carries both [{1}] and [{2}]: split it into two classes",
        DiagnosticSeverity.Error, "A type is one population, one projection or one network; two roles would generate conflicting members.", DiagnosticDescriptors.UsageCategory);

    public const string MergedDelaysDifferId = "SPK4008";
    public static readonly DiagnosticDescriptor MergedDelaysDiffer = Make(MergedDelaysDifferId,
        "Merged projections have different delays",
        "Projection '{0}' (delay {1}) shares synapse buffer G{2} of '{3}' with '{4}' (delay {5}); each delivers with its own delay into the shared buffer",
        DiagnosticSeverity.Info, "The delay is not part of BrainPy's align-post merge key (\"{out_label} // syn // out\"): BrainPy merges such projections too, each reading its own entry of the pre's delay. The synapse is linear, so the result equals two separate buffers up to float summation order.");

    public const string PreInOtherAssemblyId = "SPK4009";
    public static readonly DiagnosticDescriptor PreInOtherAssembly = Make(PreInOtherAssemblyId,
        "Pre population is in another assembly",
        "Projection '{0}': pre population '{1}' is declared in assembly '{2}'; a Full projection and its pre must be compiled together",
        DiagnosticSeverity.Error, "Declare the projection in the population's project, or the population in this one.", DiagnosticDescriptors.UsageCategory);

    public const string PreLessAccessibleId = "SPK4010";
    public static readonly DiagnosticDescriptor PreLessAccessible = Make(PreLessAccessibleId,
        "Pre population is less accessible than the projection",
        "Projection '{0}' is {1} but its pre population '{2}' is {3}: the generated Pre property and constructors cannot expose it",
        DiagnosticSeverity.Error, "Make the pre population at least as accessible as the projection, or the projection less accessible.", DiagnosticDescriptors.UsageCategory);

    public const string InvalidConnectorCountId = "SPK4030";
    public static readonly DiagnosticDescriptor InvalidConnectorCount = Make(InvalidConnectorCountId,
        "Connector count must be positive",
        "Projection '{0}': Num = {1} must be a positive count for Conn = {2}",
        DiagnosticSeverity.Error, "FixedPreNum counts sources per post, FixedPostNum targets per pre (both at most int.MaxValue), FixedTotalNum synapses in all.");

    public const string InvalidWeightRangeId = "SPK4080";
    public static readonly DiagnosticDescriptor InvalidWeightRange = Make(InvalidWeightRangeId,
        "Weight distribution is invalid",
        "Projection '{0}': {1}",
        DiagnosticSeverity.Error, "Uniform weights need WLow ≤ WHigh (both given), normal weights WSigma ≥ 0 (WMu and WSigma both given) and WMin ≤ WMax; per-synapse weights replace Weight and are one distribution.");

    public const string ConnectorNeedsSquareId = "SPK4031";
    public static readonly DiagnosticDescriptor ConnectorNeedsSquare = Make(ConnectorNeedsSquareId,
        "Connector needs as many pre as post neurons",
        "Projection '{0}': {1} needs numIn = numOut, but numIn = {2} and numOut = {3}",
        DiagnosticSeverity.Error, "OneToOne pairs pre i with post i, and IncludeSelf = false removes the pairs (i, i): both need a square matrix.");

    public const string PoissonTargetNotPopulationId = "SPK4040";
    public static readonly DiagnosticDescriptor PoissonTargetNotPopulation = Make(PoissonTargetNotPopulationId,
        "Poisson input target is not a population",
        "Poisson input '{0}': Target = typeof({1}) is not a population compiled with it",
        DiagnosticSeverity.Error, "A [PoissonInput] adds to a state variable of a [Population] of this compilation: name it with Target = typeof(P).");

    public const string PoissonUnknownVariableId = "SPK4041";
    public static readonly DiagnosticDescriptor PoissonUnknownVariable = Make(PoissonUnknownVariableId,
        "Poisson input variable is not a state of the target",
        "Poisson input '{0}': Variable = \"{1}\" is not a state variable of '{2}' (its states: {3})",
        DiagnosticSeverity.Error, "BrainPy's target_var: a state variable of the target's neuron model.");

    public const string PoissonInvalidParameterId = "SPK4042";
    public static readonly DiagnosticDescriptor PoissonInvalidParameter = Make(PoissonInvalidParameterId,
        "Poisson input parameter out of range",
        "Poisson input '{0}': {1} = {2} must be {3}",
        DiagnosticSeverity.Error, "NumInput counts sources (> 0), Freq is a rate in Hz whose per-step probability Freq·dt/1000 is at most 1 (checked at dt = 0.1 ms; the runtime checks the network's dt), Weight is finite.");

    public const string OwnSynapseNotExponId = "SPK4050";
    public static readonly DiagnosticDescriptor OwnSynapseNotExpon = Make(OwnSynapseNotExponId,
        "Unmerged projection needs an Expon synapse",
        "Projection '{0}': [{1}] supports the Expon synapse only (not {2}) so far",
        DiagnosticSeverity.Error, "HalfProjAlignPost and FullProjAlignPost own their synapse and decay it themselves (decay then add); SpikeSharp implements that decay for Expon. Use the Mg form (merged, add then decay) for DualExponV2.");

    public const string DeltaWithSynapseId = "SPK4051";
    public static readonly DiagnosticDescriptor DeltaWithSynapse = Make(DeltaWithSynapseId,
        "Delta projection takes no synapse or output",
        "Projection '{0}': [{1}] adds its comm's output to V directly; remove [{2}]",
        DiagnosticSeverity.Error, "BrainPy's HalfProjDelta(comm, post) and FullProjDelta(pre, delay, comm, post) have no synapse and no output: V += comm(spikes) after integration.");

    // ---- align-pre projections ----

    public const string EventCommOnAlignPreId = "SPK4060";
    public static readonly DiagnosticDescriptor EventCommOnAlignPre = Make(EventCommOnAlignPreId,
        "Event comm on an align-pre projection",
        "Projection '{0}': [{1}] is an event comm, but [{2}] hands its comm the synapse's value, a float for every pre neuron; use a non-event comm: [CSRLinear], [JitFPHomoLinear], [JitFPUniformLinear], [JitFPNormalLinear], [AllToAll] or [OneToOne]",
        DiagnosticSeverity.Error, "An align-pre projection's synapse is pre-sized and its value is non-zero almost everywhere (brainpy-semantics.md §4.2 items 5–8): BrainPy's docs ask for a non-event comm, and an event comm would treat every non-zero g as a spike.");

    public const string AlignPostSynapseOnAlignPreId = "SPK4061";
    public static readonly DiagnosticDescriptor AlignPostSynapseOnAlignPre = Make(AlignPostSynapseOnAlignPreId,
        "Align-post synapse on an align-pre projection",
        "Projection '{0}': [{1}] is an align-post synapse; [{2}] needs a pre-sized synapse ({3})",
        DiagnosticSeverity.Error, "Expon and DualExponV2 live on the post population and receive events (add_current); an align-pre projection steps a pre-sized synapse (Alpha, DualExpon, NMDA, AMPA, GABAa) on the pre's spikes.");

    public const string PreSynapseOnAlignPostId = "SPK4062";
    public static readonly DiagnosticDescriptor PreSynapseOnAlignPost = Make(PreSynapseOnAlignPostId,
        "Pre-sized synapse on an align-post projection",
        "Projection '{0}': [{1}] is a pre-sized synapse (no add_current); [{2}] needs an align-post synapse ({3}), or use [FullProjAlignPreDSMg]",
        DiagnosticSeverity.Error, "BrainPy's align-post projections call syn.add_current, which only Expon and DualExponV2 have (brainpy-semantics.md §3.1).");

    public const string NonEventCommOnAlignPostId = "SPK4063";
    public static readonly DiagnosticDescriptor NonEventCommOnAlignPost = Make(NonEventCommOnAlignPostId,
        "Non-event comm on a spike projection",
        "Projection '{0}': [{1}] multiplies a float vector; [{2}] delivers spikes: use [EventCSRLinear]",
        DiagnosticSeverity.Error, "CSRLinear is the comm of an align-pre projection (its input is the synapse's value); projections that deliver spikes use the event form.");

    // ---- declared networks ----

    public const string MemberInitializedId = "SPK4020";
    public static readonly DiagnosticDescriptor MemberInitialized = Make(MemberInitializedId,
        "Network member has an initializer",
        "Network '{0}': member '{1}' has an initializer; the generated constructor builds every population and projection member",
        DiagnosticSeverity.Error, "Remove the initializer: the network's constructor builds each member with its derived seed and the network's dt.", DiagnosticDescriptors.UsageCategory);

    public const string DuplicateMemberId = "SPK4021";
    public static readonly DiagnosticDescriptor DuplicateMember = Make(DuplicateMemberId,
        "Two network members of one type",
        "Network '{0}': members '{1}' and '{2}' are both of type '{3}'; a network holds one instance of each population and projection type",
        DiagnosticSeverity.Error, "A projection names its pre and post by type; two instances of one population type would make that ambiguous. Declare a second type.", DiagnosticDescriptors.UsageCategory);

    public const string MemberNotInNetworkId = "SPK4022";
    public static readonly DiagnosticDescriptor MemberNotInNetwork = Make(MemberNotInNetworkId,
        "Projection's population is not a network member",
        "Network '{0}': projection '{1}' ({2}) needs its {3} population '{4}', which is not a member of the network",
        DiagnosticSeverity.Error, "Add a field of that population type to the network, or remove the projection.", DiagnosticDescriptors.UsageCategory);

    public const string HalfProjectionNotFedId = "SPK4023";
    public static readonly DiagnosticDescriptor HalfProjectionNotFed = Make(HalfProjectionNotFedId,
        "Half projection gets no spikes from the generated step",
        "Network '{0}': '{1}' is a Half projection, which the generated Step does not feed (a Half projection is handed its spikes by the model's update); write Update(float) and call {1}.Deliver(...), or make it a FullProjAlignPostMg",
        DiagnosticSeverity.Warning, "BrainPy's Half projections are called by the user's update with the spikes they get; the generated step cannot know them.");

    public const string NoPopulationId = "SPK4024";
    public static readonly DiagnosticDescriptor NoPopulation = Make(NoPopulationId,
        "Network has no population",
        "Network '{0}' has no field of a population type",
        DiagnosticSeverity.Error, "Declare the network's populations and projections as instance fields: [Network] partial class Net { E e; I i; EE ee; }.", DiagnosticDescriptors.UsageCategory);

    public const string StaticMemberId = "SPK4025";
    public static readonly DiagnosticDescriptor StaticMember = Make(StaticMemberId,
        "Network member is static",
        "Network '{0}': member '{1}' is static; population and projection members must be instance fields",
        DiagnosticSeverity.Error, "Each network instance builds its own members.", DiagnosticDescriptors.UsageCategory);

    public static readonly DiagnosticDescriptor[] All =
    {
        PreSizeMismatch, PreNotPopulation, MissingPre, InvalidDelay, TwoDelays, DelayNotWholeSteps, TwoRoles, MergedDelaysDiffer,
        PreInOtherAssembly, PreLessAccessible, InvalidConnectorCount, ConnectorNeedsSquare, InvalidWeightRange,
        PoissonTargetNotPopulation, PoissonUnknownVariable, PoissonInvalidParameter, OwnSynapseNotExpon, DeltaWithSynapse,
        EventCommOnAlignPre, AlignPostSynapseOnAlignPre, PreSynapseOnAlignPost, NonEventCommOnAlignPost, MemberInitialized, DuplicateMember, MemberNotInNetwork, HalfProjectionNotFed, NoPopulation, StaticMember,
    };
}
