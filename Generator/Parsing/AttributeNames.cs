namespace SpikeSharp.Generator.Parsing;

/// <summary>Metadata names of the DSL attributes that are not models (the generator cannot reference the net10.0
/// runtime); a model's is <c>Definitions.Catalogue.MetadataName</c>.</summary>
internal static class AttributeNames
{
    public const string Population = "SpikeSharp.PopulationAttribute";
    public const string InitNormal = "SpikeSharp.InitNormalAttribute";
    public const string InitUniform = "SpikeSharp.InitUniformAttribute";
    public const string InitConstant = "SpikeSharp.InitConstantAttribute";
    public const string HalfProjAlignPostMg = "SpikeSharp.HalfProjAlignPostMgAttribute";
    public const string FullProjAlignPostMg = "SpikeSharp.FullProjAlignPostMgAttribute";
    public const string HalfProjAlignPost = "SpikeSharp.HalfProjAlignPostAttribute";
    public const string FullProjAlignPost = "SpikeSharp.FullProjAlignPostAttribute";
    public const string HalfProjDelta = "SpikeSharp.HalfProjDeltaAttribute";
    public const string FullProjDelta = "SpikeSharp.FullProjDeltaAttribute";
    public const string FullProjAlignPreDSMg = "SpikeSharp.FullProjAlignPreDSMgAttribute";
    public const string FullProjAlignPreSDMg = "SpikeSharp.FullProjAlignPreSDMgAttribute";
    public const string VanillaProj = "SpikeSharp.VanillaProjAttribute";
    public const string Network = "SpikeSharp.NetworkAttribute";
    public const string VanillaInput = "SpikeSharp.VanillaInputAttribute";
    public const string PoissonInput = "SpikeSharp.PoissonInputAttribute";
    public const string PoissonGroup = "SpikeSharp.PoissonGroupAttribute";
    public const string EventJitFPHomoLinear = "SpikeSharp.EventJitFPHomoLinearAttribute";
    public const string EventCSRLinear = "SpikeSharp.EventCSRLinearAttribute";
    public const string CSRLinear = "SpikeSharp.CSRLinearAttribute";
    public const string EventJitFPUniformLinear = "SpikeSharp.EventJitFPUniformLinearAttribute";
    public const string EventJitFPNormalLinear = "SpikeSharp.EventJitFPNormalLinearAttribute";
    public const string AllToAll = "SpikeSharp.AllToAllAttribute";
    public const string OneToOne = "SpikeSharp.OneToOneAttribute";
    public const string JitFPHomoLinear = "SpikeSharp.JitFPHomoLinearAttribute";
    public const string JitFPUniformLinear = "SpikeSharp.JitFPUniformLinearAttribute";
    public const string JitFPNormalLinear = "SpikeSharp.JitFPNormalLinearAttribute";
}
