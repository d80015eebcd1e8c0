namespace SpikeSharp.Runtime.Tests;

using SpikeSharp.Runtime.Tests.UserSynapses;

// --- The vectorised and threaded synapse step of align-pre projections. A pre of 5003 neurons (not a multiple of 16 or 8:
// the scalar tail runs too), every pre-sized model class: NMDA (φ's three branches), STD, STP (a value that is an
// expression), AMPA (a select on the spike), Alpha, and two user synapses (Expon's exact decay, NMDA's exp-Euler).
[Population(5003)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitUniform("V", Min = -60, Max = -50)]
public partial class PsPre;
[Population(16)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)]
public partial class PsPost;

[FullProjAlignPreDSMg(Pre = typeof(PsPre), Post = typeof(PsPost), DelaySteps = 2)] [AllToAll(5003, 16, Weight = 0.001)] [Nmda] [MgBlock(E = 0)]
public partial class PsNmda;
[FullProjAlignPreDSMg(Pre = typeof(PsPre), Post = typeof(PsPost))] [AllToAll(5003, 16, Weight = 0.001)] [Std(Tau = 100, U = 0.3)] [Coba(E = 0)]
public partial class PsStd;
[FullProjAlignPreSDMg(Pre = typeof(PsPre), Post = typeof(PsPost), DelaySteps = 1)] [AllToAll(5003, 16, Weight = 0.001)] [Stp(U = 0.2, TauF = 200, TauD = 100)] [Coba(E = 0)]
public partial class PsStp;
[FullProjAlignPreDSMg(Pre = typeof(PsPre), Post = typeof(PsPost))] [AllToAll(5003, 16, Weight = 0.001)] [Ampa] [Coba(E = 0)]
public partial class PsAmpa;
[FullProjAlignPreDSMg(Pre = typeof(PsPre), Post = typeof(PsPost))] [AllToAll(5003, 16, Weight = 0.001)] [Alpha(TauDecay = 7)] [Coba(E = 0)]
public partial class PsAlpha;
[FullProjAlignPreDSMg(Pre = typeof(PsPre), Post = typeof(PsPost))] [AllToAll(5003, 16, Weight = 0.001)] [UserExpon(Tau = 5)] [Coba(E = 0)]
public partial class PsUserExpon;
[FullProjAlignPreDSMg(Pre = typeof(PsPre), Post = typeof(PsPost), DelaySteps = 1)] [AllToAll(5003, 16, Weight = 0.001)] [UserNmda] [Coba(E = 0)]
public partial class PsUserNmda;

// --- Large enough for 4 parts of PreSynapseParallelism.MinPreNeuronsPerPart (70 001 / 4 > 16 384).
[Population(70001)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitUniform("V", Min = -60, Max = -50)]
public partial class PsBigPre;
[FullProjAlignPreDSMg(Pre = typeof(PsBigPre), Post = typeof(PsPost), DelaySteps = 1)] [AllToAll(70001, 16, Weight = 0.0001)] [Nmda] [MgBlock(E = 0)]
public partial class PsBigNmda;
[FullProjAlignPreSDMg(Pre = typeof(PsBigPre), Post = typeof(PsPost))] [AllToAll(70001, 16, Weight = 0.0001)] [Stp] [Coba(E = 0)]
public partial class PsBigStp;
