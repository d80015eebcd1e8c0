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
/// A user's <c>[SynapseModel]</c> class → a <see cref="SynapseDef"/> built from EquatableArrays (so it compares by value and
/// travels in the projection's <c>SynSpec</c>, hence in the merge key), and its diagnostics (SPK3020–SPK3027, with the
/// neuron models' SPK3001–SPK3017 where they apply). The form (README "Your own models"): parameters and <c>[State]</c>
/// members as for a neuron; <c>dX()</c> / <c>NextX()</c> per state; <c>void Receive(double x)</c>, assignments to states
/// (a state's name there is its value after this step's integration); <c>double Value()</c>, the value the output reads.
/// <para>Integration (the projection's <c>Method</c>): exp_auto by default, where a pure decay <c>−X/τ</c> is the exact
/// <c>X·exp(−dt/τ)</c> of the built-in synapses, <c>(T − X)/τ</c> the exact linear step, anything else
/// <c>X + dt·φ(dt·A)·f</c> with A = ∂f/∂X derived symbolically; Euler, RK2 and RK4 on request (every state from the old
/// state). On an align-post projection the states Receive adds x to are the arrays deliveries are summed into; on an
/// align-pre one the receive rule is applied to the integrated values with x = the pre neuron's spike.</para>
/// Never throws on user code.
/// </summary>
internal static class UserSynapseParser
{
    public const string SynapseModelAttribute = "SpikeSharp.SynapseModelAttribute";
    public const string BaseClass = "SpikeSharp.CustomSynapse";
    public const string ReceiveMethod = "Receive";
    public const string ValueMethod = "Value";

    public static bool DerivesFromCustomSynapse(INamedTypeSymbol type)
    {
        for (var b = type.BaseType; b is not null; b = b.BaseType)
            if (b.ToDisplayString() == BaseClass) return true;
        return false;
    }

    public static bool HasMarker(INamedTypeSymbol type)
    {
        foreach (var a in type.GetAttributes())
            if (a.AttributeClass?.ToDisplayString() == SynapseModelAttribute) return true;
        return false;
    }

    static Location Loc(ISymbol s) => s.Locations.FirstOrDefault(l => l.IsInSource) ?? Location.None;

    /// <summary>The model's own diagnostics (the [SynapseModel] pipeline): checked as typed, used or not. A projection that
    /// names it parses it again and reports only what depends on the use (SPK3023).</summary>
    public static ImmutableArray<Diagnostic> Diagnostics(INamedTypeSymbol type, Compilation compilation, CancellationToken ct)
    {
        var sink = new DiagnosticSink();
        Parse(type, compilation, sink, ct, Integration.ExpAuto, preSized: true, out _);
        return sink.Diagnostics.ToImmutableArray();
    }

    /// <summary>Parses the model for a use: <paramref name="preSized"/> for an align-pre projection. Null when it has an
    /// error (reported to <paramref name="sink"/>). <paramref name="notAdditive"/>: why its receive rule cannot be an
    /// align-post one (null when it can); with <paramref name="preSized"/> false such a model gives null and the caller
    /// reports SPK3023 at its use.</summary>
    public static SynapseDef? Parse(INamedTypeSymbol type, Compilation compilation, DiagnosticSink sink, CancellationToken ct,
        Integration method, bool preSized, out string? notAdditive)
    {
        notAdditive = null;
        string owner = "Synapse model '" + type.Name + "'";
        int errorsBefore = sink.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        if (type.TypeKind != TypeKind.Class || type.IsGenericType || !DerivesFromCustomSynapse(type) || type.IsAbstract)
        {
            sink.Report(DiagnosticDescriptors.NotCustomSynapse, Loc(type), owner);
            return null;
        }

        var m = ModelMembers.Collect(type, compilation, sink, owner, ct, neuron: false);
        var updates = m.LowerUpdates();
        bool ok = m.Ok;
        var states = m.StateNames;

        // Receive(double x): assignments to states, x bound to the IR's Input (what arrives).
        var assigned = new List<string>();
        var receive = new Dictionary<string, Expr>(StringComparer.Ordinal);
        string? receiveParam = null;
        if (!m.Methods.TryGetValue(ReceiveMethod, out var receiveDecl))
        {
            sink.Report(DiagnosticDescriptors.SynapseWithoutReceive, Loc(type), owner, "declare void Receive(double x) => G += x; (the states what arrives is added to)");
            ok = false;
        }
        else if (m.MethodSymbols[ReceiveMethod] is var rm && (rm.Parameters.Length != 1 || !rm.ReturnsVoid || rm.IsGenericMethod
                 || rm.Parameters[0].Type.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single) || rm.Parameters[0].RefKind != RefKind.None))
        {
            sink.Report(DiagnosticDescriptors.BadModelMember, Loc(rm), owner, "Receive()", "a void method taking one double (what arrives: void Receive(double x))");
            ok = false;
        }
        else
        {
            receiveParam = rm.Parameters[0].Name;
            var env = new CSharpToIr.Env(CSharpToIr.Context.AfterStep);
            env.Symbols[rm.Parameters[0]] = Input.Instance;
            bool Assign(string name, Expr value, ExpressionSyntax at)
            {
                if (m.Defaults.ContainsKey(name))
                {
                    sink.Report(DiagnosticDescriptors.AssignsParameter, at.GetLocation(), owner, "Receive()", name);
                    return false;
                }
                if (!states.Contains(name))
                {
                    sink.Report(DiagnosticDescriptors.UnknownModelIdentifier, at.GetLocation(), owner, name, ModelParser.Suggest(name, states),
                        m.Defaults.Count == 0 ? "none" : string.Join(", ", m.Defaults.Keys), states.Count == 0 ? "none" : string.Join(", ", states));
                    return false;
                }
                assigned.Add(name);
                m.CheckAssignmentUnits(value, ReceiveMethod, name, at.GetLocation());
                return true;
            }
            if (!m.Lower.LowerAssignments(receiveDecl, env, Assign)) ok = false;
            else if (env.Assigned.Count == 0)
            {
                sink.Report(DiagnosticDescriptors.SynapseWithoutReceive, Loc(rm), owner, "Receive() assigns no state variable (write G += " + receiveParam + ";)");
                ok = false;
            }
            else
            {
                foreach (var kv in env.Assigned) receive[kv.Key] = kv.Value;
                if (!receive.Values.Any(v => IrOps.Nodes(v).Any(n => n is Input)))
                    sink.Report(DiagnosticDescriptors.ReceiveIgnoresInput, Loc(rm), owner, receiveParam);
                // Align-post: each receiving state gets exactly s += x (BrainPy's add_current), once.
                foreach (var s in assigned.Distinct())
                {
                    if (assigned.Count(a => a == s) > 1) { notAdditive = "assigns '" + s + "' twice"; break; }
                    if (!receive[s].Equals(new Next(s) + Input.Instance))
                    {
                        notAdditive = "sets '" + s + "' to " + UserModelParser.Text(IrOps.Rewrite(receive[s], n => n switch
                        {
                            Next x => new Param(x.Name),
                            Input => new Param(receiveParam),
                            _ => null,
                        })) + " instead of adding " + receiveParam + " to it (" + s + " += " + receiveParam + ";)";
                        break;
                    }
                }
            }
        }

        // Value(): what the output reads, from the states after the step.
        Expr? value = null;
        if (!m.Methods.TryGetValue(ValueMethod, out var valueDecl))
        {
            sink.Report(DiagnosticDescriptors.SynapseWithoutValue, Loc(type), owner);
            ok = false;
        }
        else if (m.MethodSymbols[ValueMethod] is var vm && (vm.Parameters.Length != 0 || vm.ReturnType.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single) || vm.IsGenericMethod))
        {
            sink.Report(DiagnosticDescriptors.BadModelMember, Loc(vm), owner, "Value()", "a method taking no parameters and returning double");
            ok = false;
        }
        else
        {
            value = m.Lower.LowerMethodValue(valueDecl, new CSharpToIr.Env(CSharpToIr.Context.AfterStep));
            if (value is null) ok = false;
            else if (!IrOps.Nodes(value).Any(n => n is Var or Next))
                sink.Report(DiagnosticDescriptors.ConstantSynapseValue, Loc(vm), owner);
        }

        if (!ok || value is null || sink.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error) > errorsBefore) return null;
        if (!preSized && notAdditive is not null) return null; // SPK3023 at the use

        // Constant checks at the parameters' defaults.
        foreach (var e in updates.Values.Select(u => u.Update switch { Ode o => o.Derivative, Explicit x => x.Value, _ => (Expr)0.0 })
                     .Concat(receive.Values).Concat(new[] { value }))
            if (UserModelParser.FirstNonFinite(e, m.Defaults) is { } bad)
            {
                sink.Report(DiagnosticDescriptors.NonFiniteConstant, Loc(type), owner, UserModelParser.Text(bad),
                    Literals.Short(ConstantEvaluator.Evaluate(bad, n => m.Defaults[n])), " at the parameters' defaults");
                return null;
            }

        var derived = new List<DerivedDef>();
        var timeConstants = new HashSet<string>(StringComparer.Ordinal);
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        var integrated = Integrate(states, s => updates[s].Update, method, derived, timeConstants, m.Defaults, notes);

        var arrays = new List<SynArray>();
        foreach (var s in m.States)
        {
            Expr step = integrated[s.Name];
            if (preSized && receive.TryGetValue(s.Name, out var r))
                // The receive rule on the integrated values (a state's name there is its value after integration).
                step = IrOps.Rewrite(r, n => n is Next x ? integrated[x.Name] : null);
            string doc = UserModelParser.Summary(s.Symbol, "State variable " + s.Name, ct) + " (" + notes[s.Name]
                + (receive.ContainsKey(s.Name) ? preSized ? "; then Receive(spike)" : "; receives the comm's output" : "") + ")";
            arrays.Add(new SynArray(s.Name, s.Name, step, ReceivesEvents: !preSized && receive.ContainsKey(s.Name), s.Name, doc));
        }
        var paramDefs = m.Parameters.Select(p => new ParamDef(p.Name, p.Name, p.Unit, m.Defaults[p.Name],
            timeConstants.Contains(p.Name) ? ParamRule.PositiveTime : ParamRule.Finite, Storage.None,
            UserModelParser.Summary(p.Symbol, "Parameter " + p.Name, ct))).ToEquatableArray();
        // The name in merge-key texts: fully qualified, with the method unless exp_auto, so that equal text means an equal
        // definition (align-pre projections merge by the key's text).
        string shown = type.ToDisplayString() + (method == Integration.ExpAuto ? "" : "[" + method.ToString().ToLowerInvariant() + "]");
        return new SynapseDef(type.Name, shown, UserModelParser.Summary(type, "User-defined synapse model " + type.Name, ct),
            paramDefs, arrays.ToEquatableArray(), derived.ToEquatableArray(), value,
            preSized ? "Pre-sized; merged per pre population, delay and parameter values (FullProjAlignPreDSMg)."
                : "Merged by value (the model's definition, its parameters and the output) with every projection onto the same population.")
            { PreSized = preSized };
    }

    /// <summary>Each state's value after one step, from the old state (<see cref="Var"/>) only.</summary>
    static Dictionary<string, Expr> Integrate(IReadOnlyList<string> states, Func<string, Update> update, Integration method,
        List<DerivedDef> derived, HashSet<string> timeConstants, IReadOnlyDictionary<string, double> defaults, Dictionary<string, string> notes)
    {
        var result = new Dictionary<string, Expr>(StringComparer.Ordinal);
        var odes = new List<(string State, Expr F)>();
        foreach (var s in states)
        {
            switch (update(s))
            {
                case Explicit x: result[s] = x.Value; notes[s] = "explicit update Next" + s + "()"; break;
                case Ode o: odes.Add((s, o.Derivative)); break;
            }
        }
        string Fresh(string name)
        {
            while (defaults.ContainsKey(name) || states.Contains(name) || derived.Any(d => d.Name == name)) name += "_";
            return name;
        }
        if (method is Integration.Rk2 or Integration.Rk4)
        {
            // BrainPy's RK2 (β = 2/3, Ralston) and the classical RK4 over all states at once, as one expression per state.
            double[][] a = method == Integration.Rk2
                ? new[] { new double[0], new[] { 2.0 / 3.0 } }
                : new[] { new double[0], new[] { 0.5 }, new[] { 0.0, 0.5 }, new[] { 0.0, 0.0, 1.0 } };
            double[] b = method == Integration.Rk2 ? new[] { 0.25, 0.75 } : new[] { 1.0 / 6.0, 1.0 / 3.0, 1.0 / 3.0, 1.0 / 6.0 };
            var k = new List<Dictionary<string, Expr>>();
            for (int j = 0; j < a.Length; j++)
            {
                var at = new Dictionary<string, Expr>(StringComparer.Ordinal);
                foreach (var (s, _) in odes)
                {
                    Expr? sum = null;
                    for (int l = 0; l < j; l++)
                    {
                        if (a[j][l] == 0) continue;
                        Expr term = a[j][l] == 1 ? k[l][s] : (Expr)a[j][l] * k[l][s];
                        sum = sum is null ? term : sum + term;
                    }
                    at[s] = sum is null ? new Var(s) : new Var(s) + dt * sum;
                }
                var kj = new Dictionary<string, Expr>(StringComparer.Ordinal);
                foreach (var (s, f) in odes) kj[s] = j == 0 ? f : IrOps.Rewrite(f, n => n is Var v && at.TryGetValue(v.Name, out var x) ? x : null);
                k.Add(kj);
            }
            foreach (var (s, _) in odes)
            {
                Expr? sum = null;
                for (int j = 0; j < b.Length; j++)
                {
                    Expr term = (Expr)b[j] * k[j][s];
                    sum = sum is null ? term : sum + term;
                }
                result[s] = new Var(s) + dt * sum!;
                notes[s] = method == Integration.Rk2 ? "rk2 (BrainPy's RK2, β = 2/3)" : "rk4 (classical)";
            }
            return result;
        }
        foreach (var (s, f) in odes)
        {
            var y = new Var(s);
            if (method == Integration.Euler) { result[s] = y + dt * f; notes[s] = "Euler: " + s + " + dt·f"; continue; }
            if (UserModelParser.LinearForm(f, s) is { } lin)
            {
                timeConstants.Add(lin.Tau);
                if (lin.Target is Num { Value: 0 })
                {
                    // A pure decay: exp_auto's exact step, in the built-in synapses' form g·exp(−dt/τ).
                    string d = Fresh("d" + s);
                    derived.Add(new DerivedDef(d, Exp(-dt / P(lin.Tau)), "exp(−dt/" + lin.Tau + "), the decay of " + s));
                    result[s] = y * new Derived(d);
                    notes[s] = "exact decay " + s + "·exp(−dt/" + lin.Tau + ")";
                }
                else
                {
                    string c = Fresh("c" + s);
                    derived.Add(new DerivedDef(c, 1.0 - Exp(-dt / P(lin.Tau)), "1 − exp(−dt/" + lin.Tau + "), the exponential-Euler coefficient of " + s));
                    result[s] = y + new Derived(c) * (lin.Target - y);
                    notes[s] = "exact step of the linear ODE (target − " + s + ")/" + lin.Tau;
                }
                continue;
            }
            var aS = Symbolic.Differentiate(f, s);
            bool euler = aS is null || Symbolic.IsZero(aS);
            result[s] = euler ? y + dt * f : y + dt * Phi(dt * aS!) * f;
            notes[s] = euler ? "exp_auto with ∂f/∂" + s + " = 0: Euler"
                : "exp_auto: " + s + " + dt·φ(dt·A)·f, A = ∂f/∂" + s + " = " + Lowering.StepLowering.Show(aS!) + " (derived symbolically at compile time)";
        }
        return result;
    }
}
