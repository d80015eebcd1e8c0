using System;
using System.Collections.Generic;
using System.Linq;
using SpikeSharp.Generator.Helpers;
using SpikeSharp.Generator.Model;
using SpikeSharp.Generator.Model.Definitions;
using SpikeSharp.Generator.Model.Ir;
using static SpikeSharp.Generator.Model.Ir.E;

namespace SpikeSharp.Generator.Lowering;

/// <summary>A float array of the step: a neuron state (<see cref="Group"/> −1) or a merge group's synapse state.
/// <see cref="Var"/>/<see cref="Next"/> of <see cref="Name"/> are its value before and after this step. Every array is
/// post-aligned (one entry per neuron of this population); pre-aligned synapse state comes with the projection issue.</summary>
internal sealed record PlanArray(string Name, string Member, int Group, string Doc, bool Public)
{
    /// <summary>A synapse array whose step changes it (decays): the population flushes its tiny values (<c>TinyFlush</c>); false for
    /// states and for arrays only written by a projection each step (an align-pre comm output).</summary>
    public bool Decays { get; init; }
}

/// <summary>A constant hoisted out of the step: a float field <c>__{Name}</c>, computed once per instance from
/// <see cref="Value"/> in double (parameters, dt, numbers) and rounded once.</summary>
internal sealed record PlanConstant(string Name, Expr Value, string Comment);

/// <summary>A statement of the per-neuron body.</summary>
internal abstract record Stmt;

/// <summary><c>float Name = Value;</c> (a vector of them on the SIMD path).</summary>
internal sealed record Let(string Name, Expr Value, string? Comment = null) : Stmt;

/// <summary>Writes the array's new value (<see cref="Next"/>) back (synapse arrays; neuron states are stored after the reset).</summary>
internal sealed record Store(string Array) : Stmt;

/// <summary>
/// The lowered step of one population (design.md, "Models as data"): its state arrays, the constants hoisted into the
/// prelude, the per-neuron body in order (synapse decay, the frozen input current, the integration of every state from
/// the same old state), then the template's refractory hold, spike condition and reset. Emitters format it for the
/// scalar and the SIMD loop (the same text, so the same bits), and later for other backends (ILGPU, a partitioned step).
/// The name "input" in the body is the step's external current (the scalar input, plus the per-neuron input where given).
/// </summary>
internal sealed record StepPlan(
    EquatableArray<PlanArray> States,
    EquatableArray<PlanArray> SynapseArrays,
    EquatableArray<PlanConstant> Constants,
    EquatableArray<Stmt> Body,
    string? RefractoryHold,
    Expr Spike,
    EquatableArray<Reset> Resets);

/// <summary>Definitions + merge groups → <see cref="StepPlan"/>. Integration rules (brainpy-semantics.md §2.2):
/// <see cref="LinearExact"/> is <c>y + c·(y∞ − y)</c>; <see cref="Ode"/> is exp_auto, <c>y + (dt·φ(dt·A))·f</c> with
/// <c>A = ∂f/∂y</c> derived symbolically (Euler, <c>y + dt·f</c>, where A is 0). Constant subtrees go to the prelude;
/// repeated subtrees are computed once (which changes no bits: the same operations on the same values).</summary>
internal static class StepLowering
{
    public const string InputLocal = "input";
    public const string CurrentLocal = "current";

    /// <summary>The delta-input array of a population that delta projections target.</summary>
    public const string DeltaArray = "Delta";

    public static StepPlan Lower(PopulationPlan plan)
    {
        var neuron = plan.Spec.Neuron;
        var def = neuron.Def;
        var states = def.States.Select(s => new PlanArray(s.Name, s.Name, -1, s.Doc, true)).ToList();
        var synArrays = new List<PlanArray>();
        var constants = new List<PlanConstant>();
        var body = new List<Stmt>();

        foreach (var d in def.Derived) constants.Add(new PlanConstant(d.Name, d.Value, d.Doc));

        // Synapses: decay every merged buffer (add-then-decay: this step's deliveries were added before the update).
        Expr current = new Local(InputLocal);
        foreach (var g in plan.Groups)
        {
            var syn = g.Key.Syn;
            var sd = syn.Def;
            string Rename(string n) => n + g.Index;
            Expr Bind(Expr e) => IrOps.Rewrite(e, n => n switch
            {
                Var v => new Var(Rename(v.Name)),
                Next x => new Next(Rename(x.Name)),
                Derived d => new Derived(Rename(d.Name)),
                Param p => new Num(syn.Value(p.Name)),
                _ => null,
            });
            foreach (var d in sd.Derived)
                constants.Add(new PlanConstant(Rename(d.Name), IrOps.Rewrite(d.Value, n => n is Param p ? new Num(syn.Value(p.Name)) : null),
                    d.Doc + " of merge group " + g.Index + " (" + g.Key.Text + ")"));
            foreach (var a in sd.Arrays)
            {
                synArrays.Add(new PlanArray(Rename(a.Name), Rename(a.Name), g.Index, a.Doc, true) { Decays = !(a.Decay is Var same && same.Name == a.Name) });
                if (g.Key.Owner is not null)
                {
                    // An unmerged projection's own synapse: its projection decayed it and added this step's events
                    // (decay then add, brainpy-semantics.md §4.2 item 3); the population only reads it.
                    body.Add(new Let(NextLocal(Rename(a.Name)), new Var(Rename(a.Name))));
                    continue;
                }
                body.Add(new Let(NextLocal(Rename(a.Name)), Bind(a.Decay)));
                body.Add(new Store(Rename(a.Name)));
            }
            var value = Bind(sd.Value);
            var output = g.Key.Out;
            var outExpr = IrOps.Rewrite(output.Def.Current, n => n switch
            {
                Conductance => value,
                PostVar pv => new Var(pv.Name),
                Param p => new Num(output.Value(p.Name)),
                _ => null,
            });
            current = current + outExpr;
        }
        body.Add(new Let(CurrentLocal, current, "external current x first, then every output on the old V (brainpy-semantics.md §2.1, §2.5)"));

        // Integration: every state from the same old state.
        Expr BindNeuron(Expr e) => IrOps.Rewrite(e, n => n is Input ? new Local(CurrentLocal) : null);
        // An LTC model (NeuronDef.Ltc, brainpy-semantics.md §2.1) sums x + Σ out_k(V) inside its derivative: f has the
        // same value as with the frozen current (both at the old V), but A = ∂f/∂y must see the outputs' V dependence,
        // so A is derived from f with Input bound to the expression of the state instead of the local. Plain models
        // never take this path (their A, and so their code, is what it was).
        Expr BindLtc(Expr e) => IrOps.Rewrite(e, n => n is Input ? current : null);
        bool rungeKutta = neuron.Method is Integration.Rk2 or Integration.Rk4;
        if (rungeKutta) RungeKutta(def, neuron.Method, BindNeuron, body);
        foreach (var u in rungeKutta ? def.Step.Where(u => u.Update is Explicit) : def.Step)
        {
            var y = new Var(u.State);
            Expr next;
            string comment;
            switch (u.Update)
            {
                case LinearExact lin when neuron.Method == Integration.Euler:
                    next = y + dt / P(lin.TimeConstant) * (BindNeuron(lin.Target) - y);
                    comment = "Euler (Method = Euler): " + u.State + " + (dt/" + lin.TimeConstant + ")·(target − " + u.State + ")";
                    break;
                case LinearExact lin:
                    next = y + new Derived(lin.Coefficient) * (BindNeuron(lin.Target) - y);
                    comment = "exact exponential Euler of a linear ODE";
                    break;
                case Ode ode when neuron.Method == Integration.Euler:
                    next = y + dt * BindNeuron(ode.Derivative);
                    comment = "Euler (Method = Euler): " + u.State + " + dt·f";
                    break;
                case Ode ode:
                {
                    var f = BindNeuron(ode.Derivative);
                    var a = Symbolic.Differentiate(def.Ltc ? BindLtc(ode.Derivative) : f, u.State);
                    if (a is null || Symbolic.IsZero(a))
                    {
                        next = y + dt * f;
                        comment = "exp_auto with ∂f/∂" + u.State + " = 0: Euler";
                    }
                    else
                    {
                        next = y + dt * Phi(dt * a) * f;
                        comment = "exp_auto: " + u.State + " + dt·φ(dt·A)·f, A = ∂f/∂" + u.State
                            + (def.Ltc ? " with the outputs inside f (LTC: A includes their V dependence)" : "")
                            + (neuron.User is not null ? " = " + Show(a) + " (derived symbolically at compile time)" : "");
                    }
                    break;
                }
                case Explicit ex:
                    next = BindNeuron(ex.Value);
                    comment = "explicit update";
                    break;
                default:
                    throw new InvalidOperationException("unknown update " + u.Update.GetType().Name); // definitions are ours, not user input
            }
            if (plan.Delta && u.State == "V")
            {
                // HalfProjDelta / FullProjDelta: V += the delta inputs after integration, before the refractory hold
                // (brainpy-semantics.md §2.1, §4.2 item 9); the buffer is consumed.
                next = next + new Var(DeltaArray);
                comment += "; + delta inputs";
            }
            body.Add(new Let(NextLocal(u.State), next, comment));
        }
        if (plan.Delta)
        {
            synArrays.Add(new PlanArray(DeltaArray, DeltaArray, -1, "Delta inputs added to V after integration (HalfProjDelta / FullProjDelta)", true));
            body.Add(new Let(NextLocal(DeltaArray), new Num(0)));
            body.Add(new Store(DeltaArray));
        }

        // A user model's spike condition or reset may read I (built-in ones never do): the step's current.
        var resets = def.Resets.Select(r => r with { Value = BindNeuron(r.Value) }).ToList();
        var spike = BindNeuron(def.Spike);

        // Hoist constant subtrees (and dt) of the per-neuron code into the prelude, in double.
        var hoisted = new Dictionary<Expr, string>();
        Expr Hoist(Expr n)
        {
            if (!hoisted.TryGetValue(n, out var name))
            {
                name = "k" + hoisted.Count;
                hoisted.Add(n, name);
                constants.Add(new PlanConstant(name, n, "hoisted from the step"));
            }
            return new Derived(name);
        }
        // Only maximal constant subtrees, top-down; numbers, derived constants and float parameters stay leaves.
        Expr HoistTop(Expr e)
        {
            // A constant comparison (a user's spike condition that reads no state) stays a comparison of hoisted operands.
            if (IrOps.IsConstant(e) && e is not (Cmp or Logic)) return e is Num or Derived || e is Param p && ParamStorage(def, p.Name) == Storage.Float ? e : Hoist(e);
            return e switch
            {
                Bin b => new Bin(b.Op, HoistTop(b.A), HoistTop(b.B)),
                Un u => new Un(u.Op, HoistTop(u.A)),
                Cmp c => new Cmp(c.Op, HoistTop(c.A), HoistTop(c.B)),
                Logic l => new Logic(l.Op, HoistTop(l.A), HoistTop(l.B)),
                Select s => new Select(HoistTop(s.Cond), HoistTop(s.IfTrue), HoistTop(s.IfFalse)),
                _ => e,
            };
        }
        body = body.Select(s => s is Let l ? l with { Value = HoistTop(l.Value) } : s).ToList();
        spike = HoistTop(spike);
        resets = resets.Select(r => r with { Value = HoistTop(r.Value) }).ToList();

        body = CommonSubexpressions(body);

        return new StepPlan(states.ToEquatableArray(), synArrays.ToEquatableArray(), constants.ToEquatableArray(),
            body.ToEquatableArray(), def.Refractory is null ? null : "V", spike, resets.ToEquatableArray());
    }

    /// <summary>BrainPy's explicit Runge–Kutta methods (brainpy/_src/integrators/ode/explicit_rk.py): rk2 is its class RK2
    /// with β = 2/3 (Ralston: A = [[], [2/3]], B = [1/4, 3/4]), rk4 the classical tableau. Every state with a derivative
    /// (a linear step's as f = (T − y)/τ) is staged together (BrainPy's JointEq), the input current held over the step;
    /// states with an explicit update read the old state.</summary>
    static void RungeKutta(NeuronDef def, Integration method, Func<Expr, Expr> bind, List<Stmt> body)
    {
        double[][] a = method == Integration.Rk2
            ? new[] { new double[0], new[] { 2.0 / 3.0 } }
            : new[] { new double[0], new[] { 0.5 }, new[] { 0.0, 0.5 }, new[] { 0.0, 0.0, 1.0 } };
        double[] b = method == Integration.Rk2 ? new[] { 0.25, 0.75 } : new[] { 1.0 / 6.0, 1.0 / 3.0, 1.0 / 3.0, 1.0 / 6.0 };
        string label = method == Integration.Rk2 ? "rk2 (BrainPy's RK2, β = 2/3: Ralston)" : "rk4 (classical)";
        var odes = new List<(string State, Expr F)>();
        foreach (var u in def.Step)
        {
            switch (u.Update)
            {
                case Ode o: odes.Add((u.State, bind(o.Derivative))); break;
                case LinearExact l: odes.Add((u.State, (bind(l.Target) - new Var(u.State)) / P(l.TimeConstant))); break;
            }
        }
        for (int j = 0; j < a.Length; j++)
        {
            int stage = j;
            // The stage's state: y + dt·Σ a_jl·k_l (the old state at stage 1).
            var at = new Dictionary<string, Expr>();
            foreach (var (s, _) in odes)
            {
                if (stage == 0) { at[s] = new Var(s); continue; }
                Expr? sum = null;
                for (int l = 0; l < stage; l++)
                {
                    if (a[stage][l] == 0) continue;
                    Expr term = a[stage][l] == 1 ? new Local(StageLocal(l, s)) : (Expr)a[stage][l] * new Local(StageLocal(l, s));
                    sum = sum is null ? term : sum + term;
                }
                string name = "y" + (stage + 1) + s;
                body.Add(new Let(name, new Var(s) + dt * sum!, stage == 1 ? label + ": stage states y + dt·Σ a·k" : null));
                at[s] = new Local(name);
            }
            foreach (var (s, f) in odes)
                body.Add(new Let(StageLocal(stage, s), stage == 0 ? f : IrOps.Rewrite(f, n => n is Var v && at.TryGetValue(v.Name, out var x) ? x : null),
                    stage == 0 && s == odes[0].State ? label + ": k1 = f(old state)" : null));
        }
        foreach (var (s, _) in odes)
        {
            Expr? sum = null;
            for (int j = 0; j < b.Length; j++)
            {
                Expr term = (Expr)b[j] * new Local(StageLocal(j, s));
                sum = sum is null ? term : sum + term;
            }
            body.Add(new Let(NextLocal(s), new Var(s) + dt * sum!, label + ": " + s + " + dt·Σ b·k"));
        }
    }

    /// <summary>An IR expression as C#-like text for a comment of the generated code (a user model's derived A).</summary>
    internal static string Show(Expr e) => new Emit.ExprFormatter(Emit.ExprFormatter.Mode.Double, static p => p) { OldValue = static s => s }.Format(e)
        .Replace("global::System.Math.", "").Replace("__", "");

    static string StageLocal(int stage, string state) => "k" + (stage + 1) + state;

    /// <summary>The local holding a state's value after this step: "V" → "vNew", "G0" → "g0New".</summary>
    public static string NextLocal(string state) => Camel(state) + "New";

    /// <summary>The local holding a state's value at the start of the step: "V" → "vOld".</summary>
    public static string OldLocal(string state) => Camel(state) + "Old";

    static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);

    static Storage ParamStorage(NeuronDef def, string name)
    {
        foreach (var p in def.Params) if (p.Name == name) return p.Storage;
        return Storage.None;
    }

    /// <summary>Computes each non-leaf subtree that occurs more than once in the body once, as a local <c>t{n}</c>
    /// placed before the statement that first uses it (ExpIF's exp((V − V_T)/ΔT) appears in f and in A).</summary>
    internal static List<Stmt> CommonSubexpressions(List<Stmt> body)
    {
        var counts = new Dictionary<Expr, int>();
        foreach (var s in body)
            if (s is Let l)
                foreach (var n in IrOps.Nodes(l.Value))
                    if (n is Bin or Un or Select) counts[n] = counts.TryGetValue(n, out int c) ? c + 1 : 1;
        var repeated = new HashSet<Expr>(counts.Where(kv => kv.Value > 1).Select(kv => kv.Key));
        if (repeated.Count == 0) return body;

        var names = new Dictionary<Expr, string>();
        var result = new List<Stmt>();
        foreach (var s in body)
        {
            if (s is Let l) result.Add(l with { Value = NameRepeated(l.Value, repeated, names, result) });
            else result.Add(s);
        }
        return result;
    }

    /// <summary>Rebuilds <paramref name="e"/> children first; a repeated subtree (keyed by its original form) becomes a
    /// local, declared in <paramref name="output"/> the first time.</summary>
    static Expr NameRepeated(Expr e, HashSet<Expr> repeated, Dictionary<Expr, string> names, List<Stmt> output)
    {
        if (repeated.Contains(e) && names.TryGetValue(e, out var known)) return new Local(known);
        // Children first, then this node.
        Expr rebuilt = e switch
        {
            Bin b => new Bin(b.Op, NameRepeated(b.A, repeated, names, output), NameRepeated(b.B, repeated, names, output)),
            Un u => new Un(u.Op, NameRepeated(u.A, repeated, names, output)),
            Cmp c => new Cmp(c.Op, NameRepeated(c.A, repeated, names, output), NameRepeated(c.B, repeated, names, output)),
            Logic l => new Logic(l.Op, NameRepeated(l.A, repeated, names, output), NameRepeated(l.B, repeated, names, output)),
            Select s => new Select(NameRepeated(s.Cond, repeated, names, output), NameRepeated(s.IfTrue, repeated, names, output), NameRepeated(s.IfFalse, repeated, names, output)),
            _ => e,
        };
        if (repeated.Contains(e))
        {
            string name = "t" + names.Count;
            names[e] = name;
            output.Add(new Let(name, rebuilt));
            return new Local(name);
        }
        return rebuilt;
    }
}
