using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SpikeSharp.Generator.Lowering;

/// <summary>
/// Hint names (file names) of the generated sources. Roslyn requires them unique ignoring case (CS8785 otherwise, and
/// the whole output is lost), and a file system limits a name to 255 bytes (CS0016 when EmitCompilerGeneratedFiles
/// writes a longer one). The hint is the type's metadata name ("Ns.Outer.Name") when that is short and unique ignoring
/// case; otherwise the name, cut to <see cref="MaxStemBytes"/> UTF-8 bytes, then "." and a hash of the exact name. The hash
/// depends only on the name, so the result does not depend on the order of the inputs.
/// </summary>
internal static class HintNames
{
    public const string Extension = ".g.cs";

    /// <summary>Longest stem kept as written, in UTF-8 bytes; with the hash and extension a hint stays under 100 bytes.</summary>
    public const int MaxStemBytes = 80;

    /// <summary>Hint name per metadata name (names must be distinct ordinally; they may differ only in case).</summary>
    public static Dictionary<string, string> Assign(IEnumerable<string> metadataNames)
    {
        var names = metadataNames.Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();
        var byFold = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var n in names)
        {
            bool collides = byFold[n] > 1;
            string stem = Utf8Length(n) > MaxStemBytes ? Cut(n, MaxStemBytes) + "." + Hash(n) : collides ? n + "." + Hash(n) : n;
            // A hash collision (or a name that already looks like "X.hash") is resolved by a counter; ordinal order keeps it stable.
            string hint = stem + Extension;
            for (int k = 2; !used.Add(hint); k++) hint = stem + "." + k.ToString(CultureInfo.InvariantCulture) + Extension;
            result.Add(n, hint);
        }
        return result;
    }

    /// <summary>FNV-1a (32-bit) of the UTF-16 code units, as 8 lowercase hex digits.</summary>
    internal static string Hash(string s)
    {
        uint h = 2166136261;
        foreach (char ch in s) { h ^= ch; h *= 16777619; }
        return h.ToString("x8", CultureInfo.InvariantCulture);
    }

    static int Utf8Length(string s) => Encoding.UTF8.GetByteCount(s);

    /// <summary>The longest prefix of at most <paramref name="maxBytes"/> UTF-8 bytes that does not split a surrogate pair.</summary>
    static string Cut(string s, int maxBytes)
    {
        int bytes = 0, i = 0;
        while (i < s.Length)
        {
            int len = char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? 2 : 1;
            int b = Encoding.UTF8.GetByteCount(s.ToCharArray(i, len));
            if (bytes + b > maxBytes) break;
            bytes += b;
            i += len;
        }
        return s.Substring(0, i);
    }
}
