using System;
using System.Threading;

namespace SpikeSharp;

/// <summary>
/// Simulation settings, like BrainPy's <c>bm.set_dt</c>. A population or input group reads the time step once, in its
/// constructor (unless given its own <c>dt</c>), and derives every constant from it: decay factors, the
/// exponential-Euler coefficient and the refractory step count. Changing the time step later does not change
/// instances already built.
/// </summary>
/// <remarks>
/// Two ways to set the time step for constructors that get no explicit <c>dt</c>:
/// <list type="bullet">
/// <item><see cref="UseDt"/>: <c>using (Simulation.UseDt(0.05)) { … }</c> sets it for the current thread and the
/// asynchronous flow started from it (an <see cref="AsyncLocal{T}"/>: tasks and awaits begun inside the scope see it),
/// until the scope is disposed. Other threads are not affected, so networks can be built concurrently with different
/// time steps. Scopes nest; disposing one restores the value that was in force when it was opened.</item>
/// <item>The <see cref="Dt"/> setter: the process-wide default (BrainPy-style scripts, <c>bm.set_dt</c>). It is seen
/// by every thread that is not inside a <see cref="UseDt"/> scope; setting it while another thread constructs
/// populations is a race (that thread may get either value): use a scope or an explicit <c>dt</c> for that.</item>
/// </list>
/// Order of precedence in a constructor: the explicit <c>dt</c> argument, then the innermost <see cref="UseDt"/> scope
/// of the current flow, then the process-wide default (<see cref="DefaultDt"/> unless set).
/// </remarks>
public static class Simulation
{
    /// <summary>BrainPy's default time step, 0.1 ms.</summary>
    public const double DefaultDt = 0.1;

    static double s_dt = DefaultDt;
    static readonly AsyncLocal<DtScope?> s_scope = new();

    /// <summary>The time step (ms) a constructor without an explicit <c>dt</c> uses here and now: the innermost
    /// <see cref="UseDt"/> scope of the current flow if there is one, else the process-wide default. The setter sets the
    /// process-wide default (it does not change an open scope's value; see the class remarks).</summary>
    public static double Dt
    {
        get => s_scope.Value is { } scope ? scope.Dt : Volatile.Read(ref s_dt);
        set => Volatile.Write(ref s_dt, ValidateDt(value, nameof(Dt)));
    }

    /// <summary>The process-wide default time step (ms), ignoring any <see cref="UseDt"/> scope.</summary>
    public static double GlobalDt => Volatile.Read(ref s_dt);

    /// <summary>
    /// Uses <paramref name="dt"/> as the time step of constructors without an explicit <c>dt</c> on this thread and
    /// the asynchronous flow it starts, until the returned scope is disposed; other threads are unaffected.
    /// <code>using (Simulation.UseDt(0.05)) { var net = new EINetwork(); }</code>
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dt"/> is not a positive finite number.</exception>
    public static IDisposable UseDt(double dt)
    {
        var scope = new DtScope(ValidateDt(dt, nameof(dt)), s_scope.Value);
        s_scope.Value = scope;
        return scope;
    }

    /// <summary>Returns <paramref name="dt"/> if given, else <see cref="Dt"/> (the current scope's, or the
    /// process-wide default); throws if it is not a positive finite number.</summary>
    public static double ResolveDt(double? dt) => dt is { } d ? ValidateDt(d, "dt") : Dt;

    static double ValidateDt(double dt, string name) =>
        double.IsFinite(dt) && dt > 0 ? dt : throw new ArgumentOutOfRangeException(name, dt, "The time step dt must be a positive finite number of ms.");

    sealed class DtScope(double dt, DtScope? outer) : IDisposable
    {
        public double Dt { get; } = dt;
        bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            // Restore what was in force when this scope opened (an inner scope left undisposed is dropped with it).
            if (ReferenceEquals(s_scope.Value, this) || IsInside(s_scope.Value)) s_scope.Value = outer;
        }

        bool IsInside(DtScope? s)
        {
            for (; s is not null; s = s.Outer) if (ReferenceEquals(s, this)) return true;
            return false;
        }

        DtScope? Outer => outer;
    }

    static long s_connectivityLimit;
    static readonly AsyncLocal<LimitScope?> s_limitScope = new();

    /// <summary>
    /// Most bytes one stored connectivity structure may take (a projection's <see cref="CsrMatrix"/> with its build, or its
    /// per-synapse weights), checked before anything is allocated, like the monitors' <see cref="Runner.MemoryLimitBytes"/>:
    /// a projection that would exceed it throws <see cref="ConnectivityMemoryException"/> naming the projection, the bytes
    /// needed and the limit. 0 (the default): the memory available to the process (<see cref="CsrMatrix.DefaultMemoryLimitBytes"/>).
    /// The getter gives the innermost <see cref="UseConnectivityMemoryLimit"/> scope of the current flow if there is one; the
    /// setter sets the process-wide value (read by every thread outside a scope). An explicit <c>memoryLimitBytes</c> given
    /// to <see cref="CsrMatrix.Build"/> or <c>SynapseWeights.Create</c> takes precedence.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative value.</exception>
    public static long ConnectivityMemoryLimitBytes
    {
        get => s_limitScope.Value is { } scope ? scope.Bytes : Volatile.Read(ref s_connectivityLimit);
        set => Volatile.Write(ref s_connectivityLimit, ValidateLimit(value, nameof(ConnectivityMemoryLimitBytes)));
    }

    /// <summary>Uses <paramref name="bytes"/> as <see cref="ConnectivityMemoryLimitBytes"/> on this thread and the asynchronous
    /// flow it starts (networks built inside, e.g. <c>using (Simulation.UseConnectivityMemoryLimit(256L &lt;&lt; 20)) { var net = new Net(); }</c>),
    /// until the scope is disposed; scopes nest like <see cref="UseDt"/>'s.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bytes"/> is negative.</exception>
    public static IDisposable UseConnectivityMemoryLimit(long bytes)
    {
        var scope = new LimitScope(ValidateLimit(bytes, nameof(bytes)), s_limitScope.Value);
        s_limitScope.Value = scope;
        return scope;
    }

    static long ValidateLimit(long bytes, string name) =>
        bytes >= 0 ? bytes : throw new ArgumentOutOfRangeException(name, bytes, "The connectivity memory limit must be ≥ 0 bytes (0: the memory available to the process).");

    sealed class LimitScope(long bytes, LimitScope? outer) : IDisposable
    {
        public long Bytes { get; } = bytes;
        bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            for (var s = s_limitScope.Value; s is not null; s = s.Outer)
                if (ReferenceEquals(s, this)) { s_limitScope.Value = outer; return; }
        }

        LimitScope? Outer => outer;
    }

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
