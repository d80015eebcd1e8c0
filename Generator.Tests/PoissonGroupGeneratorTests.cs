using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SpikeSharp.Generator.Tests;

/// <summary>[PoissonGroup] members (SPK4090–SPK4094, exact spans and messages, a valid network that compiles clean, its
/// snapshot) and the value forms of AllToAll / OneToOne on align-pre projections (accepted; event comms still SPK4060).</summary>
public class PoissonGroupGeneratorTests
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
        [PoissonGroup(100, Freqs = 2400)] public partial class Noise;
        [PoissonGroup(50)] public partial class Stim;
        [FullProjAlignPostMg(Pre = typeof(Noise), Post = typeof(P))] [OneToOne(100, Weight = 2.1)] [Expon(Tau = 2)] [Coba(E = 0)]
        public partial class NoiseToP;
        [FullProjAlignPreDSMg(Pre = typeof(Q), Post = typeof(P), Delay = 0.5)] [AllToAll(50, 100, Weight = 0.165)] [Nmda] [MgBlock(E = 0, CcMg = 1)]
        public partial class QToP;
        [FullProjAlignPreDSMg(Pre = typeof(Stim), Post = typeof(Q))] [OneToOne(50, Weight = 0.5)] [Ampa] [Coba(E = 0)]
        public partial class StimToQ;
        [FullProjAlignPreDSMg(Pre = typeof(P), Post = typeof(P), Delay = 0.5)] [AllToAll(100, 100, Weight = 0.01, IncludeSelf = false)] [Nmda] [MgBlock(E = 0)]
        public partial class PToP;
        [Network] public partial class Net { public P p; public Q q; public Noise noise; public Stim stim; public NoiseToP a; public QToP b; public StimToQ c; public PToP d; }
        """;

    [Fact]
    public void ValidNetwork_WithGroupsAndDenseAlignPre_CompilesClean()
    {
        DiagnosticMarkup.AssertDiagnostics(Valid, Pops);
        var r = GeneratorHarness.Run(Valid, Pops);
        Assert.Empty(r.CompileErrors);
        Assert.Empty(r.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Warning));
        string net = r.Sources["SpikeSharp.Network.D.Net.g.cs"];
        Assert.Contains("this.noise = new global::D.Noise(unchecked(seed + 2UL), __dt);", net);
        Assert.Contains("this.noise.Update();", net);
        Assert.Contains("__delay_noise.Push(this.noise.Spike);", net);
        Assert.Contains("case \"stim\": return this.stim.Spike;", net);
        Assert.Contains("public int Size => 150;", net); // the groups are sources, not the network's neurons
        Assert.Contains("this.noise.__WriteState(__s, \"noise\");", net);
        Assert.Contains("global::SpikeSharp.DenseComms.AllToAllThreaded(__readValue.Span, __postInput, Weight, IncludeSelf, __threads);", r.Sources["D.QToP.g.cs"]);
        Assert.Contains("public const bool IncludeSelf = false;", r.Sources["D.PToP.g.cs"]);
        Assert.Contains("global::SpikeSharp.DenseComms.OneToOneThreaded(__readValue.Span, __postInput, Weight, __threads);", r.Sources["D.StimToQ.g.cs"]);
        Assert.DoesNotContain("CsrMatrix", r.Sources["D.QToP.g.cs"]);
        Assert.Contains("public double Freqs", r.Sources["SpikeSharp.PoissonGroup.D.Noise.g.cs"]);
    }

    [Fact]
    public void GroupsAndDenseAlignPre_GeneratedCode_MatchesSnapshot()
    {
        var r = GeneratorHarness.Run(Valid, Pops);
        Assert.Empty(r.CompileErrors);
        SnapshotAssert.Matches(r.Sources.Where(kv => kv.Key is "SpikeSharp.PoissonGroup.D.Noise.g.cs" or "D.QToP.g.cs" or "D.StimToQ.g.cs" or "SpikeSharp.Network.D.Net.g.cs")
            .ToDictionary(kv => kv.Key, kv => kv.Value), "PoissonGroupNetwork");
    }

    static Diagnostic Single(string markup, DiagnosticSeverity severity = DiagnosticSeverity.Error) => DiagnosticMarkup.AssertSingle(markup, severity, Pops);

    [Fact]
    public void SizeNotPositive_SPK4090_AtTheSize() =>
        Assert.Equal("Poisson group 'G': size = 0 must be a whole number > 0",
            Single("using SpikeSharp; namespace D; [PoissonGroup({|SPK4090:0|}, Freqs = 10)] public partial class G;").GetMessage());

    [Fact]
    public void NegativeOrNaNRate_SPK4091_AtFreqs()
    {
        Assert.Equal("Poisson group 'G': Freqs = -5 Hz must be a finite rate ≥ 0",
            Single("using SpikeSharp; namespace D; [PoissonGroup(10, {|SPK4091:Freqs = -5|})] public partial class G;").GetMessage());
        Assert.Equal("Poisson group 'G': Freqs = NaN Hz must be a finite rate ≥ 0",
            Single("using SpikeSharp; namespace D; [PoissonGroup(10, {|SPK4091:Freqs = double.NaN|})] public partial class G;").GetMessage());
        // The valid twin: 0 Hz (the default) is a rate.
        DiagnosticMarkup.AssertDiagnostics("using SpikeSharp; namespace D; [PoissonGroup(10, Freqs = 0)] public partial class G;", Pops);
    }

    [Fact]
    public void ProbabilityAboveOne_SPK4092_IsAWarning_AndTheGroupIsStillGenerated()
    {
        const string markup = "using SpikeSharp; namespace D; [PoissonGroup(10, {|SPK4092:Freqs = 20000|})] public partial class G;";
        Assert.Equal("Poisson group 'G': Freqs = 20000 Hz gives a spike probability Freqs·dt/1000 = 2 > 1 per step at dt = 0.1 ms; every neuron then spikes every step and the rate is 1/dt, not Freqs",
            Single(markup, DiagnosticSeverity.Warning).GetMessage());
        var (source, _) = DiagnosticMarkup.Parse(markup);
        var r = GeneratorHarness.Run(source, Pops);
        Assert.Empty(r.CompileErrors);
        Assert.Contains("SpikeSharp.PoissonGroup.D.G.g.cs", r.Sources.Keys);
        DiagnosticMarkup.AssertDiagnostics("using SpikeSharp; namespace D; [PoissonGroup(10, Freqs = 10000)] public partial class G;", Pops); // p = 1 exactly
    }

    [Fact]
    public void GroupAsPost_SPK4093_AtPost() =>
        Assert.Equal("Projection 'Prj': Post = typeof(G), but 'G' is a [PoissonGroup], which has no synapse or current; a Poisson group can only be a projection's Pre",
            Single("""
                using SpikeSharp;
                namespace D;
                [PoissonGroup(100, Freqs = 10)] public partial class G;
                [FullProjAlignPostMg(Pre = typeof(P), {|SPK4093:Post = typeof(G)|})] [OneToOne(100)] [Expon(Tau = 2)] [Coba(E = 0)]
                public partial class Prj;
                """).GetMessage());

    [Fact]
    public void GroupWithAnotherRole_SPK4094_AtTheOtherAttribute() =>
        Assert.Equal("Poisson group 'G' is also marked [Population]; a type is a Poisson group, a population or a projection, not two of them",
            Single("using SpikeSharp; namespace D; [PoissonGroup(100, Freqs = 10)] [{|SPK4094:Population(100)|}] [LifRef] public partial class G;").GetMessage());

    [Fact]
    public void EventCommOnAlignPre_StillSPK4060_AtTheComm() =>
        Assert.Equal("Projection 'Prj': [EventJitFPUniformLinear] is an event comm, but [FullProjAlignPreDSMg] hands its comm the synapse's value, a float for every pre neuron; use a non-event comm: [CSRLinear], [JitFPHomoLinear], [JitFPUniformLinear], [JitFPNormalLinear], [AllToAll] or [OneToOne]",
            Single("""
                using SpikeSharp;
                namespace D;
                [FullProjAlignPreDSMg(Pre = typeof(Q), Post = typeof(P))] [{|SPK4060:EventJitFPUniformLinear(50, 100, Prob = 0.1, WLow = 0, WHigh = 1)|}] [Nmda] [MgBlock]
                public partial class Prj;
                """).GetMessage());

    [Fact]
    public void JitFPNonEventComms_OnAlignPre_CompileClean_AndOnAlignPostAreSPK4063()
    {
        const string source = """
            using SpikeSharp;
            namespace D;
            [FullProjAlignPreDSMg(Pre = typeof(Q), Post = typeof(P), Delay = 0.5)] [JitFPHomoLinear(50, 100, Prob = 0.1, Weight = 0.2, Seed = 3)] [Nmda] [MgBlock]
            public partial class H;
            [FullProjAlignPreSDMg(Pre = typeof(Q), Post = typeof(P), DelaySteps = 2)] [JitFPUniformLinear(50, 100, Prob = 0.1, WLow = 0, WHigh = 1)] [Nmda] [MgBlock]
            public partial class U;
            [FullProjAlignPreDSMg(Pre = typeof(Q), Post = typeof(P))] [JitFPNormalLinear(50, 100, Prob = 0.1, WMu = 1, WSigma = 0.1)] [Ampa] [Coba(E = 0)]
            public partial class N;
            [Network] public partial class Net { public P p; public Q q; public H h; public U u; public N n; }
            """;
        DiagnosticMarkup.AssertDiagnostics(source, Pops);
        var r = GeneratorHarness.Run(source, Pops);
        Assert.Empty(r.CompileErrors);
        Assert.Contains("global::SpikeSharp.JitComms.MultiplyHomo(__readValue.Span, __postInput, Seed, StreamId, __skips, Weight, 0, blocks);", r.Sources["D.H.g.cs"]);
        Assert.Contains("public const ulong DefaultSeed = 3UL;", r.Sources["D.H.g.cs"]);
        Assert.Contains("global::SpikeSharp.JitComms.MultiplyUniform(Synapse.ValueDelay!.At(DelaySteps), __postInput, Seed, StreamId, __skips, WLow, WHigh,", r.Sources["D.U.g.cs"]);
        Assert.Contains("public const float WSigma = 0.1f;", r.Sources["D.N.g.cs"]);

        Assert.Equal("Projection 'Prj': [JitFPHomoLinear] multiplies a float vector; [FullProjAlignPostMg] delivers spikes: use [EventCSRLinear]",
            Single("""
                using SpikeSharp;
                namespace D;
                [FullProjAlignPostMg(Pre = typeof(Q), Post = typeof(P))] [{|SPK4063:JitFPHomoLinear(50, 100, Prob = 0.1)|}] [Expon(Tau = 2)] [Coba(E = 0)]
                public partial class Prj;
                """).GetMessage());
        Assert.Contains("WSigma = -1 must be ≥ 0", Single("""
                using SpikeSharp;
                namespace D;
                [FullProjAlignPreDSMg(Pre = typeof(Q), Post = typeof(P))] [JitFPNormalLinear(50, 100, Prob = 0.1, {|SPK4080:WSigma = -1|})] [Nmda] [MgBlock]
                public partial class Prj;
                """).GetMessage());
    }

    [Fact]
    public void GroupSizeDiffersFromComm_SPK4001()
    {
        var d = Single("""
            using SpikeSharp;
            namespace D;
            [PoissonGroup(80, Freqs = 10)] public partial class G;
            [FullProjAlignPostMg(Pre = typeof(G), Post = typeof(P))] [OneToOne({|SPK4001:100|})] [Expon(Tau = 2)] [Coba(E = 0)]
            public partial class Prj;
            """);
        Assert.Equal("Projection 'Prj': numIn = 100, but pre population 'G' has size 80", d.GetMessage());
    }
}
