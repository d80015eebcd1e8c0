using System.Linq;
using Xunit;

namespace SpikeSharp.Generator.Tests;

public class SnapshotTests
{
    [Fact]
    public void SeedNetwork_GeneratedCode_MatchesSnapshot()
    {
        var result = GeneratorHarness.Run(TestModels.Seed);
        Assert.Empty(result.CompileErrors);
        Assert.Equal(new[] { "EINet.Excitatory.g.cs", "EINet.Inhibitory.g.cs", "EINet.Neurons.g.cs" }, result.Sources.Keys.OrderBy(k => k, System.StringComparer.Ordinal));
        SnapshotAssert.Matches(result.Sources, "SeedNetwork");
    }

    // One snapshot per model family (issue 10): what the definitions and the step plan produce, read in review.

    [Fact]
    public void Izhikevich_GeneratedCode_MatchesSnapshot() => Family("Izhikevich", """
        using SpikeSharp;
        namespace Zoo;
        [Population(1000)] [Izhikevich(A = 0.02, B = 0.2, C = -65, D = 8)] [InitUniform("V", Min = -70, Max = -60)]
        public partial class Izh;
        """);

    [Fact]
    public void ExpIFAndAdExIF_GeneratedCode_MatchesSnapshot() => Family("ExpIF", """
        using SpikeSharp;
        namespace Zoo;
        [Population(1000)] [ExpIF] [InitConstant("V", -65)]
        public partial class Exp;
        [Population(1000)] [AdExIF(A = 0.5, TauW = 100)] [InitConstant("V", -65)]
        public partial class AdEx;
        """);

    [Fact]
    public void HH_GeneratedCode_MatchesSnapshot() => Family("HH", """
        using SpikeSharp;
        namespace Zoo;
        [Population(1000)] [HH]
        public partial class Squid;
        """);

    [Fact]
    public void QuaIFAndAdQuaIFRef_GeneratedCode_MatchesSnapshot() => Family("QuaIF", """
        using SpikeSharp;
        namespace Zoo;
        [Population(1000)] [QuaIF] [InitConstant("V", -65)]
        public partial class Qua;
        [Population(1000)] [AdQuaIFRef(A = 0.5, TauW = 100, TauRef = 2)] [InitConstant("V", -65)]
        public partial class AdQuaRef;
        """);

    // Gif: the spike reads the threshold's OLD value (vThOld) against the integrated V; the resets read the integrated
    // values (lif.py V2.6.0 GifLTC.update, lines 3400–3404); GifRef adds the refractory hold of V.
    [Fact]
    public void GifAndGifRef_GeneratedCode_MatchesSnapshot() => Family("Gif", """
        using SpikeSharp;
        namespace Zoo;
        [Population(1000)] [Gif(A = 0.005, A1 = 10, A2 = -0.6)]
        public partial class Gen;
        [Population(1000)] [GifRef(A = 0.005, R1 = 0.5, TauRef = 2)] [InitUniform("VTh", Min = -52, Max = -48)]
        public partial class GenRef;
        """);

    [Fact]
    public void DualExponV2_GeneratedCode_MatchesSnapshot() => Family("DualExponV2", """
        using SpikeSharp;
        namespace Zoo;
        [Population(1000)] [Lif(VRest = -60, VTh = -50, VReset = -60, Tau = 20)]
        public partial class Post;
        [HalfProjAlignPostMg(Post = typeof(Post))] [EventJitFPHomoLinear(1000, 1000, Prob = 0.02, Weight = 0.5)]
        [DualExponV2(TauDecay = 5, TauRise = 0.5)] [Coba(E = 0)]
        public partial class Fast1;
        [HalfProjAlignPostMg(Post = typeof(Post))] [EventJitFPHomoLinear(1000, 1000, Prob = 0.02, Weight = 0.5)]
        [DualExponV2(TauDecay = 5.0, TauRise = 0.5)] [Coba(E = 0.0)]
        public partial class Fast2;
        """);

    // LTC: the outputs are inside f, so exp_auto's A includes −R·(g0 + g1)/τ from the two COBA groups and MgBlock's
    // ∂/∂V of g·(E − V)/(1 + (cc_Mg/β)·e^(α(V_offset − V))) (brainpy-semantics.md §2.1, §2.3, §3.2).
    [Fact]
    public void LifLTC_TwoCobaGroupsAndMgBlock_GeneratedCode_MatchesSnapshot() => Family("LifLTC", """
        using SpikeSharp;
        namespace Zoo;
        [Population(1000)] [LifLTC(VRest = -60, VTh = -50, VReset = -60, Tau = 20)]
        public partial class Post;
        [HalfProjAlignPostMg(Post = typeof(Post))] [EventJitFPHomoLinear(1000, 1000, Prob = 0.02, Weight = 0.5)]
        [Expon(Tau = 5)] [Coba(E = 0)]
        public partial class Exc;
        [HalfProjAlignPostMg(Post = typeof(Post))] [EventJitFPHomoLinear(1000, 1000, Prob = 0.02, Weight = 0.5)]
        [Expon(Tau = 10)] [Coba(E = -80)]
        public partial class Inh;
        [HalfProjAlignPostMg(Post = typeof(Post))] [EventJitFPHomoLinear(1000, 1000, Prob = 0.02, Weight = 0.1)]
        [DualExponV2(TauDecay = 100, TauRise = 2)] [MgBlock]
        public partial class Nmda;
        """);

    /// <summary>A user's model (issue 12): COBAHH's Traub–Miles neuron, with exp_auto's A derived in the comments.</summary>
    [Fact]
    public void UserTraubMiles_GeneratedCode_MatchesSnapshot() => Family("UserTraubMiles", UserModelTests.TraubMiles);

    /// <summary>Users' synapse models (issue 12): a DualExponV2 on two merged align-post projections, an NMDA on an align-pre one.</summary>
    [Fact]
    public void UserSynapses_GeneratedCode_MatchesSnapshot() => Family("UserSynapses", UserSynapseTests.Snapshot);

    static void Family(string name, string source)
    {
        var result = GeneratorHarness.Run(source);
        Assert.Empty(result.CompileErrors);
        SnapshotAssert.Matches(result.Sources, name);
    }

    [Fact]
    public void Snapshot_Normalize_ReplacesVersionAndLineEndings()
    {
        string text = $"a\r\n[GeneratedCode(\"SpikeSharp.Generator\", \"{SpikeSharpGenerator.Version}\")]";
        Assert.Equal("a\n[GeneratedCode(\"SpikeSharp.Generator\", \"{VERSION}\")]", SnapshotAssert.Normalize(text));
    }
}
