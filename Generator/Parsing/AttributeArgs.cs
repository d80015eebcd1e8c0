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

    public AttributeArgs(AttributeData data, CancellationToken ct)
    {
        _data = data;
        _syntax = data.ApplicationSyntaxReference?.GetSyntax(ct) as AttributeSyntax;
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
    public bool IsBound => _data.AttributeConstructor is not null;

    public enum Read { Absent, Ok, Invalid }

    /// <summary>Reads a named property argument (<c>Tau = 5</c>) as a double.</summary>
    public Read Named(string name, out double value, out Location? location)
    {
        value = double.NaN;
        location = NamedLocation(name);
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
        location = NamedLocation(name);
        foreach (var kv in _data.NamedArguments)
        {
            if (kv.Key != name) continue;
            if (kv.Value.Kind != TypedConstantKind.Primitive) return Read.Invalid;
            switch (kv.Value.Value)
            {
                case long l: value = l; return Read.Ok;
                case int i: value = i; return Read.Ok;
                case short s: value = s; return Read.Ok;
                case sbyte sb: value = sb; return Read.Ok;
                case byte b: value = b; return Read.Ok;
                case ushort us: value = us; return Read.Ok;
                case uint ui: value = ui; return Read.Ok;
                default: return Read.Invalid;
            }
        }
        return Read.Absent;
    }

    public Read NamedString(string name, out string? value, out Location? location)
    {
        value = null;
        location = NamedLocation(name);
        foreach (var kv in _data.NamedArguments)
        {
            if (kv.Key != name) continue;
            if (kv.Value.Kind == TypedConstantKind.Error) return Read.Invalid;
            value = kv.Value.Value as string;
            return Read.Ok;
        }
        return Read.Absent;
    }

    public Read NamedType(string name, out INamedTypeSymbol? value, out Location? location)
    {
        value = null;
        location = NamedLocation(name);
        foreach (var kv in _data.NamedArguments)
        {
            if (kv.Key != name) continue;
            if (kv.Value.Kind != TypedConstantKind.Type || kv.Value.Value is not INamedTypeSymbol t || t.TypeKind == TypeKind.Error) return Read.Invalid;
            value = t;
            return Read.Ok;
        }
        return Read.Absent;
    }

    /// <summary>Reads constructor argument <paramref name="index"/> (parameter <paramref name="parameter"/>) as a double.</summary>
    public Read Ctor(int index, string parameter, out double value, out Location? location)
    {
        value = double.NaN;
        location = CtorLocation(index, parameter);
        var ctor = _data.AttributeConstructor;
        if (ctor is null || index >= _data.ConstructorArguments.Length) return location is null ? Read.Absent : Read.Invalid;
        return ToDouble(_data.ConstructorArguments[index], out value) ? Read.Ok : Read.Invalid;
    }

    public Read CtorString(int index, string parameter, out string? value, out Location? location)
    {
        value = null;
        location = CtorLocation(index, parameter);
        if (_data.AttributeConstructor is null || index >= _data.ConstructorArguments.Length) return location is null ? Read.Absent : Read.Invalid;
        var c = _data.ConstructorArguments[index];
        if (c.Kind == TypedConstantKind.Error || c.Value is not string s) return Read.Invalid;
        value = s;
        return Read.Ok;
    }

    static bool ToDouble(TypedConstant c, out double value)
    {
        value = double.NaN;
        if (c.Kind != TypedConstantKind.Primitive || c.Value is null) return false;
        switch (c.Value)
        {
            case double d: value = d; return true;
            case float f: value = f; return true;
            case string: case bool: case char: return false;
            case IConvertible conv:
                try { value = conv.ToDouble(CultureInfo.InvariantCulture); return true; }
                catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException) { return false; }
            default: return false;
        }
    }

    Location? NamedLocation(string name)
    {
        if (_syntax?.ArgumentList is not { } list) return null;
        foreach (var a in list.Arguments)
            if (a.NameEquals?.Name.Identifier.ValueText == name) return a.GetLocation();
        return null;
    }

    Location? CtorLocation(int index, string parameter)
    {
        if (_syntax?.ArgumentList is not { } list) return null;
        int positional = 0;
        foreach (var a in list.Arguments)
        {
            if (a.NameEquals is not null) continue;
            if (a.NameColon is not null)
            {
                if (a.NameColon.Name.Identifier.ValueText == parameter) return a.GetLocation();
                continue;
            }
            if (positional++ == index) return a.GetLocation();
        }
        return null;
    }
}
