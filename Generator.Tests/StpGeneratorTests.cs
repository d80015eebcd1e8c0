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
        Assert.Contains("this.b = new global::D.QPStdSame(this.q, this.p, __delay_q, unchecked(seed + 3UL), global::D.QPStdSame.DefaultStreamId, this.a.Synapse);", net);
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

    // ---- BrainPy's older form: [Std]/[Stp] scaling the events of an align-post projection (JIT homo comm) ----

    const string EventForm = """
        using SpikeSharp;
        namespace D;
        [FullProjAlignPostMg(Pre = typeof(Q), Post = typeof(P), DelaySteps = 2)]
        [EventJitFPHomoLinear(50, 100, Prob = 0.1, Weight = 0.5)] [Expon(Tau = 5)] [Std(Tau = 100, U = 0.2)] [Coba(E = 0)]
        public partial class QPStdEvent;
        [HalfProjAlignPostMg(Post = typeof(P))]
        [EventJitFPHomoLinear(50, 100, Prob = 0.1, Weight = 0.3)] [Expon(Tau = 5)] [Stp(U = 0.3, TauF = 50, TauD = 80)] [Coba(E = 0)]
        public partial class QPStpEvent;
        [HalfProjAlignPostMg(Post = typeof(P))]
        [EventJitFPHomoLinear(50, 100, Prob = 0.1, Weight = 0.3)] [Expon(Tau = 5)] [Coba(E = 0)]
        public partial class QPPlain;
        [Network] public partial class NetE
        {
            public P p; public Q q;
            public QPStdEvent a;
        }
        """;

    [Fact]
    public void EventForm_CompilesClean_MergesThePostBuffer_ScalesByRelease()
    {
        DiagnosticMarkup.AssertDiagnostics(EventForm, Pops);
        var r = GeneratorHarness.Run(EventForm, Pops);
        Assert.Empty(r.CompileErrors);
        Assert.Empty(r.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Warning));
        string std = r.Sources["D.QPStdEvent.g.cs"], stp = r.Sources["D.QPStpEvent.g.cs"], plain = r.Sources["D.QPPlain.g.cs"];
        Assert.Contains("JitDelivery.AddHomoScaled(__g, Seed, StreamId, spikes, __skips, __cache, Weight, __release,", std);
        // The state steps by its definition's lowered step (the align-pre loop): STD's value is its x array itself, STP's u·x
        // is written per neuron into the release array.
        Assert.Contains("float[] aX = __stpX;", std);
        Assert.Contains("__release = __stpX;", std);
        Assert.Contains("float[] aUse = __stpUse;", stp);
        Assert.Contains("float[] value = __release;", stp);
        Assert.Contains("value[i] = ", stp);
        // The projection without [Std]/[Stp] keeps the unscaled call, and all three feed the same merged Expon buffer (the
        // scale is per event, so BrainPy's merge key is unchanged).
        Assert.DoesNotContain("Scaled", plain);
        Assert.Contains("JitDelivery.AddHomo(__g, Seed, StreamId, spikes, __skips, __cache, Weight,", plain);
        foreach (var src in new[] { std, stp, plain }) Assert.Contains("__g = post.G0;", src);
    }

    [Fact]
    public void EventForm_GeneratedCode_MatchesSnapshot()
    {
        var r = GeneratorHarness.Run(EventForm, Pops);
        Assert.Empty(r.CompileErrors);
        SnapshotAssert.Matches(r.Sources.Where(kv => kv.Key is "D.QPStdEvent.g.cs" or "D.QPStpEvent.g.cs")
            .ToDictionary(kv => kv.Key, kv => kv.Value), "StpEvent");
    }

    /// <summary>Every event comm takes [Std]/[Stp] in the event form (its scaled statement from CommLowering): no diagnostic
    /// (SPK0040 is gone), and the generated code compiles warning-free, Half and Full, with the scaled kernel called.</summary>
    [Theory]
    [InlineData("[EventCSRLinear(50, 100, Prob = 0.1)]", "Matrix.AddEventsScaled(__g, spikes, Weight, __release")]
    [InlineData("[EventCSRLinear(50, 100, Prob = 0.1, WLow = 0.1, WHigh = 0.2)]", "Matrix.AddEventsScaled(__g, spikes, __w, __release")]
    [InlineData("[EventJitFPUniformLinear(50, 100, Prob = 0.1, WLow = 0.1, WHigh = 0.2)]", "JitComms.EventUniformScaled(__g, Seed, StreamId, spikes, __skips, WLow, WHigh, __release")]
    [InlineData("[EventJitFPNormalLinear(50, 100, Prob = 0.1, WMu = 0.1, WSigma = 0.2)]", "JitComms.EventNormalScaled(__g, Seed, StreamId, spikes, __skips, WMu, WSigma, __release")]
    [InlineData("[AllToAll(50, 100, Weight = 0.1)]", "DenseComms.AllToAllScaled(spikes, __g, Weight, __release, IncludeSelf)")]
    public void EventForm_EveryEventComm_IsSupported(string comm, string call)
    {
        foreach (var role in new[] { "FullProjAlignPostMg(Pre = typeof(Q), Post = typeof(P))", "HalfProjAlignPost(Post = typeof(P))" })
        {
            var r = GeneratorHarness.Run($$"""
                using SpikeSharp;
                namespace D;
                [{{role}}]
                {{comm}} [Expon] [Stp(U = 0.3)] [Coba]
                public partial class QP;
                """, Pops);
            Assert.Empty(r.GeneratorDiagnostics);
            Assert.Empty(r.CompileErrors);
            Assert.Empty(r.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
            Assert.Contains(call, r.Sources["D.QP.g.cs"], System.StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EventForm_OneToOne_IsSupported()
    {
        var r = GeneratorHarness.Run("""
            using SpikeSharp;
            namespace D;
            [FullProjAlignPostMg(Pre = typeof(P), Post = typeof(P))]
            [OneToOne(100, Weight = 0.1)] [Expon] [Std] [Coba]
            public partial class PP;
            """, Pops);
        Assert.Empty(r.GeneratorDiagnostics);
        Assert.Empty(r.CompileErrors);
        Assert.Contains("DenseComms.OneToOneScaled(spikes, __g, Weight, __release)", r.Sources["D.PP.g.cs"], System.StringComparison.Ordinal);
    }

    [Fact]
    public void EventForm_TwoPlasticities_SPK0041_AtTheSecond()
    {
        DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            namespace D;
            [HalfProjAlignPostMg(Post = typeof(P))]
            [EventJitFPHomoLinear(50, 100, Prob = 0.1)] [Expon] [Std] [{|SPK0041:Stp|}] [Coba]
            public partial class QP;
            """, DiagnosticSeverity.Error, Pops);
    }

    [Fact]
    public void EventForm_UOutOfRange_SPK0030()
    {
        DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            namespace D;
            [HalfProjAlignPostMg(Post = typeof(P))]
            [EventJitFPHomoLinear(50, 100, Prob = 0.1)] [Expon] [Std({|SPK0030:U = 2|})] [Coba]
            public partial class QP;
            """, DiagnosticSeverity.Error, Pops);
    }
}
