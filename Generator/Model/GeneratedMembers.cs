using System;
using System.Collections.Generic;
using System.Linq;

namespace SpikeSharp.Generator.Model;

/// <summary>
/// The members SpikeSharp generates into a user's partial class: the one list the parser checks user members against
/// (SPK0025) and that <c>GeneratedMembersTests</c> compares, member for member, with what
/// <see cref="Emit.PopulationEmitter"/> and <see cref="Emit.ProjectionEmitter"/> actually emit, so the two cannot
/// drift. A member added to an emitter must be added here (the test names it); <see cref="Emit.ShellEmitter"/> then
/// gives shells (invalid models) the public ones too, with a <c>default</c> value for a new constant until
/// <see cref="ShellSpec"/> knows a better one (ShellTests compares a shell's public surface with a valid model's).
/// </summary>
internal static class GeneratedMembers
{
    /// <summary>A generated member. <see cref="Parameters"/> is null for a non-method; for a method or constructor
    /// (Name ".ctor") the parameter types in <c>SymbolDisplayFormat.FullyQualifiedFormat</c>, so a user overload
    /// with other parameter types does not clash (C# allows it) but one with the same types does (CS0111).</summary>
    public sealed record Member(string Name, string[]? Parameters, string Declaration);

    public const string Constructor = ".ctor";

    /// <summary>Explicit implementation of <c>IParallelWork.Execute</c>, as Roslyn names the method symbol.</summary>
    public const string ParallelExecute = "SpikeSharp.IParallelWork.Execute";

    /// <summary>Prefixes of the per-merge-group members: <c>G0, G1, …</c> (public buffers) and <c>__d0, __d1, …</c>
    /// (decays). Every index is reserved, whatever the number of groups, so adding a projection elsewhere cannot
    /// turn a valid user member into a clash.</summary>
    public static readonly string[] IndexedPopulationPrefixes = IndexedPrefixes();

    /// <summary>Every synapse definition's arrays (public, <c>G</c>, <c>GRise</c>, …) and derived constants (<c>__d</c>,
    /// <c>__dRise</c>, …), and <c>__k</c>, the constants the lowering hoists out of a step. Longest first, so that
    /// "GRise0" is read as GRise + 0, not G + "Rise0".</summary>
    static string[] IndexedPrefixes()
    {
        var list = new List<string> { "__k" };
        // Align-post synapses (merged groups) and the post side of an align-pre projection (C0, C1, …: one per projection).
        foreach (var syn in new[] { Definitions.PreSynapses.CommInput }.Concat(Definitions.Synapses.All))
        {
            foreach (var a in syn.Arrays) if (!list.Contains(a.Name)) list.Add(a.Name);
            foreach (var d in syn.Derived) if (!list.Contains("__" + d.Name)) list.Add("__" + d.Name);
        }
        list.Sort(static (a, b) => b.Length != a.Length ? b.Length.CompareTo(a.Length) : string.CompareOrdinal(a, b));
        return list.ToArray();
    }

    /// <summary>The name a member is compared by: its name, or for an explicit interface implementation
    /// "Interface.Method" whatever the syntax (<c>IParallelWork.Execute</c> or <c>global::SpikeSharp.IParallelWork.Execute</c>).</summary>
    public static string NameOf(Microsoft.CodeAnalysis.ISymbol member) =>
        member is Microsoft.CodeAnalysis.IMethodSymbol { ExplicitInterfaceImplementations: { Length: > 0 } impls }
            ? impls[0].ContainingType.OriginalDefinition.ToDisplayString() + "." + impls[0].Name
            : member.Name;

    const string Span = "global::System.ReadOnlySpan<float>";

    /// <summary>The members of a population of neuron model <paramref name="model"/> (Lif's when unknown: a shell of
    /// a population without a model gets Lif's public surface): the definition's parameters (constants), states (arrays),
    /// derived constants and refractoriness, then the step template's members. Per-merge-group and hoisted constants
    /// are indexed (<see cref="IndexedPopulationPrefixes"/>).</summary>
    public static IReadOnlyList<Member> Population(string typeName, Definitions.NeuronDef? model)
    {
        var def = model ?? Definitions.Neurons.Lif;
        var m = new List<Member> { new("Size", null, "public const int Size") };
        foreach (var p in def.Params)
        {
            if (p.Storage == Definitions.Storage.Float) m.Add(new(p.Name, null, "public const float " + p.Name));
            else if (p.Storage == Definitions.Storage.Double) m.Add(new(p.Name, null, "public const double " + p.Name));
        }
        foreach (var st in def.States) m.Add(new(st.Name, null, "public readonly float[] " + st.Name));
        m.Add(new("LastSpikeStep", null, "public readonly int[] LastSpikeStep"));
        m.Add(new("Dt", null, "public readonly double Dt"));
        if (def.Refractory is not null) m.Add(new("RefractorySteps", null, "public readonly int RefractorySteps"));
        foreach (var d in def.Derived) m.Add(new("__" + d.Name, null, "readonly float __" + d.Name));
        m.AddRange(new Member[]
        {
            new("__spikes", null, "readonly int[] __spikes"),
            new("__partCounts", null, "readonly int[] __partCounts"),
            new("__spikeCount", null, "int __spikeCount"),
            new("__step", null, "int __step"),
            new("__threads", null, "int __threads"),
            new("__input", null, "float __input"),
            new("__ext", null, "float[]? __ext"),
            new("__extLo", null, "int __extLo"),
            new("__extLength", null, "int __extLength"),
            new("Threads", null, "public int Threads"),
            new("UseSimd", null, "public bool UseSimd"),
            new(Constructor, new[] { "ulong", "double?" }, $"public {typeName}(ulong seed = 0, double? dt = null)"),
            new("Length", null, "public int Length"),
            new("StepIndex", null, "public int StepIndex"),
            new("Time", null, "public double Time"),
            new("Spike", null, "public global::SpikeSharp.Spikes Spike"),
            new("Update", new[] { "float" }, "public global::SpikeSharp.Spikes Update(float input)"),
            new(ParallelExecute, new[] { "int", "int" }, "void global::SpikeSharp.IParallelWork.Execute(int part, int parts)"),
            new("Update", new[] { "float", Span, "int" }, "public global::SpikeSharp.Spikes Update(float input, global::System.ReadOnlySpan<float> current, int offset = 0)"),
            new("__UpdateRange", new[] { "int", "int", "float", "int" }, "int __UpdateRange(int lo, int hi, float input, int step)"),
            new("__UpdateRangeExt", new[] { "int", "int", "float", Span, "int", "int" }, "int __UpdateRangeExt(int lo, int hi, float input, global::System.ReadOnlySpan<float> ext, int extLo, int step)"),
            new("__UpdateRangeX", new[] { "int", "int", "float", Span, "int" }, "int __UpdateRangeX(int lo, int hi, float input, global::System.ReadOnlySpan<float> ext, int step)"),
        });
        return m;
    }

    /// <summary>Which part of a comm's members <see cref="CommMembers"/> gives: the emitters write each part at its own place
    /// (constants with the projection's, fields before and after the parallel bookkeeping, properties after <c>Threads</c>,
    /// <c>Seed</c>/<c>StreamId</c> after <c>Post</c>).</summary>
    enum CommPart { Constants, Fields, LateFields, Properties, SeedProperties }

    /// <summary>The members comm <paramref name="plan"/> owns on its projection, from its lowering alone, as the emitters write them:
    /// <see cref="CommPart.Constants"/> is <c>ProjectionEmitter.EmitCommConstants</c> (Prob when it has one, the weight constants,
    /// DefaultSeed and DefaultStreamId when it draws); the other parts are the plan's fields, late fields and properties, and the
    /// Seed/StreamId properties of a comm that draws.</summary>
    static IEnumerable<Member> CommMembers(Lowering.CommPlan plan, CommPart part)
    {
        switch (part)
        {
            case CommPart.Constants:
                if (plan.ProbDoc is not null) yield return new("Prob", null, "public const double Prob");
                foreach (var c in plan.Constants) yield return new(c.Name, null, $"public const {c.Type} {c.Name}");
                if (plan.NeedsSeed)
                {
                    yield return new("DefaultSeed", null, "public const ulong DefaultSeed");
                    yield return new("DefaultStreamId", null, "public const ulong DefaultStreamId");
                }
                break;
            case CommPart.Fields:
                foreach (var f in plan.Fields) yield return new(f.Name, null, f.Declaration);
                break;
            case CommPart.LateFields:
                foreach (var f in plan.LateFields) yield return new(f.Name, null, f.Declaration);
                break;
            case CommPart.Properties:
                foreach (var pr in plan.Properties) yield return new(pr.Name, null, pr.Declaration);
                break;
            case CommPart.SeedProperties:
                if (plan.NeedsSeed)
                {
                    yield return new("Seed", null, "public ulong Seed");
                    yield return new("StreamId", null, "public ulong StreamId");
                }
                break;
        }
    }

    /// <summary>The comm of an align-post projection whose comm is unknown: the JIT homo comm's members.</summary>
    static readonly CommSpec UnknownEventComm = new(1, 1, 0.5, 1, 0);

    /// <summary>The comm of an align-pre projection or VanillaProj whose comm is unknown: CSRLinear's (FixedProb) members.</summary>
    static readonly CommSpec UnknownValueComm = new(1, 1, 0.5, 1, 0, Csr: new CsrSpec(0, 0, false, true)) { NonEvent = true };

    /// <summary>The projection's members; <paramref name="postType"/> is the post population's fully qualified name
    /// (null when unknown: then the constructors are matched by name only if their parameter count fits);
    /// <paramref name="preType"/>: a FullProjAlignPostMg's pre population (fully qualified; "?" when unknown), null for a Half projection.</summary>
    public static IReadOnlyList<Member> Projection(string typeName, string? postType, Definitions.SynapseDef? synapse = null, string? preType = null, CommSpec? comm = null,
        bool ownSynapse = false, bool delta = false, SynSpec? plasticity = null)
    {
        string post = postType ?? "?";
        var syn = synapse ?? Definitions.Synapses.Expon;
        // The comm's own members come from its lowering (the emitter writes exactly those); unknown: the JIT homo comm's.
        var cp = (comm is null ? null : Lowering.CommLowering.Lower(comm, eventForm: true, typeName))
            ?? Lowering.CommLowering.Lower(UnknownEventComm, eventForm: true, typeName)!;
        // In the emitters' order (shells write them in this order).
        var m = new List<Member> { new("NumIn", null, "public const int NumIn"), new("NumOut", null, "public const int NumOut") };
        m.AddRange(CommMembers(cp, CommPart.Constants));
        m.Add(new("MergeKey", null, "public const string MergeKey"));
        m.AddRange(CommMembers(cp, CommPart.Fields));
        bool parallel = cp.Parts != Lowering.CommParts.None;
        if (parallel)
        {
            m.Add(new("__pre", null, "readonly int[] __pre"));
            m.Add(new("__preCount", null, "int __preCount"));
            m.Add(new("__threads", null, "int __threads"));
        }
        m.AddRange(CommMembers(cp, CommPart.LateFields));
        if (parallel) m.Add(new("Threads", null, "public int Threads"));
        m.AddRange(CommMembers(cp, CommPart.Properties));
        m.Add(new("Post", null, $"public {post} Post"));
        m.AddRange(CommMembers(cp, CommPart.SeedProperties));
        m.Add(new("Deliver", new[] { "global::SpikeSharp.Spikes" }, "public void Deliver(global::SpikeSharp.Spikes spikes)"));
        if (parallel) m.Add(new(ParallelExecute, new[] { "int", "int" }, "void global::SpikeSharp.IParallelWork.Execute(int part, int parts)"));
        int tail = parallel ? 2 : 1; // constructors go before Deliver (and Execute)
        if (ownSynapse) m.Insert(0, new("__decay", null, "readonly float __decay"));
        if (plasticity is not null)
        {
            // [Std]/[Stp] scaling the events (ProjectionEmitter.EmitPlasticityFields).
            var sp = Lowering.PreSynapseLowering.Lower(plasticity);
            foreach (var a in sp.Arrays)
            {
                m.Add(new(Emit.ProjectionEmitter.PlasticityField(a), null, "readonly float[] " + Emit.ProjectionEmitter.PlasticityField(a)));
                m.Add(new("Plasticity" + a, null, "public global::System.ReadOnlySpan<float> Plasticity" + a));
            }
            foreach (var c in sp.Constants) m.Add(new(Emit.ProjectionEmitter.PlasticityField(c.Name), null, "readonly float " + Emit.ProjectionEmitter.PlasticityField(c.Name)));
            m.Add(new("__spike", null, "readonly float[] __spike"));
            m.Add(new("__release", null, "readonly float[] __release"));
            m.Add(new("PlasticityU", null, "public const float PlasticityU"));
            m.Add(new("Release", null, "public global::System.ReadOnlySpan<float> Release"));
            m.Add(new("__WriteState", new[] { "global::SpikeSharp.NetworkStateWriter", "string" }, "internal void __WriteState(global::SpikeSharp.NetworkStateWriter state, string part)"));
            m.Add(new("__ReadState", new[] { "global::SpikeSharp.NetworkStateReader", "string" }, "internal void __ReadState(global::SpikeSharp.NetworkStateReader state, string part)"));
        }
        if (preType is null)
        {
            m.Insert(m.Count - tail, new(Constructor, new[] { post }, $"public {typeName}({post} post)"));
            if (cp.NeedsSeed)
            {
                m.Insert(m.Count - tail, new(Constructor, new[] { post, "ulong" }, $"public {typeName}({post} post, ulong seed)"));
                m.Insert(m.Count - tail, new(Constructor, new[] { post, "ulong", "ulong" }, $"public {typeName}({post} post, ulong seed, ulong streamId)"));
            }
        }
        else
        {
            const string delay = "global::SpikeSharp.SpikeDelay";
            m.Insert(m.Count - tail, new("Pre", null, $"public {preType} Pre"));
            m.Insert(m.Count - tail, new("PreDelay", null, $"public {delay} PreDelay"));
            m.Insert(m.Count - tail, new("DelaySteps", null, "public int DelaySteps"));
            m.Insert(m.Count - tail, new(Constructor, new[] { preType, post, delay }, $"public {typeName}({preType} pre, {post} post, {delay} preDelay)"));
            if (cp.NeedsSeed)
            {
                m.Insert(m.Count - tail, new(Constructor, new[] { preType, post, delay, "ulong" }, $"public {typeName}({preType} pre, {post} post, {delay} preDelay, ulong seed)"));
                m.Insert(m.Count - tail, new(Constructor, new[] { preType, post, delay, "ulong", "ulong" }, $"public {typeName}({preType} pre, {post} post, {delay} preDelay, ulong seed, ulong streamId)"));
            }
            m.Add(new("Update", new string[0], "public void Update()"));
        }
        int k = 0;
        foreach (var a in syn.Arrays)
        {
            if (!a.ReceivesEvents) continue;
            string field = ProjectionBufferField(k++);
            m.Add(new(field, null, "readonly float[] " + field));
            m.Add(new(a.ProjectionMember, null, "public global::System.ReadOnlySpan<float> " + a.ProjectionMember));
        }
        return m;
    }

    /// <summary>The comm of a value projection (align-pre, VanillaProj), lowered: unknown (or, against the parser's contract,
    /// an event comm, which the lowering gives no value form): CSRLinear's.</summary>
    static Lowering.CommPlan ValuePlan(CommSpec? comm, string typeName) =>
        (comm is null ? null : Lowering.CommLowering.Lower(comm, eventForm: false, typeName))
        ?? Lowering.CommLowering.Lower(UnknownValueComm, eventForm: false, typeName)!;

    /// <summary>A VanillaProj's members (<c>AlignPreEmitter.EmitVanilla</c>, in its order); the comm's from its value lowering.</summary>
    public static IReadOnlyList<Member> VanillaProjection(string typeName, string? postType, CommSpec? comm = null)
    {
        string post = postType ?? "?";
        var cp = ValuePlan(comm, typeName);
        var m = new List<Member> { new("NumIn", null, "public const int NumIn"), new("NumOut", null, "public const int NumOut") };
        m.AddRange(CommMembers(cp, CommPart.Constants));
        m.Add(new("MergeKey", null, "public const string MergeKey"));
        m.Add(new("__postInput", null, "readonly float[] __postInput"));
        m.Add(new("__values", null, "readonly float[] __values"));
        m.AddRange(CommMembers(cp, CommPart.Fields));
        m.Add(new("__threads", null, "int __threads"));
        m.Add(new("Threads", null, "public int Threads"));
        m.AddRange(CommMembers(cp, CommPart.Properties));
        m.Add(new("Post", null, $"public {post} Post"));
        m.AddRange(CommMembers(cp, CommPart.SeedProperties));
        m.Add(new("Input", null, "public global::System.ReadOnlySpan<float> Input"));
        m.Add(new(Constructor, new[] { post }, $"public {typeName}({post} post)"));
        if (cp.NeedsSeed)
        {
            m.Add(new(Constructor, new[] { post, "ulong" }, $"public {typeName}({post} post, ulong seed)"));
            m.Add(new(Constructor, new[] { post, "ulong", "ulong" }, $"public {typeName}({post} post, ulong seed, ulong streamId)"));
        }
        m.Add(new("Update", new[] { "global::System.ReadOnlySpan<float>" }, "public void Update(global::System.ReadOnlySpan<float> values)"));
        if (cp.Parts != Lowering.CommParts.None) m.Add(new(ParallelExecute, new[] { "int", "int" }, "void global::SpikeSharp.IParallelWork.Execute(int part, int parts)"));
        return m;
    }

    /// <summary>An align-pre projection's members (FullProjAlignPreDSMg / SDMg, <c>AlignPreEmitter</c>, in its order); the comm's
    /// from its value lowering; <paramref name="synapse"/> null when unknown (then only the members every synapse has).</summary>
    public static IReadOnlyList<Member> AlignPreProjection(string typeName, string? postType, string? preType, Definitions.SynapseDef? synapse, CommSpec? comm = null)
    {
        string post = postType ?? "?", pre = preType ?? "?";
        const string delay = "global::SpikeSharp.SpikeDelay", state = "global::SpikeSharp.PreSynapseState";
        var cp = ValuePlan(comm, typeName);
        var m = new List<Member> { new("NumIn", null, "public const int NumIn"), new("NumOut", null, "public const int NumOut") };
        m.AddRange(CommMembers(cp, CommPart.Constants));
        m.Add(new("SynapseKey", null, "public const string SynapseKey"));
        m.Add(new("MergeKey", null, "public const string MergeKey"));
        m.Add(new("__postInput", null, "readonly float[] __postInput"));
        m.AddRange(CommMembers(cp, CommPart.Fields));
        if (synapse is not null) foreach (var d in synapse.Derived) m.Add(new("__" + d.Name, null, "readonly float __" + d.Name));
        m.AddRange(new Member[]
        {
            new("__spikeInput", null, "readonly float[] __spikeInput"),
            new("__readValue", null, "global::System.ReadOnlyMemory<float> __readValue"),
            new("__synapseParts", null, "readonly __SynapseParts __synapseParts"),
            new("__threads", null, "int __threads"),
            new("UseSimd", null, "public bool UseSimd"),
            new("Threads", null, "public int Threads"),
        });
        m.AddRange(CommMembers(cp, CommPart.Properties));
        m.Add(new("Pre", null, $"public {pre} Pre"));
        m.Add(new("Post", null, $"public {post} Post"));
        m.Add(new("PreDelay", null, $"public {delay} PreDelay"));
        m.Add(new("DelaySteps", null, "public int DelaySteps"));
        m.AddRange(CommMembers(cp, CommPart.SeedProperties));
        m.Add(new("Synapse", null, $"public {state} Synapse"));
        m.Add(new("OwnsSynapse", null, "public bool OwnsSynapse"));
        if (synapse is not null) foreach (var a in synapse.Arrays) m.Add(new(a.ProjectionMember, null, "public global::System.ReadOnlySpan<float> " + a.ProjectionMember));
        m.Add(new("Input", null, "public global::System.ReadOnlySpan<float> Input"));
        m.Add(new(Constructor, new[] { pre, post, delay }, $"public {typeName}({pre} pre, {post} post, {delay} preDelay)"));
        if (cp.NeedsSeed)
        {
            m.Add(new(Constructor, new[] { pre, post, delay, "ulong" }, $"public {typeName}({pre} pre, {post} post, {delay} preDelay, ulong seed)"));
            m.Add(new(Constructor, new[] { pre, post, delay, "ulong", "ulong", state }, $"public {typeName}({pre} pre, {post} post, {delay} preDelay, ulong seed, ulong streamId, {state}? shared)"));
        }
        else m.Add(new(Constructor, new[] { pre, post, delay, state }, $"public {typeName}({pre} pre, {post} post, {delay} preDelay, {state}? shared)"));
        m.AddRange(new Member[]
        {
            new("UpdateSynapse", new string[0], "public void UpdateSynapse()"),
            new("__SynapseRange", new[] { "int", "int" }, "void __SynapseRange(int lo, int hi)"),
            new("__SynapseParts", null, "sealed class __SynapseParts"),
            new("Update", new string[0], "public void Update()"),
        });
        if (cp.Parts != Lowering.CommParts.None) m.Add(new(ParallelExecute, new[] { "int", "int" }, "void global::SpikeSharp.IParallelWork.Execute(int part, int parts)"));
        m.Add(new("__WriteState", new[] { "global::SpikeSharp.NetworkStateWriter", "string" }, "internal void __WriteState(global::SpikeSharp.NetworkStateWriter state, string part)"));
        m.Add(new("__ReadState", new[] { "global::SpikeSharp.NetworkStateReader", "string" }, "internal void __ReadState(global::SpikeSharp.NetworkStateReader state, string part)"));
        return m;
    }

    /// <summary>For an align-pre projection: the constant <paramref name="name"/> stands for when it is one the synapse lowering
    /// hoists out of the step (<c>__k1</c>, <c>__k2</c>, …; "readonly float __k1"), or null. Reserved for every index, as the
    /// population's, so that a synapse parameter's value cannot turn a valid user member into a compiler error.</summary>
    public static Member? AlignPreReservedMember(string name) =>
        IsIndexed(name, "__k") ? new Member(name, null, "readonly float " + name) : null;

    /// <summary>Whether <paramref name="name"/> is <paramref name="prefix"/> followed by a canonical index ("G0", "G12", not "G01").</summary>
    static bool IsIndexed(string name, string prefix)
    {
        if (name.Length <= prefix.Length || !name.StartsWith(prefix, StringComparison.Ordinal)) return false;
        string digits = name.Substring(prefix.Length);
        if (digits.Length > 9 || (digits.Length > 1 && digits[0] == '0')) return false;
        foreach (char ch in digits) if (ch < '0' || ch > '9') return false;
        return true;
    }

    /// <summary>The members of a [Network] (<c>Update(float)</c> only when the class does not write its own).</summary>
    /// <param name="userValues">Whether a VanillaProj member is fed by the user (no <c>[VanillaInput]</c>): then <c>ValuesOf</c>.</param>
    public static IReadOnlyList<Member> Network(string typeName, bool userUpdate, bool userValues = false)
    {
        const string spikes = "global::SpikeSharp.Spikes";
        var m = new List<Member>
        {
            new(Constructor, new[] { "ulong", "double?" }, $"public {typeName}(ulong seed = 0, double? dt = null)"),
            new("Dt", null, "public double Dt"),
            new("Size", null, "public int Size"),
            new("PopulationNames", null, "public static global::System.Collections.Generic.IReadOnlyList<string> PopulationNames"),
            new("Spike", null, $"public {spikes} Spike"),
            new("SpikesOf", new[] { "string" }, $"public {spikes} SpikesOf(string population)"),
            new("OffsetOf", new[] { "string" }, "public int OffsetOf(string population)"),
            new("SpikeSource", new[] { "string" }, $"public global::System.Func<{spikes}> SpikeSource(string population)"),
            new("UpdateProjections", new string[0], "public void UpdateProjections()"),
            new("UpdatePopulations", new[] { "float" }, "public void UpdatePopulations(float input)"),
            new("UpdateDelays", new string[0], "public void UpdateDelays()"),
            new("Step", new[] { "float" }, $"public {spikes} Step(float input)"),
            new("StepIndex", null, "public int StepIndex"),
            new("Save", new[] { "string" }, "public void Save(string path)"),
            new("Load", new[] { "string" }, "public void Load(string path)"),
            new("__all", null, "readonly int[] __all"),
            new("__Unknown", new[] { "string" }, "static global::System.ArgumentException __Unknown(string population)"),
        };
        if (!userUpdate) m.Add(new("Update", new[] { "float" }, $"public {spikes} Update(float input)"));
        if (userValues) m.Add(new("ValuesOf", new[] { "string" }, "public global::System.Span<float> ValuesOf(string vanilla)"));
        return m;
    }

    /// <summary>A network's per-member fields, reserved by prefix whatever follows (so adding a member cannot turn a valid
    /// user field into a compiler error): <c>__delay_&lt;pre&gt;</c>, the spike delay of a pre population, and
    /// <c>__vin_&lt;vanilla&gt;</c>, the values a VanillaProj member is handed.</summary>
    public static Member? NetworkPrefixedMember(string name)
    {
        if (name.Length > NetworkDelayPrefix.Length && name.StartsWith(NetworkDelayPrefix, StringComparison.Ordinal))
            return new Member(name, null, "readonly global::SpikeSharp.SpikeDelay " + name);
        if (name.Length > NetworkValuesPrefix.Length && name.StartsWith(NetworkValuesPrefix, StringComparison.Ordinal))
            return new Member(name, null, "readonly float[] " + name);
        return null;
    }

    /// <summary>Prefix of a network's spike delay fields (<see cref="NetworkPrefixedMember"/>).</summary>
    public const string NetworkDelayPrefix = "__delay_";
    /// <summary>Prefix of a network's VanillaProj value buffers (<see cref="NetworkPrefixedMember"/>).</summary>
    public const string NetworkValuesPrefix = "__vin_";

    /// <summary>The members of a [PoissonInput].</summary>
    public static IReadOnlyList<Member> Poisson(string typeName, string targetType) => new List<Member>
    {
        new("NumInput", null, "public const int NumInput"),
        new("Freq", null, "public const double Freq"),
        new("Weight", null, "public const float Weight"),
        new("DefaultStreamId", null, "public const ulong DefaultStreamId"),
        new("Target", null, $"public {targetType} Target"),
        new("Input", null, "public global::SpikeSharp.PoissonInput Input"),
        new(Constructor, new[] { targetType, "ulong" }, $"public {typeName}({targetType} target, ulong seed)"),
        new("Update", new string[0], "public void Update()"),
    };

    /// <summary>The members of a [PoissonGroup] (<c>PoissonGroupEmitter</c>).</summary>
    public static IReadOnlyList<Member> PoissonGroup(string typeName) => new List<Member>
    {
        new("Size", null, "public const int Size"),
        new("DefaultFreqs", null, "public const double DefaultFreqs"),
        new("DefaultStreamId", null, "public const ulong DefaultStreamId"),
        new("__group", null, "readonly global::SpikeSharp.PoissonGroup __group"),
        new("Seed", null, "public ulong Seed"),
        new("Dt", null, "public double Dt"),
        new("Length", null, "public int Length"),
        new("Freqs", null, "public double Freqs"),
        new("Probability", null, "public double Probability"),
        new("StepIndex", null, "public int StepIndex"),
        new("Spike", null, "public global::SpikeSharp.Spikes Spike"),
        new(Constructor, new[] { "ulong", "double?" }, $"public {typeName}(ulong seed = 0, double? dt = null)"),
        new("Update", new string[0], "public global::SpikeSharp.Spikes Update()"),
        new("__WriteState", new[] { "global::SpikeSharp.NetworkStateWriter", "string" }, "internal void __WriteState(global::SpikeSharp.NetworkStateWriter state, string part)"),
        new("__ReadState", new[] { "global::SpikeSharp.NetworkStateReader", "string" }, "internal void __ReadState(global::SpikeSharp.NetworkStateReader state, string part)"),
    };

    /// <summary>The projection's reference to the k-th post array its events go to: <c>__g</c>, <c>__g1</c>, ….</summary>
    public static string ProjectionBufferField(int k) => k == 0 ? "__g" : "__g" + k;

    /// <summary>For a population: the per-group member <paramref name="name"/> stands for (G7 → "public readonly
    /// float[] G7"), or null. Only canonical indices ("G0", "G12", not "G01") are generated.</summary>
    public static Member? IndexedPopulationMember(string name)
    {
        // The post of a delta projection (HalfProjDelta / FullProjDelta) has a Delta array: reserved like the group members,
        // so that adding a delta projection elsewhere cannot turn a valid user member into a compiler error.
        if (name == Lowering.StepLowering.DeltaArray) return new Member(name, null, "public readonly float[] " + name);
        foreach (var prefix in IndexedPopulationPrefixes)
        {
            if (!IsIndexed(name, prefix)) continue;
            return new Member(name, null, prefix.StartsWith("__", StringComparison.Ordinal) ? "readonly float " + name : "public readonly float[] " + name);
        }
        return null;
    }
}
