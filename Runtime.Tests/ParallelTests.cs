using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

/// <summary>The test classes that set or read the process-wide <see cref="Parallelism.Threads"/> (a class that sets it for
/// a while made another's automatic-threads assertion see its value): one collection, so they never run at once.</summary>
public static class GlobalThreads
{
    public const string Name = "Global Parallelism.Threads";
}

[Collection(GlobalThreads.Name)] // sets or reads the process-wide Parallelism.Threads
public class ParallelTests
{
    /// <summary>The E/I network on 40 003 neurons (5 connectivity blocks), with every Update and Deliver on <c>threads</c> threads.</summary>
    sealed class WideNet
    {
        readonly Wide n;
        readonly WideE e;
        readonly WideI i;
        readonly SpikeDelay delay = new(Wide.Size, 0);

        public WideNet(ulong seed, int threads)
        {
            n = new Wide(seed) { Threads = threads };
            e = new WideE(n, seed + 1) { Threads = threads };
            i = new WideI(n, seed + 2) { Threads = threads };
        }

        public Wide N => n;

        public Spikes Update(float input)
        {
            var spk = delay.At(0);
            e.Deliver(spk[..WideE.NumIn]);
            i.Deliver(spk[WideE.NumIn..]);
            return delay.Push(n.Update(input));
        }
    }

    static (List<int[]> spikes, float[] v) Run(int threads, int steps)
    {
        var net = new WideNet(21, threads);
        var trains = new List<int[]>();
        for (int s = 0; s < steps; s++)
        {
            var spk = net.Update(20f);
            var a = new int[spk.Count];
            spk.CopyTo(a);
            trains.Add(a);
        }
        return (trains, net.N.V.ToArray());
    }

    [Fact]
    public void OneTwoAndFourThreads_GiveIdenticalSpikeTrains()
    {
        const int steps = 150;
        var one = Run(1, steps);
        long total = one.spikes.Sum(a => (long)a.Length);
        Assert.True(total > 5000, $"only {total} spikes");
        foreach (int threads in new[] { 2, 4 })
        {
            var other = Run(threads, steps);
            for (int s = 0; s < steps; s++)
                Assert.True(one.spikes[s].AsSpan().SequenceEqual(other.spikes[s]), $"{threads} threads: spikes of step {s} differ");
            Assert.Equal(one.v.Select(BitConverter.SingleToInt32Bits), other.v.Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Fact]
    public void ParallelUpdate_SpikesAreSortedAndComplete()
    {
        // 4 chunks: the compaction of the per-chunk spike lists must keep every spike, in increasing order.
        var a = new Wide(3) { Threads = 4 };
        var b = new Wide(3) { Threads = 1 };
        for (int s = 0; s < 60; s++)
        {
            var sa = a.Update(30f);
            var sb = b.Update(30f);
            var xa = new int[sa.Count]; sa.CopyTo(xa);
            var xb = new int[sb.Count]; sb.CopyTo(xb);
            Assert.Equal(xb, xa);
            for (int k = 1; k < xa.Length; k++) Assert.True(xa[k] > xa[k - 1]);
        }
    }

    [Fact]
    public void ThreadsSetting_RejectsOutOfRange_NamingTheMember()
    {
        var n = new Wide(1);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => n.Threads = -1);
        Assert.Contains("Wide.Threads", ex.Message);
        var e = new WideE(n);
        Assert.Throws<ArgumentOutOfRangeException>(() => e.Threads = Parallelism.MaxParts + 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => Parallelism.Threads = -2);
    }

    [Fact]
    public void ParallelStep_AllocatesNothing()
    {
        var net = new WideNet(5, 2);
        for (int s = 0; s < 30; s++) net.Update(20f); // warm-up: workers started, code jitted
        int spikes = 0;
        AllocationAssert.ZeroInSteadyState(() => { for (int s = 0; s < 100; s++) spikes += net.Update(20f).Count; });
        Assert.True(spikes > 0);
    }

    [Fact]
    public void AutomaticThreads_OneBelowTheThreshold()
    {
        Assert.Equal(1, Parallelism.ThreadsFor(Parallelism.AutoMinNeurons - 1));
        Assert.Equal(Math.Min(Environment.ProcessorCount, Parallelism.MaxParts), Parallelism.ThreadsFor(Parallelism.AutoMinNeurons));
        Assert.Equal(3, Parallelism.ThreadsFor(10, requested: 3));
    }
}

/// <summary>The worker pool under many forks of changing width on an oversubscribed machine (more parts than cores):
/// every part of every fork runs exactly once and no fork is lost. A lost wake-up (a sleeping worker that misses its
/// fork) hangs the fork; the test runs the forks on a task with a deadline so that it fails instead of hanging.</summary>
public class WorkerPoolStressTests
{
    sealed class CountingWork : IParallelWork
    {
        public readonly int[] Runs = new int[8];
        public int Fork;
        public volatile bool Wrong;
        public void Execute(int part, int parts)
        {
            System.Threading.Interlocked.Increment(ref Runs[part]);
            if (part >= parts) Wrong = true;
            if (part == 0) System.Threading.Thread.SpinWait(20 + Fork % 50); // uneven parts, so workers lag and sleep
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task ManyForksOfChangingWidth_RunEveryPartOnce_WithoutHanging()
    {
        const int forks = 20_000;
        int[] widths = { 2, 4, 3, 8, 2, 5 };
        var work = new CountingWork();
        var expected = new int[8];
        var task = System.Threading.Tasks.Task.Run(() =>
        {
            for (int f = 0; f < forks; f++)
            {
                int parts = widths[f % widths.Length];
                work.Fork = f;
                Parallelism.Run(work, parts);
                for (int p = 0; p < parts; p++) expected[p]++;
                if (f % 997 == 0) System.Threading.Thread.Sleep(1); // let workers fall asleep now and then
            }
        });
        var finished = await System.Threading.Tasks.Task.WhenAny(task, System.Threading.Tasks.Task.Delay(TimeSpan.FromSeconds(240))); // 3 s alone; generous for loaded 2-core CI, a hang is forever
        Assert.True(finished == task, "a fork never completed: a worker missed its wake-up");
        await task;
        Assert.False(work.Wrong);
        Assert.Equal(expected, work.Runs);
    }
}
