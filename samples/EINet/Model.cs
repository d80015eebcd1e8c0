using SpikeSharp;

namespace EINet;

// The seed network of BrainPy's HalfProjAlignPostMg page, written with SpikeSharp's attributes.
// 4000 LifRef neurons; neurons 0–3199 feed projection E, 3200–3999 feed projection I; both target all 4000.

[Population(4000)]
[LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)]
[InitNormal("V", Mean = -55, Std = 2)]
public partial class Neurons;

[HalfProjAlignPostMg(Post = typeof(Neurons))]
[EventJitFPHomoLinear(3200, 4000, Prob = 0.02, Weight = 0.6)]
[Expon(Tau = 5)]
[Coba(E = 0)]
public partial class Excitatory;

[HalfProjAlignPostMg(Post = typeof(Neurons))]
[EventJitFPHomoLinear(800, 4000, Prob = 0.02, Weight = 6.7)]
[Expon(Tau = 10)]
[Coba(E = -80)]
public partial class Inhibitory;

/// <summary>The E/I network: BrainPy's <c>EINet(bp.DynSysGroup)</c> with its <c>update(input)</c>.</summary>
public sealed class EINetwork : ISpikingNetwork
{
    /// <summary>Number of neurons feeding projection E (the first ones).</summary>
    public const int NumExcitatory = 3200;

    public readonly Neurons N;
    readonly SpikeDelay delay = new(size: Neurons.Size, maxSteps: 0);   // VarDelay(N.spike, entries={'I': None})
    readonly Excitatory e;
    readonly Inhibitory i;

    /// <summary>Builds the network; the population uses <paramref name="seed"/>, the projections seed + 1 and seed + 2.</summary>
    public EINetwork(ulong seed = 1, double? dt = null)
    {
        N = new Neurons(seed, dt);
        e = new Excitatory(N, seed + 1);
        i = new Inhibitory(N, seed + 2);
        delay.Register("I", null);
    }

    public int Size => Neurons.Size;

    /// <summary>Time step (ms) of the population, for the runner.</summary>
    public double Dt => N.Dt;

    // "Half" projections: the model's update hands them their spikes.
    public Spikes Update(float input)
    {
        var spk = delay.At("I");
        e.Deliver(spk[..NumExcitatory]);
        i.Deliver(spk[NumExcitatory..]);
        return delay.Push(N.Update(input));
    }
}
