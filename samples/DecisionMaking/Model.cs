using System;
using SpikeSharp;

namespace DecisionMaking;

// Wang (2002) in the form of BrainPy's examples/dynamics_simulation/decision_making_network.py (scale 1, f = 0.15):
// selective E groups A and B (240 each), non-selective N (1120) and I (400), LifRef with V_rest -70, V_reset -55,
// V_th -50, V0 = -70; AMPA and GABAa as FullProjAlignPostMg with AllToAll (or OneToOne from the Poisson groups, no
// delay) + Expon(2 / 5 ms) + COBA(0 / -70); NMDA as FullProjAlignPreDSMg with NMDA(a 0.5, tau_decay 100, tau_rise 2)
// on AllToAll (the value form: w·Σg) + MgBlock(E 0, cc_Mg 1); every recurrent delay 0.5 ms; background noise at
// 2400 Hz into every group and the stimulus IA / IB, PoissonGroups whose Freqs the trial sets every step.

/// <summary>The constants of BrainPy's <c>DecisionMakingNet(scale=1., f=0.15)</c>.</summary>
public static class Wang2002
{
    public const double F = 0.15;
    public const int NumE = 1600, NumA = 240, NumB = 240, NumN = NumE - NumA - NumB, NumI = 400; // int(0.15·1600) = 240
    public const double PoissonFreq = 2400; // Hz
    public const double WPos = 1.7;
    public const double WNeg = 1.0 - F * (WPos - 1.0) / (1.0 - F);
    public const double GExt2EAmpa = 2.1, GExt2IAmpa = 1.62; // nS
    public const double GE2EAmpa = 0.05, GE2IAmpa = 0.04, GE2ENmda = 0.165, GE2INmda = 0.13, GI2EGabaA = 1.3, GI2IGabaA = 1.0; // nS, scale 1
}

[Population(Wang2002.NumA)] [LifRef(VRest = -70, VReset = -55, VTh = -50, Tau = 20, R = 0.04, TauRef = 2)] [InitConstant("V", -70)]
public partial class A;
[Population(Wang2002.NumB)] [LifRef(VRest = -70, VReset = -55, VTh = -50, Tau = 20, R = 0.04, TauRef = 2)] [InitConstant("V", -70)]
public partial class B;
[Population(Wang2002.NumN)] [LifRef(VRest = -70, VReset = -55, VTh = -50, Tau = 20, R = 0.04, TauRef = 2)] [InitConstant("V", -70)]
public partial class N;
[Population(Wang2002.NumI)] [LifRef(VRest = -70, VReset = -55, VTh = -50, Tau = 10, R = 0.05, TauRef = 1)] [InitConstant("V", -70)]
public partial class I;

// The stimulus (Freqs set by the trial every step: 0 before and after the stimulus period) and the background noise.
[PoissonGroup(Wang2002.NumA)] public partial class IA;
[PoissonGroup(Wang2002.NumB)] public partial class IB;
[PoissonGroup(Wang2002.NumB, Freqs = Wang2002.PoissonFreq)] public partial class NoiseB;
[PoissonGroup(Wang2002.NumA, Freqs = Wang2002.PoissonFreq)] public partial class NoiseA;
[PoissonGroup(Wang2002.NumN, Freqs = Wang2002.PoissonFreq)] public partial class NoiseN;
[PoissonGroup(Wang2002.NumI, Freqs = Wang2002.PoissonFreq)] public partial class NoiseI;

// The projections, in BrainPy's order (AMPA(...) and NMDA(...) of the file; GABAa is its AMPA class with tau 5, E -70).
[FullProjAlignPostMg(Pre = typeof(IA), Post = typeof(A))] [OneToOne(Wang2002.NumA, Weight = Wang2002.GExt2EAmpa)] [Expon(Tau = 2)] [Coba(E = 0)]
public partial class IA2A;
[FullProjAlignPostMg(Pre = typeof(IB), Post = typeof(B))] [OneToOne(Wang2002.NumB, Weight = Wang2002.GExt2EAmpa)] [Expon(Tau = 2)] [Coba(E = 0)]
public partial class IB2B;
[FullProjAlignPostMg(Pre = typeof(N), Post = typeof(B), Delay = 0.5)] [AllToAll(Wang2002.NumN, Wang2002.NumB, Weight = Wang2002.GE2EAmpa * Wang2002.WNeg)] [Expon(Tau = 2)] [Coba(E = 0)]
public partial class N2B_AMPA;
[FullProjAlignPostMg(Pre = typeof(N), Post = typeof(A), Delay = 0.5)] [AllToAll(Wang2002.NumN, Wang2002.NumA, Weight = Wang2002.GE2EAmpa * Wang2002.WNeg)] [Expon(Tau = 2)] [Coba(E = 0)]
public partial class N2A_AMPA;
[FullProjAlignPostMg(Pre = typeof(N), Post = typeof(N), Delay = 0.5)] [AllToAll(Wang2002.NumN, Wang2002.NumN, Weight = Wang2002.GE2EAmpa)] [Expon(Tau = 2)] [Coba(E = 0)]
public partial class N2N_AMPA;
[FullProjAlignPostMg(Pre = typeof(N), Post = typeof(I), Delay = 0.5)] [AllToAll(Wang2002.NumN, Wang2002.NumI, Weight = Wang2002.GE2IAmpa)] [Expon(Tau = 2)] [Coba(E = 0)]
public partial class N2I_AMPA;
[FullProjAlignPreDSMg(Pre = typeof(N), Post = typeof(B), Delay = 0.5)] [AllToAll(Wang2002.NumN, Wang2002.NumB, Weight = Wang2002.GE2ENmda * Wang2002.WNeg)] [Nmda(A = 0.5, TauDecay = 100, TauRise = 2)] [MgBlock(E = 0, CcMg = 1)]
public partial class N2B_NMDA;
[FullProjAlignPreDSMg(Pre = typeof(N), Post = typeof(A), Delay = 0.5)] [AllToAll(Wang2002.NumN, Wang2002.NumA, Weight = Wang2002.GE2ENmda * Wang2002.WNeg)] [Nmda(A = 0.5, TauDecay = 100, TauRise = 2)] [MgBlock(E = 0, CcMg = 1)]
public partial class N2A_NMDA;
[FullProjAlignPreDSMg(Pre = typeof(N), Post = typeof(N), Delay = 0.5)] [AllToAll(Wang2002.NumN, Wang2002.NumN, Weight = Wang2002.GE2ENmda)] [Nmda(A = 0.5, TauDecay = 100, TauRise = 2)] [MgBlock(E = 0, CcMg = 1)]
public partial class N2N_NMDA;
[FullProjAlignPreDSMg(Pre = typeof(N), Post = typeof(I), Delay = 0.5)] [AllToAll(Wang2002.NumN, Wang2002.NumI, Weight = Wang2002.GE2INmda)] [Nmda(A = 0.5, TauDecay = 100, TauRise = 2)] [MgBlock(E = 0, CcMg = 1)]
public partial class N2I_NMDA;
[FullProjAlignPostMg(Pre = typeof(B), Post = typeof(B), Delay = 0.5)] [AllToAll(Wang2002.NumB, Wang2002.NumB, Weight = Wang2002.GE2EAmpa * Wang2002.WPos)] [Expon(Tau = 2)] [Coba(E = 0)]
public partial class B2B_AMPA;
[FullProjAlignPostMg(Pre = typeof(B), Post = typeof(A), Delay = 0.5)] [AllToAll(Wang2002.NumB, Wang2002.NumA, Weight = Wang2002.GE2EAmpa * Wang2002.WNeg)] [Expon(Tau = 2)] [Coba(E = 0)]
public partial class B2A_AMPA;
[FullProjAlignPostMg(Pre = typeof(B), Post = typeof(N), Delay = 0.5)] [AllToAll(Wang2002.NumB, Wang2002.NumN, Weight = Wang2002.GE2EAmpa)] [Expon(Tau = 2)] [Coba(E = 0)]
public partial class B2N_AMPA;
[FullProjAlignPostMg(Pre = typeof(B), Post = typeof(I), Delay = 0.5)] [AllToAll(Wang2002.NumB, Wang2002.NumI, Weight = Wang2002.GE2IAmpa)] [Expon(Tau = 2)] [Coba(E = 0)]
public partial class B2I_AMPA;
[FullProjAlignPreDSMg(Pre = typeof(B), Post = typeof(B), Delay = 0.5)] [AllToAll(Wang2002.NumB, Wang2002.NumB, Weight = Wang2002.GE2ENmda * Wang2002.WPos)] [Nmda(A = 0.5, TauDecay = 100, TauRise = 2)] [MgBlock(E = 0, CcMg = 1)]
public partial class B2B_NMDA;
[FullProjAlignPreDSMg(Pre = typeof(B), Post = typeof(A), Delay = 0.5)] [AllToAll(Wang2002.NumB, Wang2002.NumA, Weight = Wang2002.GE2ENmda * Wang2002.WNeg)] [Nmda(A = 0.5, TauDecay = 100, TauRise = 2)] [MgBlock(E = 0, CcMg = 1)]
public partial class B2A_NMDA;
[FullProjAlignPreDSMg(Pre = typeof(B), Post = typeof(N), Delay = 0.5)] [AllToAll(Wang2002.NumB, Wang2002.NumN, Weight = Wang2002.GE2ENmda)] [Nmda(A = 0.5, TauDecay = 100, TauRise = 2)] [MgBlock(E = 0, CcMg = 1)]
public partial class B2N_NMDA;
[FullProjAlignPreDSMg(Pre = typeof(B), Post = typeof(I), Delay = 0.5)] [AllToAll(Wang2002.NumB, Wang2002.NumI, Weight = Wang2002.GE2INmda)] [Nmda(A = 0.5, TauDecay = 100, TauRise = 2)] [MgBlock(E = 0, CcMg = 1)]
public partial class B2I_NMDA;
[FullProjAlignPostMg(Pre = typeof(A), Post = typeof(B), Delay = 0.5)] [AllToAll(Wang2002.NumA, Wang2002.NumB, Weight = Wang2002.GE2EAmpa * Wang2002.WNeg)] [Expon(Tau = 2)] [Coba(E = 0)]
public partial class A2B_AMPA;
[FullProjAlignPostMg(Pre = typeof(A), Post = typeof(A), Delay = 0.5)] [AllToAll(Wang2002.NumA, Wang2002.NumA, Weight = Wang2002.GE2EAmpa * Wang2002.WPos)] [Expon(Tau = 2)] [Coba(E = 0)]
public partial class A2A_AMPA;
[FullProjAlignPostMg(Pre = typeof(A), Post = typeof(N), Delay = 0.5)] [AllToAll(Wang2002.NumA, Wang2002.NumN, Weight = Wang2002.GE2EAmpa)] [Expon(Tau = 2)] [Coba(E = 0)]
public partial class A2N_AMPA;
[FullProjAlignPostMg(Pre = typeof(A), Post = typeof(I), Delay = 0.5)] [AllToAll(Wang2002.NumA, Wang2002.NumI, Weight = Wang2002.GE2IAmpa)] [Expon(Tau = 2)] [Coba(E = 0)]
public partial class A2I_AMPA;
[FullProjAlignPreDSMg(Pre = typeof(A), Post = typeof(B), Delay = 0.5)] [AllToAll(Wang2002.NumA, Wang2002.NumB, Weight = Wang2002.GE2ENmda * Wang2002.WNeg)] [Nmda(A = 0.5, TauDecay = 100, TauRise = 2)] [MgBlock(E = 0, CcMg = 1)]
public partial class A2B_NMDA;
[FullProjAlignPreDSMg(Pre = typeof(A), Post = typeof(A), Delay = 0.5)] [AllToAll(Wang2002.NumA, Wang2002.NumA, Weight = Wang2002.GE2ENmda * Wang2002.WPos)] [Nmda(A = 0.5, TauDecay = 100, TauRise = 2)] [MgBlock(E = 0, CcMg = 1)]
public partial class A2A_NMDA;
[FullProjAlignPreDSMg(Pre = typeof(A), Post = typeof(N), Delay = 0.5)] [AllToAll(Wang2002.NumA, Wang2002.NumN, Weight = Wang2002.GE2ENmda)] [Nmda(A = 0.5, TauDecay = 100, TauRise = 2)] [MgBlock(E = 0, CcMg = 1)]
public partial class A2N_NMDA;
[FullProjAlignPreDSMg(Pre = typeof(A), Post = typeof(I), Delay = 0.5)] [AllToAll(Wang2002.NumA, Wang2002.NumI, Weight = Wang2002.GE2INmda)] [Nmda(A = 0.5, TauDecay = 100, TauRise = 2)] [MgBlock(E = 0, CcMg = 1)]
public partial class A2I_NMDA;
[FullProjAlignPostMg(Pre = typeof(I), Post = typeof(B), Delay = 0.5)] [AllToAll(Wang2002.NumI, Wang2002.NumB, Weight = Wang2002.GI2EGabaA)] [Expon(Tau = 5)] [Coba(E = -70)]
public partial class I2B;
[FullProjAlignPostMg(Pre = typeof(I), Post = typeof(A), Delay = 0.5)] [AllToAll(Wang2002.NumI, Wang2002.NumA, Weight = Wang2002.GI2EGabaA)] [Expon(Tau = 5)] [Coba(E = -70)]
public partial class I2A;
[FullProjAlignPostMg(Pre = typeof(I), Post = typeof(N), Delay = 0.5)] [AllToAll(Wang2002.NumI, Wang2002.NumN, Weight = Wang2002.GI2EGabaA)] [Expon(Tau = 5)] [Coba(E = -70)]
public partial class I2N;
[FullProjAlignPostMg(Pre = typeof(I), Post = typeof(I), Delay = 0.5)] [AllToAll(Wang2002.NumI, Wang2002.NumI, Weight = Wang2002.GI2IGabaA)] [Expon(Tau = 5)] [Coba(E = -70)]
public partial class I2I;
[FullProjAlignPostMg(Pre = typeof(NoiseB), Post = typeof(B))] [OneToOne(Wang2002.NumB, Weight = Wang2002.GExt2EAmpa)] [Expon(Tau = 2)] [Coba(E = 0)]
public partial class Noise2B;
[FullProjAlignPostMg(Pre = typeof(NoiseA), Post = typeof(A))] [OneToOne(Wang2002.NumA, Weight = Wang2002.GExt2EAmpa)] [Expon(Tau = 2)] [Coba(E = 0)]
public partial class Noise2A;
[FullProjAlignPostMg(Pre = typeof(NoiseN), Post = typeof(N))] [OneToOne(Wang2002.NumN, Weight = Wang2002.GExt2EAmpa)] [Expon(Tau = 2)] [Coba(E = 0)]
public partial class Noise2N;
[FullProjAlignPostMg(Pre = typeof(NoiseI), Post = typeof(I))] [OneToOne(Wang2002.NumI, Weight = Wang2002.GExt2IAmpa)] [Expon(Tau = 2)] [Coba(E = 0)]
public partial class Noise2I;

/// <summary>BrainPy's <c>DecisionMakingNet(bp.DynSysGroup)</c>: members in the file's order (populations, Poisson groups,
/// projections). The generated step runs BrainPy's DynSysGroup order; the trial sets <see cref="IA"/>/<see cref="IB"/>'s
/// Freqs before each step, as the file's <c>give_input</c> does.</summary>
[Network]
public partial class DecisionNet
{
    public A A;
    public B B;
    public N N;
    public I I;
    public IA IA;
    public IB IB;
    public NoiseB NoiseB;
    public NoiseA NoiseA;
    public NoiseN NoiseN;
    public NoiseI NoiseI;
    public IA2A IA2A;
    public IB2B IB2B;
    public N2B_AMPA N2B_AMPA;
    public N2A_AMPA N2A_AMPA;
    public N2N_AMPA N2N_AMPA;
    public N2I_AMPA N2I_AMPA;
    public N2B_NMDA N2B_NMDA;
    public N2A_NMDA N2A_NMDA;
    public N2N_NMDA N2N_NMDA;
    public N2I_NMDA N2I_NMDA;
    public B2B_AMPA B2B_AMPA;
    public B2A_AMPA B2A_AMPA;
    public B2N_AMPA B2N_AMPA;
    public B2I_AMPA B2I_AMPA;
    public B2B_NMDA B2B_NMDA;
    public B2A_NMDA B2A_NMDA;
    public B2N_NMDA B2N_NMDA;
    public B2I_NMDA B2I_NMDA;
    public A2B_AMPA A2B_AMPA;
    public A2A_AMPA A2A_AMPA;
    public A2N_AMPA A2N_AMPA;
    public A2I_AMPA A2I_AMPA;
    public A2B_NMDA A2B_NMDA;
    public A2A_NMDA A2A_NMDA;
    public A2N_NMDA A2N_NMDA;
    public A2I_NMDA A2I_NMDA;
    public I2B I2B;
    public I2A I2A;
    public I2N I2N;
    public I2I I2I;
    public Noise2B Noise2B;
    public Noise2A Noise2A;
    public Noise2N Noise2N;
    public Noise2I Noise2I;
}
