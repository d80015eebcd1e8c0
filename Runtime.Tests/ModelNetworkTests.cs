using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

// Issue 11: every neuron model in a 4000-neuron network with recurrent inhibition (COBA, E = −80 mV, one-step latency),
// 10 000 steps: no NaN or infinity in any state, spikes, no allocation per step, and SIMD = scalar bits.

[Population(4000)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitNormal("V", Mean = -55, Std = 2)]
public partial class NetLifRef;
[HalfProjAlignPostMg(Post = typeof(NetLifRef))] [EventJitFPHomoLinear(4000, 4000, Prob = 0.02, Weight = 0.2, Seed = 7)] [Expon(Tau = 10)] [Coba(E = -80)]
public partial class RecLifRef;

[Population(4000)] [Lif(VRest = -60, VTh = -50, VReset = -60, Tau = 20)] [InitNormal("V", Mean = -55, Std = 2)]
public partial class NetLif;
[HalfProjAlignPostMg(Post = typeof(NetLif))] [EventJitFPHomoLinear(4000, 4000, Prob = 0.02, Weight = 0.2, Seed = 7)] [Expon(Tau = 10)] [Coba(E = -80)]
public partial class RecLif;

[Population(4000)] [Izhikevich] [InitNormal("V", Mean = -65, Std = 5)]
public partial class NetIzhikevich;
[HalfProjAlignPostMg(Post = typeof(NetIzhikevich))] [EventJitFPHomoLinear(4000, 4000, Prob = 0.02, Weight = 0.2, Seed = 7)] [Expon(Tau = 10)] [Coba(E = -80)]
public partial class RecIzhikevich;

[Population(4000)] [IzhikevichRef(TauRef = 2)] [InitNormal("V", Mean = -65, Std = 5)]
public partial class NetIzhikevichRef;
[HalfProjAlignPostMg(Post = typeof(NetIzhikevichRef))] [EventJitFPHomoLinear(4000, 4000, Prob = 0.02, Weight = 0.2, Seed = 7)] [Expon(Tau = 10)] [Coba(E = -80)]
public partial class RecIzhikevichRef;

[Population(4000)] [ExpIF] [InitNormal("V", Mean = -65, Std = 3)]
public partial class NetExpIF;
[HalfProjAlignPostMg(Post = typeof(NetExpIF))] [EventJitFPHomoLinear(4000, 4000, Prob = 0.02, Weight = 0.2, Seed = 7)] [Expon(Tau = 10)] [Coba(E = -80)]
public partial class RecExpIF;

[Population(4000)] [ExpIFRef(TauRef = 2)] [InitNormal("V", Mean = -65, Std = 3)]
public partial class NetExpIFRef;
[HalfProjAlignPostMg(Post = typeof(NetExpIFRef))] [EventJitFPHomoLinear(4000, 4000, Prob = 0.02, Weight = 0.2, Seed = 7)] [Expon(Tau = 10)] [Coba(E = -80)]
public partial class RecExpIFRef;

[Population(4000)] [AdExIF] [InitNormal("V", Mean = -65, Std = 3)]
public partial class NetAdExIF;
[HalfProjAlignPostMg(Post = typeof(NetAdExIF))] [EventJitFPHomoLinear(4000, 4000, Prob = 0.02, Weight = 0.2, Seed = 7)] [Expon(Tau = 10)] [Coba(E = -80)]
public partial class RecAdExIF;

[Population(4000)] [AdExIFRef(TauRef = 2)] [InitNormal("V", Mean = -65, Std = 3)]
public partial class NetAdExIFRef;
[HalfProjAlignPostMg(Post = typeof(NetAdExIFRef))] [EventJitFPHomoLinear(4000, 4000, Prob = 0.02, Weight = 0.2, Seed = 7)] [Expon(Tau = 10)] [Coba(E = -80)]
public partial class RecAdExIFRef;

[Population(4000)] [QuaIF] [InitNormal("V", Mean = -65, Std = 3)]
public partial class NetQuaIF;
[HalfProjAlignPostMg(Post = typeof(NetQuaIF))] [EventJitFPHomoLinear(4000, 4000, Prob = 0.02, Weight = 0.2, Seed = 7)] [Expon(Tau = 10)] [Coba(E = -80)]
public partial class RecQuaIF;

[Population(4000)] [QuaIFRef(TauRef = 2)] [InitNormal("V", Mean = -65, Std = 3)]
public partial class NetQuaIFRef;
[HalfProjAlignPostMg(Post = typeof(NetQuaIFRef))] [EventJitFPHomoLinear(4000, 4000, Prob = 0.02, Weight = 0.2, Seed = 7)] [Expon(Tau = 10)] [Coba(E = -80)]
public partial class RecQuaIFRef;

[Population(4000)] [AdQuaIF] [InitNormal("V", Mean = -65, Std = 3)]
public partial class NetAdQuaIF;
[HalfProjAlignPostMg(Post = typeof(NetAdQuaIF))] [EventJitFPHomoLinear(4000, 4000, Prob = 0.02, Weight = 0.2, Seed = 7)] [Expon(Tau = 10)] [Coba(E = -80)]
public partial class RecAdQuaIF;

[Population(4000)] [AdQuaIFRef(TauRef = 2)] [InitNormal("V", Mean = -65, Std = 3)]
public partial class NetAdQuaIFRef;
[HalfProjAlignPostMg(Post = typeof(NetAdQuaIFRef))] [EventJitFPHomoLinear(4000, 4000, Prob = 0.02, Weight = 0.2, Seed = 7)] [Expon(Tau = 10)] [Coba(E = -80)]
public partial class RecAdQuaIFRef;

[Population(4000)] [HH] 
public partial class NetHH;
[HalfProjAlignPostMg(Post = typeof(NetHH))] [EventJitFPHomoLinear(4000, 4000, Prob = 0.02, Weight = 0.2, Seed = 7)] [Expon(Tau = 10)] [Coba(E = -80)]
public partial class RecHH;

[Population(4000)] [Gif(A = 0.005, A1 = 10, A2 = -0.6)] [InitNormal("V", Mean = -70, Std = 2)]
public partial class NetGif;
[HalfProjAlignPostMg(Post = typeof(NetGif))] [EventJitFPHomoLinear(4000, 4000, Prob = 0.02, Weight = 0.2, Seed = 7)] [Expon(Tau = 10)] [Coba(E = -80)]
public partial class RecGif;

[Population(4000)] [GifRef(A = 0.005, A1 = 10, A2 = -0.6, TauRef = 2)] [InitNormal("V", Mean = -70, Std = 2)]
public partial class NetGifRef;
[HalfProjAlignPostMg(Post = typeof(NetGifRef))] [EventJitFPHomoLinear(4000, 4000, Prob = 0.02, Weight = 0.2, Seed = 7)] [Expon(Tau = 10)] [Coba(E = -80)]
public partial class RecGifRef;

[Population(4000)] [LifLTC(VRest = -60, VTh = -50, VReset = -60, Tau = 20)] [InitNormal("V", Mean = -55, Std = 2)]
public partial class NetLifLTC;
[HalfProjAlignPostMg(Post = typeof(NetLifLTC))] [EventJitFPHomoLinear(4000, 4000, Prob = 0.02, Weight = 0.2, Seed = 7)] [Expon(Tau = 10)] [Coba(E = -80)]
public partial class RecLifLTC;

[Population(4000)] [LifRefLTC(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitNormal("V", Mean = -55, Std = 2)]
public partial class NetLifRefLTC;
[HalfProjAlignPostMg(Post = typeof(NetLifRefLTC))] [EventJitFPHomoLinear(4000, 4000, Prob = 0.02, Weight = 0.2, Seed = 7)] [Expon(Tau = 10)] [Coba(E = -80)]
public partial class RecLifRefLTC;

[Population(4000)] [ExpIFLTC] [InitNormal("V", Mean = -65, Std = 3)]
public partial class NetExpIFLTC;
[HalfProjAlignPostMg(Post = typeof(NetExpIFLTC))] [EventJitFPHomoLinear(4000, 4000, Prob = 0.02, Weight = 0.2, Seed = 7)] [Expon(Tau = 10)] [Coba(E = -80)]
public partial class RecExpIFLTC;

[Population(4000)] [ExpIFRefLTC(TauRef = 2)] [InitNormal("V", Mean = -65, Std = 3)]
public partial class NetExpIFRefLTC;
[HalfProjAlignPostMg(Post = typeof(NetExpIFRefLTC))] [EventJitFPHomoLinear(4000, 4000, Prob = 0.02, Weight = 0.2, Seed = 7)] [Expon(Tau = 10)] [Coba(E = -80)]
public partial class RecExpIFRefLTC;

public class ModelNetworkTests
{
    /// <summary>Model → (one step: update, then deliver the spikes to the next step; the population; the constant input).</summary>
    static readonly Dictionary<string, Func<bool, (Func<float, int> Step, object Population, float Input)>> Cases = new()
    {
        ["LifRef"] = simd => { var p = new NetLifRef(11) { UseSimd = simd }; var r = new RecLifRef(p); return (x => { var s = p.Update(x); r.Deliver(s); return s.Count; }, p, 20f); },
        ["Lif"] = simd => { var p = new NetLif(11) { UseSimd = simd }; var r = new RecLif(p); return (x => { var s = p.Update(x); r.Deliver(s); return s.Count; }, p, 20f); },
        ["Izhikevich"] = simd => { var p = new NetIzhikevich(11) { UseSimd = simd }; var r = new RecIzhikevich(p); return (x => { var s = p.Update(x); r.Deliver(s); return s.Count; }, p, 10f); },
        ["IzhikevichRef"] = simd => { var p = new NetIzhikevichRef(11) { UseSimd = simd }; var r = new RecIzhikevichRef(p); return (x => { var s = p.Update(x); r.Deliver(s); return s.Count; }, p, 10f); },
        ["ExpIF"] = simd => { var p = new NetExpIF(11) { UseSimd = simd }; var r = new RecExpIF(p); return (x => { var s = p.Update(x); r.Deliver(s); return s.Count; }, p, 5f); },
        ["ExpIFRef"] = simd => { var p = new NetExpIFRef(11) { UseSimd = simd }; var r = new RecExpIFRef(p); return (x => { var s = p.Update(x); r.Deliver(s); return s.Count; }, p, 5f); },
        ["AdExIF"] = simd => { var p = new NetAdExIF(11) { UseSimd = simd }; var r = new RecAdExIF(p); return (x => { var s = p.Update(x); r.Deliver(s); return s.Count; }, p, 15f); },
        ["AdExIFRef"] = simd => { var p = new NetAdExIFRef(11) { UseSimd = simd }; var r = new RecAdExIFRef(p); return (x => { var s = p.Update(x); r.Deliver(s); return s.Count; }, p, 15f); },
        ["QuaIF"] = simd => { var p = new NetQuaIF(11) { UseSimd = simd }; var r = new RecQuaIF(p); return (x => { var s = p.Update(x); r.Deliver(s); return s.Count; }, p, 10f); },
        ["QuaIFRef"] = simd => { var p = new NetQuaIFRef(11) { UseSimd = simd }; var r = new RecQuaIFRef(p); return (x => { var s = p.Update(x); r.Deliver(s); return s.Count; }, p, 10f); },
        ["AdQuaIF"] = simd => { var p = new NetAdQuaIF(11) { UseSimd = simd }; var r = new RecAdQuaIF(p); return (x => { var s = p.Update(x); r.Deliver(s); return s.Count; }, p, 20f); },
        ["AdQuaIFRef"] = simd => { var p = new NetAdQuaIFRef(11) { UseSimd = simd }; var r = new RecAdQuaIFRef(p); return (x => { var s = p.Update(x); r.Deliver(s); return s.Count; }, p, 20f); },
        ["HH"] = simd => { var p = new NetHH(11) { UseSimd = simd }; var r = new RecHH(p); return (x => { var s = p.Update(x); r.Deliver(s); return s.Count; }, p, 10f); },
        ["Gif"] = simd => { var p = new NetGif(11) { UseSimd = simd }; var r = new RecGif(p); return (x => { var s = p.Update(x); r.Deliver(s); return s.Count; }, p, 3f); },
        ["GifRef"] = simd => { var p = new NetGifRef(11) { UseSimd = simd }; var r = new RecGifRef(p); return (x => { var s = p.Update(x); r.Deliver(s); return s.Count; }, p, 3f); },
        ["LifLTC"] = simd => { var p = new NetLifLTC(11) { UseSimd = simd }; var r = new RecLifLTC(p); return (x => { var s = p.Update(x); r.Deliver(s); return s.Count; }, p, 20f); },
        ["LifRefLTC"] = simd => { var p = new NetLifRefLTC(11) { UseSimd = simd }; var r = new RecLifRefLTC(p); return (x => { var s = p.Update(x); r.Deliver(s); return s.Count; }, p, 20f); },
        ["ExpIFLTC"] = simd => { var p = new NetExpIFLTC(11) { UseSimd = simd }; var r = new RecExpIFLTC(p); return (x => { var s = p.Update(x); r.Deliver(s); return s.Count; }, p, 5f); },
        ["ExpIFRefLTC"] = simd => { var p = new NetExpIFRefLTC(11) { UseSimd = simd }; var r = new RecExpIFRefLTC(p); return (x => { var s = p.Update(x); r.Deliver(s); return s.Count; }, p, 5f); },
    };

    public static IEnumerable<object[]> Models() => Cases.Keys.Select(k => new object[] { k });

    static float[][] States(object population) =>
        population.GetType().GetFields(BindingFlags.Public | BindingFlags.Instance)
            .Where(f => f.FieldType == typeof(float[])).Select(f => (float[])f.GetValue(population)!).ToArray();

    [Theory]
    [MemberData(nameof(Models))]
    public void TenThousandSteps_Finite_Spiking_AllocationFree(string model)
    {
        var (step, pop, x) = Cases[model](true);
        long spikes = 0;
        for (int s = 0; s < 9_000; s++) spikes += step(x);
        AllocationAssert.ZeroInSteadyState(() => { for (int s = 0; s < 300; s++) spikes += step(x); });
        for (int s = 0; s < 100; s++) spikes += step(x);
        Assert.True(spikes > 4000, $"{model}: {spikes} spikes in about 10 000 steps of 4000 neurons");
        foreach (var a in States(pop))
            for (int i = 0; i < a.Length; i++)
                if (!float.IsFinite(a[i])) Assert.Fail($"{model}: state {i} is {a[i]}");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void SimdAndScalar_GiveTheSameBits_InANetwork(string model)
    {
        var (vec, pv, x) = Cases[model](true);
        var (sca, ps, _) = Cases[model](false);
        for (int s = 0; s < 600; s++)
            if (vec(x) != sca(x)) Assert.Fail($"{model}: spike counts differ at step {s}");
        var a = States(pv);
        var b = States(ps);
        for (int k = 0; k < a.Length; k++)
            for (int i = 0; i < a[k].Length; i++)
                if (BitConverter.SingleToInt32Bits(a[k][i]) != BitConverter.SingleToInt32Bits(b[k][i]))
                    Assert.Fail($"{model}: array {k}, neuron {i}: {a[k][i]} vs {b[k][i]}");
    }
}
