using System.Collections.Generic;
using SpikeSharp.Generator.Helpers;
using SpikeSharp.Generator.Model;
using SpikeSharp.Generator.Model.Ir;

namespace SpikeSharp.Generator.Lowering;

/// <summary>The lowered step of a pre-sized synapse: its arrays (definition order), the constants hoisted out of the loop
/// (its derived constants, then every other constant subtree <c>k{n}</c>, computed once in double and rounded once),
/// the per-pre-neuron body (one <see cref="Let"/> of each array's new value, from the old values and the spike, the local
/// <see cref="SpikeLocal"/>), and the value the comm reads: an array's new value (<see cref="ValueArray"/>) or an
/// expression of them (<see cref="Value"/>, stored per neuron); <see cref="Initials"/>: each array's initial value (its
/// definition's <see cref="Model.Definitions.SynArray.Initial"/> with the parameter values, 0 when none);
/// <see cref="ValueInitial"/>: the value of that initial state (stored in the state's <see cref="PreSynapseLowering.ValueName"/>
/// array when the value is not an array).</summary>
internal sealed record PreSynapsePlan(
    Helpers.EquatableArray<string> Arrays,
    Helpers.EquatableArray<PlanConstant> Constants,
    Helpers.EquatableArray<Stmt> Body,
    string? ValueArray,
    Expr Value,
    Helpers.EquatableArray<double> Initials,
    double ValueInitial);

/// <summary>Synapse definition + parameter values → <see cref="PreSynapsePlan"/>: the neuron lowering's forms (Let
/// statements over old/new locals, constants hoisted to the prelude) for a per-pre-neuron step whose input is the spike.</summary>
internal static class PreSynapseLowering
{
    public const string SpikeLocal = "spike";

    /// <summary>The state array that holds a value which is an expression of the arrays (STP's u·x), after them.</summary>
    public const string ValueName = "Value";

    public static PreSynapsePlan Lower(SynSpec syn)
    {
        var def = syn.Def;
        var constants = new List<PlanConstant>();
        Expr Bind(Expr e) => IrOps.Rewrite(e, n => n switch
        {
            Param p => new Num(syn.Value(p.Name)),
            Input => new Local(SpikeLocal),
            _ => null,
        });
        foreach (var d in def.Derived) constants.Add(new PlanConstant(d.Name, Bind(d.Value), d.Doc));
        var arrays = new List<string>();
        var body = new List<Stmt>();
        foreach (var a in def.Arrays)
        {
            arrays.Add(a.Name);
            body.Add(new Let(StepLowering.NextLocal(a.Name), Hoist(Bind(a.Decay), constants), a.Doc));
        }
        var value = Hoist(Bind(def.Value), constants);
        body = StepLowering.CommonSubexpressions(body); // NMDA's dt·A appears five times in φ: computed once (same bits)
        var initials = new List<double>();
        foreach (var a in def.Arrays) initials.Add(a.Initial is null ? 0 : ConstantEvaluator.Evaluate(a.Initial, syn.Value));
        // The value of the initial state (what the comm reads before the synapse's first step: STP's U·1).
        var initialValue = IrOps.Rewrite(def.Value, e => e is Next or Var ? new Num(initials[arrays.IndexOf(e is Next nx ? nx.Name : ((Var)e).Name)]) : null);
        double valueInitial = ConstantEvaluator.Evaluate(initialValue, syn.Value);
        return new PreSynapsePlan(arrays.ToEquatableArray(), constants.ToEquatableArray(), body.ToEquatableArray(),
            value is Next n ? n.Name : null, value, initials.ToEquatableArray(), valueInitial);
    }

    /// <summary>The arrays whose rest value is 0: their step maps a zero state and no spike to 0 (evaluated with the
    /// definition's constants at dt = 0.1 ms), so a silent pre neuron's entry decays geometrically towards 0 and, unflushed,
    /// into the subnormal range (STP's u with τ_f = 1500 ms). An array that recovers towards another value (STD's and STP's
    /// x, towards 1) is not listed: it never becomes tiny while silent.</summary>
    public static List<string> DecayingToZero(SynSpec syn)
    {
        var def = syn.Def;
        var derived = new Dictionary<string, Expr>(System.StringComparer.Ordinal);
        foreach (var d in def.Derived) derived[d.Name] = d.Value;
        Expr AtRest(Expr e, int depth) => IrOps.Rewrite(e, n => n switch
        {
            Var or Next or Input => new Num(0),
            Dt => new Num(0.1),
            Derived d when depth < 8 && derived.TryGetValue(d.Name, out var v) => AtRest(v, depth + 1),
            _ => null,
        });
        var list = new List<string>();
        foreach (var a in def.Arrays)
        {
            double r = ConstantEvaluator.Evaluate(AtRest(a.Decay, 0), syn.Value);
            if (r == 0) list.Add(a.Name);
        }
        return list;
    }

    /// <summary>Every maximal constant subtree that is not a number or a derived constant becomes a constant <c>k{n}</c>
    /// (equal subtrees share one).</summary>
    static Expr Hoist(Expr e, List<PlanConstant> constants)
    {
        if (e is Num or Derived) return e;
        if (IrOps.IsConstant(e) && e is not (Cmp or Logic))
        {
            foreach (var c in constants)
                if (c.Name.StartsWith("k", System.StringComparison.Ordinal) && c.Value.Equals(e)) return new Derived(c.Name);
            string name = "k" + constants.Count;
            constants.Add(new PlanConstant(name, e, "constant subtree"));
            return new Derived(name);
        }
        return e switch
        {
            Bin b => new Bin(b.Op, Hoist(b.A, constants), Hoist(b.B, constants)),
            Un u => new Un(u.Op, Hoist(u.A, constants)),
            Cmp c => new Cmp(c.Op, Hoist(c.A, constants), Hoist(c.B, constants)),
            Logic l => new Logic(l.Op, Hoist(l.A, constants), Hoist(l.B, constants)),
            Select s => new Select(Hoist(s.Cond, constants), Hoist(s.IfTrue, constants), Hoist(s.IfFalse, constants)),
            _ => e,
        };
    }
}
