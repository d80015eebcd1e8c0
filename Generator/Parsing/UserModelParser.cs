using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SpikeSharp.Generator.Diagnostics;
using SpikeSharp.Generator.Helpers;
using SpikeSharp.Generator.Model.Definitions;
using SpikeSharp.Generator.Model.Ir;
using static SpikeSharp.Generator.Model.Ir.E;

namespace SpikeSharp.Generator.Parsing;

/// <summary>
/// A user's <c>[NeuronModel]</c> class → a <see cref="NeuronDef"/> built from EquatableArrays (so it compares by value
/// and travels in the incremental pipeline inside the population's spec), and the model's diagnostics (SPK3001–SPK3013).
/// The form (README "Your own models"): public double properties are parameters (initialiser = default,
/// <c>[Param("mV")]</c> for the unit, <c>[Refractory]</c> on the refractory period); <c>[State]</c> members are state
/// variables (initialiser = initial value); <c>dX()</c> is X's derivative, <c>NextX()</c> its explicit update;
/// <c>bool Spike()</c>; optional <c>void Reset()</c> and <c>void Init()</c>.
/// A derivative of the form <c>(T − X)/τ</c> (τ a parameter, T free of X) becomes the exact linear step the built-in
/// Lif models use (<see cref="LinearExact"/>, what exp_auto computes for it), so a user's LifRef is the built-in one.
/// Never throws on user code.
/// </summary>
internal static class UserModelParser
{
    public const string NeuronModelAttribute = "SpikeSharp.NeuronModelAttribute";
    public const string BaseClass = "SpikeSharp.CustomNeuron";

    public static bool DerivesFromCustomNeuron(INamedTypeSymbol type)
    {
        for (var b = type.BaseType; b is not null; b = b.BaseType)
            if (b.ToDisplayString() == BaseClass) return true;
        return false;
    }

    public static bool HasMarker(INamedTypeSymbol type)
    {
        foreach (var a in type.GetAttributes())
            if (a.AttributeClass?.ToDisplayString() == NeuronModelAttribute) return true;
        return false;
    }

    static Location Loc(ISymbol s) => s.Locations.FirstOrDefault(l => l.IsInSource) ?? Location.None;

    internal static string Summary(ISymbol s, string fallback, CancellationToken ct)
    {
        string? xml = s.GetDocumentationCommentXml(cancellationToken: ct);
        if (string.IsNullOrEmpty(xml)) return fallback;
        int a = xml!.IndexOf("<summary>", StringComparison.Ordinal), b = xml.IndexOf("</summary>", StringComparison.Ordinal);
        if (a < 0 || b < a) return fallback;
        string text = string.Join(" ", xml.Substring(a + 9, b - a - 9).Split(new[] { ' ', '\r', '\n', '\t' }, StringSplitOptions.RemoveEmptyEntries)).Trim();
        // Only plain text: the summary is re-emitted inside generated XML docs (escaped there).
        text = System.Text.RegularExpressions.Regex.Replace(text, "<[^>]*>", "").TrimEnd('.');
        return text.Length == 0 ? fallback : text;
    }

    /// <summary>The model's diagnostics: the [NeuronModel] pipeline's output, so a model is checked as it is typed whether
    /// or not a population uses it (a population that names it parses it again and reports nothing of it).</summary>
    public static ImmutableArray<Diagnostic> Diagnostics(INamedTypeSymbol type, Compilation compilation, CancellationToken ct)
    {
        var sink = new DiagnosticSink();
        Parse(type, compilation, sink, ct);
        return sink.Diagnostics.ToImmutableArray();
    }

    /// <summary>Parses the model; null when it has an error (reported to <paramref name="sink"/>).</summary>
    public static NeuronDef? Parse(INamedTypeSymbol type, Compilation compilation, DiagnosticSink sink, CancellationToken ct)
    {
        string owner = "Neuron model '" + type.Name + "'";
        int errorsBefore = sink.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        if (type.TypeKind != TypeKind.Class || type.IsGenericType || !DerivesFromCustomNeuron(type) || type.IsAbstract)
        {
            sink.Report(DiagnosticDescriptors.NotCustomNeuron, Loc(type), owner);
            return null;
        }

        var m = ModelMembers.Collect(type, compilation, sink, owner, ct, neuron: true);
        var parameters = m.Parameters;
        var states = m.States;
        string? refractory = m.Refractory;
        var methods = m.Methods;
        var methodSymbols = m.MethodSymbols;
        var defaults = m.Defaults;
        var stateNames = m.StateNames;
        var lower = m.Lower;
        var updates = m.LowerUpdates();
        bool ok = m.Ok;
        void CheckUnits(Expr value, string method, string? target, bool isDerivative, Location at) => m.CheckUnits(value, method, target, isDerivative, at);
        if (!stateNames.Contains("V"))
        {
            sink.Report(DiagnosticDescriptors.MissingModelPart, Loc(type), owner, "state variable V (the membrane potential; declare [State] double V { get; set; })");
            ok = false;
        }

        // Spike().
        Expr? spike = null;
        if (!methods.TryGetValue("Spike", out var spikeDecl))
        {
            sink.Report(DiagnosticDescriptors.MissingModelPart, Loc(type), owner, "spike condition (declare bool Spike() => V >= VTh;)");
            ok = false;
        }
        else if (methodSymbols["Spike"] is var sm && (sm.Parameters.Length != 0 || sm.ReturnType.SpecialType != SpecialType.System_Boolean))
        {
            sink.Report(DiagnosticDescriptors.BadModelMember, Loc(sm), owner, "Spike()", "a method taking no parameters and returning bool");
            ok = false;
        }
        else
        {
            spike = lower.LowerMethodValue(spikeDecl, new CSharpToIr.Env(CSharpToIr.Context.AfterStep));
            if (spike is not null) CheckUnits(spike, "Spike", null, false, Loc(sm));
            if (spike is null) ok = false;
            else if (!IrOps.Nodes(spike).Any(n => n is Var or Next or Input))
            {
                sink.Report(DiagnosticDescriptors.ConstantSpike, Loc(sm), owner);
                ok = false;
            }
            else if (!IrOps.Nodes(spike).Any(n => n is Var { Name: "V" } or Next { Name: "V" }))
                sink.Report(DiagnosticDescriptors.SpikeIgnoresV, Loc(sm), owner);
        }

        // Reset() and Init(): assignments to states, in C#'s order.
        var resets = new List<Reset>();
        bool Assign(string what, string name, ExpressionSyntax at)
        {
            if (defaults.ContainsKey(name))
            {
                sink.Report(DiagnosticDescriptors.AssignsParameter, at.GetLocation(), owner, what, name);
                return false;
            }
            if (!stateNames.Contains(name))
            {
                sink.Report(DiagnosticDescriptors.UnknownModelIdentifier, at.GetLocation(), owner, name, ModelParser.Suggest(name, stateNames),
                    defaults.Count == 0 ? "none" : string.Join(", ", defaults.Keys), stateNames.Count == 0 ? "none" : string.Join(", ", stateNames));
                return false;
            }
            return true;
        }
        if (methods.TryGetValue("Reset", out var resetDecl))
        {
            var rm = methodSymbols["Reset"];
            if (rm.Parameters.Length != 0 || !rm.ReturnsVoid)
            {
                sink.Report(DiagnosticDescriptors.BadModelMember, Loc(rm), owner, "Reset()", "a void method taking no parameters");
                ok = false;
            }
            else
            {
                var env = new CSharpToIr.Env(CSharpToIr.Context.AfterStep);
                ok &= lower.LowerAssignments(resetDecl, env, (n, v, at) =>
                {
                    if (!Assign("Reset()", n, at)) return false;
                    m.CheckAssignmentUnits(v, "Reset", n, at.GetLocation());
                    return true;
                });
                foreach (var s in stateNames) if (env.Assigned.TryGetValue(s, out var v)) resets.Add(new Reset(s, v));
            }
        }

        var initial = new Dictionary<string, Expr>(StringComparer.Ordinal);
        foreach (var s in states)
        {
            if (s.Initializer is null) { initial[s.Name] = 0.0; continue; }
            var v = lower.Lower(s.Initializer, new CSharpToIr.Env(CSharpToIr.Context.Init) { InitTarget = s.Name });
            if (v is null) ok = false; else initial[s.Name] = v;
        }
        if (methods.TryGetValue("Init", out var initDecl))
        {
            var im = methodSymbols["Init"];
            if (im.Parameters.Length != 0 || !im.ReturnsVoid)
            {
                sink.Report(DiagnosticDescriptors.BadModelMember, Loc(im), owner, "Init()", "a void method taking no parameters");
                ok = false;
            }
            else
            {
                // Each assignment is lowered with its target as the state whose initial value it computes.
                var env = new CSharpToIr.Env(CSharpToIr.Context.Init);
                ok &= LowerInit(initDecl, lower, env, (n, v, at) =>
                {
                    if (!Assign("Init()", n, at)) return false;
                    m.CheckAssignmentUnits(v, "Init", n, at.GetLocation());
                    initial[n] = v;
                    return true;
                });
            }
        }

        if (!ok || spike is null || sink.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error) > errorsBefore) return null;

        // The exact linear step where the derivative is (T − X)/τ.
        var step = new List<StateUpdate>();
        var derived = new List<DerivedDef>();
        var timeConstants = new HashSet<string>(StringComparer.Ordinal);
        int linear = states.Count(s => updates[s.Name].Update is Ode o && LinearForm(o.Derivative, s.Name) is not null);
        foreach (var s in states)
        {
            var u = updates[s.Name].Update;
            if (u is Ode o && LinearForm(o.Derivative, s.Name) is { } lin)
            {
                string c = linear == 1 && !Taken("c") ? "c" : "c" + s.Name;
                derived.Add(new DerivedDef(c, 1.0 - Exp(-dt / P(lin.Tau)), "1 − exp(−dt/" + lin.Tau + "), the exponential-Euler coefficient"));
                step.Add(new StateUpdate(s.Name, new LinearExact(lin.Target, c, lin.Tau)));
                timeConstants.Add(lin.Tau);
            }
            else step.Add(new StateUpdate(s.Name, u));
        }
        bool Taken(string n) => defaults.ContainsKey(n) || stateNames.Contains(n);

        // Constant checks: every constant subtree at the parameters' defaults.
        var perNeuron = step.Select(x => x.Update switch { Ode o => o.Derivative, Explicit e => e.Value, LinearExact l => l.Target, _ => (Expr)0.0 })
            .Concat(new[] { spike }).Concat(resets.Select(r => r.Value)).Concat(initial.Values).ToList();
        foreach (var e in perNeuron)
            if (FirstNonFinite(e, defaults) is { } bad)
            {
                sink.Report(DiagnosticDescriptors.NonFiniteConstant, Loc(type), owner, Text(bad), Literals.Short(ConstantEvaluator.Evaluate(bad, n => defaults[n])), " at the parameters' defaults");
                return null;
            }

        // Storage: a parameter the per-neuron code reads is a float constant; one only the derived constants read
        // (a linear step's τ, the refractory period) is a double, as in the built-in definitions.
        var readPerNeuron = new HashSet<string>(perNeuron.SelectMany(IrOps.Nodes).OfType<Param>().Select(p => p.Name), StringComparer.Ordinal);
        var paramDefs = parameters.Select(p =>
        {
            var rule = p.Name == refractory ? ParamRule.NonNegativeTime : timeConstants.Contains(p.Name) ? ParamRule.PositiveTime : ParamRule.Finite;
            var storage = readPerNeuron.Contains(p.Name) || p.Name != refractory && !timeConstants.Contains(p.Name) ? Storage.Float : Storage.Double;
            return new ParamDef(p.Name, p.Name, p.Unit, defaults[p.Name], rule, storage, Summary(p.Symbol, "Parameter " + p.Name, ct));
        }).ToEquatableArray();
        var stateDefs = states.Select(s => new StateDef(s.Name, s.Name, s.Unit, initial[s.Name], Initializable: true,
            Summary(s.Symbol, "State variable " + s.Name, ct))).ToEquatableArray();

        return new NeuronDef(type.Name, type.ToDisplayString(), Summary(type, "User-defined neuron model " + type.Name, ct),
            paramDefs, stateDefs, derived.ToEquatableArray(), step.ToEquatableArray(), spike, resets.ToEquatableArray(), refractory,
            EquatableArray<AboveRule>.Empty);
    }

    static bool LowerInit(MethodDeclarationSyntax decl, CSharpToIr lower, CSharpToIr.Env env, Func<string, Expr, ExpressionSyntax, bool> assign)
    {
        // The target of each assignment decides which states its value may read: set it before the statement is lowered.
        IEnumerable<StatementSyntax> statements = decl.Body?.Statements ?? (IEnumerable<StatementSyntax>)Array.Empty<StatementSyntax>();
        if (decl.ExpressionBody is not null)
        {
            env.InitTarget = decl.ExpressionBody.Expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax one } ? one.Identifier.ValueText : null;
            return lower.LowerAssignments(decl, env, assign);
        }
        bool ok = true;
        foreach (var st in statements)
        {
            if (st is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: IdentifierNameSyntax id } })
                env.InitTarget = id.Identifier.ValueText;
            else env.InitTarget = null;
            ok &= lower.LowerStatement(st, decl, env, assign);
        }
        return ok;
    }

    /// <summary>(T, τ) when <paramref name="f"/> is <c>X / τ</c> with τ a parameter and X = T − y exactly (∂X/∂y = −1,
    /// T free of y); T is X with y = 0, simplified (so <c>(−(V − VRest) + R·I)/Tau</c> gives Lif's <c>VRest + R·I</c>).</summary>
    internal static (Expr Target, string Tau)? LinearForm(Expr f, string y)
    {
        if (f is not Bin { Op: BinOp.Div, A: var x, B: Param tau }) return null;
        if (Symbolic.Differentiate(x, y) is not Num { Value: -1 }) return null;
        var target = Simplify(IrOps.Rewrite(x, n => n is Var v && v.Name == y ? new Num(0) : null));
        if (IrOps.Nodes(target).Any(n => n is Var v && v.Name == y)) return null;
        return (target, tau.Name);
    }

    /// <summary>Drops the zeros that substituting y = 0 leaves: a + 0, 0 + a, a − 0, 0 − a = −a, −(−a) = a, 0·a = 0.</summary>
    static Expr Simplify(Expr e) => IrOps.Rewrite(e, n => n switch
    {
        Bin { Op: BinOp.Add, A: Num { Value: 0 }, B: var b } => b,
        Bin { Op: BinOp.Add, A: var a, B: Num { Value: 0 } } => a,
        Bin { Op: BinOp.Sub, A: var a, B: Num { Value: 0 } } => a,
        Bin { Op: BinOp.Sub, A: Num { Value: 0 }, B: var b } => b is Un { Op: UnOp.Neg } nb ? nb.A : new Un(UnOp.Neg, b),
        Bin { Op: BinOp.Mul, A: Num { Value: 0 } } or Bin { Op: BinOp.Mul, B: Num { Value: 0 } } => new Num(0),
        Un { Op: UnOp.Neg, A: Un { Op: UnOp.Neg } inner } => inner.A,
        Un { Op: UnOp.Neg, A: Num { Value: 0 } } => new Num(0),
        _ => null,
    });

    /// <summary>The first constant subtree (numbers and parameters; no dt) that is NaN or infinite at the defaults.</summary>
    internal static Expr? FirstNonFinite(Expr e, IReadOnlyDictionary<string, double> defaults)
    {
        foreach (var n in IrOps.Nodes(e))
        {
            if (n is not (Bin or Un) || !IrOps.IsConstant(n) || IrOps.Nodes(n).Any(x => x is Dt or Derived)) continue;
            double v = ConstantEvaluator.Evaluate(n, p => defaults.TryGetValue(p, out var d) ? d : 0);
            if (double.IsNaN(v) || double.IsInfinity(v)) return Deepest(n, defaults);
        }
        return null;
    }

    static Expr Deepest(Expr n, IReadOnlyDictionary<string, double> defaults)
    {
        var children = n switch { Bin b => new[] { b.A, b.B }, Un u => new[] { u.A }, _ => Array.Empty<Expr>() };
        foreach (var c in children)
            if (c is Bin or Un)
            {
                double v = ConstantEvaluator.Evaluate(c, p => defaults.TryGetValue(p, out var d) ? d : 0);
                if (double.IsNaN(v) || double.IsInfinity(v)) return Deepest(c, defaults);
            }
        return n;
    }

    /// <summary>The IR in C#-like text, for messages.</summary>
    internal static string Text(Expr e) => new Emit.ExprFormatter(Emit.ExprFormatter.Mode.Double, p => p).Format(e)
        .Replace("global::System.Math.", "Math.");
}
