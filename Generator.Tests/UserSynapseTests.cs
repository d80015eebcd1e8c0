using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SpikeSharp.Generator.Tests;

/// <summary>Users' own synapse models (issue 12): one test per check with its exact span and message, the merge by value
/// visible in the generated code, and the lowering (pure decay → the built-in Expon's form, exp_auto elsewhere).</summary>
public class UserSynapseTests
{
    /// <summary>The snapshot's source (SnapshotTests.UserSynapses): a user DualExponV2 on two merged align-post projections
    /// and a user NMDA on an align-pre one.</summary>
    public const string Snapshot = """
        using SpikeSharp;
        using System;
        namespace US;
        [SynapseModel]
        public sealed class MyDualExpon : CustomSynapse
        {
            [Param("ms")] public double TauDecay { get; set; } = 10;
            [Param("ms")] public double TauRise { get; set; } = 1;
            [State] double GRise { get; set; }
            [State] double GDecay { get; set; }
            double dGRise() => -GRise / TauRise;
            double dGDecay() => -GDecay / TauDecay;
            void Receive(double x) { GRise += x; GDecay += x; }
            double Value() => TauDecay / (TauDecay - TauRise) * Math.Pow(TauRise / TauDecay, TauRise / (TauRise - TauDecay)) * (GDecay - GRise);
        }
        [SynapseModel]
        public sealed class MyNmda : CustomSynapse
        {
            public double A { get; set; } = 0.5;
            [Param("ms")] public double TauDecay { get; set; } = 100;
            [Param("ms")] public double TauRise { get; set; } = 2;
            [State] double G { get; set; }
            [State] double X { get; set; }
            double dG() => -G / TauDecay + A * X * (1 - G);
            double dX() => -X / TauRise;
            void Receive(double spike) => X += spike;
            double Value() => G;
        }
        [Population(1000)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] public partial class E;
        [Population(1000)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] public partial class P;
        [HalfProjAlignPostMg(Post = typeof(P))] [EventJitFPHomoLinear(1000, 1000, Prob = 0.02, Weight = 0.5)] [MyDualExpon(TauDecay = 5, TauRise = 0.5)] [Coba(E = 0)]
        public partial class Fast1;
        [HalfProjAlignPostMg(Post = typeof(P))] [EventJitFPHomoLinear(1000, 1000, Prob = 0.02, Weight = 0.3)] [MyDualExpon(TauDecay = 5, TauRise = 0.5)] [Coba(E = 0)]
        public partial class Fast2;
        [FullProjAlignPreDSMg(Pre = typeof(E), Post = typeof(P), DelaySteps = 2)] [CSRLinear(1000, 1000, Prob = 0.02, Weight = 0.1)] [MyNmda] [MgBlock]
        public partial class Slow;
        """;

    const string Head = """
        using SpikeSharp;
        using System;
        namespace U;
        [SynapseModel]
        public sealed class S : CustomSynapse
        {
            [Param("ms")] public double Tau { get; set; } = 5;
            public double A { get; set; } = 2;
            [State] double G { get; set; }

        """;

    const string Valid = "double dG() => -G / Tau;\nvoid Receive(double x) => G += x;\ndouble Value() => G;";

    const string Network = """
        [Population(10)] [LifRef] public partial class E;
        [Population(20)] [LifRef] public partial class P;
        """;

    static Diagnostic One(string body, DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
        DiagnosticMarkup.AssertSingle(Head + body + "\n}\n", severity);

    [Fact]
    public void Valid_ReportsNothing_OnAlignPostAndAlignPre() => DiagnosticMarkup.AssertDiagnostics(Head + Valid + "\n}\n" + Network + """

        [FullProjAlignPostMg(Pre = typeof(E), Post = typeof(P))] [EventJitFPHomoLinear(10, 20, Prob = 0.5, Weight = 1)] [S(Tau = 3)] [Coba(E = 0)] public partial class A1;
        [FullProjAlignPreDSMg(Pre = typeof(E), Post = typeof(P))] [CSRLinear(10, 20, Prob = 0.5, Weight = 1)] [S(Method = IntegrationMethod.Rk4)] [Coba(E = 0)] public partial class A2;
        """);

    [Fact]
    public void NotDerivedFromCustomSynapse_SPK3020()
    {
        var d = DiagnosticMarkup.AssertSingle("using SpikeSharp;\n[SynapseModel] public sealed class {|SPK3020:S|} : System.Attribute { }\n", DiagnosticSeverity.Error);
        Assert.Equal("Synapse model 'S': a [SynapseModel] class must be a non-generic, non-abstract class deriving from SpikeSharp.CustomSynapse", d.GetMessage());
    }

    [Fact]
    public void NoReceive_SPK3021()
    {
        var d = DiagnosticMarkup.AssertSingle(Head.Replace("public sealed class S", "public sealed class {|SPK3021:S|}") + "double dG() => -G / Tau;\ndouble Value() => G;\n}\n", DiagnosticSeverity.Error);
        Assert.Equal("Synapse model 'S' has no receiving state: declare void Receive(double x) => G += x; (the states what arrives is added to)", d.GetMessage());
    }

    [Fact]
    public void ReceiveAssigningNothing_SPK3021()
    {
        var d = One("double dG() => -G / Tau;\nvoid {|SPK3021:Receive|}(double x) { double y = x; }\ndouble Value() => G;");
        Assert.Equal("Synapse model 'S' has no receiving state: Receive() assigns no state variable (write G += x;)", d.GetMessage());
    }

    [Fact]
    public void NoValue_SPK3022()
    {
        var d = DiagnosticMarkup.AssertSingle(Head.Replace("public sealed class S", "public sealed class {|SPK3022:S|}") + "double dG() => -G / Tau;\nvoid Receive(double x) => G += x;\n}\n", DiagnosticSeverity.Error);
        Assert.Equal("Synapse model 'S' has no output value: declare double Value() (the value its output reads, e.g. double Value() => G;)", d.GetMessage());
    }

    [Theory]
    [InlineData("void Receive(double x) => G += A * x;", "sets 'G' to G + A * x instead of adding x to it (G += x;)")]
    [InlineData("void Receive(double x) => G = x;", "sets 'G' to x instead of adding x to it (G += x;)")]
    [InlineData("void Receive(double x) { G += x; G += x; }", "assigns 'G' twice")]
    public void NotAdditiveOnAlignPost_SPK3023_ButFineOnAlignPre(string receive, string why)
    {
        string model = Head + "double dG() => -G / Tau;\n" + receive + "\ndouble Value() => G;\n}\n" + Network;
        var d = DiagnosticMarkup.AssertSingle(model + "\n[HalfProjAlignPostMg(Post = typeof(P))] [EventJitFPHomoLinear(10, 20, Prob = 0.5, Weight = 1)] [{|SPK3023:S|}] [Coba(E = 0)] public partial class A1;\n",
            DiagnosticSeverity.Error);
        Assert.Equal("Projection 'A1': [S] cannot be the synapse of a HalfProjAlignPostMg: an align-post projection adds the comm's output to the synapse's states (BrainPy's add_current), but S.Receive() " + why, d.GetMessage());
        DiagnosticMarkup.AssertDiagnostics(model + "\n[FullProjAlignPreDSMg(Pre = typeof(E), Post = typeof(P))] [CSRLinear(10, 20, Prob = 0.5, Weight = 1)] [S] [Coba(E = 0)] public partial class A2;\n");
    }

    [Fact]
    public void WithoutMarker_SPK3024()
    {
        var d = DiagnosticMarkup.AssertSingle("using SpikeSharp;\npublic sealed class S : CustomSynapse { }\n" + Network
            + "\n[HalfProjAlignPostMg(Post = typeof(P))] [EventJitFPHomoLinear(10, 20, Prob = 0.5, Weight = 1)] [{|SPK3024:S|}] [Coba(E = 0)] public partial class A1;\n", DiagnosticSeverity.Error);
        Assert.Equal("Projection 'A1': [S] derives from CustomSynapse but is not marked [SynapseModel]", d.GetMessage());
    }

    [Fact]
    public void ReceiveIgnoresX_SPK3025()
    {
        var d = One("double dG() => -G / Tau;\nvoid {|SPK3025:Receive|}(double spike) => G += 1;\ndouble Value() => G;", DiagnosticSeverity.Warning);
        Assert.Equal("Synapse model 'S': Receive(spike) never reads 'spike', so the synapse does not depend on the spikes it receives", d.GetMessage());
    }

    [Fact]
    public void ConstantValue_SPK3026()
    {
        var d = One("double dG() => -G / Tau;\nvoid Receive(double x) => G += x;\ndouble {|SPK3026:Value|}() => A;", DiagnosticSeverity.Warning);
        Assert.Equal("Synapse model 'S': Value() reads no state variable, so the output does not depend on the spikes the synapse receives", d.GetMessage());
    }

    [Fact]
    public void OnOwnSynapseProjection_SPK3027()
    {
        var d = DiagnosticMarkup.AssertSingle(Head + Valid + "\n}\n" + Network
            + "\n[HalfProjAlignPost(Post = typeof(P))] [EventJitFPHomoLinear(10, 20, Prob = 0.5, Weight = 1)] [{|SPK3027:S|}] [Coba(E = 0)] public partial class A1;\n", DiagnosticSeverity.Error);
        Assert.Equal("Projection 'A1': [S] is a user's synapse model, but a HalfProjAlignPost decays its own Expon synapse before adding (BrainPy's own-synapse projection); use [Expon], or a HalfProjAlignPostMg / FullProjAlignPostMg", d.GetMessage());
    }

    [Fact]
    public void StateNamedLikeAProjectionMember_SPK3028()
    {
        string model = Head.Replace("[State] double G { get; set; }", "[State] double Post { get; set; }")
            + "double dPost() => -Post / Tau;\nvoid Receive(double x) => Post += x;\ndouble Value() => Post;\n}\n" + Network;
        var d = DiagnosticMarkup.AssertSingle(model + "\n[HalfProjAlignPostMg(Post = typeof(P))] [EventJitFPHomoLinear(10, 20, Prob = 0.5, Weight = 1)] [{|SPK3028:S|}] [Coba(E = 0)] public partial class A1;\n", DiagnosticSeverity.Error);
        Assert.Equal("Projection 'A1': state 'Post' of [S] would be a member of the generated projection, which already has 'public ? Post'; rename the state", d.GetMessage());
    }

    static string Named(string state) => Head.Replace("[State] double G { get; set; }", $"[State] double {state} {{ get; set; }}")
        + $"double d{state}() => -{state} / Tau;\nvoid Receive(double x) => {state} += x;\ndouble Value() => {state};\n}}\n" + Network;

    [Fact]
    public void StateNamedLikeACommMember_SPK3028_WithTheProjectionsOwnComm()
    {
        // EventCSRLinear has a Matrix property (the JIT comm has none): the state would be a second member 'Matrix'.
        var d = DiagnosticMarkup.AssertSingle(Named("Matrix") + "\n[HalfProjAlignPostMg(Post = typeof(P))] [EventCSRLinear(10, 20, Prob = 0.5)] [{|SPK3028:S|}] [Coba(E = 0)] public partial class A1;\n", DiagnosticSeverity.Error);
        Assert.Equal("Projection 'A1': state 'Matrix' of [S] would be a member of the generated projection, which already has 'public global::SpikeSharp.CsrMatrix Matrix'; rename the state", d.GetMessage());
        var ok = GeneratorHarness.Run(Named("Matrix") + "\n[HalfProjAlignPostMg(Post = typeof(P))] [EventJitFPHomoLinear(10, 20, Prob = 0.5)] [S] [Coba(E = 0)] public partial class A1;\n");
        Assert.Empty(ok.CompileErrors);
        Assert.Contains("U.A1.g.cs", ok.Sources.Keys);
        // On an align-pre projection the comm may come after the synapse: its per-synapse weight bounds are still seen.
        d = DiagnosticMarkup.AssertSingle(Named("WLow") + "\n[FullProjAlignPreDSMg(Pre = typeof(E), Post = typeof(P))] [{|SPK3028:S|}] [CSRLinear(10, 20, Prob = 0.5, WLow = 0.1, WHigh = 0.2)] [Coba(E = 0)] public partial class A2;\n", DiagnosticSeverity.Error);
        Assert.Equal("Projection 'A2': state 'WLow' of [S] would be a member of the generated projection, which already has 'public const float WLow'; rename the state", d.GetMessage());
        ok = GeneratorHarness.Run(Named("WLow") + "\n[FullProjAlignPreDSMg(Pre = typeof(E), Post = typeof(P))] [S] [CSRLinear(10, 20, Prob = 0.5, Weight = 0.1)] [Coba(E = 0)] public partial class A2;\n");
        Assert.Empty(ok.CompileErrors);
        Assert.Contains("U.A2.g.cs", ok.Sources.Keys);
    }

    [Fact]
    public void OnDeltaProjection_IsSPK4051_LikeABuiltInSynapse()
    {
        var d = DiagnosticMarkup.AssertSingle(Head + Valid + "\n}\n" + Network
            + "\n[{|SPK4051:HalfProjDelta(Post = typeof(P))|}] [EventJitFPHomoLinear(10, 20, Prob = 0.5, Weight = 1)] [S] public partial class A1;\n", DiagnosticSeverity.Error);
        Assert.Equal("Projection 'A1': [HalfProjDelta] adds its comm's output to V directly; remove [S]", d.GetMessage());
    }

    [Fact]
    public void NeuronChecksApply_UnknownIdentifier_AssignsParameter_NonFinite_Units()
    {
        var d = One("double dG() => -G / Tau + {|SPK3002:W|};\nvoid Receive(double x) => G += x;\ndouble Value() => G;");
        Assert.Equal("Synapse model 'S': 'W' is not a parameter, state variable, local or I (did you mean 'A'?) (parameters: Tau, A; states: G)", d.GetMessage());
        d = One("double dG() => -G / Tau;\nvoid Receive(double x) { G += x; {|SPK3005:A|} = 1; }\ndouble Value() => G;");
        Assert.Equal("Synapse model 'S': Receive() assigns parameter 'A'; parameters are constants, only state variables can be assigned", d.GetMessage());
        d = One("double dG() => -G / Tau;\nvoid Receive(double x) => G += x;\ndouble Value() => G * {|SPK3006:Math.Log(A - 3)|};");
        Assert.Equal("Synapse model 'S': the constant expression 'Math.Log(A - 3)' is NaN at the parameters' defaults", d.GetMessage());
        d = One("[State] double {|SPK3004:H|} { get; set; }\n" + Valid);
        Assert.Equal("Synapse model 'S': state variable 'H' has no derivative dH() and no update NextH()", d.GetMessage());
        d = DiagnosticMarkup.AssertSingle(Head.Replace("[State] double G", "[State(\"nS\")] double G") + "double {|SPK3015:dG|}() => -G;\nvoid Receive(double x) => G += x;\ndouble Value() => G;\n}\n", DiagnosticSeverity.Warning);
        Assert.Contains("the derivative of 'G' (nS)", d.GetMessage());
        d = One("double dG() => -G / Tau;\nvoid {|SPK3011:Receive|}() => G += 1;\ndouble Value() => G;");
        Assert.Equal("Synapse model 'S': Receive() must be a void method taking one double (what arrives: void Receive(double x))", d.GetMessage());
    }

    [Fact]
    public void ModelWithErrors_ProjectionReportsNothingOfItsOwn()
    {
        DiagnosticMarkup.AssertDiagnostics(Head + "double dG() => -G / Tau + {|SPK3002:Q|};\nvoid Receive(double x) => G += x;\ndouble Value() => G;\n}\n" + Network
            + "\n[HalfProjAlignPostMg(Post = typeof(P))] [EventJitFPHomoLinear(10, 20, Prob = 0.5, Weight = 1)] [S] [Coba(E = 0)] public partial class A1;\n");
    }

    [Fact]
    public void ReadmeSynapseExample_CompilesCleanAndReportsNothing()
    {
        string readme = System.IO.File.ReadAllText(System.IO.Path.Combine(RepoRoot(), "README.md"));
        int section = readme.IndexOf("### Your own synapse models", System.StringComparison.Ordinal);
        Assert.True(section >= 0, "README has no 'Your own synapse models' section");
        int start = readme.IndexOf("```csharp\n", section, System.StringComparison.Ordinal) + "```csharp\n".Length;
        string code = "using SpikeSharp;\nusing System;\nnamespace R;\n[Population(4000)] [LifRef] public partial class E;\n"
            + readme.Substring(start, readme.IndexOf("```", start, System.StringComparison.Ordinal) - start);
        Assert.Contains("class MyDualExpon : CustomSynapse", code);
        Assert.Empty(GeneratorHarness.Analyze(code));
        var run = GeneratorHarness.Run(code);
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Contains("R.MyDualExpon(TauDecay=5, TauRise=0.5)", run.Sources.Single(kv => kv.Key.EndsWith("R.E.g.cs", System.StringComparison.Ordinal)).Value);
    }

    static string RepoRoot([System.Runtime.CompilerServices.CallerFilePath] string self = "") => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(self)!, "..");

    [Fact]
    public void MergeByValue_EqualParametersShareOneBuffer_OthersDoNot()
    {
        string src = Head + Valid + "\n}\n" + Network + """

            [HalfProjAlignPostMg(Post = typeof(P))] [EventJitFPHomoLinear(10, 20, Prob = 0.5, Weight = 1)] [S(Tau = 3)] [Coba(E = 0)] public partial class A1;
            [HalfProjAlignPostMg(Post = typeof(P))] [EventJitFPHomoLinear(10, 20, Prob = 0.5, Weight = 2)] [S(Tau = 3)] [Coba(E = 0)] public partial class A2;
            [HalfProjAlignPostMg(Post = typeof(P))] [EventJitFPHomoLinear(10, 20, Prob = 0.5, Weight = 1)] [S(Tau = 4)] [Coba(E = 0)] public partial class A3;
            [HalfProjAlignPostMg(Post = typeof(P))] [EventJitFPHomoLinear(10, 20, Prob = 0.5, Weight = 1)] [Expon(Tau = 3)] [Coba(E = 0)] public partial class A4;
            """;
        var run = GeneratorHarness.Run(src);
        Assert.Empty(run.Run.Diagnostics.Where(x => x.Severity >= DiagnosticSeverity.Warning));
        Assert.Empty(run.CompileErrors);
        string p = run.Sources.Single(kv => kv.Key.EndsWith("U.P.g.cs", System.StringComparison.Ordinal)).Value;
        Assert.Contains("// merge key: None // U.S(Tau=3, A=2) // COBA(E=0) <- U.A1, U.A2", p);
        Assert.Contains("// merge key: None // U.S(Tau=4, A=2) // COBA(E=0) <- U.A3", p);
        Assert.Contains("// merge key: None // Expon(tau=3) // COBA(E=0) <- U.A4", p); // equal arithmetic, another model: not merged
        Assert.DoesNotContain("G3", p);
        // The pure decay −G/τ is the built-in Expon's exact step g·exp(−dt/τ).
        Assert.Contains("g0New = g0Old * dG0", p);
    }
}
