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
    /// <summary>The diagnostics page in the repository; each diagnostic links to its own section (<c>#spk0004</c>).</summary>
    public const string HelpPage = "https://github.com/spikesharp/spikesharp/blob/main/docs/diagnostics.md";

    static string Help(string id) => HelpPage + "#" + id.ToLowerInvariant();

    static DiagnosticDescriptor Error(string id, string title, string message, string category, string help) =>
        new(id, title, message, category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: help, helpLinkUri: Help(id));

    public const string NotPartialId = "SPK0001";
    public static readonly DiagnosticDescriptor NotPartial = Error(NotPartialId,
        "SpikeSharp type must be partial",
        "Type '{0}' carries [{1}] but is not declared partial, so SpikeSharp cannot generate its model",
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
        "Population '{0}' has no neuron model: add one of {1}",
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

    public const string SizeTooLargeId = "SPK0028";
    public static readonly DiagnosticDescriptor SizeTooLarge = Error(SizeTooLargeId,
        "Size is larger than an array can hold",
        "'{0}': {1} = {2} is more than the largest .NET array ({3} elements), so its state cannot be allocated",
        ModelCategory, "Each state variable of a population is one array of Size elements, and a comm's sizes index such arrays; .NET arrays hold at most Array.MaxLength (2,147,483,591) elements. Split the population, or use fewer neurons.");

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

    public const string ContainingTypeNotPartialId = "SPK0012";
    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(ContainingTypeNotPartialId,
        "Containing type must be partial",
        "Type '{0}' carries [{1}] but its containing type '{2}' is not declared partial, so the generated part cannot be nested in it",
        UsageCategory, "Add the 'partial' modifier to every declaration of every type that contains a SpikeSharp type.");

    public const string GenericTypeId = "SPK0013";
    public static readonly DiagnosticDescriptor GenericType = Error(GenericTypeId,
        "SpikeSharp type must not be generic",
        "Type '{0}' carries [{1}] but '{2}' is generic; a population or projection and its containing types cannot have type parameters",
        UsageCategory, "Sizes and parameters are compile-time constants of one concrete type; remove the type parameters.");

    public const string UnsupportedTypeKindId = "SPK0014";
    public static readonly DiagnosticDescriptor UnsupportedTypeKind = Error(UnsupportedTypeKindId,
        "Attribute on an unsupported kind of type",
        "Type '{0}' is a {1}, but [{2}] needs a partial, non-static, non-record class",
        UsageCategory, "Populations and projections are generated as instance classes; records, structs, interfaces and static classes are not supported.");

    public const string TwoNeuronModelsId = "SPK0015";
    public static readonly DiagnosticDescriptor TwoNeuronModels = Error(TwoNeuronModelsId,
        "Population has two neuron models",
        "Population '{0}' has two neuron models, [{1}] and [{2}]: keep one",
        ModelCategory, "Every [Population] needs exactly one neuron model attribute.");

    public const string DuplicateProjectionPartId = "SPK0016";
    public static readonly DiagnosticDescriptor DuplicateProjectionPart = Error(DuplicateProjectionPartId,
        "Projection has two parts of one role",
        "Projection '{0}' has two {1}s, [{2}] and [{3}]: keep one",
        ModelCategory, "A HalfProjAlignPostMg needs exactly one comm, one synapse and one output attribute.");

    public const string NonFiniteValueId = "SPK0017";
    public static readonly DiagnosticDescriptor NonFiniteValue = Error(NonFiniteValueId,
        "Parameter must be finite",
        "'{0}': {1} = {2} must be a finite number within float range",
        ModelCategory, "Weights, potentials, resistances, reversal potentials and initial values are stored as float; NaN or infinite values poison every state they touch.");

    public const string NegativeRefractoryPeriodId = "SPK0018";
    public static readonly DiagnosticDescriptor NegativeRefractoryPeriod = Error(NegativeRefractoryPeriodId,
        "Refractory period must be non-negative and finite",
        "'{0}': {1} = {2} must be a finite number of ms ≥ 0",
        ModelCategory, "TauRef counts the ms a neuron is held after a spike; 0 means no refractoriness.");

    public const string NegativeStdId = "SPK0019";
    public static readonly DiagnosticDescriptor NegativeStd = Error(NegativeStdId,
        "Standard deviation must be non-negative",
        "Population '{0}': {1} = {2} must be a finite number ≥ 0",
        ModelCategory, "InitNormal's Std is BrainPy's scale, a standard deviation.");

    public const string UniformRangeInvertedId = "SPK0020";
    public static readonly DiagnosticDescriptor UniformRangeInverted = Error(UniformRangeInvertedId,
        "Uniform initializer range is inverted",
        "Population '{0}': {1}: Max = {2} is below Min = {3}",
        ModelCategory, "InitUniform draws from [Min, Max); Max must be ≥ Min.");

    public const string DuplicateInitializerId = "SPK0021";
    public static readonly DiagnosticDescriptor DuplicateInitializer = Error(DuplicateInitializerId,
        "State variable initialised twice",
        "Population '{0}': state variable \"{1}\" already has an initializer ([{2}]); [{3}] would overwrite it",
        ModelCategory, "Give each state variable at most one initializer; the order of attributes spread over partial declarations is not defined.");

    public const string ConflictingRolesId = "SPK0022";
    public static readonly DiagnosticDescriptor ConflictingRoles = Error(ConflictingRolesId,
        "Type is both a population and a projection",
        "Type '{0}' carries both [Population] and [HalfProjAlignPostMg]: split it into two classes",
        UsageCategory, "A type is either a population or a projection; both would generate conflicting members.");

    public const string InvalidOutLabelId = "SPK0023";
    public static readonly DiagnosticDescriptor InvalidOutLabel = Error(InvalidOutLabelId,
        "Out label contains a line break or control character",
        "Projection '{0}': OutLabel = {1} contains a line break or control character (U+{2})",
        UsageCategory, "The out label is part of the merge key, which is written into generated comments and constants; use printable characters.");

    public const string PostLessAccessibleId = "SPK0024";
    public static readonly DiagnosticDescriptor PostLessAccessible = Error(PostLessAccessibleId,
        "Post population is less accessible than the projection",
        "Projection '{0}' is {1} but its post population '{2}' is {3}: the generated Post property and constructors cannot expose it",
        UsageCategory, "Make the post population at least as accessible as the projection, or the projection less accessible.");

    public const string GeneratedMemberClashId = "SPK0025";
    public static readonly DiagnosticDescriptor GeneratedMemberClash = Error(GeneratedMemberClashId,
        "Member clashes with a generated member",
        "{0} '{1}' clashes with '{2}', which SpikeSharp generates in {3} '{4}'; rename or remove it",
        UsageCategory, "SpikeSharp generates state, parameters, constructors and Update/Deliver into the partial class; a user member of the same name (or a constructor or method with the same parameter types) would be a CS0102/CS0111 error in generated code, and one inherited from a base class a CS0108 warning. The type is not generated until it is renamed.");

    public const string PostInOtherAssemblyId = "SPK0026";
    public static readonly DiagnosticDescriptor PostInOtherAssembly = Error(PostInOtherAssemblyId,
        "Post population is in another assembly",
        "Projection '{0}': post population '{1}' is declared in assembly '{2}'; a projection and its post must be compiled together",
        UsageCategory, "A post population's merged synapse buffers (G0, G1, …) are generated with it, from the projections compiled next to it; a population already compiled into a referenced assembly cannot gain a buffer for a new projection. Declare the projection in the population's project, or the population in this one.");

    public const string UnresolvedGeneratedConstantId = "SPK0027";
    public static readonly DiagnosticDescriptor UnresolvedGeneratedConstant = Error(UnresolvedGeneratedConstantId,
        "Argument uses a generated constant SpikeSharp cannot resolve",
        "'{0}': argument {1} of [{2}] uses the generated constant '{3}', {4}",
        UsageCategory, "Generated constants (Size, VRest, VTh, … of a population; NumIn, NumOut, Prob, Weight, DefaultSeed of a projection) do not exist yet when SpikeSharp reads the attributes. It resolves one written as the whole argument (Population(N.Size)) from N's own attributes; inside an expression, through a constant of your own, or in a cycle it cannot, and the type would not be generated.");

    public const string NonPositiveParameterId = "SPK0029";
    public static readonly DiagnosticDescriptor NonPositiveParameter = Error(NonPositiveParameterId,
        "Parameter must be positive",
        "'{0}': {1} = {2} must be a positive, finite number within float range",
        ModelCategory, "The parameter divides or scales an exponent (ExpIF's DeltaT divides V − VT); zero or a negative value makes the step infinite or NaN.");

    public const string ThresholdNotAboveResetId = "SPK1001";
    public static readonly DiagnosticDescriptor ThresholdNotAboveReset = new(ThresholdNotAboveResetId,
        "Threshold is not above the reset potential",
        "'{0}': {1}.{2} = {3} is not above {4} = {5}; a neuron reset to {4} is already at threshold and fires on every step it is not refractory",
        ModelCategory, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        description: "Usually VTh and VReset were swapped; BrainPy's defaults are VTh = 20, VReset = -5.", helpLinkUri: Help(ThresholdNotAboveResetId));

    public const string InitialAboveThresholdId = "SPK1002";
    public static readonly DiagnosticDescriptor InitialAboveThreshold = new(InitialAboveThresholdId,
        "Neurons start at or above threshold",
        "Population '{0}': [{1}] starts V at {2} (BrainPy's default), at or above VTh = {3}, so every neuron spikes at step 0; give V an initializer such as [InitConstant(\"V\", {4})]",
        ModelCategory, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        description: "BrainPy's ExpIF, AdExIF, QuaIF and AdQuaIF start V at 0, above their threshold; SpikeSharp keeps that default (design.md decision 8) and warns when no Init attribute targets V.",
        helpLinkUri: Help(InitialAboveThresholdId));

    public const string MergedProjectionsId = "SPK2001";
    public static readonly DiagnosticDescriptor MergedProjections = new(MergedProjectionsId,
        "Projections share a synapse buffer",
        "Projection '{0}' shares synapse buffer G{1} of '{2}' with {3} (merge key: {4})",
        ModelCategory, DiagnosticSeverity.Info, isEnabledByDefault: false,
        description: "Projections onto one population whose synapse and output descriptors are equal by value are merged into one buffer (BrainPy's HalfProjAlignPostMg). Enable with dotnet_diagnostic.SPK2001.severity = suggestion.",
        helpLinkUri: Help(MergedProjectionsId), customTags: WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>Every diagnostic SpikeSharp reports (all from the generator's one parse and its plan).</summary>
    public static readonly System.Collections.Immutable.ImmutableArray<DiagnosticDescriptor> All = System.Collections.Immutable.ImmutableArray.Create(
        NotPartial,
        PostNotPopulation,
        CommSizeMismatch,
        NonPositiveTimeConstant,
        ProbOutOfRange,
        MissingNeuronModel,
        MissingProjectionPart,
        NonPositiveSize,
        SizeTooLarge,
        MissingPost,
        InvalidArgument,
        UnknownStateVariable,
        ContainingTypeNotPartial,
        GenericType,
        UnsupportedTypeKind,
        TwoNeuronModels,
        DuplicateProjectionPart,
        NonFiniteValue,
        NegativeRefractoryPeriod,
        NegativeStd,
        UniformRangeInverted,
        DuplicateInitializer,
        ConflictingRoles,
        InvalidOutLabel,
        PostLessAccessible,
        GeneratedMemberClash,
        PostInOtherAssembly,
        UnresolvedGeneratedConstant,
        NonPositiveParameter,
        ThresholdNotAboveReset,
        InitialAboveThreshold,
        MergedProjections).AddRange(ProjectionDescriptors.All);
}
