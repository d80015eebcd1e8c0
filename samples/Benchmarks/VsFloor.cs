using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Benchmarks;

/// <summary>
/// --vs-floor: our whole run of a case and the native C baseline's (--floor PATH, built by the user with
/// the baseline's build.sh or any copy of it) run in alternating processes, --repeat R rounds, medians and ratios.
/// Our cached delivery is compared with the floor's <c>cached16</c> (N ≤ 65 536) or <c>cachedp</c>, regenerated delivery with
/// the best of its <c>vec1</c> and <c>tab</c> (a floor built without AVX-512 that refuses <c>vec1</c> is compared with
/// <c>tab</c> alone); --floor-method M compares with method M only.
/// </summary>
static class VsFloor
{
    /// <summary>The floor's methods for a delivery ("cached" or "regenerated") at <paramref name="n"/> neurons.</summary>
    public static string[] MethodsFor(string delivery, int n) =>
        delivery == "cached" ? [n <= 65_536 ? "cached16" : "cachedp"] : ["vec1", "tab"];

    /// <summary>The <c>wall_s=</c> value of the floor's <c>RESULT</c> line in <paramref name="output"/>, or null when there is none.</summary>
    public static double? ParseWall(string output)
    {
        foreach (var line in output.Split('\n'))
        {
            if (!line.StartsWith("RESULT ", StringComparison.Ordinal)) continue;
            foreach (var field in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                if (field.StartsWith("wall_s=", StringComparison.Ordinal)
                    && double.TryParse(field.AsSpan(7), NumberStyles.Float, CultureInfo.InvariantCulture, out double w)) return w;
        }
        return null;
    }

    static string? Field(string output, string name)
    {
        foreach (var line in output.Split('\n'))
            if (line.StartsWith("RESULT ", StringComparison.Ordinal))
                foreach (var field in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    if (field.StartsWith(name + "=", StringComparison.Ordinal)) return field[(name.Length + 1)..];
        return null;
    }

    /// <summary>Runs the floor once; returns its output, or throws with its exit code and error text.</summary>
    static string RunFloor(string path, int n, int steps, int threads, string method, out int exitCode, out string stderr)
    {
        var psi = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-N", n.ToString(CultureInfo.InvariantCulture), "-steps", steps.ToString(CultureInfo.InvariantCulture),
                     "-T", threads.ToString(CultureInfo.InvariantCulture), "-m", method })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        exitCode = p.ExitCode;
        stderr = err.Result.Trim();
        return output;
    }

    static double Median(IEnumerable<double> xs)
    {
        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    /// <summary>The --vs-floor mode; <paramref name="ours"/> runs one case of this program in a child process.</summary>
    public static int Run(string? floorPath, string? floorMethod, int n, int steps, int threads, string delivery, int repeat, Func<List<string>, BenchResult> ours)
    {
        var ci = CultureInfo.InvariantCulture;
        if (string.IsNullOrEmpty(floorPath))
        {
            Console.Error.WriteLine("--vs-floor needs --floor PATH: the native baseline's binary (build it with the baseline's build.sh OUTDIR, which prints the path)");
            return 2;
        }
        if (!File.Exists(floorPath))
        {
            Console.Error.WriteLine($"--floor: no file at '{floorPath}' (build the baseline with the baseline's build.sh OUTDIR, which prints the binary's path)");
            return 2;
        }
        var args = new List<string> { "--n", n.ToString(ci), "--steps", steps.ToString(ci), "--threads", threads.ToString(ci), "--delivery", delivery, "--json" };
        var ourRuns = new List<BenchResult>();
        string[]? methods = floorMethod is null ? null : [floorMethod];
        var floorRuns = new Dictionary<string, List<double>>();
        var floorSpikes = new Dictionary<string, string?>();
        for (int round = 0; round < repeat; round++)
        {
            var r = ours(args);
            ourRuns.Add(r);
            string used = r.Delivery.Contains("regenerated", StringComparison.Ordinal) ? "regenerated" : "cached";
            methods ??= MethodsFor(used, n);
            string line = string.Create(ci, $"round {round + 1}: ours ({r.Delivery}, {r.Threads} thr) {r.SimSeconds:F4} s");
            foreach (var m in methods.ToArray())
            {
                string output = RunFloor(floorPath, n, steps, r.Threads, m, out int rc, out string err);
                double? wall = rc == 0 ? ParseWall(output) : null;
                if (wall is null)
                {
                    string why = rc != 0 ? $"exited with {rc}" : "printed no RESULT line with wall_s=";
                    if (methods.Length > 1 && round == 0 && floorMethod is null)
                    {
                        Console.Error.WriteLine($"floor -m {m} {why} ({err}); compared without it");
                        methods = methods.Where(x => x != m).ToArray();
                        continue;
                    }
                    Console.Error.WriteLine($"floor '{floorPath}' -N {n} -steps {steps} -T {r.Threads} -m {m} {why}: {(err.Length > 0 ? err : output.Trim())}");
                    return 1;
                }
                if (!floorRuns.TryGetValue(m, out var list)) floorRuns[m] = list = [];
                list.Add(wall.Value);
                floorSpikes[m] = Field(output, "spikes");
                line += string.Create(ci, $", floor {m} {wall.Value:F4} s");
            }
            Console.WriteLine(line);
        }
        double ourMed = Median(ourRuns.Select(x => x.SimSeconds));
        var last = ourRuns[^1];
        Console.WriteLine(string.Create(ci, $"N={n} steps={steps} threads={last.Threads}, {repeat} alternating rounds, medians of the step loop's wall time:"));
        Console.WriteLine(string.Create(ci, $"  ours --delivery {delivery} ({last.Delivery}): {ourMed:F4} s  (spikes {last.Spikes})"));
        foreach (var (m, walls) in floorRuns)
        {
            double fm = Median(walls);
            Console.WriteLine(string.Create(ci, $"  floor -m {m}: {fm:F4} s  (spikes {floorSpikes[m]})  ours/floor = {ourMed / fm:F2}×"));
        }
        return 0;
    }
}
