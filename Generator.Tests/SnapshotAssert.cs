using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Xunit.Sdk;

namespace SpikeSharp.Generator.Tests;

/// <summary>
/// Our own snapshot helper (Verify is not available): generated files are compared with checked-in
/// <c>Snapshots/&lt;Test&gt;/&lt;Hint&gt;.verified.cs</c>. On a mismatch it writes <c>&lt;Hint&gt;.received.cs</c> beside it and fails
/// with the first differing line. Accept with <c>SPIKESHARP_ACCEPT_SNAPSHOTS=1</c> (refused when <c>CI=true</c>) or by
/// renaming received → verified.
/// </summary>
internal static class SnapshotAssert
{
    public static void Matches(IReadOnlyDictionary<string, string> generated, string testName, [CallerFilePath] string callerFile = "")
    {
        string dir = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots", testName);
        bool accept = Environment.GetEnvironmentVariable("SPIKESHARP_ACCEPT_SNAPSHOTS") == "1";
        if (accept && string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            throw new XunitException("SPIKESHARP_ACCEPT_SNAPSHOTS=1 is refused when CI=true: accept snapshots locally and commit them.");
        Directory.CreateDirectory(dir);

        var expectedNames = Directory.GetFiles(dir, "*.verified.cs").Select(f => Path.GetFileName(f)[..^".verified.cs".Length])
            .OrderBy(n => n, StringComparer.Ordinal).ToList();
        var actualNames = generated.Keys.Select(h => h.EndsWith(".cs", StringComparison.Ordinal) ? h[..^3] : h)
            .OrderBy(n => n, StringComparer.Ordinal).ToList();

        var failures = new List<string>();
        foreach (var (hint, text) in generated.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            string name = hint.EndsWith(".cs", StringComparison.Ordinal) ? hint[..^3] : hint;
            string verified = Path.Combine(dir, name + ".verified.cs");
            string received = Path.Combine(dir, name + ".received.cs");
            string actual = Normalize(text);
            if (accept) { File.WriteAllText(verified, actual); File.Delete(received); continue; }
            string? expected = File.Exists(verified) ? Normalize(File.ReadAllText(verified)) : null;
            if (expected == actual) { File.Delete(received); continue; }
            File.WriteAllText(received, actual);
            failures.Add(expected is null
                ? $"{name}: no verified snapshot; wrote {received}"
                : $"{name}: {FirstDifference(expected, actual)}\n  received: {received}");
        }
        if (!accept)
            foreach (var stale in expectedNames.Except(actualNames, StringComparer.Ordinal))
                failures.Add($"{stale}: verified snapshot exists but the generator no longer emits it");
        if (failures.Count > 0)
            throw new XunitException("Snapshot mismatch in " + dir + ":\n" + string.Join("\n", failures)
                + "\nReview the .received.cs files; accept with SPIKESHARP_ACCEPT_SNAPSHOTS=1 or rename them to .verified.cs.");
    }

    /// <summary>'\r\n' → '\n', BOM dropped, generator version → {VERSION}.</summary>
    public static string Normalize(string text) =>
        text.Replace("\r\n", "\n").TrimStart('\uFEFF')
            .Replace($"\"SpikeSharp.Generator\", \"{SpikeSharpGenerator.Version}\"", "\"SpikeSharp.Generator\", \"{VERSION}\"");

    static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            string? el = i < e.Length ? e[i] : null, al = i < a.Length ? a[i] : null;
            if (el != al) return $"first difference at line {i + 1}:\n  verified: {el ?? "<end of file>"}\n  received: {al ?? "<end of file>"}";
        }
        return "files differ";
    }
}
