using SpikeSharp;
using static System.Math;

namespace COBAHH;

// BrainPy's COBAHH benchmark (Brette et al. 2007; the BrainPy paper's figure8B/COBAHH_brainpy.py), as
// ../shared/docs/benchmarks.md states it: a user-written Traub–Miles neuron, 4000 of them (3200 E first, 800 I),
// HalfProjAlignPostMg with Expon τ 5 / 10 ms and COBA E 0 / −80 mV, weights 0.06 / 0.67 (6 nS / 67 nS scaled by 1e−2,
// like the capacitance and the conductances). Units ms, mV. Connectivity as that file's: EventCSRLinear on
// FixedProb(80/4000, allow_multi_conn=True): each source exactly int(4000·0.02) = 80 targets among all 4000, drawn with
// replacement (a target may repeat), self-connections allowed.

/// <summary>The Traub–Miles Hodgkin–Huxley neuron of COBAHH: Cm dV/dt = gL(EL − V) − gNa m³h (V − ENa) − gK n⁴ (V − EK) + I,
/// gates dy/dt = α_y(1 − y) − β_y y with the Traub–Miles rates shifted by VT; a spike is the upward crossing of VTh.</summary>
[NeuronModel]
public sealed class TraubMiles : CustomNeuron
{
    /// <summary>Membrane capacitance (scaled by 1e−2)</summary>
    [Param("µF")] public double Cm { get; set; } = 2;
    /// <summary>Leak conductance</summary>
    [Param("mS")] public double GL { get; set; } = 0.1;
    /// <summary>Maximal sodium conductance</summary>
    [Param("mS")] public double GNa { get; set; } = 200;
    /// <summary>Maximal potassium conductance</summary>
    [Param("mS")] public double GK { get; set; } = 60;
    /// <summary>Leak reversal potential</summary>
    [Param("mV")] public double EL { get; set; } = -60;
    /// <summary>Sodium reversal potential</summary>
    [Param("mV")] public double ENa { get; set; } = 50;
    /// <summary>Potassium reversal potential</summary>
    [Param("mV")] public double EK { get; set; } = -90;
    /// <summary>Shift of the rate functions</summary>
    [Param("mV")] public double VT { get; set; } = -63;
    /// <summary>Spike threshold (an upward crossing counts)</summary>
    [Param("mV")] public double VTh { get; set; } = -20;

    /// <summary>Membrane potential</summary>
    [State("mV")] double V { get; set; } = -65;
    /// <summary>Sodium activation</summary>
    [State("1")] double M { get; set; }
    /// <summary>Sodium inactivation</summary>
    [State("1")] double H { get; set; }
    /// <summary>Potassium activation</summary>
    [State("1")] double N { get; set; }

    // The input current I is the step's COBA current on the old V: it stays outside the exp_auto linear term of V.
    double dV() => (GL * (EL - V) - GNa * M * M * M * H * (V - ENa) - GK * N * N * N * N * (V - EK) + I) / Cm;

    // x / (e^{x/k} − 1), with its limit k at x = 0. The rates α_m, β_m, α_n have this removable singularity at
    // V = 13 + VT, 40 + VT and 15 + VT; the float V of COBAHH lands exactly on −50 or −48 mV about once a second among the
    // 4000 neurons, where the plain quotient is 0/0 = NaN and the neuron's gate, then V, stays NaN for good (measured:
    // 0–3 such neurons per seed in 1 s). Brian2 offers exprel for the same reason.
    double Quot(double x, double k) => x == 0 ? k : x / (Exp(x / k) - 1);

    double dM()
    {
        double alpha = 0.32 * Quot(13 - V + VT, 4);
        double beta = 0.28 * Quot(V - VT - 40, 5);
        return alpha * (1 - M) - beta * M;
    }

    double dH()
    {
        double alpha = 0.128 * Exp((17 - V + VT) / 18);
        double beta = 4 / (1 + Exp(-(V - VT - 40) / 5));
        return alpha * (1 - H) - beta * H;
    }

    double dN()
    {
        double alpha = 0.032 * Quot(15 - V + VT, 5);
        double beta = 0.5 * Exp((10 - V + VT) / 40);
        return alpha * (1 - N) - beta * N;
    }

    bool Spike() => Old(V) < VTh && V >= VTh;
}

/// <summary>4000 Traub–Miles neurons; V₀ = −65 + 5·N(0, 1), m = h = n = 0.</summary>
[Population(4000)]
[TraubMiles]
[InitNormal("V", Mean = -65, Std = 5)]
public partial class Neurons;

/// <summary>E → all: 80 targets per source with replacement, Expon τ = 5 ms, COBA E = 0 mV, weight 0.06.</summary>
[HalfProjAlignPostMg(Post = typeof(Neurons))]
[EventCSRLinear(3200, 4000, Prob = 80.0 / 4000, AllowMultiConn = true, Weight = 0.06)]
[Expon(Tau = 5)]
[Coba(E = 0)]
public partial class Excitatory;

/// <summary>I → all: 80 targets per source with replacement, Expon τ = 10 ms, COBA E = −80 mV, weight 0.67.</summary>
[HalfProjAlignPostMg(Post = typeof(Neurons))]
[EventCSRLinear(800, 4000, Prob = 80.0 / 4000, AllowMultiConn = true, Weight = 0.67)]
[Expon(Tau = 10)]
[Coba(E = -80)]
public partial class Inhibitory;

/// <summary>BrainPy's <c>EINet(bp.DynSysGroup)</c> of COBAHH_brainpy.py: one population and two Half projections fed with
/// its slices in its <c>update</c>. Step order (benchmarks.md): deliver last step's spikes → decay g → current from the
/// old V → exp_auto on V, m, h, n → spike test. No external input. Generated: the constructor (seed for N, seed + 1
/// for E, seed + 2 for I), Dt, Size, Spike, Save/Load.</summary>
[Network]
public partial class CobaHHNetwork
{
    /// <summary>Number of excitatory neurons (the first ones).</summary>
    public const int NumExcitatory = 3200;

    public Neurons N;
    public Excitatory E;
    public Inhibitory I;

    public Spikes Update(float input)
    {
        var spk = N.Spike; // BrainPy's N.spike.value before N updates: last step's spikes
        E.Deliver(spk[..NumExcitatory]);
        I.Deliver(spk[NumExcitatory..]);
        return N.Update(input);
    }
}
