using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using EINet;
using Xunit;
using Xunit.Abstractions;

namespace SpikeSharp.Runtime.Tests.Usage;

/// <summary>
/// SLOW (about a minute): the real first-use path. Packs the SpikeSharp package from a copy of the sources, creates a
/// fresh console project that references only that package (restored from the local folder plus the usual sources,
/// into a private package cache so no stale copy is used), writes the seed model in it, builds and runs it, and
/// compares its spikes with the same model run here.
/// </summary>
public sealed class PackageSmokeTest(ITestOutputHelper output) : IDisposable
{
    readonly string _work = Directory.CreateTempSubdirectory("spikesharp-pack-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void PackedPackage_BuildsAndRunsTheSeedModel_InAFreshProject()
    {
        string repo = RepoRoot();
        string src = Path.Combine(_work, "src");
        string feed = Path.Combine(_work, "feed");
        string app = Path.Combine(_work, "app");

        // 1. Pack from a copy, so this test never races the solution build over bin/ and obj/.
        CopyTree(Path.Combine(repo, "Runtime"), Path.Combine(src, "Runtime"), skip: ["bin", "obj", "Plotting"]);
        CopyTree(Path.Combine(repo, "Generator"), Path.Combine(src, "Generator"), skip: ["bin", "obj"]);
        File.Copy(Path.Combine(repo, "Directory.Build.props"), Path.Combine(src, "Directory.Build.props"));
        File.Copy(Path.Combine(repo, "README.md"), Path.Combine(src, "README.md"));
        const string version = "0.1.0-smoke";
        Dotnet(src, $"pack Runtime/SpikeSharp.Runtime.csproj -c Release -o \"{feed}\" -p:Version={version} --disable-build-servers -nodeReuse:false", null);
        string nupkg = Path.Combine(feed, $"SpikeSharp.{version}.nupkg");
        Assert.True(File.Exists(nupkg), $"no {nupkg}");
        using (var zip = System.IO.Compression.ZipFile.OpenRead(nupkg))
        {
            var names = zip.Entries.Select(e => e.FullName).ToHashSet();
            Assert.Contains("lib/net10.0/SpikeSharp.Runtime.dll", names);
            Assert.Contains("analyzers/dotnet/cs/SpikeSharp.Generator.dll", names);
        }
        Assert.Single(Directory.GetFiles(feed, "*.nupkg"));   // ONE package

        // 2. A fresh console project that knows only the package.
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "Directory.Build.props"), "<Project />");   // stop MSBuild looking further up
        File.WriteAllText(Path.Combine(app, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SpikeSharp" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.Copy(Path.Combine(repo, "samples", "EINet", "Model.cs"), Path.Combine(app, "Model.cs"));
        string npz = Path.Combine(app, "run.npz");
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using EINet;
            using SpikeSharp;

            var net = new EINetwork(seed: 1);
            var runner = new Runner(net, 20f, [new SpikeMonitor("spikes"), new RateMonitor("rate", binMs: 1)]);
            runner.Run(50);
            runner.Run(50);
            runner.SaveNpz(args[0]);
            Console.WriteLine($"steps={runner.StepIndex} spikes={runner.Monitor<SpikeMonitor>("spikes").Count}");
            """);
        var privateCache = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_work, "packages") };
        Dotnet(app, "build -c Release --disable-build-servers -nodeReuse:false", privateCache);
        string dll = Path.Combine(app, "bin", "Release", "net10.0", "App.dll");
        string stdout = Dotnet(app, $"\"{dll}\" \"{npz}\"", privateCache);

        // 3. Same numbers as the seed model compiled here.
        var here = Runner.Run(new EINetwork(1), 1000, 20f).Spikes;
        Assert.Equal($"steps=1000 spikes={here.Count}", stdout.Trim());
        var arrays = Npz.Read(npz);
        Assert.Equal(here.Neurons.ToArray(), arrays["spikes_i"].As<int>());
        Assert.Equal(100, arrays["rate"].Shape[0]);
    }

    static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Dsl.sln"))) return d.FullName;
        throw new InvalidOperationException($"Dsl.sln not found above {AppContext.BaseDirectory}");
    }

    static void CopyTree(string from, string to, string[] skip)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        foreach (var d in Directory.GetDirectories(from))
            if (!skip.Contains(Path.GetFileName(d))) CopyTree(d, Path.Combine(to, Path.GetFileName(d)), []);
    }

    string Dotnet(string cwd, string arguments, IReadOnlyDictionary<string, string>? env)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
        var psi = new ProcessStartInfo(dotnet, arguments)
        {
            WorkingDirectory = cwd,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        // The test host runs under `dotnet test`; its MSBuild variables would steer the child builds.
        foreach (var key in psi.Environment.Keys.ToArray())
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
                psi.Environment.Remove(key);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        if (env is not null) foreach (var (k, v) in env) psi.Environment[k] = v;

        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(6)))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"`dotnet {arguments}` in {cwd} timed out after 6 minutes");
        }
        p.WaitForExit();
        string o = stdout.Result, e = stderr.Result;
        output.WriteLine($"$ dotnet {arguments}  (in {cwd}) → {p.ExitCode}");
        if (p.ExitCode != 0)
            Assert.Fail($"`dotnet {arguments}` in {cwd} exited {p.ExitCode}:\n{Tail(o)}\n{Tail(e)}");
        return o;
    }

    static string Tail(string s) => s.Length <= 6000 ? s : s[^6000..];
}
