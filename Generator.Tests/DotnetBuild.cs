using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;

namespace SpikeSharp.Generator.Tests;

/// <summary>Runs <c>dotnet build -c Release</c> in a folder, as a user's build does (for what only the compiler's command
/// line shows: warnings as errors, analyzer rules, #pragma and .editorconfig on generator diagnostics).</summary>
internal static class DotnetBuild
{
    public static async Task<(int ExitCode, string Log)> RunAsync(string dir)
    {
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", "build -c Release -nologo")
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The test host's MSBuild variables would point the child build at the test's own MSBuild.
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k == "MSBUILD_EXE_PATH").ToList())
            psi.Environment.Remove(key);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new System.Threading.CancellationTokenSource(TimeSpan.FromMinutes(4));
        await p.WaitForExitAsync(cts.Token);
        return (p.ExitCode, await stdout + await stderr);
    }
}
