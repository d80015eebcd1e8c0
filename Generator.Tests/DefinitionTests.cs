using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using SpikeSharp.Generator.Helpers;
using SpikeSharp.Generator.Lowering;
using SpikeSharp.Generator.Model;
using SpikeSharp.Generator.Model.Definitions;
using SpikeSharp.Generator.Model.Ir;
using E = SpikeSharp.Generator.Model.Ir.E;
using Xunit;

namespace SpikeSharp.Generator.Tests;

/// <summary>The model definitions (Generator/Model/Definitions): BrainPy's defaults, agreement with the runtime's
/// attribute classes generated from them, internal consistency, and the diagnostics their rules drive.</summary>
public class DefinitionTests
{
    // BrainPy 2.6.0 defaults, read from its source: brainpy/_src/dyn/neurons/lif.py (Lif, LifRef, ExpIF, AdExIF,
    // Izhikevich: their __init__ signatures) and brainpy/_src/dyn/synapses/abstract_models.py (Expon, DualExponV2);
    // brainpy-semantics.md §2.3, §2.4, §3.1 tabulate the same values. COBA's E has no default in BrainPy (required);
    // ours is 0 (noted in the attribute's doc). DualExponV2's A defaults to the peak-normalising expression.
    static readonly Dictionary<string, Dictionary<string, double>> BrainPyDefaults = new()
    {
        ["Lif"] = new() { ["VRest"] = 0, ["VReset"] = -5, ["VTh"] = 20, ["R"] = 1, ["Tau"] = 10 },
        ["LifRef"] = new() { ["VRest"] = 0, ["VReset"] = -5, ["VTh"] = 20, ["R"] = 1, ["Tau"] = 10, ["TauRef"] = 0 },
        ["Izhikevich"] = new() { ["A"] = 0.02, ["B"] = 0.2, ["C"] = -65, ["D"] = 8, ["VTh"] = 30, ["P1"] = 0.04, ["P2"] = 5, ["P3"] = 140 },
        ["ExpIF"] = new() { ["VRest"] = -65, ["VReset"] = -68, ["VTh"] = -55, ["VT"] = -59.9, ["DeltaT"] = 3.48, ["R"] = 1, ["Tau"] = 10 },
        ["AdExIF"] = new() { ["VRest"] = -65, ["VReset"] = -68, ["VTh"] = -55, ["VT"] = -59.9, ["DeltaT"] = 3.48, ["A"] = 1, ["B"] = 1, ["Tau"] = 10, ["TauW"] = 30, ["R"] = 1 },
        ["HH"] = new() { ["ENa"] = 50, ["GNa"] = 120, ["EK"] = -77, ["GK"] = 36, ["EL"] = -54.387, ["GL"] = 0.03, ["VTh"] = 20, ["C"] = 1 }, // hh.py, class HH
        // The refractory variants: the base model's keyword defaults plus tau_ref = 0 (lif.py V2.6.0: ExpIFRefLTC.__init__
        // lines 1036–1046, AdExIFRefLTC.__init__ 1720–1734, IzhikevichRefLTC.__init__ 4373–4387).
        ["IzhikevichRef"] = new() { ["A"] = 0.02, ["B"] = 0.2, ["C"] = -65, ["D"] = 8, ["VTh"] = 30, ["P1"] = 0.04, ["P2"] = 5, ["P3"] = 140, ["TauRef"] = 0 },
        ["ExpIFRef"] = new() { ["VRest"] = -65, ["VReset"] = -68, ["VTh"] = -55, ["VT"] = -59.9, ["DeltaT"] = 3.48, ["R"] = 1, ["Tau"] = 10, ["TauRef"] = 0 },
        ["AdExIFRef"] = new() { ["VRest"] = -65, ["VReset"] = -68, ["VTh"] = -55, ["VT"] = -59.9, ["DeltaT"] = 3.48, ["A"] = 1, ["B"] = 1, ["Tau"] = 10, ["TauW"] = 30, ["R"] = 1, ["TauRef"] = 0 },
        // QuaIF: lif.py V2.6.0 QuaIFLTC.__init__ lines 2046–2053 (QuaIFRefLTC 2318–2328 the same plus tau_ref = 0).
        ["QuaIF"] = new() { ["VRest"] = -65, ["VReset"] = -68, ["VTh"] = -30, ["VC"] = -50, ["C"] = 0.07, ["R"] = 1, ["Tau"] = 10 },
        ["QuaIFRef"] = new() { ["VRest"] = -65, ["VReset"] = -68, ["VTh"] = -30, ["VC"] = -50, ["C"] = 0.07, ["R"] = 1, ["Tau"] = 10, ["TauRef"] = 0 },
        // AdQuaIF: lif.py V2.6.0 AdQuaIFLTC.__init__ lines 2622–2632 (no R: dV = (c(V − V_rest)(V − V_c) − w + I)/τ, line 2677);
        // AdQuaIFRefLTC 2933–2946 the same plus tau_ref = 0.
        ["AdQuaIF"] = new() { ["VRest"] = -65, ["VReset"] = -68, ["VTh"] = -30, ["VC"] = -50, ["A"] = 1, ["B"] = 0.1, ["C"] = 0.07, ["Tau"] = 10, ["TauW"] = 10 },
        ["AdQuaIFRef"] = new() { ["VRest"] = -65, ["VReset"] = -68, ["VTh"] = -30, ["VC"] = -50, ["A"] = 1, ["B"] = 0.1, ["C"] = 0.07, ["Tau"] = 10, ["TauW"] = 10, ["TauRef"] = 0 },
        // Gif: lif.py V2.6.0 GifLTC.__init__ lines 3285–3298; GifRefLTC 3673–3693 the same plus tau_ref = 0 (line 3693).
        ["Gif"] = new() { ["VRest"] = -70, ["VReset"] = -70, ["VThInf"] = -50, ["VThReset"] = -60, ["R"] = 20, ["Tau"] = 20, ["A"] = 0, ["B"] = 0.01, ["K1"] = 0.2, ["K2"] = 0.02, ["R1"] = 0, ["R2"] = 1, ["A1"] = 0, ["A2"] = 0 },
        ["GifRef"] = new() { ["VRest"] = -70, ["VReset"] = -70, ["VThInf"] = -50, ["VThReset"] = -60, ["R"] = 20, ["Tau"] = 20, ["A"] = 0, ["B"] = 0.01, ["K1"] = 0.2, ["K2"] = 0.02, ["R1"] = 0, ["R2"] = 1, ["A1"] = 0, ["A2"] = 0, ["TauRef"] = 0 },
        ["Expon"] = new() { ["Tau"] = 8 },
        ["DualExponV2"] = new() { ["TauDecay"] = 10, ["TauRise"] = 1, ["A"] = double.NaN },
        ["Coba"] = new() { ["E"] = 0 },
        ["Cuba"] = new(),
        // LTC variants, BrainPy 2.6.0 lif.py __init__ keyword defaults: LifLTC lines 217–222, LifRefLTC 420–428 (tau_ref 0),
        // ExpIFLTC 698–704, ExpIFRefLTC 1036–1046 (tau_ref 0); the same values as their plain subclasses.
        ["LifLTC"] = new() { ["VRest"] = 0, ["VReset"] = -5, ["VTh"] = 20, ["R"] = 1, ["Tau"] = 10 },
        ["LifRefLTC"] = new() { ["VRest"] = 0, ["VReset"] = -5, ["VTh"] = 20, ["R"] = 1, ["Tau"] = 10, ["TauRef"] = 0 },
        ["ExpIFLTC"] = new() { ["VRest"] = -65, ["VReset"] = -68, ["VTh"] = -55, ["VT"] = -59.9, ["DeltaT"] = 3.48, ["R"] = 1, ["Tau"] = 10 },
        ["ExpIFRefLTC"] = new() { ["VRest"] = -65, ["VReset"] = -68, ["VTh"] = -55, ["VT"] = -59.9, ["DeltaT"] = 3.48, ["R"] = 1, ["Tau"] = 10, ["TauRef"] = 0 },
        // MgBlock: brainpy/_src/dyn/outs/outputs.py (V2.6.0) lines 122–126.
        ["MgBlock"] = new() { ["E"] = 0, ["CcMg"] = 1.2, ["Alpha"] = 0.062, ["Beta"] = 3.57, ["VOffset"] = 0 },
    };

    // BrainPy's initial values: V_initializer / u_initializer / w_initializer (lif.py): Izhikevich V₀ = −70, u₀ = b·V₀
    // (u_initializer None); ExpIF and AdExIF V₀ = 0, w₀ = 0; Lif and LifRef V₀ = 0.
    static readonly Dictionary<string, Dictionary<string, string>> BrainPyInitial = new()
    {
        ["Lif"] = new() { ["V"] = "Num { Value = 0 }" },
        ["LifRef"] = new() { ["V"] = "Num { Value = 0 }" },
        ["Izhikevich"] = new() { ["V"] = "Num { Value = -70 }", ["U"] = "Bin { Op = Mul, A = Param { Name = B }, B = Var { Name = V } }" },
        ["ExpIF"] = new() { ["V"] = "Num { Value = 0 }" },
        ["AdExIF"] = new() { ["V"] = "Num { Value = 0 }", ["W"] = "Num { Value = 0 }" },
        // The Ref variants keep their base's initializers (lif.py: IzhikevichRefLTC V_initializer OneInit(−70),
        // u_initializer None; ExpIFRefLTC, AdExIFRefLTC ZeroInit). QuaIF, QuaIFRef: V_initializer ZeroInit (line 2053,
        // 2325); AdQuaIF, AdQuaIFRef: V_initializer and w_initializer ZeroInit (lines 2631–2632, 2942–2943).
        ["IzhikevichRef"] = new() { ["V"] = "Num { Value = -70 }", ["U"] = "Bin { Op = Mul, A = Param { Name = B }, B = Var { Name = V } }" },
        ["ExpIFRef"] = new() { ["V"] = "Num { Value = 0 }" },
        ["AdExIFRef"] = new() { ["V"] = "Num { Value = 0 }", ["W"] = "Num { Value = 0 }" },
        ["QuaIF"] = new() { ["V"] = "Num { Value = 0 }" },
        ["QuaIFRef"] = new() { ["V"] = "Num { Value = 0 }" },
        ["AdQuaIF"] = new() { ["V"] = "Num { Value = 0 }", ["W"] = "Num { Value = 0 }" },
        ["AdQuaIFRef"] = new() { ["V"] = "Num { Value = 0 }", ["W"] = "Num { Value = 0 }" },
        // HH (hh.py, class HH): V_initializer Uniform(−70, −60); m, h, n initializers None → α/(α + β) at V₀. "steady x"
        // is checked numerically below (at V₀ = −65, against the rates written here independently).
        ["HH"] = new() { ["V"] = "Uniform(-70, -60)", ["M"] = "steady m", ["H"] = "steady h", ["N"] = "steady n" },
        // Gif, GifRef: V_initializer OneInit(−70), I1/I2_initializer ZeroInit, Vth_initializer OneInit(−50) (lif.py V2.6.0
        // lines 3299–3302; GifRefLTC 3687–3690).
        ["Gif"] = new() { ["V"] = "Num { Value = -70 }", ["VTh"] = "Num { Value = -50 }", ["I1"] = "Num { Value = 0 }", ["I2"] = "Num { Value = 0 }" },
        ["GifRef"] = new() { ["V"] = "Num { Value = -70 }", ["VTh"] = "Num { Value = -50 }", ["I1"] = "Num { Value = 0 }", ["I2"] = "Num { Value = 0 }" },
        ["LifLTC"] = new() { ["V"] = "Num { Value = 0 }" },
        ["LifRefLTC"] = new() { ["V"] = "Num { Value = 0 }" },
        ["ExpIFLTC"] = new() { ["V"] = "Num { Value = 0 }" },
        ["ExpIFRefLTC"] = new() { ["V"] = "Num { Value = 0 }" },
    };

    /// <summary>HH's steady-state gates at V (the rates of brainpy-semantics.md §2.4, written in double).</summary>
    static double SteadyGate(string gate, double v)
    {
        double am = 0.1 * (v + 40) / (1 - Math.Exp(-(v + 40) / 10)), bm = 4 * Math.Exp(-(v + 65) / 18);
        double ah = 0.07 * Math.Exp(-(v + 65) / 20), bh = 1 / (1 + Math.Exp(-(v + 35) / 10));
        double an = 0.01 * (v + 55) / (1 - Math.Exp(-(v + 55) / 10)), bn = 0.125 * Math.Exp(-(v + 65) / 80);
        return gate switch { "m" => am / (am + bm), "h" => ah / (ah + bh), _ => an / (an + bn) };
    }

    static IEnumerable<(string Name, IReadOnlyList<ParamDef> Ctor, IReadOnlyList<ParamDef> Params)> AllModels() =>
        Catalogue.AllNeurons.Select(d => (d.Attribute, (IReadOnlyList<ParamDef>)Array.Empty<ParamDef>(), d.Params))
            .Concat(Synapses.All.Select(d => (d.Attribute, (IReadOnlyList<ParamDef>)Array.Empty<ParamDef>(), d.Params)))
            .Concat(Outputs.All.Select(d => (d.Attribute, (IReadOnlyList<ParamDef>)Array.Empty<ParamDef>(), d.Params)))
            .Concat(Comms.All.Select(d => (d.Attribute, d.CtorParams, d.Params)));

    [Fact]
    public void EveryDefinitionsDefaults_AreBrainPys()
    {
        // Every neuron model is in both tables: a new definition cannot skip the check.
        foreach (var d in Catalogue.AllNeurons)
        {
            Assert.True(BrainPyDefaults.ContainsKey(d.Attribute), $"{d.Attribute}: add its BrainPy defaults to the table");
            Assert.True(BrainPyInitial.ContainsKey(d.Attribute), $"{d.Attribute}: add its BrainPy initial values to the table");
            Assert.Equal(BrainPyInitial[d.Attribute].Keys.OrderBy(k => k), d.States.Select(st => st.Name).OrderBy(k => k));
        }
        foreach (var (name, _, ps) in AllModels().Where(m => BrainPyDefaults.ContainsKey(m.Name)))
        {
            var expected = BrainPyDefaults[name];
            Assert.Equal(expected.Keys.OrderBy(k => k), ps.Select(p => p.Name).OrderBy(k => k));
            foreach (var p in ps) Assert.True(expected[p.Name].Equals(p.Default), $"{name}.{p.Name}: {p.Default}, BrainPy {expected[p.Name]}");
        }
        foreach (var d in Catalogue.AllNeurons.Where(d => BrainPyInitial.ContainsKey(d.Attribute)))
            foreach (var st in d.States)
            {
                string want = BrainPyInitial[d.Attribute][st.Name];
                if (st.DefaultInit is { } init)
                    Assert.Equal(want, $"{init.Kind}({init.A}, {init.B})");
                else if (want.StartsWith("steady ", StringComparison.Ordinal))
                {
                    double got = ConstantEvaluator.Evaluate(IrOps.Rewrite(st.Initial, n => n is Var { Name: "V" } ? new Num(-65) : null), _ => double.NaN);
                    Assert.Equal(SteadyGate(want.Substring(7), -65), got, 12);
                }
                else Assert.Equal(want, st.Initial.ToString());
            }
        // DualExponV2's computed A at the defaults: τd/(τd−τr)·(τr/τd)^(τr/(τr−τd)) = 1.4350552 (peak of one event's response 1).
        var dual = Synapses.DualExponV2;
        double a = ConstantEvaluator.Evaluate(dual.Params[2].DefaultExpr!, n => dual.Params.First(p => p.Name == n).Default);
        Assert.Equal(1.4350552, a, 6);
    }

    static readonly Assembly Runtime = typeof(SpikeSharp.PopulationAttribute).Assembly;

    /// <summary>The runtime's attribute classes are generated from the definitions; this checks the result from the
    /// outside: one class per definition, exactly its parameters as properties, of the definition's type, with its
    /// default (NaN for a computed one), and an XML doc that states the unit and default.</summary>
    [Fact]
    public void RuntimeAttributeClasses_AgreeWithTheDefinitions()
    {
        var docs = XDocument.Load(Path.ChangeExtension(Runtime.Location, ".xml"));
        string? Doc(string member) => docs.Descendants("member").FirstOrDefault(m => (string?)m.Attribute("name") == member)?.Element("summary")?.Value;

        foreach (var (name, ctor, ps) in AllModels())
        {
            var type = Runtime.GetType("SpikeSharp." + name + "Attribute");
            Assert.True(type is not null, $"no attribute class for definition {name}");
            Assert.True(typeof(Attribute).IsAssignableFrom(type));
            Assert.True(type!.IsSealed);
            var usage = type.GetCustomAttribute<AttributeUsageAttribute>()!;
            Assert.Equal(AttributeTargets.Class, usage.ValidOn);
            Assert.False(usage.Inherited);

            var ctorTypes = ctor.Select(p => p.Type == "int" ? typeof(int) : typeof(double)).ToArray();
            var ci = type.GetConstructor(ctorTypes);
            Assert.True(ci is not null, $"{name}: no constructor ({string.Join(", ", ctorTypes.Select(t => t.Name))})");
            var instance = ci!.Invoke(ctor.Select(p => p.Type == "int" ? (object)7 : 7.0).ToArray());

            var props = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.DeclaringType == type).ToList();
            // A neuron attribute also has Method (BrainPy's integration method), the same for every neuron model.
            bool isNeuron = Catalogue.AllNeurons.Any(d => d.Attribute == name);
            Assert.Equal(ctor.Concat(ps).Select(p => p.Name).Concat(isNeuron ? new[] { "Method" } : Array.Empty<string>()).OrderBy(n => n),
                props.Select(p => p.Name).OrderBy(n => n));
            if (isNeuron) Assert.Equal(SpikeSharp.IntegrationMethod.ExpAuto, type.GetProperty("Method")!.GetValue(instance));
            foreach (var p in ctor)
                Assert.Equal(7, type.GetProperty(p.Name)!.GetValue(instance));
            foreach (var p in ps)
            {
                var prop = type.GetProperty(p.Name)!;
                Assert.True(prop.CanWrite, $"{name}.{p.Name} must be settable (a named argument)");
                // EventCSRLinear's connector options are a bool or the Conn enum.
                var expectedType = p.Type switch { "long" => typeof(long), "bool" => typeof(bool), "double" => typeof(double), _ => typeof(SpikeSharp.Conn) };
                Assert.Equal(expectedType, prop.PropertyType);
                object? value = prop.GetValue(instance);
                object expected = p.Type switch { "long" => (long)p.Default, "bool" => p.Default != 0, "double" => p.Default, _ => (SpikeSharp.Conn)(int)p.Default };
                if (p.DefaultExpr is not null) Assert.True(double.IsNaN((double)value!), $"{name}.{p.Name}: a computed default reads NaN (not set)");
                else Assert.Equal(expected, value);
                string? doc = Doc($"P:SpikeSharp.{name}Attribute.{p.Name}");
                Assert.True(doc is not null, $"{name}.{p.Name} has no XML doc");
                Assert.Contains("Default:", doc!);
                if (p.Unit.Length > 0) Assert.Contains("(" + p.Unit + ")", doc!);
            }
            Assert.NotNull(Doc($"T:SpikeSharp.{name}Attribute"));
        }
    }

    /// <summary>Every name an IR tree reads exists in its definition, every state has an update, and every definition
    /// lowers (with no group, and with a group of every synapse and output) without throwing.</summary>
    [Fact]
    public void Definitions_AreConsistent_AndLower()
    {
        foreach (var d in Catalogue.AllNeurons)
        {
            var ps = d.Params.Select(p => p.Name).ToHashSet();
            var states = d.States.Select(s => s.Name).ToHashSet();
            var derived = d.Derived.Select(x => x.Name).ToHashSet();
            IEnumerable<Expr> Trees() => d.Step.Select(u => u.Update switch { Ode o => o.Derivative, LinearExact l => l.Target, Explicit e => e.Value, _ => throw new InvalidOperationException() })
                .Concat(new[] { d.Spike }).Concat(d.Resets.Select(r => r.Value)).Concat(d.States.Select(s => s.Initial)).Concat(d.Derived.Select(x => x.Value));
            foreach (var n in Trees().SelectMany(IrOps.Nodes))
            {
                switch (n)
                {
                    case Param p: Assert.True(ps.Contains(p.Name), $"{d.Attribute}: unknown parameter {p.Name}"); break;
                    case Var v: Assert.True(states.Contains(v.Name), $"{d.Attribute}: unknown state {v.Name}"); break;
                    case Next x: Assert.True(states.Contains(x.Name), $"{d.Attribute}: unknown state {x.Name}"); break;
                    case Derived x: Assert.True(derived.Contains(x.Name), $"{d.Attribute}: unknown derived constant {x.Name}"); break;
                }
            }
            Assert.Equal(states.OrderBy(s => s), d.Step.Select(u => u.State).OrderBy(s => s));
            foreach (var r in d.Resets) Assert.Contains(r.State, states);
            if (d.Refractory is not null) Assert.Contains(d.Refractory, ps);

            var neuron = new NeuronSpec(d.Attribute, d.Params.Select(p => p.Default).ToEquatableArray());
            var type = new TypeDecl("D", EquatableArray<string>.Empty, "P", "class");
            var pop = new PopulationSpec(type, 10, neuron, EquatableArray<InitSpec>.Empty);
            Assert.NotNull(StepLowering.Lower(new PopulationPlan(pop, EquatableArray<MergeGroup>.Empty, "1", "P.g.cs")));
            var groups = Synapses.All.SelectMany(s => Outputs.All.Select(o => (s, o))).Select((so, i) => new MergeGroup(i,
                new MergeKey(null, new SynSpec(so.s.Attribute, so.s.Params.Select(p => p.DefaultExpr is null ? p.Default : 1.5).ToEquatableArray()),
                    new OutSpec(so.o.Attribute, so.o.Params.Select(p => p.Default).ToEquatableArray())), new[] { "X" + i }.ToEquatableArray())).ToEquatableArray();
            var plan = StepLowering.Lower(new PopulationPlan(pop, groups, "1", "P.g.cs"));
            Assert.Equal(Synapses.All.Sum(s => s.Arrays.Count) * Outputs.All.Length, plan.SynapseArrays.Length);
        }
    }

    /// <summary>A <c>…Ref</c> model is its base model plus <c>TauRef</c> (BrainPy's <c>tau_ref</c>, default 0, appended last)
    /// and the refractory hold: the same states, step, spike condition, resets and warnings (lif.py V2.6.0: every
    /// <c>…RefLTC</c> class subclasses its base and only adds tau_ref and the hold of V in <c>update</c>).</summary>
    [Theory]
    [InlineData("LifRef", "Lif")]
    [InlineData("IzhikevichRef", "Izhikevich")]
    [InlineData("ExpIFRef", "ExpIF")]
    [InlineData("AdExIFRef", "AdExIF")]
    [InlineData("QuaIFRef", "QuaIF")]
    [InlineData("AdQuaIFRef", "AdQuaIF")]
    [InlineData("GifRef", "Gif")]
    public void RefModels_AreTheirBasePlusTauRef(string refModel, string baseModel)
    {
        var r = Catalogue.Neuron(refModel);
        var b = Catalogue.Neuron(baseModel);
        Assert.Null(b.Refractory);
        Assert.Equal("TauRef", r.Refractory);
        Assert.Equal("bp.dyn." + refModel, r.BrainPy);
        Assert.Equal(b.Params.Select(p => p.Name).Concat(new[] { "TauRef" }), r.Params.Select(p => p.Name));
        var tauRef = r.Params[r.Params.Count - 1];
        Assert.Equal(("tau_ref", "ms", 0.0, ParamRule.NonNegativeTime), (tauRef.BrainPyName, tauRef.Unit, tauRef.Default, tauRef.Rule));
        Assert.Equal(b.States, r.States);
        Assert.Equal(b.Step, r.Step);
        Assert.Equal(b.Spike, r.Spike);
        Assert.Equal(b.Resets, r.Resets);
        Assert.Equal(b.Warnings, r.Warnings);
        Assert.Equal(b.Family, r.Family);
        Assert.Contains("refractory", r.Summary);
    }

    /// <summary>QuaIF and AdQuaIF are BrainPy's equations (lif.py V2.6.0 line 2095: <c>(c(V − V_rest)(V − V_c) + R·I)/τ</c>;
    /// lines 2677, 2681: <c>(c(V − V_rest)(V − V_c) − w + I)/τ</c>, <c>(a(V − V_rest) − w)/τ_w</c>), evaluated at a point
    /// with non-default parameters, so that a misplaced R or τ shows.</summary>
    [Fact]
    public void QuaIFFamily_DerivativesAreBrainPys()
    {
        var ps = new Dictionary<string, double> { ["VRest"] = -63, ["VC"] = -51, ["C"] = 0.05, ["R"] = 2, ["Tau"] = 7, ["A"] = 0.7, ["TauW"] = 13 };
        double v = -45, w = 1.5, x = 3.25;
        double Eval(NeuronDef d, string state) => ConstantEvaluator.Evaluate(IrOps.Rewrite(((Ode)d.Step.First(u => u.State == state).Update).Derivative, n => n switch
        {
            Var { Name: "V" } => new Num(v),
            Var { Name: "W" } => new Num(w),
            SpikeSharp.Generator.Model.Ir.Input => new Num(x),
            _ => null,
        }), p => ps[p]);
        Assert.Equal((0.05 * (v + 63) * (v + 51) + 2 * x) / 7, Eval(Neurons.QuaIF, "V"), 12);
        Assert.Equal((0.05 * (v + 63) * (v + 51) - w + x) / 7, Eval(Neurons.AdQuaIF, "V"), 12);
        Assert.Equal((0.7 * (v + 63) - w) / 13, Eval(Neurons.AdQuaIF, "W"), 12);
        Assert.DoesNotContain(Neurons.AdQuaIF.Params, p => p.Name == "R");
        // Reset: V ← V_reset; AdQuaIF also w ← w_new + b (lif.py line 2717: bm.where(spike, w + self.b, w)).
        Assert.Equal("V", Assert.Single(Neurons.QuaIF.Resets).State);
        Assert.Equal(new Reset("W", E.N("W") + E.P("B")), Neurons.AdQuaIF.Resets[1]);
    }

    /// <summary>Gif's equations are BrainPy's (lif.py V2.6.0 lines 3352–3363: <c>−k1·I1</c>, <c>−k2·I2</c>,
    /// <c>a(V − V_rest) − b(V_th − V_th_inf)</c>, <c>(−(V − V_rest) + R(I + I1 + I2))/τ</c>), evaluated at a point with
    /// non-default parameters; the spike compares the OLD threshold with the integrated V (line 3400:
    /// <c>self.V_th &lt;= V</c>) and the resets read the integrated values (lines 3401–3404).</summary>
    [Fact]
    public void Gif_DerivativesSpikeAndResetsAreBrainPys()
    {
        var ps = new Dictionary<string, double> { ["VRest"] = -68, ["VThInf"] = -48, ["R"] = 15, ["Tau"] = 12, ["A"] = 0.03, ["B"] = 0.07, ["K1"] = 0.3, ["K2"] = 0.05 };
        double v = -55, vth = -51, i1 = 1.25, i2 = -0.5, x = 2.5;
        double Eval(string state) => ConstantEvaluator.Evaluate(IrOps.Rewrite(((Ode)GifNeurons.Gif.Step.First(u => u.State == state).Update).Derivative, n => n switch
        {
            Var { Name: "V" } => new Num(v),
            Var { Name: "VTh" } => new Num(vth),
            Var { Name: "I1" } => new Num(i1),
            Var { Name: "I2" } => new Num(i2),
            SpikeSharp.Generator.Model.Ir.Input => new Num(x),
            _ => null,
        }), p => ps[p]);
        Assert.Equal(-0.3 * i1, Eval("I1"), 12);
        Assert.Equal(-0.05 * i2, Eval("I2"), 12);
        Assert.Equal(0.03 * (v + 68) - 0.07 * (vth + 48), Eval("VTh"), 12);
        Assert.Equal((-(v + 68) + 15 * (x + i1 + i2)) / 12, Eval("V"), 12);
        Assert.Equal(E.S("VTh") <= E.N("V"), GifNeurons.Gif.Spike);
        Assert.Equal(GifNeurons.Gif.Spike, GifNeurons.GifRef.Spike); // line 3798: V >= self.V_th, the same comparison
        Assert.Equal(new[]
        {
            new Reset("V", E.P("VReset")),
            new Reset("I1", E.P("R1") * E.N("I1") + E.P("A1")),
            new Reset("I2", E.P("R2") * E.N("I2") + E.P("A2")),
            new Reset("VTh", E.Max(E.P("VThReset"), E.N("VTh"))),
        }, GifNeurons.Gif.Resets);
        Assert.All(GifNeurons.Gif.States, st => Assert.True(st.Initializable, st.Name));
        Assert.DoesNotContain(GifNeurons.Gif.Params, p => p.Name == "VTh"); // the threshold is a state here
    }

    /// <summary>exp_auto's A comes from symbolic differentiation: checked against a central difference of f.</summary>
    [Theory]
    [InlineData("Izhikevich", "V", -62.0)]
    [InlineData("Izhikevich", "U", -62.0)]
    [InlineData("ExpIF", "V", -57.0)]
    [InlineData("AdExIF", "V", -50.0)]
    [InlineData("AdExIF", "W", -50.0)]
    [InlineData("HH", "V", -50.0)]
    [InlineData("HH", "M", -40.0)]
    [InlineData("HH", "N", -55.0)]
    [InlineData("HH", "H", -30.0)]
    [InlineData("QuaIF", "V", -57.0)]
    [InlineData("QuaIF", "V", -35.0)]
    [InlineData("AdQuaIF", "V", -57.0)]
    [InlineData("AdQuaIF", "W", -57.0)]
    [InlineData("AdQuaIFRef", "V", -45.0)]
    [InlineData("Gif", "V", -55.0)]
    [InlineData("Gif", "VTh", -55.0)]
    [InlineData("Gif", "I1", -55.0)]
    [InlineData("GifRef", "I2", -55.0)]
    public void SymbolicDerivative_MatchesAFiniteDifference(string model, string state, double v)
    {
        var d = Catalogue.Neuron(model);
        var f = ((Ode)d.Step.First(u => u.State == state).Update).Derivative;
        var a = Symbolic.Differentiate(f, state)!;
        var values = new Dictionary<string, double> { ["V"] = v, ["U"] = -13, ["W"] = 2.5, ["M"] = 0.3, ["H"] = 0.6, ["N"] = 0.4, ["VTh"] = -52, ["I1"] = 1.5, ["I2"] = -0.7 };
        double Eval(Expr e, string? bumped = null, double by = 0) => ConstantEvaluator.Evaluate(IrOps.Rewrite(e, n => n switch
        {
            Var x => new Num(values[x.Name] + (x.Name == bumped ? by : 0)),
            SpikeSharp.Generator.Model.Ir.Input => new Num(3.25),
            _ => null,
        }), p => d.Params.First(x => x.Name == p).Default);
        const double h = 1e-5;
        double numeric = (Eval(f, state, h) - Eval(f, state, -h)) / (2 * h);
        Assert.Equal(numeric, Eval(a), 6);
    }

    /// <summary>Every LTC model integrates each state that reads the input by exp_auto (an Ode): the lowering derives A
    /// with the outputs inside f only there, a LinearExact update would silently keep the frozen current's A.</summary>
    [Fact]
    public void LtcModels_ReadTheInputOnlyInOdeUpdates()
    {
        Assert.Equal(new[] { "LifLTC", "LifRefLTC", "ExpIFLTC", "ExpIFRefLTC" }, Catalogue.AllNeurons.Where(d => d.Ltc).Select(d => d.Attribute));
        foreach (var d in Catalogue.AllNeurons.Where(d => d.Ltc))
            foreach (var u in d.Step)
            {
                Expr tree = u.Update switch { Ode o => o.Derivative, LinearExact l => l.Target, Explicit e => e.Value, _ => throw new InvalidOperationException() };
                if (IrOps.Nodes(tree).Any(n => n is SpikeSharp.Generator.Model.Ir.Input)) Assert.IsType<Ode>(u.Update);
            }
    }

    // ---- diagnostics driven by the definitions' rules (exact spans) ----

    [Fact]
    public void PositiveRule_SPK0029_OnMgBlocksBeta()
    {
        var d = DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            [HalfProjAlignPostMg(Post = typeof(P))]
            [EventJitFPHomoLinear(10, 10, Prob = 0.1)]
            [Expon]
            [MgBlock({|SPK0029:Beta = 0|})]
            public partial class Proj;
            [Population(10)] [Lif] public partial class P;
            """, DiagnosticSeverity.Error);
        Assert.Equal("'Proj': MgBlock.Beta = 0 must be a positive, finite number within float range", d.GetMessage());
    }

    [Fact]
    public void PositiveRule_SPK0029_OnExpIFsDeltaT()
    {
        const string markup = """
            using SpikeSharp;
            [Population(10)]
            [ExpIF({|SPK0029:DeltaT = 0|})]
            [InitConstant("V", -65)]
            public partial class Cells;
            """;
        var d = DiagnosticMarkup.AssertSingle(markup, DiagnosticSeverity.Error);
        Assert.Equal("'Cells': ExpIF.DeltaT = 0 must be a positive, finite number within float range", d.GetMessage());
    }

    [Fact]
    public void AboveRule_SPK1001_OnIzhikevichsThresholdAndC()
    {
        var d = DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            [Population(10)]
            [Izhikevich({|SPK1001:VTh = -70|})]
            public partial class Cells;
            """, DiagnosticSeverity.Warning);
        Assert.Equal("'Cells': Izhikevich.VTh = -70 is not above C = -65; a neuron reset to C is already at threshold and fires on every step it is not refractory", d.GetMessage());
    }

    [Fact]
    public void AboveRule_SPK1001_OnQuaIFsThresholdAndReset()
    {
        var d = DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            [Population(10)]
            [QuaIFRef({|SPK1001:VTh = -70|}, TauRef = 1)]
            [InitConstant("V", -80)]
            public partial class Cells;
            """, DiagnosticSeverity.Warning);
        Assert.Equal("'Cells': QuaIFRef.VTh = -70 is not above VReset = -68; a neuron reset to VReset is already at threshold and fires on every step it is not refractory", d.GetMessage());
        // V_th below V_c is no warning (BrainPy's spike is V ≥ V_th whatever V_c is).
        DiagnosticMarkup.AssertDiagnostics("""
            using SpikeSharp;
            [Population(10)] [AdQuaIF(VTh = -55)] [InitConstant("V", -65)] public partial class Cells;
            """);
    }

    [Fact]
    public void TimeConstantRule_SPK0004_OnDualExponV2sTauRise()
    {
        var d = DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            [HalfProjAlignPostMg(Post = typeof(P))]
            [EventJitFPHomoLinear(10, 10, Prob = 0.1)]
            [DualExponV2({|SPK0004:TauRise = -1|})]
            [Cuba]
            public partial class Proj;
            [Population(10)] [Lif] public partial class P;
            """, DiagnosticSeverity.Error);
        Assert.Equal("'Proj': DualExponV2.TauRise = -1 must be a positive, finite number of ms", d.GetMessage());
        // Equal time constants leave A undefined (τd/(τd − τr) = 10/0): said once, at the attribute.
        var equal = DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            [HalfProjAlignPostMg(Post = typeof(P))]
            [EventJitFPHomoLinear(10, 10, Prob = 0.1)]
            [{|SPK0017:DualExponV2(TauRise = 10, TauDecay = 10)|}]
            [Cuba]
            public partial class Proj;
            [Population(10)] [Lif] public partial class P;
            """, DiagnosticSeverity.Error);
        Assert.Equal("'Proj': DualExponV2.A (computed, not set) = Infinity must be a finite number within float range", equal.GetMessage());
    }

    [Fact]
    public void InitializableStates_ComeFromTheDefinition_SPK0011()
    {
        var d = DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            [Population(10)]
            [Izhikevich]
            [InitConstant({|SPK0011:"W"|}, 1)]
            public partial class Cells;
            """, DiagnosticSeverity.Error);
        Assert.Contains("V, U", d.GetMessage());
        DiagnosticMarkup.AssertDiagnostics("""
            using SpikeSharp;
            [Population(10)] [Izhikevich] [InitConstant("U", 1)] public partial class Cells;
            """);
    }

    [Fact]
    public void DefaultV0AboveThreshold_SPK1002_WarnsUntilVHasAnInitializer()
    {
        var d = DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            [Population(10)]
            [{|SPK1002:AdExIF|}]
            public partial class Cells;
            """, DiagnosticSeverity.Warning);
        Assert.Equal("Population 'Cells': [AdExIF] starts V at 0 (BrainPy's default), at or above VTh = -55, so every neuron spikes at step 0; give V an initializer such as [InitConstant(\"V\", -65)]", d.GetMessage());
        DiagnosticMarkup.AssertDiagnostics("""
            using SpikeSharp;
            [Population(10)] [AdExIF] [InitNormal("V", Mean = -65, Std = 1)] public partial class Cells;
            """);
        // QuaIF and AdQuaIF (and their Ref variants): BrainPy's V₀ = 0 above V_th = −30, warned the same way.
        foreach (var model in new[] { "QuaIF", "QuaIFRef", "AdQuaIF", "AdQuaIFRef", "ExpIFRef", "AdExIFRef" })
        {
            var q = DiagnosticMarkup.AssertSingle($$"""
                using SpikeSharp;
                [Population(10)]
                [{|SPK1002:{{model}}|}]
                public partial class Cells;
                """, DiagnosticSeverity.Warning);
            string th = model.StartsWith("Qua") || model.StartsWith("AdQua") ? "-30" : "-55";
            Assert.Equal($"Population 'Cells': [{model}] starts V at 0 (BrainPy's default), at or above VTh = {th}, so every neuron spikes at step 0; give V an initializer such as [InitConstant(\"V\", -65)]", q.GetMessage());
        }
        DiagnosticMarkup.AssertDiagnostics("""
            using SpikeSharp;
            [Population(10)] [AdQuaIFRef(TauRef = 2)] [InitConstant("V", -65)] public partial class Cells;
            """);
        DiagnosticMarkup.AssertDiagnostics("""
            using SpikeSharp;
            [Population(10)] [IzhikevichRef] public partial class Cells;
            """); // V₀ = −70 < VTh = 30
        DiagnosticMarkup.AssertDiagnostics("""
            using SpikeSharp;
            [Population(10)] [Izhikevich] public partial class Cells;
            """); // V₀ = −70 < VTh = 30
        DiagnosticMarkup.AssertDiagnostics("""
            using SpikeSharp;
            [Population(10)] [ExpIF(VTh = 10)] public partial class Cells;
            """); // V₀ = 0 < VTh = 10: no warning
        DiagnosticMarkup.AssertDiagnostics("""
            using SpikeSharp;
            [Population(10)] [Lif(VRest = -60, VReset = -60, VTh = -50)] public partial class Cells;
            """); // Lif's BrainPy default V₀ = 0 is below its default VTh = 20: outside decision 8's scope
    }
}

/// <summary><c>Method = IntegrationMethod.Euler</c> on a neuron attribute: BrainPy's <c>method='euler'</c>.</summary>
public class IntegrationMethodTests
{
    [Fact]
    public void Euler_ReplacesExpAuto_InTheGeneratedStep()
    {
        var r = GeneratorHarness.Run("""
            using SpikeSharp;
            namespace M;
            [Population(10)] [Izhikevich(Method = IntegrationMethod.Euler)] public partial class Ze;
            [Population(10)] [LifRef(Tau = 20, Method = IntegrationMethod.Euler)] public partial class Le;
            [Population(10)] [Izhikevich] public partial class Zx;
            """);
        Assert.Empty(r.CompileErrors);
        Assert.Contains("// Euler (Method = Euler): V + dt·f", r.Sources["M.Ze.g.cs"]);
        Assert.DoesNotContain("VMath.Exp", r.Sources["M.Ze.g.cs"]); // no φ
        Assert.Contains("// Euler (Method = Euler): V + (dt/Tau)·(target − V)", r.Sources["M.Le.g.cs"]);
        Assert.Contains("// exp_auto: V + dt·φ(dt·A)·f", r.Sources["M.Zx.g.cs"]);
    }

    [Fact]
    public void AValueThatIsNotAMethod_IsSPK0010()
    {
        var d = DiagnosticMarkup.AssertSingle("""
            using SpikeSharp;
            [Population(10)]
            [Izhikevich({|SPK0010:Method = (IntegrationMethod)7|})]
            public partial class Cells;
            """, DiagnosticSeverity.Error);
        Assert.Equal("'Cells': argument Method of [Izhikevich] is not a constant IntegrationMethod (ExpAuto, Euler, Rk2 or Rk4)", d.GetMessage());
    }
}

/// <summary>exp_auto's φ as the IR writes it (evaluated here in double): within its truncation bound of the exact
/// (eᶻ − 1)/z over every branch, and continuous at the branch points.</summary>
public class PhiTests
{
    static double Exact(double z) => z == 0 ? 1 : double.ExpM1(z) / z;

    static double Ir(double z) => ConstantEvaluator.Evaluate(E.Phi(new Num(z)), _ => double.NaN);

    [Fact]
    public void Phi_MatchesTheExactFactor()
    {
        double worst = 0;
        for (int k = -200_000; k <= 200_000; k++)
        {
            double z = k * 5e-6; // [-1, 1], through both thresholds
            worst = Math.Max(worst, Math.Abs(Ir(z) - Exact(z)) / Exact(z));
        }
        // The Taylor part's first omitted term, z⁸/9!, is below 1.1e-8 for |z| < 0.5 (1.4e-8 relative at z = −0.5, where φ is
        // 0.79; a quarter of a float ulp); beyond, (eᶻ − 1)/z in double.
        Assert.True(worst < 1.5e-8, $"relative error {worst:E2}");
        foreach (double z in new[] { 1e-5, 0.5, -0.5, 20.0, -20.0, 100.0 })
            Assert.Equal(Exact(z), Ir(z), Math.Abs(Exact(z)) * 1e-8);
        Assert.Equal(double.PositiveInfinity, Ir(1000)); // eᶻ overflows: +∞, as BrainPy's (not NaN)
    }
}
