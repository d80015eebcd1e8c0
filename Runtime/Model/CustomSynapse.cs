using System;

// A user's own synapse model, written in C# (README "Your own models"). Like CustomNeuron, the class is never
// instantiated and its bodies never run: the source generator lowers them into the synapse definition a projection uses,
// carried by value (so equal user synapses with equal parameters merge like built-in ones).

namespace SpikeSharp;

/// <summary>Marks a user's synapse model: a class deriving from <see cref="CustomSynapse"/> whose public <c>double</c>
/// properties are the parameters, whose <see cref="StateAttribute"/> members are its state variables (one float per
/// post neuron on an align-post projection, one per pre neuron on an align-pre one), with a derivative <c>dX()</c> (or an
/// update <c>NextX()</c>) per state, <c>void Receive(double x)</c> (what arrives is added to states: <c>G += x;</c>) and
/// <c>double Value()</c> (what the output reads). SpikeSharp checks it as it is typed (SPK3001–SPK3039).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SynapseModelAttribute : Attribute
{
}

/// <summary>The base class of a user's synapse model (<see cref="SynapseModelAttribute"/>). It is an attribute, so the model
/// is used like a built-in synapse on a projection: <c>[HalfProjAlignPostMg(Post = typeof(E))] [MyExpon(Tau = 5)]</c>.
/// On an align-post projection (…AlignPostMg) <c>Receive(x)</c> gets the comm's output and must only add it to states
/// (<c>G += x;</c>, BrainPy's <c>add_current</c>); on an align-pre one (FullProjAlignPre…) it gets the pre neuron's spike
/// (1 or 0) after the states were integrated, and may add any expression of it (<c>H += A * x;</c>).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public abstract class CustomSynapse : Attribute
{
    /// <summary>How the states' derivatives are integrated (BrainPy's <c>method</c>). Default: ExpAuto (exp_auto, with
    /// A = ∂f/∂y derived symbolically at compile time; a pure decay <c>-G / Tau</c> is the exact <c>G·exp(−dt/τ)</c>).</summary>
    public IntegrationMethod Method { get; set; } = IntegrationMethod.ExpAuto;
}
