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

    public const string ReleaseFractionOutOfRangeId = "SPK0030";
    public static readonly DiagnosticDescriptor ReleaseFractionOutOfRange = Error(ReleaseFractionOutOfRangeId,
        "Release fraction must be in (0, 1]",
        "'{0}': {1} = {2} must be in (0, 1]",
        ModelCategory, "STD's and STP's U is the fraction of the available resources a spike releases (STD) or the increment of the release probability u per spike (STP). At 0 nothing is ever released; above 1 a spike releases more than is available and x turns negative (STP's u exceeds 1).");

    public const string BaseWithoutParameterlessConstructorId = "SPK0031";
    public static readonly DiagnosticDescriptor BaseWithoutParameterlessConstructor = Error(BaseWithoutParameterlessConstructorId,
        "Base class has no constructor without arguments",
        "The {0} '{1}' derives from '{2}', which has no accessible constructor callable without arguments; the generated constructors call base()",
        UsageCategory, "SpikeSharp generates the constructors of a model class, and they call the base class's constructor without arguments. Give the base a public or protected constructor whose parameters are all optional, or derive from another class (or none). The type is not generated until then.");

    public const string DuplicatePlasticityId = "SPK0041";
    public static readonly DiagnosticDescriptor DuplicatePlasticity = Error(DuplicatePlasticityId,
        "Two short-term plasticity attributes",
        "Projection '{0}': [{1}] and [{2}] both scale the delivered weight; keep one",
        ModelCategory, "An align-post projection's events are scaled by one pre-side short-term plasticity, STD or STP (BrainPy's stp= takes one).");

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

    // ---- SPK3001–SPK3099: users' own models ([NeuronModel] classes deriving from CustomNeuron; README "Your own models").

    static DiagnosticDescriptor UserError(string id, string title, string message, string help) =>
        Error(id, title, message, ModelCategory, help);

    public const string UnsupportedConstructId = "SPK3001";
    public static readonly DiagnosticDescriptor UnsupportedConstruct = UserError(UnsupportedConstructId,
        "Construct outside the model subset of C#",
        "{0}: {1} is not in the C# subset a model is written in ({2})",
        "A model's methods may use numbers, parameters, state variables, I, locals, + - * /, comparisons, && and ||, ?:, casts, Math/MathF Exp, Log, Pow, Sqrt, Tanh, Abs, Min, Max, constants and calls of the model's own expression methods.");

    public const string UnknownModelIdentifierId = "SPK3002";
    public static readonly DiagnosticDescriptor UnknownModelIdentifier = UserError(UnknownModelIdentifierId,
        "Unknown identifier in a model",
        "{0}: '{1}' is not a parameter, state variable, local or I{2} (parameters: {3}; states: {4})",
        "A model's equations may read its parameters (public double properties), its state variables ([State] members), I (the step's input current), locals and constants.");

    public const string DerivativeOfNonStateId = "SPK3003";
    public static readonly DiagnosticDescriptor DerivativeOfNonState = UserError(DerivativeOfNonStateId,
        "Derivative of something that is not a state variable",
        "{0}: method '{1}' is the derivative of '{2}', which is not a state variable{3} (states: {4})",
        "A method named d‹X›() is the derivative of state variable ‹X›; declare ‹X› with [State], or rename the method.");

    public const string StateWithoutUpdateId = "SPK3004";
    public static readonly DiagnosticDescriptor StateWithoutUpdate = UserError(StateWithoutUpdateId,
        "State variable with no derivative and no update",
        "{0}: state variable '{1}' has no derivative d{1}() and no update Next{1}()",
        "Every state variable advances each step: by its derivative d‹X›() (integrated by the population's Method) or by an explicit update Next‹X›().");

    public const string AssignsParameterId = "SPK3005";
    public static readonly DiagnosticDescriptor AssignsParameter = UserError(AssignsParameterId,
        "A model assigns a parameter",
        "{0}: {1} assigns parameter '{2}'; parameters are constants, only state variables can be assigned",
        "Reset() and Init() assign state variables only; a parameter is set on the population's attribute.");

    public const string NonFiniteConstantId = "SPK3006";
    public static readonly DiagnosticDescriptor NonFiniteConstant = UserError(NonFiniteConstantId,
        "Constant expression is NaN or infinite",
        "{0}: the constant expression '{1}' is {2}{3}",
        "A constant subexpression (numbers and parameters at their defaults) that is NaN or infinite makes every neuron's state NaN or infinite.");

    public const string SpikeIgnoresVId = "SPK3007";
    public static readonly DiagnosticDescriptor SpikeIgnoresV = new(SpikeIgnoresVId,
        "Spike condition never reads V",
        "{0}: Spike() never reads V, so whether a neuron spikes does not depend on its membrane potential",
        ModelCategory, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        description: "A spike condition such as V >= VTh (or the upward crossing Old(V) < VTh && V >= VTh) reads V; one that does not is usually a typo.",
        helpLinkUri: Help(SpikeIgnoresVId));

    public const string NotCustomNeuronId = "SPK3008";
    public static readonly DiagnosticDescriptor NotCustomNeuron = UserError(NotCustomNeuronId,
        "Neuron model must derive from CustomNeuron",
        "{0}: a [NeuronModel] class must be a non-generic class deriving from SpikeSharp.CustomNeuron",
        "Write 'public sealed class ‹Name› : CustomNeuron', so that the model is also the attribute a population names.");

    public const string MissingModelPartId = "SPK3009";
    public static readonly DiagnosticDescriptor MissingModelPart = UserError(MissingModelPartId,
        "Neuron model lacks a required part",
        "{0} has no {1}",
        "A neuron model needs a state variable V (the membrane potential) and a spike condition 'bool Spike()'.");

    public const string ModelWithoutSourceId = "SPK3010";
    public static readonly DiagnosticDescriptor ModelWithoutSource = UserError(ModelWithoutSourceId,
        "Neuron model is not marked [NeuronModel] or has no source here",
        "Population '{0}': [{1}] derives from CustomNeuron but {2}",
        "A user's model is read from its source at compile time: declare it in the same project, marked [NeuronModel].");

    public const string BadModelMemberId = "SPK3011";
    public static readonly DiagnosticDescriptor BadModelMember = UserError(BadModelMemberId,
        "Model member has the wrong form",
        "{0}: {1} must be {2}",
        "Parameters are public double (or float) properties with a constant default; state variables are double (or float) members marked [State]; d‹X›(), Next‹X›() return double and take no parameters; Spike() returns bool; Reset() and Init() return void.");

    public const string InitOrderId = "SPK3012";
    public static readonly DiagnosticDescriptor InitOrder = UserError(InitOrderId,
        "Initial value reads a state declared later",
        "{0}: the initial value of '{1}' reads '{2}', which is declared after it; declare '{2}' first",
        "Initial values are computed in declaration order (an initial value may read the states declared before it, as Izhikevich's u₀ = b·V₀).");

    public const string DuplicateModelPartId = "SPK3013";
    public static readonly DiagnosticDescriptor DuplicateModelPart = UserError(DuplicateModelPartId,
        "Model part defined twice",
        "{0}: {1} is defined twice",
        "A state variable has one derivative or one explicit update; a model has at most one refractory parameter and one of each of Spike(), Reset(), Init().");

    public const string ConstantSpikeId = "SPK3014";
    public static readonly DiagnosticDescriptor ConstantSpike = UserError(ConstantSpikeId,
        "Spike condition is constant",
        "{0}: Spike() reads no state variable and no input, so every neuron spikes on every step or never",
        "A spike condition compares a state variable (usually V after the step) with a threshold.");

    static DiagnosticDescriptor UserWarning(string id, string title, string message, string help) =>
        new(id, title, message, ModelCategory, DiagnosticSeverity.Warning, isEnabledByDefault: true, description: help, helpLinkUri: Help(id));

    public const string DerivativeUnitsId = "SPK3015";
    public static readonly DiagnosticDescriptor DerivativeUnits = UserWarning(DerivativeUnitsId,
        "Derivative has the wrong units",
        "{0}: {1}() has units of {2}, but the derivative of '{3}' ({4}) must have {5} ({4} per ms)",
        "From the units declared with [Param(\"…\")] and [State(\"…\")], a derivative dX() must have X's unit per ms (time is in ms). Only known units are checked: a member without a unit, the input I and a product with a bare number are not.");

    public const string InconsistentUnitsId = "SPK3016";
    public static readonly DiagnosticDescriptor InconsistentUnits = UserWarning(InconsistentUnitsId,
        "Units do not match inside a model expression",
        "{0}: in {1}(), '{2}' {3}",
        "A sum, difference, comparison, Min/Max or ?: of two quantities with different declared units (or mV with V), or Exp/Log/Tanh of a quantity with a unit, is dimensionally wrong.");

    public const string UpdateUnitsId = "SPK3017";
    public static readonly DiagnosticDescriptor UpdateUnits = UserWarning(UpdateUnitsId,
        "Explicit update has the wrong units",
        "{0}: {1}() has units of {2}, but it is the new value of '{3}', which has {4}",
        "An explicit update NextX() returns X's next value, in X's declared unit.");

    // ---- SPK3020–SPK3039: users' own synapse models ([SynapseModel] classes deriving from CustomSynapse).

    public const string NotCustomSynapseId = "SPK3020";
    public static readonly DiagnosticDescriptor NotCustomSynapse = UserError(NotCustomSynapseId,
        "Synapse model must derive from CustomSynapse",
        "{0}: a [SynapseModel] class must be a non-generic, non-abstract class deriving from SpikeSharp.CustomSynapse",
        "Write 'public sealed class ‹Name› : CustomSynapse', so that the model is also the attribute a projection names.");

    public const string SynapseWithoutReceiveId = "SPK3021";
    public static readonly DiagnosticDescriptor SynapseWithoutReceive = UserError(SynapseWithoutReceiveId,
        "Synapse model has no receiving state",
        "{0} has no receiving state: {1}",
        "A synapse model says which state variables receive what arrives (the comm's output on an align-post projection, the pre neuron's spike on an align-pre one): void Receive(double x) => G += x;");

    public const string SynapseWithoutValueId = "SPK3022";
    public static readonly DiagnosticDescriptor SynapseWithoutValue = UserError(SynapseWithoutValueId,
        "Synapse model has no output value",
        "{0} has no output value: declare double Value() (the value its output reads, e.g. double Value() => G;)",
        "The output of a projection (Coba, Cuba, MgBlock) reads the synapse's value, double Value(), computed from the states after the step.");

    public const string ReceiveNotAdditiveId = "SPK3023";
    public static readonly DiagnosticDescriptor ReceiveNotAdditive = UserError(ReceiveNotAdditiveId,
        "Synapse's receive rule is not additive on an align-post projection",
        "Projection '{0}': [{1}] cannot be the synapse of a {2}: an align-post projection adds the comm's output to the synapse's states (BrainPy's add_current), but {1}.Receive() {3}",
        "On an align-post projection (HalfProjAlignPostMg, FullProjAlignPostMg) deliveries are summed into the receiving states before the synapse steps, so Receive(x) may only add x to states (G += x;), each once. Use the synapse on FullProjAlignPreDSMg / FullProjAlignPreSDMg, where Receive gets the spike and may add any expression of it.");

    public const string SynapseModelWithoutSourceId = "SPK3024";
    public static readonly DiagnosticDescriptor SynapseModelWithoutSource = UserError(SynapseModelWithoutSourceId,
        "Synapse model is not marked [SynapseModel] or has no source here",
        "Projection '{0}': [{1}] derives from CustomSynapse but {2}",
        "A user's synapse model is read from its source at compile time: declare it in the same project, marked [SynapseModel].");

    public const string ReceiveIgnoresInputId = "SPK3025";
    public static readonly DiagnosticDescriptor ReceiveIgnoresInput = UserWarning(ReceiveIgnoresInputId,
        "Receive() never reads what arrives",
        "{0}: Receive({1}) never reads '{1}', so the synapse does not depend on the spikes it receives",
        "Receive(x) adds what arrives (x) to the receiving states; a rule that ignores x, such as G += 1, is usually a typo.");

    public const string ConstantSynapseValueId = "SPK3026";
    public static readonly DiagnosticDescriptor ConstantSynapseValue = UserWarning(ConstantSynapseValueId,
        "Synapse's Value() reads no state variable",
        "{0}: Value() reads no state variable, so the output does not depend on the spikes the synapse receives",
        "Value() is what the output reads, usually a state (G) or an expression of states (A * (GDecay - GRise)).");

    public const string UserSynapseOnOwnSynapseProjectionId = "SPK3027";
    public static readonly DiagnosticDescriptor UserSynapseOnOwnSynapseProjection = UserError(UserSynapseOnOwnSynapseProjectionId,
        "User synapse on a projection with its own synapse",
        "Projection '{0}': [{1}] is a user's synapse model, but a {2} decays its own Expon synapse before adding (BrainPy's own-synapse projection); use [Expon], or a HalfProjAlignPostMg / FullProjAlignPostMg",
        "HalfProjAlignPost and FullProjAlignPost hold their own, unmerged Expon (decay then add); a user's synapse goes on a merging align-post projection or on an align-pre one.");

    public const string SynapseStateClashId = "SPK3028";
    public static readonly DiagnosticDescriptor SynapseStateClash = UserError(SynapseStateClashId,
        "Synapse state is named like a projection member",
        "Projection '{0}': state '{1}' of [{2}] would be a member of the generated projection, which already has '{3}'; rename the state",
        "A projection shows its synapse's states as read-only members named like them (G, H, …); a state may not take the name of another member of the projection (Post, Weight, Deliver, …).");

    public const string AssignmentUnitsId = "SPK3029";
    public static readonly DiagnosticDescriptor AssignmentUnits = UserWarning(AssignmentUnitsId,
        "Assignment has the wrong units",
        "{0}: {1}() assigns '{2}' a value with units of {3}, but '{2}' has {4}",
        "An assignment in Reset(), Init() or a synapse's Receive() gives the state a value in its declared unit (from [Param(\"…\")] and [State(\"…\")]; unknown units and bare numbers are not checked).");

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
        BaseWithoutParameterlessConstructor,
        PostInOtherAssembly,
        UnresolvedGeneratedConstant,
        NonPositiveParameter,
        ReleaseFractionOutOfRange,
        DuplicatePlasticity,
        ThresholdNotAboveReset,
        InitialAboveThreshold,
        MergedProjections,
        UnsupportedConstruct,
        UnknownModelIdentifier,
        DerivativeOfNonState,
        StateWithoutUpdate,
        AssignsParameter,
        NonFiniteConstant,
        SpikeIgnoresV,
        NotCustomNeuron,
        MissingModelPart,
        ModelWithoutSource,
        BadModelMember,
        InitOrder,
        DuplicateModelPart,
        ConstantSpike,
        DerivativeUnits,
        InconsistentUnits,
        UpdateUnits,
        NotCustomSynapse,
        SynapseWithoutReceive,
        SynapseWithoutValue,
        ReceiveNotAdditive,
        SynapseModelWithoutSource,
        ReceiveIgnoresInput,
        ConstantSynapseValue,
        UserSynapseOnOwnSynapseProjection,
        SynapseStateClash,
        AssignmentUnits).AddRange(ProjectionDescriptors.All).AddRange(PoissonGroupDescriptors.All).AddRange(VanillaDescriptors.All);
}
