using System;
using System.ComponentModel;
using System.Threading;

namespace SpikeSharp;

/// <summary>
/// Multi-threading of the generated step methods. A population's <c>Update</c> splits its neurons into contiguous
/// chunks, a projection's <c>Deliver</c> splits its post range into contiguous groups of connectivity blocks
/// (<see cref="JitConnectivity.BlockCount"/>): each thread owns its neurons and its posts, writes nothing another
/// thread writes, and adds each post's deliveries in spike order. Results are therefore bit-identical for any
/// thread count, with no atomics. Threads are used automatically for populations of at least
/// <see cref="AutoMinNeurons"/> neurons; <see cref="Threads"/> (or a generated instance's <c>Threads</c>) overrides it.
/// </summary>
/// <remarks>
/// <para><b>One worker pool per process, one fork-join at a time.</b> Every multi-threaded <c>Update</c> and
/// <c>Deliver</c> in the process shares one set of worker threads, and a fork-join holds all of them until it joins.
/// Two networks stepped at the same time on two threads, both multi-threaded, therefore take turns at each fork-join
/// (<see cref="Run"/> serializes concurrent callers): the results are correct and identical to running them alone,
/// but there is no speed-up over running them one after the other, because each fork-join already uses every core.</para>
/// <para>To run independent networks in parallel (parameter sweeps, several seeds), give each one thread, by setting
/// the <c>Threads</c> of its populations and projections to 1 (or <see cref="Threads"/> = 1 for the whole process),
/// and step each on its own thread (for example one <c>Task</c> per network): single-threaded steps never touch the
/// pool, so the networks then run fully concurrently, one core each, with the same bits as any thread count. Separate
/// processes work as well. Mixing both (several multi-threaded networks at once) only oversubscribes the cores.</para>
/// </remarks>
public static class Parallelism
{
    /// <summary>Below this many neurons (or posts) the automatic setting uses one thread: a fork-join costs a few
    /// microseconds, more than a step of a small network (measured with samples/Benchmarks, see README).</summary>
    public const int AutoMinNeurons = 32_768;

    /// <summary>The fewest neurons a thread gets in a parallel <c>Update</c>.</summary>
    public const int MinNeuronsPerPart = 4096;

    /// <summary>Most parts (threads) one call is split into.</summary>
    public const int MaxParts = 64;

    static int s_threads;

    /// <summary>Default thread count of every population and projection whose own <c>Threads</c> is 0:
    /// 0 (the default) means automatic (<see cref="Environment.ProcessorCount"/> threads from
    /// <see cref="AutoMinNeurons"/> neurons up, one below), 1 forces one thread, N &gt; 1 uses N threads.</summary>
    public static int Threads
    {
        get => Volatile.Read(ref s_threads);
        set
        {
            if (value < 0 || value > MaxParts)
                throw new ArgumentOutOfRangeException(nameof(Threads), value, $"Parallelism.Threads must be in [0, {MaxParts}] (0 = automatic).");
            Volatile.Write(ref s_threads, value);
        }
    }

    /// <summary>Threads a population or projection of <paramref name="size"/> neurons uses, given its own setting
    /// <paramref name="requested"/> (0: the global <see cref="Threads"/>, then automatic).</summary>
    public static int ThreadsFor(int size, int requested = 0)
    {
        int t = requested > 0 ? requested : Threads;
        if (t > 0) return Math.Min(t, MaxParts);
        return size >= AutoMinNeurons ? Math.Clamp(Environment.ProcessorCount, 1, MaxParts) : 1;
    }

    /// <summary>Checks an instance's <c>Threads</c> setting (0 = use <see cref="Threads"/>); throws naming the member.</summary>
    public static int ValidateThreads(int value, string member) =>
        value >= 0 && value <= MaxParts ? value
            : throw new ArgumentOutOfRangeException(member, value, $"{member} must be in [0, {MaxParts}] (0 = Parallelism.Threads / automatic).");

    /// <summary>Number of parts a neuron update of <paramref name="size"/> neurons is split into.</summary>
    public static int UpdateParts(int size, int requested) =>
        Math.Max(1, Math.Min(ThreadsFor(size, requested), size / MinNeuronsPerPart));

    /// <summary>Number of parts a delivery onto <paramref name="numOut"/> posts is split into (each owns whole connectivity blocks).</summary>
    public static int DeliverParts(int numOut, int requested) =>
        Math.Max(1, Math.Min(ThreadsFor(numOut, requested), JitConnectivity.BlockCount(numOut)));

    /// <summary>Start of part <paramref name="part"/> of [0, <paramref name="size"/>) split into <paramref name="parts"/>
    /// contiguous chunks aligned to 64 elements (a cache line of floats, a multiple of every vector width).</summary>
    public static int ChunkStart(int size, int part, int parts)
    {
        if (part >= parts) return size;
        long s = (long)size * part / parts;
        return (int)Math.Min(size, s & ~63L);
    }

    /// <summary>Runs <paramref name="work"/>.Execute(k, <paramref name="parts"/>) for k = 0 … parts − 1, part 0 on the
    /// calling thread and the others on pooled worker threads; returns when all are done. Allocates nothing once the
    /// pool has enough workers. Concurrent callers are serialized: the pool runs one fork-join at a time for the whole
    /// process (see the class remarks for running independent networks in parallel).</summary>
    public static void Run(IParallelWork work, int parts)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (parts <= 1) { work.Execute(0, 1); return; }
        WorkerPool.Instance.Run(work, Math.Min(parts, MaxParts));
    }
}

/// <summary>A unit of data-parallel work (implemented explicitly by generated populations and projections).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IParallelWork
{
    /// <summary>Does part <paramref name="part"/> of <paramref name="parts"/>.</summary>
    void Execute(int part, int parts);
}

/// <summary>Worker threads that spin briefly for the next fork (steps follow each other within microseconds), then
/// sleep on a monitor. One fork-join at a time.</summary>
internal sealed class WorkerPool
{
    public static readonly WorkerPool Instance = new();

    const int SpinIterations = 20_000; // ≈ 50–100 µs of polling before a worker sleeps
    const int OversubscribedSpins = 64; // more threads than cores: poll briefly, yield, then sleep

    readonly object _gate = new();
    readonly object _sleep = new(); // workers that stop spinning wait on this monitor for the next fork
    Thread[] _threads = Array.Empty<Thread>();
    IParallelWork? _work;
    // Generation (fork count) · 256 + parts, in one word: a worker that lags behind reads both of the same fork.
    // (Reading parts separately let a lagging, unneeded worker run part of the next fork twice.)
    long _state;
    int _remaining;
    int _sleepers;
    Exception? _error;

    public void Run(IParallelWork work, int parts)
    {
        lock (_gate)
        {
            EnsureWorkers(parts - 1);
            _work = work;
            _error = null;
            Volatile.Write(ref _remaining, parts - 1);
            Interlocked.Exchange(ref _state, (((_state >> 8) + 1) << 8) | (uint)parts);
            // Dekker pair with the worker's Increment(_sleepers) + read of _state (both sides fenced): if we read 0 here,
            // every worker that goes to sleep later sees the new fork first. Sleepers re-check the fork under the lock,
            // so a pulse cannot be lost or taken by another worker (a semaphore's permits could: a worker that skipped
            // its wait came back and consumed the permit of one still waking, which then slept through the fork).
            if (Volatile.Read(ref _sleepers) > 0)
                lock (_sleep) System.Threading.Monitor.PulseAll(_sleep);
            Exception? mine = null;
            try { work.Execute(0, parts); }
            catch (Exception ex) { mine = ex; }
            // Poll as the workers do (a pause loop, a yield every 64th round): yielding at once (SpinWait.SpinOnce)
            // makes a system call per poll, which on a paravirtualised VM costs microseconds and delays the next fork.
            bool over = _threads.Length + 1 > Environment.ProcessorCount;
            for (int spins = 1; Volatile.Read(ref _remaining) != 0; spins++)
            {
                if (over || (spins & 63) == 0) Thread.Yield(); else Thread.SpinWait(8);
            }
            _work = null;
            if (mine is not null) throw mine;
            if (_error is not null) throw new AggregateException("A parallel step failed.", _error);
        }
    }

    void EnsureWorkers(int count)
    {
        if (_threads.Length >= count) return;
        var threads = new Thread[count];
        Array.Copy(_threads, threads, _threads.Length);
        for (int k = _threads.Length; k < count; k++)
        {
            int part = k + 1;
            long seen = Volatile.Read(ref _state) >> 8; // before this Run's fork: the new worker must not miss it
            var t = new Thread(() => Loop(part, seen)) { IsBackground = true, Name = $"SpikeSharp worker {part}" };
            threads[k] = t;
            t.Start();
        }
        _threads = threads;
    }

    void Loop(int part, long seen)
    {
        while (true)
        {
            int spins = 0;
            long state;
            while (((state = Volatile.Read(ref _state)) >> 8) == seen)
            {
                // Oversubscribed (more workers than cores, or a busy machine), spinning steals the time slice of the
                // thread that still has work: yield often, and sleep soon.
                bool over = _threads.Length + 1 > Environment.ProcessorCount;
                if (++spins < (over ? OversubscribedSpins : SpinIterations))
                {
                    if ((spins & 63) == 0 || over) Thread.Yield(); else Thread.SpinWait(8);
                    continue;
                }
                Interlocked.Increment(ref _sleepers);
                lock (_sleep)
                    while ((Volatile.Read(ref _state) >> 8) == seen) System.Threading.Monitor.Wait(_sleep);
                Interlocked.Decrement(ref _sleepers);
                spins = 0;
            }
            seen = state >> 8;
            int parts = (int)(state & 0xFF);
            if (part >= parts) continue; // not needed in this fork (and the fork may complete without us)
            try { _work!.Execute(part, parts); }
            catch (Exception ex) { _error = ex; }
            Interlocked.Decrement(ref _remaining);
        }
    }
}
