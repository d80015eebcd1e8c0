using System;
using System.Linq;
using System.Text;
using System.Threading;
using CsCheck;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace SpikeSharp.Generator.Tests;

/// <summary>The property test for users' own models (issue 12): random [NeuronModel] classes (random equations over
/// parameters, states, I and locals, with supported and unsupported constructs, random spike conditions, resets,
/// initialisers and integration methods) used by a population. The generator never throws, and whenever neither the
/// compiler nor SpikeSharp reports an error, the generated code compiles without an error or a warning.
/// SPIKESHARP_PROPERTY_ITER sets the number of cases (default 120).</summary>
public class UserModelPropertyTests(ITestOutputHelper output)
{
    static readonly string[] Params = { "A", "B", "Tau", "VTh" };
    static readonly string[] Unsupported = { "V % 2", "Math.Sin(V)", "(int)V", "DateTime.Now.Second", "Q", "1.0 / 0", "Math.Log(-1)", "Old(V + 1)" };

    static string Expr(Random r, int depth, string[] states, bool allowOld, bool allowI = true)
    {
        if (depth <= 0 || r.Next(4) == 0)
        {
            return r.Next(7) switch
            {
                0 => (r.NextDouble() * 10 - 3).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
                1 => Params[r.Next(Params.Length)],
                2 when allowI => "I",
                2 => Params[r.Next(Params.Length)],
                3 when allowOld => "Old(" + states[r.Next(states.Length)] + ")",
                _ => states[r.Next(states.Length)],
            };
        }
        string a = Expr(r, depth - 1, states, allowOld, allowI), b = Expr(r, depth - 1, states, allowOld, allowI);
        return r.Next(14) switch
        {
            0 => $"({a} + {b})",
            1 => $"({a} - {b})",
            2 => $"({a} * {b})",
            3 => $"({a} / (1 + Math.Abs({b})))",
            4 => $"Math.Exp(-Math.Abs({a}) / 10)",
            5 => $"Math.Tanh({a})",
            6 => $"Math.Min({a}, {b})",
            7 => $"Math.Max({a}, {b})",
            8 => $"({a} > {b} ? {a} : {b})",
            9 => $"Math.Sqrt(1 + {a} * {a})",
            10 => $"MathF.Exp((float)(-Math.Abs({a})))",
            11 => $"-{a}",
            12 => $"Math.Pow(1 + Math.Abs({a}), 0.5)",
            _ => r.Next(6) == 0 ? Unsupported[r.Next(Unsupported.Length)] : $"({a} + {b})",
        };
    }

    static string[] Model(int seed)
    {
        var r = new Random(seed);
        var states = r.Next(3) switch { 0 => new[] { "V" }, 1 => new[] { "V", "W" }, _ => new[] { "V", "W", "Z" } };
        var sb = new StringBuilder();
        sb.Append("using SpikeSharp;\nusing System;\nnamespace P;\n");
        if (r.Next(12) != 0) sb.Append("[NeuronModel]\n");
        sb.Append("public sealed class M : CustomNeuron\n{\n");
        sb.Append("    public double A { get; set; } = 0.5;\n    public double B { get; set; } = 2;\n");
        sb.Append("    [Param(\"ms\")] public double Tau { get; set; } = 10;\n    public double VTh { get; set; } = 1;\n");
        if (r.Next(4) == 0) sb.Append("    [Param(\"ms\"), Refractory] public double TauRef { get; set; } = 1;\n");
        foreach (var s in states)
            sb.Append($"    [State] double {s} {{ get; set; }}" + (r.Next(2) == 0 ? $" = {r.Next(-3, 3)};\n" : "\n"));
        foreach (var s in states)
        {
            int form = r.Next(10);
            if (form == 0 && s != "V") continue; // SPK3004
            if (form == 1) sb.Append($"    double d{s}() => (B * I - {s}) / Tau;\n"); // the exact linear step
            else if (form == 2) sb.Append($"    double Next{s}() => {Expr(r, 2, states, false)};\n");
            else if (form == 3)
                sb.Append($"    double d{s}()\n    {{\n        double a = {Expr(r, 2, states, false)};\n        return -a * {s} / Tau + {Expr(r, 2, states, false)};\n    }}\n");
            else sb.Append($"    double d{s}() => -{s} / Tau + {Expr(r, 3, states, false)};\n");
        }
        if (r.Next(10) == 0) sb.Append("    double dQ() => 1;\n"); // SPK3003
        if (r.Next(12) != 0)
            sb.Append(r.Next(3) == 0 ? "    bool Spike() => Old(V) < VTh && V >= VTh;\n" : $"    bool Spike() => {Expr(r, 1, states, true)} >= VTh;\n");
        if (r.Next(2) == 0)
        {
            sb.Append("    void Reset()\n    {\n        V = 0;\n");
            if (states.Length > 1) sb.Append($"        {states[1]} += {Expr(r, 1, states, true)};\n");
            if (r.Next(10) == 0) sb.Append("        VTh = 2;\n"); // SPK3005
            sb.Append("    }\n");
        }
        if (states.Length > 1 && r.Next(3) == 0) sb.Append($"    void Init() => {states[1]} = B * V;\n");
        sb.Append("}\n");
        string method = new[] { "", "Method = IntegrationMethod.Euler", "Method = IntegrationMethod.Rk2", "Method = IntegrationMethod.Rk4" }[r.Next(4)];
        string args = string.Join(", ", new[] { method, r.Next(2) == 0 ? "Tau = 5" : "", r.Next(8) == 0 ? "Tau = -1" : "" }.Where(a => a.Length > 0));
        sb.Append($"[Population({1 + r.Next(40)})] [M({args})] public partial class Cells;\n");
        sb.Append("public static class Use { public static float Run() { var c = new Cells(1); c.Update(1f); return c.V[0]; } }\n");
        return new[] { sb.ToString() };
    }

    /// <summary>A random [SynapseModel] (states G, H; pure decays, linear steps, random derivatives, explicit updates;
    /// additive, scaled, overwriting or missing receive rules; a state or constant value) on a random align-post or
    /// align-pre projection with a random integration method, beside a built-in Expon projection onto the same post.</summary>
    static string[] Synapse(int seed)
    {
        var r = new Random(seed);
        var states = r.Next(2) == 0 ? new[] { "G" } : new[] { "G", "H" };
        var sb = new StringBuilder();
        sb.Append("using SpikeSharp;\nusing System;\nnamespace P;\n");
        if (r.Next(12) != 0) sb.Append("[SynapseModel]\n");
        sb.Append("public sealed class S : CustomSynapse\n{\n");
        sb.Append("    public double A { get; set; } = 0.5;\n    public double B { get; set; } = 2;\n");
        sb.Append("    [Param(\"ms\")] public double Tau { get; set; } = 10;\n    public double VTh { get; set; } = 1;\n");
        foreach (var s in states) sb.Append($"    [State] double {s} {{ get; set; }}\n");
        foreach (var s in states)
        {
            int form = r.Next(8);
            if (form == 0 && r.Next(3) == 0) continue; // SPK3004
            sb.Append(form switch
            {
                1 => $"    double d{s}() => (B - {s}) / Tau;\n",
                2 => $"    double Next{s}() => {Expr(r, 2, states, false, false)};\n",
                3 => $"    double d{s}() => -{s} / Tau + {Expr(r, 3, states, false, false)};\n",
                _ => $"    double d{s}() => -{s} / Tau;\n",
            });
        }
        string h = states[^1];
        sb.Append(r.Next(7) switch
        {
            0 => "",                                                          // SPK3021
            1 => $"    void Receive(double x) => {h} += A * x;\n",          // not additive: align-pre only
            2 => $"    void Receive(double x) => G = x;\n",
            3 => "    void Receive(double x) { G += x; G += 1; }\n",
            4 => $"    void Receive(double x) {{ G += x; {h} += x; }}\n",
            _ => "    void Receive(double x) => G += x;\n",
        });
        if (r.Next(10) != 0) sb.Append(r.Next(3) == 0 ? $"    double Value() => {Expr(r, 2, states, false, false)};\n" : $"    double Value() => {h};\n");
        sb.Append("}\n");
        sb.Append("[Population(30)] [LifRef] public partial class Pre;\n[Population(20)] [LifRef] public partial class Post;\n");
        string method = new[] { "", "Method = IntegrationMethod.Euler", "Method = IntegrationMethod.Rk2", "Method = IntegrationMethod.Rk4" }[r.Next(4)];
        string args = string.Join(", ", new[] { method, r.Next(2) == 0 ? "Tau = 5" : "", r.Next(10) == 0 ? "Tau = -1" : "" }.Where(a => a.Length > 0));
        bool alignPre = r.Next(2) == 0;
        sb.Append(alignPre
            ? $"[FullProjAlignPreDSMg(Pre = typeof(Pre), Post = typeof(Post), DelaySteps = {r.Next(3)})] [CSRLinear(30, 20, Prob = 0.2, Weight = 0.5)] [S({args})] [Coba(E = 0)] public partial class Proj;\n"
            : $"[HalfProjAlignPostMg(Post = typeof(Post))] [EventJitFPHomoLinear(30, 20, Prob = 0.2, Weight = 0.5)] [S({args})] [Coba(E = 0)] public partial class Proj;\n");
        sb.Append("[HalfProjAlignPostMg(Post = typeof(Post))] [EventJitFPHomoLinear(30, 20, Prob = 0.2, Weight = 0.5)] [Expon(Tau = 5)] [Cuba] public partial class Other;\n");
        return new[] { sb.ToString() };
    }

    [Fact]
    public void RandomUserSynapses_NeverThrow_AndCompileWhenNoErrorIsReported() => Check(Synapse, "user synapses");

    [Fact]
    public void RandomUserModels_NeverThrow_AndCompileWhenNoErrorIsReported() => Check(Model, "user models");

    void Check(Func<int, string[]> make, string what)
    {
        int iter = int.TryParse(Environment.GetEnvironmentVariable("SPIKESHARP_PROPERTY_ITER"), out int n) && n > 0 ? n : 120;
        int clean = 0, withErrors = 0;
        Gen.Int.Select(make).Sample(sources =>
        {
            var result = GeneratorHarness.Run(sources);
            Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id is "CS8785" or "CS8784");
            var generated = result.Run.GeneratedTrees.ToHashSet();
            // Reported errors: SpikeSharp's, and the compiler's in the user's file once the generated files are added.
            var all = result.Output.GetDiagnostics().Where(d => !(d.Location.SourceTree is { } t0 && generated.Contains(t0)))
                .Concat(GeneratorHarness.Analyze(sources)).ToList();
            if (all.Any(d => d.Severity == DiagnosticSeverity.Error)) { Interlocked.Increment(ref withErrors); return; }
            Interlocked.Increment(ref clean);
            // A warning the user's own equations already get (CS1718 for 'Z > Z') is mirrored by the step that computes them.
            var userWarnings = all.Where(d => d.Severity == DiagnosticSeverity.Warning).Select(d => d.Id).ToHashSet();
            var bad = result.Output.GetDiagnostics()
                .Where(d => d.Severity == DiagnosticSeverity.Error || d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree is { } t && generated.Contains(t) && !userWarnings.Contains(d.Id)).ToList();
            Assert.True(bad.Count == 0, "Generated code has errors or warnings although nothing reported an error:\n" + string.Join("\n", bad) + "\n--- source ---\n" + sources[0]);
        }, iter: iter, threads: 2, print: s => s[0]);
        output.WriteLine($"{clean} {what} without a reported error (generated code compiled clean), {withErrors} with one");
        Assert.True(clean >= iter / 5, $"only {clean} error-free cases");
        Assert.True(withErrors >= iter / 5, $"only {withErrors} cases with errors");
    }
}
