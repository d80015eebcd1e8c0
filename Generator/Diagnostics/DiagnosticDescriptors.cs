using Microsoft.CodeAnalysis;

namespace SpikeSharp.Generator.Diagnostics;

/// <summary>
/// The catalogue of SpikeSharp diagnostics. IDs are never reused: SPK0xxx errors, SPK1xxx warnings,
/// SPK2xxx info. Every message names the offending member and value; every location is the attribute
/// argument that is wrong (or the attribute, or the type name when no argument is to blame).
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string ModelCategory = "SpikeSharp.Model";
    public const string UsageCategory = "SpikeSharp.Usage";
    const string HelpBase = "https://github.com/spikesharp/spikesharp/blob/main/README.md#diagnostics";

    static DiagnosticDescriptor Error(string id, string title, string message, string category, string help) =>
        new(id, title, message, category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: help, helpLinkUri: HelpBase);

    public const string NotPartialId = "SPK0001";
    public static readonly DiagnosticDescriptor NotPartial = Error(NotPartialId,
        "SpikeSharp type must be partial",
        "Type '{0}' carries [{1}] but is not declared partial, so nothing can be generated for it",
        UsageCategory, "Add the 'partial' modifier to every declaration of the type.");

    public const string PostNotPopulationId = "SPK0002";
    public static readonly DiagnosticDescriptor PostNotPopulation = Error(PostNotPopulationId,
        "Post is not a population",
        "Projection '{0}': Post = typeof({1}), but '{1}' has no [Population] attribute",
        ModelCategory, "A projection's Post must be a class marked [Population(size)].");

    public const string CommSizeMismatchId = "SPK0003";
    public static readonly DiagnosticDescriptor CommSizeMismatch = Error(CommSizeMismatchId,
        "Comm output size differs from the post population",
        "Projection '{0}': numOut = {1}, but post population '{2}' has size {3}",
        ModelCategory, "The comm layer's numOut must equal the size of the post population.");

    public const string NonPositiveTimeConstantId = "SPK0004";
    public static readonly DiagnosticDescriptor NonPositiveTimeConstant = Error(NonPositiveTimeConstantId,
        "Time constant must be positive and finite",
        "'{0}': {1} = {2} must be a positive, finite number of ms",
        ModelCategory, "Time constants divide dt in exp(−dt/τ); zero, negative, NaN or infinite values make every state NaN or frozen.");

    public const string ProbOutOfRangeId = "SPK0005";
    public static readonly DiagnosticDescriptor ProbOutOfRange = Error(ProbOutOfRangeId,
        "Connection probability out of range",
        "Projection '{0}': Prob = {1} must be in (0, 1]",
        ModelCategory, "Prob is the probability that a (pre, post) pair is connected; 0 connects nothing.");

    public const string MissingNeuronModelId = "SPK0006";
    public static readonly DiagnosticDescriptor MissingNeuronModel = Error(MissingNeuronModelId,
        "Population has no neuron model",
        "Population '{0}' has no neuron model: add one of [LifRef], [Lif]",
        ModelCategory, "Every [Population] needs exactly one neuron model attribute.");

    public const string MissingProjectionPartId = "SPK0007";
    public static readonly DiagnosticDescriptor MissingProjectionPart = Error(MissingProjectionPartId,
        "Projection is missing a part",
        "Projection '{0}' has no {1}: add one of {2}",
        ModelCategory, "A HalfProjAlignPostMg needs one comm, one synapse and one output attribute.");

    public const string NonPositiveSizeId = "SPK0008";
    public static readonly DiagnosticDescriptor NonPositiveSize = Error(NonPositiveSizeId,
        "Size must be positive",
        "'{0}': {1} = {2} must be > 0",
        ModelCategory, "Population sizes and comm sizes count neurons.");

    public const string MissingPostId = "SPK0009";
    public static readonly DiagnosticDescriptor MissingPost = Error(MissingPostId,
        "Projection has no Post",
        "Projection '{0}': [HalfProjAlignPostMg] needs Post = typeof(<population>)",
        ModelCategory, "Name the post-synaptic population with Post = typeof(...).");

    public const string InvalidArgumentId = "SPK0010";
    public static readonly DiagnosticDescriptor InvalidArgument = Error(InvalidArgumentId,
        "Attribute argument is not a constant of the expected type",
        "'{0}': argument {1} of [{2}] is not a constant {3}",
        UsageCategory, "SpikeSharp reads attribute arguments at compile time; give literal values or constants.");

    public const string UnknownStateVariableId = "SPK0011";
    public static readonly DiagnosticDescriptor UnknownStateVariable = Error(UnknownStateVariableId,
        "Initializer names an unknown state variable",
        "Population '{0}': the neuron model has no state variable \"{1}\"{2}; valid: {3}",
        ModelCategory, "Initializers target a state variable of the population's neuron model by name.");
}
