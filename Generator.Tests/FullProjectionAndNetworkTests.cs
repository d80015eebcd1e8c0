using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SpikeSharp.Generator.Tests;

/// <summary>FullProjAlignPostMg and [Network]: SPK4001–SPK4025 with exact spans and messages, a clean valid twin,
/// merging of Full with Half projections, and the snapshot of a small declared network.</summary>
public class FullProjectionAndNetworkTests
{
    const string Pops = """
        using SpikeSharp;
        namespace D;
        [Population(100)] [LifRef(Tau = 20)] public partial class P;
        [Population(50)] [LifRef(Tau = 20)] public partial class Q;
        """;

    static Diagnostic Single(string markup, DiagnosticSeverity severity) => DiagnosticMarkup.AssertSingle(markup, severity, Pops);

    static string Full(string head = "[FullProjAlignPostMg(Pre = typeof(Q), Post = typeof(P))]", string comm = "[EventJitFPHomoLinear(50, 100, Prob = 0.1)]") => $$"""
        using SpikeSharp;
        namespace D;
        {{head}}
        {{comm}}
        [Expon(Tau = 5)]
        [Coba(E = 0)]
        public partial class QP;
        """;

    [Fact]
    public void ValidFullProjectionAndNetwork_CompileClean_AndMergeWithHalf()
    {
        const string source = """
            using SpikeSharp;
            namespace D;
            [FullProjAlignPostMg(Pre = typeof(Q), Post = typeof(P), Delay = 0.5)]
            [EventJitFPHomoLinear(50, 100, Prob = 0.1)] [Expon(Tau = 5)] [Coba(E = 0)]
            public partial class QP;
            [HalfProjAlignPostMg(Post = typeof(P))]
            [EventJitFPHomoLinear(10, 100, Prob = 0.1)] [Expon(Tau = 5.0)] [Coba(E = 0.0)]
            public partial class HalfP;
            [Network] public partial class Net { P p; Q q; QP qp; }
            """;
        DiagnosticMarkup.AssertDiagnostics(source, Pops);
        var r = GeneratorHarness.Run(source, Pops);
        Assert.Empty(r.CompileErrors);
        Assert.Empty(r.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Warning));
        // One merge group on P, fed by the Full and the Half projection (BrainPy's key has no delay and no pre).
        Assert.Contains("// merge key: None // Expon(tau=5) // COBA(E=0) <- D.HalfP, D.QP", r.Sources["D.P.g.cs"]);
        Assert.Contains("public void Update() => Deliver(PreDelay.At(DelaySteps));", r.Sources["D.QP.g.cs"]);
        Assert.Contains("SpikeSharp.Network.D.Net.g.cs", r.Sources.Keys);
        Assert.Contains("SpikeSharp.State.D.P.g.cs", r.Sources.Keys);
    }

    [Fact]
    public void DeclaredNetwork_GeneratedCode_MatchesSnapshot()
    {
        var r = GeneratorHarness.Run("""
            using SpikeSharp;
            namespace D;
            [FullProjAlignPostMg(Pre = typeof(Q), Post = typeof(P), DelaySteps = 3)]
            [EventJitFPHomoLinear(50, 100, Prob = 0.1, Weight = 0.5)] [Expon(Tau = 5)] [Coba(E = 0)]
            public partial class QP;
            [Network] public partial class Net { public P p; public Q q; QP qp; }
            """, Pops);
        Assert.Empty(r.CompileErrors);
        SnapshotAssert.Matches(r.Sources.Where(kv => kv.Key is "D.QP.g.cs" or "SpikeSharp.Network.D.Net.g.cs" or "SpikeSharp.State.D.P.g.cs")
            .ToDictionary(kv => kv.Key, kv => kv.Value), "DeclaredNetwork");
    }

    [Fact]
    public void PreSizeMismatch_SPK4001_AtNumIn()
    {
        var d = Single(Full(comm: "[EventJitFPHomoLinear({|SPK4001:40|}, 100, Prob = 0.1)]"), DiagnosticSeverity.Error);
        Assert.Equal("Projection 'QP': numIn = 40, but pre population 'Q' has size 50", d.GetMessage());
    }

    [Fact]
    public void PreNotPopulation_SPK4002()
    {
        var d = Single(Full(head: "[FullProjAlignPostMg({|SPK4002:Pre = typeof(string)|}, Post = typeof(P))]"), DiagnosticSeverity.Error);
        Assert.Equal("Projection 'QP': Pre = typeof(String), but 'String' has no [Population] attribute", d.GetMessage());
    }

    [Fact]
    public void MissingPre_SPK4003()
    {
        var d = Single(Full(head: "[{|SPK4003:FullProjAlignPostMg(Post = typeof(P))|}]"), DiagnosticSeverity.Error);
        Assert.Equal("Projection 'QP': [FullProjAlignPostMg] needs Pre = typeof(<population>)", d.GetMessage());
    }

    [Fact]
    public void NegativeDelay_SPK4004()
    {
        var d = Single(Full(head: "[FullProjAlignPostMg(Pre = typeof(Q), Post = typeof(P), {|SPK4004:Delay = -1|})]"), DiagnosticSeverity.Error);
        Assert.Equal("Projection 'QP': Delay = -1 must be a finite number ≥ 0", d.GetMessage());
    }

    [Fact]
    public void TwoDelays_SPK4005()
    {
        var d = Single(Full(head: "[FullProjAlignPostMg(Pre = typeof(Q), Post = typeof(P), Delay = 0.5, {|SPK4005:DelaySteps = 5|})]"), DiagnosticSeverity.Error);
        Assert.Equal("Projection 'QP': give Delay (ms) or DelaySteps, not both (Delay = 0.5, DelaySteps = 5)", d.GetMessage());
    }

    [Fact]
    public void DelayNotWholeSteps_SPK4006_Info()
    {
        var d = Single(Full(head: "[FullProjAlignPostMg(Pre = typeof(Q), Post = typeof(P), {|SPK4006:Delay = 0.25|})]"), DiagnosticSeverity.Info);
        Assert.Equal("Projection 'QP': Delay = 0.25 ms is not a whole number of steps at dt = 0.1 ms (the default); it becomes ceil(0.25/0.1) = 3 steps (0.3 ms)", d.GetMessage());
        // Whole numbers of steps in decimal are not reported, even where the double quotient is not whole (0.7/0.1).
        DiagnosticMarkup.AssertDiagnostics(Full(head: "[FullProjAlignPostMg(Pre = typeof(Q), Post = typeof(P), Delay = 0.7)]"), Pops);
    }

    [Fact]
    public void HalfAndFullOnOneType_SPK4007()
    {
        var d = Single(Full(head: "[FullProjAlignPostMg(Pre = typeof(Q), Post = typeof(P))] [{|SPK4007:HalfProjAlignPostMg(Post = typeof(P))|}]"), DiagnosticSeverity.Error);
        Assert.Equal("Type 'QP' carries both [HalfProjAlignPostMg] and [FullProjAlignPostMg]: split it into two classes", d.GetMessage());
    }

    const string Proj = """
        using SpikeSharp;
        namespace D;
        [FullProjAlignPostMg(Pre = typeof(Q), Post = typeof(P))]
        [EventJitFPHomoLinear(50, 100, Prob = 0.1)] [Expon(Tau = 5)] [Coba(E = 0)]
        public partial class QP;
        [HalfProjAlignPostMg(Post = typeof(P))]
        [EventJitFPHomoLinear(10, 100, Prob = 0.1)] [Expon(Tau = 5)] [Coba(E = 0)]
        public partial class HalfP;
        """;

    static Diagnostic Net(string markup, DiagnosticSeverity severity) => DiagnosticMarkup.AssertSingle(markup, severity, Pops, Proj);

    [Fact]
    public void MemberInitialized_SPK4020()
    {
        var d = Net("using SpikeSharp; namespace D; [Network] public partial class Net { P {|SPK4020:p|} = new(); Q q; QP qp; }", DiagnosticSeverity.Error);
        Assert.Equal("Network 'Net': member 'p' has an initializer; the generated constructor builds every population and projection member", d.GetMessage());
    }

    [Fact]
    public void DuplicateMember_SPK4021()
    {
        var d = Net("using SpikeSharp; namespace D; [Network] public partial class Net { P p; P {|SPK4021:p2|}; }", DiagnosticSeverity.Error);
        Assert.Equal("Network 'Net': members 'p' and 'p2' are both of type 'P'; a network holds one instance of each population and projection type", d.GetMessage());
    }

    [Fact]
    public void ProjectionPopulationNotMember_SPK4022()
    {
        var d = Net("using SpikeSharp; namespace D; [Network] public partial class Net { P p; QP {|SPK4022:qp|}; }", DiagnosticSeverity.Error);
        Assert.Equal("Network 'Net': projection 'qp' (Full projection) needs its pre population 'Q', which is not a member of the network", d.GetMessage());
    }

    [Fact]
    public void HalfProjectionWithoutUpdate_SPK4023_Warning_NotWithAHandWrittenUpdate()
    {
        var d = Net("using SpikeSharp; namespace D; [Network] public partial class Net { P p; HalfP {|SPK4023:h|}; }", DiagnosticSeverity.Warning);
        Assert.StartsWith("Network 'Net': 'h' is a Half projection, which the generated Step does not feed", d.GetMessage());
        const string hand = "using SpikeSharp; namespace D; [Network] public partial class Net { P p; HalfP h; public Spikes Update(float x) { h.Deliver(Spikes.None(10)); return p.Update(x); } }";
        DiagnosticMarkup.AssertDiagnostics(hand, Pops, Proj);
        Assert.Empty(GeneratorHarness.Run(hand, Pops, Proj).CompileErrors);
    }

    [Fact]
    public void NoPopulation_SPK4024()
    {
        var d = Net("using SpikeSharp; namespace D; [Network] public partial class {|SPK4024:Net|} { int x; }", DiagnosticSeverity.Error);
        Assert.Equal("Network 'Net' has no field of a population type", d.GetMessage());
    }

    [Fact]
    public void StaticMember_SPK4025()
    {
        var d = Net("using SpikeSharp; namespace D; [Network] public partial class Net { P p; static Q {|SPK4025:q|}; }", DiagnosticSeverity.Error);
        Assert.Equal("Network 'Net': member 'q' is static; population and projection members must be instance fields", d.GetMessage());
    }

    [Fact]
    public void NetworkWithAnInvalidMember_IsAPlaceholder_ThatCompiles()
    {
        var r = GeneratorHarness.Run("""
            using SpikeSharp;
            namespace D;
            [Population(0)] [LifRef] public partial class Bad;
            [Network] public partial class Net { P p; Bad b; }
            """, Pops);
        Assert.DoesNotContain(r.CompileErrors, e => !e.Id.StartsWith("SPK", System.StringComparison.Ordinal));
        Assert.Contains("cannot be built: its member(s) 'b' have no valid model", r.Sources["SpikeSharp.Network.D.Net.g.cs"]);
    }
}

public class CsrCommDiagnosticTests
{
    const string Pops = """
        using SpikeSharp;
        namespace D;
        [Population(100)] [LifRef(Tau = 20)] public partial class P;
        [Population(50)] [LifRef(Tau = 20)] public partial class Q;
        """;

    static string Csr(string comm) => $$"""
        using SpikeSharp;
        namespace D;
        [FullProjAlignPostMg(Pre = typeof(Q), Post = typeof(P))]
        {{comm}}
        [Expon(Tau = 5)] [Coba(E = 0)]
        public partial class QP;
        """;

    [Fact]
    public void ValidCsr_CompilesClean_WithEveryConnector()
    {
        foreach (var conn in new[] { "Prob = 0.1", "Prob = 0.1, Conn = Conn.Bernoulli", "Conn = Conn.FixedPreNum, Num = 3", "Conn = Conn.FixedPostNum, Num = 3, AllowMultiConn = true",
                     "Conn = Conn.FixedTotalNum, Num = 300", "Conn = Conn.AllToAll" })
        {
            string source = Csr($"[EventCSRLinear(50, 100, {conn}, Weight = 0.5)]");
            DiagnosticMarkup.AssertDiagnostics(source, Pops);
            var r = GeneratorHarness.Run(source, Pops);
            Assert.Empty(r.CompileErrors);
            Assert.Contains("global::SpikeSharp.CsrMatrix.Build(", r.Sources["D.QP.g.cs"]);
        }
    }

    [Fact]
    public void FixedProbWithoutProb_SPK0005()
    {
        var d = DiagnosticMarkup.AssertSingle(Csr("[{|SPK0005:EventCSRLinear(50, 100)|}]"), DiagnosticSeverity.Error, Pops);
        Assert.Equal("Projection 'QP': Prob = 0 must be in (0, 1]", d.GetMessage());
    }

    [Fact]
    public void CountingConnectorWithoutNum_SPK4030()
    {
        var d = DiagnosticMarkup.AssertSingle(Csr("[EventCSRLinear(50, 100, {|SPK4030:Conn = Conn.FixedPostNum|})]"), DiagnosticSeverity.Error, Pops);
        Assert.Equal("Projection 'QP': Num = 0 must be a positive count for Conn = FixedPostNum", d.GetMessage());
    }

    [Fact]
    public void OneToOneNotSquare_SPK4031()
    {
        var d = DiagnosticMarkup.AssertSingle(Csr("[EventCSRLinear(50, 100, {|SPK4031:Conn = Conn.OneToOne|})]"), DiagnosticSeverity.Error, Pops);
        Assert.Equal("Projection 'QP': Conn = OneToOne needs numIn = numOut, but numIn = 50 and numOut = 100", d.GetMessage());
    }

    [Fact]
    public void UniformWeightsReversed_SPK4080_AtWHigh()
    {
        var d = DiagnosticMarkup.AssertSingle(Csr("[EventJitFPUniformLinear(50, 100, Prob = 0.1, WLow = 1, {|SPK4080:WHigh = 0.5|})]"), DiagnosticSeverity.Error, Pops);
        Assert.Equal("Projection 'QP': WHigh = 0.5 is below WLow = 1", d.GetMessage());
    }

    [Fact]
    public void WeightBesidePerSynapseWeights_SPK4080_AtWeight()
    {
        var d = DiagnosticMarkup.AssertSingle(Csr("[EventCSRLinear(50, 100, Prob = 0.1, {|SPK4080:Weight = 2|}, WMu = 1, WSigma = 0.1)]"), DiagnosticSeverity.Error, Pops);
        Assert.Equal("Projection 'QP': Weight = 2 is not used when per-synapse weights are given (WMu/WSigma); give one or the other", d.GetMessage());
    }

    [Fact]
    public void NegativeSigma_SPK4080_AtWSigma()
    {
        var d = DiagnosticMarkup.AssertSingle(Csr("[EventJitFPNormalLinear(50, 100, Prob = 0.1, {|SPK4080:WSigma = -1|})]"), DiagnosticSeverity.Error, Pops);
        Assert.Equal("Projection 'QP': WSigma = -1 must be ≥ 0", d.GetMessage());
    }

    [Fact]
    public void OneToOneAgainstPre_SPK4001_AtNum()
    {
        // OneToOne's one size is numIn and numOut: 100 matches the post P, not the pre Q (50).
        var d = DiagnosticMarkup.AssertSingle(Csr("[OneToOne({|SPK4001:100|}, Weight = 2)]"), DiagnosticSeverity.Error, Pops);
        Assert.Contains("100", d.GetMessage());
    }

    [Fact]
    public void AllToAllAgainstPost_SPK0003_AtNumOut()
    {
        var d = DiagnosticMarkup.AssertSingle(Csr("[AllToAll(50, {|SPK0003:80|}, Weight = 2)]"), DiagnosticSeverity.Error, Pops);
        Assert.Equal("Projection 'QP': numOut = 80, but post population 'P' has size 100", d.GetMessage());
    }
}

public class MergedDelaysTests
{
    [Fact]
    public void MergedFullProjectionsWithDifferentDelays_SPK4008_Info()
    {
        const string pops = """
            using SpikeSharp;
            namespace D;
            [Population(100)] [LifRef(Tau = 20)] public partial class P;
            [Population(50)] [LifRef(Tau = 20)] public partial class Q;
            """;
        var diags = DiagnosticMarkup.AssertDiagnostics("""
            using SpikeSharp;
            namespace D;
            [{|SPK4008:FullProjAlignPostMg(Pre = typeof(Q), Post = typeof(P), Delay = 0.5)|}]
            [EventJitFPHomoLinear(50, 100, Prob = 0.1)] [Expon(Tau = 5)] [Coba(E = 0)]
            public partial class A;
            [{|SPK4008:FullProjAlignPostMg(Pre = typeof(Q), Post = typeof(P), DelaySteps = 2)|}]
            [EventJitFPHomoLinear(50, 100, Prob = 0.1)] [Expon(Tau = 5)] [Coba(E = 0)]
            public partial class B;
            [FullProjAlignPostMg(Pre = typeof(Q), Post = typeof(P), Delay = 0.5)]
            [EventJitFPHomoLinear(50, 100, Prob = 0.1)] [Expon(Tau = 10)] [Coba(E = 0)]
            public partial class C;
            """, pops);
        Assert.Equal("Projection 'D.A' (delay 0.5 ms) shares synapse buffer G0 of 'D.P' with 'D.B' (delay 2 steps); each delivers with its own delay into the shared buffer", diags[0].GetMessage());
        Assert.All(diags, d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
    }
}

public class PoissonInputDiagnosticTests
{
    const string Pops = """
        using SpikeSharp;
        namespace D;
        [Population(100)] [LifRef(Tau = 20)] public partial class P;
        """;

    static Diagnostic Single(string attr) => DiagnosticMarkup.AssertSingle($$"""
        using SpikeSharp;
        namespace D;
        {{attr}}
        public partial class Drive;
        """, DiagnosticSeverity.Error, Pops);

    [Fact]
    public void ValidPoissonInput_InANetwork_CompilesClean()
    {
        const string source = """
            using SpikeSharp;
            namespace D;
            [PoissonInput(Target = typeof(P), NumInput = 100, Freq = 10, Weight = 0.5)]
            public partial class Drive;
            [Network] public partial class Net { P p; Drive d; }
            """;
        DiagnosticMarkup.AssertDiagnostics(source, Pops);
        var r = GeneratorHarness.Run(source, Pops);
        Assert.Empty(r.CompileErrors);
        Assert.Contains("d.Update();", r.Sources["SpikeSharp.Network.D.Net.g.cs"]);
    }

    [Fact]
    public void TargetNotPopulation_SPK4040() =>
        Assert.Equal("Poisson input 'Drive': Target = typeof(string) is not a population compiled with it",
            Single("[PoissonInput({|SPK4040:Target = typeof(string)|}, NumInput = 100, Freq = 10, Weight = 0.5)]").GetMessage());

    [Fact]
    public void UnknownVariable_SPK4041() =>
        Assert.Equal("Poisson input 'Drive': Variable = \"U\" is not a state variable of 'P' (its states: V)",
            Single("[PoissonInput(Target = typeof(P), {|SPK4041:Variable = \"U\"|}, NumInput = 100, Freq = 10, Weight = 0.5)]").GetMessage());

    [Fact]
    public void InvalidParameter_SPK4042() =>
        Assert.Equal("Poisson input 'Drive': NumInput = 0 must be a positive whole number of sources",
            Single("[PoissonInput(Target = typeof(P), {|SPK4042:NumInput = 0|}, Freq = 10, Weight = 0.5)]").GetMessage());
}

public class OwnSynapseDiagnosticTests
{
    [Fact]
    public void OwnSynapseWithDualExpon_SPK4050_AndExponCompilesClean()
    {
        const string pops = """
            using SpikeSharp;
            namespace D;
            [Population(100)] [LifRef(Tau = 20)] public partial class P;
            """;
        var d = DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            namespace D;
            [{|SPK4050:HalfProjAlignPost(Post = typeof(P))|}]
            [EventJitFPHomoLinear(10, 100, Prob = 0.1)] [DualExponV2] [Coba(E = 0)]
            public partial class H;
            """, DiagnosticSeverity.Error, pops);
        Assert.Equal("Projection 'H': [HalfProjAlignPost] supports the Expon synapse only (not DualExponV2) so far", d.GetMessage());
        const string ok = """
            using SpikeSharp;
            namespace D;
            [HalfProjAlignPost(Post = typeof(P))]
            [EventJitFPHomoLinear(10, 100, Prob = 0.1)] [Expon(Tau = 5)] [Coba(E = 0)]
            public partial class H;
            [HalfProjAlignPostMg(Post = typeof(P))]
            [EventJitFPHomoLinear(10, 100, Prob = 0.1)] [Expon(Tau = 5)] [Coba(E = 0)]
            public partial class M;
            """;
        DiagnosticMarkup.AssertDiagnostics(ok, pops);
        var r = GeneratorHarness.Run(ok, pops);
        Assert.Empty(r.CompileErrors);
        Assert.Contains("own[j] *= decay;", r.Sources["D.H.g.cs"]);
        Assert.DoesNotContain("own[j]", r.Sources["D.M.g.cs"]);
        Assert.Contains("public readonly float[] G1;", r.Sources["D.P.g.cs"]); // not merged with M
    }
}

public class DeltaProjectionDiagnosticTests
{
    const string Pops = """
        using SpikeSharp;
        namespace D;
        [Population(100)] [LifRef(Tau = 20)] public partial class P;
        """;

    [Fact]
    public void DeltaWithSynapse_SPK4051_AndWithout_CompilesClean_AndOnlyItsPostGetsDelta()
    {
        var d = DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            namespace D;
            [{|SPK4051:HalfProjDelta(Post = typeof(P))|}]
            [EventJitFPHomoLinear(10, 100, Prob = 0.1)] [Expon(Tau = 5)]
            public partial class H;
            """, DiagnosticSeverity.Error, Pops);
        Assert.Equal("Projection 'H': [HalfProjDelta] adds its comm's output to V directly; remove [Expon]", d.GetMessage());
        const string ok = """
            using SpikeSharp;
            namespace D;
            [Population(100)] [LifRef(Tau = 20)] public partial class Other;
            [HalfProjDelta(Post = typeof(P))]
            [EventJitFPHomoLinear(10, 100, Prob = 0.1, Weight = 0.5)]
            public partial class H;
            """;
        DiagnosticMarkup.AssertDiagnostics(ok, Pops);
        var r = GeneratorHarness.Run(ok, Pops);
        Assert.Empty(r.CompileErrors);
        Assert.Contains("__g = post.Delta;", r.Sources["D.H.g.cs"]);
        Assert.Contains("public readonly float[] Delta;", r.Sources["D.P.g.cs"]);
        Assert.DoesNotContain("Delta", r.Sources["D.Other.g.cs"]); // only populations with delta projections change
    }
}
