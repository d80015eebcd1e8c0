using System;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;
using System.IO;
using SpikeSharp;

namespace EINet;

/// <summary>What the EINet sample was asked to do (see <see cref="Cli.Parse"/>).</summary>
/// <param name="Steps">Steps to run, when given with --steps.</param>
/// <param name="DurationMs">Simulated time to run (ms), when given with --duration.</param>
/// <param name="Seed">Seed of the initial state (projections use Seed+1, Seed+2).</param>
/// <param name="Input">External current.</param>
/// <param name="Out">Raster figure path (.png or .svg), or null for no figures.</param>
/// <param name="Npz">NumPy .npz data path, or null.</param>
/// <param name="Quiet">No progress and no summary.</param>
/// <param name="Json">Summary as one JSON line, no progress.</param>
/// <param name="Threads">Parallelism.Threads (0 = automatic).</param>
public sealed record EINetOptions(int? Steps, double? DurationMs, ulong Seed, float Input, string? Out, string? Npz, bool Quiet, bool Json, int Threads)
{
    /// <summary>Steps when neither --steps nor --duration is given.</summary>
    public const int DefaultSteps = 1000;

    /// <summary>The steps to run at time step <paramref name="dt"/>: --steps, or --duration as whole steps
    /// (<see cref="Runner.StepsFor"/>), or <see cref="DefaultSteps"/>.</summary>
    public int StepsAt(double dt) => Steps ?? (DurationMs is { } ms ? Runner.StepsFor(ms, dt) : DefaultSteps);

    /// <summary>Rate figure beside the raster, named from its stem: <c>a/run1.png</c> → <c>a/run1.rate.png</c>.</summary>
    public string? RatePath => Beside("rate");

    /// <summary>Membrane-potential figure beside the raster: <c>a/run1.png</c> → <c>a/run1.v.png</c>.</summary>
    public string? VPath => Beside("v");

    string? Beside(string what) =>
        Out is null ? null : Path.Combine(Path.GetDirectoryName(Out) ?? "", $"{Path.GetFileNameWithoutExtension(Out)}.{what}{Path.GetExtension(Out)}");
}

/// <summary>The EINet sample's command line, with System.CommandLine: <c>--steps=100</c> and <c>--steps 100</c> both
/// work, every error names the option and the value, and <c>--help</c> lists the options.</summary>
public static class Cli
{
    /// <summary>Parses <paramref name="args"/>. Returns the options, or null with the exit code to return: 0 after
    /// --help (or --version) was written to <paramref name="output"/>, 2 after the errors were written to <paramref name="error"/>.</summary>
    public static EINetOptions? Parse(string[] args, TextWriter output, TextWriter error, out int exitCode)
    {
        var ci = CultureInfo.InvariantCulture;
        var steps = new Option<int?>("--steps", "-n")
        {
            Description = $"Steps to run (default {EINetOptions.DefaultSteps}; dt = {Simulation.Dt.ToString(ci)} ms). Accepts 10000, 10_000 or 1e4.",
            HelpName = "N",
            CustomParser = r => ParseSteps(r),
        };
        var duration = new Option<double?>("--duration", "-d")
        {
            Description = "Simulated time to run, in ms (instead of --steps).",
            HelpName = "MS",
            CustomParser = r => ParseNumber(r, "--duration", "a number of ms ≥ 0", v => v >= 0),
        };
        var seed = new Option<ulong>("--seed")
        {
            Description = "Seed of the initial state; the projections use S+1 and S+2.",
            HelpName = "S",
            DefaultValueFactory = _ => 1,
        };
        var input = new Option<float>("--input")
        {
            Description = "External current.",
            HelpName = "X",
            DefaultValueFactory = _ => 20f,
            CustomParser = r => (float)(ParseNumber(r, "--input", "a finite number", _ => true) ?? 0),
        };
        var @out = new Option<string>("--out", "-o")
        {
            Description = "Raster figure, .png or .svg (\"none\": no figures). The rate and V figures go beside it, "
                + "named from its stem: a/run1.png, a/run1.rate.png, a/run1.v.png. Missing folders are created.",
            HelpName = "PATH",
            DefaultValueFactory = _ => "raster.png",
        };
        @out.Validators.Add(r =>
        {
            string? v = r.GetValueOrDefault<string>();
            if (v is null || string.Equals(v, "none", StringComparison.OrdinalIgnoreCase)) return;
            string ext = Path.GetExtension(v).ToLowerInvariant();
            if (ext is not (".png" or ".svg"))
                r.AddError($"--out must end in .png or .svg (or be none), got '{v}'.");
            else if (Path.GetFileNameWithoutExtension(v).Length == 0)
                r.AddError($"--out needs a file name before the extension, got '{v}'.");
        });
        var npz = new Option<string?>("--npz") { Description = "Also write spikes, V traces and rate to this NumPy .npz file.", HelpName = "PATH" };
        npz.Validators.Add(r =>
        {
            string? v = r.GetValueOrDefault<string?>();
            if (v is not null && !v.EndsWith(".npz", StringComparison.OrdinalIgnoreCase)) r.AddError($"--npz must end in .npz, got '{v}'.");
        });
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress and no summary (errors only)." };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object on one line (no progress)." };
        var threads = new Option<int>("--threads")
        {
            Description = $"Threads for update and delivery (0 = automatic, the default; at most {Parallelism.MaxParts}).",
            HelpName = "T",
        };
        threads.Validators.Add(r =>
        {
            int v = r.GetValueOrDefault<int>();
            if (v < 0 || v > Parallelism.MaxParts) r.AddError($"--threads must be in [0, {Parallelism.MaxParts}], got {v}.");
        });

        var root = new RootCommand("EINet: the seed E/I network (4000 LifRef neurons, BrainPy's HalfProjAlignPostMg example). "
            + "Runs it with a Runner and monitors, shows progress, prints a summary and writes figures.")
        {
            steps, duration, seed, input, @out, npz, quiet, json, threads,
        };
        root.Validators.Add(r =>
        {
            if (r.GetResult(steps) is not null && r.GetResult(duration) is not null)
                r.AddError("--steps and --duration cannot both be given: choose one (a number of steps, or a duration in ms).");
        });

        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var e in result.Errors) error.WriteLine($"EINet: {e.Message}");
            error.WriteLine("EINet: see --help.");
            exitCode = 2;
            return null;
        }
        if (result.Action is not null)   // --help, --version
        {
            exitCode = result.Invoke(new InvocationConfiguration { Output = output, Error = error });
            return null;
        }
        exitCode = 0;
        string o = result.GetValue(@out)!;
        return new EINetOptions(
            result.GetValue(steps), result.GetValue(duration), result.GetValue(seed), result.GetValue(input),
            string.Equals(o, "none", StringComparison.OrdinalIgnoreCase) ? null : o,
            result.GetValue(npz), result.GetValue(quiet), result.GetValue(json), result.GetValue(threads));
    }

    // Whole steps ≥ 0: "10000", "10_000", "10,000" or "1e4"; an error names --steps and the value.
    static int? ParseSteps(ArgumentResult r)
    {
        if (r.Tokens.Count == 0) { r.AddError("--steps needs a value (a whole number of steps)."); return null; }
        string s = r.Tokens[0].Value;
        string plain = s.Replace("_", "").Replace(",", "");
        if (long.TryParse(plain, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n))
        {
            if (n >= 0 && n <= int.MaxValue) return (int)n;
            r.AddError($"--steps must be in [0, {int.MaxValue}], got '{s}'.");
            return null;
        }
        if (double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d))
        {
            if (d != Math.Floor(d)) { r.AddError($"--steps must be a whole number of steps, got '{s}' (use --duration for ms)."); return null; }
            if (d >= 0 && d <= int.MaxValue) return (int)d;
            r.AddError($"--steps must be in [0, {int.MaxValue}], got '{s}'.");
            return null;
        }
        r.AddError($"--steps must be a whole number of steps, got '{s}'.");
        return null;
    }

    // Numbers in the invariant culture (1.5, not 1,5), whatever the machine's locale.
    static double? ParseNumber(ArgumentResult r, string option, string what, Func<double, bool> ok)
    {
        if (r.Tokens.Count == 0) { r.AddError($"{option} needs a value ({what})."); return null; }
        string s = r.Tokens[0].Value;
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && ok(v)) return v;
        r.AddError($"{option} must be {what}, got '{s}'.");
        return null;
    }
}
