using System;
using System.Collections.Generic;

namespace SpikeSharp.Generator.Model.Ir;

// The step IR: a small expression language in which every model's step, spike condition, reset, derived constants,
// synapse decay and output current are written (design.md, "Models as data"). Nodes are records, so trees compare by
// value (plans that hold them cache in the incremental pipeline, and common subexpressions are found by equality).
// Per-neuron expressions are evaluated in float, with the operations in exactly the order of the tree (the emitters
// print one text for the scalar and the SIMD paths, so both give the same bits); constant expressions (parameters,
// dt, numbers) are evaluated once, in double, when an instance is built, and rounded once to float.

/// <summary>A node of the step IR.</summary>
internal abstract record Expr
{
    public static implicit operator Expr(double value) => new Num(value);

    public static Expr operator +(Expr a, Expr b) => new Bin(BinOp.Add, a, b);
    public static Expr operator -(Expr a, Expr b) => new Bin(BinOp.Sub, a, b);
    public static Expr operator *(Expr a, Expr b) => new Bin(BinOp.Mul, a, b);
    public static Expr operator /(Expr a, Expr b) => new Bin(BinOp.Div, a, b);
    public static Expr operator -(Expr a) => new Un(UnOp.Neg, a);
    public static Expr operator >=(Expr a, Expr b) => new Cmp(CmpOp.Ge, a, b);
    public static Expr operator <=(Expr a, Expr b) => new Cmp(CmpOp.Le, a, b);
    public static Expr operator >(Expr a, Expr b) => new Cmp(CmpOp.Gt, a, b);
    public static Expr operator <(Expr a, Expr b) => new Cmp(CmpOp.Lt, a, b);
}

/// <summary>A number (printed as a float literal in a per-neuron expression, as a double in a constant one).</summary>
internal sealed record Num(double Value) : Expr;

/// <summary>A parameter of the model (its value comes from the attribute or the definition's default).</summary>
internal sealed record Param(string Name) : Expr;

/// <summary>A derived constant of the model, defined by the definition as an expression of parameters and dt.</summary>
internal sealed record Derived(string Name) : Expr;

/// <summary>The time step dt (ms).</summary>
internal sealed record Dt : Expr
{
    public static readonly Dt Instance = new();
}

/// <summary>A state variable's value at the start of the step ("old": every variable integrates from the same state).</summary>
internal sealed record Var(string Name) : Expr;

/// <summary>A state variable's value after integration this step (what the spike condition and the reset read).</summary>
internal sealed record Next(string Name) : Expr;

/// <summary>The neuron's input current of the step, frozen for the step: external input plus every synaptic output
/// evaluated on the old V (brainpy-semantics.md §2.1).</summary>
internal sealed record Input : Expr
{
    public static readonly Input Instance = new();
}

/// <summary>A state variable of the post neuron, read by an output (COBA's V): its value at the start of the step.</summary>
internal sealed record PostVar(string Name) : Expr;

/// <summary>The value a synapse hands its output (Expon's g, DualExponV2's A·(g_decay − g_rise)), after this step's decay.</summary>
internal sealed record Conductance : Expr
{
    public static readonly Conductance Instance = new();
}

/// <summary>A value computed earlier in the same per-neuron body (a <see cref="Let"/> of the lowered plan).</summary>
internal sealed record Local(string Name) : Expr;

internal enum BinOp { Add, Sub, Mul, Div, Min, Max, Pow }

internal sealed record Bin(BinOp Op, Expr A, Expr B) : Expr;

/// <summary><see cref="Ceil"/> only in constants (evaluated in double when an instance is built): AMPA's pulse length in steps.</summary>
internal enum UnOp { Neg, Exp, Log, Sqrt, Abs, Tanh, Ceil }

internal sealed record Un(UnOp Op, Expr A) : Expr;

internal enum CmpOp { Lt, Le, Gt, Ge, Eq, Ne }

/// <summary>A comparison: a boolean (a mask lane-wise).</summary>
internal sealed record Cmp(CmpOp Op, Expr A, Expr B) : Expr;

internal enum LogicOp { And, Or }

/// <summary>Both comparisons evaluated (no short circuit; lane-wise a mask operation): HH's upward crossing
/// <c>V_old &lt; V_th ∧ V_new ≥ V_th</c>.</summary>
internal sealed record Logic(LogicOp Op, Expr A, Expr B) : Expr;

/// <summary><c>Cond ? IfTrue : IfFalse</c>; both sides are computed lane-wise, so neither may trap.</summary>
internal sealed record Select(Expr Cond, Expr IfTrue, Expr IfFalse) : Expr;

/// <summary>Builders that read like the equations in brainpy-semantics.md.</summary>
internal static class E
{
    public static Expr P(string name) => new Param(name);
    public static Expr D(string name) => new Derived(name);
    public static Expr S(string name) => new Var(name);
    public static Expr N(string name) => new Next(name);
    public static readonly Expr I = Input.Instance;
    public static readonly Expr dt = Dt.Instance;
    public static readonly Expr g = Conductance.Instance;
    public static Expr PostV => new PostVar("V");
    public static Expr Exp(Expr a) => new Un(UnOp.Exp, a);
    public static Expr Log(Expr a) => new Un(UnOp.Log, a);
    public static Expr Sqrt(Expr a) => new Un(UnOp.Sqrt, a);
    public static Expr Abs(Expr a) => new Un(UnOp.Abs, a);
    public static Expr Tanh(Expr a) => new Un(UnOp.Tanh, a);
    public static Expr Ceil(Expr a) => new Un(UnOp.Ceil, a);
    public static Expr Pow(Expr a, Expr b) => new Bin(BinOp.Pow, a, b);
    public static Expr Min(Expr a, Expr b) => new Bin(BinOp.Min, a, b);
    public static Expr Max(Expr a, Expr b) => new Bin(BinOp.Max, a, b);
    public static Expr If(Expr cond, Expr a, Expr b) => new Select(cond, a, b);
    public static Expr And(Expr a, Expr b) => new Logic(LogicOp.And, a, b);

    /// <summary>φ(z) = (eᶻ − 1)/z, the exponential-Euler factor (brainpy-semantics.md §2.2): BrainPy's series
    /// 1 + z/2 + z²/6 for |z| ≤ 1e−5 (its float32 threshold); for |z| &lt; 0.5 the Taylor series of φ to z⁷ (Horner; the
    /// first term left out, z⁸/9!, is below 1.1e−8 there, a fifth of a float ulp), which does not cancel like eᶻ − 1 and
    /// needs neither exp nor log; beyond, (eᶻ − 1)/z, which keeps BrainPy's +∞ when eᶻ overflows (an ExpIF neuron far
    /// above V_T then spikes and resets, as in BrainPy, instead of turning NaN).</summary>
    public static Expr Phi(Expr z)
    {
        Expr poly = 1.0 / 40320.0;
        foreach (double c in new[] { 1.0 / 5040.0, 1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 1.0 / 2.0, 1.0 })
            poly = c + z * poly;
        return If(Abs(z) <= 1e-5, (Expr)1.0 + z / 2.0 + z * z / 6.0, If(Abs(z) < 0.5, poly, (Exp(z) - 1.0) / z));
    }
}

/// <summary>Walks and rewrites IR trees.</summary>
internal static class IrOps
{
    /// <summary>Whether <paramref name="e"/> is the same for every neuron and step: numbers, parameters, derived
    /// constants and dt only. Such a subtree is evaluated once, in double, when an instance is built.</summary>
    public static bool IsConstant(Expr e) => e switch
    {
        Num or Param or Derived or Dt => true,
        Bin b => IsConstant(b.A) && IsConstant(b.B),
        Un u => IsConstant(u.A),
        Cmp c => IsConstant(c.A) && IsConstant(c.B),
        Logic l => IsConstant(l.A) && IsConstant(l.B),
        Select s => IsConstant(s.Cond) && IsConstant(s.IfTrue) && IsConstant(s.IfFalse),
        _ => false,
    };

    /// <summary>Replaces nodes bottom-up: <paramref name="f"/> gets each node with its children already rewritten and
    /// returns a replacement or null (keep).</summary>
    public static Expr Rewrite(Expr e, Func<Expr, Expr?> f)
    {
        Expr r = e switch
        {
            Bin b => Same(b.A, b.B, Rewrite(b.A, f), Rewrite(b.B, f), out var a1, out var b1) ? b : b with { A = a1, B = b1 },
            Un u => Rewrite(u.A, f) is var a2 && ReferenceEquals(a2, u.A) ? u : u with { A = a2 },
            Cmp c => Same(c.A, c.B, Rewrite(c.A, f), Rewrite(c.B, f), out var a3, out var b3) ? c : c with { A = a3, B = b3 },
            Logic l => Same(l.A, l.B, Rewrite(l.A, f), Rewrite(l.B, f), out var a5, out var b5) ? l : l with { A = a5, B = b5 },
            Select s => Rewrite(s.Cond, f) is var c4 && Rewrite(s.IfTrue, f) is var t4 && Rewrite(s.IfFalse, f) is var f4
                        && ReferenceEquals(c4, s.Cond) && ReferenceEquals(t4, s.IfTrue) && ReferenceEquals(f4, s.IfFalse)
                ? s : new Select(c4, t4, f4),
            _ => e,
        };
        return f(r) ?? r;
    }

    static bool Same(Expr a, Expr b, Expr a1, Expr b1, out Expr outA, out Expr outB)
    {
        outA = a1;
        outB = b1;
        return ReferenceEquals(a, a1) && ReferenceEquals(b, b1);
    }

    /// <summary>Every node of the tree, parents before children.</summary>
    public static IEnumerable<Expr> Nodes(Expr e)
    {
        yield return e;
        IEnumerable<Expr> children = e switch
        {
            Bin b => new[] { b.A, b.B },
            Un u => new[] { u.A },
            Cmp c => new[] { c.A, c.B },
            Logic l => new[] { l.A, l.B },
            Select s => new[] { s.Cond, s.IfTrue, s.IfFalse },
            _ => Array.Empty<Expr>(),
        };
        foreach (var c in children)
            foreach (var n in Nodes(c)) yield return n;
    }
}
