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

/// <summary>A neuron model and its parameter values, in the order of its definition's parameters (as written, or the
/// definition's defaults). <see cref="Model"/> is the definition's attribute name (<c>Definitions.Catalogue</c>).
/// <see cref="User"/>: a user's model ([NeuronModel] class), carried by value (its lists are EquatableArrays, so the
/// definition compares by value); null for a built-in one.</summary>
internal sealed record NeuronSpec(string Model, EquatableArray<double> Values, Definitions.Integration Method = Definitions.Integration.ExpAuto,
    Definitions.NeuronDef? User = null)
{
    public Definitions.NeuronDef Def => User ?? Definitions.Catalogue.Neuron(Model);

    public double Value(string parameter) => Values[IndexOf(Def.Params, parameter)];

    internal static int IndexOf(System.Collections.Generic.IReadOnlyList<Definitions.ParamDef> ps, string name)
    {
        for (int i = 0; i < ps.Count; i++) if (ps[i].Name == name) return i;
        throw new System.ArgumentException(name);
    }
}

internal enum InitKind { Normal, Uniform, Constant }

/// <summary>An initializer of a state variable: Normal(A = mean, B = std), Uniform(A = min, B = max), Constant(A).</summary>
internal sealed record InitSpec(string Variable, InitKind Kind, double A, double B);

internal sealed record PopulationSpec(TypeDecl Type, int Size, NeuronSpec Neuron, EquatableArray<InitSpec> Inits);

/// <summary>EventJitFPHomoLinear(numIn, numOut, Prob, Weight, Seed), or with <see cref="Csr"/> an EventCSRLinear.</summary>
internal sealed record CommSpec(int NumIn, int NumOut, double Prob, double Weight, long Seed, CsrSpec? Csr = null, AltComm? Alt = null)
{
    /// <summary>A non-event comm (<c>[CSRLinear]</c>): it multiplies a float vector (an align-pre synapse's value).</summary>
    public bool NonEvent { get; init; }

    /// <summary>The comm has a value form (multiplies a float vector: align-pre projections, VanillaProj): the non-event comms,
    /// and AllToAll / OneToOne, which take either. The parser reports a comm without it there (SPK4060, SPK4120).</summary>
    public bool HasValueForm => NonEvent && (Csr is not null || Alt is { IsNonEventJit: true }) || Alt is { Kind: "AllToAll" or "OneToOne" };

    /// <summary>The comm has an event form (delivers spikes: align-post projections): every comm but the non-event ones. The
    /// parser reports a comm without it there (SPK4063).</summary>
    public bool HasEventForm => !NonEvent;
}

/// <summary>A comm other than EventJitFPHomoLinear and EventCSRLinear: <see cref="Kind"/> is its attribute name
/// ("EventJitFPUniformLinear": A, B = WLow, WHigh; "EventJitFPNormalLinear": A, B = WMu, WSigma; "AllToAll" with
/// <see cref="IncludeSelf"/>; "OneToOne").</summary>
internal sealed record AltComm(string Kind, double A, double B, bool IncludeSelf)
{
    public bool IsJit => Kind is "EventJitFPUniformLinear" or "EventJitFPNormalLinear" or "JitFPHomoLinear" or "JitFPUniformLinear" or "JitFPNormalLinear";

    /// <summary>One of the non-event JIT comms (align-pre only).</summary>
    public bool IsNonEventJit => Kind is "JitFPHomoLinear" or "JitFPUniformLinear" or "JitFPNormalLinear";
}

/// <summary>An EventCSRLinear's connector: <see cref="Kind"/> indexes <c>Comms.ConnKinds</c>.</summary>
internal sealed record CsrSpec(int Kind, long Num, bool AllowMultiConn, bool IncludeSelf, CsrWeights? Weights = null);

/// <summary>Per-synapse weights of an EventCSRLinear: uniform [A, B) or normal (A, B) clipped to [Min, Max] (NaN: no clip).</summary>
internal sealed record CsrWeights(bool Normal, double A, double B, double Min, double Max);

/// <summary>A synapse model and its parameter values (definition order). <see cref="User"/>: a user's model
/// ([SynapseModel] class), carried by value (its lists are EquatableArrays, so two projections with equal user synapses,
/// values and outputs have equal merge keys and merge, design.md decision 4); null for a built-in one.</summary>
internal sealed record SynSpec(string Model, EquatableArray<double> Values, Definitions.SynapseDef? User = null)
{
    public Definitions.SynapseDef Def => User ?? Definitions.Catalogue.Synapse(Model);

    public double Value(string parameter) => Values[NeuronSpec.IndexOf(Def.Params, parameter)];
}

/// <summary>An output model and its parameter values (definition order).</summary>
internal sealed record OutSpec(string Model, EquatableArray<double> Values)
{
    public Definitions.OutputDef Def => Definitions.Catalogue.Output(Model);

    public double Value(string parameter) => Values[NeuronSpec.IndexOf(Def.Params, parameter)];
}

/// <summary>A HalfProjAlignPostMg projection, or with <see cref="Full"/> a FullProjAlignPostMg. <see cref="PostType"/> is the
/// post population's fully qualified name.
/// <see cref="OwnSynapse"/>: HalfProjAlignPost / FullProjAlignPost, whose synapse is its own (not merged; decay then add).</summary>
internal sealed record ProjectionSpec(TypeDecl Type, string PostType, CommSpec Comm, SynSpec Syn, OutSpec Out, string? OutLabel, FullSpec? Full = null, bool OwnSynapse = false, bool Delta = false)
{
    /// <summary>A FullProjAlignPreDSMg: <see cref="Syn"/> is pre-sized (on the projection, stepped on the delayed spikes),
    /// its value goes through the non-event comm to the output's own post buffer (<c>C{group}</c>, not merged).</summary>
    public bool AlignPre { get; init; }

    /// <summary>With <see cref="AlignPre"/>: FullProjAlignPreSDMg (the synapse on the pre's current spikes, its value delayed).</summary>
    public bool SynapseThenDelay { get; init; }

    /// <summary>Align-post only: <c>[Std]</c> or <c>[Stp]</c> as BrainPy's older <c>stp=</c> form: a pre-sized state owned by this
    /// projection, stepped on the spikes it delivers, each spike's weight scaled by the release (x, or u·x). Null otherwise.</summary>
    public SynSpec? Plasticity { get; init; }
    /// <summary>A VanillaProj: no pre, no delay; <see cref="Syn"/> is the comm-input placeholder; the user's values go through
    /// the non-event comm to the output's own post buffer, as for <see cref="AlignPre"/>.</summary>
    public bool Vanilla { get; init; }
}

internal enum DelayUnit { None, Ms, Steps }

/// <summary>What a Full projection adds to a Half one: its pre population (fully qualified) and its delay, as written
/// (<see cref="DelayUnit.None"/>: no delay; <see cref="DelayUnit.Ms"/>: <see cref="Value"/> ms, converted to steps with the
/// network's dt when built; <see cref="DelayUnit.Steps"/>: <see cref="Value"/> steps).</summary>
internal sealed record FullSpec(string PreType, DelayUnit Unit, double Value);
