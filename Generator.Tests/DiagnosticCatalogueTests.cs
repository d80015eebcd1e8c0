using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SpikeSharp.Generator.Diagnostics;
using Xunit;

namespace SpikeSharp.Generator.Tests;

/// <summary>The rest of the catalogue, one test per diagnostic (ID, severity, exact span, message) with a valid twin,
/// plus consistency of the catalogue with the analyzer, the release-tracking file and the diagnostics page (docs/diagnostics.md).</summary>
public class DiagnosticCatalogueTests
{
    const string Pop = TestModels.SmallPopulation;

    static Diagnostic Single(string markup, DiagnosticSeverity severity, params string[] others) =>
        DiagnosticMarkup.AssertSingle(markup, severity, others);

    static Diagnostic Error(string markup, params string[] others) => Single(markup, DiagnosticSeverity.Error, others);

    /// <summary>The twin: same shape, valid values, nothing reported, and the generator emits the type.</summary>
    static void Valid(string source, string hint, params string[] others)
    {
        DiagnosticMarkup.AssertDiagnostics(source, others);
        var r = GeneratorHarness.Run(new[] { source }.Concat(others).ToArray());
        Assert.Empty(r.CompileErrors);
        Assert.Contains(hint, r.Sources.Keys);
    }

    /// <summary>The invalid type gets only a shell (its members throw), which compiles with everything else.</summary>
    static void Shelled(string markup, string hint, params string[] others)
    {
        var (source, _) = DiagnosticMarkup.Parse(markup);
        var r = GeneratorHarness.Run(new[] { source }.Concat(others).ToArray());
        Assert.True(GeneratorHarness.IsShell(r.Sources[hint]), r.Sources[hint]);
        Assert.Empty(r.CompileErrors);
    }

    /// <summary>The generator emits nothing for the invalid type (not even a shell) and does not throw.</summary>
    static void Skipped(string markup, string hint, params string[] others)
    {
        var (source, _) = DiagnosticMarkup.Parse(markup);
        var r = GeneratorHarness.Run(new[] { source }.Concat(others).ToArray());
        Assert.DoesNotContain(hint, r.Sources.Keys);
    }

    static string Proj(string comm = "[EventJitFPHomoLinear(10, 100, Prob = 0.1)]", string syn = "[Expon(Tau = 5)]", string output = "[Coba(E = 0)]", string head = "[HalfProjAlignPostMg(Post = typeof(P))]") => $$"""
        using SpikeSharp;
        namespace D;
        {{head}}
        {{comm}}
        {{syn}}
        {{output}}
        public partial class Proj;
        """;

    // ---- SPK0006–SPK0010 (existing IDs without a test so far) ----

    [Fact]
    public void PopulationWithoutNeuronModel_SPK0006()
    {
        var d = Error("""
            using SpikeSharp;
            [Population(10)]
            public partial class {|SPK0006:Cells|};
            """);
        Assert.Equal("Population 'Cells' has no neuron model: add one of [LifRef], [Lif], [Izhikevich], [IzhikevichRef], [ExpIF], [ExpIFRef], [AdExIF], [AdExIFRef], [QuaIF], [QuaIFRef], [AdQuaIF], [AdQuaIFRef], [HH], [Gif], [GifRef], [LifLTC], [LifRefLTC], [ExpIFLTC], [ExpIFRefLTC]", d.GetMessage());
    }

    [Fact]
    public void ProjectionWithoutSynapse_SPK0007()
    {
        var d = Error(Proj(syn: "", head: "[{|SPK0007:HalfProjAlignPostMg(Post = typeof(P))|}]"), Pop);
        Assert.Equal("Projection 'Proj' has no synapse: add one of [Expon], [DualExponV2]", d.GetMessage());
    }

    [Fact]
    public void NonPositiveSize_SPK0008()
    {
        var d = Error("""
            using SpikeSharp;
            [Population({|SPK0008:0|})]
            [Lif]
            public partial class Cells;
            """);
        Assert.Equal("'Cells': size = 0 must be > 0", d.GetMessage());
    }

    [Theory]
    [InlineData("int.MaxValue", "2147483647")]
    [InlineData("2147483592", "2147483592")]
    public void SizeBeyondTheLargestArray_SPK0028(string size, string shown)
    {
        var d = Error($$"""
            using SpikeSharp;
            [Population({|SPK0028:{{size}}|})]
            [Lif]
            public partial class Cells;
            """);
        Assert.Equal($"'Cells': size = {shown} is more than the largest .NET array (2,147,483,591 elements), so its state cannot be allocated", d.GetMessage());
        Assert.Equal(0x7FFFFFC7, System.Array.MaxLength); // the generator's copy of the constant
    }

    [Fact]
    public void SizeAtTheLargestArray_IsAccepted()
    {
        Assert.Empty(GeneratorHarness.Analyze("""
            using SpikeSharp;
            [Population(2147483591)]
            [Lif]
            public partial class Cells;
            """).Where(x => x.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
    }

    [Fact]
    public void ProjectionWithoutPost_SPK0009()
    {
        var d = Error(Proj(head: "[{|SPK0009:HalfProjAlignPostMg|}]"), Pop);
        Assert.Equal("Projection 'Proj': [HalfProjAlignPostMg] needs Post = typeof(<population>)", d.GetMessage());
    }

    [Fact]
    public void ArgumentOfWrongType_SPK0010()
    {
        // The compiler reports CS0029 too; SPK0010 says which model argument could not be read.
        var d = Error("""
            using SpikeSharp;
            [Population(10)]
            [LifRef]
            [InitNormal("V", {|SPK0010:Mean = "x"|})]
            public partial class Cells;
            """);
        Assert.Equal("'Cells': argument Mean of [InitNormal] is not a constant number", d.GetMessage());
    }

    // ---- declarations ----

    [Fact]
    public void ContainingTypeNotPartial_SPK0012_PointsAtTheContainingType()
    {
        var d = Error("""
            using SpikeSharp;
            namespace D;
            public class {|SPK0012:Outer|}
            {
                [Population(10)]
                [Lif]
                public partial class Cells;
            }
            """);
        Assert.Equal("Type 'Cells' carries [Population] but its containing type 'Outer' is not declared partial, so the generated part cannot be nested in it", d.GetMessage());
        Skipped("""
            using SpikeSharp;
            namespace D;
            public class Outer { [Population(10)] [Lif] public partial class Cells; }
            """, "D.Outer.Cells.g.cs");
    }

    [Fact]
    public void ContainingTypePartial_IsValid_AndNests()
    {
        Valid("""
            using SpikeSharp;
            namespace D;
            public static partial class Outer
            {
                [Population(10)]
                [Lif]
                public partial class Cells;
            }
            """, "D.Outer.Cells.g.cs");
    }

    [Fact]
    public void GenericClass_SPK0013()
    {
        var d = Error("""
            using SpikeSharp;
            [Population(10)]
            [Lif]
            public partial class {|SPK0013:Cells|}<T>;
            """);
        Assert.Equal("Type 'Cells' carries [Population] but 'Cells' is generic; a population or projection and its containing types cannot have type parameters", d.GetMessage());
    }

    [Fact]
    public void NestedInGenericClass_SPK0013_NamesTheContainingType()
    {
        var d = Error("""
            using SpikeSharp;
            public partial class Outer<T>
            {
                [Population(10)]
                [Lif]
                public partial class {|SPK0013:Cells|};
            }
            """);
        Assert.Equal("Type 'Cells' carries [Population] but 'Outer' is generic; a population or projection and its containing types cannot have type parameters", d.GetMessage());
    }

    [Theory]
    [InlineData("public static partial class", "static class")]
    [InlineData("public partial record", "record")]
    public void UnsupportedKindOfType_SPK0014(string declaration, string kind)
    {
        var d = Error($$"""
            using SpikeSharp;
            [Population(10)]
            [Lif]
            {{declaration}} {|SPK0014:Cells|};
            """);
        Assert.Equal($"Type 'Cells' is a {kind}, but [Population] needs a partial, non-static, non-record class", d.GetMessage());
    }

    [Fact]
    public void UnsupportedKind_Struct_SPK0014_NextToTheCompilersCS0592()
    {
        // AttributeUsage(Class) already makes this CS0592; SPK0014 says what SpikeSharp needs instead.
        var d = Error("""
            using SpikeSharp;
            [Population(10)]
            [Lif]
            public partial struct {|SPK0014:Cells|};
            """);
        Assert.Equal("Type 'Cells' is a struct, but [Population] needs a partial, non-static, non-record class", d.GetMessage());
    }

    [Fact]
    public void TwoNeuronModels_SPK0015_OnTheSecond()
    {
        const string markup = """
            using SpikeSharp;
            [Population(10)]
            [Lif]
            [{|SPK0015:LifRef(TauRef = 2)|}]
            public partial class Cells;
            """;
        var d = Error(markup);
        Assert.Equal("Population 'Cells' has two neuron models, [Lif] and [LifRef]: keep one", d.GetMessage());
        Shelled(markup, "Cells.g.cs");
    }

    [Fact]
    public void TwoOutputs_SPK0016()
    {
        var d = Error(Proj(output: "[Coba(E = 0)]\n[{|SPK0016:Cuba|}]"), Pop);
        Assert.Equal("Projection 'Proj' has two outputs, [Coba] and [Cuba]: keep one", d.GetMessage());
    }

    [Fact]
    public void TwoComms_SPK0016_SpreadOverPartialDeclarations()
    {
        // The second comm sits on another partial declaration: AllowMultiple = false gives CS0579 as well; ours names the role.
        var diags = DiagnosticMarkup.AssertDiagnostics(Proj() + "\n[{|SPK0016:EventJitFPHomoLinear(10, 100, Prob = 0.5)|}]\npublic partial class Proj { }", Pop);
        Assert.Equal("Projection 'Proj' has two comms, [EventJitFPHomoLinear] and [EventJitFPHomoLinear]: keep one", Assert.Single(diags).GetMessage());
    }

    [Fact]
    public void BothPopulationAndProjection_SPK0022_AndNoDuplicateHintName()
    {
        const string markup = """
            using SpikeSharp;
            namespace D;
            [Population(100)]
            [LifRef(Tau = 20)]
            [{|SPK0022:HalfProjAlignPostMg(Post = typeof(P))|}]
            [EventJitFPHomoLinear(100, 100, Prob = 0.1)]
            [Expon(Tau = 5)]
            [Coba(E = 0)]
            public partial class P;
            """;
        var d = Error(markup);
        Assert.Equal("Type 'P' carries both [Population] and [HalfProjAlignPostMg]: split it into two classes", d.GetMessage());
        Skipped(markup, "D.P.g.cs");
    }

    [Fact]
    public void PostLessAccessibleThanProjection_SPK0024()
    {
        // Found by the property test: a public projection onto an internal population made the generated code fail with CS0051/CS0053.
        string internalPop = Pop.Replace("public partial class P", "internal partial class P");
        var d = Error(Proj(head: "[HalfProjAlignPostMg({|SPK0024:Post = typeof(P)|})]"), internalPop);
        Assert.Equal("Projection 'Proj' is public but its post population 'P' is internal: the generated Post property and constructors cannot expose it", d.GetMessage());
        Skipped(Proj(), "D.Proj.g.cs", internalPop);
        Valid(Proj().Replace("public partial class Proj", "internal partial class Proj"), "D.Proj.g.cs", internalPop);
    }

    // ---- values ----

    [Theory]
    [InlineData("double.NaN", "NaN")]
    [InlineData("double.PositiveInfinity", "Infinity")]
    [InlineData("1e300", "1E+300")]
    public void NonFiniteWeight_SPK0017(string weight, string printed)
    {
        var d = Error(Proj(comm: $"[EventJitFPHomoLinear(10, 100, Prob = 0.1, {{|SPK0017:Weight = {weight}|}})]"), Pop);
        Assert.Equal($"'Proj': EventJitFPHomoLinear.Weight = {printed} must be a finite number within float range", d.GetMessage());
    }

    [Fact]
    public void FiniteNegativeWeight_IsValid()
    {
        Valid(Proj(comm: "[EventJitFPHomoLinear(10, 100, Prob = 0.1, Weight = -3.5)]"), "D.Proj.g.cs", Pop);
    }

    [Fact]
    public void NonFiniteNeuronParameter_SPK0017()
    {
        var d = Error("""
            using SpikeSharp;
            [Population(10)]
            [Lif({|SPK0017:VRest = double.NegativeInfinity|})]
            public partial class Cells;
            """);
        Assert.Equal("'Cells': Lif.VRest = -Infinity must be a finite number within float range", d.GetMessage());
    }

    [Fact]
    public void NegativeRefractoryPeriod_SPK0018()
    {
        const string markup = """
            using SpikeSharp;
            [Population(10)]
            [LifRef(Tau = 20, {|SPK0018:TauRef = -1.5|})]
            public partial class Cells;
            """;
        var d = Error(markup);
        Assert.Equal("'Cells': LifRef.TauRef = -1.5 must be a finite number of ms ≥ 0", d.GetMessage());
        Shelled(markup, "Cells.g.cs");
        Valid(markup.Replace("{|SPK0018:TauRef = -1.5|}", "TauRef = 0"), "Cells.g.cs");
    }

    [Fact]
    public void ThresholdNotAboveReset_SPK1001_IsAWarning_AndStillGenerates()
    {
        const string markup = """
            using SpikeSharp;
            [Population(10)]
            [LifRef(VReset = -50, {|SPK1001:VTh = -60|})]
            public partial class Cells;
            """;
        var d = Single(markup, DiagnosticSeverity.Warning);
        Assert.Equal("'Cells': LifRef.VTh = -60 is not above VReset = -50; a neuron reset to VReset is already at threshold and fires on every step it is not refractory", d.GetMessage());
        var r = GeneratorHarness.Run(DiagnosticMarkup.Parse(markup).Source);
        Assert.Contains("Cells.g.cs", r.Sources.Keys); // a warning does not stop generation
        Valid(markup.Replace("{|SPK1001:VTh = -60|}", "VTh = -40"), "Cells.g.cs");
    }

    [Fact]
    public void ThresholdEqualToDefaultReset_SPK1001_PointsAtVReset()
    {
        var d = Single("""
            using SpikeSharp;
            [Population(10)]
            [Lif({|SPK1001:VReset = 20|})]
            public partial class Cells;
            """, DiagnosticSeverity.Warning);
        Assert.Equal("'Cells': Lif.VTh = 20 is not above VReset = 20; a neuron reset to VReset is already at threshold and fires on every step it is not refractory", d.GetMessage());
    }

    [Fact]
    public async System.Threading.Tasks.Task PragmaAndEditorconfig_SuppressSpikeSharpWarnings_InARealBuild()
    {
        // The diagnostics come from the generator (its one parse), located in the user's files: the compiler applies
        // #pragma warning disable and .editorconfig severities to them as to its own. A real build, because only the
        // compiler's command line applies both (Roslyn's in-memory APIs do not apply pragmas to generator diagnostics).
        // Quiet.cs: SPK1001 under a pragma, SPK1002 set to none by .editorconfig; Loud.cs: the same models, no suppression.
        string dir = Path.Combine(Path.GetTempPath(), "spikesharp-suppress-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "Suppress.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Library</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                  </PropertyGroup>
                  <ItemGroup>
                    <Reference Include="{typeof(SpikeSharp.PopulationAttribute).Assembly.Location}" />
                    <Analyzer Include="{typeof(SpikeSharpGenerator).Assembly.Location}" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(dir, ".editorconfig"), "root = true\n[Quiet.cs]\ndotnet_diagnostic.SPK1002.severity = none\n");
            const string models = """
                using SpikeSharp;
                [Population(10)]
                #pragma warning disable SPK1001 // deliberately always firing
                [LifRef(VReset = -50, VTh = -60)]
                #pragma warning restore SPK1001
                public partial class QuietLif;
                [Population(10)] [ExpIF] public partial class QuietExp;
                """;
            File.WriteAllText(Path.Combine(dir, "Quiet.cs"), models);
            File.WriteAllText(Path.Combine(dir, "Loud.cs"), models.Replace("#pragma", "// #pragma").Replace("Quiet", "Loud"));
            var (exitCode, log) = await DotnetBuild.RunAsync(dir);
            Assert.True(exitCode == 0, "dotnet build failed:\n" + log);
            var spk = log.Split('\n').Where(l => l.Contains(": warning SPK", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct().ToList();
            Assert.Contains(spk, l => l.Contains("Loud.cs", StringComparison.Ordinal) && l.Contains("SPK1001", StringComparison.Ordinal));
            Assert.Contains(spk, l => l.Contains("Loud.cs", StringComparison.Ordinal) && l.Contains("SPK1002", StringComparison.Ordinal));
            Assert.DoesNotContain(spk, l => l.Contains("Quiet.cs", StringComparison.Ordinal));
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    [Fact]
    public void SeverityOption_CanTurnSPK1001IntoAnError()
    {
        const string source = """
            using SpikeSharp;
            [Population(10)]
            [LifRef(VReset = -50, VTh = -60)]
            public partial class Cells;
            """;
        var c = GeneratorHarness.Compile(source);
        c = c.WithOptions(c.Options.WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["SPK1001"] = ReportDiagnostic.Error }));
        Assert.Equal(DiagnosticSeverity.Error, Assert.Single(GeneratorHarness.Analyze(c)).Severity);
    }

    [Theory]
    [InlineData("-2", "-2")]
    [InlineData("double.NaN", "NaN")]
    public void NegativeStd_SPK0019(string std, string printed)
    {
        var d = Error($$"""
            using SpikeSharp;
            [Population(10)]
            [LifRef]
            [InitNormal("V", Mean = -55, {|SPK0019:Std = {{std}}|})]
            public partial class Cells;
            """);
        Assert.Equal($"Population 'Cells': InitNormal(\"V\").Std = {printed} must be a finite number ≥ 0", d.GetMessage());
    }

    [Fact]
    public void ZeroStd_IsValid()
    {
        Valid("""
            using SpikeSharp;
            [Population(10)]
            [LifRef]
            [InitNormal("V", Mean = -55, Std = 0)]
            public partial class Cells;
            """, "Cells.g.cs");
    }

    [Fact]
    public void UniformMaxBelowMin_SPK0020()
    {
        var d = Error("""
            using SpikeSharp;
            [Population(10)]
            [LifRef]
            [InitUniform("V", Min = -50, {|SPK0020:Max = -60|})]
            public partial class Cells;
            """);
        Assert.Equal("Population 'Cells': InitUniform(\"V\"): Max = -60 is below Min = -50", d.GetMessage());
    }

    [Fact]
    public void TwoInitializersForOneVariable_SPK0021()
    {
        var d = Error("""
            using SpikeSharp;
            [Population(10)]
            [LifRef]
            [InitNormal("V", Mean = -55)]
            [InitConstant({|SPK0021:"V"|}, -60)]
            public partial class Cells;
            """);
        Assert.Equal("Population 'Cells': state variable \"V\" already has an initializer ([InitNormal]); [InitConstant] would overwrite it", d.GetMessage());
    }

    [Fact]
    public void OutLabelWithLineBreak_SPK0023()
    {
        var d = Error(Proj(head: """[HalfProjAlignPostMg(Post = typeof(P), {|SPK0023:OutLabel = "a\nb"|})]"""), Pop);
        Assert.Equal("Projection 'Proj': OutLabel = \"a\\nb\" contains a line break or control character (U+000A)", d.GetMessage());
    }

    [Fact]
    public void OutLabelWithXmlAndQuotes_IsValid_AndCompiles()
    {
        Valid(Proj(head: """[HalfProjAlignPostMg(Post = typeof(P), OutLabel = "<a & \"b\" \\ c>")]"""), "D.Proj.g.cs", Pop);
    }

    [Fact]
    public void LargeSeed_IsReadExactly()
    {
        var r = GeneratorHarness.Run(Proj(comm: "[EventJitFPHomoLinear(10, 100, Prob = 0.1, Seed = 9007199254740993)]"), Pop);
        Assert.Empty(r.CompileErrors);
        Assert.Contains("DefaultSeed = 9007199254740993UL;", r.Sources["D.Proj.g.cs"]); // 2^53 + 1: a double would give ...992
    }

    // ---- merging info ----

    static readonly string[] MergedNetwork =
    {
        Pop,
        Proj().Replace("class Proj", "class A"),
        Proj(comm: "[EventJitFPHomoLinear(10, 100, Prob = 0.3, Weight = 2)]", syn: "[Expon(Tau = 5.0)]").Replace("class Proj", "class B"),
        Proj(syn: "[Expon(Tau = 10)]").Replace("class Proj", "class C"),
    };

    [Fact]
    public void MergedProjections_SPK2001_IsOffByDefault()
    {
        Assert.Empty(GeneratorHarness.Analyze(MergedNetwork));
    }

    [Fact]
    public void MergedProjections_SPK2001_WhenEnabled_NamesTheSharedBuffer()
    {
        var markupA = MergedNetwork[1].Replace("[HalfProjAlignPostMg(Post = typeof(P))]", "[{|SPK2001:HalfProjAlignPostMg(Post = typeof(P))|}]");
        var (sourceA, expectedA) = DiagnosticMarkup.Parse(markupA);
        var c = GeneratorHarness.Compile(sourceA, MergedNetwork[0], MergedNetwork[2], MergedNetwork[3]);
        c = c.WithOptions(c.Options.WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["SPK2001"] = ReportDiagnostic.Info }));
        var diags = GeneratorHarness.Analyze(c);
        // A and B share G0 (Tau 5 and 5.0 are equal values); C has its own buffer and is not reported.
        Assert.Equal(2, diags.Length);
        Assert.All(diags, d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
        var a = Assert.Single(diags, d => d.Location.SourceTree!.FilePath == "File0.cs");
        Assert.Equal(expectedA.Single().Span, a.Location.SourceSpan);
        Assert.Equal("Projection 'D.A' shares synapse buffer G0 of 'D.P' with 'D.B' (merge key: None // Expon(tau=5) // COBA(E=0))", a.GetMessage());
        Assert.Contains(diags, d => d.GetMessage().StartsWith("Projection 'D.B' shares synapse buffer G0 of 'D.P' with 'D.A'", StringComparison.Ordinal));
    }

    // ---- the catalogue itself ----

    static IReadOnlyList<DiagnosticDescriptor> Catalogue() =>
        typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Concat(typeof(ProjectionDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static))
            .Concat(typeof(PoissonGroupDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static))
            .Concat(typeof(VanillaDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor)).Select(f => (DiagnosticDescriptor)f.GetValue(null)!).ToList();

    static string RepoFile(string relative, [CallerFilePath] string self = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(self)!, "..", relative));

    [Fact]
    public void Catalogue_IsComplete_Tracked_Supported_AndDocumented()
    {
        var all = Catalogue();
        Assert.True(all.Count >= 25, $"only {all.Count} descriptors");
        Assert.Equal(all.Count, all.Select(d => d.Id).Distinct().Count());
        var supported = DiagnosticDescriptors.All.Select(d => d.Id).ToHashSet();
        string unshipped = RepoFile("Generator/AnalyzerReleases.Unshipped.md") + RepoFile("Generator/AnalyzerReleases.Shipped.md");
        string page = RepoFile("docs/diagnostics.md");
        var sections = page.Split('\n').Where(l => l.StartsWith("## SPK", StringComparison.Ordinal)).Select(l => l[3..].Trim()).ToList();
        Assert.Equal(all.Select(d => d.Id).OrderBy(i => i, StringComparer.Ordinal), sections.OrderBy(i => i, StringComparer.Ordinal));
        foreach (var d in all)
        {
            Assert.Contains(d.Id, supported);
            string severity = d.IsEnabledByDefault ? d.DefaultSeverity.ToString() : "Disabled";
            Assert.Contains($"{d.Id} | {d.Category} | {severity} |", unshipped);
            // The help link (the IDE's link on the diagnostic) is the page's section of this id: "## SPK0004" → #spk0004.
            Assert.Equal($"{DiagnosticDescriptors.HelpPage}#{d.Id.ToLowerInvariant()}", d.HelpLinkUri);
            Assert.Contains(d.Title.ToString(), page);
            // SPK3001–SPK3099 are users' own models' checks and SPK4001–SPK4199 projections' and networks' (SPK4120–SPK4129:
            // VanillaProj): one range each for every severity.
            if (!d.Id.StartsWith("SPK30", StringComparison.Ordinal) && !d.Id.StartsWith("SPK40", StringComparison.Ordinal) && !d.Id.StartsWith("SPK41", StringComparison.Ordinal))
                Assert.StartsWith(d.DefaultSeverity switch { DiagnosticSeverity.Error => "SPK0", DiagnosticSeverity.Warning => "SPK1", _ => "SPK2" }, d.Id);
            Assert.False(string.IsNullOrWhiteSpace(d.Description.ToString()), d.Id + " has no help text");
        }
    }
}
