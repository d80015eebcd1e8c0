using System.Collections.Generic;
using System.Linq;
using SpikeSharp.Generator.Helpers;
using SpikeSharp.Generator.Model;
using static SpikeSharp.Generator.Emit.EmitHelpers;

namespace SpikeSharp.Generator.Emit;

/// <summary>
/// Emits a [Network]: the constructor (member k in declaration order gets <c>seed + k</c>; one spike delay per pre
/// population of a Full projection, grown by each projection's entry), <c>Dt</c> and <c>Size</c>, the three phases of
/// BrainPy's <c>DynSysGroup.update</c> (projections, populations, delays) and <c>Step</c> = the three in that order,
/// <c>Update</c> = <c>Step</c> unless the class writes its own, the spikes of the network (populations concatenated in
/// declaration order) and of each population by name, and Save/Load of the whole state. A network with a member
/// that has no valid model gets members that throw.
/// </summary>
internal static class NetworkEmitter
{
    public static string Emit(NetworkPlan2 plan)
    {
        var spec = plan.Spec;
        var w = new IndentedWriter();
        var pops = plan.Members.Where(static m => m.Member.Kind == MemberKind.Population).ToList();
        var projs = plan.Members.Where(static m => m.Member.Kind != MemberKind.Population).ToList();
        projs = projs.Where(static m => m.Member.Kind != MemberKind.PoissonGroup).ToList();
        var groups = plan.Members.Where(static m => m.Member.Kind == MemberKind.PoissonGroup).ToList();
        // Sources: populations and Poisson groups, in declaration order (phase 2 steps them; either can be a Full projection's pre).
        var sources = plan.Members.Where(static m => m.Member.Kind is MemberKind.Population or MemberKind.PoissonGroup).ToList();
        var vanillas = plan.Members.Where(static m => m.Member.Kind == MemberKind.Vanilla).ToList();
        var buffered = vanillas.Where(static m => m.Member.InputMember is null || m.Member.InputState is null).ToList();
        var userFed = vanillas.Where(static m => m.Member.InputMember is null).ToList();
        var pres = sources.Where(p => projs.Any(q => q.Member.Kind == MemberKind.FullProjection && q.Member.Pre == p.Member.Type)).ToList();
        long total = 0;
        foreach (var p in pops) total += p.Size;
        bool valid = plan.Invalid.Length == 0 && total <= int.MaxValue;
        string summary = "Network (BrainPy <c>DynSysGroup</c>) of " + string.Join(", ", plan.Members.Select(m => XmlText(m.Member.Field))) + "."
            + (valid ? "" : " Placeholder: " + XmlText(InvalidMessage(plan)));
        var closers = Open(w, spec.Type, summary, Rt + "ISpikingNetwork");
        string gc = GeneratedCode(plan.GeneratorVersion);
        string name = Identifiers.Escape(spec.Type.Name);
        const string spikes = Rt + "Spikes";

        if (!valid)
        {
            string fail = "throw new global::System.InvalidOperationException(" + Literals.String(InvalidMessage(plan)) + ")";
            foreach (var m in GeneratedMembers.Network(name, spec.UserUpdate, userFed.Count > 0))
            {
                if (!m.Declaration.StartsWith("public ", System.StringComparison.Ordinal)) continue;
                w.Line("/// <summary>Placeholder: the network has members with errors (see the type's summary).</summary>");
                w.Line(gc);
                w.Line($"{m.Declaration} => {fail};");
            }
            Close(closers);
            return w.ToString();
        }

        foreach (var p in pres)
            w.Line($"readonly {Rt}SpikeDelay {DelayField(p.Member)}; // delay of {p.Member.Field}'s spikes, shared by " +
                   string.Join(", ", projs.Where(q => q.Member.Kind == MemberKind.FullProjection && q.Member.Pre == p.Member.Type).Select(q => q.Member.Field + " (" + q.DelayText + ")")));
        foreach (var v in buffered)
            w.Line($"readonly float[] {ValuesField(v.Member)}; // " + (v.Member.InputMember is null
                ? $"the values {v.Member.Field} is handed each step, filled by the user (ValuesOf({Literals.String(v.Member.Field)}))"
                : $"{v.Member.InputMember}'s spikes of the last step as 0/1, handed to {v.Member.Field}"));
        w.Line("readonly int[] __all; // the network's spikes of the last step, populations concatenated");
        w.Line();
        w.Line("/// <summary>Time step (ms) every member was built with.</summary>");
        w.Line("public double Dt { get; }");
        w.Line("/// <summary>Number of neurons of all populations together (" + string.Join(" + ", pops.Select(p => XmlText(p.Member.Field) + " " + p.Size)) + ").</summary>");
        w.Line($"public int Size => {Literals.Int(total)};");
        w.Line("/// <summary>The population members, in declaration order (the order of <see cref=\"Spike\"/>'s index ranges).</summary>");
        w.Line($"public static global::System.Collections.Generic.IReadOnlyList<string> PopulationNames {{ get; }} = new string[] {{ {string.Join(", ", pops.Select(p => Literals.String(p.Member.Field)))} }};");
        w.Line("/// <summary>Steps taken so far (of the first population; every population steps together in <see cref=\"Step\"/>).</summary>");
        w.Line($"public int StepIndex => {F(pops[0].Member)}.StepIndex;");
        w.Line();

        w.Line("/// <summary>Builds every member: member k in declaration order (" + string.Join(", ", plan.Members.Select((m, k) => XmlText(m.Member.Field) + " " + k)) + ")");
        w.Line("/// gets seed + k (its initial state for a population, its connectivity for a projection), and every population the same dt.</summary>");
        w.Line("/// <param name=\"seed\">Seed of the whole network.</param>");
        w.Line($"/// <param name=\"dt\">Time step in ms; <see cref=\"{Rt}Simulation.Dt\"/> when null.</param>");
        w.Line(gc);
        using (w.Block($"public {name}(ulong seed = 0, double? dt = null)"))
        {
            w.Line($"double __dt = {Rt}Simulation.ResolveDt(dt);");
            for (int k = 0; k < plan.Members.Length; k++)
            {
                var m = plan.Members[k].Member;
                string s = k == 0 ? "seed" : $"unchecked(seed + {k}UL)";
                switch (m.Kind)
                {
                    case MemberKind.Population:
                    case MemberKind.PoissonGroup:
                        w.Line($"{F(m)} = new {m.Type}({s}, __dt);");
                        if (pres.Any(p => p.Member.Type == m.Type)) w.Line($"{DelayField(m)} = new {Rt}SpikeDelay({m.Type}.Size, 0);");
                        break;
                    case MemberKind.PoissonInput:
                        w.Line($"{F(m)} = new {m.Type}({F(PopOf(plan, m.Post!))}, {s});");
                        break;
                    case MemberKind.HalfProjection:
                        w.Line(plan.Members[k].NeedsSeed ? $"{F(m)} = new {m.Type}({F(PopOf(plan, m.Post!))}, {s});" : $"{F(m)} = new {m.Type}({F(PopOf(plan, m.Post!))}); // nothing drawn: no seed");
                        break;
                    case MemberKind.Vanilla:
                        w.Line(plan.Members[k].NeedsSeed ? $"{F(m)} = new {m.Type}({F(PopOf(plan, m.Post!))}, {s});" : $"{F(m)} = new {m.Type}({F(PopOf(plan, m.Post!))}); // nothing drawn: no seed");
                        if (buffered.Any(v => v.Member == m)) w.Line($"{ValuesField(m)} = new float[{m.Type}.NumIn];");
                        break;
                    default:
                        var pre = PopOf(plan, m.Pre!);
                        // A comm that draws nothing (AllToAll, OneToOne) takes no seed; the seed offsets k stay those of the members.
                        string seedArgs = plan.Members[k].NeedsSeed ? $", {s}" : "";
                        if (SynapseOwner(plan, plan.Members[k]) is { } owner && owner != plan.Members[k])
                            w.Line($"{F(m)} = new {m.Type}({F(pre)}, {F(PopOf(plan, m.Post!))}, {DelayField(pre)}{(plan.Members[k].NeedsSeed ? $", {s}, {m.Type}.DefaultStreamId" : "")}, {F(owner.Member)}.Synapse); // merged synapse ({XmlText(owner.PreSynapseKey!)})");
                        else
                            w.Line($"{F(m)} = new {m.Type}({F(pre)}, {F(PopOf(plan, m.Post!))}, {DelayField(pre)}{seedArgs});");
                        break;
                }
            }
            w.Line($"Dt = {Rt}Network.CommonDt({string.Join(", ", sources.Select(p => $"({Literals.String(p.Member.Field)}, {F(p.Member)}.Dt)"))});");
            w.Line($"__all = new int[{Literals.Int(total)}];");
            w.Line("// Compile the step methods now, not inside the first timed step (each member compiles its own in its constructor).");
            w.Line($"{Rt}Warmup.Compile(new global::System.Action(this.UpdateProjections));");
            w.Line($"{Rt}Warmup.Compile(new global::System.Action<float>(this.UpdatePopulations));");
            w.Line($"{Rt}Warmup.Compile(new global::System.Action(this.UpdateDelays));");
            w.Line($"{Rt}Warmup.Compile(new global::System.Func<float, {spikes}>(this.Step));");
        }
        w.Line();
        w.Line("/// <summary>Phase 1 of BrainPy's <c>DynSysGroup.update</c>: every Full projection, in declaration order, reads its pre's delayed");
        w.Line("/// spikes and delivers them into its post's merged buffer, " + (vanillas.Count == 0 ? "" : "every VanillaProj writes comm(x) of its input into its post buffer, ") + "and every Poisson input adds its draws"
            + " (Half projections are fed by a hand-written Update).</summary>");
        w.Line(gc);
        using (w.Block("public void UpdateProjections()"))
            foreach (var q in projs.Where(static q => q.Member.Kind is MemberKind.FullProjection or MemberKind.PoissonInput or MemberKind.Vanilla))
            {
                var m = q.Member;
                if (m.Kind != MemberKind.Vanilla) w.Line($"{F(m)}.Update();");
                else if (m.InputMember is null) w.Line($"{F(m)}.Update({ValuesField(m)}); // the user's values (ValuesOf({Literals.String(m.Field)}))");
                else if (m.InputState is not null) w.Line($"{F(m)}.Update(this.{Identifiers.Escape(m.InputMember)}.{Identifiers.Escape(m.InputState)}); // {m.InputMember}.{m.InputState} after the last step");
                else
                {
                    w.Line($"this.{Identifiers.Escape(m.InputMember)}.Spike.CopyToFloats({ValuesField(m)}); // {m.InputMember}'s spikes of the last step as 0/1");
                    w.Line($"{F(m)}.Update({ValuesField(m)});");
                }
            }
        w.Line();
        w.Line(groups.Count == 0
            ? "/// <summary>Phase 2: every population, in declaration order, steps with external current <paramref name=\"input\"/>.</summary>"
            : "/// <summary>Phase 2: every population (with external current <paramref name=\"input\"/>) and every Poisson group (at its current Freqs), in declaration order.</summary>");
        w.Line("/// <param name=\"input\">External current of every neuron.</param>");
        w.Line(gc);
        using (w.Block("public void UpdatePopulations(float input)"))
            foreach (var p in sources) w.Line(p.Member.Kind == MemberKind.PoissonGroup ? $"{F(p.Member)}.Update();" : $"{F(p.Member)}.Update(input);");
        w.Line();
        var alignPre = projs.Where(static q => q.PreSynapseKey is not null).ToList();
        if (alignPre.Count == 0) w.Line("/// <summary>Phase 3: every pre population's delay stores the spikes of this step.</summary>");
        else
        {
            w.Line("/// <summary>Phase 3: every align-pre synapse (once per merge key) steps on its pre's delayed spikes (BrainPy: a before-update");
            w.Line("/// of the delay, after the populations), then every pre population's delay stores the spikes of this step.</summary>");
        }
        w.Line(gc);
        using (w.Block("public void UpdateDelays()"))
        {
            foreach (var q in alignPre)
                if (SynapseOwner(plan, q) == q) w.Line($"{F(q.Member)}.UpdateSynapse(); // {XmlText(q.PreSynapseKey!)}");
            foreach (var p in pres) w.Line($"{DelayField(p.Member)}.Push({F(p.Member)}.Spike);");
        }
        w.Line();
        w.Line("/// <summary>One step in BrainPy's <c>DynSysGroup</c> order: projections, populations, delays; returns <see cref=\"Spike\"/>. Allocates nothing.</summary>");
        w.Line("/// <param name=\"input\">External current of every neuron.</param>");
        w.Line(gc);
        using (w.Block($"public {spikes} Step(float input)"))
        {
            w.Line("UpdateProjections();");
            w.Line("UpdatePopulations(input);");
            w.Line("UpdateDelays();");
            w.Line("return Spike;");
        }
        w.Line();
        if (!spec.UserUpdate)
        {
            w.Line("/// <summary>The runner's step: <see cref=\"Step\"/> (write <c>Update(float)</c> in the class to replace it).</summary>");
            w.Line("/// <param name=\"input\">External current of every neuron.</param>");
            w.Line(gc);
            w.Line($"public {spikes} Update(float input) => Step(input);");
            w.Line();
        }
        w.Line("/// <summary>The spikes of the last step of every population, concatenated in declaration order (" +
               string.Join(", ", Offsets(pops).Select(o => XmlText(o.Field) + $" [{o.Offset}, {o.Offset + o.Size})")) + ").</summary>");
        using (w.Block($"public {spikes} Spike"))
        {
            using (w.Block("get"))
            {
                if (pops.Count == 1) w.Line($"return {F(pops[0].Member)}.Spike;");
                else
                {
                    w.Line("int __n = 0; // locals __-prefixed and members this.-qualified: any member name compiles");
                    int j = 0;
                    foreach (var o in Offsets(pops))
                    {
                        w.Line($"{spikes} __s{j} = this.{Identifiers.Escape(o.Field)}.Spike;");
                        w.Line($"for (int __k = 0; __k < __s{j}.Count; __k++) __all[__n++] = __s{j}.IndexAt(__k) + {o.Offset};");
                        j++;
                    }
                    w.Line($"return {spikes}.FromSortedUnchecked(new global::System.ReadOnlySpan<int>(__all, 0, __n), {Literals.Int(total)}); // sorted: ranges in order");
                }
            }
        }
        w.Line();
        w.Line(groups.Count == 0 ? "/// <summary>The spikes of the last step of the population member named <paramref name=\"population\"/> (indices of that population).</summary>"
            : "/// <summary>The spikes of the last step of the population or Poisson group member named <paramref name=\"population\"/> (indices of that member).</summary>");
        w.Line("/// <param name=\"population\">A name of <see cref=\"PopulationNames\"/>.</param>");
        w.Line(gc);
        using (w.Block($"public {spikes} SpikesOf(string population)"))
        {
            using (w.Block("switch (population)"))
            {
                foreach (var p in sources) w.Line($"case {Literals.String(p.Member.Field)}: return {F(p.Member)}.Spike;");
                w.Line($"default: throw __Unknown(population);");
            }
        }
        w.Line();
        w.Line("/// <summary>Where the population named <paramref name=\"population\"/> starts in <see cref=\"Spike\"/>.</summary>");
        w.Line("/// <param name=\"population\">A name of <see cref=\"PopulationNames\"/>.</param>");
        w.Line(gc);
        using (w.Block("public int OffsetOf(string population)"))
        {
            using (w.Block("switch (population)"))
            {
                foreach (var o in Offsets(pops)) w.Line($"case {Literals.String(o.Field)}: return {o.Offset};");
                w.Line($"default: throw __Unknown(population);");
            }
        }
        w.Line();
        w.Line("/// <summary>A source for a monitor of one population: <c>new SpikeMonitor(\"E\", net.SpikeSource(\"e\"))</c>. Allocates the delegate once.</summary>");
        w.Line("/// <param name=\"population\">A name of <see cref=\"PopulationNames\"/>.</param>");
        w.Line(gc);
        using (w.Block($"public global::System.Func<{spikes}> SpikeSource(string population)"))
        {
            using (w.Block("switch (population)"))
            {
                foreach (var p in sources) w.Line($"case {Literals.String(p.Member.Field)}: return () => {F(p.Member)}.Spike;");
                w.Line($"default: throw __Unknown(population);");
            }
        }
        w.Line();
        if (userFed.Count > 0)
        {
            w.Line("/// <summary>The values handed each step to the VanillaProj member named <paramref name=\"vanilla\"/>, one of " + string.Join(", ", userFed.Select(v => XmlText(v.Member.Field))) + ":");
            w.Line("/// its NumIn floats, zero until written. Fill them before <see cref=\"Step\"/>; they are kept (and saved) until changed.</summary>");
            w.Line("/// <param name=\"vanilla\">The field name of a VanillaProj member without [VanillaInput].</param>");
            w.Line(gc);
            using (w.Block("public global::System.Span<float> ValuesOf(string vanilla)"))
            {
                using (w.Block("switch (vanilla)"))
                {
                    foreach (var v in userFed) w.Line($"case {Literals.String(v.Member.Field)}: return {ValuesField(v.Member)};");
                    w.Line($"default: throw new global::System.ArgumentException($\"{spec.Type.Name}: no VanillaProj member fed by the user named '{{vanilla}}'; they are {string.Join(", ", userFed.Select(v => v.Member.Field))}.\", nameof(vanilla));");
                }
            }
            w.Line();
        }
        w.Line(gc);
        w.Line($"static global::System.ArgumentException __Unknown(string population) => new global::System.ArgumentException($\"{spec.Type.Name}: no population named '{{population}}'; the populations are {string.Join(", ", pops.Select(p => p.Member.Field))}.\", nameof(population));");
        w.Line();
        EmitSaveLoad(w, plan, sources, pres, gc);
        Close(closers);
        return w.ToString();
    }

    static void EmitSaveLoad(IndentedWriter w, NetworkPlan2 plan, List<NetworkMemberPlan> pops, List<NetworkMemberPlan> pres, string gc)
    {
        string typeName = plan.Spec.Type.MetadataName;
        w.Line("/// <summary>Saves the whole state (every population's state arrays, spikes and step index; every delay with the spikes");
        w.Line("/// in transit) to one file, atomically (a temporary file replaces <paramref name=\"path\"/> once complete). Connectivity is not");
        w.Line("/// saved: it is rebuilt from the seed. Load it into a network built with the same seed and dt.</summary>");
        w.Line("/// <param name=\"path\">The file to write.</param>");
        w.Line(gc);
        using (w.Block("public void Save(string path)"))
        {
            w.Line($"{Rt}NetworkState.Save(path, {Literals.String(typeName)}, __s =>");
            w.Line("{");
            w.Indent();
            foreach (var p in pops) w.Line($"{F(p.Member)}.__WriteState(__s, {Literals.String(p.Member.Field)});");
            foreach (var p in pres) w.Line($"{DelayField(p.Member)}.WriteState(__s, {Literals.String(p.Member.Field + ".delay")});");
            foreach (var v in plan.Members.Where(static v => v.Member.Kind == MemberKind.Vanilla && v.Member.InputMember is null))
                w.Line($"__s.Floats({Literals.String(v.Member.Field + ".values")}, {ValuesField(v.Member)});");
            foreach (var q in plan.Members)
                if (q.PreSynapseKey is not null && SynapseOwner(plan, q) == q) w.Line($"{F(q.Member)}.__WriteState(__s, {Literals.String(q.Member.Field)});");
                else if (q.PlasticityState) w.Line($"{F(q.Member)}.__WriteState(__s, {Literals.String(q.Member.Field)});");
            w.Outdent();
            w.Line("});");
        }
        w.Line();
        w.Line("/// <summary>Loads a state written by <see cref=\"Save\"/>: checks the header, the network type, every part's name and size");
        w.Line("/// first, then overwrites the state (a file that does not fit changes nothing). Continuing from it equals a run never stopped.</summary>");
        w.Line("/// <param name=\"path\">The file to read.</param>");
        w.Line(gc);
        using (w.Block("public void Load(string path)"))
        {
            w.Line($"{Rt}NetworkState.Load(path, {Literals.String(typeName)}, __s =>");
            w.Line("{");
            w.Indent();
            foreach (var p in pops) w.Line($"{F(p.Member)}.__ReadState(__s, {Literals.String(p.Member.Field)});");
            foreach (var p in pres) w.Line($"{DelayField(p.Member)}.ReadState(__s, {Literals.String(p.Member.Field + ".delay")});");
            foreach (var v in plan.Members.Where(static v => v.Member.Kind == MemberKind.Vanilla && v.Member.InputMember is null))
                w.Line($"__s.Floats({Literals.String(v.Member.Field + ".values")}, {ValuesField(v.Member)});");
            foreach (var q in plan.Members)
                if (q.PreSynapseKey is not null && SynapseOwner(plan, q) == q) w.Line($"{F(q.Member)}.__ReadState(__s, {Literals.String(q.Member.Field)});");
                else if (q.PlasticityState) w.Line($"{F(q.Member)}.__ReadState(__s, {Literals.String(q.Member.Field)});");
            w.Outdent();
            w.Line("});");
        }
    }

    static IEnumerable<(string Field, long Offset, int Size)> Offsets(List<NetworkMemberPlan> pops)
    {
        long o = 0;
        foreach (var p in pops)
        {
            yield return (p.Member.Field, o, p.Size);
            o += p.Size;
        }
    }

    static NetworkMember PopOf(NetworkPlan2 plan, string type)
    {
        foreach (var m in plan.Members)
            if (m.Member.Kind is MemberKind.Population or MemberKind.PoissonGroup && m.Member.Type == type) return m.Member;
        throw new System.InvalidOperationException(type); // the parse reported SPK4022 and gave no spec
    }

    /// <summary>A member, qualified: the generated methods' parameters (seed, dt, input, population, …) and locals may have its name.</summary>
    static string F(NetworkMember m) => "this." + Identifiers.Escape(m.Field);

    /// <summary>The align-pre member whose synapse state <paramref name="m"/> uses: the first in declaration order with the same
    /// pre and key (BrainPy merges per pre delay and key); null for other members.</summary>
    static NetworkMemberPlan? SynapseOwner(NetworkPlan2 plan, NetworkMemberPlan m)
    {
        if (m.PreSynapseKey is null) return null;
        foreach (var q in plan.Members)
            if (q.PreSynapseKey == m.PreSynapseKey && q.Member.Pre == m.Member.Pre) return q;
        return m;
    }

    static string ValuesField(NetworkMember m) => GeneratedMembers.NetworkValuesPrefix + m.Field;

    static string DelayField(NetworkMember m) => GeneratedMembers.NetworkDelayPrefix + m.Field;

    static string InvalidMessage(NetworkPlan2 plan) =>
        plan.Invalid.Length > 0
            ? $"'{plan.Spec.Type.Name}' cannot be built: its member(s) {string.Join(", ", plan.Invalid.Select(i => "'" + i + "'"))} have no valid model (see their SpikeSharp errors)."
            : $"'{plan.Spec.Type.Name}' cannot be built: its populations hold more than {int.MaxValue} neurons together.";
}
