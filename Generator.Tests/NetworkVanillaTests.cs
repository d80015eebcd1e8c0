using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SpikeSharp.Generator.Tests;

/// <summary>A VanillaProj as a [Network] member: its three inputs (a member's spikes, a population's state, the user's
/// buffer) compile clean and are stepped in the projection phase; SPK4130–SPK4133 with exact spans; the network's
/// per-member fields (<c>__delay_</c>, <c>__vin_</c>) are SPK0025, not compiler errors.</summary>
public class NetworkVanillaTests
{
    const string Models = """
        using SpikeSharp;
        namespace D;
        [Population(100)] [LifRef(Tau = 20)] public partial class P;
        [Population(50)] [LifRef(Tau = 20)] public partial class Q;
        [PoissonGroup(50)] public partial class G;
        [VanillaProj(Post = typeof(P))] [CSRLinear(50, 100, Prob = 0.1, Weight = 0.5)] [Cuba] public partial class V1;
        [VanillaProj(Post = typeof(P))] [JitFPHomoLinear(50, 100, Prob = 0.1, Weight = 0.5)] [Cuba] public partial class V2;
        [VanillaProj(Post = typeof(P))] [AllToAll(50, 100, Weight = 0.01)] [Coba(E = 0)] public partial class V3;
        [VanillaProj(Post = typeof(P))] [OneToOne(100, Weight = 0.2)] [Cuba] public partial class V4;
        [FullProjAlignPostMg(Pre = typeof(Q), Post = typeof(P))] [EventCSRLinear(50, 100, Prob = 0.1)] [Expon(Tau = 5)] [Coba(E = 0)] public partial class QP;
        """;

    [Fact]
    public void EachInput_CompilesClean_AndIsSteppedInTheProjectionPhase()
    {
        const string net = """
            using SpikeSharp;
            namespace D;
            [Network] public partial class Net
            {
                public P p; public Q q; public G g;
                [VanillaInput(nameof(q))] public V1 v1;
                [VanillaInput(nameof(q), State = "V")] public V2 v2;
                [VanillaInput(nameof(g))] public V3 v3;
                public V4 v4;
            }
            """;
        DiagnosticMarkup.AssertDiagnostics(net, Models);
        var r = GeneratorHarness.Run(net, Models);
        Assert.Empty(r.CompileErrors);
        Assert.Empty(r.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Warning));
        string s = r.Sources["SpikeSharp.Network.D.Net.g.cs"];
        string phase = s.Substring(s.IndexOf("public void UpdateProjections()", StringComparison.Ordinal));
        phase = phase.Substring(0, phase.IndexOf("public void UpdatePopulations", StringComparison.Ordinal));
        Assert.Contains("this.q.Spike.CopyToFloats(__vin_v1);", phase);
        Assert.Contains("this.v1.Update(__vin_v1);", phase);
        Assert.Contains("this.v2.Update(this.q.V);", phase);
        Assert.Contains("this.g.Spike.CopyToFloats(__vin_v3);", phase);
        Assert.Contains("this.v4.Update(__vin_v4);", phase);
        Assert.Contains("this.v1 = new global::D.V1(this.p, unchecked(seed + 3UL));", s);
        Assert.Contains("public global::System.Span<float> ValuesOf(string vanilla)", s);
        Assert.Contains("case \"v4\": return __vin_v4;", s);
        Assert.DoesNotContain("case \"v1\": return", s); // fed by the network, not the user
        Assert.Contains("__s.Floats(\"v4.values\", __vin_v4);", s);
        Assert.DoesNotContain("__vin_v2", s); // a state is handed over as it is
        SnapshotAssert.Matches(r.Sources.Where(kv => kv.Key == "SpikeSharp.Network.D.Net.g.cs").ToDictionary(kv => kv.Key, kv => kv.Value), "NetworkVanilla");
    }

    [Fact]
    public void WithoutAUserFedVanilla_NoValuesOf()
    {
        var r = GeneratorHarness.Run("""
            using SpikeSharp;
            namespace D;
            [Network] public partial class Net { public P p; public Q q; [VanillaInput(nameof(q))] public V1 v1; }
            """, Models);
        Assert.Empty(r.CompileErrors);
        Assert.DoesNotContain("ValuesOf", r.Sources["SpikeSharp.Network.D.Net.g.cs"]);
    }

    [Fact]
    public void UnknownInput_SPK4130_AtTheName()
    {
        var d = DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            namespace D;
            [Network] public partial class Net { public P p; public Q q; [VanillaInput({|SPK4130:"x"|})] public V1 v1; }
            """, DiagnosticSeverity.Error, Models);
        Assert.Equal("Network 'Net': VanillaProj 'v1' takes its input from 'x', which is not a population or Poisson group member of the network (they are: p, q)", d.GetMessage());
        // A projection member is not a source either.
        DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            namespace D;
            [Network] public partial class Net { public P p; public Q q; public QP qp; [VanillaInput({|SPK4130:nameof(qp)|})] public V1 v1; }
            """, DiagnosticSeverity.Error, Models);
    }

    [Fact]
    public void SizeMismatch_SPK4131_AtTheName()
    {
        var d = DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            namespace D;
            [Network] public partial class Net { public P p; [VanillaInput({|SPK4131:nameof(p)|})] public V1 v1; }
            """, DiagnosticSeverity.Error, Models);
        Assert.Equal("Network 'Net': VanillaProj 'v1' takes numIn = 50 values, but its input 'p' (spikes) has 100", d.GetMessage());
        var s = DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            namespace D;
            [Network] public partial class Net { public P p; public Q q; [VanillaInput({|SPK4131:nameof(q)|}, State = "V")] public V4 v4; }
            """, DiagnosticSeverity.Error, Models);
        Assert.Equal("Network 'Net': VanillaProj 'v4' takes numIn = 100 values, but its input 'q' (V) has 50", s.GetMessage());
    }

    [Fact]
    public void UnknownState_SPK4132_AtTheState()
    {
        var d = DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            namespace D;
            [Network] public partial class Net { public P p; public Q q; [VanillaInput(nameof(q), {|SPK4132:State = "W"|})] public V1 v1; }
            """, DiagnosticSeverity.Error, Models);
        Assert.Equal("Network 'Net': VanillaProj 'v1' takes state 'W' of 'q', which has no such state (its model's states: V)", d.GetMessage());
        var g = DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            namespace D;
            [Network] public partial class Net { public P p; public G g; [VanillaInput(nameof(g), {|SPK4132:State = "V"|})] public V1 v1; }
            """, DiagnosticSeverity.Error, Models);
        Assert.Equal("Network 'Net': VanillaProj 'v1' takes state 'V' of 'g', which is a Poisson group: it has only its spikes (remove State)", g.GetMessage());
    }

    [Fact]
    public void InputNotOnVanilla_SPK4133_AtTheAttribute()
    {
        var d = DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            namespace D;
            [Network] public partial class Net { public P p; [{|SPK4133:VanillaInput(nameof(p))|}] public Q q; }
            """, DiagnosticSeverity.Error, Models);
        Assert.Equal("Network 'Net': field 'q' has [VanillaInput], but it is not a VanillaProj member of the network; remove the attribute or make the field's type a [VanillaProj]", d.GetMessage());
        DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            namespace D;
            [Network] public partial class Net { public P p; public Q q; [{|SPK4133:VanillaInput(nameof(q))|}] int x; public int X => x; }
            """, DiagnosticSeverity.Error, Models);
    }

    [Fact]
    public void VanillaPostNotInNetwork_SPK4022()
    {
        DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            namespace D;
            [Network] public partial class Net { public Q q; [VanillaInput(nameof(q))] public V1 {|SPK4022:v1|}; }
            """, DiagnosticSeverity.Error, Models);
    }

    [Fact]
    public void NetworkFieldNamedLikeItsDelayOrValues_SPK0025_NotACompilerError()
    {
        foreach (var (field, decl) in new[]
        {
            ("__delay_q", "readonly global::SpikeSharp.SpikeDelay __delay_q"),
            ("__delay_nobody", "readonly global::SpikeSharp.SpikeDelay __delay_nobody"), // reserved whatever follows
            ("__vin_v4", "readonly float[] __vin_v4"),
        })
        {
            string markup = "using SpikeSharp;\nnamespace D;\n[Network] public partial class Net { public P p; public Q q; public QP qp; public V4 v4; object {|SPK0025:"
                + field + "|}; public object O => " + field + "; }";
            var d = Assert.Single(DiagnosticMarkup.AssertDiagnostics(markup, Models));
            Assert.Equal($"Field '{field}' clashes with '{decl}', which SpikeSharp generates in network 'Net'; rename or remove it", d.GetMessage());
            var (source, _) = DiagnosticMarkup.Parse(markup);
            var r = GeneratorHarness.Run(source, Models);
            Assert.Empty(r.CompileErrors);
            Assert.DoesNotContain("SpikeSharp.Network.D.Net.g.cs", r.Sources.Keys);
        }
        // Inherited: a protected base field would be hidden by the generated one (CS0108).
        var b = DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            namespace D;
            public class Base { protected object __delay_q = new(); }
            [Network] public partial class Net : {|SPK0025:Base|} { public P p; public Q q; public QP qp; }
            """, DiagnosticSeverity.Error, Models);
        Assert.Contains("__delay_q", b.GetMessage());
        // The prefix alone, or another prefix, is the user's.
        var ok = GeneratorHarness.Run("""
            using SpikeSharp;
            namespace D;
            [Network] public partial class Net { public P p; public Q q; public QP qp; object __delay_ = new(), __delayq = new(); public bool B => __delay_ != __delayq; }
            """, Models);
        Assert.Empty(ok.CompileErrors);
        Assert.Contains("SpikeSharp.Network.D.Net.g.cs", ok.Sources.Keys);
    }
}
