using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using EINet;
using Xunit;
using Xunit.Abstractions;

namespace SpikeSharp.Runtime.Tests.Usage;

/// <summary>
/// The packages as a new user gets them, packed once for the tests of <see cref="PackageSmokeTest"/>: a copy of the
/// sources (so packing never races the solution build over bin/ and obj/) packed in one `dotnet pack` of a small
/// solution of SpikeSharp, SpikeSharp.Plotting and SpikeSharp.Templates into a local folder feed, plus a private
/// package cache that the fresh projects restore into (so no stale copy of a SpikeSharp package is ever used).
/// </summary>
public sealed class PackedFeed : IDisposable
{
    public const string Version = "0.1.0-smoke";

    public string Work { get; } = Directory.CreateTempSubdirectory("spikesharp-pack-").FullName;
    public string Feed => Path.Combine(Work, "feed");
    public string PrivateCache => Path.Combine(Work, "packages");
    public IReadOnlyList<string> Log => _log;
    readonly List<string> _log = [];

    public PackedFeed()
    {
        string repo = RepoRoot();
        string src = Path.Combine(Work, "src");
        CopyTree(Path.Combine(repo, "Runtime"), Path.Combine(src, "Runtime"));
        CopyTree(Path.Combine(repo, "Generator"), Path.Combine(src, "Generator"));
        CopyTree(Path.Combine(repo, "templates"), Path.Combine(src, "templates"));
        File.Copy(Path.Combine(repo, "Directory.Build.props"), Path.Combine(src, "Directory.Build.props"));
        // The generator is listed so that it builds in Release; it is not packable and becomes no package.
        File.WriteAllText(Path.Combine(src, "pack.slnx"), """
            <Solution>
              <Project Path="Generator/SpikeSharp.Generator.csproj" />
              <Project Path="Runtime/SpikeSharp.Runtime.csproj" />
              <Project Path="Runtime/Plotting/SpikeSharp.Plotting.csproj" />
              <Project Path="templates/SpikeSharp.Templates/SpikeSharp.Templates.csproj" />
            </Solution>
            """);
        var pack = DotnetCli.Run(src, $"pack pack.slnx -c Release -o \"{Feed}\" -p:Version={Version} --disable-build-servers -nodeReuse:false", null);
        _log.Add(pack.Summary);
        if (pack.ExitCode != 0) throw new InvalidOperationException(pack.Failure);
        PackOutput = pack.StdOut;
    }

    /// <summary>What `dotnet pack` printed (its warnings, if any, are in here).</summary>
    public string PackOutput { get; }

    public string Package(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    /// <summary>Makes <paramref name="dir"/> a fresh project's folder: no Directory.Build.* of this repository is seen.</summary>
    public static void StopDirectoryBuildLookup(string dir)
    {
        File.WriteAllText(Path.Combine(dir, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(dir, "Directory.Build.targets"), "<Project />");
    }

    /// <summary>A nuget.config that adds the local feed to the usual package sources.</summary>
    public void WriteNuGetConfig(string dir) =>
        File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{Feed}" />
              </packageSources>
            </configuration>
            """);

    /// <summary>The environment of restores and runs of the fresh projects: packages go to the private cache, and the
    /// user's package folder is a fallback folder, so third-party packages (ScottPlot, SkiaSharp's large native assets)
    /// are used from it in place instead of being extracted again; the SpikeSharp packages of this version are never
    /// there (the tests check that they land in the private cache).</summary>
    public IReadOnlyDictionary<string, string> RestoreEnv
    {
        get
        {
            var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = PrivateCache };
            string user = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } np
                ? np : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            if (Directory.Exists(user)) env["NUGET_FALLBACK_PACKAGES"] = user;   // a missing one fails the restore (NU1301)
            return env;
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(Work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    internal static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Dsl.sln"))) return d.FullName;
        throw new InvalidOperationException($"Dsl.sln not found above {AppContext.BaseDirectory}");
    }

    static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        foreach (var d in Directory.GetDirectories(from))
            if (Path.GetFileName(d) is not ("bin" or "obj")) CopyTree(d, Path.Combine(to, Path.GetFileName(d)));
    }
}

/// <summary>
/// SLOW (the pack, shared, about 20 s on an idle 2-core machine; each project test 10–15 s more): the real first-use paths. The packages are packed from a copy of
/// the sources (<see cref="PackedFeed"/>); then (1) a fresh console project that references only the SpikeSharp
/// package gets the seed model, is built and run, and its spikes are compared with the same model run here; (2) the
/// template package is installed into a throw-away template hive, `dotnet new spikesharp-net` creates a project on the
/// packed SpikeSharp and SpikeSharp.Plotting, and that project is built and run for a short run.
/// </summary>
public sealed class PackageSmokeTest(PackedFeed packed, ITestOutputHelper output) : IClassFixture<PackedFeed>, IDisposable
{
    readonly string _work = Directory.CreateTempSubdirectory("spikesharp-app-").FullName;
    readonly PackedFeed packed = LogPack(packed, output);

    static PackedFeed LogPack(PackedFeed packed, ITestOutputHelper output)
    {
        foreach (var line in packed.Log) output.WriteLine(line);
        return packed;
    }

    public void Dispose()
    {
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void PackedPackages_HaveTheirFilesAndMetadata_AndPackWithoutWarnings()
    {
        // Exactly the three packages: the generator ships inside SpikeSharp, not as a package of its own.
        Assert.Equal(
            ["SpikeSharp.0.1.0-smoke.nupkg", "SpikeSharp.Plotting.0.1.0-smoke.nupkg", "SpikeSharp.Templates.0.1.0-smoke.nupkg"],
            Directory.GetFiles(packed.Feed, "*.nupkg").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray());
        // No warning of any kind from building and packing, except NuGet's audit (NU19xx), which depends on the
        // vulnerability data the package source serves that day rather than on this repository.
        Assert.DoesNotMatch(new Regex(@"warning (?!NU19\d\d)[A-Z]+\d+", RegexOptions.IgnoreCase), packed.PackOutput);
        Assert.DoesNotContain("is missing a readme", packed.PackOutput);

        var runtime = Entries(packed.Package("SpikeSharp"));
        Assert.Contains("lib/net10.0/SpikeSharp.Runtime.dll", runtime.Keys);
        Assert.Contains("analyzers/dotnet/cs/SpikeSharp.Generator.dll", runtime.Keys);
        Assert.Contains("PACKAGE.md", runtime.Keys);
        var plotting = Entries(packed.Package("SpikeSharp.Plotting"));
        Assert.Contains("lib/net10.0/SpikeSharp.Plotting.dll", plotting.Keys);
        Assert.Contains("PACKAGE.md", plotting.Keys);
        var templates = Entries(packed.Package("SpikeSharp.Templates"));
        Assert.Contains("content/spikesharp-net/.template.config/template.json", templates.Keys);
        Assert.Contains("content/spikesharp-net/SpikeSharpNet.csproj", templates.Keys);
        Assert.DoesNotContain(templates.Keys, k => k.StartsWith("lib/", StringComparison.Ordinal));
        // The template references the packages of its own version; the stamping changes nothing else.
        string templateJson = File.ReadAllText(Path.Combine(PackedFeed.RepoRoot(), "templates", "SpikeSharp.Templates", "content", "spikesharp-net", ".template.config", "template.json"));
        Assert.Contains("\"defaultValue\": \"SPIKESHARP_PACKAGE_VERSION\"", templateJson);
        static string Lf(string s) => s.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();
        Assert.Equal(Lf(templateJson.Replace("SPIKESHARP_PACKAGE_VERSION", PackedFeed.Version, StringComparison.Ordinal)),
                     Lf(templates["content/spikesharp-net/.template.config/template.json"]));

        foreach (var (id, files) in new[] { ("SpikeSharp", runtime), ("SpikeSharp.Plotting", plotting), ("SpikeSharp.Templates", templates) })
        {
            string nuspec = files[$"{id}.nuspec"];
            Assert.Contains("<license type=\"expression\">MIT</license>", nuspec);
            Assert.Contains("<readme>PACKAGE.md</readme>", nuspec);
            Assert.Contains("<projectUrl>https://github.com/spikesharp/spikesharp</projectUrl>", nuspec);
            Assert.Contains("<repository type=\"git\" url=\"https://github.com/spikesharp/spikesharp\"", nuspec);
            Assert.Contains("<authors>The SpikeSharp authors</authors>", nuspec);
            Assert.Matches("<description>.{20,}</description>", nuspec);
            Assert.Matches("<tags>.+</tags>", nuspec);
        }
        // A project that references only SpikeSharp.Plotting still gets the generator through its dependency.
        Assert.Matches($"<dependency id=\"SpikeSharp\" version=\"{Regex.Escape(PackedFeed.Version)}\" include=\"All\" />", plotting["SpikeSharp.Plotting.nuspec"]);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void PackedPackage_BuildsAndRunsTheSeedModel_InAFreshProject()
    {
        string app = Path.Combine(_work, "app");
        Directory.CreateDirectory(app);
        PackedFeed.StopDirectoryBuildLookup(app);
        packed.WriteNuGetConfig(app);
        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SpikeSharp" Version="{PackedFeed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.Copy(Path.Combine(PackedFeed.RepoRoot(), "samples", "EINet", "Model.cs"), Path.Combine(app, "Model.cs"));
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
        Build(app);
        string stdout = Dotnet(app, $"\"{Path.Combine(app, "bin", "Release", "net10.0", "App.dll")}\" \"{npz}\"", packed.RestoreEnv);

        // Same numbers as the seed model compiled here.
        var here = Runner.Run(new EINetwork(1), 1000, 20f).Spikes;
        Assert.Equal($"steps=1000 spikes={here.Count}", stdout.Trim());
        var arrays = Npz.Read(npz);
        Assert.Equal(here.Neurons.ToArray(), arrays["spikes_i"].As<int>());
        Assert.Equal(100, arrays["rate"].Shape[0]);
    }

    /// <summary>The seed network (samples/EINet/Model.cs, seed 1) with the projections' stream families of
    /// <c>&lt;ns&gt;.Excitatory</c> and <c>&lt;ns&gt;.Inhibitory</c>: what the same model compiles to in namespace <c>ns</c>.</summary>
    sealed class SeedModelNamedAs : ISpikingNetwork
    {
        readonly Neurons _n = new(1);
        readonly SpikeDelay _delay = new(Neurons.Size);
        readonly Excitatory _e;
        readonly Inhibitory _i;

        public SeedModelNamedAs(string ns)
        {
            _e = new Excitatory(_n, 2, CounterRng.NameStreamId(ns + ".Excitatory"));
            _i = new Inhibitory(_n, 3, CounterRng.NameStreamId(ns + ".Inhibitory"));
            _delay.Register("I", null);
        }

        public int Size => Neurons.Size;
        public double Dt => _n.Dt;

        public Spikes Update(float input)
        {
            var spk = _delay.At("I");
            _e.Deliver(spk[..EINetwork.NumExcitatory]);
            _i.Deliver(spk[EINetwork.NumExcitatory..]);
            return _delay.Push(_n.Update(input));
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Template_CreatesANetworkProject_ThatBuildsOnThePackages_AndWritesARaster()
    {
        // A throw-away CLI home and template hive: the user's own template list is never touched.
        string hive = Path.Combine(_work, "hive");
        var cliHome = new Dictionary<string, string> { ["DOTNET_CLI_HOME"] = Path.Combine(_work, "cli-home") };
        string installed = Dotnet(_work, $"new install \"{packed.Package("SpikeSharp.Templates")}\" --debug:custom-hive \"{hive}\"", cliHome);
        Assert.Contains("spikesharp-net", installed);

        string app = Path.Combine(_work, "TNet");
        PackedFeed.StopDirectoryBuildLookup(_work);
        Dotnet(_work, $"new spikesharp-net -n TNet -o \"{app}\" --feed \"{packed.Feed}\" --debug:custom-hive \"{hive}\" --no-update-check", cliHome);
        // sourceName renames the project and its namespace.
        Assert.True(File.Exists(Path.Combine(app, "TNet.csproj")), "dotnet new did not write TNet.csproj");
        Assert.Contains("namespace TNet;", File.ReadAllText(Path.Combine(app, "Model.cs")));
        Assert.Contains($"Version=\"{PackedFeed.Version}\"", File.ReadAllText(Path.Combine(app, "TNet.csproj")));

        // --feed wrote the nuget.config that points the project at the local feed.
        Assert.Contains($"value=\"{packed.Feed}\"", File.ReadAllText(Path.Combine(app, "nuget.config")));
        Build(app);
        const int steps = 300;
        string raster = Path.Combine(app, "raster.png");
        string stdout = Dotnet(app, $"\"{Path.Combine(app, "bin", "Release", "net10.0", "TNet.dll")}\" {steps} \"{raster}\"", packed.RestoreEnv);

        Assert.Contains($"TNet: 4000 neurons, {steps} steps", stdout);
        var line = Regex.Match(stdout, @"^spikes: (\d+)\r?$", RegexOptions.Multiline);
        Assert.True(line.Success, $"no spike count line in:\n{stdout}");
        // The template's model is the seed model: the same spikes as the seed model compiled here, once its projections
        // use the stream families of their names in namespace TNet (a projection's connectivity follows its full name).
        Assert.Equal(Runner.Run(new SeedModelNamedAs("TNet"), steps, 20f).Spikes.Count, int.Parse(line.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        var png = new FileInfo(raster);
        Assert.True(png.Exists && png.Length > 1000, $"no raster at {raster}");
        using (var f = png.OpenRead())
        {
            var magic = new byte[8];
            f.ReadExactly(magic);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, magic);
        }
    }

    // Restores into the private cache and builds; the SpikeSharp packages must come from the local feed.
    void Build(string app)
    {
        Dotnet(app, "build -c Release --disable-build-servers -nodeReuse:false", packed.RestoreEnv);
        Assert.True(Directory.Exists(Path.Combine(packed.PrivateCache, "spikesharp", PackedFeed.Version)),
            $"SpikeSharp {PackedFeed.Version} was not restored from the local feed into {packed.PrivateCache}");
    }

    static Dictionary<string, string> Entries(string nupkg)
    {
        Assert.True(File.Exists(nupkg), $"no {nupkg}");
        using var zip = System.IO.Compression.ZipFile.OpenRead(nupkg);
        var text = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in zip.Entries)
        {
            bool isText = e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) || e.FullName.EndsWith(".json", StringComparison.Ordinal);
            if (!isText) { text[e.FullName] = ""; continue; }
            using var r = new StreamReader(e.Open(), Encoding.UTF8);
            text[e.FullName] = r.ReadToEnd();
        }
        return text;
    }

    string Dotnet(string cwd, string arguments, IReadOnlyDictionary<string, string>? env)
    {
        var r = DotnetCli.Run(cwd, arguments, env);
        output.WriteLine(r.Summary);
        if (r.ExitCode != 0) Assert.Fail(r.Failure);
        return r.StdOut;
    }
}

/// <summary>Runs the dotnet CLI as a user would, outside the test host's MSBuild environment.</summary>
static class DotnetCli
{
    public sealed record Result(string Cwd, string Arguments, int ExitCode, string StdOut, string StdErr)
    {
        public string Summary => $"$ dotnet {Arguments}  (in {Cwd}) → {ExitCode}";
        public string Failure => $"`dotnet {Arguments}` in {Cwd} exited {ExitCode}:\n{Tail(StdOut)}\n{Tail(StdErr)}";
    }

    public static Result Run(string cwd, string arguments, IReadOnlyDictionary<string, string>? env)
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
            return new Result(cwd, arguments, -1, "", "timed out after 6 minutes");
        }
        p.WaitForExit();
        return new Result(cwd, arguments, p.ExitCode, stdout.Result, stderr.Result);
    }

    static string Tail(string s) => s.Length <= 6000 ? s : s[^6000..];
}
