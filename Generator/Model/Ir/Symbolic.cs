using System;

namespace SpikeSharp.Generator.Model.Ir;

/// <summary>
/// Symbolic differentiation and light simplification of IR trees, at compile time. exp_auto needs A = ∂f/∂y of each
/// state variable's derivative f (brainpy-semantics.md §2.2); BrainPy gets it by autodiff at run time, we derive it
/// once here, so the generated code shows it and a constant A is folded into the hoisted prelude.
/// </summary>
internal static class Symbolic
{
    /// <summary>∂e/∂<paramref name="variable"/>, where <paramref name="variable"/> is a state variable's old value
    /// (<see cref="Var"/>); every other state, the input, parameters and constants are held fixed. Null when a node
    /// has no derivative the IR can express (a comparison's, or a Pow with a non-constant exponent and base).</summary>
    public static Expr? Differentiate(Expr e, string variable)
    {
        switch (e)
        {
            case Var v: return v.Name == variable ? One : Zero;
            case Num or Param or Derived or Dt or Input or PostVar or Next or Local or Conductance: return Zero;
            case Un u:
            {
                var da = Differentiate(u.A, variable);
                if (da is null) return null;
                if (IsZero(da)) return Zero;
                return u.Op switch
                {
                    UnOp.Neg => Neg(da),
                    UnOp.Exp => Mul(da, u), // (e^a)' = a'·e^a: the same subtree, computed once (common subexpression)
                    UnOp.Log => Div(da, u.A),
                    UnOp.Sqrt => Div(da, Mul(new Num(2), u)),
                    UnOp.Abs => Mul(da, new Select(new Cmp(CmpOp.Lt, u.A, Zero), new Num(-1), One)),
                    UnOp.Tanh => Mul(da, Sub(One, Mul(u, u))), // tanh' = 1 − tanh²
                    _ => null,
                };
            }
            case Bin b:
            {
                var da = Differentiate(b.A, variable);
                var db = Differentiate(b.B, variable);
                if (da is null || db is null) return null;
                switch (b.Op)
                {
                    case BinOp.Add: return Add(da, db);
                    case BinOp.Sub: return Sub(da, db);
                    case BinOp.Mul: return Add(Mul(da, b.B), Mul(b.A, db));
                    case BinOp.Div:
                        // (a/b)' = a'/b − a·b'/b²
                        return IsZero(db) ? Div(da, b.B) : Sub(Div(da, b.B), Div(Mul(b.A, db), Mul(b.B, b.B)));
                    // Equal derivatives need no select (min(V, V)' = V', and no generated 'V > V' comparison).
                    case BinOp.Min: return da.Equals(db) ? da : new Select(new Cmp(CmpOp.Lt, b.A, b.B), da, db);
                    case BinOp.Max: return da.Equals(db) ? da : new Select(new Cmp(CmpOp.Gt, b.A, b.B), da, db);
                    case BinOp.Pow:
                        if (IsZero(db)) return IsZero(da) ? Zero : Mul(Mul(b.B, new Bin(BinOp.Pow, b.A, Sub(b.B, One))), da); // (aⁿ)' = n·aⁿ⁻¹·a'
                        return Mul(b, Add(Mul(db, new Un(UnOp.Log, b.A)), Div(Mul(b.B, da), b.A))); // a^b·(b' ln a + b a'/a)
                    default: return null;
                }
            }
            case Select s:
            {
                var dt = Differentiate(s.IfTrue, variable);
                var df = Differentiate(s.IfFalse, variable);
                if (dt is null || df is null) return null;
                return dt.Equals(df) ? dt : new Select(s.Cond, dt, df);
            }
            default: return null; // a bare comparison: no derivative
        }
    }

    static readonly Expr Zero = new Num(0), One = new Num(1);

    public static bool IsZero(Expr e) => e is Num { Value: 0 };
    static bool IsOne(Expr e) => e is Num { Value: 1 };

    // Simplifying constructors: they drop additive zeros and multiplicative ones and fold numbers, so a derivative
    // reads like one written by hand (∂(p1·V·V + p2·V)/∂V = p1·V + p1·V + p2).
    static Expr Add(Expr a, Expr b) => IsZero(a) ? b : IsZero(b) ? a : Fold(new Bin(BinOp.Add, a, b));
    static Expr Sub(Expr a, Expr b) => IsZero(b) ? a : IsZero(a) ? Neg(b) : Fold(new Bin(BinOp.Sub, a, b));
    static Expr Mul(Expr a, Expr b) =>
        IsZero(a) || IsZero(b) ? Zero : IsOne(a) ? b : IsOne(b) ? a
        : a is Num { Value: -1 } ? Neg(b) : b is Num { Value: -1 } ? Neg(a) : Fold(new Bin(BinOp.Mul, a, b));
    static Expr Div(Expr a, Expr b) => IsZero(a) ? Zero : IsOne(b) ? a : Fold(new Bin(BinOp.Div, a, b));
    static Expr Neg(Expr a) => a switch
    {
        Num n => new Num(-n.Value),
        Un { Op: UnOp.Neg } u => u.A,
        _ => new Un(UnOp.Neg, a),
    };

    static Expr Fold(Bin b)
    {
        if (b.A is Num x && b.B is Num y)
        {
            double v = b.Op switch
            {
                BinOp.Add => x.Value + y.Value,
                BinOp.Sub => x.Value - y.Value,
                BinOp.Mul => x.Value * y.Value,
                BinOp.Div => x.Value / y.Value,
                _ => double.NaN,
            };
            if (!double.IsNaN(v) && !double.IsInfinity(v)) return new Num(v);
        }
        return b;
    }
}
