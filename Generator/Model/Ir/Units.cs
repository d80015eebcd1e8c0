using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SpikeSharp.Generator.Model.Ir;

/// <summary>A physical unit as exponents of volt, second and ampere and a power of ten (mV = 10⁻³ V, nS = 10⁻⁹ A/V).
/// Enough for the units a neuron model declares: V, s, A, S (A/V), F (A·s/V), Ω (V/A), Hz (1/s), with the prefixes
/// p n µ u m k M G, products (* or ·) and quotients (/); "1" is dimensionless.</summary>
internal readonly record struct Unit(int Volt, int Second, int Ampere, int Pow10)
{
    public static readonly Unit One = new(0, 0, 0, 0);
    public static readonly Unit Ms = new(0, 1, 0, -3);

    public bool SameDimension(Unit o) => Volt == o.Volt && Second == o.Second && Ampere == o.Ampere;
    public bool Dimensionless => Volt == 0 && Second == 0 && Ampere == 0;
    public static Unit operator *(Unit a, Unit b) => new(a.Volt + b.Volt, a.Second + b.Second, a.Ampere + b.Ampere, a.Pow10 + b.Pow10);
    public static Unit operator /(Unit a, Unit b) => new(a.Volt - b.Volt, a.Second - b.Second, a.Ampere - b.Ampere, a.Pow10 - b.Pow10);
    public Unit Power(int n) => new(Volt * n, Second * n, Ampere * n, Pow10 * n);

    static readonly Dictionary<string, Unit> Symbols = new(StringComparer.Ordinal)
    {
        ["V"] = new(1, 0, 0, 0), ["s"] = new(0, 1, 0, 0), ["A"] = new(0, 0, 1, 0), ["S"] = new(-1, 0, 1, 0),
        ["F"] = new(-1, 1, 1, 0), ["Ω"] = new(1, 0, -1, 0), ["Ohm"] = new(1, 0, -1, 0), ["ohm"] = new(1, 0, -1, 0),
        ["Hz"] = new(0, -1, 0, 0), ["1"] = One,
    };

    static int? Prefix(char c) => c switch
    {
        'p' => -12, 'n' => -9, 'µ' or 'μ' or 'u' => -6, 'm' => -3, 'k' => 3, 'M' => 6, 'G' => 9, _ => null,
    };

    /// <summary>The unit a declaration names, or null when it is empty or not understood (then nothing is checked).</summary>
    public static Unit? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        string[] parts = text!.Replace(" ", "").Split('/');
        Unit u = One;
        for (int k = 0; k < parts.Length; k++)
        {
            foreach (string factor in parts[k].Split('*', '·'))
            {
                if (Token(factor) is not { } f) return null;
                u = k == 0 ? u * f : u / f;
            }
        }
        return u;
    }

    static Unit? Token(string t)
    {
        if (t.Length == 0) return null;
        int power = 1;
        int caret = t.IndexOf('^');
        if (caret > 0)
        {
            if (!int.TryParse(t.Substring(caret + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out power)) return null;
            t = t.Substring(0, caret);
        }
        if (Symbols.TryGetValue(t, out var u)) return u.Power(power);
        if (t.Length > 1 && Prefix(t[0]) is int p && t != "1" && Symbols.TryGetValue(t.Substring(1), out var b) && t.Substring(1) != "1")
            return (b * new Unit(0, 0, 0, p)).Power(power);
        return null;
    }

    /// <summary>SI form for messages: "V/s", "10^-3 V", "A·V^-1" …</summary>
    public override string ToString()
    {
        var num = new List<string>();
        var den = new List<string>();
        void Add(string s, int e)
        {
            if (e > 0) num.Add(e == 1 ? s : s + "^" + e.ToString(CultureInfo.InvariantCulture));
            else if (e < 0) den.Add(e == -1 ? s : s + "^" + (-e).ToString(CultureInfo.InvariantCulture));
        }
        Add("V", Volt); Add("A", Ampere); Add("s", Second);
        var sb = new StringBuilder();
        if (Pow10 != 0) sb.Append("10^").Append(Pow10.ToString(CultureInfo.InvariantCulture)).Append(num.Count > 0 || den.Count > 0 ? " " : "");
        sb.Append(string.Join("·", num.Count == 0 && (den.Count > 0 || Pow10 == 0) ? new List<string> { "1" } : num));
        if (den.Count > 0) sb.Append('/').Append(string.Join("·", den));
        return sb.ToString();
    }
}

/// <summary>Dimensional analysis of a model expression, conservative: a parameter or state without a declared (understood)
/// unit and a product with a bare number or I (whose unit the number hides: the 4 in <c>(13 − V + VT)/4</c> is 4 mV) are
/// unknown, and so is a sum with an unknown term; a bare number or I in a sum takes the other terms' unit. Reports only what is
/// certainly wrong: a sum, comparison, min/max or ?: of two known, different units, and Exp/Log/Tanh of a known unit
/// that is not dimensionless.</summary>
internal sealed class UnitCheck(Func<string, Unit?> param, Func<string, Unit?> state)
{
    /// <summary>A problem inside the expression: the subexpression and what is wrong.</summary>
    public readonly List<(Expr At, string Problem)> Problems = new();

    // null: unknown; Any: a bare number (fits any unit in a sum).
    sealed record Q(Unit? Known, bool Any)
    {
        public static readonly Q Unknown = new(null, false);
        public static readonly Q Number = new(null, true);
        public static Q Of(Unit? u) => u is null ? Unknown : new Q(u, false);
    }

    /// <summary>The unit of <paramref name="e"/> when it is known; problems found on the way go to <see cref="Problems"/>.</summary>
    public Unit? Infer(Expr e) => Walk(e).Known;

    Q Walk(Expr e)
    {
        switch (e)
        {
            case Num: return Q.Number;
            case Param p: return Q.Of(param(p.Name));
            case Var v: return Q.Of(state(v.Name));
            case Next n: return Q.Of(state(n.Name));
            case Dt: return Q.Of(Unit.Ms);
            case Input: return Q.Number; // the step's input current: in whatever unit its equation needs
            case Un { Op: UnOp.Neg or UnOp.Abs } u: return Walk(u.A);
            case Un { Op: UnOp.Exp or UnOp.Log or UnOp.Tanh } u:
            {
                var a = Walk(u.A);
                if (a.Known is { } k && !k.Dimensionless)
                {
                    Problems.Add((e, "the argument of " + u.Op + " has units of " + k + ", not a pure number"));
                    return Q.Unknown;
                }
                return a.Any ? Q.Number : a.Known is null ? Q.Unknown : Q.Of(Unit.One);
            }
            case Un { Op: UnOp.Sqrt } u:
            {
                var a = Walk(u.A);
                if (a.Any) return Q.Number;
                return a.Known is { } k && k.Volt % 2 == 0 && k.Second % 2 == 0 && k.Ampere % 2 == 0 && k.Pow10 % 2 == 0
                    ? Q.Of(new Unit(k.Volt / 2, k.Second / 2, k.Ampere / 2, k.Pow10 / 2)) : Q.Unknown;
            }
            case Bin { Op: BinOp.Add or BinOp.Sub or BinOp.Min or BinOp.Max } b: return Same(e, Walk(b.A), Walk(b.B), b.Op switch { BinOp.Add => "adds", BinOp.Sub => "subtracts", _ => "takes the " + b.Op.ToString().ToLowerInvariant() + " of" });
            case Bin { Op: BinOp.Mul or BinOp.Div } b:
            {
                Q a = Walk(b.A), c = Walk(b.B);
                if (a.Any && c.Any) return Q.Number;
                if (a.Known is { } x && c.Known is { } y) return Q.Of(b.Op == BinOp.Mul ? x * y : x / y);
                return Q.Unknown;
            }
            case Bin { Op: BinOp.Pow } b:
            {
                Q a = Walk(b.A);
                Walk(b.B);
                if (a.Any && b.B is Num) return Q.Number;
                if (a.Known is { } x && b.B is Num { Value: var n } && n == Math.Floor(n) && Math.Abs(n) <= 16) return Q.Of(x.Power((int)n));
                return Q.Unknown;
            }
            case Cmp c: Same(e, Walk(c.A), Walk(c.B), "compares"); return Q.Unknown;
            case Logic l: Walk(l.A); Walk(l.B); return Q.Unknown;
            case Select s: Walk(s.Cond); return Same(e, Walk(s.IfTrue), Walk(s.IfFalse), "chooses between");
            default: return Q.Unknown; // I, derived constants, locals, post variables, conductances: not declared here
        }
    }

    Q Same(Expr at, Q a, Q b, string verb)
    {
        if (a.Known is { } x && b.Known is { } y)
        {
            if (x != y)
            {
                Problems.Add((at, verb + " " + x + " and " + y));
                return Q.Unknown;
            }
            return a;
        }
        // A term of unknown units may carry what the known ones seem to lack (Izhikevich's P3 = 140 is 140 mV/ms beside
        // −U in mV): the whole is unknown. A bare number (or I, the input, whose unit is whatever its equation needs)
        // takes the other term's unit.
        if (a.Known is not null && b.Any) return a;
        if (b.Known is not null && a.Any) return b;
        return a.Any && b.Any ? Q.Number : Q.Unknown;
    }
}
