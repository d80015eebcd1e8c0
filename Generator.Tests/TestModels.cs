namespace SpikeSharp.Generator.Tests;

/// <summary>User sources shared by the generator tests.</summary>
internal static class TestModels
{
    /// <summary>The seed E/I network, as in samples/EINet/Model.cs.</summary>
    public const string Seed = """
        using SpikeSharp;

        namespace EINet;

        [Population(4000)]
        [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)]
        [InitNormal("V", Mean = -55, Std = 2)]
        public partial class Neurons;

        [HalfProjAlignPostMg(Post = typeof(Neurons))]
        [EventJitFPHomoLinear(3200, 4000, Prob = 0.02, Weight = 0.6)]
        [Expon(Tau = 5)]
        [Coba(E = 0)]
        public partial class Excitatory;

        [HalfProjAlignPostMg(Post = typeof(Neurons))]
        [EventJitFPHomoLinear(800, 4000, Prob = 0.02, Weight = 6.7)]
        [Expon(Tau = 10)]
        [Coba(E = -80)]
        public partial class Inhibitory;
        """;

    /// <summary>A valid 100-neuron population <c>D.P</c>, the post of the diagnostic tests' projections.</summary>
    public const string SmallPopulation = """
        using SpikeSharp;
        namespace D;
        [Population(100)]
        [LifRef(Tau = 20)]
        public partial class P;
        """;
}
