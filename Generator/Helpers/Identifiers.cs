using Microsoft.CodeAnalysis.CSharp;

namespace SpikeSharp.Generator.Helpers;

/// <summary>C# identifiers in generated code: a type named with a reserved keyword (<c>@class</c>) must be written
/// with its '@'. Hint names and messages keep the plain name.</summary>
internal static class Identifiers
{
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>"a.b.c" with each part escaped.</summary>
    public static string EscapeDotted(string dotted)
    {
        if (dotted.Length == 0) return dotted;
        var parts = dotted.Split('.');
        for (int i = 0; i < parts.Length; i++) parts[i] = Escape(parts[i]);
        return string.Join(".", parts);
    }
}
