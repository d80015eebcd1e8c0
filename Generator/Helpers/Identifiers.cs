using Microsoft.CodeAnalysis.CSharp;

namespace SpikeSharp.Generator.Helpers;

/// <summary>C# identifiers in generated code: a type named with a reserved keyword (<c>@class</c>) must be written
/// with its '@', and so must one named with a contextual keyword: <c>required</c>, <c>scoped</c>, <c>record</c>,
/// <c>file</c> cannot name a type unescaped (CS9029, CS9062, CS8860), and <c>var</c>, <c>partial</c>, <c>nameof</c>
/// change meaning in some positions. '@' is valid before any identifier, so every keyword of either kind is escaped.
/// Hint names and messages keep the plain name.</summary>
internal static class Identifiers
{
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>"a.b.c" with each part escaped.</summary>
    public static string EscapeDotted(string dotted)
    {
        if (dotted.Length == 0) return dotted;
        var parts = dotted.Split('.');
        for (int i = 0; i < parts.Length; i++) parts[i] = Escape(parts[i]);
        return string.Join(".", parts);
    }
}
