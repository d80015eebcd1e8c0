using System;
using System.Diagnostics;
using System.Globalization;
using SpikeSharp;

namespace Benchmarks;

/// <summary>In-process micro timings (minimum of repeats, robust to a busy machine): the fused Update per neuron
/// and the JIT delivery per synaptic event, on the seed network's shapes.</summary>
public static class Micro
{
    public static void Run()
    {
        var ci = CultureInfo.InvariantCulture;
        // Update: 4000 neurons, no input spikes.
        foreach (bool simd in new[] { true, false })
        {
            var pop = new Pop4K(1) { UseSimd = simd };
            double best = double.MaxValue;
            for (int r = 0; r < 30; r++)
            {
                var sw = Stopwatch.StartNew();
                for (int s = 0; s < 1000; s++) pop.Update(20f);
                best = Math.Min(best, sw.Elapsed.TotalSeconds);
            }
            Console.WriteLine(string.Create(ci, $"Update 4000 neurons, simd={simd}: {best / 1000 * 1e6:F2} µs/step, {best / 1000 / 4000 * 1e9:F3} ns/neuron"));
        }
        // Per-neuron input (Update(input, current, offset)): a span over all 4000 neurons, and one over neurons [1000, 3000).
        // The currents are 0, so the dynamics (spike counts) are those of the rows above and the difference is the path's cost.
        var cur = new float[4000];
        foreach (bool simd in new[] { true, false })
            foreach (var (offset, length) in new[] { (0, 4000), (1000, 2000) })
            {
                var pop = new Pop4K(1) { UseSimd = simd };
                var span = new ReadOnlySpan<float>(cur, 0, length);
                double best = double.MaxValue;
                for (int r = 0; r < 30; r++)
                {
                    var sw = Stopwatch.StartNew();
                    for (int s = 0; s < 1000; s++) pop.Update(20f, span, offset);
                    best = Math.Min(best, sw.Elapsed.TotalSeconds);
                }
                Console.WriteLine(string.Create(ci, $"Update 4000 neurons + current on [{offset}, {offset + length}), simd={simd}: {best / 1000 * 1e6:F2} µs/step, {best / 1000 / 4000 * 1e9:F3} ns/neuron"));
            }
        // The seed network's step split (cached delivery, one thread): the two Deliver calls vs the population's Update
        // (which includes the conductances' decay and COBA currents), timed around each call over 10 000 steps.
        {
            var saved = (DeliverySettings.Strategy, Parallelism.Threads);
            DeliverySettings.Strategy = DeliveryStrategy.Cached;
            Parallelism.Threads = 1;
            var pop = new Pop4K(1);
            var exc = new Exc4K(pop, 2);
            var inh = new Inh4K(pop, 3);
            var delay = new SpikeDelay(Pop4K.Size, 0);
            double bestDeliver = double.MaxValue, bestUpdate = double.MaxValue;
            long spikes = 0;
            for (int r = 0; r < 3; r++)
            {
                long tDeliver = 0, tUpdate = 0;
                spikes = 0;
                for (int s = 0; s < 10_000; s++)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    var spk = delay.At(0);
                    exc.Deliver(spk[..Exc4K.NumIn]);
                    inh.Deliver(spk[Exc4K.NumIn..]);
                    long t1 = Stopwatch.GetTimestamp();
                    spikes += delay.Push(pop.Update(20f)).Count;
                    long t2 = Stopwatch.GetTimestamp();
                    tDeliver += t1 - t0;
                    tUpdate += t2 - t1;
                }
                if (r == 0) Console.WriteLine(string.Create(ci, $"Seed network, first (cold) run: delivery {(double)tDeliver / Stopwatch.Frequency * 1e3:F2} ms, update {(double)tUpdate / Stopwatch.Frequency * 1e3:F2} ms"));
                bestDeliver = Math.Min(bestDeliver, (double)tDeliver / Stopwatch.Frequency);
                bestUpdate = Math.Min(bestUpdate, (double)tUpdate / Stopwatch.Frequency);
            }
            (DeliverySettings.Strategy, Parallelism.Threads) = saved;
            Console.WriteLine(string.Create(ci, $"Seed network, cached, 1 thread, 10 000 steps (best of 3 runs): delivery {bestDeliver * 1e3:F2} ms ({bestDeliver / (spikes * 80.0) * 1e9:F2} ns/event, expected events), update {bestUpdate * 1e3:F2} ms, {spikes} spikes in the last run"));
        }
        // Delivery: 200 spiking pre neurons onto 4000 (p = 0.02) and 400 onto 400 000 (p = 0.0002).
        foreach (var (numOut, prob, nSpk) in new[] { (4000, 0.02, 200), (40_000, 0.002, 200), (400_000, 0.0002, 400) })
        {
            var g = new float[numOut];
            var pre = new int[nSpk];
            for (int k = 0; k < nSpk; k++) pre[k] = k * 7;
            var spikes = new Spikes(pre, nSpk * 7);
            var skips = GeometricSkips.For(prob);
            var t = new int[numOut];
            long events = 0;
            foreach (int j in pre) events += JitConnectivity.Targets(3, 0, j, numOut, prob, t);
            int blocks = JitConnectivity.BlockCount(numOut);
            var cache = JitTargetCache.Build(spikes.Length, numOut, prob, 3, 0, 1);
            double best = double.MaxValue, bestRef = double.MaxValue, bestCached = double.MaxValue;
            for (int r = 0; r < 30; r++)
            {
                var sw = Stopwatch.StartNew();
                for (int s = 0; s < 200; s++) cache.AddHomo(g, spikes, 0.5f, 0, blocks);
                bestCached = Math.Min(bestCached, sw.Elapsed.TotalSeconds / 200);
            }
            for (int r = 0; r < 30; r++)
            {
                var sw = Stopwatch.StartNew();
                for (int s = 0; s < 20; s++) JitDelivery.AddHomo(g, 3, 0, spikes, skips, 0.5f, 0, blocks);
                best = Math.Min(best, sw.Elapsed.TotalSeconds / 20);
                sw.Restart();
                foreach (int j in pre) // baseline: the reference walk, one Math.Log per target
                {
                    int n = JitConnectivity.Targets(3, 0, j, numOut, prob, t);
                    for (int k = 0; k < n; k++) g[t[k]] += 0.5f;
                }
                bestRef = Math.Min(bestRef, sw.Elapsed.TotalSeconds);
            }
            Console.WriteLine(string.Create(ci, $"Deliver onto {numOut} (p={prob}): {best / events * 1e9:F2} ns/event (log per target: {bestRef / events * 1e9:F2} ns/event), cached {bestCached / events * 1e9:F2} ns/event{(cache.PrefetchRows ? " (prefetched)" : "")}, {events} events"));
        }
        MicroComms.Run();
        ForkJoin();
    }

    /// <summary>The cost of one fork-join of the worker pool (issue 14 item 4: would one per step instead of three pay?):
    /// 2 parts of empty work, and of about 5 µs of arithmetic each, against the same work on one thread; after a warm-up.</summary>
    static void ForkJoin()
    {
        var ci = CultureInfo.InvariantCulture;
        if (Environment.ProcessorCount < 2) { Console.WriteLine("Fork-join: one core, nothing to measure"); return; }
        var work = new SpinWork();
        foreach (int iterations in new[] { 0, 2000 })
        {
            work.Iterations = iterations;
            for (int k = 0; k < 20_000; k++) Parallelism.Run(work, 2); // warm-up: tier-up of both sides
            double bestPool = double.MaxValue, bestAlone = double.MaxValue;
            for (int r = 0; r < 5; r++)
            {
                var sw = Stopwatch.StartNew();
                for (int k = 0; k < 20_000; k++) Parallelism.Run(work, 2);
                bestPool = Math.Min(bestPool, sw.Elapsed.TotalSeconds / 20_000);
                sw.Restart();
                for (int k = 0; k < 20_000; k++) work.Execute(0, 1);
                bestAlone = Math.Min(bestAlone, sw.Elapsed.TotalSeconds / 20_000);
            }
            Console.WriteLine(string.Create(ci, $"Fork-join, 2 parts of {iterations} xorshift rounds: {bestPool * 1e6:F2} µs, one part alone {bestAlone * 1e6:F2} µs, overhead {(bestPool - bestAlone) * 1e6:F2} µs"));
        }
    }

    sealed class SpinWork : IParallelWork
    {
        readonly ulong[] _state = new ulong[16 * 8]; // one cache line per part
        public int Iterations;
        public void Execute(int part, int parts)
        {
            ulong s = _state[part * 8] | 1;
            for (int i = 0; i < Iterations; i++) { s ^= s << 13; s ^= s >> 7; s ^= s << 17; }
            _state[part * 8] = s;
        }
    }

    /// <summary>The cache build of the 400k network's E projection, repeated in this process (the first build includes the JIT).</summary>
    public static void CacheBuild(int repeat, int threads)
    {
        threads = threads <= 0 ? 1 : threads;
        var ns = new System.Collections.Generic.List<double>();
        long synapses = 0;
        for (int k = 0; k < Math.Max(2, repeat + 1); k++)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var cache = JitTargetCache.Build(320_000, 400_000, 0.0002, 2, 7, threads);
            sw.Stop();
            synapses = cache.Synapses;
            if (k > 0) ns.Add(sw.Elapsed.TotalSeconds * 1e9 / synapses);
            else Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"first build (with JIT): {sw.Elapsed.TotalMilliseconds:F1} ms"));
        }
        ns.Sort();
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"JitTargetCache.Build(320000, 400000, 0.0002), {threads} thread(s), {synapses} synapses: best {ns[0]:F2} ns/synapse, median {ns[ns.Count / 2]:F2} (of {ns.Count})"));
    }
    /// <summary>Stored connectivity at the 400k network's E shape (FixedProb(0.0002), 320 000 × 400 000, 16 post blocks):
    /// 2000 steps of ≈ 700 random spikes delivered with <c>CsrMatrix.AddEvents</c> on <paramref name="threads"/> threads
    /// (each part its blocks, as a generated projection splits them), best of <paramref name="repeat"/> with rows prefetched
    /// and not, alternating.</summary>
    public static void CsrScale(int repeat, int threads)
    {
        threads = threads <= 0 ? 1 : threads;
        const int numPre = 320_000, numPost = 400_000, steps = 2000;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var m = CsrMatrix.Build(Connect.FixedProb(0.0002), numPre, numPost, 3, 1, threads);
        double build = sw.Elapsed.TotalSeconds;
        var rng = new Random(1);
        var sets = new int[64][];
        long events = 0;
        for (int k = 0; k < sets.Length; k++)
        {
            var l = new System.Collections.Generic.List<int>();
            for (int i = 0; i < numPre; i++) if (rng.NextDouble() < 0.0022) l.Add(i);
            sets[k] = l.ToArray();
        }
        var work = new CsrDeliver(m, new float[numPost], sets);
        bool prefetchDefault = m.PrefetchRows;
        var best = new[] { double.MaxValue, double.MaxValue }; // [0] rows not prefetched, [1] prefetched; alternating
        for (int r = 0; r < 2 * Math.Max(1, repeat); r++)
        {
            m.PrefetchRows = r % 2 == 1;
            sw.Restart();
            events = 0;
            for (int s = 0; s < steps; s++)
            {
                work.Step = s;
                events += sets[s % sets.Length].Length;
                if (threads == 1) work.Execute(0, 1);
                else Parallelism.Run(work, threads);
            }
            best[r % 2] = Math.Min(best[r % 2], sw.Elapsed.TotalSeconds);
        }
        m.PrefetchRows = prefetchDefault;
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"CsrMatrix FixedProb(0.0002) 320000 -> 400000 ({m.Synapses} synapses, {m.Blocks} blocks, {m.Bytes / 1048576.0:F1} MiB, built in {build:F3} s): " +
            $"{steps} steps of {events / (double)steps:F0} spikes on {threads} thread(s), best of {Math.Max(1, repeat)}: {best[1] * 1e3:F1} ms prefetched " +
            $"({best[1] * 1e9 / events:F1} ns per spike; the default here: {prefetchDefault}), {best[0] * 1e3:F1} ms not ({best[0] * 1e9 / events:F1})"));
    }

    sealed class CsrDeliver(CsrMatrix m, float[] g, int[][] sets) : IParallelWork
    {
        public int Step;

        public void Execute(int part, int parts)
        {
            m.PartBlocks(part, parts, out int first, out int end);
            m.AddEvents(g, new Spikes(sets[Step % sets.Length], m.NumPre), 0.1f, first, end);
        }
    }
}
