using System;
using SpikeSharp;

namespace Benchmarks;

// The seed E/I network (samples/EINet) and scaled copies at a fixed mean in-degree of 80 (64 E + 16 I):
// p = 0.02 · 4000 / N, the first 80 % of the neurons excitatory. Populations are generated types with a
// constant Size, so each size is its own set of attribute-declared types.

// ---- N = 4000, p = 0.02 (the seed network) ----
[Population(4000)]
[LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)]
[InitNormal("V", Mean = -55, Std = 2)]
public partial class Pop4K;

[HalfProjAlignPostMg(Post = typeof(Pop4K))]
[EventJitFPHomoLinear(3200, 4000, Prob = 0.02, Weight = 0.6)]
[Expon(Tau = 5)]
[Coba(E = 0)]
public partial class Exc4K;

[HalfProjAlignPostMg(Post = typeof(Pop4K))]
[EventJitFPHomoLinear(800, 4000, Prob = 0.02, Weight = 6.7)]
[Expon(Tau = 10)]
[Coba(E = -80)]
public partial class Inh4K;

// ---- N = 40 000, p = 0.002 ----
[Population(40_000)]
[LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)]
[InitNormal("V", Mean = -55, Std = 2)]
public partial class Pop40K;

[HalfProjAlignPostMg(Post = typeof(Pop40K))]
[EventJitFPHomoLinear(32_000, 40_000, Prob = 0.002, Weight = 0.6)]
[Expon(Tau = 5)]
[Coba(E = 0)]
public partial class Exc40K;

[HalfProjAlignPostMg(Post = typeof(Pop40K))]
[EventJitFPHomoLinear(8000, 40_000, Prob = 0.002, Weight = 6.7)]
[Expon(Tau = 10)]
[Coba(E = -80)]
public partial class Inh40K;

// ---- N = 400 000, p = 0.0002 ----
[Population(400_000)]
[LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)]
[InitNormal("V", Mean = -55, Std = 2)]
public partial class Pop400K;

[HalfProjAlignPostMg(Post = typeof(Pop400K))]
[EventJitFPHomoLinear(320_000, 400_000, Prob = 0.0002, Weight = 0.6)]
[Expon(Tau = 5)]
[Coba(E = 0)]
public partial class Exc400K;

[HalfProjAlignPostMg(Post = typeof(Pop400K))]
[EventJitFPHomoLinear(80_000, 400_000, Prob = 0.0002, Weight = 6.7)]
[Expon(Tau = 10)]
[Coba(E = -80)]
public partial class Inh400K;

// ---- N = 4 000 000, p = 0.00002 ----
[Population(4_000_000)]
[LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)]
[InitNormal("V", Mean = -55, Std = 2)]
public partial class Pop4M;

[HalfProjAlignPostMg(Post = typeof(Pop4M))]
[EventJitFPHomoLinear(3_200_000, 4_000_000, Prob = 0.00002, Weight = 0.6)]
[Expon(Tau = 5)]
[Coba(E = 0)]
public partial class Exc4M;

[HalfProjAlignPostMg(Post = typeof(Pop4M))]
[EventJitFPHomoLinear(800_000, 4_000_000, Prob = 0.00002, Weight = 6.7)]
[Expon(Tau = 10)]
[Coba(E = -80)]
public partial class Inh4M;

/// <summary>One benchmark network: BrainPy's EINet update (deliver the previous step's spikes, then update).</summary>
public interface IBenchNet : ISpikingNetwork
{
    /// <summary>Number of excitatory (first) neurons.</summary>
    int NumExcitatory { get; }
}

/// <summary>BrainPy's EINet update for any size: deliver the previous step's spikes (first <see cref="NumExcitatory"/>
/// neurons through E, the rest through I), then update the population. The generated types differ per size, so the
/// network is wired with their methods (three delegate calls per step, nothing per neuron).</summary>
public sealed class BenchNet(int size, int numExcitatory, double dt, Func<float, Spikes> update, Action<Spikes> deliverE, Action<Spikes> deliverI, Func<ReadOnlySpan<float>> v) : IBenchNet
{
    /// <summary>Reads the population's membrane potential (for a <see cref="StateMonitor"/>).</summary>
    public Func<ReadOnlySpan<float>> V => v;

    readonly SpikeDelay delay = new(size, 0);

    public int Size => size;
    public double Dt => dt;
    public int NumExcitatory => numExcitatory;

    public Spikes Update(float input)
    {
        var spk = delay.At(0);
        deliverE(spk[..numExcitatory]);
        deliverI(spk[numExcitatory..]);
        return delay.Push(update(input));
    }

    /// <summary><see cref="Update"/> with each phase timed (<c>Stopwatch</c> ticks added to <paramref name="ticks"/>:
    /// [0] E delivery, [1] I delivery, [2] the population's update, [3] the spike delay). The same calls in the same
    /// order, so the same spikes; the four timestamp reads cost about 0.1 µs a step.</summary>
    public Spikes UpdateTimed(float input, Span<long> ticks)
    {
        long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        var spk = delay.At(0);
        deliverE(spk[..numExcitatory]);
        long t1 = System.Diagnostics.Stopwatch.GetTimestamp();
        deliverI(spk[numExcitatory..]);
        long t2 = System.Diagnostics.Stopwatch.GetTimestamp();
        var fired = update(input);
        long t3 = System.Diagnostics.Stopwatch.GetTimestamp();
        var r = delay.Push(fired);
        long t4 = System.Diagnostics.Stopwatch.GetTimestamp();
        ticks[0] += t1 - t0; ticks[1] += t2 - t1; ticks[2] += t3 - t2; ticks[3] += t4 - t3;
        return r;
    }

    public static BenchNet Net4K(ulong seed)
    {
        var n = new Pop4K(seed);
        return new(Pop4K.Size, Exc4K.NumIn, n.Dt, n.Update, new Exc4K(n, seed + 1).Deliver, new Inh4K(n, seed + 2).Deliver, () => n.V);
    }

    public static BenchNet Net40K(ulong seed)
    {
        var n = new Pop40K(seed);
        return new(Pop40K.Size, Exc40K.NumIn, n.Dt, n.Update, new Exc40K(n, seed + 1).Deliver, new Inh40K(n, seed + 2).Deliver, () => n.V);
    }

    public static BenchNet Net400K(ulong seed)
    {
        var n = new Pop400K(seed);
        return new(Pop400K.Size, Exc400K.NumIn, n.Dt, n.Update, new Exc400K(n, seed + 1).Deliver, new Inh400K(n, seed + 2).Deliver, () => n.V);
    }

    public static BenchNet Net4M(ulong seed)
    {
        var n = new Pop4M(seed);
        return new(Pop4M.Size, Exc4M.NumIn, n.Dt, n.Update, new Exc4M(n, seed + 1).Deliver, new Inh4M(n, seed + 2).Deliver, () => n.V);
    }
}
