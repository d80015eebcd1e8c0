namespace SpikeSharp.Runtime.Tests;

// --- Short-term plasticity (STD, STP) as pre-sized synapses of align-pre projections (BrainPy 2.8 bp.dyn.STD / bp.dyn.STP
// as the `syn` of FullProjAlignPreDSMg / SDMg). One pre neuron (ApPre) driven on chosen steps, one post, OneToOne
// CSRLinear with weight 1: the projection's Input is the synapse's value (x, or u·x).
[FullProjAlignPreDSMg(Pre = typeof(ApPre), Post = typeof(ApPost))] [CSRLinear(1, 1, Conn = Conn.OneToOne)] [Std] [Coba(E = 0)]
public partial class StpStdOne;
[FullProjAlignPreDSMg(Pre = typeof(ApPre), Post = typeof(ApPost))] [CSRLinear(1, 1, Conn = Conn.OneToOne)] [Std(Tau = 50, U = 0.4)] [Coba(E = 0)]
public partial class StpStdFast;
[FullProjAlignPreDSMg(Pre = typeof(ApPre), Post = typeof(ApPost))] [CSRLinear(1, 1, Conn = Conn.OneToOne)] [Stp] [Coba(E = 0)]
public partial class StpStpOne;
[FullProjAlignPreDSMg(Pre = typeof(ApPre), Post = typeof(ApPost))] [CSRLinear(1, 1, Conn = Conn.OneToOne)] [Stp(U = 0.2, TauF = 20, TauD = 150)] [Coba(E = 0)]
public partial class StpStpFast;

// --- A 4000 → 4000 network: STD and STP on DS and SD projections; S1 and S2 have equal STD values and delay (merged: one
// state), S3 another U (its own), T1 STP DS, T2 STP SD with T3 (same STP, another delay: SD merges them),
// T4 STP DS sharing T1's state (its value u·x is an array of the shared state).
[Population(4000)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitUniform("V", Min = -60, Max = -50)]
public partial class StpE;
[Population(4000)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitUniform("V", Min = -60, Max = -50)]
public partial class StpP;

[FullProjAlignPreDSMg(Pre = typeof(StpE), Post = typeof(StpP), DelaySteps = 2)] [CSRLinear(4000, 4000, Prob = 0.02, Weight = 0.002)] [Std(Tau = 200, U = 0.2)] [Coba(E = 0)]
public partial class StpS1;
[FullProjAlignPreDSMg(Pre = typeof(StpE), Post = typeof(StpP), DelaySteps = 2)] [CSRLinear(4000, 4000, Conn = Conn.FixedPostNum, Num = 40, Weight = 0.001)] [Std(Tau = 200.0, U = 0.20)] [Coba(E = -80)]
public partial class StpS2;
[FullProjAlignPreDSMg(Pre = typeof(StpE), Post = typeof(StpP), DelaySteps = 2)] [CSRLinear(4000, 4000, Prob = 0.02, Weight = 0.002)] [Std(Tau = 200, U = 0.3)] [Coba(E = 0)]
public partial class StpS3;
[FullProjAlignPreDSMg(Pre = typeof(StpE), Post = typeof(StpP))] [CSRLinear(4000, 4000, Prob = 0.02, Weight = 0.01)] [Stp(U = 0.2, TauF = 200, TauD = 100)] [Coba(E = 0)]
public partial class StpT1;
[FullProjAlignPreDSMg(Pre = typeof(StpE), Post = typeof(StpP))] [CSRLinear(4000, 4000, Prob = 0.01, Weight = 0.01)] [Stp(U = 0.2, TauF = 200.0, TauD = 100)] [Cuba]
public partial class StpT4;
[FullProjAlignPreSDMg(Pre = typeof(StpE), Post = typeof(StpP), DelaySteps = 3)] [CSRLinear(4000, 4000, Prob = 0.02, Weight = 0.01)] [Stp] [Coba(E = -80)]
public partial class StpT2;
[FullProjAlignPreSDMg(Pre = typeof(StpE), Post = typeof(StpP), DelaySteps = 1)] [CSRLinear(4000, 4000, Prob = 0.01, Weight = 0.01)] [Stp] [Coba(E = 0)]
public partial class StpT3;

[Network]
public partial class StpNet
{
    public StpE E;
    public StpP P;
    public StpS1 S1;
    public StpS2 S2;
    public StpS3 S3;
    public StpT1 T1;
    public StpT2 T2;
    public StpT3 T3;
    public StpT4 T4;
}
