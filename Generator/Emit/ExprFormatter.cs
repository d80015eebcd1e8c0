using System;
using System.Collections.Generic;
using SpikeSharp.Generator.Helpers;
using SpikeSharp.Generator.Lowering;
using SpikeSharp.Generator.Model.Ir;

namespace SpikeSharp.Generator.Emit;

/// <summary>
/// Prints IR expressions as C#. Three forms: per-neuron <c>float</c> (scalar loop), per-neuron lanes
/// (<c>Vector256/512&lt;float&gt;</c>) and constant <c>double</c> (the prelude). The scalar and vector texts differ only
/// in how leaves are named (vector constants are broadcast once, before the loop) and in comparisons and selects, which
/// become masks: every arithmetic operation appears in the same order, with no FMA contraction, and functions are
/// <c>SpikeSharp.VMath</c>'s, one algorithm with a float and a vector overload, so both paths give the same bits.
/// Parentheses follow the tree exactly (float arithmetic is not associative).
/// </summary>
internal sealed class ExprFormatter
{
    public enum Mode { Scalar, Vector, Double }

    readonly Mode _mode;
    readonly string _vec; // "global::System.Runtime.Intrinsics.Vector512"
    readonly Func<string, string> _param;
    readonly Func<string, string>? _input;
    readonly Dictionary<double, string>? _numbers;

    const string VMath = "global::SpikeSharp.VMath.";

    /// <param name="mode">The form.</param>
    /// <param name="vec">The vector class (vector mode).</param>
    /// <param name="param">How a parameter is printed (its const name; a literal of its value in double mode).</param>
    /// <param name="numbers">Vector mode: the broadcast local of each number, filled as numbers are met.</param>
    public ExprFormatter(Mode mode, Func<string, string> param, string vec = "", Dictionary<double, string>? numbers = null, Func<string, string>? input = null)
    {
        _mode = mode;
        _vec = vec;
        _param = param;
        _numbers = numbers;
        _input = input;
    }

    /// <summary>Where a state's old value comes from (default: its local <c>vOld</c>); set by the constructor's
    /// initial-value loop to an array element.</summary>
    public Func<string, string> OldValue { get; set; } = StepLowering.OldLocal;

    public string Format(Expr e) => Format(e, out _);

    /// <summary>Prints every comparison with its operands swapped and its operator mirrored (<c>a ≥ b</c> as <c>b ≤ a</c>):
    /// the same lanes for every input, NaN included, but a different tree, so the JIT does not merge it with the unmirrored
    /// one. The vector step reads the spike mask twice (the reset's select and the spike bits); one compare with two such
    /// uses is moved from a mask register into a vector and back, two compares each stay in a mask register.</summary>
    public string FormatMirrored(Expr e)
    {
        _mirror = true;
        try { return Format(e, out _); }
        finally { _mirror = false; }
    }

    bool _mirror;

    // Precedence: 0 comparison / select, 1 additive, 2 multiplicative, 3 unary, 4 primary.
    string Format(Expr e, out int prec)
    {
        prec = 4;
        switch (e)
        {
            case Num n:
                if (_mode == Mode.Double) return Wrap(Literals.Double(n.Value), BitConverter.DoubleToInt64Bits(n.Value) < 0, ref prec);
                if (_mode == Mode.Scalar) return Wrap(Literals.Float(n.Value), BitConverter.DoubleToInt64Bits(n.Value) < 0, ref prec);
                if (!_numbers!.TryGetValue(n.Value, out var name)) _numbers.Add(n.Value, name = "xn" + _numbers.Count);
                return name;
            case Param p: return _mode == Mode.Vector ? "x" + p.Name : _param(p.Name);
            case Derived d: return _mode == Mode.Double ? "__" + d.Name : _mode == Mode.Vector ? "x" + d.Name : d.Name;
            case Dt: return _mode == Mode.Double ? "Dt" : throw new InvalidOperationException("dt is hoisted by the lowering");
            case Var v: return OldValue(v.Name);
            case Next x: return StepLowering.NextLocal(x.Name);
            case Local l when l.Name == StepLowering.InputLocal && _input is not null:
                prec = 1;
                return _input(l.Name);
            case Local l: return l.Name;
            case Un u: return FormatUnary(u, ref prec);
            case Bin b: return FormatBinary(b, ref prec);
            case Cmp c:
                prec = 0;
                return FormatCompare(c);
            case Logic l:
                prec = 0;
                if (_mode == Mode.Vector) return $"({Format(l.A)} {(l.Op == LogicOp.And ? "&" : "|")} {Format(l.B)})";
                return $"({Format(l.A)}) {(l.Op == LogicOp.And ? "&" : "|")} ({Format(l.B)})";
            case Select s:
                if (_mode == Mode.Vector) return $"{_vec}.ConditionalSelect({Format(s.Cond)}, {Format(s.IfTrue)}, {Format(s.IfFalse)})";
                return $"({Format(s.Cond)} ? {Format(s.IfTrue)} : {Format(s.IfFalse)})";
            default:
                throw new InvalidOperationException("cannot print " + e.GetType().Name); // definitions are ours, not user input
        }
    }

    static string Wrap(string text, bool negative, ref int prec)
    {
        if (negative) prec = 3;
        return text;
    }

    string FormatUnary(Un u, ref int prec)
    {
        if (u.Op == UnOp.Neg)
        {
            if (_mode == Mode.Vector) return VMath + "Neg(" + Format(u.A) + ")";
            string a = Format(u.A, out int pa);
            prec = 3;
            return "-" + (pa < 3 || a.StartsWith("-", StringComparison.Ordinal) ? "(" + a + ")" : a);
        }
        string arg = Format(u.A);
        if (_mode == Mode.Double)
            return u.Op switch
            {
                UnOp.Exp => "global::System.Math.Exp(" + arg + ")",
                UnOp.Log => "global::System.Math.Log(" + arg + ")",
                UnOp.Sqrt => "global::System.Math.Sqrt(" + arg + ")",
                UnOp.Tanh => "global::System.Math.Tanh(" + arg + ")",
                UnOp.Ceil => "global::System.Math.Ceiling(" + arg + ")",
                _ => "global::System.Math.Abs(" + arg + ")",
            };
        return VMath + u.Op + "(" + arg + ")";
    }

    string FormatBinary(Bin b, ref int prec)
    {
        if (b.Op is BinOp.Min or BinOp.Max or BinOp.Pow)
        {
            string fn = _mode == Mode.Double ? "global::System.Math." + b.Op : VMath + b.Op;
            return fn + "(" + Format(b.A) + ", " + Format(b.B) + ")";
        }
        int p = b.Op is BinOp.Add or BinOp.Sub ? 1 : 2;
        string op = b.Op switch { BinOp.Add => " + ", BinOp.Sub => " - ", BinOp.Mul => " * ", _ => " / " };
        string left = Format(b.A, out int pl);
        string right = Format(b.B, out int pr);
        if (pl < p) left = "(" + left + ")";
        if (pr <= p) right = "(" + right + ")"; // right operand of equal precedence: a − (b − c), a·(b/c)
        prec = p;
        return left + op + right;
    }

    string FormatCompare(Cmp c)
    {
        string a = Format(c.A), b = Format(c.B);
        if (_mirror)
        {
            (a, b) = (b, a);
            c = c with { Op = c.Op switch { CmpOp.Lt => CmpOp.Gt, CmpOp.Le => CmpOp.Ge, CmpOp.Gt => CmpOp.Lt, CmpOp.Ge => CmpOp.Le, var o => o } };
        }
        if (_mode == Mode.Vector)
        {
            return c.Op switch
            {
                CmpOp.Lt => $"{_vec}.LessThan({a}, {b})",
                CmpOp.Le => $"{_vec}.LessThanOrEqual({a}, {b})",
                CmpOp.Gt => $"{_vec}.GreaterThan({a}, {b})",
                CmpOp.Ge => $"{_vec}.GreaterThanOrEqual({a}, {b})",
                CmpOp.Eq => $"{_vec}.Equals({a}, {b})",
                _ => $"{_vec}.OnesComplement({_vec}.Equals({a}, {b}))",
            };
        }
        string op = c.Op switch { CmpOp.Lt => " < ", CmpOp.Le => " <= ", CmpOp.Gt => " > ", CmpOp.Ge => " >= ", CmpOp.Eq => " == ", _ => " != " };
        return a + op + b;
    }
}
