using SpikeSharp;

namespace SpikeSharp.Runtime.Tests.Nets;

// Declared networks for the runtime tests (DeclaredNetworkTests).

// --- BrainPy's COBA.py form with JIT connectivity: E 3200 and I 800 as separate populations, four FullProjAlignPostMg.
[Population(3200)]
[LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)]
[InitNormal("V", Mean = -55, Std = 2)]
public partial class CobaE;

[Population(800)]
[LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)]
[InitNormal("V", Mean = -55, Std = 2)]
public partial class CobaI;

[FullProjAlignPostMg(Pre = typeof(CobaE), Post = typeof(CobaE))]
[EventJitFPHomoLinear(3200, 3200, Prob = 0.02, Weight = 0.6)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class CobaEE;

[FullProjAlignPostMg(Pre = typeof(CobaE), Post = typeof(CobaI))]
[EventJitFPHomoLinear(3200, 800, Prob = 0.02, Weight = 0.6)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class CobaEI;

[FullProjAlignPostMg(Pre = typeof(CobaI), Post = typeof(CobaE))]
[EventJitFPHomoLinear(800, 3200, Prob = 0.02, Weight = 6.7)] [Expon(Tau = 10)] [Coba(E = -80)]
public partial class CobaIE;

[FullProjAlignPostMg(Pre = typeof(CobaI), Post = typeof(CobaI))]
[EventJitFPHomoLinear(800, 800, Prob = 0.02, Weight = 6.7)] [Expon(Tau = 10)] [Coba(E = -80)]
public partial class CobaII;

[Network]
public partial class JitCoba
{
    public CobaE E;
    public CobaI I;
    public CobaEE EE;
    public CobaEI EI;
    public CobaIE IE;
    public CobaII II;
}

// The same wiring with Half projections fed by hand: they merge into the same buffers of CobaE/CobaI (equal keys).
[HalfProjAlignPostMg(Post = typeof(CobaE))]
[EventJitFPHomoLinear(3200, 3200, Prob = 0.02, Weight = 0.6)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class HalfEE;

[HalfProjAlignPostMg(Post = typeof(CobaI))]
[EventJitFPHomoLinear(3200, 800, Prob = 0.02, Weight = 0.6)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class HalfEI;

[HalfProjAlignPostMg(Post = typeof(CobaE))]
[EventJitFPHomoLinear(800, 3200, Prob = 0.02, Weight = 6.7)] [Expon(Tau = 10)] [Coba(E = -80)]
public partial class HalfIE;

[HalfProjAlignPostMg(Post = typeof(CobaI))]
[EventJitFPHomoLinear(800, 800, Prob = 0.02, Weight = 6.7)] [Expon(Tau = 10)] [Coba(E = -80)]
public partial class HalfII;

// --- Latency: one pre neuron that fires at step 0 only (V₀ above threshold, no input), one post per delay.
[Population(1)]
[LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)]
[InitConstant("V", -45)]
public partial class LatPre;

[Population(1)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitConstant("V", -60)] public partial class LatPost0;
[Population(1)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitConstant("V", -60)] public partial class LatPost1;
[Population(1)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitConstant("V", -60)] public partial class LatPost2;
[Population(1)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitConstant("V", -60)] public partial class LatPost7;

[FullProjAlignPostMg(Pre = typeof(LatPre), Post = typeof(LatPost0))]
[EventJitFPHomoLinear(1, 1, Prob = 1, Weight = 1)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class LatNone;

[FullProjAlignPostMg(Pre = typeof(LatPre), Post = typeof(LatPost1), DelaySteps = 1)]
[EventJitFPHomoLinear(1, 1, Prob = 1, Weight = 1)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class LatOne;

[FullProjAlignPostMg(Pre = typeof(LatPre), Post = typeof(LatPost2), Delay = 0.2)]
[EventJitFPHomoLinear(1, 1, Prob = 1, Weight = 1)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class LatTwoMs;

[FullProjAlignPostMg(Pre = typeof(LatPre), Post = typeof(LatPost7), Delay = 0.7)]
[EventJitFPHomoLinear(1, 1, Prob = 1, Weight = 1)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class LatSevenMs;

[Network]
public partial class Latency
{
    public LatPre Pre;
    public LatPost0 P0;
    public LatPost1 P1;
    public LatPost2 P2;
    public LatPost7 P7;
    public LatNone D0;
    public LatOne D1;
    public LatTwoMs D2;
    public LatSevenMs D7;
}

// --- The seed network declared: the sample's populations and Half projections, with BrainPy's hand-written update.
[Network]
public partial class DeclaredSeed
{
    public global::EINet.Neurons N;
    global::EINet.Excitatory e;
    global::EINet.Inhibitory i;

    public Spikes Update(float input)
    {
        var spk = N.Spike; // BrainPy's delay.at('I') with no delay: N.spike before N updates
        e.Deliver(spk[..global::EINet.EINetwork.NumExcitatory]);
        i.Deliver(spk[global::EINet.EINetwork.NumExcitatory..]);
        return N.Update(input);
    }
}

// --- EventCSRLinear with our exact Bernoulli connector: stores exactly the JIT streams' targets (same seed, stream id).
[FullProjAlignPostMg(Pre = typeof(CobaE), Post = typeof(CobaE))]
[EventCSRLinear(3200, 3200, Prob = 0.02, Weight = 0.6, Conn = Conn.Bernoulli)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class CsrEE;

[FullProjAlignPostMg(Pre = typeof(CobaE), Post = typeof(CobaI))]
[EventCSRLinear(3200, 800, Prob = 0.02, Weight = 0.6, Conn = Conn.Bernoulli)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class CsrEI;

[FullProjAlignPostMg(Pre = typeof(CobaI), Post = typeof(CobaE))]
[EventCSRLinear(800, 3200, Prob = 0.02, Weight = 6.7, Conn = Conn.Bernoulli)] [Expon(Tau = 10)] [Coba(E = -80)]
public partial class CsrIE;

[FullProjAlignPostMg(Pre = typeof(CobaI), Post = typeof(CobaI))]
[EventCSRLinear(800, 800, Prob = 0.02, Weight = 6.7, Conn = Conn.Bernoulli)] [Expon(Tau = 10)] [Coba(E = -80)]
public partial class CsrII;

// --- Connector options reach the matrix.
[Population(200)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] public partial class ConnPop;

[FullProjAlignPostMg(Pre = typeof(ConnPop), Post = typeof(ConnPop))]
[EventCSRLinear(200, 200, Conn = Conn.FixedPostNum, Num = 7, IncludeSelf = false)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class ConnPostNum;

[FullProjAlignPostMg(Pre = typeof(ConnPop), Post = typeof(ConnPop))]
[EventCSRLinear(200, 200, Conn = Conn.FixedPreNum, Num = 5, AllowMultiConn = true)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class ConnPreNum;

[FullProjAlignPostMg(Pre = typeof(ConnPop), Post = typeof(ConnPop))]
[EventCSRLinear(200, 200, Conn = Conn.OneToOne, Weight = 2)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class ConnOneToOne;

[FullProjAlignPostMg(Pre = typeof(ConnPop), Post = typeof(ConnPop))]
[EventCSRLinear(200, 200, Prob = 0.1, AllowMultiConn = true)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class ConnFixedProb;

// --- BrainPy's dyn.PoissonInput onto V: no external current, the population fires from the Poisson drive alone.
[Population(500)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitConstant("V", -60)] public partial class Driven;

[PoissonInput(Target = typeof(Driven), Variable = "V", NumInput = 200, Freq = 20, Weight = 1.5)]
public partial class Drive;

[Network]
public partial class DrivenNet
{
    public Driven Pop;
    public Drive Drive;
}

// --- FullProjAlignPost / HalfProjAlignPost: own synapse each, decay then add.
[Population(1)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitConstant("V", -60)] public partial class OwnPost;

[FullProjAlignPost(Pre = typeof(LatPre), Post = typeof(OwnPost))]
[EventJitFPHomoLinear(1, 1, Prob = 1, Weight = 1)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class OwnFull;

[FullProjAlignPost(Pre = typeof(LatPre), Post = typeof(OwnPost), DelaySteps = 3)]
[EventCSRLinear(1, 1, Conn = Conn.AllToAll, Weight = 2)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class OwnFullCsr;

[HalfProjAlignPost(Post = typeof(OwnPost))]
[EventJitFPHomoLinear(1, 1, Prob = 1, Weight = 4)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class OwnHalf;

[Network]
public partial class OwnNet
{
    public LatPre Pre;
    public OwnPost Post;
    public OwnFull A;
    public OwnFullCsr B;
    public OwnHalf H;

    public Spikes Update(float input)
    {
        H.Deliver(Spikes.None(1)); // called every step: its own synapse decays every step
        return Step(input);
    }
}

// --- FullProjDelta onto V: after integration, before the refractory hold.
[Population(1)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitConstant("V", -58)] public partial class DeltaPost;
[Population(1)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitConstant("V", -58)] public partial class DeltaRef;
[Population(1)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitConstant("V", -45)] public partial class DeltaHeld;

[FullProjDelta(Pre = typeof(LatPre), Post = typeof(DeltaPost))]
[EventJitFPHomoLinear(1, 1, Prob = 1, Weight = 3)]
public partial class ToDeltaPost;

[FullProjDelta(Pre = typeof(LatPre), Post = typeof(DeltaHeld), DelaySteps = 1)]
[EventCSRLinear(1, 1, Conn = Conn.OneToOne, Weight = 3)]
public partial class ToDeltaHeld;

[Network]
public partial class DeltaNet
{
    public LatPre Pre;
    public DeltaPost Post;
    public DeltaRef Ref;
    public DeltaHeld Held;
    public ToDeltaPost A;
    public ToDeltaHeld B;
}
