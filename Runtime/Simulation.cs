using System;

namespace SpikeSharp;

/// <summary>
/// Global simulation settings, like BrainPy's <c>bm.set_dt</c>. A population reads <see cref="Dt"/> once, in its
/// constructor (unless given its own <c>dt</c>), and derives every constant from it: decay factors, the
/// exponential-Euler coefficient and the refractory step count.
/// </summary>
public static class Simulation
{
    /// <summary>BrainPy's default time step, 0.1 ms.</summary>
    public const double DefaultDt = 0.1;

    static double s_dt = DefaultDt;

    /// <summary>The time step (ms) used by populations constructed without an explicit <c>dt</c>.</summary>
    public static double Dt
    {
        get => s_dt;
        set => s_dt = ValidateDt(value, nameof(Dt));
    }

    /// <summary>Returns <paramref name="dt"/> if given, else <see cref="Dt"/>; throws if it is not a positive finite number.</summary>
    public static double ResolveDt(double? dt) => dt is { } d ? ValidateDt(d, "dt") : s_dt;

    static double ValidateDt(double dt, string name) =>
        double.IsFinite(dt) && dt > 0 ? dt : throw new ArgumentOutOfRangeException(name, dt, "The time step dt must be a positive finite number of ms.");

    /// <summary><c>exp(−dt/τ)</c>, computed in double and rounded once to float (design.md, decision 5).</summary>
    public static float Decay(double tau, double dt) => (float)Math.Exp(-dt / tau);

    /// <summary><c>1 − exp(−dt/τ)</c>, the exponential-Euler coefficient of a linear ODE with time constant τ.</summary>
    public static float ExpEulerCoefficient(double tau, double dt) => (float)(1.0 - Math.Exp(-dt / tau));

    /// <summary>Number of steps a neuron is held after a spike: the count of k ≥ 1 with k·dt ≤ τ_ref
    /// (tolerance 1e-9·dt), design.md decision 2. 50 for 5 ms at 0.1 ms. Clamped to <see cref="int.MaxValue"/> (held for
    /// the rest of any run: the step counter ends there), which the generated unsigned refractory test handles exactly.</summary>
    public static int RefractorySteps(double tauRef, double dt)
    {
        if (double.IsNaN(tauRef) || tauRef < 0) throw new ArgumentOutOfRangeException(nameof(tauRef), tauRef, "TauRef must be ≥ 0.");
        double k = Math.Floor(tauRef / dt + 1e-9);
        return k >= int.MaxValue ? int.MaxValue : (int)k;
    }
}
