using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace SpikeSharp;

/// <summary>
/// A text progress report for <see cref="Runner"/> runs (BrainPy's <c>progress_bar=True</c>, Brian2's
/// <c>report='text'</c>): pass it as the runner's <see cref="IProgress{T}"/>, e.g.
/// <c>runner.Run(1000, new ConsoleProgress(runner))</c>.
/// </summary>
/// <remarks>
/// <para>On a terminal (<see cref="Interactive"/>) it redraws one line in place with a carriage return, at most every
/// <see cref="RedrawInterval"/> of run time: a bar, % done, steps done / total, simulated time, steps/s, elapsed and
/// remaining wall time. When the output is redirected (a file, a pipe, CI) it prints a plain line about every 10 % of
/// the run instead. Either way a run ends with one summary line (steps, simulated ms, wall time, steps/s).</para>
/// <para>The runner calls it only at its progress points (<see cref="Runner.ProgressReports"/> per run), and a report
/// formats into a reused buffer: it allocates nothing itself (what the <see cref="TextWriter"/> does is its own).</para>
/// <para>Several runs through the same instance each get their own bar and summary. <see cref="Phase(string, Action)"/>
/// times other work (writing figures, saving data) and reports it on the same writer.</para>
/// </remarks>
public sealed class ConsoleProgress : IProgress<RunProgress>
{
    const int BarWidth = 20;
    readonly TextWriter _out;
    readonly double _dt;
    readonly char[] _buf = new char[256];
    int _shown;                   // length of the line now on the terminal (interactive), to blank what is left
    bool _inRun;
    int _lastDone;
    int _nextPercent;             // redirected: next multiple of 10 % to print
    TimeSpan _lastDraw;

    /// <summary>A report for runs of <paramref name="runner"/> (its <see cref="Runner.Dt"/> gives the simulated time).</summary>
    /// <param name="runner">The runner whose runs this reports.</param>
    /// <param name="writer">Where to write; default <see cref="Console.Out"/>.</param>
    /// <param name="interactive">Redraw one line in place (true) or print plain lines (false); default: true when
    /// writing to the console and the console's output is not redirected, false for any other writer.</param>
    public ConsoleProgress(Runner runner, TextWriter? writer = null, bool? interactive = null)
        : this((runner ?? throw new ArgumentNullException(nameof(runner))).Dt, writer, interactive) { }

    /// <summary>A report for runs with time step <paramref name="dtMs"/> (ms; used for the simulated time only).</summary>
    public ConsoleProgress(double dtMs, TextWriter? writer = null, bool? interactive = null)
    {
        if (!(double.IsFinite(dtMs) && dtMs > 0))
            throw new ArgumentOutOfRangeException(nameof(dtMs), dtMs, "ConsoleProgress: dtMs must be a positive finite number of ms.");
        _dt = dtMs;
        _out = writer ?? Console.Out;
        Interactive = interactive ?? DefaultInteractive(_out);
        Width = Interactive && ReferenceEquals(_out, Console.Out) ? TerminalWidth() : 120;
    }

    /// <summary>Whether the line is redrawn in place (a terminal) rather than printed about every 10 %.</summary>
    public bool Interactive { get; }

    /// <summary>Shortest run time between two redraws on a terminal (default 0.1 s); the first and the last report
    /// of a run always draw.</summary>
    public TimeSpan RedrawInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Columns the redrawn line may use (the terminal's width less one, or 120); longer lines are cut.</summary>
    public int Width { get; init; }

    /// <summary>Number of lines or redraws written so far (for tests and diagnostics).</summary>
    public int Writes { get; private set; }

    /// <inheritdoc/>
    public void Report(RunProgress value)
    {
        if (!_inRun || value.StepsDone < _lastDone)
        {
            if (_inRun) EndLine();                 // a run that stopped early (cancelled or failed): keep its last state
            _inRun = true;
            _nextPercent = 10;
            _lastDraw = TimeSpan.MinValue;
        }
        _lastDone = value.StepsDone;
        bool final = value.StepsDone >= value.TotalSteps;
        if (final)
        {
            if (Interactive) Clear();
            int n = FormatSummary(value);
            Emit(n, newline: true);
            _inRun = false;
            _lastDone = 0;
            return;
        }
        if (Interactive)
        {
            if (_lastDraw != TimeSpan.MinValue && value.Elapsed - _lastDraw < RedrawInterval) return;
            _lastDraw = value.Elapsed;
            int n = FormatBar(value);
            if (n > Width) n = Width;
            int len = n;
            _out.Write('\r');
            _out.Write(_buf, 0, n);
            for (int k = n; k < _shown; k++) _out.Write(' ');
            _shown = len;
            _out.Flush();
            Writes++;
        }
        else
        {
            int percent = (int)Math.Floor(value.Fraction * 100 + 1e-9);
            if (percent < _nextPercent) return;
            _nextPercent = percent / 10 * 10 + 10;
            int n = FormatLine(value);
            Emit(n, newline: true);
        }
    }

    /// <summary>Runs <paramref name="action"/> and reports how long it took: "<paramref name="what"/> in 0.42 s"
    /// (e.g. <c>Phase("wrote raster.png", () =&gt; plot.SavePng(...))</c>). Returns the wall time.</summary>
    public TimeSpan Phase(string what, Action action)
    {
        ArgumentNullException.ThrowIfNull(what);
        ArgumentNullException.ThrowIfNull(action);
        long t0 = Stopwatch.GetTimestamp();
        action();
        var wall = Stopwatch.GetElapsedTime(t0);
        ReportPhase(what, wall);
        return wall;
    }

    /// <summary>Runs <paramref name="func"/>, reports how long it took as <see cref="Phase(string, Action)"/> does,
    /// and returns its result.</summary>
    public T Phase<T>(string what, Func<T> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        T result = default!;
        Phase(what, () => { result = func(); });
        return result;
    }

    /// <summary>Writes "<paramref name="what"/> in 0.42 s" for work timed elsewhere.</summary>
    public void ReportPhase(string what, TimeSpan wall)
    {
        ArgumentNullException.ThrowIfNull(what);
        if (_inRun) EndLine();
        _inRun = false;
        _out.Write(what);
        int n = 0;
        Append(" in ", ref n);
        AppendSeconds(wall, ref n);
        Emit(n, newline: true);
    }

    // ---- formatting into _buf, no allocation ----

    int FormatBar(RunProgress p)
    {
        int n = 0;
        int filled = (int)(p.Fraction * BarWidth);
        Append('[', ref n);
        for (int k = 0; k < BarWidth; k++) Append(k < filled ? '#' : '.', ref n);
        Append("] ", ref n);
        AppendPercent(p.Fraction, ref n);
        Append("  ", ref n);
        AppendCommon(p, ref n);
        return n;
    }

    int FormatLine(RunProgress p)
    {
        int n = 0;
        AppendPercent(p.Fraction, ref n);
        Append("  ", ref n);
        AppendCommon(p, ref n);
        return n;
    }

    // "1,000/10,000 steps  sim 100.0 ms  12,345 steps/s  elapsed 0.8 s  remaining 7.3 s"
    void AppendCommon(RunProgress p, ref int n)
    {
        AppendInt(p.StepsDone, ref n);
        Append('/', ref n);
        AppendInt(p.TotalSteps, ref n);
        Append(" steps  sim ", ref n);
        AppendDouble(p.StepIndex * _dt, "F1", ref n);
        Append(" ms  ", ref n);
        AppendDouble(p.StepsPerSecond, "N0", ref n);
        Append(" steps/s  elapsed ", ref n);
        AppendSeconds(p.Elapsed, ref n);
        Append("  remaining ", ref n);
        // Not RunProgress.Remaining: that overflows when no time has elapsed yet.
        double rate = p.StepsPerSecond;
        if (rate > 0) AppendSeconds((p.TotalSteps - p.StepsDone) / rate, ref n); else Append('?', ref n);
    }

    // "done: 10,000 steps (1,000.0 ms simulated, now at 1,000.0 ms) in 8.12 s, 1,231 steps/s"
    int FormatSummary(RunProgress p)
    {
        int n = 0;
        Append("done: ", ref n);
        AppendInt(p.TotalSteps, ref n);
        Append(" steps (", ref n);
        AppendDouble(p.TotalSteps * _dt, "N1", ref n);
        Append(" ms simulated, now at ", ref n);
        AppendDouble(p.StepIndex * _dt, "N1", ref n);
        Append(" ms) in ", ref n);
        AppendSeconds(p.Elapsed, ref n);
        Append(", ", ref n);
        AppendDouble(p.StepsPerSecond, "N0", ref n);
        Append(" steps/s", ref n);
        return n;
    }

    void AppendPercent(double fraction, ref int n)
    {
        AppendDouble(fraction * 100, "F1", ref n);
        Append('%', ref n);
    }

    // Seconds below a minute as "0.42 s"/"12.3 s", longer as "m:ss" or "h:mm:ss".
    void AppendSeconds(TimeSpan t, ref int n) => AppendSeconds(t.TotalSeconds, ref n);

    void AppendSeconds(double seconds, ref int n)
    {
        if (!double.IsFinite(seconds)) { Append('?', ref n); return; }
        double s = Math.Max(0, seconds);
        if (s < 10) { AppendDouble(s, "F2", ref n); Append(" s", ref n); return; }
        if (s < 60) { AppendDouble(s, "F1", ref n); Append(" s", ref n); return; }
        long whole = s >= long.MaxValue / 2 ? long.MaxValue / 2 : (long)s;
        long h = whole / 3600, m = whole / 60 % 60, sec = whole % 60;
        if (h > 0) { AppendLong(h, null, ref n); Append(':', ref n); AppendLong(m, "00", ref n); }
        else AppendLong(m, null, ref n);
        Append(':', ref n);
        AppendLong(sec, "00", ref n);
    }

    void AppendInt(int v, ref int n) => AppendLong(v, "N0", ref n);

    void AppendLong(long v, string? format, ref int n)
    {
        if (v.TryFormat(_buf.AsSpan(n), out int w, format, CultureInfo.InvariantCulture)) n += w;
    }

    void AppendDouble(double v, string format, ref int n)
    {
        if (!double.IsFinite(v)) { Append('?', ref n); return; }
        if (v.TryFormat(_buf.AsSpan(n), out int w, format, CultureInfo.InvariantCulture)) n += w;
    }

    void Append(string s, ref int n)
    {
        if (n + s.Length > _buf.Length) return;
        s.AsSpan().CopyTo(_buf.AsSpan(n));
        n += s.Length;
    }

    void Append(char c, ref int n)
    {
        if (n < _buf.Length) _buf[n++] = c;
    }

    void Emit(int n, bool newline)
    {
        _out.Write(_buf, 0, n);
        if (newline) _out.WriteLine();
        _out.Flush();
        Writes++;
    }

    // Interactive: blank the bar so the next line starts clean at column 0.
    void Clear()
    {
        if (_shown == 0) return;
        _out.Write('\r');
        for (int k = 0; k < _shown; k++) _out.Write(' ');
        _out.Write('\r');
        _shown = 0;
    }

    // Leave whatever is on the bar line in place and move to the next line.
    void EndLine()
    {
        if (Interactive && _shown > 0) { _out.WriteLine(); _shown = 0; }
    }

    static bool DefaultInteractive(TextWriter w)
    {
        if (ReferenceEquals(w, Console.Out)) return !Console.IsOutputRedirected;
        if (ReferenceEquals(w, Console.Error)) return !Console.IsErrorRedirected;
        return false;
    }

    static int TerminalWidth()
    {
        try
        {
            int w = Console.WindowWidth;
            return w > 20 ? w - 1 : 120;
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException or InvalidOperationException)
        {
            return 120;
        }
    }
}
