using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SpikeSharp.Generator.Model;
using Xunit;

namespace SpikeSharp.Generator.Tests;

/// <summary>SPK0025 (a user member that clashes with a generated one), the drift check of the shared list of
/// generated members against the emitters' real output, and keyword type names (@class).</summary>
public class GeneratedMemberClashTests
{
    const string PopHead = """
        using SpikeSharp;
        namespace D;
        [Population(100)]
        [LifRef(Tau = 20)]
        """;

    const string Pop = PopHead + "public partial class P;\n";

    static string Proj(string body) => $$"""
        using SpikeSharp;
        namespace D;
        [HalfProjAlignPostMg(Post = typeof(P))]
        [EventJitFPHomoLinear(10, 100, Prob = 0.1)]
        [Expon(Tau = 5)]
        [Coba(E = 0)]
        public partial class Proj
        {
        {{body}}
        }
        """;

    /// <summary>One SPK0025 at the marked span with this message; the generator skips the type, so the user's code
    /// compiles without any error in generated code (ours is the only error).</summary>
    static void Clash(string markup, string hint, string message, params string[] others)
    {
        var diags = DiagnosticMarkup.AssertDiagnostics(markup, others);
        var d = Assert.Single(diags);
        Assert.Equal("SPK0025", d.Id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal(message, d.GetMessage());
        var (source, _) = DiagnosticMarkup.Parse(markup);
        var r = GeneratorHarness.Run(new[] { source }.Concat(others).ToArray());
        Assert.DoesNotContain(hint, r.Sources.Keys);
        Assert.Empty(r.CompileErrors);
    }

    /// <summary>The twin: nothing reported (also by the analyzer over the compilation that includes the generated
    /// code, as in a real build), the type is generated and everything compiles.</summary>
    static void Valid(string source, string hint, params string[] others)
    {
        var sources = new[] { source }.Concat(others).ToArray();
        Assert.Empty(GeneratorHarness.Analyze(sources));
        var r = GeneratorHarness.Run(sources);
        Assert.Empty(r.CompileErrors);
        Assert.Contains(hint, r.Sources.Keys);
        Assert.Empty(GeneratorHarness.Analyze(r.Output));
    }

    [Fact]
    public void ConstSize_OnPopulation_SPK0025()
    {
        Clash(PopHead + "public partial class P { public const int {|SPK0025:Size|} = 3; }", "D.P.g.cs",
            "Field 'Size' clashes with 'public const int Size', which SpikeSharp generates in population 'P'; rename or remove it");
        Valid(PopHead + "public partial class P { public const int Size2 = 3; }", "D.P.g.cs");
    }

    [Fact]
    public void FieldV_AndLifRefOnlyMembers_SPK0025()
    {
        Clash(PopHead + "public partial class P { public int[] {|SPK0025:V|} = new int[1]; }", "D.P.g.cs",
            "Field 'V' clashes with 'public readonly float[] V', which SpikeSharp generates in population 'P'; rename or remove it");
        // TauRef is generated for LifRef only: on a Lif population it is the user's.
        Valid(PopHead.Replace("[LifRef(Tau = 20)]", "[Lif(Tau = 20)]") + "public partial class P { public const double TauRef = 1; }", "D.P.g.cs");
        Clash(PopHead + "public partial class P { public const double {|SPK0025:TauRef|} = 1; }", "D.P.g.cs",
            "Field 'TauRef' clashes with 'public const double TauRef', which SpikeSharp generates in population 'P'; rename or remove it");
    }

    [Fact]
    public void MergedBufferNames_AreReservedForEveryIndex_SPK0025()
    {
        // P has no projection at all (no G0 emitted), yet G7 is reserved: adding projections must not create a clash.
        Clash(PopHead + "public partial class P { public double {|SPK0025:G7|}; }", "D.P.g.cs",
            "Field 'G7' clashes with 'public readonly float[] G7', which SpikeSharp generates in population 'P'; rename or remove it");
        Valid(PopHead + "public partial class P { public double G01, Gx, G; }", "D.P.g.cs");
    }

    [Fact]
    public void UpdateMethod_SameParameterTypes_SPK0025_OtherOverloadIsValid()
    {
        Clash(PopHead + "public partial class P { public void {|SPK0025:Update|}(float x) { } }", "D.P.g.cs",
            "Method 'Update(float)' clashes with 'public global::SpikeSharp.Spikes Update(float input)', which SpikeSharp generates in population 'P'; rename or remove it");
        Valid(PopHead + "public partial class P { public void Update(double x) { } public void Update(ref float x) { } public int Update<T>(float x) => 0; }", "D.P.g.cs");
        Clash(PopHead + "public partial class P { public int {|SPK0025:Update|} => 0; }", "D.P.g.cs",
            "Property 'Update' clashes with 'public global::SpikeSharp.Spikes Update(float input)', which SpikeSharp generates in population 'P'; rename or remove it");
    }

    [Fact]
    public void PerNeuronUpdateOverload_SameParameterTypes_SPK0025()
    {
        Clash(PopHead + "public partial class P { public void {|SPK0025:Update|}(float a, System.ReadOnlySpan<float> b, int c) { } }", "D.P.g.cs",
            "Method 'Update(float, System.ReadOnlySpan<float>, int)' clashes with 'public global::SpikeSharp.Spikes Update(float input, global::System.ReadOnlySpan<float> current, int offset = 0)', which SpikeSharp generates in population 'P'; rename or remove it");
        Valid(PopHead + "public partial class P { public void Update(float a, float[] b) { } public void Update(float a, System.ReadOnlySpan<float> b) { } }", "D.P.g.cs");
    }

    [Fact]
    public void PopulationConstructor_SameSignature_SPK0025()
    {
        Clash(PopHead + "public partial class P { public {|SPK0025:P|}(ulong s, double? d) { } }", "D.P.g.cs",
            "Constructor 'P(ulong, double?)' clashes with 'public P(ulong seed = 0, double? dt = null)', which SpikeSharp generates in population 'P'; rename or remove it");
        Valid(PopHead + "public partial class P { public P(int n) : this((ulong)n) { } }", "D.P.g.cs");
    }

    [Fact]
    public void PrimaryConstructor_SPK0025()
    {
        Clash(PopHead + "public partial class P{|SPK0025:(int n)|};", "D.P.g.cs",
            "Primary constructor 'P(int n)' clashes with 'public P(ulong seed = 0, double? dt = null)', which SpikeSharp generates in population 'P'; rename or remove it");
    }

    [Fact]
    public void TypeNamedLikeAGeneratedMember_SPK0025()
    {
        Clash(PopHead + "public partial class {|SPK0025:V|};", "D.V.g.cs",
            "Type name 'V' clashes with 'public readonly float[] V', which SpikeSharp generates in population 'V'; rename or remove it");
    }

    [Fact]
    public void ProjectionMembers_SPK0025()
    {
        Clash(Proj("public long {|SPK0025:Seed|};"), "D.Proj.g.cs",
            "Field 'Seed' clashes with 'public ulong Seed', which SpikeSharp generates in projection 'Proj'; rename or remove it", Pop);
        Clash(Proj("public void {|SPK0025:Deliver|}(global::SpikeSharp.Spikes s) { }"), "D.Proj.g.cs",
            "Method 'Deliver(SpikeSharp.Spikes)' clashes with 'public void Deliver(global::SpikeSharp.Spikes spikes)', which SpikeSharp generates in projection 'Proj'; rename or remove it", Pop);
        Clash(Proj("public {|SPK0025:Proj|}(P p, ulong s) { }"), "D.Proj.g.cs",
            "Constructor 'Proj(D.P, ulong)' clashes with 'public Proj(global::D.P post, ulong seed)', which SpikeSharp generates in projection 'Proj'; rename or remove it", Pop);
        Valid(Proj("public Proj(P p, long s) : this(p, (ulong)s) { } public void Deliver(int x) { } public int NumIn2, Size, V;"), "D.Proj.g.cs", Pop);
    }

    // ---- the shared list matches what the emitters emit ----

    static HashSet<string> EmittedMembers(Compilation output, string metadataName)
    {
        var type = output.GetTypeByMetadataName(metadataName)!;
        Assert.NotNull(type);
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in type.GetMembers())
        {
            if (m.IsImplicitlyDeclared || m is IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet }) continue;
            if (!m.DeclaringSyntaxReferences.All(r => r.SyntaxTree.FilePath.Contains("SpikeSharpGenerator", StringComparison.Ordinal))) continue;
            set.Add(Key(GeneratedMembers.NameOf(m), m is IMethodSymbol me ? me.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).ToArray() : null));
        }
        return set;
    }

    static string Key(string name, string[]? parameters) => parameters is null ? name : name + "(" + string.Join(",", parameters) + ")";

    [Theory]
    [InlineData("LifRef(Tau = 20)", 2, "Expon(Tau = 5)")]
    [InlineData("Lif(Tau = 20)", 0, "Expon(Tau = 5)")]
    [InlineData("Lif(Tau = 20)", 3, "Expon(Tau = 5)")]
    [InlineData("Izhikevich", 1, "Expon(Tau = 5)")]
    [InlineData("AdExIF", 2, "DualExponV2(TauDecay = 5)")]
    [InlineData("ExpIF", 1, "DualExponV2(TauDecay = 5)")]
    public void GeneratedMemberList_EqualsThePopulationEmittersOutput(string model, int groups, string synapse)
    {
        var sources = new List<string> { PopHead.Replace("[LifRef(Tau = 20)]", $"[{model}]") + "public partial class P;" };
        for (int g = 0; g < groups; g++)
            sources.Add(Proj("").Replace("class Proj", "class Proj" + g).Replace("[Expon(Tau = 5)]", "[" + synapse.Replace("5", (5 + g).ToString(System.Globalization.CultureInfo.InvariantCulture)) + "]"));
        var r = GeneratorHarness.Run(sources.ToArray());
        Assert.Empty(r.CompileErrors);
        var emitted = EmittedMembers(r.Output, "D.P");
        var def = SpikeSharp.Generator.Model.Definitions.Catalogue.Neuron(model.Split('(')[0]);
        var syn = SpikeSharp.Generator.Model.Definitions.Catalogue.Synapse(synapse.Split('(')[0]);
        var listed = GeneratedMembers.Population("P", def).Select(m => Key(m.Name, m.Parameters)).ToHashSet();
        for (int g = 0; g < groups; g++)
        {
            foreach (var name in syn.Arrays.Select(a => a.Name + g).Concat(syn.Derived.Select(d => "__" + d.Name + g)))
            {
                Assert.NotNull(GeneratedMembers.IndexedPopulationMember(name)); // reserved whatever the groups (SPK0025)
                listed.Add(name);
            }
        }
        // Constants the lowering hoists out of the step (__k0, …) are reserved by prefix, like the group members.
        foreach (var e in emitted)
            if (e.StartsWith("__k", StringComparison.Ordinal) && GeneratedMembers.IndexedPopulationMember(e) is not null) listed.Add(e);
        Assert.True(listed.SetEquals(emitted),
            "Emitted but not in GeneratedMembers: " + string.Join(", ", emitted.Except(listed)) + "; listed but not emitted: " + string.Join(", ", listed.Except(emitted)));
    }

    [Fact]
    public void GeneratedMemberList_EqualsTheProjectionEmittersOutput()
    {
        var r = GeneratorHarness.Run(Proj(""), Pop);
        Assert.Empty(r.CompileErrors);
        var emitted = EmittedMembers(r.Output, "D.Proj");
        var listed = GeneratedMembers.Projection("Proj", "global::D.P", SpikeSharp.Generator.Model.Definitions.Synapses.Expon).Select(m => Key(m.Name, m.Parameters)).ToHashSet();
        Assert.True(listed.SetEquals(emitted),
            "Emitted but not in GeneratedMembers: " + string.Join(", ", emitted.Except(listed)) + "; listed but not emitted: " + string.Join(", ", listed.Except(emitted)));
    }

    // ---- keyword type names ----

    [Fact]
    public void KeywordTypeAndNamespaceNames_GenerateCompilableCode_WithStableHintNames()
    {
        const string source = """
            using SpikeSharp;
            namespace @event.@namespace;
            [Population(100)]
            [LifRef(Tau = 20)]
            public partial class @class;

            public partial class @static
            {
                [HalfProjAlignPostMg(Post = typeof(@class))]
                [EventJitFPHomoLinear(10, 100, Prob = 0.1)]
                [Expon(Tau = 5)]
                [Coba(E = 0)]
                public partial class @event;
            }

            public static class Use
            {
                public static int Run()
                {
                    var pop = new @class(seed: 1);
                    var proj = new @static.@event(pop);
                    proj.Deliver(new global::SpikeSharp.Spikes(new int[] { 0, 3 }, 10));
                    return pop.Update(0f).Count + (int)(proj.Conductance[0] * 0);
                }
            }
            """;
        Assert.Empty(GeneratorHarness.Analyze(source));
        var r = GeneratorHarness.Run(source);
        Assert.Empty(r.CompileErrors);
        Assert.Equal(new[] { "event.namespace.class.g.cs", "event.namespace.static.event.g.cs" }, r.Sources.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Contains("partial class @class", r.Sources["event.namespace.class.g.cs"]);
        Assert.Contains("public @event(global::@event.@namespace.@class post, ulong seed)", r.Sources["event.namespace.static.event.g.cs"]);
        Assert.Empty(r.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.Contains("SpikeSharpGenerator", StringComparison.Ordinal) == true));
    }
}

/// <summary>The member lists of the newer families (CSR with and without per-synapse weights, the dense comms, the
/// uniform/normal JIT comms, own-synapse and delta projections, PoissonInput, [Network], posts of delta and align-pre
/// projections) against what their emitters emit, and SPK0025 for a user member with one of those names.</summary>
public class GeneratedMemberFamilyTests
{
    const string Pops = """
        using SpikeSharp;
        namespace D;
        [Population(100)] [LifRef(Tau = 20)] public partial class P;
        [Population(50)] [LifRef(Tau = 20)] public partial class Q;
        """;

    static string Key(string name, string[]? parameters) => parameters is null ? name : name + "(" + string.Join(",", parameters) + ")";

    static HashSet<string> Emitted(Compilation output, string metadataName)
    {
        var type = output.GetTypeByMetadataName(metadataName);
        Assert.NotNull(type);
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in type!.GetMembers())
        {
            if (m.IsImplicitlyDeclared || m is IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet }) continue;
            if (!m.DeclaringSyntaxReferences.All(r => r.SyntaxTree.FilePath.Contains("SpikeSharpGenerator", StringComparison.Ordinal))) continue;
            set.Add(Key(GeneratedMembers.NameOf(m), m is IMethodSymbol me ? me.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).ToArray() : null));
        }
        return set;
    }

    static void AssertSame(IEnumerable<GeneratedMembers.Member> listedMembers, HashSet<string> emitted)
    {
        var listed = listedMembers.Select(m => Key(m.Name, m.Parameters)).ToHashSet();
        Assert.True(listed.SetEquals(emitted),
            "Emitted but not in GeneratedMembers: " + string.Join(", ", emitted.Except(listed)) + "; listed but not emitted: " + string.Join(", ", listed.Except(emitted)));
    }

    public static TheoryData<string, string> Projections() => new()
    {
        { "[FullProjAlignPostMg(Pre = typeof(Q), Post = typeof(P))] [EventCSRLinear(50, 100, Prob = 0.1)] [Expon(Tau = 5)] [Coba(E = 0)]", "csr full" },
        { "[HalfProjAlignPostMg(Post = typeof(P))] [EventCSRLinear(50, 100, Prob = 0.1, WLow = 0.1, WHigh = 0.2)] [Expon(Tau = 5)] [Coba(E = 0)]", "csr uniform" },
        { "[HalfProjAlignPostMg(Post = typeof(P))] [EventCSRLinear(50, 100, Prob = 0.1, WMu = 0.1, WSigma = 0.2)] [Expon(Tau = 5)] [Coba(E = 0)]", "csr normal" },
        { "[FullProjAlignPostMg(Pre = typeof(P), Post = typeof(P))] [AllToAll(100, 100, Weight = 0.1)] [Expon(Tau = 5)] [Coba(E = 0)]", "alltoall" },
        { "[HalfProjAlignPostMg(Post = typeof(P))] [OneToOne(100, Weight = 0.1)] [Expon(Tau = 5)] [Coba(E = 0)]", "onetoone" },
        { "[HalfProjAlignPostMg(Post = typeof(P))] [EventJitFPUniformLinear(50, 100, Prob = 0.1, WLow = 0.1, WHigh = 0.2)] [Expon(Tau = 5)] [Coba(E = 0)]", "jit uniform" },
        { "[FullProjAlignPostMg(Pre = typeof(Q), Post = typeof(P))] [EventJitFPNormalLinear(50, 100, Prob = 0.1, WMu = 0.1, WSigma = 0.2)] [Expon(Tau = 5)] [Coba(E = 0)]", "jit normal" },
        { "[FullProjAlignPost(Pre = typeof(Q), Post = typeof(P))] [EventCSRLinear(50, 100, Prob = 0.1)] [Expon(Tau = 5)] [Coba(E = 0)]", "own csr" },
        { "[HalfProjAlignPost(Post = typeof(P))] [OneToOne(100, Weight = 0.1)] [Expon(Tau = 5)] [Coba(E = 0)]", "own dense" },
        { "[FullProjDelta(Pre = typeof(Q), Post = typeof(P))] [EventCSRLinear(50, 100, Prob = 0.1)]", "delta csr" },
        { "[HalfProjDelta(Post = typeof(P))] [EventJitFPHomoLinear(50, 100, Prob = 0.1)]", "delta jit" },
    };

    [Theory]
    [MemberData(nameof(Projections))]
    public void ProjectionMemberList_EqualsTheEmittersOutput(string attributes, string family)
    {
        var r = GeneratorHarness.Run($"using SpikeSharp;\nnamespace D;\n{attributes}\npublic partial class X;\n", Pops);
        Assert.Empty(r.CompileErrors);
        bool full = attributes.Contains("Pre = typeof(", StringComparison.Ordinal);
        string? pre = !full ? null : attributes.Contains("Pre = typeof(Q)", StringComparison.Ordinal) ? "global::D.Q" : "global::D.P";
        CsrWeights? weights = family.EndsWith("uniform", StringComparison.Ordinal) ? new(false, 0.1, 0.2, double.NaN, double.NaN)
            : family.EndsWith("normal", StringComparison.Ordinal) ? new(true, 0.1, 0.2, double.NaN, double.NaN) : null;
        var comm = new CommSpec(50, 100, 0.1, 1, 0,
            Csr: family.Contains("csr", StringComparison.Ordinal) ? new CsrSpec(0, 0, false, true, weights) : null,
            Alt: family switch
            {
                "alltoall" => new AltComm("AllToAll", 0, 0, true),
                "onetoone" or "own dense" => new AltComm("OneToOne", 0, 0, true),
                "jit uniform" => new AltComm("EventJitFPUniformLinear", 0.1, 0.2, true),
                "jit normal" => new AltComm("EventJitFPNormalLinear", 0.1, 0.2, true),
                _ => null,
            });
        var listed = GeneratedMembers.Projection("X", "global::D.P", SpikeSharp.Generator.Model.Definitions.Synapses.Expon, pre, comm,
            ownSynapse: family.StartsWith("own", StringComparison.Ordinal), delta: family.StartsWith("delta", StringComparison.Ordinal));
        AssertSame(listed, Emitted(r.Output, "D.X"));
    }

    /// <summary>Every value comm, as written and as the spec the parser makes of it (only the names of the members matter).</summary>
    public static TheoryData<string, string, string> ValueProjections()
    {
        var data = new TheoryData<string, string, string>();
        string[] comms =
        {
            "CSRLinear(50, 100, Prob = 0.1)", "CSRLinear(50, 100, Prob = 0.1, WLow = 0.1, WHigh = 0.2)", "CSRLinear(50, 100, Prob = 0.1, WMu = 0.1, WSigma = 0.2, WMin = 0)",
            "JitFPHomoLinear(50, 100, Prob = 0.1)", "JitFPUniformLinear(50, 100, Prob = 0.1, WLow = 0.1, WHigh = 0.2)", "JitFPNormalLinear(50, 100, Prob = 0.1, WMu = 0.1, WSigma = 0.2)",
            "AllToAll(50, 100, Weight = 0.1, IncludeSelf = false)", "OneToOne(100, Weight = 0.1)",
        };
        foreach (var comm in comms)
            foreach (var kind in new[] { "FullProjAlignPreDSMg", "FullProjAlignPreSDMg", "VanillaProj" })
                data.Add(kind, comm, kind == "VanillaProj" ? "[Cuba]" : "[Nmda] [MgBlock]");
        return data;
    }

    static CommSpec ValueSpec(string comm)
    {
        string kind = comm.Split('(')[0];
        bool uniform = comm.Contains("WLow", StringComparison.Ordinal), normal = comm.Contains("WMu", StringComparison.Ordinal);
        int numIn = kind == "OneToOne" ? 100 : 50;
        if (kind == "CSRLinear")
            return new CommSpec(numIn, 100, 0.1, 1, 0, Csr: new CsrSpec(0, 0, false, true,
                uniform ? new CsrWeights(false, 0.1, 0.2, double.NaN, double.NaN) : normal ? new CsrWeights(true, 0.1, 0.2, 0, double.NaN) : null)) { NonEvent = true };
        return new CommSpec(numIn, 100, 0.1, 0.1, 0, Alt: new AltComm(kind, 0.1, 0.2, true)) { NonEvent = kind.StartsWith("Jit", StringComparison.Ordinal) };
    }

    [Theory]
    [MemberData(nameof(ValueProjections))]
    public void ValueProjectionMemberLists_EqualTheEmittersOutput(string role, string comm, string parts)
    {
        string pre = role == "VanillaProj" ? "" : comm.StartsWith("OneToOne", StringComparison.Ordinal) ? "Pre = typeof(P), " : "Pre = typeof(Q), ";
        string source = $"using SpikeSharp;\nnamespace D;\n[{role}({pre}Post = typeof(P))] [{comm}] {parts}\npublic partial class Prj; // not X: a state of Nmda\n";
        Assert.Empty(GeneratorHarness.Analyze(source, Pops));
        var r = GeneratorHarness.Run(source, Pops);
        Assert.Empty(r.CompileErrors);
        var spec = ValueSpec(comm);
        var listed = role == "VanillaProj"
            ? GeneratedMembers.VanillaProjection("Prj", "global::D.P", spec)
            : GeneratedMembers.AlignPreProjection("Prj", "global::D.P", pre.Contains("(P)", StringComparison.Ordinal) ? "global::D.P" : "global::D.Q",
                SpikeSharp.Generator.Model.Definitions.Catalogue.Synapse("Nmda"), spec);
        var emitted = Emitted(r.Output, "D.Prj");
        // Constants the synapse lowering hoists out of the step (__k1, …) are reserved by prefix, like a population's.
        if (role != "VanillaProj") Assert.Equal(2, emitted.RemoveWhere(e => GeneratedMembers.AlignPreReservedMember(e) is not null));
        AssertSame(listed, emitted);
    }

    [Fact]
    public void UserMembersNamedLikeValueCommMembers_SPK0025_OnlyWhereTheCommHasThem()
    {
        const string head = "using SpikeSharp;\nnamespace D;\n";
        // A JIT value comm's skip table, and the seed-taking constructor of an align-pre projection whose comm draws.
        Clash(head + "[FullProjAlignPreSDMg(Pre = typeof(Q), Post = typeof(P))] [JitFPNormalLinear(50, 100, Prob = 0.1, WMu = 0.1, WSigma = 0.01)] [Nmda] [MgBlock]\n"
            + "public partial class Aj { object {|SPK0025:__skips|}; }", "D.Aj.g.cs",
            "Field '__skips' clashes with 'readonly global::SpikeSharp.GeometricSkips __skips', which SpikeSharp generates in projection 'Aj'; rename or remove it", Pops);
        Clash(head + "[FullProjAlignPreDSMg(Pre = typeof(Q), Post = typeof(P))] [CSRLinear(50, 100, Prob = 0.1)] [Nmda] [MgBlock]\n"
            + "public partial class Ac { public {|SPK0025:Ac|}(Q q, P p, SpikeDelay d, ulong s) { } }", "D.Ac.g.cs",
            "Constructor 'Ac(D.Q, D.P, SpikeSharp.SpikeDelay, ulong)' clashes with 'public Ac(global::D.Q pre, global::D.P post, global::SpikeSharp.SpikeDelay preDelay, ulong seed)', which SpikeSharp generates in projection 'Ac'; rename or remove it", Pops);
        // The hoisted constants of the synapse step, reserved for every index (Nmda has two here; __k7 would be a third's).
        Clash(head + "[FullProjAlignPreDSMg(Pre = typeof(Q), Post = typeof(P))] [CSRLinear(50, 100, Prob = 0.1)] [Nmda] [MgBlock]\n"
            + "public partial class Ak { float {|SPK0025:__k1|}; float __k01, __kx; public float Get() => __k1 + __k01 + __kx; }", "D.Ak.g.cs",
            "Field '__k1' clashes with 'readonly float __k1', which SpikeSharp generates in projection 'Ak'; rename or remove it", Pops);
        Clash(head + "[FullProjAlignPreDSMg(Pre = typeof(Q), Post = typeof(P))] [CSRLinear(50, 100, Prob = 0.1)] [Nmda] [MgBlock]\n"
            + "public partial class Ak { float {|SPK0025:__k7|}; public float Get() => __k7; }", "D.Ak.g.cs",
            "Field '__k7' clashes with 'readonly float __k7', which SpikeSharp generates in projection 'Ak'; rename or remove it", Pops);
        // The constructor taking a shared synapse state (a comm without a seed): its nullable parameter type is matched too.
        Clash(head + "[FullProjAlignPreDSMg(Pre = typeof(P), Post = typeof(P))] [AllToAll(100, 100, Weight = 0.1)] [Nmda] [MgBlock]\n"
            + "public partial class As { public {|SPK0025:As|}(P q, P p, SpikeDelay d, PreSynapseState? s) { } }", "D.As.g.cs",
            "Constructor 'As(D.P, D.P, SpikeSharp.SpikeDelay, SpikeSharp.PreSynapseState?)' clashes with 'public As(global::D.P pre, global::D.P post, global::SpikeSharp.SpikeDelay preDelay, global::SpikeSharp.PreSynapseState? shared)', which SpikeSharp generates in projection 'As'; rename or remove it", Pops);
        // A dense value comm draws nothing and is not split over post blocks here: those names are the user's.
        var ok = GeneratorHarness.Run(head + "[FullProjAlignPreDSMg(Pre = typeof(P), Post = typeof(P))] [OneToOne(100, Weight = 0.5)] [Nmda] [MgBlock]\n"
            + "public partial class Ad { object __skips; public Ad(P q, P p, SpikeDelay d, ulong s) : this(q, p, d, null) { __skips = s; } public const int Seed = 1, Matrix = 2, WLow = 3; public object Get() => __skips; }", Pops);
        Assert.Empty(ok.CompileErrors);
        Assert.Contains("D.Ad.g.cs", ok.Sources.Keys);
    }

    [Fact]
    public void PoissonAndNetworkMemberLists_EqualTheEmittersOutput()
    {
        var r = GeneratorHarness.Run("""
            using SpikeSharp;
            namespace D;
            [PoissonInput(Target = typeof(P), Variable = "V", NumInput = 20, Freq = 10, Weight = 1)] public partial class Drive;
            [Network] public partial class Net { public P p; public Drive d; }
            """, Pops);
        Assert.Empty(r.CompileErrors);
        AssertSame(GeneratedMembers.Poisson("Drive", "global::D.P"), Emitted(r.Output, "D.Drive"));
        var net = Emitted(r.Output, "D.Net");
        net.RemoveWhere(n => n.StartsWith("__delay_", StringComparison.Ordinal)); // one per pre population, reserved by prefix
        AssertSame(GeneratedMembers.Network("Net", userUpdate: false), net);
    }

    [Fact]
    public void PostOfDeltaAndAlignPreProjections_MembersAreReserved()
    {
        var r = GeneratorHarness.Run("""
            using SpikeSharp;
            namespace D;
            [FullProjDelta(Pre = typeof(Q), Post = typeof(P))] [EventCSRLinear(50, 100, Prob = 0.1)] public partial class Dq;
            [FullProjAlignPreDSMg(Pre = typeof(Q), Post = typeof(P))] [CSRLinear(50, 100, Prob = 0.1)] [Nmda] [MgBlock] public partial class Aq;
            [FullProjAlignPreDSMg(Pre = typeof(Q), Post = typeof(P))] [CSRLinear(50, 100, Prob = 0.2)] [Ampa] [Coba(E = 0)] public partial class Bq;
            """, Pops);
        Assert.Empty(r.CompileErrors);
        var emitted = Emitted(r.Output, "D.P");
        var listed = GeneratedMembers.Population("P", SpikeSharp.Generator.Model.Definitions.Catalogue.Neuron("LifRef")).Select(m => Key(m.Name, m.Parameters)).ToHashSet();
        var extra = emitted.Except(listed).ToList();
        Assert.Contains("Delta", extra);
        Assert.Contains("C0", extra);
        Assert.Contains("C1", extra);
        foreach (var name in extra) Assert.True(GeneratedMembers.IndexedPopulationMember(name) is not null, name + " is generated but not reserved");
    }

    static void Clash(string markup, string hint, string message, params string[] others)
    {
        var d = Assert.Single(DiagnosticMarkup.AssertDiagnostics(markup, others));
        Assert.Equal("SPK0025", d.Id);
        Assert.Equal(message, d.GetMessage());
        var (source, _) = DiagnosticMarkup.Parse(markup);
        var r = GeneratorHarness.Run(new[] { source }.Concat(others).ToArray());
        Assert.DoesNotContain(hint, r.Sources.Keys);
        Assert.Empty(r.CompileErrors);
    }

    [Fact]
    public void NewerGeneratedMembers_AreSPK0025_NotCompilerErrors()
    {
        const string head = "using SpikeSharp;\nnamespace D;\n";
        Clash(head + "[HalfProjAlignPostMg(Post = typeof(P))] [EventJitFPUniformLinear(50, 100, Prob = 0.1, WLow = 0.1, WHigh = 0.2)] [Expon(Tau = 5)] [Coba(E = 0)]\n"
            + "public partial class X { public const float {|SPK0025:WLow|} = 1; }", "D.X.g.cs",
            "Field 'WLow' clashes with 'public const float WLow', which SpikeSharp generates in projection 'X'; rename or remove it", Pops);
        Clash(head + "[HalfProjAlignPostMg(Post = typeof(P))] [EventCSRLinear(50, 100, Prob = 0.1, WMu = 0.1, WSigma = 0.2, WMax = 1)] [Expon(Tau = 5)] [Coba(E = 0)]\n"
            + "public partial class X { int {|SPK0025:WMax|}; }", "D.X.g.cs",
            "Field 'WMax' clashes with 'public const float WMax', which SpikeSharp generates in projection 'X'; rename or remove it", Pops);
        Clash(head + "[HalfProjAlignPostMg(Post = typeof(P))] [EventCSRLinear(50, 100, Prob = 0.1, WLow = 0.1, WHigh = 0.2)] [Expon(Tau = 5)] [Coba(E = 0)]\n"
            + "public partial class X { float[] {|SPK0025:__w|} = new float[1]; }", "D.X.g.cs",
            "Field '__w' clashes with 'readonly float[] __w', which SpikeSharp generates in projection 'X'; rename or remove it", Pops);
        Clash(head + "[HalfProjAlignPostMg(Post = typeof(P))] [AllToAll(100, 100, Weight = 0.1)] [Expon(Tau = 5)] [Coba(E = 0)]\n"
            + "public partial class X { bool {|SPK0025:IncludeSelf|}; }", "D.X.g.cs",
            "Field 'IncludeSelf' clashes with 'public const bool IncludeSelf', which SpikeSharp generates in projection 'X'; rename or remove it", Pops);
        Clash(head + "[Population(100)] [LifRef(Tau = 20)] public partial class P { public float[] {|SPK0025:C0|} = new float[1]; }", "D.P.g.cs",
            "Field 'C0' clashes with 'public readonly float[] C0', which SpikeSharp generates in population 'P'; rename or remove it",
            "using SpikeSharp;\nnamespace D;\n[Population(50)] [LifRef(Tau = 20)] public partial class Q;\n"
            + "[FullProjAlignPreDSMg(Pre = typeof(Q), Post = typeof(P))] [CSRLinear(50, 100, Prob = 0.1)] [Ampa] [Coba(E = 0)] public partial class Aq;");
        Clash(head + "[Population(100)] [LifRef(Tau = 20)] public partial class P { public float[] {|SPK0025:Delta|} = new float[1]; }", "D.P.g.cs",
            "Field 'Delta' clashes with 'public readonly float[] Delta', which SpikeSharp generates in population 'P'; rename or remove it");
        Clash(head + "[Network] public partial class Net { public P p; static System.ArgumentException {|SPK0025:__Unknown|}(string s) => null!; }", "SpikeSharp.Network.D.Net.g.cs",
            "Method '__Unknown(string)' clashes with 'static global::System.ArgumentException __Unknown(string population)', which SpikeSharp generates in network 'Net'; rename or remove it",
            Pops);
        // Align-pre and VanillaProj: the comm's members come from its value lowering, so per-synapse CSRLinear weights are reserved...
        Clash(head + "[FullProjAlignPreDSMg(Pre = typeof(Q), Post = typeof(P))] [CSRLinear(50, 100, Prob = 0.1, WLow = 0.01, WHigh = 0.09)] [Nmda] [MgBlock]\n"
            + "public partial class Aw { float[] {|SPK0025:__w|} = new float[1]; }", "D.Aw.g.cs",
            "Field '__w' clashes with 'readonly float[] __w', which SpikeSharp generates in projection 'Aw'; rename or remove it", Pops);
        Clash(head + "[VanillaProj(Post = typeof(P))] [CSRLinear(50, 100, Prob = 0.1, WMu = 0.05, WSigma = 0.01, WMin = 0)] [Cuba]\n"
            + "public partial class Vw { const int {|SPK0025:WMin|} = 0; }", "D.Vw.g.cs",
            "Field 'WMin' clashes with 'public const float WMin', which SpikeSharp generates in projection 'Vw'; rename or remove it", Pops);
        // ...and a homogeneous one leaves them (and a dense comm its seed names) to the user.
        var okPre = GeneratorHarness.Run(head + "[FullProjAlignPreDSMg(Pre = typeof(Q), Post = typeof(P))] [CSRLinear(50, 100, Prob = 0.1)] [Nmda] [MgBlock]\n"
            + "public partial class Aw { public const float WLow = 1; float[] __w = new float[1]; public float Get() => __w[0] + WLow; }\n"
            + "[VanillaProj(Post = typeof(P))] [OneToOne(100, Weight = 2)] [Cuba] public partial class Vd { public ulong Seed => 3; }", Pops);
        Assert.Empty(okPre.CompileErrors);
        Assert.Contains("D.Aw.g.cs", okPre.Sources.Keys);
        Assert.Contains("D.Vd.g.cs", okPre.Sources.Keys);
        // The twins: the same names on a family that does not generate them are the user's.
        var ok = GeneratorHarness.Run(head + "[HalfProjAlignPostMg(Post = typeof(P))] [EventCSRLinear(50, 100, Prob = 0.1)] [Expon(Tau = 5)] [Coba(E = 0)]\n"
            + "public partial class X { public const float WLow = 1, WMu = 2; bool IncludeSelf; float[] C0 = new float[1]; public bool Get() => IncludeSelf && C0.Length > 0; }", Pops);
        Assert.Empty(ok.CompileErrors);
        Assert.Contains("D.X.g.cs", ok.Sources.Keys);
    }
}
