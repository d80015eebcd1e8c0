using System;

namespace SpikeSharp.Generator.Model.Ir;

/// <summary>Evaluates a constant expression in double at compile time (a computed parameter default such as
/// DualExponV2's A). Parameters come from <c>param</c>; dt, state and input have no compile-time value (NaN).</summary>
internal static class ConstantEvaluator
{
    public static double Evaluate(Expr e, Func<string, double> param) => e switch
    {
        Num n => n.Value,
        Param p => param(p.Name),
        Un u => u.Op switch
        {
            UnOp.Neg => -Evaluate(u.A, param),
            UnOp.Exp => Math.Exp(Evaluate(u.A, param)),
            UnOp.Log => Math.Log(Evaluate(u.A, param)),
            UnOp.Sqrt => Math.Sqrt(Evaluate(u.A, param)),
            UnOp.Abs => Math.Abs(Evaluate(u.A, param)),
            UnOp.Tanh => Math.Tanh(Evaluate(u.A, param)),
            UnOp.Ceil => Math.Ceiling(Evaluate(u.A, param)),
            _ => double.NaN,
        },
        Bin b => Apply(b.Op, Evaluate(b.A, param), Evaluate(b.B, param)),
        Select s => Truth(s.Cond, param) is { } t ? Evaluate(t ? s.IfTrue : s.IfFalse, param) : double.NaN,
        _ => double.NaN,
    };

    static double Apply(BinOp op, double a, double b) => op switch
    {
        BinOp.Add => a + b,
        BinOp.Sub => a - b,
        BinOp.Mul => a * b,
        BinOp.Div => a / b,
        BinOp.Min => a < b ? a : b,
        BinOp.Max => a > b ? a : b,
        BinOp.Pow => Math.Pow(a, b),
        _ => double.NaN,
    };

    static bool? Truth(Expr e, Func<string, double> param)
    {
        if (e is not Cmp c) return null;
        double a = Evaluate(c.A, param), b = Evaluate(c.B, param);
        return c.Op switch
        {
            CmpOp.Lt => a < b,
            CmpOp.Le => a <= b,
            CmpOp.Gt => a > b,
            CmpOp.Ge => a >= b,
            CmpOp.Eq => a == b,
            _ => a != b,
        };
    }
}
