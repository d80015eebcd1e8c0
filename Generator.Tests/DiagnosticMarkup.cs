using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace SpikeSharp.Generator.Tests;

/// <summary>Parses <c>{|SPK0003:text|}</c> markup: the source without markers and the expected (id, span) pairs.</summary>
internal static class DiagnosticMarkup
{
    public static (string Source, List<(string Id, TextSpan Span)> Expected) Parse(string markup)
    {
        var sb = new StringBuilder();
        var expected = new List<(string, TextSpan)>();
        var open = new Stack<(string Id, int Start)>();
        for (int i = 0; i < markup.Length;)
        {
            if (markup.AsSpan(i).StartsWith("{|"))
            {
                int colon = markup.IndexOf(':', i);
                open.Push((markup[(i + 2)..colon], sb.Length));
                i = colon + 1;
            }
            else if (markup.AsSpan(i).StartsWith("|}"))
            {
                var (id, start) = open.Pop();
                expected.Add((id, TextSpan.FromBounds(start, sb.Length)));
                i += 2;
            }
            else sb.Append(markup[i++]);
        }
        return (sb.ToString(), expected);
    }

    /// <summary>Asserts that the analyzer reports exactly the marked diagnostics (id and span), and returns them for message checks.</summary>
    public static IReadOnlyList<Diagnostic> AssertDiagnostics(string markup, params string[] otherSources)
    {
        var (source, expected) = Parse(markup);
        var diags = GeneratorHarness.Analyze(new[] { source }.Concat(otherSources).ToArray())
            .Where(d => d.Location.SourceTree?.FilePath == "File0.cs")
            .OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
        var actual = diags.Select(d => (d.Id, d.Location.SourceSpan)).ToList();
        var want = expected.OrderBy(e => e.Span.Start).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        Assert.True(want.SequenceEqual(actual),
            "Expected:\n  " + string.Join("\n  ", want.Select(e => $"{e.Id} '{source.Substring(e.Span.Start, e.Span.Length)}' {e.Span}"))
            + "\nActual:\n  " + string.Join("\n  ", diags.Select(d => $"{d.Id} '{source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)}' {d.Location.SourceSpan}: {d.GetMessage()}")));
        return diags;
    }

    /// <summary>Asserts that exactly the one marked diagnostic is reported, with <paramref name="severity"/>; returns it for message checks.</summary>
    public static Diagnostic AssertSingle(string markup, DiagnosticSeverity severity, params string[] otherSources)
    {
        var d = Assert.Single(AssertDiagnostics(markup, otherSources));
        Assert.Equal(severity, d.Severity);
        return d;
    }
}
