using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace SpikeSharp.Generator.Tests;

/// <summary>The incremental pipeline caches: unrelated edits leave every step Cached/Unchanged, a parameter edit
/// re-emits only the file it affects, and no model object holds compilation data.</summary>
public class IncrementalityTests
{
    static readonly string[] ModelSteps =
    {
        TrackingNames.Populations, TrackingNames.Projections, TrackingNames.Plan, TrackingNames.PopulationPlans, TrackingNames.ProjectionPlans,
    };

    const string Unrelated = """
        namespace Other;
        public class Unrelated { public int X; }
        """;

    /// <summary>Runs on <paramref name="before"/>, then on the same compilation with tree <paramref name="index"/> replaced by
    /// <paramref name="after"/>, and returns the second run.</summary>
    static GeneratorRunResult Rerun(string[] before, int index, string after)
    {
        var compilation = GeneratorHarness.Compile(before);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var old = compilation.SyntaxTrees.ElementAt(index);
        var next = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(after, GeneratorHarness.ParseOptions, path: old.FilePath));
        return driver.RunGenerators(next).GetRunResult().Results.Single();
    }

    static IEnumerable<(string Step, IncrementalStepRunReason Reason, object? Value)> Outputs(GeneratorRunResult run, string step) =>
        run.TrackedSteps.TryGetValue(step, out var steps)
            ? steps.SelectMany(s => s.Outputs.Select(o => (step, o.Reason, (object?)o.Value)))
            : Enumerable.Empty<(string, IncrementalStepRunReason, object?)>();

    static IEnumerable<(IncrementalStepRunReason Reason, object? Value)> SourceOutputs(GeneratorRunResult run) =>
        run.TrackedOutputSteps.TryGetValue("SourceOutput", out var steps)
            // Outputs that added a file: not the runtime-only attribute output, which adds none outside the runtime's build.
            ? steps.SelectMany(s => s.Outputs.Where(o => !IsEmpty(o.Value)).Select(o => (o.Reason, (object?)o.Value)))
            : Enumerable.Empty<(IncrementalStepRunReason, object?)>();

    static bool IsEmpty(object? value) =>
        value is System.Runtime.CompilerServices.ITuple t && t.Length > 0 && t[0] is System.Collections.IEnumerable sources && !sources.Cast<object>().Any();

    [Fact]
    public void EditOfThePostInAnotherFile_ReportsTheProjectionsSizeMismatch_OnTheNextRun()
    {
        // The cross-type checks run in the projection's parse; an edit of the post alone (another file) must still bring
        // SPK0003 on the next run, as the IDE does it (an incremental run, not a fresh one).
        const string post = "using SpikeSharp;\nnamespace D;\n[Population(100)] [Lif] public partial class P;";
        const string proj = "using SpikeSharp;\nnamespace D;\n[HalfProjAlignPostMg(Post = typeof(P))] [EventJitFPHomoLinear(10, 100, Prob = 0.1)] [Expon] [Coba] public partial class Proj;";
        var compilation = GeneratorHarness.Compile(post, proj);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.DoesNotContain(driver.GetRunResult().Diagnostics, d => d.Id == "SPK0003");
        var old = compilation.SyntaxTrees.First();
        var next = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(post.Replace("Population(100)", "Population(50)"), GeneratorHarness.ParseOptions, path: old.FilePath));
        var after = driver.RunGenerators(next).GetRunResult();
        var d = Assert.Single(after.Diagnostics, d => d.Id == "SPK0003");
        Assert.Equal("Projection 'Proj': numOut = 100, but post population 'P' has size 50", d.GetMessage());
        Assert.Equal("File1.cs", d.Location.SourceTree?.FilePath);
    }

    [Fact]
    public void EditOfAPopulation_UpdatesAModelInAnotherFileThatNamesItsGeneratedConstant()
    {
        const string m = "using SpikeSharp;\nnamespace D;\n[Population(N.Size)] [Lif] public partial class M;";
        const string n = "using SpikeSharp;\nnamespace D;\n[Population(10)] [Lif] public partial class N;";
        var run = Rerun(new[] { m, n }, 1, n.Replace("Population(10)", "Population(20)"));
        var text = run.GeneratedSources.Single(s => s.HintName == "D.M.g.cs").SourceText.ToString();
        Assert.Contains("public const int Size = 20;", text); // not a stale 10 from M's cached parse
    }

    [Fact]
    public void UnrelatedFileEdit_LeavesEveryStepCached()
    {
        var run = Rerun(new[] { TestModels.Seed, Unrelated }, 1, Unrelated.Replace("public int X;", "public int X, Y; // edited"));
        foreach (var step in ModelSteps)
        {
            var outputs = Outputs(run, step).ToList();
            Assert.NotEmpty(outputs); // the step ran and is tracked under its name
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{o.Step}: {o.Reason}"));
        }
        var emitted = SourceOutputs(run).ToList();
        Assert.Equal(3, emitted.Count);
        Assert.All(emitted, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void UnrelatedFileEdit_LeavesShellsCached()
    {
        string broken = TestModels.Seed.Replace("Tau = 20, TauRef", "Tau = 0, TauRef");
        var run = Rerun(new[] { broken, Unrelated }, 1, Unrelated.Replace("public int X;", "public int X, Y; // edited"));
        foreach (var step in new[] { TrackingNames.Populations, TrackingNames.Projections, TrackingNames.Plan, TrackingNames.ShellPlans })
        {
            var outputs = Outputs(run, step).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{o.Step}: {o.Reason}"));
        }
        Assert.Equal(3, Outputs(run, TrackingNames.ShellPlans).Count());
        Assert.All(SourceOutputs(run), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void ShellObjects_HoldNoSymbolSyntaxLocationOrCompilation()
    {
        var run = GeneratorHarness.Run(TestModels.Seed.Replace("Tau = 20, TauRef", "Tau = 0, TauRef")).Run.Results.Single();
        int objects = 0;
        foreach (var step in new[] { TrackingNames.Populations, TrackingNames.Projections, TrackingNames.Plan, TrackingNames.ShellPlans })
        {
            foreach (var (name, _, value) in Outputs(run, step))
            {
                objects++;
                var bad = FindCompilationData(value, name);
                Assert.True(bad.Count == 0, string.Join("\n", bad));
            }
        }
        Assert.True(objects >= 7, $"only {objects} model objects were walked");
    }

    [Fact]
    public void CommentInTheModelFile_ReparsesButEmitsNothingNew()
    {
        var run = Rerun(new[] { TestModels.Seed, Unrelated }, 0, TestModels.Seed.Replace("public partial class Excitatory;", "public partial class Excitatory; // a comment"));
        foreach (var step in ModelSteps)
            Assert.All(Outputs(run, step), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{o.Step}: {o.Reason}"));
        Assert.All(SourceOutputs(run), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void WeightChange_ReemitsOnlyThatProjection()
    {
        var run = Rerun(new[] { TestModels.Seed, Unrelated }, 0, TestModels.Seed.Replace("Weight = 6.7", "Weight = 7"));

        var projections = Outputs(run, TrackingNames.ProjectionPlans).ToList();
        var modified = Assert.Single(projections, o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New);
        Assert.Contains("Inhibitory", modified.Value!.ToString());
        Assert.All(Outputs(run, TrackingNames.PopulationPlans), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));

        var emitted = SourceOutputs(run).ToList();
        Assert.Equal(3, emitted.Count);
        var reemitted = Assert.Single(emitted, o => o.Reason != IncrementalStepRunReason.Cached);
        Assert.Equal(IncrementalStepRunReason.Modified, reemitted.Reason);
    }

    [Fact]
    public void SynapseTauChange_ReemitsThePopulationAndThatProjection_NotTheOther()
    {
        // Tau is part of the merge key: the post population's decay constant changes, and so does the projection's key.
        var run = Rerun(new[] { TestModels.Seed }, 0, TestModels.Seed.Replace("[Expon(Tau = 10)]", "[Expon(Tau = 12)]"));
        var projections = Outputs(run, TrackingNames.ProjectionPlans).ToList();
        Assert.Contains("Inhibitory", Assert.Single(projections, o => o.Reason == IncrementalStepRunReason.Modified).Value!.ToString());
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(Outputs(run, TrackingNames.PopulationPlans)).Reason);
        Assert.Equal(2, SourceOutputs(run).Count(o => o.Reason == IncrementalStepRunReason.Modified));
    }

    // ---- users' own models: an edit of the model's file reaches the population that names it (another file) ----

    const string UserModelFile = """
        using SpikeSharp;
        namespace U;
        [NeuronModel]
        public sealed class Leaky : CustomNeuron
        {
            public double Tau { get; set; } = 10;
            public double VTh { get; set; } = 1;
            [State] double V { get; set; }
            double dV() => -V / Tau + I;
            bool Spike() => V >= VTh;
            void Reset() => V = 0;
        }
        """;

    const string UserPopulationFile = """
        using SpikeSharp;
        namespace U;
        [Population(10)] [Leaky] public partial class Cells;
        """;

    [Fact]
    public void EditOfAUserModelsEquation_ReemitsThePopulationThatUsesIt()
    {
        var run = Rerun(new[] { UserModelFile, UserPopulationFile }, 0, UserModelFile.Replace("-V / Tau + I", "-V / Tau + 2 * I"));
        var plan = Assert.Single(Outputs(run, TrackingNames.PopulationPlans));
        Assert.Equal(IncrementalStepRunReason.Modified, plan.Reason);
        Assert.Contains("2f * current", Assert.Single(run.GeneratedSources).SourceText.ToString());
    }

    [Fact]
    public void EditOfAUserModelsComment_ChangesNothingDownstream()
    {
        var run = Rerun(new[] { UserModelFile, UserPopulationFile }, 0, UserModelFile.Replace("public double Tau", "// a comment\n    public double Tau"));
        Assert.All(Outputs(run, TrackingNames.PopulationPlans), o => Assert.True(o.Reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, o.Reason.ToString()));
        Assert.DoesNotContain(SourceOutputs(run), o => o.Reason == IncrementalStepRunReason.Modified);
    }

    // ---- the model graph holds no compilation data ----

    static readonly Type[] Forbidden = { typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location), typeof(Compilation), typeof(SemanticModel), typeof(AttributeData) };

    /// <summary>Walks every object reachable through fields from <paramref name="root"/>; returns the paths of forbidden ones.</summary>
    static List<string> FindCompilationData(object? root, string path = "model", HashSet<object>? seen = null)
    {
        var found = new List<string>();
        seen ??= new HashSet<object>(ReferenceEqualityComparer.Instance);
        if (root is null || root is string || root.GetType().IsPrimitive || root.GetType().IsEnum || root is decimal) return found;
        if (!root.GetType().IsValueType && !seen.Add(root)) return found;
        if (Forbidden.Any(t => t.IsInstanceOfType(root))) { found.Add(path + ": " + root.GetType().Name); return found; }
        if (root is IEnumerable items)
        {
            int i = 0;
            foreach (var item in items) found.AddRange(FindCompilationData(item, $"{path}[{i++}]", seen));
        }
        for (var t = root.GetType(); t is not null && t != typeof(object); t = t.BaseType)
            foreach (var f in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                if (!f.FieldType.IsPointer && !f.FieldType.IsByRefLike)
                    found.AddRange(FindCompilationData(f.GetValue(root), path + "." + f.Name, seen));
        return found;
    }

    [Fact]
    public void ModelGraphWalk_FindsAPlantedLocation()
    {
        // The walk itself must be able to fail.
        var planted = new { Name = "x", Inner = new object[] { 1, (Tuple.Create("a", Location.None)) } };
        Assert.Single(FindCompilationData(planted));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ModelObjects_HoldNoSymbolSyntaxLocationOrCompilation(bool nestedAndSplit) => HoldsNoCompilationData(nestedAndSplit
            ? TestModels.Seed.Replace("namespace EINet;", "namespace EINet;\npublic static partial class Outer {")
                .Replace("public partial class Inhibitory;", "public partial class Inhibitory;\n}")
                .Replace("typeof(Neurons)", "typeof(Outer.Neurons)") + "\nnamespace EINet { public static partial class Outer { [InitConstant(\"V\", -60)] public partial class Neurons2; } }"
            : TestModels.Seed);

    /// <summary>A user's model travels by value inside the population's spec (its NeuronDef), not as a symbol.</summary>
    [Fact]
    public void UserModel_HoldsNoSymbolSyntaxLocationOrCompilation() => HoldsNoCompilationData(UserModelTests.TraubMiles
        + "\n[HalfProjAlignPostMg(Post = typeof(Cells))] [EventJitFPHomoLinear(100, 100, Prob = 0.1, Weight = 0.1)] [Expon(Tau = 5)] [Coba(E = 0)] public partial class Proj;\n");

    static void HoldsNoCompilationData(string source)
    {
        var r = GeneratorHarness.Run(source);
        var run = r.Run.Results.Single();
        int objects = 0;
        foreach (var step in ModelSteps)
        {
            foreach (var (name, _, value) in Outputs(run, step))
            {
                objects++;
                var bad = FindCompilationData(value, name);
                Assert.True(bad.Count == 0, string.Join("\n", bad));
            }
        }
        Assert.True(objects >= 5, $"only {objects} model objects were walked");
    }
}

public class NetworkIncrementalityTests
{
    const string Models = """
        using SpikeSharp;
        namespace D;
        [Population(100)] [LifRef(Tau = 20)] public partial class P;
        [Population(50)] [LifRef(Tau = 20)] public partial class Q;
        [FullProjAlignPostMg(Pre = typeof(Q), Post = typeof(P))]
        [EventJitFPHomoLinear(50, 100, Prob = 0.1)] [Expon(Tau = 5)] [Coba(E = 0)]
        public partial class QP;
        """;

    const string Net = "using SpikeSharp;\nnamespace D;\n[Network] public partial class Net { P p; Q q; QP qp; }";

    static GeneratorRunResult Rerun(int index, string after)
    {
        var compilation = GeneratorHarness.Compile(Models, Net);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var old = compilation.SyntaxTrees.ElementAt(index);
        var next = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(after, GeneratorHarness.ParseOptions, path: old.FilePath));
        return driver.RunGenerators(next).GetRunResult().Results.Single();
    }

    static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorRunResult run, string step) =>
        run.TrackedSteps.TryGetValue(step, out var steps) ? steps.SelectMany(s => s.Outputs.Select(o => o.Reason)) : Enumerable.Empty<IncrementalStepRunReason>();

    [Fact]
    public void EditOfTheNetworkOnly_LeavesTheModelPlanCached_AndReemitsTheNetwork()
    {
        var run = Rerun(1, Net.Replace("Q q; QP qp;", "Q q; QP qp; // a comment"));
        Assert.All(Reasons(run, TrackingNames.Plan), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
        Assert.All(Reasons(run, TrackingNames.PopulationPlans), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
        Assert.All(Reasons(run, TrackingNames.Networks), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));

        var reordered = Rerun(1, Net.Replace("P p; Q q;", "Q q; P p;"));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(reordered, TrackingNames.Networks)); // seeds follow member order
    }
}
