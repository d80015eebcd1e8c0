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

    /// <summary>BrainPy's <c>rk2</c>: its generic second-order Runge–Kutta method with β = 2/3 (Ralston's method:
    /// k₁ = f(y), k₂ = f(y + ⅔·dt·k₁), y + dt·(¼k₁ + ¾k₂); brainpy/_src/integrators/ode/explicit_rk.py, class RK2), all
    /// state variables staged together (BrainPy's JointEq), the input held over the step.</summary>
    Rk2 = 2,

    /// <summary>BrainPy's <c>rk4</c>: the classical fourth-order Runge–Kutta method (stages at 0, ½, ½, 1; weights
    /// 1/6, 1/3, 1/3, 1/6), all state variables staged together, the input held over the step.</summary>
    Rk4 = 3,
}
