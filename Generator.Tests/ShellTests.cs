using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SpikeSharp.Generator.Tests;

/// <summary>
/// Shells (issue 9, item 1): a model with SpikeSharp errors still gets its public members, with bodies that throw, so
/// one mistake gives one error. Measured on the real sample (samples/EINet/Model.cs: the model and the network class
/// that uses <c>Neurons.Size</c>, <c>new Neurons(seed, dt)</c>, <c>N.Update</c>, <c>new Excitatory(N, seed)</c>, ...),
/// compiled with the generator and analyzed as a build does.
/// </summary>
public class ShellTests
{
    static string Sample([CallerFilePath] string here = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(here)!, "..", "samples", "EINet", "Model.cs"));

    static string Edit(string source, string from, string to)
    {
        Assert.Contains(from, source);
        return source.Replace(from, to);
    }

    /// <summary>Every error of the build: the compiler's over user + generated code, and the analyzer's on it.</summary>
    static List<Diagnostic> BuildErrors(string source, out GeneratorHarness.Result r, params string[] others)
    {
        r = GeneratorHarness.Run(new[] { source }.Concat(others).ToArray());
        return r.CompileErrors.Concat(GeneratorHarness.Analyze(r.Output).Where(d => d.Severity == DiagnosticSeverity.Error))
            .OrderBy(d => d.Location.SourceSpan.Start).ToList();
    }

    static Diagnostic One(List<Diagnostic> errors)
    {
        Assert.True(errors.Count == 1, "Expected one error, got:\n" + Show(errors));
        return errors[0];
    }

    static string Show(IEnumerable<Diagnostic> ds) => string.Join("\n", ds.Select(d => d.ToString()));

    [Fact]
    public void SampleIsValid_AndBuildsWithoutErrors()
    {
        Assert.Empty(BuildErrors(Sample(), out var r));
        Assert.Equal(3, r.Sources.Count);
        Assert.DoesNotContain(r.Sources.Values, s => s.Contains("has SpikeSharp errors", StringComparison.Ordinal)); // no shell
    }

    [Fact]
    public void TauZero_TheOnlyErrorOfTheBuild_IsSPK0004()
    {
        var errors = BuildErrors(Edit(Sample(), "Tau = 20, TauRef", "Tau = 0, TauRef"), out var r);
        var d = One(errors);
        Assert.Equal("SPK0004", d.Id);
        // The population and both projections (whose post is invalid) are shells.
        Assert.Equal(new[] { "EINet.Excitatory.g.cs", "EINet.Inhibitory.g.cs", "EINet.Neurons.g.cs" }, r.Sources.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Contains("public const int Size = 4000;", r.Sources["EINet.Neurons.g.cs"]); // the written size, readable
        Assert.Contains("'Neurons' has SpikeSharp errors (SPK0004).", r.Sources["EINet.Neurons.g.cs"]);
        Assert.Contains("'Excitatory' cannot be built: its post population 'Neurons' has SpikeSharp errors (SPK0004).", r.Sources["EINet.Excitatory.g.cs"]);
    }

    [Fact]
    public void NumOutMismatch_TheOnlyErrorOfTheBuild_IsSPK0003()
    {
        var errors = BuildErrors(Edit(Sample(), "[EventJitFPHomoLinear(3200, 4000,", "[EventJitFPHomoLinear(3200, 4001,"), out var r);
        var d = One(errors);
        Assert.Equal("SPK0003", d.Id);
        Assert.Contains("public const int NumOut = 4001;", r.Sources["EINet.Excitatory.g.cs"]);
        Assert.Contains("'Excitatory' has SpikeSharp errors (SPK0003).", r.Sources["EINet.Excitatory.g.cs"]);
        // The post and the other projection stay real models; the post has only Inhibitory's buffer now.
        Assert.Contains("__g = post.G0;", r.Sources["EINet.Inhibitory.g.cs"]);
        Assert.DoesNotContain("has SpikeSharp errors", r.Sources["EINet.Neurons.g.cs"]); // a real model, not a shell
    }

    [Fact]
    public void MissingPartial_GivesSPK0001_AndTheCompilersCS0260_BothAtTheTypeName_AndNoOtherError()
    {
        // A declaration that is not partial cannot be completed silently: the generated part draws CS0260 ("Missing
        // partial modifier"), but the compiler still merges it, so the sample's uses of Neurons compile. Without that
        // part they were five errors (Size twice, the constructor, Dt, Update) besides SPK0001: two errors, both
        // saying "add partial", is the least a build can show once the user's code uses the generated members.
        string source = Edit(Sample(), "public partial class Neurons;", "public class Neurons;");
        var errors = BuildErrors(source, out var r);
        Assert.True(errors.Select(e => e.Id).OrderBy(i => i, StringComparer.Ordinal).SequenceEqual(new[] { "CS0260", "SPK0001" }), Show(errors));
        Assert.All(errors, e => Assert.Equal("Neurons", source.Substring(e.Location.SourceSpan.Start, e.Location.SourceSpan.Length)));
        Assert.Contains("'Neurons' has SpikeSharp errors (SPK0001).", r.Sources["EINet.Neurons.g.cs"]);
    }

    [Fact]
    public void MissingPartial_OnAProjection_LikewiseTwoErrors()
    {
        string source = Edit(Sample(), "public partial class Inhibitory;", "public class Inhibitory;");
        var errors = BuildErrors(source, out _);
        Assert.True(errors.Select(e => e.Id).OrderBy(i => i, StringComparer.Ordinal).SequenceEqual(new[] { "CS0260", "SPK0001" }), Show(errors));
    }

    [Theory]
    [InlineData("[Population(0)] [Lif]", "SPK0008")]  // placeholder Size = 1: '10 / Size' and 'new int[Size]' still compile
    [InlineData("[Population(-5)] [Lif]", "SPK0008")]
    [InlineData("[Population(10)] [Lif(Tau = 0, VTh = -10)]", "SPK0004")] // several errors (SPK0024 too)
    [InlineData("[Population(10)]", "SPK0006")]      // no neuron model: the Lif members, placeholder values
    [InlineData("[Population(10)] [LifRef(TauRef = -1, VTh = double.NaN)]", "SPK0017")]
    public void InvalidPopulation_UsedByUserCode_OnlySpkErrors(string attributes, string id)
    {
        string source = $$"""
            using SpikeSharp;
            namespace D;
            {{attributes}}
            public partial class P;
            public static class Use
            {
                public static int Run()
                {
                    var p = new P(seed: 1);
                    var a = new int[P.Size];
                    p.Threads = 2;
                    p.UseSimd = false;
                    var s = p.Update(1f);
                    return 10 / P.Size + a.Length + s.Length + p.V.Length + p.StepIndex + (int)p.Dt + (int)P.Tau;
                }
            }
            """;
        var errors = BuildErrors(source, out var r);
        Assert.NotEmpty(errors);
        Assert.True(errors.All(e => e.Id.StartsWith("SPK", StringComparison.Ordinal)), Show(errors));
        Assert.Contains(errors, e => e.Id == id);
        Assert.Contains("throw new global::System.InvalidOperationException(", r.Sources["D.P.g.cs"]);
    }

    [Theory]
    [InlineData("[EventJitFPHomoLinear(10, 100, Prob = 2)] [Expon(Tau = 5)] [Coba(E = 0)]", "SPK0005")]
    [InlineData("[EventJitFPHomoLinear(0, 100, Prob = 0.1)] [Expon(Tau = 5)] [Coba(E = 0)]", "SPK0008")]
    [InlineData("[Expon(Tau = 5)] [Coba(E = 0)]", "SPK0007")] // no comm: placeholder NumIn/NumOut = 1
    [InlineData("[EventJitFPHomoLinear(10, 100, Prob = 0.1)] [Expon(Tau = 5)]", "SPK0007")]
    public void InvalidProjection_UsedByUserCode_OnlySpkErrors(string attributes, string id)
    {
        string source = $$"""
            using SpikeSharp;
            namespace D;
            [HalfProjAlignPostMg(Post = typeof(P))]
            {{attributes}}
            public partial class Proj;
            public static class Use
            {
                public static int Run(P p, SpikeSharp.Spikes s)
                {
                    var e = new Proj(p, 3);
                    var f = new Proj(p);
                    e.Threads = 1;
                    e.Deliver(s);
                    return 100 / Proj.NumIn + 100 / Proj.NumOut + e.Conductance.Length + e.Post.Length + (int)e.Seed + (int)Proj.DefaultSeed + Proj.MergeKey.Length + f.Threads;
                }
            }
            """;
        var errors = BuildErrors(source, out var r, TestModels.SmallPopulation);
        Assert.True(errors.All(e => e.Id.StartsWith("SPK", StringComparison.Ordinal)), Show(errors));
        Assert.Contains(errors, e => e.Id == id);
        Assert.Contains("throw new global::System.InvalidOperationException(", r.Sources["D.Proj.g.cs"]);
    }

    [Fact]
    public void AShellConstructor_Throws_NamingTheTypeAndItsErrors()
    {
        var r = GeneratorHarness.Run(Edit(Sample(), "Tau = 20, TauRef", "Tau = 0, TauRef"));
        Assert.Empty(r.CompileErrors); // the analyzer's SPK0004 aside, the assembly can be built (e.g. with SPK0004 configured off)
        using var pe = new MemoryStream();
        var emit = r.Output.Emit(pe);
        Assert.True(emit.Success, Show(emit.Diagnostics));
        var context = new AssemblyLoadContext("shell", isCollectible: true);
        try
        {
            pe.Position = 0;
            var asm = context.LoadFromStream(pe);
            var network = asm.GetType("EINet.EINetwork", throwOnError: true)!;
            var e = Assert.Throws<TargetInvocationException>(() => Activator.CreateInstance(network, 1UL, (double?)null));
            var inner = Assert.IsType<InvalidOperationException>(e.InnerException);
            Assert.StartsWith("'Neurons' has SpikeSharp errors (SPK0004).", inner.Message, StringComparison.Ordinal);

            var excitatory = asm.GetType("EINet.Excitatory", throwOnError: true)!;
            var ctor = excitatory.GetConstructor(new[] { asm.GetType("EINet.Neurons")!, typeof(ulong) })!;
            var pe2 = Assert.Throws<TargetInvocationException>(() => ctor.Invoke(new object?[] { null, 7UL }));
            Assert.StartsWith("'Excitatory' cannot be built: its post population 'Neurons' has SpikeSharp errors (SPK0004).",
                Assert.IsType<InvalidOperationException>(pe2.InnerException).Message, StringComparison.Ordinal);
            // Constants are compile-time values and stay readable.
            Assert.Equal(4000, asm.GetType("EINet.Neurons")!.GetField("Size")!.GetRawConstantValue());
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>The public surface of a shell is a valid model's (name, kind, type, parameters with defaults, accessors,
    /// const/readonly/static, interfaces), the merged buffers G0, G1, ... aside (they depend on the valid
    /// projections). Guards the shell against drift when a member is added to the emitters and GeneratedMembers.</summary>
    [Fact]
    public void ShellSurface_EqualsAValidModelsPublicSurface()
    {
        var valid = GeneratorHarness.Run(Sample()).Output;
        var shells = GeneratorHarness.Run(Edit(Sample(), "Tau = 20, TauRef", "Tau = 0, TauRef")).Output;
        foreach (var type in new[] { "EINet.Neurons", "EINet.Excitatory", "EINet.Inhibitory" })
        {
            var expected = Surface(valid.GetTypeByMetadataName(type)!);
            var actual = Surface(shells.GetTypeByMetadataName(type)!);
            Assert.True(expected.SequenceEqual(actual),
                type + ": missing in the shell: " + string.Join("; ", expected.Except(actual)) + " | only in the shell: " + string.Join("; ", actual.Except(expected)));
        }
    }

    static List<string> Surface(INamedTypeSymbol type)
    {
        var lines = type.AllInterfaces.Select(i => "interface " + i.ToDisplayString()).ToList();
        foreach (var m in type.GetMembers())
        {
            if (m.IsImplicitlyDeclared) continue;
            bool explicitImpl = m is IMethodSymbol { ExplicitInterfaceImplementations.Length: > 0 };
            if (m.DeclaredAccessibility != Accessibility.Public && !explicitImpl) continue;
            if (m is IFieldSymbol { Name: var g } && g.Length > 1 && g[0] == 'G' && g.Skip(1).All(char.IsDigit)) continue;
            lines.Add(m switch
            {
                IFieldSymbol f => $"field {f.Name}: {f.Type.ToDisplayString()} const={f.IsConst} readonly={f.IsReadOnly} static={f.IsStatic}",
                IPropertySymbol p => $"property {p.Name}: {p.Type.ToDisplayString()} get={p.GetMethod?.DeclaredAccessibility} set={p.SetMethod?.DeclaredAccessibility}",
                IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet } => "",
                IMethodSymbol me => $"method {me.Name}({string.Join(", ", me.Parameters.Select(p => p.Type.ToDisplayString() + " " + p.Name + (p.HasExplicitDefaultValue ? " = " + (p.ExplicitDefaultValue ?? "null") : "")))}): {me.ReturnType.ToDisplayString()} static={me.IsStatic}",
                _ => m.Kind + " " + m.Name,
            });
        }
        return lines.Where(l => l.Length > 0).OrderBy(l => l, StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void Shells_MatchSnapshot()
    {
        var r = GeneratorHarness.Run(Edit(TestModels.Seed, "Tau = 20, TauRef", "Tau = 0, TauRef"),
            """
            using SpikeSharp;
            namespace EINet;
            [HalfProjAlignPostMg(Post = typeof(Neurons))]
            [EventJitFPHomoLinear(0, 4000, Seed = -3)]
            [Expon]
            [Cuba]
            internal partial class Broken;
            """);
        Assert.Empty(r.CompileErrors);
        Assert.Equal(new[] { "EINet.Broken.g.cs", "EINet.Excitatory.g.cs", "EINet.Inhibitory.g.cs", "EINet.Neurons.g.cs" }, r.Sources.Keys.OrderBy(k => k, StringComparer.Ordinal));
        SnapshotAssert.Matches(r.Sources, "Shells");
    }

    [Theory]
    // A member the shell would also declare: no shell (it would not compile); SPK0025 stays the only error.
    [InlineData("public partial class P { public const int Size = 3; }", false)]
    // Not a clash with the shell's members, but still a clash of the real model: no shell either (one rule, SPK0025).
    [InlineData("public partial class P { int __c; public int C => __c; }", false)]
    // A type a shell cannot go into (generic, static, record): nothing, as before.
    [InlineData("public partial class P<T>;", false)]
    [InlineData("public static partial class P;", false)]
    public void NoShell_WhereOneCouldNotCompile(string declaration, bool shell)
    {
        var r = GeneratorHarness.Run("using SpikeSharp;\nnamespace D;\n[Population(10)]\n[Lif(Tau = 0)]\n" + declaration);
        Assert.Equal(shell, r.Sources.ContainsKey("D.P.g.cs"));
        Assert.DoesNotContain(r.CompileErrors, e => e.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("typeof(int)")]          // a struct: not a post a shell names
    [InlineData("typeof(System.Math)")]  // static: CS0721 as a parameter type
    [InlineData("typeof(System.Collections.Generic.List<>)")]
    [InlineData("typeof(Hidden)")]       // less accessible than the projection: CS0051
    public void ProjectionShell_OnlyWithAPostItCanName(string post)
    {
        var r = GeneratorHarness.Run($$"""
            using SpikeSharp;
            namespace D;
            internal class Hidden;
            [HalfProjAlignPostMg(Post = {{post}})]
            [EventJitFPHomoLinear(10, 100, Prob = 0.1)] [Expon] [Coba]
            public partial class Proj;
            """);
        Assert.DoesNotContain("D.Proj.g.cs", r.Sources.Keys);
        Assert.Empty(r.CompileErrors);
    }

    [Fact]
    public void ProjectionShell_OntoAPlainClass_HasThatPost()
    {
        var errors = BuildErrors("""
            using SpikeSharp;
            namespace D;
            public class Plain;
            [HalfProjAlignPostMg(Post = typeof(Plain))]
            [EventJitFPHomoLinear(10, 100, Prob = 0.1)] [Expon] [Coba]
            public partial class Proj;
            public static class Use { public static Plain Run() => new Proj(new Plain(), 1).Post; }
            """, out var r);
        Assert.Equal("SPK0002", One(errors).Id);
        // The parse that reports SPK0002 makes the shell (one parse for the diagnostics and the code), so it names the error.
        Assert.Contains("'Proj' has SpikeSharp errors (SPK0002).", r.Sources["D.Proj.g.cs"]);
    }
}
