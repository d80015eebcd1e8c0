namespace SpikeSharp.Runtime.Tests;

// --- [PoissonGroup] members and the value forms of AllToAll / OneToOne on align-pre projections.
// Pg: 500 Poisson neurons at 2400 Hz (the sample's noise) and 500 at 400 Hz (p = 0.04 per step at dt 0.1) drive a LifRef population through NMDA with AllToAll
// (include_self and not) and OneToOne, and an AMPA-like Expon through OneToOne (event form) without delay.
[PoissonGroup(500, Freqs = 2400)] public partial class PgSource;
[PoissonGroup(500, Freqs = 400)] public partial class PgSource2;
[Population(500)] [LifRef(VRest = -70, VReset = -55, VTh = -50, Tau = 20, R = 0.04, TauRef = 2)] [InitUniform("V", Min = -70, Max = -50)]
public partial class PgPost;
[Population(300)] [LifRef(VRest = -70, VReset = -55, VTh = -50, Tau = 20, R = 0.04, TauRef = 2)] [InitUniform("V", Min = -70, Max = -50)]
public partial class PgPost2;

[FullProjAlignPostMg(Pre = typeof(PgSource), Post = typeof(PgPost))] [OneToOne(500, Weight = 2.1)] [Expon(Tau = 2)] [Coba(E = 0)]
public partial class PgExt;
[FullProjAlignPreDSMg(Pre = typeof(PgSource2), Post = typeof(PgPost), Delay = 0.5)] [AllToAll(500, 500, Weight = 0.01)] [Nmda] [MgBlock(E = 0, CcMg = 1)]
public partial class PgAll;
[FullProjAlignPreDSMg(Pre = typeof(PgPost), Post = typeof(PgPost), Delay = 0.5)] [AllToAll(500, 500, Weight = 0.002, IncludeSelf = false)] [Nmda] [MgBlock(E = 0, CcMg = 1)]
public partial class PgRec;
[FullProjAlignPreDSMg(Pre = typeof(PgPost), Post = typeof(PgPost2))] [AllToAll(500, 300, Weight = 0.003, IncludeSelf = false)] [Nmda] [MgBlock(E = 0, CcMg = 1)]
public partial class PgFwd;
[FullProjAlignPreDSMg(Pre = typeof(PgSource2), Post = typeof(PgPost))] [OneToOne(500, Weight = 0.5)] [Ampa] [Coba(E = 0)]
public partial class PgOne;
[FullProjAlignPreSDMg(Pre = typeof(PgPost), Post = typeof(PgPost2), DelaySteps = 2)] [AllToAll(500, 300, Weight = 0.001)] [Nmda] [MgBlock(E = 0)]
public partial class PgSd;

[Network]
public partial class PgNet
{
    public PgPost Post;
    public PgPost2 Post2;
    public PgSource Source;
    public PgSource2 Source2;
    public PgExt Ext;
    public PgAll All;
    public PgRec Rec;
    public PgFwd Fwd;
    public PgOne One;
    public PgSd Sd;
}

// --- The non-event JIT comms on align-pre projections: PgPost's NMDA g through JitFP{Homo,Uniform,Normal}Linear.
[FullProjAlignPreDSMg(Pre = typeof(PgPost), Post = typeof(PgPost2), Delay = 0.5)] [JitFPHomoLinear(500, 300, Prob = 0.1, Weight = 0.01)] [Nmda] [MgBlock(E = 0)]
public partial class PgJitHomo;
[FullProjAlignPreDSMg(Pre = typeof(PgPost), Post = typeof(PgPost2))] [JitFPUniformLinear(500, 300, Prob = 0.05, WLow = 0, WHigh = 0.02)] [Ampa] [Coba(E = 0)]
public partial class PgJitUni;
[FullProjAlignPreSDMg(Pre = typeof(PgPost), Post = typeof(PgPost2), DelaySteps = 3)] [JitFPNormalLinear(500, 300, Prob = 0.2, WMu = 0.01, WSigma = 0.003)] [Nmda] [MgBlock(E = 0)]
public partial class PgJitNorm;

[Network]
public partial class PgJitNet
{
    public PgPost Post;
    public PgPost2 Post2;
    public PgSource Source;
    public PgSource2 Source2;
    public PgExt Ext;
    public PgAll All;
    public PgJitHomo H;
    public PgJitUni U;
    public PgJitNorm N;
}
