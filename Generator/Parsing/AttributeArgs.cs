using System;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SpikeSharp.Generator.Parsing;

/// <summary>Reads one attribute application's arguments as numbers, strings and types, with the location of each
/// argument's syntax. Anything half-typed (missing, wrong type, error constant) reads as "absent" plus a flag.</summary>
internal readonly struct AttributeArgs
{
    readonly AttributeData _data;
    readonly AttributeSyntax? _syntax;
    readonly ConstantResolver? _resolver;

    /// <param name="resolver">Reads arguments that name generated constants (null: read everything as the compiler gives it).</param>
    public AttributeArgs(AttributeData data, CancellationToken ct, ConstantResolver? resolver = null)
    {
        _data = data;
        _syntax = data.ApplicationSyntaxReference?.GetSyntax(ct) as AttributeSyntax;
        _resolver = resolver;
    }

    public string Name
    {
        get
        {
            string n = _data.AttributeClass?.Name ?? "?";
            return n.EndsWith("Attribute", StringComparison.Ordinal) ? n.Substring(0, n.Length - "Attribute".Length) : n;
        }
    }

    /// <summary>The whole attribute, e.g. <c>LifRef(Tau = 20)</c>.</summary>
    public Location? AttributeLocation => _syntax?.GetLocation();

    /// <summary>True when the compiler bound the attribute to a constructor (arguments are usable).</summary>
    public bool IsBound => _data.AttributeConstructor is not null || Unbound;

    /// <summary>Not bound by the compiler only because an argument names a generated constant (which does not exist
    /// before generation): the arguments are then read from their syntax.</summary>
    bool Unbound => _data.AttributeConstructor is null && _resolver is not null && _syntax is not null && _resolver.MentionsGenerated(_syntax);

    bool FromSyntax(AttributeArgumentSyntax? argument, out object? value)
    {
        value = null;
        return argument is not null && Unbound && _resolver!.TryConstant(argument, out value);
    }

    /// <summary>A folded numeric constant (int, double, ...) as a double; false for strings, bools, chars and null.</summary>
    static bool ObjectToDouble(object? o, out double value)
    {
        value = double.NaN;
        switch (o)
        {
            case null: return false;
            case double d: value = d; return true;
            case float f: value = f; return true;
            case string: case bool: case char: return false;
            case IConvertible conv:
                try { value = conv.ToDouble(CultureInfo.InvariantCulture); return true; }
                catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException) { return false; }
            default: return false;
        }
    }

    public enum Read { Absent, Ok, Invalid, Unresolved, Null }

    /// <summary>Resolves an argument that names a generated constant; null when it names none (read it normally).</summary>
    Read? Generated(AttributeArgumentSyntax? argument, ConstantResolver.Target target, string parameter, out double value)
    {
        value = double.NaN;
        if (_resolver is null || argument is null) return null;
        return _resolver.Resolve(argument, target, Name, parameter, out value) switch
        {
            ConstantResolver.Outcome.Resolved => Read.Ok,
            ConstantResolver.Outcome.Mismatch => Read.Invalid,
            ConstantResolver.Outcome.Failed => Read.Unresolved,
            _ => null,
        };
    }

    /// <summary>Reads a named property argument (<c>Tau = 5</c>) as a double.</summary>
    public Read Named(string name, out double value, out Location? location)
    {
        value = double.NaN;
        var syntax = NamedSyntax(name);
        location = syntax?.GetLocation();
        if (Generated(syntax, ConstantResolver.Target.Double, name, out value) is { } generated) return generated;
        if (syntax is not null && Unbound) return FromSyntax(syntax, out object? folded) && ObjectToDouble(folded, out value) ? Read.Ok : Read.Invalid;
        foreach (var kv in _data.NamedArguments)
        {
            if (kv.Key != name) continue;
            return ToDouble(kv.Value, out value) ? Read.Ok : Read.Invalid;
        }
        return Read.Absent;
    }

    /// <summary>Reads a named property argument as a 64-bit integer (exact for every long, unlike a double).</summary>
    public Read NamedLong(string name, out long value, out Location? location)
    {
        value = 0;
        var syntax = NamedSyntax(name);
        location = syntax?.GetLocation();
        if (Generated(syntax, ConstantResolver.Target.Long, name, out double resolved) is { } generated)
        {
            value = generated == Read.Ok ? (long)resolved : 0;
            return generated;
        }
        if (syntax is not null && Unbound)
            return FromSyntax(syntax, out object? folded) && ToLong(folded, out value) ? Read.Ok : Read.Invalid;
        foreach (var kv in _data.NamedArguments)
        {
            if (kv.Key != name) continue;
            if (kv.Value.Kind != TypedConstantKind.Primitive) return Read.Invalid;
            return ToLong(kv.Value.Value, out value) ? Read.Ok : Read.Invalid;
        }
        return Read.Absent;
    }

    /// <summary>Reads a named enum argument (<c>Method = IntegrationMethod.Euler</c>) as its underlying value.</summary>
    public Read NamedEnum(string name, out long value, out Location? location)
    {
        value = 0;
        var syntax = NamedSyntax(name);
        location = syntax?.GetLocation();
        if (syntax is not null && Unbound) return Read.Invalid;
        foreach (var kv in _data.NamedArguments)
        {
            if (kv.Key != name) continue;
            if (kv.Value.Kind != TypedConstantKind.Enum) return Read.Invalid;
            return ToLong(kv.Value.Value, out value) ? Read.Ok : Read.Invalid;
        }
        return Read.Absent;
    }

    /// <summary>Reads a named bool argument.</summary>
    public Read NamedBool(string name, out bool value, out Location? location)
    {
        value = false;
        var syntax = NamedSyntax(name);
        location = syntax?.GetLocation();
        if (syntax is not null && Unbound) return Read.Invalid;
        foreach (var kv in _data.NamedArguments)
        {
            if (kv.Key != name) continue;
            if (kv.Value.Kind != TypedConstantKind.Primitive || kv.Value.Value is not bool b) return Read.Invalid;
            value = b;
            return Read.Ok;
        }
        return Read.Absent;
    }

    static bool ToLong(object? o, out long value)
    {
        value = 0;
        {
            switch (o)
            {
                case long l: value = l; return true;
                case int i: value = i; return true;
                case short s: value = s; return true;
                case sbyte sb: value = sb; return true;
                case byte b: value = b; return true;
                case ushort us: value = us; return true;
                case uint ui: value = ui; return true;
                default: return false;
            }
        }
    }

    public Read NamedString(string name, out string? value, out Location? location)
    {
        value = null;
        var syntax = NamedSyntax(name);
        location = syntax?.GetLocation();
        if (Generated(syntax, ConstantResolver.Target.String, name, out _) is { } generated) return generated == Read.Ok ? Read.Invalid : generated;
        if (syntax is not null && Unbound)
        {
            if (!FromSyntax(syntax, out object? folded) || folded is not (string or null)) return Read.Invalid;
            value = folded as string;
            return Read.Ok;
        }
        foreach (var kv in _data.NamedArguments)
        {
            if (kv.Key != name) continue;
            if (kv.Value.Kind == TypedConstantKind.Error) return Read.Invalid;
            value = kv.Value.Value as string;
            return Read.Ok;
        }
        return Read.Absent;
    }

    /// <summary>Reads a <c>typeof(...)</c> argument: <see cref="Read.Null"/> for <c>null</c>; Ok with any type
    /// (an array or pointer too: the caller says it is not a population); Invalid for an error type.</summary>
    public Read NamedType(string name, out ITypeSymbol? value, out Location? location)
    {
        value = null;
        var syntax = NamedSyntax(name);
        location = syntax?.GetLocation();
        if (syntax is not null && Unbound)
        {
            if (FromSyntax(syntax, out object? folded) && folded is null) return Read.Null;
            value = _resolver!.TypeOfArgument(syntax);
            return value is null || value.TypeKind == TypeKind.Error ? Read.Invalid : Read.Ok;
        }
        foreach (var kv in _data.NamedArguments)
        {
            if (kv.Key != name) continue;
            if (kv.Value.Kind == TypedConstantKind.Type && kv.Value.IsNull) return Read.Null;
            if (kv.Value.Kind != TypedConstantKind.Type || kv.Value.Value is not ITypeSymbol t || t.TypeKind == TypeKind.Error) return Read.Invalid;
            value = t;
            return Read.Ok;
        }
        return Read.Absent;
    }

    /// <summary>Reads constructor argument <paramref name="index"/> (parameter <paramref name="parameter"/>) as a double.</summary>
    public Read Ctor(int index, string parameter, out double value, out Location? location)
    {
        value = double.NaN;
        var syntax = CtorSyntax(index, parameter);
        location = syntax?.GetLocation();
        var target = IsIntParameter(index) ? ConstantResolver.Target.Int : ConstantResolver.Target.Double;
        if (Generated(syntax, target, parameter, out value) is { } generated) return generated;
        if (syntax is not null && Unbound) return FromSyntax(syntax, out object? folded) && ObjectToDouble(folded, out value) ? Read.Ok : Read.Invalid;
        var ctor = _data.AttributeConstructor;
        if (ctor is null || index >= _data.ConstructorArguments.Length) return location is null ? Read.Absent : Read.Invalid;
        return ToDouble(_data.ConstructorArguments[index], out value) ? Read.Ok : Read.Invalid;
    }

    public Read CtorString(int index, string parameter, out string? value, out Location? location)
    {
        value = null;
        var syntax = CtorSyntax(index, parameter);
        location = syntax?.GetLocation();
        if (Generated(syntax, ConstantResolver.Target.String, parameter, out _) is { } generated) return generated == Read.Ok ? Read.Invalid : generated;
        if (syntax is not null && Unbound)
        {
            if (!FromSyntax(syntax, out object? folded) || folded is not string text) return Read.Invalid;
            value = text;
            return Read.Ok;
        }
        if (_data.AttributeConstructor is null || index >= _data.ConstructorArguments.Length) return location is null ? Read.Absent : Read.Invalid;
        var c = _data.ConstructorArguments[index];
        if (c.Kind == TypedConstantKind.Error || c.Value is not string s) return Read.Invalid;
        value = s;
        return Read.Ok;
    }

    static bool ToDouble(TypedConstant c, out double value)
    {
        value = double.NaN;
        return c.Kind == TypedConstantKind.Primitive && ObjectToDouble(c.Value, out value);
    }

    AttributeArgumentSyntax? NamedSyntax(string name)
    {
        if (_syntax?.ArgumentList is not { } list) return null;
        foreach (var a in list.Arguments)
            if (a.NameEquals?.Name.Identifier.ValueText == name) return a;
        return null;
    }

    /// <summary>Whether constructor parameter <paramref name="index"/> is an int (a size), so a generated double does
    /// not convert. Unknown (unbound) constructors count as int: every SpikeSharp constructor number is an int but
    /// InitConstant's value.</summary>
    bool IsIntParameter(int index)
    {
        var ctor = _data.AttributeConstructor;
        if (ctor is null) return Name != "InitConstant";
        return index < ctor.Parameters.Length && ctor.Parameters[index].Type.SpecialType == SpecialType.System_Int32;
    }

    AttributeArgumentSyntax? CtorSyntax(int index, string parameter)
    {
        if (_syntax?.ArgumentList is not { } list) return null;
        int positional = 0;
        foreach (var a in list.Arguments)
        {
            if (a.NameEquals is not null) continue;
            if (a.NameColon is not null)
            {
                if (a.NameColon.Name.Identifier.ValueText == parameter) return a;
                continue;
            }
            if (positional++ == index) return a;
        }
        return null;
    }
}
