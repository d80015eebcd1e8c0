namespace SpikeSharp.Runtime.Tests;

// --- Align-pre synapses, one pre neuron driven to spike on chosen steps (Lif without refractoriness, a huge input on a
// spike step, none otherwise), one post neuron, OneToOne CSRLinear with weight 1: the projection's Input is the synapse's g.
[Population(1)] [Lif(VRest = 0, VReset = 0, VTh = 1, Tau = 10)] [InitConstant("V", 0)] public partial class ApPre;
[Population(1)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitConstant("V", -60)] public partial class ApPost;

[FullProjAlignPreDSMg(Pre = typeof(ApPre), Post = typeof(ApPost))] [CSRLinear(1, 1, Conn = Conn.OneToOne)] [Nmda] [MgBlock(E = 0)]
public partial class ApNmda;
[FullProjAlignPreDSMg(Pre = typeof(ApPre), Post = typeof(ApPost))] [CSRLinear(1, 1, Conn = Conn.OneToOne)] [Ampa] [Coba(E = 0)]
public partial class ApAmpa;
[FullProjAlignPreDSMg(Pre = typeof(ApPre), Post = typeof(ApPost))] [CSRLinear(1, 1, Conn = Conn.OneToOne)] [GabaA] [Coba(E = -80)]
public partial class ApGabaA;
[FullProjAlignPreDSMg(Pre = typeof(ApPre), Post = typeof(ApPost))] [CSRLinear(1, 1, Conn = Conn.OneToOne)] [Alpha(TauDecay = 10)] [Coba(E = 0)]
public partial class ApAlpha;
[FullProjAlignPreDSMg(Pre = typeof(ApPre), Post = typeof(ApPost))] [CSRLinear(1, 1, Conn = Conn.OneToOne)] [DualExpon(TauDecay = 10, TauRise = 1)] [Coba(E = 0)]
public partial class ApDualExpon;
[FullProjAlignPreDSMg(Pre = typeof(ApPre), Post = typeof(ApPost))] [CSRLinear(1, 1, Conn = Conn.OneToOne)] [Ampa(TDur = 0.45)] [Coba(E = 0)]
public partial class ApAmpaShort;

// --- A network: E (300) → P (200) by two NMDA projections with equal synapse and delay (merged: one synapse state), one
// AMPA projection without delay, and one NMDA projection with another delay (its own state).
[Population(300)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitUniform("V", Min = -60, Max = -50)]
public partial class ApE;
[Population(200)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitUniform("V", Min = -60, Max = -50)]
public partial class ApP;

[FullProjAlignPreDSMg(Pre = typeof(ApE), Post = typeof(ApP), DelaySteps = 3)] [CSRLinear(300, 200, Prob = 0.1, Weight = 0.05)] [Nmda] [MgBlock(E = 0)]
public partial class ApEPNmda;
[FullProjAlignPreDSMg(Pre = typeof(ApE), Post = typeof(ApP), DelaySteps = 3)] [CSRLinear(300, 200, Conn = Conn.FixedPostNum, Num = 5, Weight = 0.02)] [Nmda] [Coba(E = 0)]
public partial class ApEPNmda2;
[FullProjAlignPreDSMg(Pre = typeof(ApE), Post = typeof(ApP))] [CSRLinear(300, 200, Prob = 0.05, Weight = 0.3)] [Ampa] [Coba(E = 0)]
public partial class ApEPAmpa;
[FullProjAlignPreDSMg(Pre = typeof(ApE), Post = typeof(ApP), DelaySteps = 1)] [CSRLinear(300, 200, Prob = 0.1, Weight = 0.01)] [Nmda] [MgBlock(E = 0)]
public partial class ApEPNmda1;

[Network]
public partial class ApNet
{
    public ApE E;
    public ApP P;
    public ApEPNmda A;
    public ApEPNmda2 B;
    public ApEPAmpa C;
    public ApEPNmda1 D;
}

// --- FullProjAlignPreSDMg: synapse on this step's spikes, its g delayed. S3 and S5 have equal synapses (merged: one state,
// one value delay grown to 5 steps, each its own entry); S0 reads the latest g.
[FullProjAlignPreSDMg(Pre = typeof(ApE), Post = typeof(ApP), DelaySteps = 3)] [CSRLinear(300, 200, Prob = 0.1, Weight = 0.05)] [Nmda] [MgBlock(E = 0)]
public partial class ApSd3;
[FullProjAlignPreSDMg(Pre = typeof(ApE), Post = typeof(ApP), DelaySteps = 5)] [CSRLinear(300, 200, Prob = 0.05, Weight = 0.02)] [Nmda] [Coba(E = 0)]
public partial class ApSd5;
[FullProjAlignPreSDMg(Pre = typeof(ApE), Post = typeof(ApP))] [CSRLinear(300, 200, Prob = 0.05, Weight = 0.3)] [Ampa] [Coba(E = 0)]
public partial class ApSd0;

[Network]
public partial class ApSdNet
{
    public ApE E;
    public ApP P;
    public ApSd3 A;
    public ApSd5 B;
    public ApSd0 C;
}

// --- A post large enough for several post blocks, so that Threads = 2 really splits CSRLinear's multiply.
[Population(20000)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitUniform("V", Min = -60, Max = -50)]
public partial class ApBig;
[FullProjAlignPreDSMg(Pre = typeof(ApE), Post = typeof(ApBig), DelaySteps = 2)] [CSRLinear(300, 20000, Prob = 0.05, Weight = 0.05)] [Nmda] [MgBlock(E = 0)]
public partial class ApEBig;

[Network]
public partial class ApBigNet
{
    public ApE E;
    public ApBig B;
    public ApEBig X;
}
