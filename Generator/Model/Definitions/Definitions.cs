using System.Collections.Generic;
using SpikeSharp.Generator.Model.Ir;

namespace SpikeSharp.Generator.Model.Definitions;

// The shape of a model definition (design.md, "Models as data"). A definition is static data: the parser, the
// diagnostics, the generated members, the runtime's attribute classes, the docs and the step all come from it. Plans
// refer to a definition by its attribute name, so they stay small and value-equatable.

/// <summary>How a parameter is checked (each rule has its diagnostic; the message names the member and the value).</summary>
internal enum ParamRule
{
    /// <summary>A finite number within float range (SPK0017).</summary>
    Finite,
    /// <summary>A positive, finite time constant in ms (SPK0004).</summary>
    PositiveTime,
    /// <summary>A finite period ≥ 0 ms (SPK0018): a refractory period.</summary>
    NonNegativeTime,
    /// <summary>A positive, finite number within float range (SPK0029), e.g. ExpIF's ΔT, which divides.</summary>
    Positive,
    /// <summary>A probability in (0, 1] (SPK0005).</summary>
    Probability,
    /// <summary>A release fraction in (0, 1] (SPK0030): STD's and STP's U.</summary>
    ReleaseFraction,
    /// <summary>Any 64-bit integer (a seed).</summary>
    Seed,
}

/// <summary>How the generated class holds a parameter: <c>const float</c> (read per neuron), <c>const double</c> (read
/// only by derived constants, such as a time constant), or nowhere (a comm or synapse parameter used by the
/// projection or written as a literal into the step).</summary>
internal enum Storage { Float, Double, None }

/// <summary>A parameter: C# name (BrainPy's in PascalCase), BrainPy's name, unit, BrainPy's default, rule, storage
/// and the sentence that documents it. <see cref="DefaultExpr"/>: a default computed from the other parameters
/// (DualExponV2's A), evaluated in double when the attribute does not set it; the attribute property's default is then NaN.</summary>
internal sealed record ParamDef(string Name, string BrainPyName, string Unit, double Default, ParamRule Rule, Storage Storage, string Doc,
    Expr? DefaultExpr = null, string Type = "double");

/// <summary>A state variable (one float per neuron): name, BrainPy's name, unit, initial value (an expression of
/// parameters and of states listed before it, such as Izhikevich's u₀ = b·V₀), whether <c>Init*</c> attributes may
/// target it, and its doc.</summary>
internal sealed record StateDef(string Name, string BrainPyName, string Unit, Expr Initial, bool Initializable, string Doc)
{
    /// <summary>BrainPy's default initializer when it is random (HH's V ~ Uniform(−70, −60)): applied, with the population's
    /// seed, when no Init* attribute targets the variable, exactly as if that attribute were written; <see cref="Initial"/>
    /// is then unused.</summary>
    public InitSpec? DefaultInit { get; init; }
}

/// <summary>A constant derived from parameters and dt, computed once in double when an instance is built and
/// rounded once to float (design.md decision 5). The field is <c>__{Name}</c>.</summary>
internal sealed record DerivedDef(string Name, Expr Value, string Doc);

/// <summary>How a state variable advances over one step.</summary>
internal abstract record Update;

/// <summary><c>dy/dt = Derivative</c>, integrated by BrainPy's exp_auto (brainpy-semantics.md §2.2):
/// <c>y + dt·φ(dt·A)·f</c> with <c>A = ∂f/∂y</c> derived symbolically at compile time (Euler where A is 0).</summary>
internal sealed record Ode(Expr Derivative) : Update;

/// <summary>The exact step of a linear ODE <c>τ dy/dt = y∞ − y</c>: <c>y + c·(y∞ − y)</c> with <c>c = 1 − e^(−dt/τ)</c>
/// a derived constant (what exp_auto computes for it, in the form the seed network has always used).
/// <see cref="TimeConstant"/> names τ's parameter, for the Euler form <c>y + (dt/τ)·(y∞ − y)</c>.</summary>
internal sealed record LinearExact(Expr Target, string Coefficient, string TimeConstant) : Update;

/// <summary>BrainPy's integration methods a neuron attribute's <c>Method</c> selects (the runtime's <c>IntegrationMethod</c>,
/// same values).</summary>
internal enum Integration { ExpAuto = 0, Euler = 1, Rk2 = 2, Rk4 = 3 }

/// <summary>An explicit discrete update (a synapse's decay <c>g·e^(−dt/τ)</c>).</summary>
internal sealed record Explicit(Expr Value) : Update;

internal sealed record StateUpdate(string State, Update Update);

/// <summary>A reset of a state where the neuron spiked: <see cref="Value"/> reads the integrated values (<see cref="Next"/>).</summary>
internal sealed record Reset(string State, Expr Value);

/// <summary>A warning when parameter <see cref="Upper"/> is not above <see cref="Lower"/> (SPK1001): a neuron reset to
/// the lower value is already at threshold.</summary>
internal sealed record AboveRule(string Upper, string Lower);

/// <summary>A neuron model (brainpy-semantics.md §2): the step template of §2.1 with this model's parameters, states,
/// derived constants, integration, spike condition and reset. <see cref="Refractory"/> names the refractory period
/// parameter of a <c>…Ref</c> model (V is held for the steps after a spike, design.md decision 2), or null.</summary>
internal sealed record NeuronDef(
    string Attribute, string BrainPy, string Summary,
    IReadOnlyList<ParamDef> Params, IReadOnlyList<StateDef> States, IReadOnlyList<DerivedDef> Derived,
    IReadOnlyList<StateUpdate> Step, Expr Spike, IReadOnlyList<Reset> Resets, string? Refractory,
    IReadOnlyList<AboveRule> Warnings)
{
    public string Family { get; init; } = Attribute;

    /// <summary>A "liquid time constant" model (BrainPy's <c>…LTC</c> classes, brainpy-semantics.md §2.1): its
    /// derivative sums <c>x + Σ out_k(V)</c> itself, so exp_auto's <c>A = ∂f/∂V</c> includes the outputs' dependence on
    /// V (for COBA −R·Σg_k/τ). f's value is the plain model's; only A differs (StepLowering).</summary>
    public bool Ltc { get; init; }
}

/// <summary>An align-post synapse model (brainpy-semantics.md §3.1): the state arrays each merge group needs, their
/// decay per step (before the neuron integrates; deliveries were added earlier in the step), the arrays a delivered
/// event adds its weight to, and the value its output reads (<see cref="Conductance"/>), from the decayed state.</summary>
internal sealed record SynapseDef(
    string Attribute, string BrainPy, string Summary,
    IReadOnlyList<ParamDef> Params, IReadOnlyList<SynArray> Arrays, IReadOnlyList<DerivedDef> Derived,
    Expr Value, string MergeNote)
{
    /// <summary>A pre-sized synapse (brainpy-semantics.md §3.1: no <c>add_current</c>), the synapse of an align-pre
    /// projection: one entry per pre neuron; each array's <see cref="SynArray.Decay"/> is then its whole step, reading the
    /// old values (<c>Var</c>) of every array, the new values (<c>Next</c>) of the arrays listed before it, and the pre
    /// neuron's spike as <c>Input</c> (1 or 0).</summary>
    public bool PreSized { get; init; }
}

/// <summary>A synapse state array of a merge group: member <c>{Name}{group}</c> on the post population; its decay
/// reads <see cref="Var"/>(Name) and the synapse's derived constants; <see cref="ReceivesEvents"/>: a delivered
/// event adds its weight here; <see cref="ProjectionMember"/>: the projection's read-only view of it.</summary>
internal sealed record SynArray(string Name, string BrainPyName, Expr Decay, bool ReceivesEvents, string ProjectionMember, string Doc)
{
    /// <summary>The initial value of every entry, an expression of the synapse's parameters (STP's u₀ = U, STD's x₀ = 1);
    /// null: 0. Only pre-sized synapses use it (align-post arrays start at 0).</summary>
    public Expr? Initial { get; init; }
}

/// <summary>An output (brainpy-semantics.md §3.2): the current it adds to the post neuron from the synapse's value
/// (<see cref="Conductance"/>) and the post's V at the start of the step (<see cref="PostVar"/>).</summary>
internal sealed record OutputDef(string Attribute, string BrainPy, string Summary, IReadOnlyList<ParamDef> Params, Expr Current);

/// <summary>A comm layer: its constructor arguments (sizes) and named parameters. Delivery itself is a runtime kernel.</summary>
internal sealed record CommDef(string Attribute, string BrainPy, string Summary, IReadOnlyList<ParamDef> CtorParams, IReadOnlyList<ParamDef> Params);
