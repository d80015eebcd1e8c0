using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SpikeSharp.Generator.Tests;

/// <summary>[VanillaProj] (BrainPy's VanillaProj: the user's values → non-event comm → its own output): each value comm
/// compiles clean, one snapshot, and SPK4120 (event comm), SPK4121 (synapse), SPK0003 (size) with exact spans.</summary>
public class VanillaProjGeneratorTests
{
    const string Pops = """
        using SpikeSharp;
        namespace D;
        [Population(100)] [LifRef(Tau = 20)] public partial class P;
        """;

    const string Valid = """
        using SpikeSharp;
        namespace D;
        [VanillaProj(Post = typeof(P))] [CSRLinear(50, 100, Prob = 0.1, Weight = 0.5)] [Cuba] public partial class VCsr;
        [VanillaProj(Post = typeof(P))] [JitFPHomoLinear(50, 100, Prob = 0.1, Weight = 0.5)] [Coba(E = 0)] public partial class VJh;
        [VanillaProj(Post = typeof(P))] [JitFPUniformLinear(50, 100, Prob = 0.1, WLow = 0, WHigh = 1)] [Cuba] public partial class VJu;
        [VanillaProj(Post = typeof(P))] [JitFPNormalLinear(50, 100, Prob = 0.1, WMu = 0.5, WSigma = 0.1)] [Cuba] public partial class VJn;
        [VanillaProj(Post = typeof(P))] [AllToAll(50, 100, Weight = 0.01)] [MgBlock(E = 0)] public partial class VA2A;
        [VanillaProj(Post = typeof(P), OutLabel = "x")] [OneToOne(100, Weight = 0.2)] [Cuba] public partial class VO2O;
        """;

    [Fact]
    public void EachValueComm_CompilesClean_OwnOutputEach()
    {
        DiagnosticMarkup.AssertDiagnostics(Valid, Pops);
        var r = GeneratorHarness.Run(Valid, Pops);
        Assert.Empty(r.CompileErrors);
        Assert.Empty(r.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Warning));
        string post = r.Sources["D.P.g.cs"];
        foreach (var n in new[] { "VCsr", "VJh", "VJu", "VJn", "VA2A", "VO2O" })
        {
            Assert.Contains($"output of D.{n}:", post);
            Assert.Contains("public void Update(global::System.ReadOnlySpan<float> values)", r.Sources[$"D.{n}.g.cs"]);
        }
        Assert.Contains("Matrix = global::SpikeSharp.CsrMatrix.Build(", r.Sources["D.VCsr.g.cs"]);
        Assert.Contains("JitComms.MultiplyUniform(__values, __postInput", r.Sources["D.VJu.g.cs"]);
        Assert.Contains("DenseComms.OneToOneThreaded(__values, __postInput, Weight, __threads);", r.Sources["D.VO2O.g.cs"]);
        // Drawn weights have their distribution's constants and no scalar Weight (it was a misleading 0f); the homo JIT's stays.
        Assert.DoesNotContain("const float Weight", r.Sources["D.VJu.g.cs"]);
        Assert.DoesNotContain("const float Weight", r.Sources["D.VJn.g.cs"]);
        Assert.Contains("public const float WLow", r.Sources["D.VJu.g.cs"]);
        Assert.Contains("public const float Weight", r.Sources["D.VJh.g.cs"]);
    }

    [Fact]
    public void VanillaProj_GeneratedCode_MatchesSnapshot()
    {
        var r = GeneratorHarness.Run(Valid, Pops);
        Assert.Empty(r.CompileErrors);
        SnapshotAssert.Matches(r.Sources.Where(kv => kv.Key is "D.VCsr.g.cs" or "D.VJn.g.cs" or "D.VA2A.g.cs")
            .ToDictionary(kv => kv.Key, kv => kv.Value), "VanillaProj");
    }

    [Fact]
    public void EventComm_SPK4120_AtTheComm()
    {
        var d = DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            namespace D;
            [VanillaProj(Post = typeof(P))] [{|SPK4120:EventCSRLinear(50, 100, Prob = 0.1)|}] [Cuba]
            public partial class V;
            """, DiagnosticSeverity.Error, Pops);
        Assert.Equal("Projection 'V': [EventCSRLinear] is an event comm, but [VanillaProj] hands its comm a float for every input; use a non-event comm: [CSRLinear], [JitFPHomoLinear], [JitFPUniformLinear], [JitFPNormalLinear], [AllToAll] or [OneToOne]", d.GetMessage());
        DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            namespace D;
            [VanillaProj(Post = typeof(P))] [{|SPK4120:EventJitFPHomoLinear(50, 100, Prob = 0.1)|}] [Coba]
            public partial class V;
            """, DiagnosticSeverity.Error, Pops);
    }

    [Fact]
    public void Synapse_SPK4121_AtTheSynapse()
    {
        var d = DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            namespace D;
            [VanillaProj(Post = typeof(P))] [CSRLinear(50, 100, Prob = 0.1)] [{|SPK4121:Expon(Tau = 5)|}] [Cuba]
            public partial class V;
            """, DiagnosticSeverity.Error, Pops);
        Assert.Equal("Projection 'V': [VanillaProj] has no synapse (comm(x) goes straight to the output); remove [Expon], or use a projection with a synapse", d.GetMessage());
        DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            namespace D;
            [VanillaProj(Post = typeof(P))] [AllToAll(50, 100)] [{|SPK4121:Nmda|}] [MgBlock]
            public partial class V;
            """, DiagnosticSeverity.Error, Pops);
    }

    [Fact]
    public void SizeMismatch_SPK0003_AtNumOut()
    {
        var d = DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            namespace D;
            [VanillaProj(Post = typeof(P))] [CSRLinear(50, {|SPK0003:80|}, Prob = 0.1)] [Cuba]
            public partial class V;
            """, DiagnosticSeverity.Error, Pops);
        Assert.Contains("80", d.GetMessage());
        Assert.Contains("'P'", d.GetMessage());
    }

    [Fact]
    public void UserMember_ClashingWithUpdate_SPK0025()
    {
        DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            namespace D;
            [VanillaProj(Post = typeof(P))] [OneToOne(100)] [Cuba]
            public partial class V { public void {|SPK0025:Update|}(System.ReadOnlySpan<float> values) { } }
            """, DiagnosticSeverity.Error, Pops);
    }
}
