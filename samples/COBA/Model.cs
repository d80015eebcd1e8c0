using SpikeSharp;

namespace COBA;

// BrainPy's examples/dynamics_simulation/COBA.py (Brette et al. 2007): E 3200 and I 800 as separate LifRef populations,
// four FullProjAlignPostMg with EventCSRLinear on FixedProb(0.02) (exact out-degree int(n_post·0.02), BrainPy's),
// Expon 5 / 10 ms, COBA 0 / −80 mV, weights 0.6 / 6.7, input 20, dt 0.1 ms. No delay: a spike of step t arrives at t + 1.

[Population(3200)]
[LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)]
[InitNormal("V", Mean = -55, Std = 2)]
public partial class E;

[Population(800)]
[LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)]
[InitNormal("V", Mean = -55, Std = 2)]
public partial class I;

[FullProjAlignPostMg(Pre = typeof(E), Post = typeof(E))]
[EventCSRLinear(3200, 3200, Prob = 0.02, Weight = 0.6)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class E2E;

[FullProjAlignPostMg(Pre = typeof(E), Post = typeof(I))]
[EventCSRLinear(3200, 800, Prob = 0.02, Weight = 0.6)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class E2I;

[FullProjAlignPostMg(Pre = typeof(I), Post = typeof(E))]
[EventCSRLinear(800, 3200, Prob = 0.02, Weight = 6.7)] [Expon(Tau = 10)] [Coba(E = -80)]
public partial class I2E;

[FullProjAlignPostMg(Pre = typeof(I), Post = typeof(I))]
[EventCSRLinear(800, 800, Prob = 0.02, Weight = 6.7)] [Expon(Tau = 10)] [Coba(E = -80)]
public partial class I2I;

/// <summary>BrainPy's <c>EINet(bp.DynSysGroup)</c> of COBA.py: everything else is generated (constructor, step in
/// DynSysGroup's order, Dt, Size, the spikes of E then I, Save/Load).</summary>
[Network]
public partial class CobaNet
{
    public E E;
    public I I;
    public E2E E2E;
    public E2I E2I;
    public I2E I2E;
    public I2I I2I;
}
