using System.Linq;
using SpikeSharp.Generator.Model.Ir;
using static SpikeSharp.Generator.Model.Ir.E;

namespace SpikeSharp.Generator.Model.Definitions;

/// <summary>
/// The "liquid time constant" neuron models (brainpy-semantics.md §2.1, §2.3; BrainPy 2.6.0
/// <c>brainpy/_src/dyn/neurons/lif.py</c>: <c>LifLTC</c>, <c>LifRefLTC</c>, <c>ExpIFLTC</c>, <c>ExpIFRefLTC</c>). Their
/// <c>derivative(V, t, I)</c> begins with <c>I = self.sum_current_inputs(V, init=I)</c>, so the synaptic outputs are
/// evaluated inside f and exp_auto's linear term <c>A = ∂f/∂V</c> includes them (<see cref="NeuronDef.Ltc"/>). The
/// parameters, states, spike, reset and refractoriness are the plain models' (the plain classes subclass these in
/// BrainPy and only override <c>derivative</c>/<c>update</c> to freeze the current at the old V). Every state that reads
/// the input is an <see cref="Ode"/>: with COBA outputs LifLTC's f is linear in V, so exp_auto is exact for it (§2.3).
/// </summary>
internal static class LtcNeurons
{
    /// <summary>LifLTC's f, as BrainPy writes it: <c>(−V + V_rest + R·I)/τ</c> (lif.py, <c>LifLTC.derivative</c>).</summary>
    static readonly Expr LifDerivative = (-S("V") + P("VRest") + P("R") * I) / P("Tau");

    /// <summary>LifLTC: Lif's parameters and reset; <c>τ dV/dt = −(V − V_rest) + R·(x + Σ out_k(V))</c> by exp_auto.</summary>
    public static readonly NeuronDef LifLTC = Neurons.Lif with
    {
        Attribute = "LifLTC",
        BrainPy = "bp.dyn.LifLTC",
        Summary = "Leaky integrate-and-fire neuron with liquid time constant (BrainPy <c>bp.dyn.LifLTC</c>): <c>τ dV/dt = −(V − V_rest) + R·I(V)</c> with the synaptic outputs evaluated inside the derivative, so conductances shorten the effective time constant (with COBA: <c>τ/(1 + R·Σg)</c>); spike when <c>V ≥ V_th</c>, then <c>V ← V_reset</c>. Integrated by exp_auto.",
        Derived = System.Array.Empty<DerivedDef>(),
        Step = new[] { new StateUpdate("V", new Ode(LifDerivative)) },
        Family = "LifLTC",
        Ltc = true,
    };

    /// <summary>LifRefLTC: LifLTC plus LifRef's absolute refractory period.</summary>
    public static readonly NeuronDef LifRefLTC = LifLTC with
    {
        Attribute = "LifRefLTC",
        BrainPy = "bp.dyn.LifRefLTC",
        Summary = "Leaky integrate-and-fire neuron with liquid time constant and an absolute refractory period (BrainPy <c>bp.dyn.LifRefLTC</c>): LifLTC's dynamics; after a spike, <c>V</c> is held for the steps whose time since the spike is at most <c>TauRef</c>.",
        Params = Neurons.LifRef.Params,
        Refractory = Neurons.LifRef.Refractory,
    };

    /// <summary>ExpIFLTC: ExpIF's f with the outputs inside it (lif.py, <c>ExpIFLTC.derivative</c>).</summary>
    public static readonly NeuronDef ExpIFLTC = Neurons.ExpIF with
    {
        Attribute = "ExpIFLTC",
        BrainPy = "bp.dyn.ExpIFLTC",
        Summary = "Exponential integrate-and-fire neuron with liquid time constant (BrainPy <c>bp.dyn.ExpIFLTC</c>): <c>τ dV/dt = −(V − V_rest) + ΔT·exp((V − V_T)/ΔT) + R·I(V)</c> with the synaptic outputs evaluated inside the derivative; spike when <c>V ≥ V_th</c>, then <c>V ← V_reset</c>. Integrated by exp_auto. BrainPy's default V₀ = 0 lies above V_th: give an initializer for V.",
        Family = "ExpIFLTC",
        Ltc = true,
    };

    /// <summary>ExpIFRefLTC: ExpIFLTC plus an absolute refractory period <c>tau_ref</c> (default 0, lif.py ExpIFRefLTC).</summary>
    public static readonly NeuronDef ExpIFRefLTC = ExpIFLTC with
    {
        Attribute = "ExpIFRefLTC",
        BrainPy = "bp.dyn.ExpIFRefLTC",
        Summary = "Exponential integrate-and-fire neuron with liquid time constant and an absolute refractory period (BrainPy <c>bp.dyn.ExpIFRefLTC</c>): ExpIFLTC's dynamics; after a spike, <c>V</c> is held for the steps whose time since the spike is at most <c>TauRef</c>. BrainPy's default V₀ = 0 lies above V_th: give an initializer for V.",
        Params = Neurons.ExpIF.Params.Concat(Neurons.LifRef.Params.Where(p => p.Name == "TauRef")).ToArray(),
        Refractory = "TauRef",
    };

    public static readonly NeuronDef[] All = { LifLTC, LifRefLTC, ExpIFLTC, ExpIFRefLTC };
}
