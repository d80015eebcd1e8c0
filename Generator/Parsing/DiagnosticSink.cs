using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace SpikeSharp.Generator.Parsing;

/// <summary>Collects diagnostics while parsing. The generator reports them, apart from the model, and asks whether an
/// error was found (then it emits no model for that type, at most its shell).</summary>
internal sealed class DiagnosticSink
{
    public List<Diagnostic> Diagnostics { get; } = new();

    public bool HasErrors { get; private set; }

    public void Report(DiagnosticDescriptor descriptor, Location? location, params object?[] args)
    {
        if (descriptor.DefaultSeverity == DiagnosticSeverity.Error) HasErrors = true;
        Diagnostics.Add(Diagnostic.Create(descriptor, location ?? Location.None, args));
    }
}
