namespace SpikeSharp.Generator.Parsing;

/// <summary>Metadata names of the DSL attributes (the generator cannot reference the net10.0 runtime).</summary>
internal static class AttributeNames
{
    public const string Population = "SpikeSharp.PopulationAttribute";
    public const string Lif = "SpikeSharp.LifAttribute";
    public const string LifRef = "SpikeSharp.LifRefAttribute";
    public const string InitNormal = "SpikeSharp.InitNormalAttribute";
    public const string InitUniform = "SpikeSharp.InitUniformAttribute";
    public const string InitConstant = "SpikeSharp.InitConstantAttribute";
    public const string HalfProjAlignPostMg = "SpikeSharp.HalfProjAlignPostMgAttribute";
    public const string EventJitFPHomoLinear = "SpikeSharp.EventJitFPHomoLinearAttribute";
    public const string Expon = "SpikeSharp.ExponAttribute";
    public const string Coba = "SpikeSharp.CobaAttribute";
    public const string Cuba = "SpikeSharp.CubaAttribute";
}
