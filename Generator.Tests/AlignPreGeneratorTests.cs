using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SpikeSharp.Generator.Tests;

/// <summary>FullProjAlignPreDSMg and the pre-sized synapses: a clean valid network (merged synapse, own outputs), its
/// snapshot, and SPK4060–SPK4063 with exact spans and messages.</summary>
public class AlignPreGeneratorTests
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
        [CSRLinear(50, 100, Prob = 0.1, Weight = 0.5)] [Nmda] [MgBlock(E = 0)]
        public partial class QPNmda;
        [FullProjAlignPreDSMg(Pre = typeof(Q), Post = typeof(P), DelaySteps = 2)]
        [CSRLinear(50, 100, Conn = Conn.FixedPostNum, Num = 3, Weight = 0.1)] [Nmda(A = 0.5)] [Coba(E = 0)]
        public partial class QPNmda2;
        [FullProjAlignPreDSMg(Pre = typeof(Q), Post = typeof(P))]
        [CSRLinear(50, 100, Prob = 0.1)] [Ampa] [Coba(E = 0)]
        public partial class QPAmpa;
        [Network] public partial class Net { public P p; public Q q; public QPNmda a; public QPNmda2 b; public QPAmpa c; }
        """;

    [Fact]
    public void ValidAlignPreNetwork_CompilesClean_MergesTheSynapse_NotTheOutputs()
    {
        DiagnosticMarkup.AssertDiagnostics(Valid, Pops);
        var r = GeneratorHarness.Run(Valid, Pops);
        Assert.Empty(r.CompileErrors);
        Assert.Empty(r.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Warning));
        string net = r.Sources["SpikeSharp.Network.D.Net.g.cs"];
        // Equal synapse (by value: A = 0.5 written or not) and delay: b shares a's state; only a steps it, before the push.
        Assert.Contains("this.b = new global::D.QPNmda2(this.q, this.p, __delay_q, unchecked(seed + 3UL), global::D.QPNmda2.DefaultStreamId, this.a.Synapse);", net);
        Assert.Contains("a.UpdateSynapse();", net);
        Assert.DoesNotContain("b.UpdateSynapse();", net);
        Assert.Contains("c.UpdateSynapse();", net);
        Assert.True(net.IndexOf("this.a.UpdateSynapse();") < net.IndexOf("__delay_q.Push(this.q.Spike);"));
        // One output per projection on the post (three groups, each read by its own output).
        string post = r.Sources["D.P.g.cs"];
        Assert.Contains("align-pre output of D.QPNmda: None // MgBlock(", post);
        Assert.Contains("align-pre output of D.QPNmda2: None // COBA(E=0)", post);
        Assert.Contains("align-pre output of D.QPAmpa: None // COBA(E=0)", post);
        Assert.Contains("public const string SynapseKey = \"Delay(2 steps) // NMDA(a=0.5, tau_decay=100, tau_rise=2)\";", r.Sources["D.QPNmda.g.cs"]);
    }

    [Fact]
    public void AlignPreNetwork_GeneratedCode_MatchesSnapshot()
    {
        var r = GeneratorHarness.Run(Valid, Pops);
        Assert.Empty(r.CompileErrors);
        SnapshotAssert.Matches(r.Sources.Where(kv => kv.Key is "D.QPNmda.g.cs" or "D.QPAmpa.g.cs" or "SpikeSharp.Network.D.Net.g.cs")
            .ToDictionary(kv => kv.Key, kv => kv.Value), "AlignPreNetwork");
    }

    [Fact]
    public void SynapseThenDelay_CompilesClean_SharesSynapseAcrossDelays_MatchesSnapshot()
    {
        const string source = """
            using SpikeSharp;
            namespace D;
            [FullProjAlignPreSDMg(Pre = typeof(Q), Post = typeof(P), DelaySteps = 2)]
            [CSRLinear(50, 100, Prob = 0.1)] [Alpha(TauDecay = 5)] [Cuba]
            public partial class Sd2;
            [FullProjAlignPreSDMg(Pre = typeof(Q), Post = typeof(P), Delay = 0.4)]
            [CSRLinear(50, 100, Prob = 0.2)] [Alpha(TauDecay = 5.0)] [Coba(E = -80)]
            public partial class Sd4;
            [Network] public partial class SdNet { public P p; public Q q; public Sd2 a; public Sd4 b; }
            """;
        DiagnosticMarkup.AssertDiagnostics(source, Pops);
        var r = GeneratorHarness.Run(source, Pops);
        Assert.Empty(r.CompileErrors);
        Assert.Contains("this.b = new global::D.Sd4(this.q, this.p, __delay_q, unchecked(seed + 3UL), global::D.Sd4.DefaultStreamId, this.a.Synapse);", r.Sources["SpikeSharp.Network.D.SdNet.g.cs"]);
        Assert.Contains("public const string SynapseKey = \"Alpha(tau_decay=5) // Delay\";", r.Sources["D.Sd4.g.cs"]);
        SnapshotAssert.Matches(r.Sources.Where(kv => kv.Key is "D.Sd2.g.cs" or "SpikeSharp.Network.D.SdNet.g.cs")
            .ToDictionary(kv => kv.Key, kv => kv.Value), "AlignPreSD");
    }

    [Fact]
    public void UserMember_ClashingWithGenerated_IsReported_NotACompilerError()
    {
        var d = DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            namespace D;
            [FullProjAlignPreDSMg(Pre = typeof(Q), Post = typeof(P))]
            [CSRLinear(50, 100, Prob = 0.1)] [Nmda] [MgBlock]
            public partial class QP { public void {|SPK0025:UpdateSynapse|}() { } }
            """, DiagnosticSeverity.Error, Pops);
        Assert.Contains("UpdateSynapse", d.GetMessage());
    }

    [Fact]
    public void EventComm_OnAlignPre_SPK4060_AtTheComm()
    {
        var d = DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            namespace D;
            [FullProjAlignPreDSMg(Pre = typeof(Q), Post = typeof(P))]
            [{|SPK4060:EventCSRLinear(50, 100, Prob = 0.1)|}] [Nmda] [MgBlock]
            public partial class QP;
            """, DiagnosticSeverity.Error, Pops);
        Assert.Equal("Projection 'QP': [EventCSRLinear] is an event comm, but [FullProjAlignPreDSMg] hands its comm the synapse's value, a float for every pre neuron; use a non-event comm: [CSRLinear], [JitFPHomoLinear], [JitFPUniformLinear], [JitFPNormalLinear], [AllToAll] or [OneToOne]", d.GetMessage());
        DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            namespace D;
            [FullProjAlignPreDSMg(Pre = typeof(Q), Post = typeof(P))]
            [{|SPK4060:EventJitFPHomoLinear(50, 100, Prob = 0.1)|}] [Ampa] [Coba]
            public partial class QP;
            """, DiagnosticSeverity.Error, Pops);
    }

    /// <summary>Every event comm where a value comm is required (both align-pre forms and VanillaProj) is one located diagnostic
    /// at the comm, SPK4060 or SPK4120 (the parser is the one place that decides it), and nothing is generated for the type:
    /// the build has no other error, whatever the comm's members would have been.</summary>
    [Theory]
    [InlineData("FullProjAlignPreDSMg(Pre = typeof(Q), Post = typeof(P))", "[Nmda] [MgBlock]", "SPK4060")]
    [InlineData("FullProjAlignPreSDMg(Pre = typeof(Q), Post = typeof(P))", "[Ampa] [Coba]", "SPK4060")]
    [InlineData("VanillaProj(Post = typeof(P))", "[Cuba]", "SPK4120")]
    public void EveryEventComm_WhereAValueCommIsRequired_IsOneDiagnosticAtTheComm(string projection, string parts, string id)
    {
        string[] comms =
        {
            "EventCSRLinear(50, 100, Prob = 0.1)", "EventCSRLinear(50, 100, Prob = 0.1, WLow = 0.1, WHigh = 0.2)",
            "EventJitFPHomoLinear(50, 100, Prob = 0.1)", "EventJitFPUniformLinear(50, 100, Prob = 0.1, WLow = 0, WHigh = 1)",
            "EventJitFPNormalLinear(50, 100, Prob = 0.1, WMu = 0.1, WSigma = 0.01)",
        };
        foreach (var comm in comms)
        {
            string markup = $"using SpikeSharp;\nnamespace D;\n[{projection}] [{{|{id}:{comm}|}}] {parts}\npublic partial class QP;\n";
            var d = DiagnosticMarkup.AssertSingle(markup, DiagnosticSeverity.Error, Pops);
            Assert.Contains($"[{comm.Split('(')[0]}] is an event comm", d.GetMessage());
            var r = GeneratorHarness.Run(DiagnosticMarkup.Parse(markup).Source, Pops);
            Assert.DoesNotContain("D.QP.g.cs", r.Sources.Keys);
            Assert.Empty(r.CompileErrors);
        }
    }

    /// <summary>The lowering never throws on a comm without the form asked for (the parser never hands one on): no plan.</summary>
    [Fact]
    public void CommLowering_WithoutTheFormAskedFor_GivesNoPlan()
    {
        var eventCsr = new SpikeSharp.Generator.Model.CommSpec(50, 100, 0.1, 1, 0, Csr: new SpikeSharp.Generator.Model.CsrSpec(0, 0, false, true));
        var jit = new SpikeSharp.Generator.Model.CommSpec(50, 100, 0.1, 1, 0);
        var uniform = jit with { Alt = new SpikeSharp.Generator.Model.AltComm("EventJitFPUniformLinear", 0, 1, true) };
        var csrLinear = eventCsr with { NonEvent = true };
        var nonEventJit = jit with { Alt = new SpikeSharp.Generator.Model.AltComm("JitFPHomoLinear", 0, 0, true), NonEvent = true };
        var dense = jit with { Alt = new SpikeSharp.Generator.Model.AltComm("OneToOne", 0, 0, true) };
        foreach (var c in new[] { eventCsr, jit, uniform }) Assert.Null(SpikeSharp.Generator.Lowering.CommLowering.Lower(c, eventForm: false, "X"));
        foreach (var c in new[] { csrLinear, nonEventJit }) Assert.Null(SpikeSharp.Generator.Lowering.CommLowering.Lower(c, eventForm: true, "X"));
        foreach (var c in new[] { csrLinear, nonEventJit, dense }) Assert.NotNull(SpikeSharp.Generator.Lowering.CommLowering.Lower(c, eventForm: false, "X")!.Multiply);
        foreach (var c in new[] { eventCsr, jit, uniform, dense }) Assert.NotNull(SpikeSharp.Generator.Lowering.CommLowering.Lower(c, eventForm: true, "X")!.Deliver);
    }

    [Fact]
    public void AlignPostSynapse_OnAlignPre_SPK4061_AtTheSynapse()
    {
        var d = DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            namespace D;
            [FullProjAlignPreDSMg(Pre = typeof(Q), Post = typeof(P))]
            [CSRLinear(50, 100, Prob = 0.1)] [{|SPK4061:Expon(Tau = 5)|}] [Coba]
            public partial class QP;
            """, DiagnosticSeverity.Error, Pops);
        Assert.Equal("Projection 'QP': [Expon] is an align-post synapse; [FullProjAlignPreDSMg] needs a pre-sized synapse ([Alpha], [DualExpon], [Nmda], [Ampa], [GabaA], [Std], [Stp])", d.GetMessage());
    }

    [Fact]
    public void PreSynapse_OnAlignPost_SPK4062_AtTheSynapse()
    {
        var d = DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            namespace D;
            [FullProjAlignPostMg(Pre = typeof(Q), Post = typeof(P))]
            [EventCSRLinear(50, 100, Prob = 0.1)] [{|SPK4062:Nmda(TauDecay = 80)|}] [MgBlock]
            public partial class QP;
            """, DiagnosticSeverity.Error, Pops);
        Assert.Equal("Projection 'QP': [Nmda] is a pre-sized synapse (no add_current); [FullProjAlignPostMg] needs an align-post synapse ([Expon], [DualExponV2]), or use [FullProjAlignPreDSMg]", d.GetMessage());
    }

    [Fact]
    public void NonEventComm_OnAlignPost_SPK4063_AtTheComm()
    {
        var d = DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            namespace D;
            [HalfProjAlignPostMg(Post = typeof(P))]
            [{|SPK4063:CSRLinear(50, 100, Prob = 0.1)|}] [Expon] [Coba]
            public partial class QP;
            """, DiagnosticSeverity.Error, Pops);
        Assert.Equal("Projection 'QP': [CSRLinear] multiplies a float vector; [HalfProjAlignPostMg] delivers spikes: use [EventCSRLinear]", d.GetMessage());
    }
}
