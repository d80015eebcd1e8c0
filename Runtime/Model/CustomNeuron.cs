using System;

// A user's own neuron model, written in C# (README "Your own models"). The class is never instantiated by SpikeSharp and
// its method bodies never run: the source generator reads them at compile time, lowers them into its model IR (a
// documented subset of C#; anything else is an SPK30xx diagnostic at the construct), derives exp_auto's A = ∂f/∂y
// symbolically and fuses the step like a built-in model's. The class is also the attribute a population names:
// [Population(4000)] [TraubMiles(VT = -63)].

namespace SpikeSharp;

/// <summary>Marks a user's neuron model: a class deriving from <see cref="CustomNeuron"/> whose public <c>double</c>
/// properties are the parameters (their initialisers the defaults), whose <see cref="StateAttribute"/> members are the
/// state variables, with one derivative method <c>dX()</c> per state variable <c>X</c> (or an explicit update
/// <c>NextX()</c>), a spike condition <c>bool Spike()</c>, and optionally <c>void Reset()</c> and <c>void Init()</c>.
/// SpikeSharp checks it as it is typed (SPK3001–SPK3099).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NeuronModelAttribute : Attribute
{
}

/// <summary>The base class of a user's neuron model (<see cref="NeuronModelAttribute"/>). It is an attribute, so the model
/// is used like a built-in one: <c>[Population(100)] [MyModel(Tau = 20)]</c>. Its members are names the model's
/// equations read; they have no run-time behaviour.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public abstract class CustomNeuron : Attribute
{
    /// <summary>How the state variables are integrated (BrainPy's <c>method</c>). Default: ExpAuto (BrainPy's exp_auto,
    /// with A = ∂f/∂y derived symbolically at compile time).</summary>
    public IntegrationMethod Method { get; set; } = IntegrationMethod.ExpAuto;

    /// <summary>The neuron's input current of the step: the external input plus every synaptic output, evaluated on the
    /// state at the start of the step and frozen for the step (brainpy-semantics.md §2.1). Read it in a derivative.</summary>
    protected static double I => 0;

    /// <summary>In <c>Spike()</c> and <c>Reset()</c> a state variable's name is its value after this step's integration;
    /// <c>Old(V)</c> is its value at the start of the step (an upward crossing: <c>Old(V) &lt; VTh &amp;&amp; V &gt;= VTh</c>).</summary>
    /// <param name="state">A state variable.</param>
    protected static double Old(double state) => state;
}

/// <summary>A parameter of a <see cref="CustomNeuron"/> (optional on a public <c>double</c> property, which is a parameter
/// anyway): its unit, for the docs and the generated constant's summary.</summary>
/// <param name="unit">Unit, such as <c>"mV"</c>, <c>"ms"</c>, <c>"nS"</c>; empty for none.</param>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ParamAttribute(string unit = "") : Attribute
{
    /// <summary>The unit.</summary>
    public string Unit { get; } = unit;
}

/// <summary>A state variable of a <see cref="CustomNeuron"/> (one float per neuron): a non-public <c>double</c> property
/// or field; its initialiser is the initial value (or <c>Init()</c> sets it).</summary>
/// <param name="unit">Unit, such as <c>"mV"</c>; empty for none.</param>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = false)]
public sealed class StateAttribute(string unit = "") : Attribute
{
    /// <summary>The unit.</summary>
    public string Unit { get; } = unit;
}

/// <summary>Marks the parameter of a <see cref="CustomNeuron"/> that is its absolute refractory period (ms): after a spike,
/// <c>V</c> is held for the steps whose time since the spike is at most this value (BrainPy's <c>tau_ref</c>).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class RefractoryAttribute : Attribute
{
}
