using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SpikeSharp.Generator.Diagnostics;
using SpikeSharp.Generator.Helpers;
using SpikeSharp.Generator.Model;
using SpikeSharp.Generator.Model.Definitions;
using SpikeSharp.Generator.Model.Ir;
using static SpikeSharp.Generator.Parsing.AttributeArgs;

namespace SpikeSharp.Generator.Parsing;

/// <summary>
/// Symbols → specs and diagnostics, in one parse per type. The only place that reads Roslyn symbols. A type whose parse
/// reported an error, or whose arguments could not be read, gets no model but at most a <see cref="ShellSpec"/>; the
/// generator reports the diagnostics beside it.
/// Never throws on user input.
/// </summary>
internal static class ModelParser
{
    /// <summary>Per-parse state: the owner's name for messages, the sink, and whether some argument could not be
    /// read (half-typed code the compiler reports; the generator then gives the type no model, only a shell, without a
    /// diagnostic of ours).</summary>
    sealed class Ctx(string owner, DiagnosticSink sink)
    {
        public readonly string Owner = owner;
        public readonly DiagnosticSink Sink = sink;
        public bool Unreadable;
    }

    /// <summary>The generator's parse: the spec, or for an invalid population the shell (see <see cref="ShellSpec"/>).</summary>
    public static Parsed<PopulationSpec> ParsePopulationForGenerator(INamedTypeSymbol type, CancellationToken ct, Compilation? compilation)
    {
        var sink = new DiagnosticSink();
        var spec = ParsePopulation(type, sink, ct, compilation, out var shell);
        return new Parsed<PopulationSpec>(new ModelParse<PopulationSpec>(spec, spec is null ? shell : null), sink.Diagnostics.ToImmutableArray(), null);
    }

    static PopulationSpec? ParsePopulation(INamedTypeSymbol type, DiagnosticSink sink, CancellationToken ct, Compilation? compilation, out ShellSpec? shell)
    {
        shell = null;
        var typeInfo = ParseTypeDecl(type, "Population", sink, out var shellDecl);
        var resolver = compilation is null ? null : new ConstantResolver(compilation, sink, type.Name, ct);
        var c = new Ctx(type.Name, sink);
        string name = type.Name;
        int size = -1, populationCount = 0;
        NeuronSpec? neuron = null;
        string? neuronAttr = null;
        Location? neuronLoc = null;
        var initArgs = new List<(InitSpec Spec, string Attribute, Location? Location)>();

        foreach (var attr in type.GetAttributes())
        {
            ct.ThrowIfCancellationRequested();
            string? attrName = attr.AttributeClass?.ToDisplayString();
            if (attrName is null) continue;
            var args = new AttributeArgs(attr, ct, resolver);
            if (!args.IsBound && IsDslAttribute(attrName)) c.Unreadable = true; // no matching constructor: the compiler reports it
            switch (attrName)
            {
                case AttributeNames.Population:
                    populationCount++; // two [Population] attributes: CS0579, and the type is skipped (no shell either)
                    size = ReadSize(args, 0, "size", c);
                    break;
                case AttributeNames.HalfProjAlignPostMg:
                    sink.Report(DiagnosticDescriptors.ConflictingRoles, args.AttributeLocation ?? FirstLocation(type), name);
                    break;
                case AttributeNames.FullProjAlignPostMg:
                case AttributeNames.HalfProjAlignPost:
                case AttributeNames.FullProjAlignPost:
                case AttributeNames.HalfProjDelta:
                case AttributeNames.FullProjDelta:
                    sink.Report(ProjectionDescriptors.TwoRoles, args.AttributeLocation ?? FirstLocation(type), name, "Population", attrName.Substring(11, attrName.Length - 20));
                    break;
                case AttributeNames.InitNormal:
                case AttributeNames.InitUniform:
                case AttributeNames.InitConstant:
                {
                    var read = args.CtorString(0, "variable", out string? variable, out var loc);
                    if (read == Read.Unresolved) { c.Unreadable = true; break; }
                    if (read != Read.Ok || variable is null)
                    {
                        if (read == Read.Invalid) sink.Report(DiagnosticDescriptors.InvalidArgument, loc ?? args.AttributeLocation, name, "variable", args.Name, "string");
                        c.Unreadable = true;
                        break;
                    }
                    InitSpec spec;
                    if (attrName == AttributeNames.InitNormal)
                    {
                        double mean = Finite(args, "Mean", 0, c);
                        double std = Named(args, "Std", 1, c, out var stdLoc);
                        if (!(std >= 0) || !IsFiniteFloat(std))
                            sink.Report(DiagnosticDescriptors.NegativeStd, stdLoc ?? args.AttributeLocation, name, $"InitNormal(\"{variable}\").Std", Literals.Short(std));
                        else if (IsFiniteFloat(mean) && float.IsInfinity((float)(Math.Abs(mean) + NormalZMax * std)))
                            sink.Report(DiagnosticDescriptors.NonFiniteValue, stdLoc ?? args.AttributeLocation, name,
                                $"InitNormal(\"{variable}\"): the largest draw |Mean| + 8.57·Std", Literals.Short(Math.Abs(mean) + NormalZMax * std));
                        spec = new InitSpec(variable, InitKind.Normal, mean, std);
                    }
                    else if (attrName == AttributeNames.InitUniform)
                    {
                        double min = Finite(args, "Min", 0, c, out var minLoc);
                        double max = Finite(args, "Max", 1, c, out var maxLoc);
                        if (max < min)
                            sink.Report(DiagnosticDescriptors.UniformRangeInverted, maxLoc ?? minLoc ?? args.AttributeLocation, name,
                                $"InitUniform(\"{variable}\")", Literals.Short(max), Literals.Short(min));
                        spec = new InitSpec(variable, InitKind.Uniform, min, max);
                    }
                    else
                    {
                        var valueRead = args.Ctor(1, "value", out double value, out var valueLoc);
                        if (valueRead == Read.Invalid)
                            sink.Report(DiagnosticDescriptors.InvalidArgument, valueLoc ?? args.AttributeLocation, name, "value", args.Name, "number");
                        if (valueRead != Read.Ok || !args.IsBound) c.Unreadable = true; // Unresolved: SPK0027 reported
                        else if (!IsFiniteFloat(value))
                            sink.Report(DiagnosticDescriptors.NonFiniteValue, valueLoc ?? args.AttributeLocation, name, $"InitConstant(\"{variable}\").value", Literals.Short(value));
                        spec = new InitSpec(variable, InitKind.Constant, valueRead == Read.Ok ? value : 0, 0);
                    }
                    initArgs.Add((spec, args.Name, loc));
                    break;
                }
                default:
                {
                    bool userModelFailed = false;
                    var def = Catalogue.NeuronByMetadataName(attrName) ?? UserNeuron(attr, compilation, args, name, sink, ct, out userModelFailed);
                    if (def is null && !userModelFailed) break;
                    if (neuronAttr is not null)
                    {
                        sink.Report(DiagnosticDescriptors.TwoNeuronModels, args.AttributeLocation ?? FirstLocation(type), name, neuronAttr, args.Name);
                        break;
                    }
                    neuronAttr = args.Name;
                    neuronLoc = args.AttributeLocation;
                    if (def is null) { c.Unreadable = true; break; } // a user's model with errors: reported at the model
                    neuron = new NeuronSpec(def.Attribute, ReadParams(args, def.Params, def.Warnings, c).ToEquatableArray(), ReadMethod(args, c),
                        Catalogue.NeuronByMetadataName(attrName) is null ? def : null);
                    break;
                }
            }
        }

        if (neuron is null && neuronAttr is null)
            sink.Report(DiagnosticDescriptors.MissingNeuronModel, FirstLocation(type), name, Catalogue.NeuronList);

        // The variables the model lets Init* target (every model has V, the one checked when the model is missing).
        string[] initializable = neuron is null ? new[] { "V" }
            : neuron.Def.States.Where(static st => st.Initializable).Select(static st => st.Name).ToArray();
        var inits = new List<InitSpec>();
        var initialised = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (spec, attribute, loc) in initArgs)
        {
            if (Array.IndexOf(initializable, spec.Variable) < 0)
            {
                sink.Report(DiagnosticDescriptors.UnknownStateVariable, loc, name, spec.Variable,
                    Suggest(spec.Variable, initializable), string.Join(", ", initializable));
                continue;
            }
            if (initialised.TryGetValue(spec.Variable, out var first))
            {
                sink.Report(DiagnosticDescriptors.DuplicateInitializer, loc, name, spec.Variable, first, attribute);
                continue;
            }
            initialised.Add(spec.Variable, attribute);
            inits.Add(spec);
        }
        if (neuron is not null && !initialised.ContainsKey("V"))
            CheckInitialV(neuron, neuronAttr ?? neuron.Model, neuronLoc ?? FirstLocation(type), name, sink);
        // Attributes spread over partial declarations come in declaration order, which follows file order: sort so
        // the generated text does not depend on it.
        inits.Sort(static (a, b) => string.CompareOrdinal(a.Variable, b.Variable));

        if (typeInfo is not null)
        {
            var members = GeneratedMembers.Population(type.Name, neuron?.Def);
            CheckClashes(type, "population", members, indexed: true, sink, ct);
            CheckInheritedClashes(type, "population", members, indexed: true, sink, ct);
        }

        if (sink.HasErrors || c.Unreadable || populationCount != 1 || size <= 0 || typeInfo is null || neuron is null)
        {
            if (shellDecl is not null && populationCount == 1 && CanTakeShell(type, typeInfo, sink, "population", GeneratedMembers.Population(type.Name, neuron?.Def), indexed: true, ct))
                shell = ShellSpec.Population(shellDecl, size, neuron, ErrorIds(sink));
            return null;
        }
        return new PopulationSpec(typeInfo, size, neuron, inits.ToEquatableArray());
    }

    /// <summary>The generator's parse: the spec, and a shell (see <see cref="ShellSpec"/>) for when it is invalid or
    /// the planner drops it (post invalid, numOut not the post's size).</summary>
    public static Parsed<ProjectionSpec> ParseProjectionForGenerator(INamedTypeSymbol type, CancellationToken ct, Compilation? compilation,
        string role = AttributeNames.HalfProjAlignPostMg)
    {
        var sink = new DiagnosticSink();
        var spec = ParseProjection(type, sink, ct, compilation, out var shell, role);
        Location? at = null;
        foreach (var a in type.GetAttributes())
            if (a.AttributeClass?.ToDisplayString() == role && a.ApplicationSyntaxReference is { } r) { at = r.GetSyntax(ct).GetLocation(); break; }
        return new Parsed<ProjectionSpec>(new ModelParse<ProjectionSpec>(spec, shell), sink.Diagnostics.ToImmutableArray(), spec is null ? null : (spec.Type.MetadataName, at));
    }

    /// <summary>Parses a [HalfProjAlignPostMg] class, its post's attributes included (SPK0002, SPK0003, SPK0024, SPK0026);
    /// <paramref name="compilation"/> resolves arguments that name generated constants (null: as the compiler gives them).</summary>
    static ProjectionSpec? ParseProjection(INamedTypeSymbol type, DiagnosticSink sink, CancellationToken ct, Compilation? compilation, out ShellSpec? shell,
        string role = AttributeNames.HalfProjAlignPostMg)
    {
        shell = null;
        bool alignPre = role is AttributeNames.FullProjAlignPreDSMg or AttributeNames.FullProjAlignPreSDMg;
        // VanillaProj: comm(x) of the user's values straight to an output; no pre, no delay, no synapse (SPK4120, SPK4121).
        bool vanilla = role == AttributeNames.VanillaProj;
        bool isFull = role is AttributeNames.FullProjAlignPostMg or AttributeNames.FullProjAlignPost or AttributeNames.FullProjDelta || alignPre;
        bool delta = role is AttributeNames.HalfProjDelta or AttributeNames.FullProjDelta;
        bool ownSynapse = role is AttributeNames.HalfProjAlignPost or AttributeNames.FullProjAlignPost;
        string roleName = role.Substring("SpikeSharp.".Length, role.Length - "SpikeSharp.".Length - "Attribute".Length);
        var full = isFull ? new FullProjectionParse() : null;
        var typeInfo = ParseTypeDecl(type, roleName, sink, out var shellDecl);
        var resolver = compilation is null ? null : new ConstantResolver(compilation, sink, type.Name, ct);
        var c = new Ctx(type.Name, sink);
        string name = type.Name;
        INamedTypeSymbol? post = null;
        Location? postLoc = null, numOutLoc = null;
        string? outLabel = null;
        bool postGiven = false, alsoPopulation = false;
        int projectionCount = 0;
        CommSpec? comm = null;
        SynSpec? syn = null;
        OutSpec? output = null;
        string? commAttr = null, synAttr = null, outAttr = null;
        Location? projLoc = null, commLoc = null, synLoc = null;
        SynSpec? plasticity = null; // [Std]/[Stp] on an align-post projection: a pre-side state scaling each event
        string? plasticityAttr = null;
        Location? plasticityLoc = null;

        foreach (var attr in type.GetAttributes())
        {
            ct.ThrowIfCancellationRequested();
            string? attrName = attr.AttributeClass?.ToDisplayString();
            if (attrName is null) continue;
            var args = new AttributeArgs(attr, ct, resolver);
            if (!args.IsBound && IsDslAttribute(attrName)) c.Unreadable = true; // no matching constructor: the compiler reports it
            switch (attrName)
            {
                case AttributeNames.Population:
                    alsoPopulation = true; // SPK0022, reported once by ParsePopulation
                    break;
                case AttributeNames.HalfProjAlignPostMg:
                case AttributeNames.FullProjAlignPostMg:
                case AttributeNames.HalfProjAlignPost:
                case AttributeNames.FullProjAlignPost:
                case AttributeNames.HalfProjDelta:
                case AttributeNames.FullProjDelta:
                case AttributeNames.FullProjAlignPreDSMg:
                case AttributeNames.FullProjAlignPreSDMg:
                case AttributeNames.VanillaProj:
                {
                    if (attrName != role)
                    {
                        // Two projection roles on one type: reported once (by the parse of the later role in this order);
                        // neither parse gives it a model.
                        alsoPopulation = true;
                        if (RoleRank(role) > RoleRank(attrName))
                            sink.Report(ProjectionDescriptors.TwoRoles, args.AttributeLocation ?? FirstLocation(type), name,
                                attrName.Substring(11, attrName.Length - 20), roleName);
                        break;
                    }
                    if (projectionCount++ > 0) break; // CS0579; the type is skipped (no shell either)
                    projLoc = args.AttributeLocation;
                    if (full is not null) FullProjectionParser.ReadPreAndDelay(args, full, name, sink, () => c.Unreadable = true);
                    var read = args.NamedType("Post", out var postType, out postLoc);
                    postGiven = read != Read.Absent;
                    if (read == Read.Invalid) c.Unreadable = true; // e.g. typeof(Unknown): the compiler reports it
                    else if (read == Read.Null)
                        sink.Report(DiagnosticDescriptors.MissingPost, postLoc ?? args.AttributeLocation, name);
                    else if (postType is INamedTypeSymbol named) post = named;
                    else if (postType is not null) // an array, pointer or function pointer type: never a population
                        sink.Report(DiagnosticDescriptors.PostNotPopulation, postLoc ?? args.AttributeLocation, name, postType.ToDisplayString());
                    var labelRead = args.NamedString("OutLabel", out outLabel, out var labelLoc);
                    if (labelRead == Read.Unresolved) { c.Unreadable = true; outLabel = null; }
                    else if (labelRead == Read.Invalid)
                    {
                        sink.Report(DiagnosticDescriptors.InvalidArgument, labelLoc ?? args.AttributeLocation, name, "OutLabel", args.Name, "string");
                        outLabel = null;
                    }
                    else if (outLabel is not null)
                    {
                        foreach (char ch in outLabel)
                        {
                            if (!char.IsControl(ch) && ch != '\u2028' && ch != '\u2029') continue;
                            sink.Report(DiagnosticDescriptors.InvalidOutLabel, labelLoc ?? args.AttributeLocation, name, Literals.String(outLabel),
                                ((int)ch).ToString("X4", CultureInfo.InvariantCulture));
                            break;
                        }
                    }
                    break;
                }
                case AttributeNames.EventJitFPHomoLinear:
                {
                    if (commAttr is not null)
                    {
                        sink.Report(DiagnosticDescriptors.DuplicateProjectionPart, args.AttributeLocation ?? FirstLocation(type), name, "comm", commAttr, args.Name);
                        break;
                    }
                    commAttr = args.Name;
                    commLoc = args.AttributeLocation;
                    // Defaults from the comm's definition; the rules are its (sizes > 0, Prob in (0, 1], Weight finite, Seed a long).
                    var commDef = Comms.EventJitFPHomoLinear;
                    double Default(string p) => commDef.Params[NeuronSpec.IndexOf(commDef.Params, p)].Default;
                    int numIn = ReadSize(args, 0, "numIn", c);
                    int numOut = ReadSize(args, 1, "numOut", c);
                    args.Ctor(1, "numOut", out _, out numOutLoc);
                    bool probUnresolved = args.Named("Prob", out _, out _) == Read.Unresolved;
                    double prob = Named(args, "Prob", Default("Prob"), c, out var probLoc);
                    if (!(prob > 0 && prob <= 1) && !probUnresolved) // unresolved: SPK0027 says why, not the fallback
                        sink.Report(DiagnosticDescriptors.ProbOutOfRange, probLoc ?? args.AttributeLocation, name, Literals.Short(prob));
                    double weight = Finite(args, "Weight", Default("Weight"), c);
                    var seedRead = args.NamedLong("Seed", out long seed, out var seedLoc);
                    if (seedRead == Read.Absent) seed = (long)Default("Seed");
                    else if (seedRead == Read.Unresolved) { c.Unreadable = true; seed = 0; }
                    else if (seedRead == Read.Invalid)
                    {
                        sink.Report(DiagnosticDescriptors.InvalidArgument, seedLoc ?? args.AttributeLocation, name, "Seed", args.Name, "long");
                        seed = 0;
                    }
                    comm = new CommSpec(numIn, numOut, prob, weight, seed);
                    break;
                }
                case AttributeNames.EventCSRLinear:
                case AttributeNames.CSRLinear:
                {
                    if (commAttr is not null)
                    {
                        sink.Report(DiagnosticDescriptors.DuplicateProjectionPart, args.AttributeLocation ?? FirstLocation(type), name, "comm", commAttr, args.Name);
                        break;
                    }
                    commAttr = args.Name;
                    commLoc = args.AttributeLocation;
                    comm = CsrCommParser.Read(args, name, sink, out numOutLoc, () => c.Unreadable = true);
                    if (comm is not null && attrName == AttributeNames.CSRLinear) comm = comm with { NonEvent = true };
                    break;
                }
                case AttributeNames.EventJitFPUniformLinear:
                case AttributeNames.EventJitFPNormalLinear:
                case AttributeNames.AllToAll:
                case AttributeNames.OneToOne:
                case AttributeNames.JitFPHomoLinear:
                case AttributeNames.JitFPUniformLinear:
                case AttributeNames.JitFPNormalLinear:
                {
                    if (commAttr is not null)
                    {
                        sink.Report(DiagnosticDescriptors.DuplicateProjectionPart, args.AttributeLocation ?? FirstLocation(type), name, "comm", commAttr, args.Name);
                        break;
                    }
                    commAttr = args.Name;
                    commLoc = args.AttributeLocation;
                    string kind = attrName.Substring("SpikeSharp.".Length, attrName.Length - "SpikeSharp.".Length - "Attribute".Length);
                    comm = AltCommParser.Read(kind, args, name, sink, out numOutLoc, () => c.Unreadable = true);
                    break;
                }
                default:
                {
                    bool userSynapse = attr.AttributeClass is { } synClass && UserSynapseParser.DerivesFromCustomSynapse(synClass);
                    var synDef = Catalogue.SynapseByMetadataName(attrName);
                    if (synDef is { PreSized: true, Attribute: "Std" or "Stp" } plastDef && !alignPre)
                    {
                        // BrainPy's older form (bp.synapses.Exponential(..., stp=bp.synplast.STD())): not the synapse, a scale of its events.
                        if (plasticityAttr is not null)
                        {
                            sink.Report(DiagnosticDescriptors.DuplicatePlasticity, args.AttributeLocation ?? FirstLocation(type), name, plasticityAttr, args.Name);
                            break;
                        }
                        plasticityAttr = args.Name;
                        plasticityLoc = args.AttributeLocation;
                        plasticity = new SynSpec(plastDef.Attribute, ReadParams(args, plastDef.Params, Array.Empty<AboveRule>(), c).ToEquatableArray());
                    }
                    else if (synDef is not null || userSynapse)
                    {
                        if (synAttr is not null)
                        {
                            sink.Report(DiagnosticDescriptors.DuplicateProjectionPart, args.AttributeLocation ?? FirstLocation(type), name, "synapse", synAttr, args.Name);
                            break;
                        }
                        synAttr = args.Name;
                        synLoc = args.AttributeLocation;
                        if (synDef is not null)
                        {
                            syn = new SynSpec(synDef.Attribute, ReadParams(args, synDef.Params, Array.Empty<AboveRule>(), c).ToEquatableArray());
                            break;
                        }
                        var userDef = UserSynapse(attr, compilation, args, name, roleName, alignPre, ownSynapse || delta, sink, ct, c);
                        if (userDef is null) { c.Unreadable = true; break; } // reported at the model or here
                        syn = new SynSpec(userDef.Attribute, ReadParams(args, userDef.Params, Array.Empty<AboveRule>(), c).ToEquatableArray(), userDef);
                    }
                    else if (Catalogue.OutputByMetadataName(attrName) is { } outDef)
                    {
                        if (outAttr is not null)
                        {
                            sink.Report(DiagnosticDescriptors.DuplicateProjectionPart, args.AttributeLocation ?? FirstLocation(type), name, "output", outAttr, args.Name);
                            break;
                        }
                        outAttr = args.Name;
                        output = new OutSpec(outDef.Attribute, ReadParams(args, outDef.Params, Array.Empty<AboveRule>(), c).ToEquatableArray());
                    }
                    break;
                }
            }
        }

        var anchor = projLoc ?? FirstLocation(type);
        if (!postGiven) sink.Report(DiagnosticDescriptors.MissingPost, anchor, name);
        if (comm is null) sink.Report(DiagnosticDescriptors.MissingProjectionPart, anchor, name, "comm", Catalogue.CommList);
        if (delta)
        {
            // A delta projection adds its comm's output to V directly: no synapse, no output (SPK4051 if given).
            if (syn is not null || output is not null)
                sink.Report(ProjectionDescriptors.DeltaWithSynapse, anchor, name, roleName, synAttr ?? outAttr);
            syn = new SynSpec("Expon", new[] { 8.0 }.ToEquatableArray());
            output = new OutSpec("Cuba", Array.Empty<double>().ToEquatableArray());
        }
        if (vanilla)
        {
            // Its post side is the comm's output, read by its own output, as an align-pre projection's.
            if (syn is not null || synAttr is not null) sink.Report(VanillaDescriptors.SynapseGiven, synLoc ?? anchor, name, synAttr);
            syn = new SynSpec(Model.Definitions.PreSynapses.CommInput.Attribute, EquatableArray<double>.Empty);
        }
        if (syn is null && plasticity is not null)
        {
            // [Std]/[Stp] alone on an align-post projection: written as its synapse, which it cannot be (it scales an Expon's events).
            sink.Report(ProjectionDescriptors.PreSynapseOnAlignPost, plasticityLoc ?? anchor, name, plasticityAttr, roleName, Catalogue.SynapseList);
            plasticity = null;
        }
        else if (syn is null && synAttr is null) sink.Report(DiagnosticDescriptors.MissingProjectionPart, anchor, name, "synapse", alignPre ? Catalogue.PreSynapseList : Catalogue.SynapseList);
        // Align-pre against align-post parts (SPK4060–SPK4063), at the part's attribute.
        // AllToAll and OneToOne have both forms (BrainPy's one class takes spikes or values): the value form on align-pre.
        // This is the one place that decides it: a comm without the form its projection needs goes no further (comm = null).
        if (comm is not null && !(alignPre || vanilla ? comm.HasValueForm : comm.HasEventForm))
        {
            if (vanilla) sink.Report(VanillaDescriptors.EventComm, commLoc ?? anchor, name, commAttr);
            else sink.Report(alignPre ? ProjectionDescriptors.EventCommOnAlignPre : ProjectionDescriptors.NonEventCommOnAlignPost, commLoc ?? anchor, name, commAttr, roleName);
            comm = null;
        }
        if (syn is not null && !delta && !vanilla && syn.Def.PreSized != alignPre)
        {
            if (alignPre) sink.Report(ProjectionDescriptors.AlignPostSynapseOnAlignPre, synLoc ?? anchor, name, synAttr, roleName, Catalogue.PreSynapseList);
            else sink.Report(ProjectionDescriptors.PreSynapseOnAlignPost, synLoc ?? anchor, name, synAttr, roleName, Catalogue.SynapseList);
            syn = null;
        }
        if (syn?.User is { } userSyn && !delta && !vanilla && SynapseStateClashes(userSyn, comm, alignPre, name, synAttr ?? userSyn.Attribute, synLoc, sink))
        {
            syn = null;
            c.Unreadable = true;
        }
        if (output is null) sink.Report(DiagnosticDescriptors.MissingProjectionPart, anchor, name, "output", Catalogue.OutputList);
        // [Std]/[Stp] scaling events: every event comm has its scaled statement (CommLowering), so nothing is refused here.

        if (post is not null)
        {
            var popAttr = post.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == AttributeNames.Population);
            if (popAttr is null && post.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == AttributeNames.PoissonGroup))
                sink.Report(PoissonGroupDescriptors.GroupAsPost, postLoc ?? anchor, name, post.Name);
            else if (popAttr is null)
                sink.Report(DiagnosticDescriptors.PostNotPopulation, postLoc ?? anchor, name, post.Name);
            else if (!SymbolEqualityComparer.Default.Equals(post.ContainingAssembly, type.ContainingAssembly))
            {
                sink.Report(DiagnosticDescriptors.PostInOtherAssembly, postLoc ?? anchor, name, post.Name, post.ContainingAssembly?.Name ?? "?");
                popAttr = null; // its size is that assembly's business; SPK0003 would only add noise
            }
            else if (typeInfo is not null && !VisibilityRules.CanExpose(typeInfo.Visibility, VisibilityOf(post)))
                sink.Report(DiagnosticDescriptors.PostLessAccessible, postLoc ?? anchor, name, Describe(typeInfo.Visibility), post.Name, Describe(VisibilityOf(post)));
            if (popAttr is not null && comm is not null && comm.NumOut > 0
                     && new AttributeArgs(popAttr, ct, compilation is null ? null : new ConstantResolver(compilation, null, post.Name, ct))
                         .Ctor(0, "size", out double postSize, out _) == Read.Ok
                     && postSize != comm.NumOut)
                sink.Report(DiagnosticDescriptors.CommSizeMismatch, numOutLoc ?? anchor, name, comm.NumOut, post.Name, Literals.Short(postSize));
        }

        if (full is not null && projectionCount == 1)
            FullProjectionParser.CheckPre(type, full, comm, projLoc ?? FirstLocation(type), typeInfo, name, sink, ct, compilation);

        if (typeInfo is not null)
        {
            var members = vanilla
                ? GeneratedMembers.VanillaProjection(type.Name, post?.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), comm)
                : alignPre
                ? GeneratedMembers.AlignPreProjection(type.Name, post?.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                    full?.Pre?.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), syn?.Def, comm)
                : GeneratedMembers.Projection(type.Name, post?.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), syn?.Def,
                full is null ? null : full.Pre?.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) ?? "?", comm, ownSynapse, delta, plasticity);
            Func<string, GeneratedMembers.Member?>? reserved = alignPre ? GeneratedMembers.AlignPreReservedMember : null;
            CheckClashes(type, "projection", members, indexed: false, sink, ct, reserved);
            CheckInheritedClashes(type, "projection", members, indexed: false, sink, ct, reserved);
        }

        // The shell's constructors and Post name the post type: only one that is a valid public parameter type there.
        if (full is null && !ownSynapse && !delta && !vanilla && comm?.Csr is null && comm?.Alt is null && shellDecl is not null && post is not null && !alsoPopulation && projectionCount == 1 && CanBeShellPost(post, shellDecl.Visibility)
            && CanTakeShell(type, typeInfo, sink, "projection", GeneratedMembers.Projection(type.Name, post.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), syn?.Def), indexed: false, ct))
            shell = ShellSpec.Projection(shellDecl, FullyQualifiedName(post), comm, syn, output, outLabel, ErrorIds(sink));

        if (sink.HasErrors || c.Unreadable || alsoPopulation || projectionCount != 1 || typeInfo is null || post is null
            || comm is null || comm.NumIn <= 0 || comm.NumOut <= 0 || syn is null || output is null) return null;
        if (full is not null && full.Pre is null) return null;
        if (ownSynapse && syn.Model != "Expon")
        {
            sink.Report(ProjectionDescriptors.OwnSynapseNotExpon, projLoc ?? FirstLocation(type), name, roleName, syn.Model);
            return null;
        }
        return new ProjectionSpec(typeInfo, FullyQualifiedName(post), comm, syn, output, outLabel,
            full is null ? null : new FullSpec(FullyQualifiedName(full.Pre!), full.Unit, full.Value), ownSynapse, delta)
            { AlignPre = alignPre, SynapseThenDelay = role == AttributeNames.FullProjAlignPreSDMg, Plasticity = plasticity, Vanilla = vanilla };
    }

    /// <summary>The order of the projection roles, so that a type with two of them is reported once.</summary>
    static int RoleRank(string role) => role switch
    {
        AttributeNames.HalfProjAlignPostMg => 0,
        AttributeNames.FullProjAlignPostMg => 1,
        AttributeNames.HalfProjAlignPost => 2,
        AttributeNames.FullProjAlignPost => 3,
        AttributeNames.HalfProjDelta => 4,
        AttributeNames.FullProjDelta => 5,
        AttributeNames.FullProjAlignPreDSMg => 6,
        AttributeNames.FullProjAlignPreSDMg => 7,
        _ => 8,
    };

    /// <summary>Whether an invalid model may get a shell: no SPK0025 (the shell has the same members, so it would clash;
    /// for a type that is not partial, where the parse did not check, checked here without reporting) and no second
    /// role (SPK0022).</summary>
    static bool CanTakeShell(INamedTypeSymbol type, TypeDecl? typeInfo, DiagnosticSink sink, string role,
        IReadOnlyList<GeneratedMembers.Member> members, bool indexed, CancellationToken ct)
    {
        foreach (var d in sink.Diagnostics)
            if (d.Id is DiagnosticDescriptors.GeneratedMemberClashId or DiagnosticDescriptors.BaseWithoutParameterlessConstructorId or DiagnosticDescriptors.ConflictingRolesId) return false;
        if (typeInfo is not null) return true;
        var scratch = new DiagnosticSink();
        CheckClashes(type, role, members, indexed, scratch, ct);
        CheckInheritedClashes(type, role, members, indexed, scratch, ct);
        return scratch.Diagnostics.Count == 0;
    }

    /// <summary>A post type a shell can name in its public constructors and <c>Post</c> without an error or warning of its
    /// own: a non-static, non-generic, non-file-local class (containing types non-generic) that the projection may expose.</summary>
    static bool CanBeShellPost(INamedTypeSymbol post, Visibility projection)
    {
        if (post.TypeKind != TypeKind.Class || post.IsStatic || post.IsFileLocal) return false;
        for (var t = post; t is not null; t = t.ContainingType)
            if (t.Arity > 0 || t.IsUnboundGenericType || t.TypeKind == TypeKind.Error) return false;
        return VisibilityRules.CanExpose(projection, VisibilityOf(post));
    }

    /// <summary>The ids of the errors a parse found.</summary>
    static IEnumerable<string> ErrorIds(DiagnosticSink sink) =>
        sink.Diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error).Select(static d => d.Id);

    /// <summary>SPK0025 on every user member (and on the type name, and on a primary constructor) that would clash with
    /// a member SpikeSharp generates: same name, unless both are methods/constructors with different parameter types.
    /// Members declared in this generator's own output (a compilation that already holds it) are not the user's.</summary>
    internal static void CheckClashes(INamedTypeSymbol type, string role, IReadOnlyList<GeneratedMembers.Member> generated, bool indexed, DiagnosticSink sink, CancellationToken ct,
        Func<string, GeneratedMembers.Member?>? reserved = null)
    {
        GeneratedMembers.Member? Find(string name, Func<GeneratedMembers.Member, bool> fits)
        {
            foreach (var g in generated)
                if (g.Name == name && fits(g)) return g;
            return indexed ? GeneratedMembers.IndexedPopulationMember(name) : reserved?.Invoke(name);
        }

        // The type's own name: a generated member named like its enclosing type is CS0542.
        if (Find(type.Name, static _ => true) is { } sameAsType && sameAsType.Name != GeneratedMembers.Constructor)
            sink.Report(DiagnosticDescriptors.GeneratedMemberClash, FirstLocation(type), "Type name", type.Name, sameAsType.Declaration, role, type.Name);

        foreach (var r in type.DeclaringSyntaxReferences)
        {
            if (r.GetSyntax(ct) is ClassDeclarationSyntax { ParameterList: { } primary } && !IsOwnOutput(r.SyntaxTree))
                sink.Report(DiagnosticDescriptors.GeneratedMemberClash, primary.GetLocation(), "Primary constructor", type.Name + primary.ToString(),
                    Find(GeneratedMembers.Constructor, static _ => true)?.Declaration ?? "", role, type.Name);
        }

        foreach (var member in type.GetMembers())
        {
            ct.ThrowIfCancellationRequested();
            if (member.IsImplicitlyDeclared || member.Locations.Length == 0 || IsOwnOutput(member)) continue;
            if (member is IMethodSymbol { MethodKind: MethodKind.Constructor } ctor
                && ctor.DeclaringSyntaxReferences.Any(r => r.GetSyntax(ct) is TypeDeclarationSyntax)) continue; // primary constructor: reported above
            string? kind = member switch
            {
                IMethodSymbol { MethodKind: MethodKind.Constructor } => "Constructor",
                IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation } => "Method",
                IMethodSymbol => null, // accessors, operators, finalizer, static constructor: names the user cannot clash with
                IFieldSymbol { IsImplicitlyDeclared: false } => "Field",
                IPropertySymbol { IsIndexer: false } => "Property",
                IEventSymbol => "Event",
                INamedTypeSymbol => "Nested type",
                _ => null,
            };
            if (kind is null) continue;
            var method = member as IMethodSymbol;
            var clash = Find(GeneratedMembers.NameOf(member), g => method is null || g.Parameters is null || SameSignature(method, g.Parameters));
            if (clash is null) continue;
            string shown = member.Name == GeneratedMembers.Constructor ? type.Name : member.Name;
            if (method is not null)
                shown += "(" + string.Join(", ", method.Parameters.Select(p => p.Type.ToDisplayString())) + ")";
            sink.Report(DiagnosticDescriptors.GeneratedMemberClash, member.Locations[0], kind, shown, clash.Declaration, role, type.Name);
        }
    }

    /// <summary>SPK0025 for members of a user base class that a generated member would hide (CS0108 in generated code,
    /// which breaks TreatWarningsAsErrors builds): any accessible member of that name, unless both are methods with
    /// different parameter types. A base that is itself a model counts with the members SpikeSharp generates into it
    /// (they do not exist yet when the generator runs, so the list is what it checks against).
    /// Located at the base type in the class's base list.</summary>
    internal static void CheckInheritedClashes(INamedTypeSymbol type, string role, IReadOnlyList<GeneratedMembers.Member> generated, bool indexed, DiagnosticSink sink, CancellationToken ct,
        Func<string, GeneratedMembers.Member?>? reserved = null)
    {
        var baseType = type.BaseType;
        if (baseType is null || baseType.SpecialType == SpecialType.System_Object) return;
        Location at = BaseListLocation(type, ct) ?? FirstLocation(type) ?? Location.None;
        var reported = new HashSet<string>(StringComparer.Ordinal);

        GeneratedMembers.Member? Find(string name, string[]? parameters)
        {
            foreach (var g in generated)
            {
                if (g.Name != name || g.Name == GeneratedMembers.Constructor || g.Name == GeneratedMembers.ParallelExecute) continue;
                if (parameters is null || g.Parameters is null || parameters.SequenceEqual(g.Parameters)) return g;
            }
            return indexed ? GeneratedMembers.IndexedPopulationMember(name) : reserved?.Invoke(name);
        }

        void Report(string kind, string shown, GeneratedMembers.Member clash)
        {
            if (reported.Add(clash.Name))
                sink.Report(DiagnosticDescriptors.GeneratedMemberClash, at, kind, shown, clash.Declaration, role, type.Name);
        }

        // The generated constructors call base() implicitly (CS7036/CS1729 in generated code otherwise).
        if (!HasConstructorWithoutArguments(baseType, GeneratedMembersOfModel(baseType), type))
            sink.Report(DiagnosticDescriptors.BaseWithoutParameterlessConstructor, at, role, type.Name, baseType.Name);

        for (var b = baseType; b is not null && b.SpecialType != SpecialType.System_Object; b = b.BaseType)
        {
            ct.ThrowIfCancellationRequested();
            var inherited = GeneratedMembersOfModel(b);
            bool bIsModel = inherited is not null;
            if (inherited is not null)
            {
                foreach (var m in inherited)
                {
                    if (m.Name is GeneratedMembers.Constructor or GeneratedMembers.ParallelExecute || m.Name.StartsWith("__", StringComparison.Ordinal)) continue; // private
                    if (Find(m.Name, m.Parameters) is { } clash) Report("Inherited member", b.Name + "." + m.Name, clash);
                }
            }
            foreach (var member in b.GetMembers())
            {
                if (member.IsImplicitlyDeclared || member.IsStatic && member is IMethodSymbol { MethodKind: MethodKind.StaticConstructor }) continue;
                if (bIsModel && IsOwnOutput(member)) continue; // counted above, from the list
                if (!InheritedAccessible(member, type)) continue;
                string? kind = member switch
                {
                    IMethodSymbol { MethodKind: MethodKind.Ordinary } => "Inherited method",
                    IMethodSymbol => null, // constructors, accessors, operators, explicit implementations: not hidden by name
                    IFieldSymbol => "Inherited field",
                    IPropertySymbol { IsIndexer: false } => "Inherited property",
                    IEventSymbol => "Inherited event",
                    INamedTypeSymbol => "Inherited nested type",
                    _ => null,
                };
                if (kind is null) continue;
                var method = member as IMethodSymbol;
                string[]? parameters = method is null ? null
                    : method.Arity != 0 || method.Parameters.Any(p => p.RefKind != RefKind.None) ? new[] { "<generic or by-ref>" }
                    : method.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).ToArray();
                if (Find(member.Name, parameters) is not { } found) continue;
                string shown = b.Name + "." + member.Name + (method is null ? "" : "(" + string.Join(", ", method.Parameters.Select(p => p.Type.ToDisplayString())) + ")");
                Report(kind, shown, found);
            }
        }
    }

    /// <summary>The members SpikeSharp generates into <paramref name="b"/> when it is itself a model (population, any
    /// projection role, Poisson input or group, network), or null. They do not exist yet when the generator runs, so
    /// clashes with them are checked against this list (the comm, post and pre types unknown: the members every form has).</summary>
    static IReadOnlyList<GeneratedMembers.Member>? GeneratedMembersOfModel(INamedTypeSymbol b)
    {
        foreach (var a in b.GetAttributes())
        {
            switch (a.AttributeClass?.ToDisplayString())
            {
                case AttributeNames.Population:
                    return GeneratedMembers.Population(b.Name, ModelOf(b, Catalogue.NeuronByMetadataName) ?? Neurons.LifRef);
                case AttributeNames.HalfProjAlignPostMg or AttributeNames.FullProjAlignPostMg or AttributeNames.HalfProjAlignPost
                    or AttributeNames.FullProjAlignPost or AttributeNames.HalfProjDelta or AttributeNames.FullProjDelta:
                    return GeneratedMembers.Projection(b.Name, null, ModelOf(b, Catalogue.SynapseByMetadataName));
                case AttributeNames.FullProjAlignPreDSMg or AttributeNames.FullProjAlignPreSDMg:
                    return GeneratedMembers.AlignPreProjection(b.Name, null, null, ModelOf(b, Catalogue.SynapseByMetadataName));
                case AttributeNames.VanillaProj:
                    return GeneratedMembers.VanillaProjection(b.Name, null);
                case AttributeNames.PoissonInput:
                    return GeneratedMembers.Poisson(b.Name, "?");
                case AttributeNames.PoissonGroup:
                    return GeneratedMembers.PoissonGroup(b.Name);
                case AttributeNames.Network:
                    return GeneratedMembers.Network(b.Name, userUpdate: false);
            }
        }
        return null;
    }

    /// <summary>Whether <paramref name="derived"/>'s constructors can call <paramref name="b"/>'s implicitly (<c>base()</c>):
    /// an accessible instance constructor whose every parameter is optional or a params array. A model base counts with
    /// the constructors SpikeSharp generates into it (<paramref name="generated"/>), whatever the compiler sees of it yet.</summary>
    static bool HasConstructorWithoutArguments(INamedTypeSymbol b, IReadOnlyList<GeneratedMembers.Member>? generated, INamedTypeSymbol derived)
    {
        if (b.TypeKind == TypeKind.Error) return true; // half-typed code: the compiler reports the base itself
        if (generated is not null)
            foreach (var m in generated)
                if (m.Name == GeneratedMembers.Constructor && (m.Parameters is null || m.Parameters.Length == CountDefaults(m.Declaration))) return true;
        foreach (var c in b.InstanceConstructors)
        {
            if (generated is not null && (c.IsImplicitlyDeclared || IsOwnOutput(c))) continue; // the list above stands for those
            if (!InheritedAccessible(c, derived)) continue;
            if (c.Parameters.All(static p => p.IsOptional || p.IsParams)) return true;
        }
        return false;
    }

    /// <summary>Parameters with a default value in a generated constructor's declaration text, e.g. 2 in
    /// <c>public P(ulong seed = 0, double? dt = null)</c>.</summary>
    static int CountDefaults(string declaration)
    {
        int open = declaration.IndexOf('('), n = 0;
        for (int i = open + 1; open >= 0 && i < declaration.Length; i++) if (declaration[i] == '=') n++;
        return n;
    }

    /// <summary>The model definition among a type's attributes, or null.</summary>
    static T? ModelOf<T>(INamedTypeSymbol type, Func<string, T?> byMetadataName) where T : class
    {
        foreach (var a in type.GetAttributes())
            if (a.AttributeClass?.ToDisplayString() is { } n && byMetadataName(n) is { } def) return def;
        return null;
    }

    /// <summary>Whether <paramref name="member"/> of a base class is visible in <paramref name="derived"/> (so hiding it warns).</summary>
    static bool InheritedAccessible(ISymbol member, INamedTypeSymbol derived) => member.DeclaredAccessibility switch
    {
        Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal => true,
        Accessibility.Internal or Accessibility.ProtectedAndInternal =>
            SymbolEqualityComparer.Default.Equals(member.ContainingAssembly, derived.ContainingAssembly)
            || member.ContainingAssembly is { } asm && derived.ContainingAssembly is { } mine && asm.GivesAccessTo(mine),
        _ => false,
    };

    static Location? BaseListLocation(INamedTypeSymbol type, CancellationToken ct)
    {
        foreach (var r in type.DeclaringSyntaxReferences)
            if (r.GetSyntax(ct) is TypeDeclarationSyntax { BaseList.Types: { Count: > 0 } types } && !IsOwnOutput(r.SyntaxTree))
                return types[0].GetLocation();
        return null;
    }

    /// <summary>Same parameter types (by value, arity 0): the overload C# rejects as CS0111.</summary>
    static bool SameSignature(IMethodSymbol method, string[] parameters)
    {
        if (method.Arity != 0 || method.Parameters.Length != parameters.Length) return false;
        for (int i = 0; i < parameters.Length; i++)
        {
            var p = method.Parameters[i];
            if (p.RefKind != RefKind.None || p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) != parameters[i]) return false;
        }
        return true;
    }

    /// <summary>The generator's output, in a compilation that holds it: "…/SpikeSharp.Generator.SpikeSharpGenerator/Hint.g.cs".</summary>
    internal static bool IsOwnOutput(ISymbol member)
    {
        foreach (var r in member.DeclaringSyntaxReferences)
            if (!IsOwnOutput(r.SyntaxTree)) return false;
        return member.DeclaringSyntaxReferences.Length > 0;
    }

    static readonly string OwnOutputDirectory = typeof(SpikeSharpGenerator).FullName!;

    static bool IsOwnOutput(SyntaxTree tree)
    {
        string path = tree.FilePath;
        int at = path.LastIndexOf(OwnOutputDirectory, StringComparison.Ordinal);
        int end = at + OwnOutputDirectory.Length;
        return at >= 0 && end < path.Length && (path[end] == '/' || path[end] == '\\') && path.IndexOfAny(new[] { '/', '\\' }, end + 1) < 0;
    }

    /// <summary>Checks the declaration itself: a partial, non-generic, non-static, non-record class whose containing
    /// types are partial and non-generic. Returns null when it is not one.</summary>
    /// <param name="shellDecl">The declaration a shell can be generated into: the same, or also when the type's own
    /// declarations lack 'partial' and nothing else is wrong (the compiler then reports CS0260 once and merges the
    /// generated part, which spares every error about members the user's code uses).</param>
    internal static TypeDecl? ParseTypeDecl(INamedTypeSymbol type, string attribute, DiagnosticSink sink, out TypeDecl? shellDecl)
    {
        shellDecl = null;
        string? kind = type.TypeKind switch
        {
            TypeKind.Class when type.IsRecord => "record",
            TypeKind.Class when type.IsStatic => "static class",
            TypeKind.Class when type.IsFileLocal => "file-local class", // the generated part, in another file, would be another type
            TypeKind.Class => null,
            TypeKind.Struct => type.IsRecord ? "record struct" : "struct",
            TypeKind.Interface => "interface",
            TypeKind.Enum => "enum",
            TypeKind.Delegate => "delegate",
            _ => type.TypeKind.ToString().ToLowerInvariant(),
        };
        if (kind is not null)
        {
            sink.Report(DiagnosticDescriptors.UnsupportedTypeKind, FirstLocation(type), type.Name, kind, attribute);
            return null;
        }
        bool ok = true, notPartial = false;
        if (!IsPartial(type, out _))
        {
            sink.Report(DiagnosticDescriptors.NotPartial, FirstLocation(type), type.Name, attribute);
            notPartial = true;
        }
        if (type.Arity > 0)
        {
            sink.Report(DiagnosticDescriptors.GenericType, FirstLocation(type), type.Name, attribute, type.Name);
            ok = false;
        }
        var containing = new List<string>();
        for (var c = type.ContainingType; c is not null; c = c.ContainingType)
        {
            if (!IsPartial(c, out var notPartialAt))
            {
                sink.Report(DiagnosticDescriptors.ContainingTypeNotPartial, notPartialAt ?? FirstLocation(type), type.Name, attribute, c.Name);
                ok = false;
            }
            if (c.Arity > 0)
            {
                sink.Report(DiagnosticDescriptors.GenericType, FirstLocation(type), type.Name, attribute, c.Name);
                ok = false;
            }
            string keyword = c.TypeKind switch
            {
                TypeKind.Struct => c.IsRecord ? "record struct" : "struct",
                TypeKind.Interface => "interface",
                _ => c.IsRecord ? "record" : "class",
            };
            containing.Insert(0, "partial " + keyword + " " + c.Name);
        }
        if (!ok) return null;
        // Plain names ("event.x", not ToDisplayString's "@event.x"): hint names may not hold '@'; the emitters escape.
        var nsParts = new List<string>();
        for (var n = type.ContainingNamespace; n is { IsGlobalNamespace: false }; n = n.ContainingNamespace) nsParts.Insert(0, n.Name);
        string ns = string.Join(".", nsParts);
        shellDecl = new TypeDecl(ns, containing.ToEquatableArray(), type.Name, "class", VisibilityOf(type));
        return notPartial ? null : shellDecl;
    }

    /// <summary>The name the planner matches a post against: <see cref="TypeDecl.FullyQualifiedName"/> built the same way
    /// as for the population itself (not Roslyn's display string, which escapes contextual keywords such as
    /// <c>@record</c> differently, so such a post never matched and its projections were dropped silently).</summary>
    internal static string FullyQualifiedName(INamedTypeSymbol type)
    {
        var containing = new List<string>();
        for (var c = type.ContainingType; c is not null; c = c.ContainingType) containing.Insert(0, "partial class " + c.Name);
        var nsParts = new List<string>();
        for (var n = type.ContainingNamespace; n is { IsGlobalNamespace: false }; n = n.ContainingNamespace) nsParts.Insert(0, n.Name);
        return new TypeDecl(string.Join(".", nsParts), containing.ToEquatableArray(), type.Name, "class").FullyQualifiedName;
    }

    /// <summary>True when every declaration of <paramref name="type"/> says partial; otherwise the identifier of the
    /// first declaration that does not.</summary>
    static bool IsPartial(INamedTypeSymbol type, out Location? notPartialAt)
    {
        notPartialAt = null;
        if (type.DeclaringSyntaxReferences.Length == 0) return false;
        foreach (var r in type.DeclaringSyntaxReferences)
        {
            if (r.GetSyntax() is TypeDeclarationSyntax t && t.Modifiers.Any(SyntaxKind.PartialKeyword)) continue;
            notPartialAt = r.GetSyntax() is BaseTypeDeclarationSyntax b ? b.Identifier.GetLocation() : null;
            return false;
        }
        return true;
    }

    internal static Visibility VisibilityOf(INamedTypeSymbol type)
    {
        var v = Visibility.Public;
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
        {
            switch (t.DeclaredAccessibility)
            {
                case Accessibility.Public: break;
                case Accessibility.Internal:
                case Accessibility.ProtectedOrInternal: if (v == Visibility.Public) v = Visibility.Internal; break;
                default: return Visibility.Restricted;
            }
        }
        return v;
    }

    static string Describe(Visibility v) => v switch
    {
        Visibility.Public => "public",
        Visibility.Internal => "internal",
        _ => "private or protected",
    };

    static bool IsDslAttribute(string metadataName) => metadataName.StartsWith("SpikeSharp.", StringComparison.Ordinal);

    internal static Location? FirstLocation(INamedTypeSymbol type) => type.Locations.FirstOrDefault();

    /// <summary>The largest |z| the runtime's Box–Muller draws: √(−2 ln 2⁻⁵³), its smallest uniform being 2⁻⁵³.</summary>
    const double NormalZMax = 8.5717;

    static bool IsFiniteFloat(double v) => !double.IsNaN(v) && !double.IsInfinity(v) && !float.IsInfinity((float)v);

    /// <summary>Reads a size; returns -1 (and marks the parse unreadable or reports SPK0008/SPK0010) when it is not a positive int.</summary>
    /// <summary>.NET's <c>Array.MaxLength</c> (not in netstandard2.0): the most elements a state array can hold.</summary>
    const int MaxArrayLength = 0x7FFFFFC7;

    static int ReadSize(AttributeArgs args, int index, string parameter, Ctx c)
    {
        var read = args.Ctor(index, parameter, out double v, out var loc);
        if (read == Read.Invalid)
        {
            c.Sink.Report(DiagnosticDescriptors.InvalidArgument, loc ?? args.AttributeLocation, c.Owner, parameter, args.Name, "int");
            c.Unreadable = true;
            return -1;
        }
        if (read == Read.Absent || read == Read.Unresolved || !args.IsBound) { c.Unreadable = true; return -1; } // the compiler (or SPK0027) reports it
        if (!(v > 0))
        {
            c.Sink.Report(DiagnosticDescriptors.NonPositiveSize, loc ?? args.AttributeLocation, c.Owner, parameter, Literals.Short(v));
            return -1;
        }
        if (v > MaxArrayLength)
        {
            c.Sink.Report(DiagnosticDescriptors.SizeTooLarge, loc ?? args.AttributeLocation, c.Owner, parameter, Literals.Short(v),
                MaxArrayLength.ToString("N0", CultureInfo.InvariantCulture));
            return -1;
        }
        return (int)v;
    }

    /// <summary>A user's model ([NeuronModel] class deriving from CustomNeuron) named by a population's attribute: its
    /// definition, or null with <paramref name="failed"/> set when it has errors (the model's own parse reports them) or
    /// cannot be read here (SPK3010).</summary>
    static NeuronDef? UserNeuron(AttributeData attr, Compilation? compilation, AttributeArgs args, string owner, DiagnosticSink sink, CancellationToken ct, out bool failed)
    {
        failed = false;
        if (attr.AttributeClass is not { } cls || !UserModelParser.DerivesFromCustomNeuron(cls)) return null;
        failed = true;
        string? problem = !UserModelParser.HasMarker(cls) ? "is not marked [NeuronModel]"
            : compilation is null || cls.DeclaringSyntaxReferences.Length == 0 ? "its source is not in this project" : null;
        if (problem is not null)
        {
            sink.Report(DiagnosticDescriptors.ModelWithoutSource, args.AttributeLocation, owner, args.Name, problem);
            return null;
        }
        var def = UserModelParser.Parse(cls, compilation!, new DiagnosticSink(), ct);
        failed = def is null;
        return def;
    }

    /// <summary>A user's synapse model ([SynapseModel] class deriving from CustomSynapse) named by a projection's attribute,
    /// parsed for this use (pre-sized on an align-pre projection, with the attribute's <c>Method</c>): its definition, or
    /// null when it has errors (the model's own parse reports them), cannot be read here (SPK3024), is not additive on an
    /// align-post projection (SPK3023), is on a projection with its own synapse (SPK3027), or a state's name would clash
    /// with a generated member of the projection (SPK3028); those four at the attribute.</summary>
    static SynapseDef? UserSynapse(AttributeData attr, Compilation? compilation, AttributeArgs args, string owner, string roleName, bool alignPre,
        bool noSynapse, DiagnosticSink sink, CancellationToken ct, Ctx c)
    {
        var cls = attr.AttributeClass!;
        var at = args.AttributeLocation;
        string? problem = !UserSynapseParser.HasMarker(cls) ? "is not marked [SynapseModel]"
            : compilation is null || cls.DeclaringSyntaxReferences.Length == 0 ? "its source is not in this project" : null;
        if (problem is not null)
        {
            sink.Report(DiagnosticDescriptors.SynapseModelWithoutSource, at, owner, args.Name, problem);
            return null;
        }
        var method = ReadMethod(args, c);
        var def = UserSynapseParser.Parse(cls, compilation!, new DiagnosticSink(), ct, method, alignPre, out var notAdditive);
        if (notAdditive is not null && !alignPre && !noSynapse)
        {
            sink.Report(DiagnosticDescriptors.ReceiveNotAdditive, at, owner, args.Name, roleName, notAdditive);
            return null;
        }
        if (def is null || noSynapse && roleName.Contains("Delta")) return def; // a delta projection: SPK4051 says it has no synapse
        if (noSynapse)
        {
            sink.Report(DiagnosticDescriptors.UserSynapseOnOwnSynapseProjection, at, owner, args.Name, roleName);
            return null;
        }
        return def; // its states against the projection's other members: SynapseStateClash, once the comm is known
    }

    /// <summary>SPK3028 at the user synapse's attribute when one of its states (a projection member named like it) is named like
    /// another member of the generated projection, whose comm members come from <paramref name="comm"/>'s lowering (so the check
    /// waits for the comm, whatever the attributes' order); true when reported.</summary>
    static bool SynapseStateClashes(SynapseDef def, CommSpec? comm, bool alignPre, string owner, string attribute, Location? at, DiagnosticSink sink)
    {
        var members = alignPre ? GeneratedMembers.AlignPreProjection(owner, null, null, null, comm)
            : GeneratedMembers.Projection(owner, null, def with { Arrays = EquatableArray<SynArray>.Empty }, comm: comm);
        foreach (var a in def.Arrays)
        {
            if (!alignPre && !a.ReceivesEvents) continue;
            foreach (var g in members)
                if (g.Name == a.ProjectionMember)
                {
                    sink.Report(DiagnosticDescriptors.SynapseStateClash, at, owner, a.Name, attribute, g.Declaration);
                    return true;
                }
        }
        return false;
    }

    /// <summary>The neuron attribute's <c>Method</c> (BrainPy's integration method): ExpAuto unless set; a value that is
    /// not an <c>IntegrationMethod</c> member is SPK0010.</summary>
    static Integration ReadMethod(AttributeArgs args, Ctx c)
    {
        var read = args.NamedEnum("Method", out long v, out var loc);
        if (read == Read.Absent) return Integration.ExpAuto;
        if (read == Read.Ok && v is (long)Integration.ExpAuto or (long)Integration.Euler or (long)Integration.Rk2 or (long)Integration.Rk4) return (Integration)v;
        c.Sink.Report(DiagnosticDescriptors.InvalidArgument, loc ?? args.AttributeLocation, c.Owner, "Method", args.Name, "IntegrationMethod (ExpAuto, Euler, Rk2 or Rk4)");
        return Integration.ExpAuto;
    }

    /// <summary>SPK1002 (design.md decision 8): a model whose BrainPy default V₀ is at or above its default VTh, with V₀ still
    /// at or above VTh as written, and no initializer for V.</summary>
    static void CheckInitialV(NeuronSpec neuron, string attribute, Location? at, string owner, DiagnosticSink sink)
    {
        var def = neuron.Def;
        StateDef? v = null;
        foreach (var st in def.States) if (st.Name == "V") v = st;
        int th = -1;
        for (int i = 0; i < def.Params.Count; i++) if (def.Params[i].Name == "VTh") th = i;
        if (v is null || th < 0 || !IrOps.IsConstant(v.Initial)) return;
        // Only the models whose BrainPy defaults put V₀ at or above V_th (ExpIF, AdExIF; decision 8's scope), not a Lif
        // whose threshold the user lowered.
        if (!(ConstantEvaluator.Evaluate(v.Initial, p => def.Params[NeuronSpec.IndexOf(def.Params, p)].Default) >= def.Params[th].Default)) return;
        double v0 = ConstantEvaluator.Evaluate(v.Initial, p => neuron.Values[NeuronSpec.IndexOf(def.Params, p)]);
        double vTh = neuron.Values[th];
        if (!IsFiniteFloat(v0) || !IsFiniteFloat(vTh) || (float)v0 < (float)vTh) return;
        int rest = -1;
        for (int i = 0; i < def.Params.Count; i++) if (def.Params[i].Name == "VRest") rest = i;
        double suggestion = rest >= 0 && neuron.Values[rest] < vTh ? neuron.Values[rest] : vTh - 10;
        sink.Report(DiagnosticDescriptors.InitialAboveThreshold, at, owner, attribute, Literals.Short(v0), Literals.Short(vTh), Literals.Short(suggestion));
    }

    /// <summary>Reads a definition's named parameters in definition order, checking each by its rule (the rule's
    /// diagnostic names <c>Attribute.Parameter</c> and the value, at the argument), then the definition's warnings.
    /// A parameter with a computed default (<see cref="ParamDef.DefaultExpr"/>) that is not written is evaluated from
    /// the others, in double.</summary>
    static double[] ReadParams(AttributeArgs args, IReadOnlyList<ParamDef> defs, IReadOnlyList<AboveRule> warnings, Ctx c)
    {
        var values = new double[defs.Count];
        var locations = new Location?[defs.Count];
        var computed = new List<int>();
        int errorsBefore = c.Sink.Diagnostics.Count;
        for (int i = 0; i < defs.Count; i++)
        {
            var p = defs[i];
            if (p.DefaultExpr is not null && args.Named(p.Name, out _, out _) == Read.Absent) { computed.Add(i); continue; }
            string member = args.Name + "." + p.Name;
            Location? loc;
            double v;
            switch (p.Rule)
            {
                case ParamRule.PositiveTime:
                    v = Named(args, p.Name, p.Default, c, out loc);
                    if (!(v > 0) || double.IsInfinity(v))
                        c.Sink.Report(DiagnosticDescriptors.NonPositiveTimeConstant, loc ?? args.AttributeLocation, c.Owner, member, Literals.Short(v));
                    break;
                case ParamRule.NonNegativeTime:
                    v = Named(args, p.Name, p.Default, c, out loc);
                    if (!(v >= 0) || double.IsInfinity(v))
                        c.Sink.Report(DiagnosticDescriptors.NegativeRefractoryPeriod, loc ?? args.AttributeLocation, c.Owner, member, Literals.Short(v));
                    break;
                case ParamRule.ReleaseFraction:
                    v = Named(args, p.Name, p.Default, c, out loc);
                    if (!(v > 0 && v <= 1))
                        c.Sink.Report(DiagnosticDescriptors.ReleaseFractionOutOfRange, loc ?? args.AttributeLocation, c.Owner, member, Literals.Short(v));
                    break;
                case ParamRule.Positive:
                    v = Named(args, p.Name, p.Default, c, out loc);
                    if (!(v > 0) || !IsFiniteFloat(v))
                        c.Sink.Report(DiagnosticDescriptors.NonPositiveParameter, loc ?? args.AttributeLocation, c.Owner, member, Literals.Short(v));
                    break;
                default:
                    v = Finite(args, p.Name, p.Default, c, out loc);
                    break;
            }
            values[i] = v;
            locations[i] = loc;
        }
        foreach (int i in computed)
        {
            var p = defs[i];
            double v = ConstantEvaluator.Evaluate(p.DefaultExpr!, name => values[NeuronSpec.IndexOf(defs, name)]);
            // Reported only when the parameters it is computed from passed their own rules (TauRise = TauDecay, say).
            if (!IsFiniteFloat(v) && c.Sink.Diagnostics.Count == errorsBefore)
                c.Sink.Report(DiagnosticDescriptors.NonFiniteValue, args.AttributeLocation, c.Owner, args.Name + "." + p.Name + " (computed, not set)", Literals.Short(v));
            values[i] = v;
        }
        foreach (var w in warnings)
        {
            int u = NeuronSpec.IndexOf(defs, w.Upper), l = NeuronSpec.IndexOf(defs, w.Lower);
            if (IsFiniteFloat(values[u]) && IsFiniteFloat(values[l]) && (float)values[u] <= (float)values[l])
                c.Sink.Report(DiagnosticDescriptors.ThresholdNotAboveReset, locations[u] ?? locations[l] ?? args.AttributeLocation, c.Owner, args.Name,
                    w.Upper, Literals.Short(values[u]), w.Lower, Literals.Short(values[l]));
        }
        return values;
    }

    static double Named(AttributeArgs args, string property, double fallback, Ctx c, out Location? location)
    {
        var read = args.Named(property, out double v, out location);
        if (read == Read.Unresolved) { c.Unreadable = true; return fallback; } // SPK0027 reported
        if (read == Read.Invalid)
        {
            c.Sink.Report(DiagnosticDescriptors.InvalidArgument, location ?? args.AttributeLocation, c.Owner, property, args.Name, "number");
            c.Unreadable = true;
            return fallback;
        }
        return read == Read.Ok ? v : fallback;
    }

    static double Finite(AttributeArgs args, string property, double fallback, Ctx c) => Finite(args, property, fallback, c, out _);

    /// <summary>A parameter stored as float: NaN, ±∞ and values beyond float range are SPK0017.</summary>
    static double Finite(AttributeArgs args, string property, double fallback, Ctx c, out Location? location)
    {
        double v = Named(args, property, fallback, c, out location);
        if (!IsFiniteFloat(v))
            c.Sink.Report(DiagnosticDescriptors.NonFiniteValue, location ?? args.AttributeLocation, c.Owner, args.Name + "." + property, Literals.Short(v));
        return v;
    }

    /// <summary>" (did you mean 'V'?)" for the closest valid name within edit distance 2, else "".</summary>
    internal static string Suggest(string given, IReadOnlyList<string> valid)
    {
        string? best = null;
        int bestD = int.MaxValue;
        foreach (var v in valid)
        {
            int d = EditDistance(given.ToUpperInvariant(), v.ToUpperInvariant());
            if (d < bestD) { bestD = d; best = v; }
        }
        return best is not null && bestD <= Math.Max(2, given.Length / 2) ? $" (did you mean '{best}'?)" : "";
    }

    static int EditDistance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
