using System;
using System.Diagnostics;

// The attributes of the modelling DSL. The source generator (SpikeSharp.Generator) reads them by
// metadata name; they carry no behaviour. Parameter names follow BrainPy's (V_rest → VRest, tau_ref → TauRef).
// They are kept in metadata (no [Conditional]) so that reflection-based tools can inspect a model.

namespace SpikeSharp;

/// <summary>Declares a neuron population of <paramref name="size"/> neurons. Put exactly one neuron
/// model attribute (<see cref="LifRefAttribute"/>, <see cref="LifAttribute"/>) next to it.</summary>
/// <param name="size">Number of neurons (BrainPy's <c>size</c>).</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PopulationAttribute(int size) : Attribute
{
    /// <summary>Number of neurons.</summary>
    public int Size { get; } = size;
}

/// <summary>Leaky integrate-and-fire neuron without refractoriness (BrainPy <c>bp.dyn.Lif</c>):
/// <c>τ dV/dt = −(V − V_rest) + R·I</c>, spike when <c>V ≥ V_th</c>, then <c>V ← V_reset</c>.
/// Defaults are BrainPy's.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class LifAttribute : Attribute
{
    /// <summary>Resting potential (mV). BrainPy default 0.</summary>
    public double VRest { get; set; }
    /// <summary>Reset potential (mV). BrainPy default −5.</summary>
    public double VReset { get; set; } = -5;
    /// <summary>Spike threshold (mV). BrainPy default 20.</summary>
    public double VTh { get; set; } = 20;
    /// <summary>Membrane resistance. BrainPy default 1.</summary>
    public double R { get; set; } = 1;
    /// <summary>Membrane time constant (ms). BrainPy default 10.</summary>
    public double Tau { get; set; } = 10;
}

/// <summary>Leaky integrate-and-fire neuron with an absolute refractory period (BrainPy <c>bp.dyn.LifRef</c>).
/// After a spike, <c>V</c> is held for the steps whose time since the spike is at most <see cref="TauRef"/>.
/// Defaults are BrainPy's.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class LifRefAttribute : Attribute
{
    /// <summary>Resting potential (mV). BrainPy default 0.</summary>
    public double VRest { get; set; }
    /// <summary>Reset potential (mV). BrainPy default −5.</summary>
    public double VReset { get; set; } = -5;
    /// <summary>Spike threshold (mV). BrainPy default 20.</summary>
    public double VTh { get; set; } = 20;
    /// <summary>Membrane resistance. BrainPy default 1.</summary>
    public double R { get; set; } = 1;
    /// <summary>Membrane time constant (ms). BrainPy default 10.</summary>
    public double Tau { get; set; } = 10;
    /// <summary>Refractory period (ms). BrainPy default 0.</summary>
    public double TauRef { get; set; }
}

/// <summary>Initialises a state variable from a normal distribution (BrainPy <c>bp.init.Normal(mean, scale)</c>).</summary>
/// <param name="variable">The state variable, e.g. <c>"V"</c>.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class InitNormalAttribute(string variable) : Attribute
{
    /// <summary>The state variable.</summary>
    public string Variable { get; } = variable;
    /// <summary>Mean. Default 0.</summary>
    public double Mean { get; set; }
    /// <summary>Standard deviation (BrainPy's <c>scale</c>). Default 1.</summary>
    public double Std { get; set; } = 1;
}

/// <summary>Initialises a state variable uniformly in [<see cref="Min"/>, <see cref="Max"/>) (BrainPy <c>bp.init.Uniform</c>).</summary>
/// <param name="variable">The state variable, e.g. <c>"V"</c>.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class InitUniformAttribute(string variable) : Attribute
{
    /// <summary>The state variable.</summary>
    public string Variable { get; } = variable;
    /// <summary>Lower bound. Default 0.</summary>
    public double Min { get; set; }
    /// <summary>Upper bound. Default 1.</summary>
    public double Max { get; set; } = 1;
}

/// <summary>Initialises a state variable to a constant (BrainPy <c>bp.init.Constant</c>).</summary>
/// <param name="variable">The state variable, e.g. <c>"V"</c>.</param>
/// <param name="value">The value.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class InitConstantAttribute(string variable, double value) : Attribute
{
    /// <summary>The state variable.</summary>
    public string Variable { get; } = variable;
    /// <summary>The value.</summary>
    public double Value { get; } = value;
}

/// <summary>The half part of a projection with align-post reduction and synapse merging
/// (BrainPy <c>bp.dyn.HalfProjAlignPostMg</c>): comm → merged post-sized synapse → output → post.
/// The model hands the projection its spikes through the generated <c>Deliver(Spikes)</c>.
/// Put one comm (<see cref="EventJitFPHomoLinearAttribute"/>), one synapse (<see cref="ExponAttribute"/>)
/// and one output (<see cref="CobaAttribute"/> or <see cref="CubaAttribute"/>) next to it.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class HalfProjAlignPostMgAttribute : Attribute
{
    /// <summary>The post-synaptic population type (a class with <see cref="PopulationAttribute"/>).</summary>
    public Type? Post { get; set; }
    /// <summary>Optional output label (BrainPy <c>out_label</c>); part of the merge key.</summary>
    public string? OutLabel { get; set; }
}

/// <summary>Event-driven just-in-time random connectivity with a homogeneous weight
/// (BrainPy <c>bp.dnn.EventJitFPHomoLinear</c>). Every (pre, post) pair is connected independently with
/// probability <see cref="Prob"/>; targets are regenerated from (seed, pre index) on every spike, none stored.</summary>
/// <param name="numIn">Number of pre-synaptic neurons (the length of the spikes handed to <c>Deliver</c>).</param>
/// <param name="numOut">Number of post-synaptic neurons (must equal the post population's size).</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventJitFPHomoLinearAttribute(int numIn, int numOut) : Attribute
{
    /// <summary>Pre size.</summary>
    public int NumIn { get; } = numIn;
    /// <summary>Post size.</summary>
    public int NumOut { get; } = numOut;
    /// <summary>Connection probability in (0, 1].</summary>
    public double Prob { get; set; }
    /// <summary>Weight added to the synapse per event; negative weights are allowed.</summary>
    public double Weight { get; set; } = 1;
    /// <summary>Connectivity seed used when the constructor is not given one. Default 0.</summary>
    public long Seed { get; set; }
}

/// <summary>Single-exponential synapse (BrainPy <c>bp.dyn.Expon</c>): <c>g ← g·exp(−dt/τ)</c>. Default τ = 8 ms.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ExponAttribute : Attribute
{
    /// <summary>Decay time constant (ms).</summary>
    public double Tau { get; set; } = 8;
}

/// <summary>Conductance-based output (BrainPy <c>bp.dyn.COBA</c>): current <c>g·(E − V)</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CobaAttribute : Attribute
{
    /// <summary>Reversal potential (mV). BrainPy requires it; default here 0.</summary>
    public double E { get; set; }
}

/// <summary>Current-based output (BrainPy <c>bp.dyn.CUBA</c>): current <c>g</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CubaAttribute : Attribute;
