using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SpikeSharp.Generator.Diagnostics;
using SpikeSharp.Generator.Helpers;
using SpikeSharp.Generator.Model.Definitions;
using SpikeSharp.Generator.Model.Ir;

namespace SpikeSharp.Generator.Parsing;

/// <summary>The members of a user's model class, shared by neuron models (<see cref="UserModelParser"/>) and synapse models
/// (<see cref="UserSynapseParser"/>): parameters (public double properties, default = initialiser, unit from
/// <c>[Param]</c>), <c>[State]</c> members, the methods by name, the parameters' defaults, the lowering of method bodies
/// and the units check of derivatives and updates (SPK3015–SPK3017). Reports SPK3006, SPK3011, SPK3013 as it reads.</summary>
internal sealed class ModelMembers
{
    internal sealed class Member(string name, ISymbol symbol, string unit, ExpressionSyntax? initializer)
    {
        public readonly string Name = name;
        public readonly ISymbol Symbol = symbol;
        public readonly string Unit = unit;
        public readonly ExpressionSyntax? Initializer = initializer;
    }

    const string ParamAttribute = "SpikeSharp.ParamAttribute";
    const string StateAttribute = "SpikeSharp.StateAttribute";
    const string RefractoryAttribute = "SpikeSharp.RefractoryAttribute";

    public readonly List<Member> Parameters = new();
    public readonly List<Member> States = new();
    public string? Refractory;
    public readonly Dictionary<string, MethodDeclarationSyntax> Methods = new(StringComparer.Ordinal);
    public readonly Dictionary<string, IMethodSymbol> MethodSymbols = new(StringComparer.Ordinal);
    public readonly Dictionary<string, double> Defaults = new(StringComparer.Ordinal);
    public List<string> StateNames = new();
    public CSharpToIr Lower = null!;
    public bool Ok = true;
    readonly DiagnosticSink _sink;
    readonly string _owner;
    UnitCheck _units = null!;
    Dictionary<string, Unit?> _stateUnits = null!;

    ModelMembers(DiagnosticSink sink, string owner) { _sink = sink; _owner = owner; }

    static Location Loc(ISymbol s) => s.Locations.FirstOrDefault(l => l.IsInSource) ?? Location.None;

    /// <summary>Reads the members of <paramref name="type"/>; <paramref name="neuron"/>: <c>[Refractory]</c> is allowed.</summary>
    public static ModelMembers Collect(INamedTypeSymbol type, Compilation compilation, DiagnosticSink sink, string owner, CancellationToken ct, bool neuron)
    {
        var m = new ModelMembers(sink, owner);
        m.Read(type, compilation, ct, neuron);
        return m;
    }

    void Read(INamedTypeSymbol type, Compilation compilation, CancellationToken ct, bool neuron)
    {
        var sink = _sink;
        string owner = _owner;
        var parameters = Parameters;
        var states = States;
        string? refractory = null;
        var methods = Methods;
        var methodSymbols = MethodSymbols;
        bool ok = true;

        foreach (var m in type.GetMembers())
        {
            ct.ThrowIfCancellationRequested();
            if (m.IsImplicitlyDeclared) continue;
            string? stateUnit = AttributeString(m, StateAttribute, out bool isState);
            switch (m)
            {
                case IPropertySymbol or IFieldSymbol when isState:
                {
                    var t = m is IPropertySymbol ps ? ps.Type : ((IFieldSymbol)m).Type;
                    if (m.IsStatic || t.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single) || m is IFieldSymbol { IsConst: true })
                    {
                        sink.Report(DiagnosticDescriptors.BadModelMember, Loc(m), owner, "state variable '" + m.Name + "'", "an instance double (or float) property or field");
                        ok = false;
                        break;
                    }
                    if (m.DeclaredAccessibility == Accessibility.Public && m is IPropertySymbol { SetMethod: not null } or IFieldSymbol { IsReadOnly: false })
                    {
                        sink.Report(DiagnosticDescriptors.BadModelMember, Loc(m), owner, "state variable '" + m.Name + "'", "non-public (a public settable member would be an attribute argument)");
                        ok = false;
                        break;
                    }
                    states.Add(new Member(m.Name, m, stateUnit ?? "", Initializer(m, ct)));
                    break;
                }
                case IPropertySymbol p when !p.IsStatic && p.DeclaredAccessibility == Accessibility.Public:
                {
                    if (p.Type.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single) || p.SetMethod is null || p.IsIndexer)
                    {
                        sink.Report(DiagnosticDescriptors.BadModelMember, Loc(p), owner, "parameter '" + p.Name + "'", "a public double (or float) property with get and set");
                        ok = false;
                        break;
                    }
                    string unit = AttributeString(p, ParamAttribute, out _) ?? "";
                    AttributeString(p, RefractoryAttribute, out bool isRef);
                    if (isRef && !neuron)
                    {
                        sink.Report(DiagnosticDescriptors.BadModelMember, Loc(p), owner, "parameter '" + p.Name + "'", "without [Refractory] (a synapse has no refractory period)");
                        ok = false;
                    }
                    else if (isRef)
                    {
                        if (refractory is not null)
                        {
                            sink.Report(DiagnosticDescriptors.DuplicateModelPart, Loc(p), owner, "the refractory period ([Refractory] on " + refractory + " and " + p.Name + ")");
                            ok = false;
                        }
                        refractory = p.Name;
                    }
                    parameters.Add(new Member(p.Name, p, unit, Initializer(p, ct)));
                    break;
                }
                case IMethodSymbol { MethodKind: MethodKind.Ordinary } ms:
                    if (ms.DeclaringSyntaxReferences.Length == 1 && ms.DeclaringSyntaxReferences[0].GetSyntax(ct) is MethodDeclarationSyntax decl)
                    {
                        if (methods.ContainsKey(ms.Name))
                        {
                            sink.Report(DiagnosticDescriptors.DuplicateModelPart, Loc(ms), owner, ms.Name + "()");
                            ok = false;
                            break;
                        }
                        methods[ms.Name] = decl;
                        methodSymbols[ms.Name] = ms;
                    }
                    break;
            }
        }

        // Parameter defaults: constants.
        foreach (var p in parameters)
        {
            double d = 0;
            if (p.Initializer is { } init)
            {
                var cv = compilation.GetSemanticModel(init.SyntaxTree).GetConstantValue(init, ct);
                if (!cv.HasValue || cv.Value is bool or string or char or null)
                {
                    sink.Report(DiagnosticDescriptors.BadModelMember, init.GetLocation(), owner, "the default of parameter '" + p.Name + "'", "a constant");
                    ok = false;
                }
                else
                {
                    d = Convert.ToDouble(cv.Value, System.Globalization.CultureInfo.InvariantCulture);
                    if (double.IsNaN(d) || double.IsInfinity(d) || float.IsInfinity((float)d))
                    {
                        sink.Report(DiagnosticDescriptors.NonFiniteConstant, init.GetLocation(), owner, init.ToString(), Literals.Short(d), " (the default of " + p.Name + ")");
                        ok = false;
                    }
                }
            }
            Defaults[p.Name] = d;
        }

        Refractory = refractory;
        Ok = ok;
        StateNames = states.Select(s => s.Name).ToList();
        // Units check (SPK3015–SPK3017): only the units declared and understood; warnings, never an error.
        var paramUnits = parameters.ToDictionary(p => p.Name, p => Unit.Parse(p.Unit), StringComparer.Ordinal);
        var stateUnits = _stateUnits = states.ToDictionary(s => s.Name, s => Unit.Parse(s.Unit), StringComparer.Ordinal);
        _units = new UnitCheck(n => paramUnits.TryGetValue(n, out var u) ? u : null, n => stateUnits.TryGetValue(n, out var u) ? u : null);
        Lower = new CSharpToIr(compilation, type, sink, owner, Defaults, StateNames, ct);
    }

    /// <summary>Units check of one method's value (SPK3015–SPK3017, warnings): <paramref name="target"/> is the state it
    /// updates (null: none), as a derivative or as the new value.</summary>
    public void CheckUnits(Expr value, string method, string? target, bool isDerivative, Location at)
    {
        var units = _units;
        var sink = _sink;
        string owner = _owner;
        units.Problems.Clear();
        var found = units.Infer(value);
        foreach (var (e, problem) in units.Problems)
        {
            // As written: a state is its name (Old(x) in Spike(), where the plain name is the value after the step).
            var shown = IrOps.Rewrite(e, n => n switch
            {
                Var v => new Param(method == "Spike" ? "Old(" + v.Name + ")" : v.Name),
                Next x => new Param(x.Name),
                Input => new Param("I"), // the formatter has no text for the step's input; the user wrote I
                _ => null,
            });
            sink.Report(DiagnosticDescriptors.InconsistentUnits, at, owner, method, UserModelParser.Text(shown), problem);
        }
        if (target is null || found is not { } f || _stateUnits[target] is not { } x) return;
        var expected = isDerivative ? x / Unit.Ms : x;
        if (f == expected) return;
        var declared = States.First(s => s.Name == target).Unit;
        if (isDerivative)
            sink.Report(DiagnosticDescriptors.DerivativeUnits, at, owner, method, f.ToString(), target, declared, declared + "/ms = " + expected);
        else
            sink.Report(DiagnosticDescriptors.UpdateUnits, at, owner, method, f.ToString(), target, declared + " = " + expected);
    }

    /// <summary>Units check of an assignment in <c>Reset()</c>, <c>Init()</c> or <c>Receive()</c> (SPK3016 inside the value,
    /// SPK3029 when its unit is not the target's; warnings), at the assignment's target.</summary>
    public void CheckAssignmentUnits(Expr value, string method, string target, Location at)
    {
        _units.Problems.Clear();
        var found = _units.Infer(value);
        foreach (var (e, problem) in _units.Problems)
            _sink.Report(DiagnosticDescriptors.InconsistentUnits, at, _owner, method,
                UserModelParser.Text(IrOps.Rewrite(e, n => n switch { Var v => new Param(v.Name), Next x => new Param(x.Name), Input => new Param("I"), _ => null })), problem);
        if (found is not { } f || !_stateUnits.TryGetValue(target, out var u) || u is not { } x || f == x) return;
        var declared = States.First(s => s.Name == target).Unit;
        _sink.Report(DiagnosticDescriptors.AssignmentUnits, at, _owner, method, target, f.ToString(), declared + " = " + x);
    }

    /// <summary>The updates: <c>dX()</c> (an <see cref="Ode"/>) and <c>NextX()</c> (an <see cref="Explicit"/>) of each state;
    /// SPK3003, SPK3004, SPK3011, SPK3013 (clears <see cref="Ok"/>) and the units check.</summary>
    public Dictionary<string, (Update Update, Location At)> LowerUpdates()
    {
        var sink = _sink;
        string owner = _owner;
        var methods = Methods;
        var methodSymbols = MethodSymbols;
        var stateNames = StateNames;
        var lower = Lower;
        bool ok = Ok;
        var updates = new Dictionary<string, (Update Update, Location At)>(StringComparer.Ordinal);
        foreach (var kv in methods)
        {
            string name = kv.Key;
            bool isDerivative = name.Length > 1 && name[0] == 'd' && char.IsUpper(name[1]);
            bool isNext = name.Length > 4 && name.StartsWith("Next", StringComparison.Ordinal) && char.IsUpper(name[4]);
            if (!isDerivative && !isNext) continue;
            string target = name.Substring(isDerivative ? 1 : 4);
            var ms = methodSymbols[name];
            if (!stateNames.Contains(target))
            {
                string near = ModelParser.Suggest(target, stateNames);
                sink.Report(DiagnosticDescriptors.DerivativeOfNonState, Loc(ms), owner, name, target, near, stateNames.Count == 0 ? "none" : string.Join(", ", stateNames));
                ok = false;
                continue;
            }
            if (ms.Parameters.Length != 0 || ms.ReturnType.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single) || ms.IsGenericMethod)
            {
                sink.Report(DiagnosticDescriptors.BadModelMember, Loc(ms), owner, name + "()", "a method taking no parameters and returning double");
                ok = false;
                continue;
            }
            if (updates.ContainsKey(target))
            {
                sink.Report(DiagnosticDescriptors.DuplicateModelPart, Loc(ms), owner, "the update of '" + target + "' (d" + target + "() and Next" + target + "())");
                ok = false;
                continue;
            }
            var value = lower.LowerMethodValue(kv.Value, new CSharpToIr.Env(CSharpToIr.Context.Step));
            if (value is null) { ok = false; continue; }
            updates[target] = (isDerivative ? new Ode(value) : new Explicit(value), Loc(ms));
            CheckUnits(value, name, target, isDerivative, Loc(ms));
        }
        foreach (var s in States)
            if (!updates.ContainsKey(s.Name) && !methods.ContainsKey("d" + s.Name) && !methods.ContainsKey("Next" + s.Name))
            {
                sink.Report(DiagnosticDescriptors.StateWithoutUpdate, Loc(s.Symbol), owner, s.Name);
                ok = false;
            }
        Ok = ok;
        return updates;
    }

    static string? AttributeString(ISymbol s, string attribute, out bool present)
    {
        present = false;
        foreach (var a in s.GetAttributes())
        {
            if (a.AttributeClass?.ToDisplayString() != attribute) continue;
            present = true;
            if (a.ConstructorArguments.Length == 1 && a.ConstructorArguments[0].Value is string u) return u;
            return "";
        }
        return null;
    }

    static ExpressionSyntax? Initializer(ISymbol m, CancellationToken ct)
    {
        foreach (var r in m.DeclaringSyntaxReferences)
            switch (r.GetSyntax(ct))
            {
                case PropertyDeclarationSyntax { Initializer: { } pi }: return pi.Value;
                case VariableDeclaratorSyntax { Initializer: { } vi }: return vi.Value;
            }
        return null;
    }
}
