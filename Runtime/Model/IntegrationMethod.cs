namespace SpikeSharp;

/// <summary>How a neuron model's state variables are integrated over one step (BrainPy's <c>method</c> argument), set
/// with <c>Method = …</c> on the model attribute: <c>[Izhikevich(Method = IntegrationMethod.Euler)]</c>.</summary>
public enum IntegrationMethod
{
    /// <summary>BrainPy's default <c>exp_auto</c>: <c>y + dt·φ(dt·A)·f(y)</c> with <c>A = ∂f/∂y</c> (derived at compile
    /// time), exact for linear equations (brainpy-semantics.md §2.2).</summary>
    ExpAuto = 0,

    /// <summary>BrainPy's <c>euler</c>: <c>y + dt·f(y)</c> (for Lif-type models <c>V + (dt/τ)·(V∞ − V)</c>).</summary>
    Euler = 1,
}
