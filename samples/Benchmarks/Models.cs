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

public sealed class Net4K : IBenchNet
{
    readonly Pop4K n;
    readonly Exc4K e;
    readonly Inh4K i;
    readonly SpikeDelay delay = new(Pop4K.Size, 0);

    public Net4K(ulong seed)
    {
        n = new Pop4K(seed);
        e = new Exc4K(n, seed + 1);
        i = new Inh4K(n, seed + 2);
    }

    public int Size => Pop4K.Size;
    public int NumExcitatory => Exc4K.NumIn;

    public Spikes Update(float input)
    {
        var spk = delay.At(0);
        e.Deliver(spk[..Exc4K.NumIn]);
        i.Deliver(spk[Exc4K.NumIn..]);
        return delay.Push(n.Update(input));
    }
}

public sealed class Net40K : IBenchNet
{
    readonly Pop40K n;
    readonly Exc40K e;
    readonly Inh40K i;
    readonly SpikeDelay delay = new(Pop40K.Size, 0);

    public Net40K(ulong seed)
    {
        n = new Pop40K(seed);
        e = new Exc40K(n, seed + 1);
        i = new Inh40K(n, seed + 2);
    }

    public int Size => Pop40K.Size;
    public int NumExcitatory => Exc40K.NumIn;

    public Spikes Update(float input)
    {
        var spk = delay.At(0);
        e.Deliver(spk[..Exc40K.NumIn]);
        i.Deliver(spk[Exc40K.NumIn..]);
        return delay.Push(n.Update(input));
    }
}

public sealed class Net400K : IBenchNet
{
    readonly Pop400K n;
    readonly Exc400K e;
    readonly Inh400K i;
    readonly SpikeDelay delay = new(Pop400K.Size, 0);

    public Net400K(ulong seed)
    {
        n = new Pop400K(seed);
        e = new Exc400K(n, seed + 1);
        i = new Inh400K(n, seed + 2);
    }

    public int Size => Pop400K.Size;
    public int NumExcitatory => Exc400K.NumIn;

    public Spikes Update(float input)
    {
        var spk = delay.At(0);
        e.Deliver(spk[..Exc400K.NumIn]);
        i.Deliver(spk[Exc400K.NumIn..]);
        return delay.Push(n.Update(input));
    }
}

public sealed class Net4M : IBenchNet
{
    readonly Pop4M n;
    readonly Exc4M e;
    readonly Inh4M i;
    readonly SpikeDelay delay = new(Pop4M.Size, 0);

    public Net4M(ulong seed)
    {
        n = new Pop4M(seed);
        e = new Exc4M(n, seed + 1);
        i = new Inh4M(n, seed + 2);
    }

    public int Size => Pop4M.Size;
    public int NumExcitatory => Exc4M.NumIn;

    public Spikes Update(float input)
    {
        var spk = delay.At(0);
        e.Deliver(spk[..Exc4M.NumIn]);
        i.Deliver(spk[Exc4M.NumIn..]);
        return delay.Push(n.Update(input));
    }
}
