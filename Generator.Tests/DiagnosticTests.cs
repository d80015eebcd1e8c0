using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SpikeSharp.Generator.Tests;

/// <summary>One test per diagnostic: ID, severity, exact span and message; and the valid twin reports nothing.</summary>
public class DiagnosticTests
{
    const string Pop = TestModels.SmallPopulation;

    const string NotAPopulation = """
        namespace D;
        public partial class Plain;
        """;

    static Diagnostic Single(string markup, params string[] others) =>
        DiagnosticMarkup.AssertSingle(markup, DiagnosticSeverity.Error, others);

    [Fact]
    public void ValidSeedNetwork_ReportsNothing()
    {
        Assert.Empty(GeneratorHarness.Analyze(TestModels.Seed));
    }

    [Fact]
    public void ClassNotPartial_SPK0001()
    {
        var d = Single("""
            using SpikeSharp;
            [Population(10)]
            [Lif]
            public class {|SPK0001:Cells|} { }
            """);
        Assert.Equal("Type 'Cells' carries [Population] but is not declared partial, so SpikeSharp cannot generate its model", d.GetMessage());
    }

    [Fact]
    public void PostNotAPopulation_SPK0002()
    {
        var d = Single("""
            using SpikeSharp;
            namespace D;
            [HalfProjAlignPostMg({|SPK0002:Post = typeof(Plain)|})]
            [EventJitFPHomoLinear(10, 100, Prob = 0.1)]
            [Expon(Tau = 5)]
            [Coba(E = 0)]
            public partial class Proj;
            """, NotAPopulation);
        Assert.Equal("Projection 'Proj': Post = typeof(Plain), but 'Plain' has no [Population] attribute", d.GetMessage());
    }

    [Fact]
    public void CommNumOutDiffersFromPostSize_SPK0003()
    {
        var d = Single("""
            using SpikeSharp;
            namespace D;
            [HalfProjAlignPostMg(Post = typeof(P))]
            [EventJitFPHomoLinear(10, {|SPK0003:4000|}, Prob = 0.1)]
            [Expon(Tau = 5)]
            [Coba(E = 0)]
            public partial class Proj;
            """, Pop);
        Assert.Equal("Projection 'Proj': numOut = 4000, but post population 'P' has size 100", d.GetMessage());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("double.NaN")]
    [InlineData("double.PositiveInfinity")]
    public void NonPositiveSynapseTau_SPK0004(string tau)
    {
        var d = Single($$"""
            using SpikeSharp;
            namespace D;
            [HalfProjAlignPostMg(Post = typeof(P))]
            [EventJitFPHomoLinear(10, 100, Prob = 0.1)]
            [Expon({|SPK0004:Tau = {{tau}}|})]
            [Coba(E = 0)]
            public partial class Proj;
            """, Pop);
        Assert.StartsWith("'Proj': Expon.Tau = ", d.GetMessage());
        Assert.EndsWith(" must be a positive, finite number of ms", d.GetMessage());
    }

    [Fact]
    public void NonPositiveMembraneTau_SPK0004_NamesMemberAndValue()
    {
        var d = Single("""
            using SpikeSharp;
            [Population(10)]
            [LifRef({|SPK0004:Tau = -20|})]
            public partial class Cells;
            """);
        Assert.Equal("'Cells': LifRef.Tau = -20 must be a positive, finite number of ms", d.GetMessage());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.1")]
    [InlineData("1.5")]
    public void ProbOutsideRange_SPK0005(string prob)
    {
        var d = Single($$"""
            using SpikeSharp;
            namespace D;
            [HalfProjAlignPostMg(Post = typeof(P))]
            [EventJitFPHomoLinear(10, 100, {|SPK0005:Prob = {{prob}}|})]
            [Expon(Tau = 5)]
            [Coba(E = 0)]
            public partial class Proj;
            """, Pop);
        Assert.Equal($"Projection 'Proj': Prob = {prob} must be in (0, 1]", d.GetMessage());
    }

    [Fact]
    public void ProbOne_IsValid()
    {
        DiagnosticMarkup.AssertDiagnostics("""
            using SpikeSharp;
            namespace D;
            [HalfProjAlignPostMg(Post = typeof(P))]
            [EventJitFPHomoLinear(10, 100, Prob = 1)]
            [Expon(Tau = 5)]
            [Coba(E = 0)]
            public partial class Proj;
            """, Pop);
    }

    [Fact]
    public void UnknownStateVariable_SuggestsClosest_SPK0011()
    {
        var d = Single("""
            using SpikeSharp;
            [Population(10)]
            [LifRef]
            [InitNormal({|SPK0011:"Vv"|}, Mean = -55)]
            public partial class Cells;
            """);
        Assert.Equal("Population 'Cells': the neuron model has no state variable \"Vv\" (did you mean 'V'?); valid: V", d.GetMessage());
    }

    [Fact]
    public void InvalidInput_GeneratorEmitsOnlyAShellForIt_AndDoesNotThrow()
    {
        var r = GeneratorHarness.Run("""
            using SpikeSharp;
            namespace D;
            [HalfProjAlignPostMg(Post = typeof(P))]
            [EventJitFPHomoLinear(10, 4000, Prob = 0.1)]
            [Expon(Tau = 5)]
            [Coba(E = 0)]
            public partial class Proj;
            """, Pop);
        Assert.Equal(new[] { "D.P.g.cs", "D.Proj.g.cs" }, r.Sources.Keys.OrderBy(k => k, System.StringComparer.Ordinal).ToArray());
        Assert.False(GeneratorHarness.IsShell(r.Sources["D.P.g.cs"]));
        Assert.True(GeneratorHarness.IsShell(r.Sources["D.Proj.g.cs"]));
        Assert.Empty(r.CompileErrors);
    }
}
