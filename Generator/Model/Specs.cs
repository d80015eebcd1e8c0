using SpikeSharp.Generator.Helpers;

namespace SpikeSharp.Generator.Model;

// Parsed, value-equatable descriptions of the user's attributes. They hold only strings, numbers, enums and
// EquatableArray: never an ISymbol, SyntaxNode, Location or Compilation (tested), so the incremental pipeline
// can compare them across edits.

/// <summary>Where a user type lives: namespace ("" for the global one), containing type declarations
/// (e.g. "partial class Outer"), and its own name.</summary>
internal sealed record TypeDecl(string Namespace, EquatableArray<string> Containing, string Name, string Keyword, Visibility Visibility = Visibility.Public)
{
    /// <summary>"global::Ns.Outer.Name", keywords escaped ("global::Ns.@class") like
    /// <c>SymbolDisplayFormat.FullyQualifiedFormat</c>, which gives the projections' post names it is matched against.</summary>
    public string FullyQualifiedName =>
        "global::" + (Namespace.Length > 0 ? Identifiers.EscapeDotted(Namespace) + "." : "")
        + string.Concat(System.Linq.Enumerable.Select(ContainingNames(), static n => Identifiers.Escape(n.TrimEnd('.')) + ".")) + Identifiers.Escape(Name);

    /// <summary>"Ns.Outer.Name", used for hint names and ordinal ordering.</summary>
    public string MetadataName => (Namespace.Length > 0 ? Namespace + "." : "") + string.Concat(ContainingNames()) + Name;

    System.Collections.Generic.IEnumerable<string> ContainingNames()
    {
        foreach (var c in Containing)
        {
            int sp = c.LastIndexOf(' ');
            yield return c.Substring(sp + 1) + ".";
        }
    }
}

/// <summary>Effective accessibility of a type (its own and its containing types'), coarsened: public everywhere,
/// at most internal (public/internal/protected internal), or restricted (private or protected somewhere).</summary>
internal enum Visibility { Restricted, Internal, Public }

internal static class VisibilityRules
{
    /// <summary>Whether public members of a type with visibility <paramref name="exposer"/> may have a parameter or
    /// property of a type with visibility <paramref name="exposed"/> without CS0051/CS0053. Restricted/restricted is
    /// allowed: when the post cannot be seen at all, typeof(...) is already a compiler error.</summary>
    public static bool CanExpose(Visibility exposer, Visibility exposed) =>
        exposed == Visibility.Public || exposer != Visibility.Public && (exposed == Visibility.Internal || exposer == Visibility.Restricted);
}

internal enum NeuronKind { Lif, LifRef }

/// <summary>Neuron model parameters (ms, mV), as written or BrainPy's defaults.</summary>
internal sealed record NeuronSpec(NeuronKind Kind, double VRest, double VReset, double VTh, double R, double Tau, double TauRef)
{
    /// <summary>The state variables an initializer may target.</summary>
    public static readonly string[] InitializableVariables = { "V" };
}

internal enum InitKind { Normal, Uniform, Constant }

/// <summary>An initializer of a state variable: Normal(A = mean, B = std), Uniform(A = min, B = max), Constant(A).</summary>
internal sealed record InitSpec(string Variable, InitKind Kind, double A, double B);

internal sealed record PopulationSpec(TypeDecl Type, int Size, NeuronSpec Neuron, EquatableArray<InitSpec> Inits);

internal enum SynKind { Expon }

internal enum OutKind { Coba, Cuba }

/// <summary>EventJitFPHomoLinear(numIn, numOut, Prob, Weight, Seed).</summary>
internal sealed record CommSpec(int NumIn, int NumOut, double Prob, double Weight, long Seed);

internal sealed record SynSpec(SynKind Kind, double Tau);

internal sealed record OutSpec(OutKind Kind, double E);

/// <summary>A HalfProjAlignPostMg projection. <see cref="PostType"/> is the post population's fully qualified name.</summary>
internal sealed record ProjectionSpec(TypeDecl Type, string PostType, CommSpec Comm, SynSpec Syn, OutSpec Out, string? OutLabel);
