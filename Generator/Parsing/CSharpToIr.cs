using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SpikeSharp.Generator.Diagnostics;
using SpikeSharp.Generator.Model.Ir;

namespace SpikeSharp.Generator.Parsing;

/// <summary>
/// Lowers the bodies of a user's model methods (README "Your own models": the supported C# subset) into the step IR.
/// Supported: numeric literals and constants (folded by the compiler, C#'s own semantics), parameters, state variables,
/// <c>I</c>, <c>Old(x)</c>, locals (<c>var</c>/<c>double</c>/<c>float</c>/<c>bool</c>, each assigned once where declared),
/// unary <c>-</c>/<c>+</c>, <c>+ - * /</c>, comparisons, <c>&amp;&amp;</c> and <c>||</c> (both sides computed), <c>?:</c>,
/// casts to double or float, <c>Math</c>/<c>MathF</c> <c>Exp Log Pow Sqrt Tanh Abs Min Max</c>, and calls of the
/// model's own methods whose body is an expression (or locals then a return), inlined. Anything else is SPK3001 at
/// the construct; a name that is none of these is SPK3002. Never throws on user code: a construct it cannot lower
/// gives null after its diagnostic.
/// </summary>
internal sealed class CSharpToIr
{
    /// <summary>Where a body is: what a state's name means there.</summary>
    public enum Context
    {
        /// <summary>A derivative or explicit update: a state is its value at the start of the step (Var).</summary>
        Step,
        /// <summary>Spike() and Reset(): a state is its value after integration (Next); <c>Old(x)</c> the old one.</summary>
        AfterStep,
        /// <summary>Init() and initialisers: a state is its initial value (Var, the array element being filled).</summary>
        Init,
    }

    public const string Supported = "numbers, parameters, state variables, I, Old(x), locals, + - * /, comparisons, && ||, ?:, casts, Math/MathF Exp Log Pow Sqrt Tanh Abs Min Max, the model's own expression methods";

    readonly Compilation _compilation;
    readonly INamedTypeSymbol _type;
    readonly DiagnosticSink _sink;
    readonly string _owner;
    readonly CancellationToken _ct;
    readonly IReadOnlyDictionary<string, double> _params; // name → default (for the constant checks)
    readonly IReadOnlyList<string> _states;
    readonly Dictionary<SyntaxTree, SemanticModel> _models = new();
    int _depth;

    public CSharpToIr(Compilation compilation, INamedTypeSymbol type, DiagnosticSink sink, string owner,
        IReadOnlyDictionary<string, double> parameters, IReadOnlyList<string> states, CancellationToken ct)
    {
        _compilation = compilation;
        _type = type;
        _sink = sink;
        _owner = owner;
        _params = parameters;
        _states = states;
        _ct = ct;
    }

    /// <summary>Names bound in a body: locals and inlined methods' parameters (to IR), and, in Reset()/Init(), the states
    /// assigned so far (C#'s order: a later statement reads the value assigned before it).</summary>
    public sealed class Env
    {
        public readonly Dictionary<ISymbol, Expr> Symbols = new(SymbolEqualityComparer.Default);
        public readonly Dictionary<string, Expr> Assigned = new(StringComparer.Ordinal);
        public Context Context;
        /// <summary>Init(): the state whose initial value is being computed (reads of states declared after it are SPK3012).</summary>
        public string? InitTarget;
        public Env(Context context) => Context = context;
    }

    SemanticModel ModelFor(SyntaxNode node)
    {
        var tree = node.SyntaxTree;
        if (!_models.TryGetValue(tree, out var m)) _models[tree] = m = _compilation.GetSemanticModel(tree);
        return m;
    }

    void Unsupported(SyntaxNode node, string what) =>
        _sink.Report(DiagnosticDescriptors.UnsupportedConstruct, node.GetLocation(), _owner, what, Supported);

    /// <summary>The value an expression-bodied or block-bodied method returns (locals, then one return).</summary>
    public Expr? LowerMethodValue(MethodDeclarationSyntax method, Env env)
    {
        if (method.ExpressionBody is { } eb) return Lower(eb.Expression, env);
        if (method.Body is null) { Unsupported(method, "a method without a body"); return null; }
        Expr? result = null;
        bool failed = false, returned = false;
        foreach (var st in method.Body.Statements)
        {
            _ct.ThrowIfCancellationRequested();
            if (returned) { Unsupported(st, "a statement after 'return'"); failed = true; break; }
            switch (st)
            {
                case LocalDeclarationStatementSyntax local:
                    failed |= !DeclareLocals(local, env);
                    break;
                case ReturnStatementSyntax { Expression: { } rv }:
                    result = Lower(rv, env);
                    failed |= result is null;
                    returned = true;
                    break;
                default:
                    Unsupported(st, Describe(st));
                    failed = true;
                    break;
            }
        }
        if (!returned && !failed) { Unsupported(method.Body, "a body without 'return'"); return null; }
        return failed ? null : result;
    }

    /// <summary>The statements of Reset() or Init(): locals and assignments to members (<paramref name="assign"/> gets
    /// each assignment's target name, value and location, and says whether it is allowed).</summary>
    public bool LowerAssignments(MethodDeclarationSyntax method, Env env, Func<string, Expr, ExpressionSyntax, bool> assign)
    {
        if (method.ExpressionBody is { } eb)
        {
            if (eb.Expression is AssignmentExpressionSyntax one) return Assignment(one, env, assign);
            Unsupported(eb.Expression, "'" + Short(eb.Expression.ToString()) + "' (Reset() and Init() assign state variables)");
            return false;
        }
        if (method.Body is not { } b) return true;
        var statements = b.Statements;
        bool ok = true;
        foreach (var st in statements) ok &= LowerStatement(st, method, env, assign);
        return ok;
    }

    /// <summary>One statement of Reset() or Init(): a local declaration or an assignment.</summary>
    public bool LowerStatement(StatementSyntax st, MethodDeclarationSyntax method, Env env, Func<string, Expr, ExpressionSyntax, bool> assign)
    {
        _ct.ThrowIfCancellationRequested();
        switch (st)
        {
            case LocalDeclarationStatementSyntax local:
                return DeclareLocals(local, env);
            case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax a }:
                return Assignment(a, env, assign);
            default:
                Unsupported(st, Describe(st));
                return false;
        }
    }

    bool Assignment(AssignmentExpressionSyntax a, Env env, Func<string, Expr, ExpressionSyntax, bool> assign)
    {
        string? name = a.Left switch
        {
            IdentifierNameSyntax id => id.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax n } => n.Identifier.ValueText,
            _ => null,
        };
        if (name is null) { Unsupported(a.Left, "an assignment to '" + a.Left + "'"); return false; }
        var symbol = ModelFor(a.Left).GetSymbolInfo(a.Left, _ct).Symbol;
        if (symbol is ILocalSymbol) { Unsupported(a, "assigning a local again"); return false; }
        var rhs = Lower(a.Right, env);
        if (rhs is null) return false;
        Expr? current = null;
        if (a.Kind() != SyntaxKind.SimpleAssignmentExpression)
        {
            // x op= e reads x first.
            current = Lower(a.Left, env);
            if (current is null) return false;
        }
        Expr value = a.Kind() switch
        {
            SyntaxKind.SimpleAssignmentExpression => rhs,
            SyntaxKind.AddAssignmentExpression => current! + rhs,
            SyntaxKind.SubtractAssignmentExpression => current! - rhs,
            SyntaxKind.MultiplyAssignmentExpression => current! * rhs,
            SyntaxKind.DivideAssignmentExpression => current! / rhs,
            _ => null!,
        };
        if (value is null) { Unsupported(a, "the operator '" + a.OperatorToken.Text + "'"); return false; }
        if (!assign(name, value, a.Left)) return false;
        env.Assigned[name] = value;
        return true;
    }

    bool DeclareLocals(LocalDeclarationStatementSyntax local, Env env)
    {
        if (local.IsConst || local.UsingKeyword != default || local.Modifiers.Count > 0)
        {
            if (!local.IsConst) { Unsupported(local, "this local declaration"); return false; }
        }
        bool ok = true;
        var model = ModelFor(local);
        foreach (var v in local.Declaration.Variables)
        {
            if (v.Initializer is null) { Unsupported(v, "a local without an initial value"); ok = false; continue; }
            var value = Lower(v.Initializer.Value, env);
            if (value is null) { ok = false; continue; }
            if (model.GetDeclaredSymbol(v, _ct) is { } sym) env.Symbols[sym] = value;
        }
        return ok;
    }

    static string Describe(SyntaxNode node) => node switch
    {
        IfStatementSyntax => "an 'if' statement (use a conditional expression c ? a : b)",
        ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax => "a loop",
        ExpressionStatementSyntax => "this statement",
        _ => "'" + Short(node.ToString()) + "'",
    };

    static string Short(string s)
    {
        s = s.Replace("\r", " ").Replace("\n", " ");
        return s.Length > 40 ? s.Substring(0, 37) + "..." : s;
    }

    /// <summary>Lowers one expression; null (after a diagnostic) when it is outside the subset, or when it is a constant
    /// expression (numbers and parameters) that is NaN or infinite at the parameters' defaults (SPK3006, at the smallest
    /// such expression: its parts were checked first).</summary>
    public Expr? Lower(ExpressionSyntax e, Env env)
    {
        var r = LowerCore(e, env);
        if (r is Bin or Un && IrOps.IsConstant(r) && !IrOps.Nodes(r).Any(n => n is Dt or Derived))
        {
            double v = ConstantEvaluator.Evaluate(r, p => _params.TryGetValue(p, out var d) ? d : 0);
            if (double.IsNaN(v) || double.IsInfinity(v))
            {
                _sink.Report(DiagnosticDescriptors.NonFiniteConstant, e.GetLocation(), _owner, Short(e.ToString()), Helpers.Literals.Short(v),
                    IrOps.Nodes(r).Any(n => n is Param) ? " at the parameters' defaults" : "");
                return null;
            }
        }
        return r;
    }

    Expr? LowerCore(ExpressionSyntax e, Env env)
    {
        _ct.ThrowIfCancellationRequested();
        var model = ModelFor(e);
        // Constants as C# folds them (literals, const fields, Math.PI, 1.0 / 3, integer division of constants).
        if (e is not (IdentifierNameSyntax or MemberAccessExpressionSyntax) || !IsModelMember(model.GetSymbolInfo(e, _ct).Symbol))
        {
            var cv = model.GetConstantValue(e, _ct);
            if (cv.HasValue)
            {
                if (cv.Value is bool or string or char or null) { Unsupported(e, "the constant '" + Short(e.ToString()) + "'"); return null; }
                double d = Convert.ToDouble(cv.Value, CultureInfo.InvariantCulture);
                if (double.IsNaN(d) || double.IsInfinity(d))
                {
                    _sink.Report(DiagnosticDescriptors.NonFiniteConstant, e.GetLocation(), _owner, Short(e.ToString()), Helpers.Literals.Short(d), "");
                    return null;
                }
                return new Num(d);
            }
        }
        switch (e)
        {
            case ParenthesizedExpressionSyntax p: return Lower(p.Expression, env);
            case CastExpressionSyntax c:
            {
                var t = model.GetTypeInfo(c.Type, _ct).Type;
                if (t?.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single)) { Unsupported(c, "a cast to " + c.Type); return null; }
                return Lower(c.Expression, env);
            }
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryMinusExpression):
                return Lower(u.Operand, env) is { } neg ? -neg : null;
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryPlusExpression):
                return Lower(u.Operand, env);
            case BinaryExpressionSyntax b: return Binary(b, env, model);
            case ConditionalExpressionSyntax c:
            {
                var cond = Lower(c.Condition, env);
                var t = Lower(c.WhenTrue, env);
                var f = Lower(c.WhenFalse, env);
                return cond is null || t is null || f is null ? null : new Select(cond, t, f);
            }
            case IdentifierNameSyntax id: return Name(id, id.Identifier.ValueText, env, model);
            case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax n } m: return Name(m, n.Identifier.ValueText, env, model);
            case InvocationExpressionSyntax inv: return Invocation(inv, env, model);
            case MemberAccessExpressionSyntax m:
                Unsupported(m, "'" + Short(m.ToString()) + "'");
                return null;
            case LiteralExpressionSyntax l:
                Unsupported(l, "the literal " + l);
                return null;
            default:
                Unsupported(e, Describe(e));
                return null;
        }
    }

    bool IsModelMember(ISymbol? s) => s is IPropertySymbol or IFieldSymbol && SymbolEqualityComparer.Default.Equals(s.ContainingType, _type) && !(s is IFieldSymbol { IsConst: true });

    Expr? Binary(BinaryExpressionSyntax b, Env env, SemanticModel model)
    {
        if (b.IsKind(SyntaxKind.DivideExpression) && IsIntegral(model, b.Left) && IsIntegral(model, b.Right))
        {
            Unsupported(b, "integer division");
            return null;
        }
        Func<Expr, Expr, Expr>? make = b.Kind() switch
        {
            SyntaxKind.AddExpression => (x, y) => x + y,
            SyntaxKind.SubtractExpression => (x, y) => x - y,
            SyntaxKind.MultiplyExpression => (x, y) => x * y,
            SyntaxKind.DivideExpression => (x, y) => x / y,
            SyntaxKind.LessThanExpression => (x, y) => new Cmp(CmpOp.Lt, x, y),
            SyntaxKind.LessThanOrEqualExpression => (x, y) => new Cmp(CmpOp.Le, x, y),
            SyntaxKind.GreaterThanExpression => (x, y) => new Cmp(CmpOp.Gt, x, y),
            SyntaxKind.GreaterThanOrEqualExpression => (x, y) => new Cmp(CmpOp.Ge, x, y),
            SyntaxKind.EqualsExpression => (x, y) => new Cmp(CmpOp.Eq, x, y),
            SyntaxKind.NotEqualsExpression => (x, y) => new Cmp(CmpOp.Ne, x, y),
            SyntaxKind.LogicalAndExpression => (x, y) => new Logic(LogicOp.And, x, y),
            SyntaxKind.LogicalOrExpression => (x, y) => new Logic(LogicOp.Or, x, y),
            _ => null,
        };
        if (make is null) { Unsupported(b, "the operator '" + b.OperatorToken.Text + "'"); return null; }
        var a = Lower(b.Left, env);
        var c = Lower(b.Right, env);
        if (a is null || c is null) return null;
        bool logical = b.IsKind(SyntaxKind.LogicalAndExpression) || b.IsKind(SyntaxKind.LogicalOrExpression);
        if (!logical && make(a, c) is Cmp && a.Equals(c))
        {
            // Always false (or true) but for NaN: a typo, and the step's 'x > x' would warn (CS1718) in the generated code.
            Unsupported(b, "a comparison of '" + Short(b.Left.ToString()) + "' with itself");
            return null;
        }
        if (logical && (a is not (Cmp or Logic) || c is not (Cmp or Logic)))
        {
            Unsupported(b, "'" + b.OperatorToken.Text + "' of something other than comparisons");
            return null;
        }
        return make(a, c);
    }

    static bool IsIntegral(SemanticModel model, ExpressionSyntax e) =>
        model.GetTypeInfo(e).Type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16
            or SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_UInt64;

    Expr? Name(ExpressionSyntax node, string name, Env env, SemanticModel model)
    {
        var symbol = model.GetSymbolInfo(node, _ct).Symbol;
        if (symbol is ILocalSymbol or IParameterSymbol)
        {
            if (env.Symbols.TryGetValue(symbol, out var bound)) return bound;
            Unsupported(node, "'" + name + "' here");
            return null;
        }
        if (symbol is IPropertySymbol { Name: "I", ContainingType: { } ct } && ct.ToDisplayString() == UserModelParser.BaseClass)
        {
            if (env.Context != Context.Init) return Input.Instance;
            Unsupported(node, "I in an initial value (there is no input before the first step)");
            return null;
        }
        if (IsModelMember(symbol))
        {
            if (_states.Contains(name)) return State(node, name, env);
            if (_params.ContainsKey(name)) return new Param(name);
        }
        var suggestion = ModelParser.Suggest(name, _params.Keys.Concat(_states).Concat(new[] { "I" }).ToList());
        _sink.Report(DiagnosticDescriptors.UnknownModelIdentifier, node.GetLocation(), _owner, name, suggestion,
            _params.Count == 0 ? "none" : string.Join(", ", _params.Keys), _states.Count == 0 ? "none" : string.Join(", ", _states));
        return null;
    }

    Expr? State(ExpressionSyntax node, string name, Env env)
    {
        switch (env.Context)
        {
            case Context.Step: return new Var(name);
            case Context.AfterStep: return env.Assigned.TryGetValue(name, out var a) ? a : new Next(name);
            default:
                if (name == env.InitTarget) return env.Assigned.TryGetValue(name, out var self) ? self : new Var(name);
                if (env.InitTarget is { } target && IndexOf(name) > IndexOf(target))
                {
                    _sink.Report(DiagnosticDescriptors.InitOrder, node.GetLocation(), _owner, target, name);
                    return null;
                }
                return new Var(name);
        }
    }

    int IndexOf(string state)
    {
        for (int i = 0; i < _states.Count; i++) if (_states[i] == state) return i;
        return -1;
    }

    Expr? Invocation(InvocationExpressionSyntax inv, Env env, SemanticModel model)
    {
        if (model.GetSymbolInfo(inv, _ct).Symbol is not IMethodSymbol m)
        {
            Unsupported(inv, "the call '" + Short(inv.Expression.ToString()) + "'");
            return null;
        }
        var args = inv.ArgumentList.Arguments;
        string container = m.ContainingType?.ToDisplayString() ?? "";
        if (container == UserModelParser.BaseClass && m.Name == "Old")
        {
            var arg = args.Count == 1 ? args[0].Expression : null;
            if (arg is not null && Unwrap(arg) is var inner && (inner is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax })
                && model.GetSymbolInfo(inner, _ct).Symbol is { } s && IsModelMember(s) && _states.Contains(s.Name))
                return new Var(s.Name);
            Unsupported(inv, "Old(...) of something other than a state variable");
            return null;
        }
        if (container is "System.Math" or "System.MathF")
        {
            var lowered = new List<Expr>();
            foreach (var a in args)
            {
                if (a.RefKindKeyword != default || a.NameColon is not null) { Unsupported(a, "this argument"); return null; }
                if (Lower(a.Expression, env) is not { } x) return null;
                lowered.Add(x);
            }
            Expr? r = (m.Name, lowered.Count) switch
            {
                ("Exp", 1) => E.Exp(lowered[0]),
                ("Log", 1) => E.Log(lowered[0]),
                ("Sqrt", 1) => E.Sqrt(lowered[0]),
                ("Tanh", 1) => E.Tanh(lowered[0]),
                ("Abs", 1) => E.Abs(lowered[0]),
                ("Pow", 2) => E.Pow(lowered[0], lowered[1]),
                ("Min", 2) => E.Min(lowered[0], lowered[1]),
                ("Max", 2) => E.Max(lowered[0], lowered[1]),
                _ => null,
            };
            if (r is null) Unsupported(inv, container.Substring(7) + "." + m.Name);
            return r;
        }
        if (SymbolEqualityComparer.Default.Equals(m.ContainingType, _type) && m.DeclaringSyntaxReferences.Length == 1
            && m.DeclaringSyntaxReferences[0].GetSyntax(_ct) is MethodDeclarationSyntax decl && !m.ReturnsVoid && m.Parameters.All(p => p.RefKind == RefKind.None))
        {
            if (args.Count != m.Parameters.Length || args.Any(a => a.NameColon is not null || a.RefKindKeyword != default))
            {
                Unsupported(inv, "this call of '" + m.Name + "' (pass every argument by position)");
                return null;
            }
            if (_depth >= 16) { Unsupported(inv, "a call nested 16 deep (recursion?)"); return null; }
            var inner = new Env(env.Context) { InitTarget = env.InitTarget };
            foreach (var kv in env.Assigned) inner.Assigned[kv.Key] = kv.Value;
            for (int k = 0; k < args.Count; k++)
            {
                if (Lower(args[k].Expression, env) is not { } x) return null;
                inner.Symbols[m.Parameters[k]] = x;
            }
            _depth++;
            try { return LowerMethodValue(decl, inner); }
            finally { _depth--; }
        }
        Unsupported(inv, "the call '" + Short(inv.Expression.ToString()) + "'");
        return null;
    }

    static ExpressionSyntax Unwrap(ExpressionSyntax e) => e is ParenthesizedExpressionSyntax p ? Unwrap(p.Expression) : e;
}
