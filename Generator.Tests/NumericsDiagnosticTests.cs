using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SpikeSharp.Generator.Tests;

/// <summary>Compile-time numerics (issue 8): initial values that overflow float (item 9) and the probability range
/// that the runtime now honours down to double.Epsilon (item 2).</summary>
public class NumericsDiagnosticTests
{
    const string Pop = TestModels.SmallPopulation;

    static string Cells(string init) => $$"""
        using SpikeSharp;
        namespace D;
        [Population(10)]
        [LifRef(Tau = 20)]
        {{init}}
        public partial class Cells;
        """;

    [Theory]
    [InlineData("Mean = 3e38, {|SPK0017:Std = 3e38|}", "2.87151E+39")]
    [InlineData("Mean = -3e38, {|SPK0017:Std = 1e37|}", "3.85717E+38")]
    [InlineData("Mean = 0, {|SPK0017:Std = 4e37|}", "3.42868E+38")]
    public void NormalInit_WhoseDrawsOverflowFloat_SPK0017(string args, string printed)
    {
        var d = DiagnosticMarkup.AssertSingle(Cells($"[InitNormal(\"V\", {args})]"), DiagnosticSeverity.Error);
        Assert.Equal($"'Cells': InitNormal(\"V\"): the largest draw |Mean| + 8.57·Std = {printed} must be a finite number within float range", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        // No model code: only the placeholder shell, whose constructor throws naming the error.
        var cells = GeneratorHarness.Run(DiagnosticMarkup.Parse(Cells($"[InitNormal(\"V\", {args})]")).Source).Sources.Single(kv => kv.Key.Contains("Cells")).Value;
        Assert.Contains("'Cells' has SpikeSharp errors (SPK0017).", cells);
        Assert.DoesNotContain("Initializers.Normal", cells);
    }

    [Theory]
    [InlineData("Mean = 3e38, Std = 1e30")]
    [InlineData("Mean = 0, Std = 3.9e37")] // 8.57 · 3.9e37 = 3.34e38 < float.MaxValue
    [InlineData("Mean = -55, Std = 2")]
    public void NormalInit_WithinFloatRange_IsValid(string args)
    {
        DiagnosticMarkup.AssertDiagnostics(Cells($"[InitNormal(\"V\", {args})]"));
    }

    [Theory]
    [InlineData("4.9E-324")]
    [InlineData("double.Epsilon")]
    [InlineData("1e-300")]
    [InlineData("1e-17")]
    public void TinyProb_IsValid_TheRuntimeConnectsWithThatProbability(string prob)
    {
        string source = $$"""
            using SpikeSharp;
            namespace D;
            [HalfProjAlignPostMg(Post = typeof(P))]
            [EventJitFPHomoLinear(10, 100, Prob = {{prob}})]
            [Expon(Tau = 5)]
            [Coba(E = 0)]
            public partial class Proj;
            """;
        DiagnosticMarkup.AssertDiagnostics(source, Pop);
        var r = GeneratorHarness.Run(source, Pop);
        Assert.Empty(r.CompileErrors);
    }
}
