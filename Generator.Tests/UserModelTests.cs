using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SpikeSharp.Generator.Model.Definitions;
using SpikeSharp.Generator.Model.Ir;
using Xunit;

namespace SpikeSharp.Generator.Tests;

/// <summary>Users' own models (issue 12): exp_auto's A derived symbolically, the generated code of a user model, and
/// one test per check and per unsupported construct with its exact span.</summary>
public class UserModelTests
{
    // ---- exp_auto's A = ∂f/∂y, derived at compile time, against the hand-derived coefficients of HH ----

    /// <summary>Evaluates an IR tree with state values (old = new here), parameters and the input.</summary>
    static double Eval(Expr e, IReadOnlyDictionary<string, double> vars, Func<string, double> param, double input) => e switch
    {
        Num n => n.Value,
        Param p => param(p.Name),
        Var v => vars[v.Name],
        Model.Ir.Input => input,
        Un u => u.Op switch
        {
            UnOp.Neg => -Eval(u.A, vars, param, input),
            UnOp.Exp => Math.Exp(Eval(u.A, vars, param, input)),
            UnOp.Log => Math.Log(Eval(u.A, vars, param, input)),
            UnOp.Sqrt => Math.Sqrt(Eval(u.A, vars, param, input)),
            UnOp.Tanh => Math.Tanh(Eval(u.A, vars, param, input)),
            _ => Math.Abs(Eval(u.A, vars, param, input)),
        },
        Bin b => b.Op switch
        {
            BinOp.Add => Eval(b.A, vars, param, input) + Eval(b.B, vars, param, input),
            BinOp.Sub => Eval(b.A, vars, param, input) - Eval(b.B, vars, param, input),
            BinOp.Mul => Eval(b.A, vars, param, input) * Eval(b.B, vars, param, input),
            BinOp.Div => Eval(b.A, vars, param, input) / Eval(b.B, vars, param, input),
            BinOp.Pow => Math.Pow(Eval(b.A, vars, param, input), Eval(b.B, vars, param, input)),
            BinOp.Min => Math.Min(Eval(b.A, vars, param, input), Eval(b.B, vars, param, input)),
            _ => Math.Max(Eval(b.A, vars, param, input), Eval(b.B, vars, param, input)),
        },
        Select s => Truth(s.Cond, vars, param, input) ? Eval(s.IfTrue, vars, param, input) : Eval(s.IfFalse, vars, param, input),
        _ => throw new InvalidOperationException(e.GetType().Name),
    };

    static bool Truth(Expr e, IReadOnlyDictionary<string, double> vars, Func<string, double> param, double input)
    {
        var c = (Cmp)e;
        double a = Eval(c.A, vars, param, input), b = Eval(c.B, vars, param, input);
        return c.Op switch { CmpOp.Lt => a < b, CmpOp.Le => a <= b, CmpOp.Gt => a > b, CmpOp.Ge => a >= b, CmpOp.Eq => a == b, _ => a != b };
    }

    static double Phi(double z) => z == 0 ? 1 : Math.Exp(z) is var ez ? (ez - 1) / z : 0;

    [Fact]
    public void SymbolicA_OfHH_EqualsTheHandDerivedCoefficients()
    {
        var hh = HhNeurons.HH;
        double Param(string name) => hh.Params.First(p => p.Name == name).Default;
        double gNa = Param("GNa"), gK = Param("GK"), gL = Param("GL"), c = Param("C");
        // Hand-derived: ∂f_V/∂V = −(g_Na m³h + g_K n⁴ + g_L)/C; for a gate ∂(α(1 − x) − βx)/∂x = −(α + β).
        double AlphaM(double v) => 0.1 * (v + 40) / (1 - Math.Exp(-(v + 40) / 10));
        double BetaM(double v) => 4 * Math.Exp(-(v + 65) / 18);
        double AlphaH(double v) => 0.07 * Math.Exp(-(v + 65) / 20);
        double BetaH(double v) => 1 / (1 + Math.Exp(-(v + 35) / 10));
        double AlphaN(double v) => 0.01 * (v + 55) / (1 - Math.Exp(-(v + 55) / 10));
        double BetaN(double v) => 0.125 * Math.Exp(-(v + 65) / 80);
        var rng = new Random(5);
        int checkedPoints = 0;
        for (int k = 0; k < 200; k++)
        {
            var s = new Dictionary<string, double>
            {
                ["V"] = -90 + 140 * rng.NextDouble(), ["M"] = rng.NextDouble(), ["H"] = rng.NextDouble(), ["N"] = rng.NextDouble(),
            };
            double v = s["V"];
            if (Math.Abs(v + 40) < 1e-3 || Math.Abs(v + 55) < 1e-3) continue; // the hand formulas' 0/0 points
            var expected = new Dictionary<string, double>
            {
                ["V"] = -(gNa * Math.Pow(s["M"], 3) * s["H"] + gK * Math.Pow(s["N"], 4) + gL) / c,
                ["M"] = -(AlphaM(v) + BetaM(v)),
                ["H"] = -(AlphaH(v) + BetaH(v)),
                ["N"] = -(AlphaN(v) + BetaN(v)),
            };
            foreach (var u in hh.Step)
            {
                var a = Symbolic.Differentiate(((Ode)u.Update).Derivative, u.State);
                Assert.NotNull(a);
                double got = Eval(a!, s, Param, 3.0);
                // 5e-8: the definition writes α_m and α_n through φ, whose series for |z| < 0.5 is within 1.4e-8 relative.
                Assert.True(Math.Abs(got - expected[u.State]) <= 5e-8 * Math.Max(1, Math.Abs(expected[u.State])),
                    $"∂f/∂{u.State} at V = {v}: symbolic {got}, hand-derived {expected[u.State]}");
                // A gate's A does not depend on the gate itself; V's does not depend on V (HH is linear in V given the gates).
                Assert.DoesNotContain(IrOps.Nodes(a!), n => n is Var x && x.Name == u.State);
            }
            checkedPoints++;
        }
        Assert.True(checkedPoints > 190);
    }

    [Fact]
    public void SymbolicA_OfTanhAndPow_MatchesFiniteDifferences()
    {
        Expr f = E.Tanh(E.S("X") * 0.5) + E.Pow(E.S("X"), 3.0) - E.Sqrt(E.S("X"));
        var a = Symbolic.Differentiate(f, "X")!;
        foreach (double x in new[] { 0.3, 1.0, 2.5 })
        {
            double h = 1e-6;
            double fd = (Eval(f, new Dictionary<string, double> { ["X"] = x + h }, _ => 0, 0) - Eval(f, new Dictionary<string, double> { ["X"] = x - h }, _ => 0, 0)) / (2 * h);
            Assert.Equal(fd, Eval(a, new Dictionary<string, double> { ["X"] = x }, _ => 0, 0), 6);
        }
    }

    // ---- the generated code of a user model ----

    internal const string TraubMiles = """
        using SpikeSharp;
        using static System.Math;
        namespace U;
        [NeuronModel]
        public sealed class TraubMiles : CustomNeuron
        {
            [Param("mV")] public double ENa { get; set; } = 50;
            [Param("mV")] public double EK { get; set; } = -90;
            [Param("mV")] public double EL { get; set; } = -60;
            public double GNa { get; set; } = 200;
            public double GK { get; set; } = 60;
            public double GL { get; set; } = 0.1;
            public double Cm { get; set; } = 2;
            [Param("mV")] public double VT { get; set; } = -63;
            [Param("mV")] public double VTh { get; set; } = -20;

            [State("mV")] double V { get; set; } = -65;
            [State] double M { get; set; }
            [State] double H { get; set; }
            [State] double N { get; set; }

            double dV() => (GL * (EL - V) - GNa * M * M * M * H * (V - ENa) - GK * N * N * N * N * (V - EK) + I) / Cm;
            double dM()
            {
                double alpha = 0.32 * (13 - V + VT) / (Exp((13 - V + VT) / 4) - 1);
                double beta = 0.28 * (V - VT - 40) / (Exp((V - VT - 40) / 5) - 1);
                return alpha * (1 - M) - beta * M;
            }
            double dH() => 0.128 * Exp((17 - V + VT) / 18) * (1 - H) - 4 / (1 + Exp(-(V - VT - 40) / 5)) * H;
            double dN() => Rate(15, 5) * (1 - N) - 0.5 * Exp((10 - V + VT) / 40) * N;
            double Rate(double offset, double scale) => 0.032 * (offset - V + VT) / (Exp((offset - V + VT) / scale) - 1);
            bool Spike() => Old(V) < VTh && V >= VTh;
        }
        [Population(100)] [TraubMiles(VT = -63)] public partial class Cells;
        """;

    [Fact]
    public void TraubMiles_ReportsNothing_AndShowsItsDerivedCoefficients()
    {
        Assert.Empty(GeneratorHarness.Analyze(TraubMiles));
        var run = GeneratorHarness.Run(TraubMiles);
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        string code = run.Run.Results.Single().GeneratedSources.Single(s => s.HintName.Contains("Cells")).SourceText.ToString();
        // A = ∂f/∂V of the V equation, in the comment of its exp_auto line; the gates' A include the derivative of the rates.
        Assert.Contains("A = ∂f/∂V = (-GL - GNa * M * M * M * H - GK * N * N * N * N) / Cm (derived symbolically at compile time)", code);
        Assert.Contains("A = ∂f/∂M = ", code);
        Assert.Contains("(vOld < VTh) & (vNew >= VTh)", code);
    }

    [Fact]
    public void ReadmeTutorialModel_CompilesCleanAndReportsNothing()
    {
        string readme = System.IO.File.ReadAllText(System.IO.Path.Combine(RepoRoot(), "README.md"));
        int section = readme.IndexOf("## Your own models", StringComparison.Ordinal);
        Assert.True(section >= 0, "README has no 'Your own models' section");
        int start = readme.IndexOf("```csharp\n", section, StringComparison.Ordinal) + "```csharp\n".Length;
        string code = readme.Substring(start, readme.IndexOf("```", start, StringComparison.Ordinal) - start);
        Assert.Contains("class TraubMiles : CustomNeuron", code);
        Assert.Empty(GeneratorHarness.Analyze(code));
        var run = GeneratorHarness.Run(code);
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Contains(run.Run.GeneratedTrees, t => t.FilePath.EndsWith("MyModels.Neurons.g.cs", StringComparison.Ordinal));
    }

    static string RepoRoot([System.Runtime.CompilerServices.CallerFilePath] string self = "") => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(self)!, "..");

    // ---- checks and unsupported constructs: one test each, with the exact span ----

    const string Head = """
        using SpikeSharp;
        using System;
        namespace U;
        [NeuronModel]
        public sealed class M : CustomNeuron
        {
            public double Tau { get; set; } = 10;
            public double VTh { get; set; } = 1;
            [State] double V { get; set; }

        """;

    static Diagnostic One(string body, DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
        DiagnosticMarkup.AssertSingle(Head + body + "\n}\n", severity);

    [Fact]
    public void Valid_ReportsNothing() => DiagnosticMarkup.AssertDiagnostics(Head + "double dV() => -V / Tau + I;\nbool Spike() => V >= VTh;\nvoid Reset() => V = 0;\n}\n");

    [Fact]
    public void UnknownIdentifier_SPK3002()
    {
        var d = One("double W = 1;\ndouble dV() => -V / Tau + {|SPK3002:W|};\nbool Spike() => V >= VTh;");
        Assert.Equal("Neuron model 'M': 'W' is not a parameter, state variable, local or I (did you mean 'V'?) (parameters: Tau, VTh; states: V)", d.GetMessage());
    }

    [Fact]
    public void DerivativeOfNonState_SPK3003()
    {
        var d = One("double dV() => -V / Tau;\ndouble {|SPK3003:dW|}() => 1;\nbool Spike() => V >= VTh;");
        Assert.Equal("Neuron model 'M': method 'dW' is the derivative of 'W', which is not a state variable (did you mean 'V'?) (states: V)", d.GetMessage());
    }

    [Fact]
    public void StateWithoutUpdate_SPK3004()
    {
        var d = One("[State] double {|SPK3004:W|} { get; set; }\ndouble dV() => -V / Tau + W;\nbool Spike() => V >= VTh;");
        Assert.Equal("Neuron model 'M': state variable 'W' has no derivative dW() and no update NextW()", d.GetMessage());
    }

    [Fact]
    public void ResetWritesParameter_SPK3005()
    {
        var d = One("double dV() => -V / Tau;\nbool Spike() => V >= VTh;\nvoid Reset() { V = 0; {|SPK3005:VTh|} = 2; }");
        Assert.Equal("Neuron model 'M': Reset() assigns parameter 'VTh'; parameters are constants, only state variables can be assigned", d.GetMessage());
    }

    [Fact]
    public void NonFiniteConstant_SPK3006()
    {
        var d = One("double dV() => -V / Tau + {|SPK3006:Math.Log(VTh - 2)|};\nbool Spike() => V >= VTh;");
        Assert.Equal("Neuron model 'M': the constant expression 'Math.Log(VTh - 2)' is NaN at the parameters' defaults", d.GetMessage());
    }

    [Fact]
    public void NonFiniteCompilerConstant_SPK3006()
    {
        var d = One("double dV() => -V / Tau + {|SPK3006:1.0 / 0|};\nbool Spike() => V >= VTh;");
        Assert.Equal("Neuron model 'M': the constant expression '1.0 / 0' is ∞", d.GetMessage().Replace("Infinity", "∞"));
    }

    [Fact]
    public void SpikeNeverReadsV_SPK3007()
    {
        var d = One("[State] double W { get; set; }\ndouble dW() => -W;\ndouble dV() => -V / Tau;\nbool {|SPK3007:Spike|}() => W >= VTh;", DiagnosticSeverity.Warning);
        Assert.Equal("Neuron model 'M': Spike() never reads V, so whether a neuron spikes does not depend on its membrane potential", d.GetMessage());
    }

    [Fact]
    public void NotDerivedFromCustomNeuron_SPK3008()
    {
        var d = DiagnosticMarkup.AssertSingle("using SpikeSharp;\n[NeuronModel] public sealed class {|SPK3008:M|} : System.Attribute { }\n", DiagnosticSeverity.Error);
        Assert.Equal("Neuron model 'M': a [NeuronModel] class must be a non-generic class deriving from SpikeSharp.CustomNeuron", d.GetMessage());
    }

    [Fact]
    public void NoSpike_SPK3009()
    {
        var d = DiagnosticMarkup.AssertSingle(Head.Replace("public sealed class M", "public sealed class {|SPK3009:M|}") + "double dV() => -V / Tau;\n}\n", DiagnosticSeverity.Error);
        Assert.Equal("Neuron model 'M' has no spike condition (declare bool Spike() => V >= VTh;)", d.GetMessage());
    }

    [Fact]
    public void ModelWithoutMarker_SPK3010()
    {
        var d = DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            public sealed class M : CustomNeuron { }
            [Population(10)] [{|SPK3010:M|}] public partial class Cells;
            """, DiagnosticSeverity.Error);
        Assert.Equal("Population 'Cells': [M] derives from CustomNeuron but is not marked [NeuronModel]", d.GetMessage());
    }

    [Fact]
    public void BadMember_SPK3011()
    {
        var d = One("double dV() => -V / Tau;\nbool Spike() => V >= VTh;\ndouble {|SPK3011:Reset|}() => 0;");
        Assert.Equal("Neuron model 'M': Reset() must be a void method taking no parameters", d.GetMessage());
    }

    [Fact]
    public void InitReadsALaterState_SPK3012()
    {
        var d = One("[State] double W { get; set; }\ndouble dW() => -W;\ndouble dV() => -V / Tau;\nbool Spike() => V >= VTh;\nvoid Init() => V = 2 * {|SPK3012:W|};");
        Assert.Equal("Neuron model 'M': the initial value of 'V' reads 'W', which is declared after it; declare 'W' first", d.GetMessage());
    }

    [Fact]
    public void TwoUpdates_SPK3013()
    {
        var d = One("double dV() => -V / Tau;\ndouble {|SPK3013:NextV|}() => V;\nbool Spike() => V >= VTh;");
        Assert.Equal("Neuron model 'M': the update of 'V' (dV() and NextV()) is defined twice", d.GetMessage());
    }

    [Fact]
    public void ConstantSpike_SPK3014()
    {
        var d = One("double dV() => -V / Tau;\nbool {|SPK3014:Spike|}() => Tau >= VTh;");
        Assert.Equal("Neuron model 'M': Spike() reads no state variable and no input, so every neuron spikes on every step or never", d.GetMessage());
    }

    [Theory]
    [InlineData("double dV() => {|SPK3001:V % 2|};", "the operator '%'")]
    [InlineData("double dV() => {|SPK3001:Math.Sin(V)|};", "Math.Sin")]
    [InlineData("double dV() { {|SPK3001:if (V > 0) return 1;|} return 0; }", "an 'if' statement (use a conditional expression c ? a : b)")]
    [InlineData("double dV() => {|SPK3001:(V > 0 ? 1 : 2) / 2|};", "integer division")]
    [InlineData("double dV() => {|SPK3001:(int)V|};", "a cast to int")]
    [InlineData("double dV() => Helper();\nstatic double Helper() { double x = 1; {|SPK3001:x = 2;|} return x; }", "this statement")]
    [InlineData("double dV() => V > 0 && {|SPK3001:true|} ? 1 : 0;", "the constant 'true'")]
    [InlineData("double dV() => {|SPK3001:Old(V + 1)|};", "Old(...) of something other than a state variable")]
    [InlineData("double dV() => {|SPK3001:DateTime.Now.Second|};", "'DateTime.Now.Second'")]
    public void Unsupported_SPK3001(string body, string what)
    {
        var d = One(body + "\nbool Spike() => V >= VTh;");
        Assert.Equal($"Neuron model 'M': {what} is not in the C# subset a model is written in ({Parsing.CSharpToIr.Supported})", d.GetMessage());
    }

    [Fact]
    public void ModelWithErrors_PopulationReportsNothingOfItsOwn()
    {
        // The model's error is reported once, at the model; the population that names it adds nothing.
        DiagnosticMarkup.AssertDiagnostics(Head + "double dV() => -V / Tau + {|SPK3002:Q|};\nbool Spike() => V >= VTh;\n}\n[Population(10)] [M(Tau = 5)] public partial class Cells;\n");
    }

    // ---- the units check (SPK3015–SPK3017): warnings from declared units only ----

    const string UnitHead = """
        using SpikeSharp;
        using System;
        namespace U;
        [NeuronModel]
        public sealed class L : CustomNeuron
        {
            [Param("mV")] public double VRest { get; set; } = -65;
            [Param("mV")] public double VTh { get; set; } = -50;
            [Param("ms")] public double Tau { get; set; } = 10;
            [Param("nS")] public double G { get; set; } = 1;
            [Param] public double K { get; set; } = 2;
            [State("mV")] double V { get; set; } = -65;

        """;

    static Diagnostic OneUnit(string body) => DiagnosticMarkup.AssertSingle(UnitHead + body + "\n}\n", DiagnosticSeverity.Warning);

    [Fact]
    public void UnitsProblemThatReadsI_IsReported_NotThrown()
    {
        // Found by the property test: the message's text of 'Math.Exp(Tau - I)' threw (the formatter has no text for the input).
        var d = OneUnit("double {|SPK3016:dV|}() => (VRest - V) / Tau + Math.Exp(Tau - I);\nbool Spike() => V >= VTh;");
        Assert.Contains("'Math.Exp(Tau - I)'", d.GetMessage());
    }

    [Fact]
    public void ResetAndInitWithWrongUnits_SPK3029()
    {
        var d = OneUnit("double dV() => (VRest - V) / Tau;\nbool Spike() => V >= VTh;\nvoid Reset() => {|SPK3029:V|} = Tau;");
        Assert.Equal("Neuron model 'L': Reset() assigns 'V' a value with units of 10^-3 s, but 'V' has mV = 10^-3 V", d.GetMessage());
        d = OneUnit("double dV() => (VRest - V) / Tau;\nbool Spike() => V >= VTh;\nvoid Init() => {|SPK3029:V|} = VRest * G;");
        Assert.Equal("Neuron model 'L': Init() assigns 'V' a value with units of 10^-12 A, but 'V' has mV = 10^-3 V", d.GetMessage());
        d = OneUnit("double dV() => (VRest - V) / Tau;\nbool Spike() => V >= VTh;\nvoid Reset() => {|SPK3016:V|} = VRest + G;");
        Assert.Contains("in Reset(), 'VRest + G'", d.GetMessage());
        // Right units, a bare number, and a unit-less parameter are not reported.
        DiagnosticMarkup.AssertDiagnostics(UnitHead + "double dV() => (VRest - V) / Tau;\nbool Spike() => V >= VTh;\nvoid Reset() => V = VRest - 5 * K;\nvoid Init() => V = -70;\n}\n");
    }

    [Fact]
    public void DerivativeWithWrongUnits_SPK3015()
    {
        var d = OneUnit("double {|SPK3015:dV|}() => (VRest - V) * Tau;\nbool Spike() => V >= VTh;");
        Assert.Equal("Neuron model 'L': dV() has units of 10^-6 V·s, but the derivative of 'V' (mV) must have mV/ms = V/s (mV per ms)", d.GetMessage());
    }

    [Fact]
    public void SumOfDifferentUnits_SPK3016()
    {
        var d = OneUnit("double {|SPK3016:dV|}() => (VRest - V + G) / Tau;\nbool Spike() => V >= VTh;");
        Assert.Equal("Neuron model 'L': in dV(), 'VRest - V + G' adds 10^-3 V and 10^-9 A/V", d.GetMessage());
    }

    [Fact]
    public void MillivoltsPlusVolts_AndExpOfAUnit_SPK3016()
    {
        var d = DiagnosticMarkup.AssertSingle(UnitHead.Replace("[Param(\"mV\")] public double VTh", "[Param(\"V\")] public double VTh") +
            "double dV() => (VRest - V) / Tau;\nbool {|SPK3016:Spike|}() => V >= VTh;\n}\n", DiagnosticSeverity.Warning);
        Assert.Equal("Neuron model 'L': in Spike(), 'V >= VTh' compares 10^-3 V and V", d.GetMessage());
        var e = OneUnit("double {|SPK3016:dV|}() => (VRest - V) / Tau * Math.Exp(V);\nbool Spike() => V >= VTh;");
        Assert.Equal("Neuron model 'L': in dV(), 'Math.Exp(V)' the argument of Exp has units of 10^-3 V, not a pure number", e.GetMessage());
    }

    [Fact]
    public void ExplicitUpdateWithWrongUnits_SPK3017()
    {
        var d = OneUnit("[State(\"mV\")] double W { get; set; }\ndouble {|SPK3017:NextW|}() => W * Tau;\ndouble dV() => (VRest - V) / Tau;\nbool Spike() => V >= VTh;");
        Assert.Equal("Neuron model 'L': NextW() has units of 10^-6 V·s, but it is the new value of 'W', which has mV = 10^-3 V", d.GetMessage());
    }

    [Fact]
    public void Units_Unknown_OrHiddenInNumbers_AreNotChecked()
    {
        // K has no unit, I has none, and a bare number as a factor hides one (the 4 of (13 − V + VT)/4 is 4 mV):
        // nothing is reported, though none of these is dimensionally provable.
        DiagnosticMarkup.AssertDiagnostics(UnitHead + "double dV() => (VRest - V) / Tau * K + I + Math.Exp(V / 4) + 2 * V;\nbool Spike() => V >= VTh && V > 0;\n}\n");
        // Consistent units, with numbers in sums and a state-free right-hand side: clean.
        DiagnosticMarkup.AssertDiagnostics(UnitHead + "double dV() => (VRest - V + 3) / Tau + G * (VRest - V) / G / Tau;\nbool Spike() => Old(V) < VTh && V >= VTh;\nvoid Reset() => V = VRest;\n}\n");
    }

    [Fact]
    public void TraubMiles_OfCobaHH_PassesTheUnitsCheck_AndAWrongCapacitanceUnitIsFound()
    {
        string model = System.IO.File.ReadAllText(System.IO.Path.Combine(RepoRoot(), "samples", "COBAHH", "Model.cs"));
        // The whole sample, as it is: no diagnostic at all (its dV is mS·mV/µF = V/s = mV/ms).
        DiagnosticMarkup.AssertDiagnostics(model);
        const string cm = "[Param(\"µF\")] public double Cm";
        Assert.Contains(cm, model);
        var d = DiagnosticMarkup.AssertSingle(model.Replace(cm, "[Param(\"nF\")] public double Cm").Replace("    double dV() =>", "    double {|SPK3015:dV|}() =>"), DiagnosticSeverity.Warning);
        Assert.Equal("Neuron model 'TraubMiles': dV() has units of 10^3 V/s, but the derivative of 'V' (mV) must have mV/ms = V/s (mV per ms)", d.GetMessage());
    }

    [Fact]
    public void Units_Parse()
    {
        Assert.Equal(new Unit(1, 0, 0, -3), Unit.Parse("mV"));
        Assert.Equal(new Unit(-1, 0, 1, -9), Unit.Parse("nS"));
        Assert.Equal(new Unit(-1, 1, 1, -6), Unit.Parse("µF"));
        Assert.Equal(Unit.Parse("uF"), Unit.Parse("µF"));
        Assert.Equal(new Unit(1, -1, 0, 0), Unit.Parse("mV/ms"));
        Assert.Equal(new Unit(1, 0, -1, 6), Unit.Parse("MΩ"));
        Assert.Equal(new Unit(0, -2, 0, 0), Unit.Parse("s^-2"));
        Assert.Equal(new Unit(0, 0, 1, -12), Unit.Parse("nS*mV"));
        Assert.Equal(Unit.One, Unit.Parse("1"));
        foreach (string unknown in new[] { "", " ", "m", "mM", "xyz", "mV/", "1e3", "k1" })
            Assert.Null(Unit.Parse(unknown));
        Assert.Equal("V/s", new Unit(1, -1, 0, 0).ToString());
        Assert.Equal("10^-6 V·s", new Unit(1, 1, 0, -6).ToString());
    }
}
