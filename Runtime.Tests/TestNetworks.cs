using SpikeSharp;

namespace SpikeSharp.Runtime.Tests;

// Small models compiled by the generator for the runtime tests.

// --- Merging: A receives one projection at full weight; B receives two equal-descriptor projections at half weight.
[Population(300)]
[LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)]
[InitNormal("V", Mean = -55, Std = 2)]
public partial class MergeA;

[Population(300)]
[LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)]
[InitNormal("V", Mean = -55, Std = 2)]
public partial class MergeB;

[HalfProjAlignPostMg(Post = typeof(MergeA))]
[EventJitFPHomoLinear(300, 300, Prob = 0.05, Weight = 1.2)]
[Expon(Tau = 5)]
[Coba(E = 0)]
public partial class FullWeight;

[HalfProjAlignPostMg(Post = typeof(MergeB))]
[EventJitFPHomoLinear(300, 300, Prob = 0.05, Weight = 0.6)]
[Expon(Tau = 5)]
[Coba(E = 0)]
public partial class HalfWeight1;

[HalfProjAlignPostMg(Post = typeof(MergeB))]
[EventJitFPHomoLinear(300, 300, Prob = 0.05, Weight = 0.6)]
[Expon(Tau = 5.0)]
[Coba(E = 0.0)]
public partial class HalfWeight2;

// --- One neuron, for the closed-form spike timing test.
[Population(1)]
[LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)]
[InitConstant("V", -60)]
public partial class SingleNeuron;

// --- Expon kernel: every pre connects to every post (Prob = 1).
[Population(4)]
[Lif(VRest = -60, VTh = 100, VReset = -60, Tau = 20)]
[InitConstant("V", -60)]
public partial class Probe;

[HalfProjAlignPostMg(Post = typeof(Probe))]
[EventJitFPHomoLinear(2, 4, Prob = 1, Weight = 0.6)]
[Expon(Tau = 5)]
[Coba(E = 0)]
public partial class ProbeInput;

// --- Negative (inhibitory) CUBA weight.
[HalfProjAlignPostMg(Post = typeof(Probe))]
[EventJitFPHomoLinear(2, 4, Prob = 1, Weight = -2)]
[Expon(Tau = 10)]
[Cuba]
public partial class ProbeInhibitoryCuba;

// --- A network large enough for several connectivity blocks (40 003 posts: 5 blocks), for the thread tests.
[Population(40_003)]
[LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)]
[InitNormal("V", Mean = -55, Std = 2)]
public partial class Wide;

[HalfProjAlignPostMg(Post = typeof(Wide))]
[EventJitFPHomoLinear(32_000, 40_003, Prob = 0.002, Weight = 0.6)]
[Expon(Tau = 5)]
[Coba(E = 0)]
public partial class WideE;

[HalfProjAlignPostMg(Post = typeof(Wide))]
[EventJitFPHomoLinear(8003, 40_003, Prob = 0.002, Weight = 6.7)]
[Expon(Tau = 10)]
[Coba(E = -80)]
public partial class WideI;
