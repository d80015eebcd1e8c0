using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SpikeSharp.Generator.Tests;

/// <summary>Short-term plasticity ([Std], [Stp]) as pre-sized synapses of align-pre projections: a clean network, its
/// snapshot (the STP family), the merge rules (by value, per pre and delay; STD never with STP), and SPK0030 / SPK0004
/// with exact spans.</summary>
public class StpGeneratorTests
{
    const string Pops = """
        using SpikeSharp;
        namespace D;
        [Population(100)] [LifRef(Tau = 20)] public partial class P;
        [Population(50)] [LifRef(Tau = 20)] public partial class Q;
        """;

    const string Valid = """
        using SpikeSharp;
        namespace D;
        [FullProjAlignPreDSMg(Pre = typeof(Q), Post = typeof(P), DelaySteps = 2)]
        [CSRLinear(50, 100, Prob = 0.1, Weight = 0.5)] [Std] [Coba(E = 0)]
        public partial class QPStd;
        [FullProjAlignPreDSMg(Pre = typeof(Q), Post = typeof(P), DelaySteps = 2)]
        [CSRLinear(50, 100, Prob = 0.2, Weight = 0.1)] [Std(Tau = 200.0, U = 0.07)] [Coba(E = -80)]
        public partial class QPStdSame;
        [FullProjAlignPreDSMg(Pre = typeof(Q), Post = typeof(P), DelaySteps = 2)]
        [CSRLinear(50, 100, Prob = 0.1)] [Std(U = 0.5)] [Coba(E = 0)]
        public partial class QPStdOtherU;
        [FullProjAlignPreDSMg(Pre = typeof(Q), Post = typeof(P), DelaySteps = 1)]
        [CSRLinear(50, 100, Prob = 0.1)] [Std] [Coba(E = 0)]
        public partial class QPStdOtherDelay;
        [FullProjAlignPreDSMg(Pre = typeof(Q), Post = typeof(P), DelaySteps = 2)]
        [CSRLinear(50, 100, Prob = 0.1)] [Stp] [Coba(E = 0)]
        public partial class QPStp;
        [FullProjAlignPreSDMg(Pre = typeof(Q), Post = typeof(P), DelaySteps = 3)]
        [CSRLinear(50, 100, Prob = 0.1)] [Stp(U = 0.2, TauF = 20, TauD = 150)] [Cuba]
        public partial class QPStpSd;
        [Network] public partial class Net
        {
            public P p; public Q q;
            public QPStd a; public QPStdSame b; public QPStdOtherU c; public QPStdOtherDelay d; public QPStp e; public QPStpSd f;
        }
        """;

    [Fact]
    public void StdAndStp_CompileClean_MergeByValue_PerPreAndDelay_NeverWithEachOther()
    {
        DiagnosticMarkup.AssertDiagnostics(Valid, Pops);
        var r = GeneratorHarness.Run(Valid, Pops);
        Assert.Empty(r.CompileErrors);
        Assert.Empty(r.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Warning));
        string net = r.Sources["SpikeSharp.Network.D.Net.g.cs"];
        // Equal values (200 and 200.0) and delay: b shares a's state, only a steps it.
        Assert.Contains("b = new global::D.QPStdSame(q, p, __delay_q, unchecked(seed + 3UL), global::D.QPStdSame.DefaultStreamId, a.Synapse);", net);
        Assert.Contains("a.UpdateSynapse();", net);
        Assert.DoesNotContain("b.UpdateSynapse();", net);
        // Another U, another delay, STP with STD's delay: each its own state.
        foreach (string own in new[] { "c", "d", "e", "f" }) Assert.Contains(own + ".UpdateSynapse();", net);
        Assert.Contains("public const string SynapseKey = \"Delay(2 steps) // STD(tau=200, U=0.07)\";", r.Sources["D.QPStd.g.cs"]);
        Assert.Contains("public const string SynapseKey = \"Delay(2 steps) // STD(tau=200, U=0.5)\";", r.Sources["D.QPStdOtherU.g.cs"]);
        Assert.Contains("public const string SynapseKey = \"Delay(2 steps) // STP(U=0.15, tau_f=1500, tau_d=200)\";", r.Sources["D.QPStp.g.cs"]);
        Assert.Contains("public const string SynapseKey = \"STP(U=0.2, tau_f=20, tau_d=150) // Delay\";", r.Sources["D.QPStpSd.g.cs"]);
        // Initial state: x = 1 (STD), u = U and x = 1 (STP).
        Assert.Contains("global::System.Array.Fill(Synapse.Array(0), 1f); // X₀", r.Sources["D.QPStd.g.cs"]);
        Assert.Contains("global::System.Array.Fill(Synapse.Array(0), 0.2f); // Use₀", r.Sources["D.QPStpSd.g.cs"]);
        Assert.Contains("global::System.Array.Fill(Synapse.Array(1), 1f); // X₀", r.Sources["D.QPStpSd.g.cs"]);
    }

    [Fact]
    public void StpFamily_GeneratedCode_MatchesSnapshot()
    {
        var r = GeneratorHarness.Run(Valid, Pops);
        Assert.Empty(r.CompileErrors);
        SnapshotAssert.Matches(r.Sources.Where(kv => kv.Key is "D.QPStd.g.cs" or "D.QPStp.g.cs" or "D.QPStpSd.g.cs")
            .ToDictionary(kv => kv.Key, kv => kv.Value), "Stp");
    }

    static string Proj(string syn) => $$"""
        using SpikeSharp;
        namespace D;
        [FullProjAlignPreDSMg(Pre = typeof(Q), Post = typeof(P))]
        [CSRLinear(50, 100, Prob = 0.1)] {{syn}} [Coba(E = 0)]
        public partial class QP;
        """;

    [Theory]
    [InlineData("[Stp({|SPK0030:U = 0|})]", "Stp.U = 0")]
    [InlineData("[Stp({|SPK0030:U = 1.5|})]", "Stp.U = 1.5")]
    [InlineData("[Std(Tau = 100, {|SPK0030:U = -0.1|})]", "Std.U = -0.1")]
    [InlineData("[Std({|SPK0030:U = double.NaN|})]", "Std.U = NaN")]
    public void ReleaseFraction_OutOfRange_SPK0030_AtU(string syn, string what)
    {
        var d = DiagnosticMarkup.AssertSingle(Proj(syn), DiagnosticSeverity.Error, Pops);
        Assert.Equal($"'QP': {what} must be in (0, 1]", d.GetMessage());
    }

    [Fact]
    public void ReleaseFraction_One_IsValid()
    {
        DiagnosticMarkup.AssertDiagnostics(Proj("[Stp(U = 1)]"), Pops);
        DiagnosticMarkup.AssertDiagnostics(Proj("[Std(U = 1, Tau = 0.5)]"), Pops);
    }

    [Theory]
    [InlineData("[Stp({|SPK0004:TauF = 0|})]", "Stp.TauF = 0")]
    [InlineData("[Stp(U = 0.3, {|SPK0004:TauD = -5|})]", "Stp.TauD = -5")]
    [InlineData("[Std({|SPK0004:Tau = 0|})]", "Std.Tau = 0")]
    public void TimeConstants_SPK0004_AtTheArgument(string syn, string what)
    {
        var d = DiagnosticMarkup.AssertSingle(Proj(syn), DiagnosticSeverity.Error, Pops);
        Assert.StartsWith($"'QP': {what}", d.GetMessage());
    }

    [Fact]
    public void StdOnAlignPost_SPK4062_AtTheSynapse()
    {
        DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            namespace D;
            [FullProjAlignPostMg(Pre = typeof(Q), Post = typeof(P))]
            [EventCSRLinear(50, 100, Prob = 0.1)] [{|SPK4062:Std|}] [Coba]
            public partial class QP;
            """, DiagnosticSeverity.Error, Pops);
    }
}
