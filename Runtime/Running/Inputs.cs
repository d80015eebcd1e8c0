using System;

namespace SpikeSharp;

/// <summary>
/// The external input of a network as a function of the step index: what BrainPy's <c>bp.inputs.*</c> arrays give
/// per step, computed on demand instead of stored. A <see cref="Runner"/> evaluates it once per step (never per
/// neuron). Build one with <see cref="Inputs"/>; a <c>float</c> converts to a constant.
/// </summary>
/// <remarks>Values must be finite. The factories reject NaN and ±Infinity where the values are known when the input is
/// built (constants, sections, ramp, sinusoid and array contents); the <see cref="Runner"/> checks every value it
/// reads, before the network's update, and throws <see cref="InputValueException"/> naming the input, step, time and value.
/// <see cref="object.ToString"/> describes the input in messages.</remarks>
public abstract class Input
{
    /// <summary>The value at step <paramref name="step"/> (time <c>step · dt</c> ms).</summary>
    public abstract float At(int step, double dt);

    /// <summary>A constant input (<see cref="Inputs.Constant"/>: it must be finite).</summary>
    public static implicit operator Input(float value) => Inputs.Constant(value);

    internal static string F(double x) => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    internal static float Finite(float value, string factory, string parameter) =>
        float.IsFinite(value) ? value
            : throw new ArgumentOutOfRangeException(parameter, value, $"{factory}: {parameter} is {F(value)}; an input value must be finite (a NaN or infinite input makes the network's state NaN for good).");
}

/// <summary>Thrown by a <see cref="Runner"/> at a step whose input is NaN or infinite, before the network runs that
/// step (so no state has changed and <see cref="Runner.StepIndex"/> is still <see cref="Step"/>).</summary>
public sealed class InputValueException : InvalidOperationException
{
    internal InputValueException(Input input, int step, double timeMs, float value, string message) : base(message)
    {
        Input = input;
        Step = step;
        TimeMs = timeMs;
        Value = value;
    }

    /// <summary>The input that gave the value.</summary>
    public Input Input { get; }

    /// <summary>Step index at which it did.</summary>
    public int Step { get; }

    /// <summary>Time of that step (ms).</summary>
    public double TimeMs { get; }

    /// <summary>The value (NaN or ±Infinity).</summary>
    public float Value { get; }
}

/// <summary>Factories for <see cref="Input"/>s, named after BrainPy's <c>bp.inputs</c>. Durations and times are in ms;
/// a time is turned into a step count with <see cref="Runner.StepsFor"/> (<c>int(t/dt)</c> with a 1e-9 tolerance).</summary>
public static class Inputs
{
    /// <summary>The same value at every step (<c>bp.inputs.constant_input</c> with one section).</summary>
    public static Input Constant(float value) => new ConstantInput(Input.Finite(value, "Inputs.Constant", nameof(value)));

    /// <summary>
    /// Piecewise constant (<c>bp.inputs.section_input(values, durations)</c>): <paramref name="values"/>[k] for
    /// <c>int(durations[k]/dt)</c> steps, one section after the other from step 0; 0 after the last section.
    /// </summary>
    public static Input Section(float[] values, double[] durations)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(durations);
        if (values.Length != durations.Length)
            throw new ArgumentException($"Inputs.Section: {values.Length} values but {durations.Length} durations; they must pair up.", nameof(durations));
        for (int k = 0; k < durations.Length; k++)
            if (!(double.IsFinite(durations[k]) && durations[k] >= 0))
                throw new ArgumentOutOfRangeException(nameof(durations), durations[k], $"Inputs.Section: durations[{k}] must be a finite number of ms ≥ 0.");
        for (int k = 0; k < values.Length; k++) Input.Finite(values[k], "Inputs.Section", $"values[{k}]");
        return new SectionInput((float[])values.Clone(), (double[])durations.Clone());
    }

    /// <summary>
    /// A linear ramp (<c>bp.inputs.ramp_input(c_start, c_end, duration, t_start, t_end)</c>): between steps
    /// <c>p1 = ceil(t_start/dt)</c> and <c>p2 = ceil(t_end/dt)</c> (exclusive) the value goes linearly from
    /// <paramref name="cStart"/> to <paramref name="cEnd"/> (both reached, like <c>linspace</c>); 0 elsewhere, and 0 from
    /// <paramref name="duration"/> on. <paramref name="tEnd"/> defaults to <paramref name="duration"/>.
    /// </summary>
    public static Input Ramp(float cStart, float cEnd, double duration, double tStart = 0, double? tEnd = null)
    {
        double end = tEnd ?? duration;
        if (!(double.IsFinite(duration) && duration >= 0)) throw new ArgumentOutOfRangeException(nameof(duration), duration, "Inputs.Ramp: duration must be a finite number of ms ≥ 0.");
        if (!(double.IsFinite(tStart) && tStart >= 0)) throw new ArgumentOutOfRangeException(nameof(tStart), tStart, "Inputs.Ramp: tStart must be a finite number of ms ≥ 0.");
        if (!(double.IsFinite(end) && end >= tStart)) throw new ArgumentOutOfRangeException(nameof(tEnd), end, $"Inputs.Ramp: tEnd must be finite and ≥ tStart = {tStart}.");
        Input.Finite(cStart, "Inputs.Ramp", nameof(cStart));
        Input.Finite(cEnd, "Inputs.Ramp", nameof(cEnd));
        if (!float.IsFinite(cEnd - cStart))
            throw new ArgumentOutOfRangeException(nameof(cEnd), cEnd, $"Inputs.Ramp: cEnd − cStart = {Input.F(cEnd)} − {Input.F(cStart)} overflows float; the ramp's values would not be finite.");
        return new RampInput(cStart, cEnd, duration, tStart, end);
    }

    /// <summary>
    /// A sinusoid (<c>bp.inputs.sinusoidal_input(amplitude, frequency, duration, t_start, t_end, bias)</c>): at step i
    /// with <c>i0 = int(t_start/dt) ≤ i &lt; int(t_end/dt)</c>, <c>A·sin(2π·f·(i − i0)·dt/1000)</c> (+A with
    /// <paramref name="bias"/>); 0 elsewhere. Frequency in Hz. No end when <paramref name="tEnd"/> is null.
    /// </summary>
    public static Input Sinusoidal(float amplitude, double frequencyHz, double tStart = 0, double? tEnd = null, bool bias = false)
    {
        if (!double.IsFinite(frequencyHz)) throw new ArgumentOutOfRangeException(nameof(frequencyHz), frequencyHz, "Inputs.Sinusoidal: frequencyHz must be finite.");
        if (!(double.IsFinite(tStart) && tStart >= 0)) throw new ArgumentOutOfRangeException(nameof(tStart), tStart, "Inputs.Sinusoidal: tStart must be a finite number of ms ≥ 0.");
        if (tEnd is { } e && !(double.IsFinite(e) && e >= tStart)) throw new ArgumentOutOfRangeException(nameof(tEnd), e, $"Inputs.Sinusoidal: tEnd must be finite and ≥ tStart = {tStart}.");
        Input.Finite(amplitude, "Inputs.Sinusoidal", nameof(amplitude));
        if (bias && !float.IsFinite(2 * amplitude))
            throw new ArgumentOutOfRangeException(nameof(amplitude), amplitude, $"Inputs.Sinusoidal: with bias the values reach 2·amplitude = 2·{Input.F(amplitude)}, which overflows float.");
        return new SinusoidalInput(amplitude, frequencyHz, tStart, tEnd, bias);
    }

    /// <summary>A value computed each step by <paramref name="valueAt"/>(step, time in ms) (DSRunner's <c>func</c> input type).
    /// It is called once per step, so keep it free of allocations for an allocation-free run.</summary>
    public static Input Func(Func<int, double, float> valueAt)
    {
        ArgumentNullException.ThrowIfNull(valueAt);
        return new FuncInput(valueAt);
    }

    /// <summary>One value per step from an array (DSRunner's <c>iter</c> input type): <paramref name="values"/>[i] at step
    /// i, 0 after the end. The array is used as given (not copied); its contents are checked to be finite here, and
    /// a value changed to NaN or ±Infinity later is caught by the runner at its step.</summary>
    public static Input Array(float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        for (int k = 0; k < values.Length; k++) Input.Finite(values[k], "Inputs.Array", $"values[{k}]");
        return new ArrayInput(values);
    }

    internal sealed class ConstantInput(float value) : Input
    {
        public override float At(int step, double dt) => value;
        public override string ToString() => $"Inputs.Constant({F(value)})";
    }

    sealed class SectionInput(float[] values, double[] durations) : Input
    {
        public override string ToString() => $"Inputs.Section({values.Length} sections)";

        double _dt = double.NaN;
        int[] _ends = []; // cumulative end step of each section

        public override float At(int step, double dt)
        {
            if (dt != _dt) Bind(dt);
            var ends = _ends;
            for (int k = 0; k < ends.Length; k++)
                if (step < ends[k]) return values[k];
            return 0f;
        }

        void Bind(double dt)
        {
            var ends = new int[durations.Length];
            long acc = 0;
            for (int k = 0; k < durations.Length; k++)
            {
                acc += Runner.StepsFor(durations[k], dt);
                ends[k] = (int)Math.Min(acc, int.MaxValue);
            }
            _ends = ends;
            _dt = dt;
        }
    }

    sealed class RampInput(float cStart, float cEnd, double duration, double tStart, double tEnd) : Input
    {
        public override string ToString() => $"Inputs.Ramp({F(cStart)} → {F(cEnd)}, {F(tStart)}–{F(tEnd)} ms of {F(duration)} ms)";

        double _dt = double.NaN;
        int _p1, _p2, _stop;

        public override float At(int step, double dt)
        {
            if (dt != _dt)
            {
                _p1 = CeilSteps(tStart, dt);
                _p2 = CeilSteps(tEnd, dt);
                _stop = CeilSteps(duration, dt);
                _dt = dt;
            }
            if (step < _p1 || step >= _p2 || step >= _stop) return 0f;
            int n = _p2 - _p1;
            if (n == 1) return cStart;
            return (float)(cStart + (double)(cEnd - cStart) * (step - _p1) / (n - 1));
        }

        static int CeilSteps(double t, double dt) => (int)Math.Min(int.MaxValue, Math.Ceiling(t / dt - 1e-9));
    }

    sealed class SinusoidalInput(float amplitude, double frequencyHz, double tStart, double? tEnd, bool bias) : Input
    {
        public override string ToString() => $"Inputs.Sinusoidal(amplitude {F(amplitude)}, {F(frequencyHz)} Hz{(bias ? ", bias" : "")})";

        double _dt = double.NaN;
        int _i0, _i1;

        public override float At(int step, double dt)
        {
            if (dt != _dt)
            {
                _i0 = Runner.StepsFor(tStart, dt);
                _i1 = tEnd is { } e ? Runner.StepsFor(e, dt) : int.MaxValue;
                _dt = dt;
            }
            if (step < _i0 || step >= _i1) return 0f;
            double v = amplitude * Math.Sin(2 * Math.PI * frequencyHz * ((step - _i0) * dt) / 1000.0);
            return (float)(bias ? v + amplitude : v);
        }
    }

    sealed class FuncInput(Func<int, double, float> valueAt) : Input
    {
        public override float At(int step, double dt) => valueAt(step, step * dt);
        public override string ToString() => $"Inputs.Func({valueAt.Method.DeclaringType?.Name}.{valueAt.Method.Name})";
    }

    sealed class ArrayInput(float[] values) : Input
    {
        public override float At(int step, double dt) => (uint)step < (uint)values.Length ? values[step] : 0f;
        public override string ToString() => $"Inputs.Array({values.Length} values)";
    }
}
