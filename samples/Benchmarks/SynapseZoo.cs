using System;
using System.Diagnostics;
using System.Globalization;
using SpikeSharp;

namespace Benchmarks;

// Every synapse model on a 4000 → 4000 projection with p = 0.02 (80 targets per pre), for the README's model table.
// Align-post synapses (Expon, DualExponV2): the event delivery of EventCSRLinear into the synapse's arrays (their decay is
// fused into the post's Update and counted in its ns per neuron-update). Pre-sized synapses (Alpha, DualExpon, NMDA,
// AMPA, GABAa, STD, STP): their step over every pre neuron (UpdateSynapse), on the pre's spikes.
[Population(4000)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitUniform("V", Min = -60, Max = -50)]
public partial class SynZooPre;
[Population(4000)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)]
public partial class SynZooPost;

[HalfProjAlignPostMg(Post = typeof(SynZooPost))] [EventCSRLinear(4000, 4000, Prob = 0.02, Weight = 0.1)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class SynZooExpon;
[HalfProjAlignPostMg(Post = typeof(SynZooPost))] [EventCSRLinear(4000, 4000, Prob = 0.02, Weight = 0.1)] [DualExponV2] [Coba(E = 0)]
public partial class SynZooDualExponV2;

[FullProjAlignPreDSMg(Pre = typeof(SynZooPre), Post = typeof(SynZooPost))] [CSRLinear(4000, 4000, Prob = 0.02, Weight = 0.1)] [Alpha] [Coba(E = 0)]
public partial class SynZooAlpha;
[FullProjAlignPreDSMg(Pre = typeof(SynZooPre), Post = typeof(SynZooPost))] [CSRLinear(4000, 4000, Prob = 0.02, Weight = 0.1)] [DualExpon] [Coba(E = 0)]
public partial class SynZooDualExpon;
[FullProjAlignPreDSMg(Pre = typeof(SynZooPre), Post = typeof(SynZooPost))] [CSRLinear(4000, 4000, Prob = 0.02, Weight = 0.1)] [Nmda] [MgBlock(E = 0)]
public partial class SynZooNmda;
[FullProjAlignPreDSMg(Pre = typeof(SynZooPre), Post = typeof(SynZooPost))] [CSRLinear(4000, 4000, Prob = 0.02, Weight = 0.1)] [Ampa] [Coba(E = 0)]
public partial class SynZooAmpa;
[FullProjAlignPreDSMg(Pre = typeof(SynZooPre), Post = typeof(SynZooPost))] [CSRLinear(4000, 4000, Prob = 0.02, Weight = 0.1)] [GabaA] [Coba(E = -80)]
public partial class SynZooGabaA;
[FullProjAlignPreDSMg(Pre = typeof(SynZooPre), Post = typeof(SynZooPost))] [CSRLinear(4000, 4000, Prob = 0.02, Weight = 0.1)] [Std] [Coba(E = 0)]
public partial class SynZooStd;
[FullProjAlignPreDSMg(Pre = typeof(SynZooPre), Post = typeof(SynZooPost))] [CSRLinear(4000, 4000, Prob = 0.02, Weight = 0.1)] [Stp] [Coba(E = 0)]
public partial class SynZooStp;

/// <summary><c>--models</c>, second part: ns per event of every synapse model (one thread, best of 15 × 200 steps after
/// 200 warm-up steps). Align-post: EventCSRLinear delivery per event (200 spiking pres × 80 targets). Pre-sized: the
/// synapse step per pre neuron, and that cost per input spike at the rate the pre ran at (a step visits every pre neuron,
/// so the per-spike figure falls as the rate rises); the comm (CSRLinear, the same for all of them) once, per synapse.</summary>
public static class SynapseZoo
{
    static double Best(int repeats, int inner, Action body)
    {
        double best = double.MaxValue;
        for (int r = 0; r < repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            for (int s = 0; s < inner; s++) body();
            best = Math.Min(best, sw.Elapsed.TotalSeconds / inner);
        }
        return best;
    }

    public static void Run()
    {
        var ci = CultureInfo.InvariantCulture;
        Parallelism.Threads = 1;
        const int n = 4000;
        var idx = new int[200];
        for (int k = 0; k < idx.Length; k++) idx[k] = k * 20;

        var post = new SynZooPost(2);
        AlignPost("Expon", new SynZooExpon(post), idx, n, (p, s) => p.Deliver(s), p => p.Matrix);
        AlignPost("DualExponV2", new SynZooDualExponV2(post), idx, n, (p, s) => p.Deliver(s), p => p.Matrix);

        void Pre<T>(string name, Func<SynZooPre, SynZooPost, SpikeDelay, T> make, Action<T> step, Action<T> comm, bool printComm = false)
        {
            var pre = new SynZooPre(1);
            var delay = new SpikeDelay(n, 0);
            var proj = make(pre, post, delay);
            long spk = 0, steps = 0;
            for (int s = 0; s < 200; s++) { pre.Update(12f); step(proj); delay.Push(pre.Spike); }
            double best = double.MaxValue;
            for (int r = 0; r < 15; r++)
            {
                double t = 0;
                for (int s = 0; s < 200; s++)
                {
                    spk += pre.Update(12f).Count;
                    steps++;
                    long t0 = Stopwatch.GetTimestamp();
                    step(proj);
                    t += Stopwatch.GetTimestamp() - t0;
                    delay.Push(pre.Spike);
                }
                best = Math.Min(best, t / Stopwatch.Frequency / 200);
            }
            double perStep = (double)spk / steps;
            double hz = perStep / n / 1e-4;
            Console.WriteLine(string.Create(ci, $"{name,-12} pre-sized: step {best / n * 1e9,5:F2} ns per pre neuron, {best / perStep * 1e9,7:F1} ns per input spike at {hz:F0} Hz"));
            if (printComm)
            {
                double c = Best(15, 50, () => comm(proj));
                Console.WriteLine(string.Create(ci, $"{"",-12} comm CSRLinear (the same for every pre-sized synapse): {c / (n * 80.0) * 1e9:F2} ns per synapse, every step"));
            }
        }

        Pre("Alpha", (a, b, d) => new SynZooAlpha(a, b, d), p => p.UpdateSynapse(), p => p.Update(), printComm: true);
        Pre("DualExpon", (a, b, d) => new SynZooDualExpon(a, b, d), p => p.UpdateSynapse(), p => p.Update());
        Pre("NMDA", (a, b, d) => new SynZooNmda(a, b, d), p => p.UpdateSynapse(), p => p.Update());
        Pre("AMPA", (a, b, d) => new SynZooAmpa(a, b, d), p => p.UpdateSynapse(), p => p.Update());
        Pre("GABAa", (a, b, d) => new SynZooGabaA(a, b, d), p => p.UpdateSynapse(), p => p.Update());
        Pre("STD", (a, b, d) => new SynZooStd(a, b, d), p => p.UpdateSynapse(), p => p.Update());
        Pre("STP", (a, b, d) => new SynZooStp(a, b, d), p => p.UpdateSynapse(), p => p.Update());
    }

    delegate void Deliver<T>(T proj, Spikes spikes);

    static void AlignPost<T>(string name, T proj, int[] idx, int n, Deliver<T> deliver, Func<T, CsrMatrix> matrix)
    {
        var ci = CultureInfo.InvariantCulture;
        long events = 0;
        var m = matrix(proj);
        foreach (int j in idx) events += m.OutDegree(j);
        for (int s = 0; s < 200; s++) deliver(proj, new Spikes(idx, n));
        double best = Best(15, 200, () => deliver(proj, new Spikes(idx, n)));
        Console.WriteLine(string.Create(ci, $"{name,-12} align-post: EventCSRLinear delivery {best / events * 1e9,5:F2} ns per event ({events} events per step)"));
    }
}
