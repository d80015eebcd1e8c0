using System;
using System.Diagnostics;

// The attributes of the modelling DSL that are not models. The model attributes ([Lif], [Expon], [Coba],
// [EventJitFPHomoLinear], …) are generated into this assembly from the generator's model definitions
// (Generator/Model/Definitions; see SpikeSharp.Runtime.csproj). The source generator reads all of them by
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




/// <summary>A full projection with align-post reduction and synapse merging (BrainPy <c>bp.dyn.FullProjAlignPostMg</c>):
/// pre → delay of pre → comm → merged post-sized synapse → output → post. The synapse and output are merged with every
/// align-post projection onto the same post whose descriptors are equal by value (Half and Full alike, BrainPy's key
/// <c>"{out_label} // syn // out"</c>); the delay is one per pre population, shared by all its projections. The
/// generated <c>Update()</c> reads the pre's spikes <see cref="Delay"/> ms (or <see cref="DelaySteps"/> steps) ago and
/// delivers them: a spike of step t is delivered at step t + d (d = 0 or none: t + 1; design.md decision 1).
/// Put one comm, one synapse and one output next to it, as for <see cref="HalfProjAlignPostMgAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class FullProjAlignPostMgAttribute : Attribute
{
    /// <summary>The pre-synaptic population type (a class with <see cref="PopulationAttribute"/>).</summary>
    public Type? Pre { get; set; }
    /// <summary>The post-synaptic population type (a class with <see cref="PopulationAttribute"/>).</summary>
    public Type? Post { get; set; }
    /// <summary>Delay in ms (BrainPy's <c>delay</c>): <c>ceil(Delay/dt)</c> steps, computed in double when the projection
    /// is built (<see cref="SpikeDelay.StepsFor"/>). 0 (default): no delay. Give this or <see cref="DelaySteps"/>, not both.</summary>
    public double Delay { get; set; }
    /// <summary>Delay in steps. 0 (default): no delay.</summary>
    public int DelaySteps { get; set; }
    /// <summary>Optional output label (BrainPy <c>out_label</c>); part of the merge key.</summary>
    public string? OutLabel { get; set; }
}

/// <summary>BrainPy's <c>FullProjAlignPreDSMg</c> (<c>bp.dyn.FullProjAlignPreDSMg</c>), "Delay then Synapse": pre → delay of
/// pre → pre-sized synapse (<c>[Alpha]</c>, <c>[DualExpon]</c>, <c>[Nmda]</c>, <c>[Ampa]</c>, <c>[GabaA]</c>, <c>[Std]</c>, <c>[Stp]</c>, one entry per pre
/// neuron, stepped after the pre updates on its spikes of <see cref="Delay"/> ago) → non-event comm (<c>[CSRLinear]</c>) →
/// output (one per projection) → post. The delay is one per pre population, shared by all its projections. The generated
/// <c>UpdateSynapse()</c> runs after the pre updates and before its delay is pushed; <c>Update()</c> (before the post
/// updates) hands comm(g) to the output. A spike of step t enters g at step t + d and reaches the post at step t + d + 1
/// (d = 0: t + 1). See README, "Align-pre projections".</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class FullProjAlignPreDSMgAttribute : Attribute
{
    /// <summary>The pre-synaptic population type (a class with <see cref="PopulationAttribute"/>).</summary>
    public Type? Pre { get; set; }
    /// <summary>The post-synaptic population type (a class with <see cref="PopulationAttribute"/>).</summary>
    public Type? Post { get; set; }
    /// <summary>Delay in ms: <c>ceil(Delay/dt)</c> steps (<see cref="SpikeDelay.StepsFor"/>). 0 (default): no delay (the
    /// synapse takes the pre's spikes of this step). Give this or <see cref="DelaySteps"/>, not both.</summary>
    public double Delay { get; set; }
    /// <summary>Delay in steps. 0 (default): no delay.</summary>
    public int DelaySteps { get; set; }
    /// <summary>Optional output label (BrainPy <c>out_label</c>).</summary>
    public string? OutLabel { get; set; }
}

/// <summary>BrainPy's <c>FullProjAlignPreSDMg</c>, "Synapse then Delay": pre → pre-sized synapse (stepped after the pre updates,
/// on its spikes of this step; merged per pre and synapse values, key <c>"syn // Delay"</c>) → a delay of the synapse's value g
/// (<see cref="FloatDelay"/>, one per merged synapse, each projection its own entry) → non-event comm (<c>[CSRLinear]</c>) →
/// output (one per projection) → post. A spike of step t enters g at step t and reaches the post at step t + d (d = 0: t + 1).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class FullProjAlignPreSDMgAttribute : Attribute
{
    /// <summary>The pre-synaptic population type (a class with <see cref="PopulationAttribute"/>).</summary>
    public Type? Pre { get; set; }
    /// <summary>The post-synaptic population type (a class with <see cref="PopulationAttribute"/>).</summary>
    public Type? Post { get; set; }
    /// <summary>Delay of g in ms: <c>ceil(Delay/dt)</c> steps. 0 (default): none. Give this or <see cref="DelaySteps"/>, not both.</summary>
    public double Delay { get; set; }
    /// <summary>Delay of g in steps. 0 (default): none.</summary>
    public int DelaySteps { get; set; }
    /// <summary>Optional output label (BrainPy <c>out_label</c>).</summary>
    public string? OutLabel { get; set; }
}

/// <summary>BrainPy's <c>VanillaProj</c> (<c>bp.dyn.VanillaProj</c>): comm(x) bound straight to an output on the post, with no
/// pre population, no delay, no synapse and no merging. The user hands it a float vector of NumIn values each step through
/// the generated <c>Update(ReadOnlySpan&lt;float&gt;)</c>; it writes comm(x) into its own post buffer, which its output (<c>[Coba]</c>,
/// <c>[Cuba]</c>, <c>[MgBlock]</c>) reads when the post updates (the last values given stay until the next call). The comm is a
/// non-event one: <c>[CSRLinear]</c>, <c>[JitFPHomoLinear]</c>, <c>[JitFPUniformLinear]</c>, <c>[JitFPNormalLinear]</c>, <c>[AllToAll]</c>
/// or <c>[OneToOne]</c> in their value form. See README, "Projections".</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class VanillaProjAttribute : Attribute
{
    /// <summary>The post-synaptic population type (a class with <see cref="PopulationAttribute"/>).</summary>
    public Type? Post { get; set; }
    /// <summary>Optional output label (BrainPy <c>out_label</c>).</summary>
    public string? OutLabel { get; set; }
}

/// <summary>On a <see cref="VanillaProjAttribute"/> field of a <see cref="NetworkAttribute"/> class: what the network's
/// projection phase hands the projection's <c>Update(values)</c> each step (BrainPy: <c>self.proj(x)</c> in the group's
/// update, before the populations). <c>[VanillaInput(nameof(e))]</c>: the spikes of population or Poisson group member
/// <c>e</c> of the last step as 0/1 floats; with <see cref="State"/> (e.g. <c>"V"</c>): that state array of population
/// <c>e</c> as it is after the last step. Without the attribute the network owns a buffer of <c>NumIn</c> floats,
/// <c>ValuesOf("field")</c>, that the user fills before <c>Step</c> (kept, and saved, until changed). See README, "Networks".</summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false)]
public sealed class VanillaInputAttribute : Attribute
{
    /// <summary>Takes the input from member <paramref name="member"/> of the network (write <c>nameof(field)</c>).</summary>
    /// <param name="member">A population or Poisson group field of the same network.</param>
    public VanillaInputAttribute(string member) => Member = member;

    /// <summary>The population or Poisson group member the values come from.</summary>
    public string Member { get; }

    /// <summary>A state variable of the population's neuron model (e.g. <c>"V"</c>); null: its spikes as 0/1.</summary>
    public string? State { get; set; }
}

/// <summary>Declares a network (BrainPy <c>bp.DynSysGroup</c>): a partial class whose instance fields of population and
/// projection types are its members. SpikeSharp generates a constructor <c>(ulong seed = 0, double? dt = null)</c> that
/// builds every member (member k in declaration order gets seed + k), one spike delay per pre population of its Full
/// projections, <c>Dt</c>, <c>Size</c>, the step in DynSysGroup's order (projections, populations, delays) and, unless
/// the class writes its own <c>Update(float)</c>, <c>Update</c> = that step. See README, "Networks".</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
}

/// <summary>The connector of <see cref="EventCSRLinearAttribute"/> (BrainPy's <c>bp.conn.*</c>; see <see cref="Connect"/>).</summary>
public enum Conn
{
    /// <summary>BrainPy's <c>conn.FixedProb</c>: each pre gets exactly int(numOut·Prob) targets (<see cref="Connect.FixedProb"/>).</summary>
    FixedProb,
    /// <summary>Ours: every pair independently with probability Prob (<see cref="Connect.Bernoulli"/>).</summary>
    Bernoulli,
    /// <summary>Each post gets exactly Num sources (<see cref="Connect.FixedPreNum(int, bool, bool)"/>).</summary>
    FixedPreNum,
    /// <summary>Each pre gets exactly Num targets (<see cref="Connect.FixedPostNum(int, bool, bool)"/>).</summary>
    FixedPostNum,
    /// <summary>Exactly Num synapses in all (<see cref="Connect.FixedTotalNum"/>).</summary>
    FixedTotalNum,
    /// <summary>Every pair (<see cref="Connect.AllToAll"/>).</summary>
    AllToAll,
    /// <summary>Pre i to post i (<see cref="Connect.OneToOne"/>).</summary>
    OneToOne,
}

/// <summary>BrainPy's <c>bp.dyn.PoissonInput(target_var, num_input, freq, weight)</c> as a network member: each step, before
/// the populations update, adds <c>X·Weight</c> to every element of <see cref="Variable"/> of the <see cref="Target"/>
/// population, <c>X</c> the events of <see cref="NumInput"/> independent Poisson sources of <see cref="Freq"/> Hz
/// (binomial, or its normal approximation with the standard deviation; see <see cref="PoissonInput"/>). The generated
/// <c>Update()</c> draws for the target's current step index, so the draws follow the seed, not what ran before.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PoissonInputAttribute : Attribute
{
    /// <summary>The target population type (a class with <see cref="PopulationAttribute"/>).</summary>
    public Type? Target { get; set; }
    /// <summary>The state variable that receives the input (BrainPy's <c>target_var</c>). Default "V".</summary>
    public string Variable { get; set; } = "V";
    /// <summary>Poisson sources per target neuron (BrainPy's <c>num_input</c>).</summary>
    public int NumInput { get; set; }
    /// <summary>Rate of each source in Hz (BrainPy's <c>freq</c>).</summary>
    public double Freq { get; set; }
    /// <summary>Added per source event (BrainPy's <c>weight</c>).</summary>
    public double Weight { get; set; }
}

/// <summary>BrainPy's <c>bp.dyn.PoissonGroup(size, freqs)</c> as a network member and a projection's <c>Pre</c>: each of
/// <paramref name="size"/> neurons spikes independently with probability <c>Freqs·dt/1000</c> per step (drawn from the
/// counter-based stream keyed by the member's seed and the step index: reproducible, thread-count independent). The
/// generated class has a settable <c>Freqs</c> property (Hz), for rates that change between steps, e.g.
/// <c>[PoissonGroup(240, Freqs = 2400)] public partial class NoiseA;</c>. It steps with the populations (phase 2 of
/// the network's step) and cannot be a projection's <c>Post</c>.</summary>
/// <param name="size">Number of Poisson neurons (BrainPy's <c>size</c>).</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PoissonGroupAttribute(int size) : Attribute
{
    /// <summary>Number of Poisson neurons.</summary>
    public int Size { get; } = size;
    /// <summary>Initial rate of every neuron in Hz (BrainPy's <c>freqs</c>); the generated <c>Freqs</c> property changes it. Default 0.</summary>
    public double Freqs { get; set; }
}

/// <summary>The half part of a projection with align-post reduction and its OWN synapse (BrainPy <c>bp.dyn.HalfProjAlignPost</c>):
/// no merging; each step the generated <c>Deliver(Spikes)</c> decays the synapse, then adds the events (decay then add:
/// <c>g_t = g_{t−1}·e^(−dt/τ) + c_t</c>), and the post's output reads it. The synapse decays only on steps where the
/// projection is called, as in BrainPy. Expon only.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class HalfProjAlignPostAttribute : Attribute
{
    /// <summary>The post-synaptic population type.</summary>
    public Type? Post { get; set; }
    /// <summary>Optional output label (BrainPy <c>out_label</c>).</summary>
    public string? OutLabel { get; set; }
}

/// <summary>The full projection with align-post reduction and its OWN synapse (BrainPy <c>bp.dyn.FullProjAlignPost</c>):
/// as <see cref="HalfProjAlignPostAttribute"/>, reading the pre's delayed spikes itself like
/// <see cref="FullProjAlignPostMgAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class FullProjAlignPostAttribute : Attribute
{
    /// <summary>The pre-synaptic population type.</summary>
    public Type? Pre { get; set; }
    /// <summary>The post-synaptic population type.</summary>
    public Type? Post { get; set; }
    /// <summary>Delay in ms (see <see cref="FullProjAlignPostMgAttribute.Delay"/>).</summary>
    public double Delay { get; set; }
    /// <summary>Delay in steps.</summary>
    public int DelaySteps { get; set; }
    /// <summary>Optional output label (BrainPy <c>out_label</c>).</summary>
    public string? OutLabel { get; set; }
}

/// <summary>BrainPy's <c>bp.dyn.HalfProjDelta(comm, post)</c>: the comm's output is added to the post's V after integration,
/// before the refractory hold (a delta input lost while the neuron is held); no synapse, no output. The generated
/// <c>Deliver(Spikes)</c> adds into the post's <c>Delta</c> array, which the post's update consumes.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class HalfProjDeltaAttribute : Attribute
{
    /// <summary>The post-synaptic population type.</summary>
    public Type? Post { get; set; }
}

/// <summary>BrainPy's <c>bp.dyn.FullProjDelta(pre, delay, comm, post)</c>: as <see cref="HalfProjDeltaAttribute"/>, reading
/// the pre's delayed spikes itself.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class FullProjDeltaAttribute : Attribute
{
    /// <summary>The pre-synaptic population type.</summary>
    public Type? Pre { get; set; }
    /// <summary>The post-synaptic population type.</summary>
    public Type? Post { get; set; }
    /// <summary>Delay in ms (see <see cref="FullProjAlignPostMgAttribute.Delay"/>).</summary>
    public double Delay { get; set; }
    /// <summary>Delay in steps.</summary>
    public int DelaySteps { get; set; }
}
