using System;
using System.Collections.Generic;
using System.Threading;

namespace SpikeSharp;

/// <summary>How a JIT projection's <c>Deliver</c> finds the targets of a spiking pre neuron. Every strategy visits the
/// same targets in the same order, so spikes and state are bit-identical whatever is chosen.</summary>
public enum DeliveryStrategy
{
    /// <summary>Cached when the estimated cache fits in what is left of <see cref="DeliverySettings.CacheBudgetBytes"/>,
    /// else regenerated.</summary>
    Auto = 0,

    /// <summary>Targets regenerated from the counter-based stream on every spike (<see cref="JitDelivery"/>); no memory.</summary>
    Regenerate = 1,

    /// <summary>Targets walked once from the same streams at set-up and kept (<see cref="JitTargetCache"/>), whatever the budget.</summary>
    Cached = 2,
}

/// <summary>One delivery decision of a projection (see <see cref="DeliverySettings.Report"/>).</summary>
/// <param name="Projection">The projection's type name.</param>
/// <param name="Requested">The strategy asked for.</param>
/// <param name="Used">The strategy in use: <see cref="DeliveryStrategy.Regenerate"/> or <see cref="DeliveryStrategy.Cached"/>.</param>
/// <param name="EstimatedBytes">The cache size estimated before building (expected synapses plus a margin).</param>
/// <param name="Bytes">The cache's actual size (0 when regenerating).</param>
/// <param name="Synapses">Stored targets (0 when regenerating without a build).</param>
/// <param name="SetupTime">Time spent building (zero when regenerating without a build).</param>
/// <param name="Reason">Why this strategy was used.</param>
public sealed record DeliveryReport(string Projection, DeliveryStrategy Requested, DeliveryStrategy Used,
    long EstimatedBytes, long Bytes, long Synapses, TimeSpan SetupTime, string Reason);

/// <summary>
/// Process-wide settings of JIT delivery: the default strategy of new projections, the memory budget shared by every
/// live target cache, and a report of the recent decisions.
/// </summary>
public static class DeliverySettings
{
    const int ReportCapacity = 256;
    static int s_strategy;
    static long s_budget = DefaultCacheBudgetBytes;
    static long s_cached;
    static readonly object s_reportGate = new();
    static readonly Queue<DeliveryReport> s_report = new();

    /// <summary>The default budget: min(1 GiB, a quarter of the memory available to the process
    /// (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>: physical memory or the container limit)).</summary>
    public static long DefaultCacheBudgetBytes => Math.Min(1L << 30, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4);

    /// <summary>The strategy a projection's constructor applies (default <see cref="DeliveryStrategy.Auto"/>); a projection's
    /// own <c>Delivery</c> property overrides it afterwards.</summary>
    public static DeliveryStrategy Strategy
    {
        get => (DeliveryStrategy)Volatile.Read(ref s_strategy);
        set => Volatile.Write(ref s_strategy, (int)Validate(value, "DeliverySettings.Strategy"));
    }

    /// <summary>Bytes that all live target caches of the process may take together under <see cref="DeliveryStrategy.Auto"/>
    /// (default <see cref="DefaultCacheBudgetBytes"/>; 0 disables automatic caching). Forced caches count against it but are
    /// built whatever it says.</summary>
    public static long CacheBudgetBytes
    {
        get => Volatile.Read(ref s_budget);
        set => Volatile.Write(ref s_budget, value >= 0 ? value
            : throw new ArgumentOutOfRangeException(nameof(CacheBudgetBytes), value, "DeliverySettings.CacheBudgetBytes must be ≥ 0."));
    }

    /// <summary>Bytes held by the live target caches of the process (a cache is released when its projection drops it
    /// or is collected).</summary>
    public static long CachedBytes => Interlocked.Read(ref s_cached);

    /// <summary>The most recent delivery decisions (up to 256, oldest first): which projections cache, their bytes and set-up time.</summary>
    public static IReadOnlyList<DeliveryReport> Report()
    {
        lock (s_reportGate) return s_report.ToArray();
    }

    /// <summary>Empties <see cref="Report"/>.</summary>
    public static void ClearReport()
    {
        lock (s_reportGate) s_report.Clear();
    }

    internal static DeliveryStrategy Validate(DeliveryStrategy value, string member) =>
        value is DeliveryStrategy.Auto or DeliveryStrategy.Regenerate or DeliveryStrategy.Cached ? value
            : throw new ArgumentOutOfRangeException(member, value, $"{member} must be Auto, Regenerate or Cached, not {(int)value}.");

    internal static void Record(DeliveryReport r)
    {
        lock (s_reportGate)
        {
            if (s_report.Count == ReportCapacity) s_report.Dequeue();
            s_report.Enqueue(r);
        }
    }

    /// <summary>Reserves <paramref name="bytes"/> if they fit in the budget (or unconditionally when <paramref name="force"/>).</summary>
    internal static bool TryReserve(long bytes, bool force, long budget)
    {
        while (true)
        {
            long cur = Interlocked.Read(ref s_cached);
            if (!force && cur + bytes > budget) return false;
            if (Interlocked.CompareExchange(ref s_cached, cur + bytes, cur) == cur) return true;
        }
    }

    internal static void Release(long bytes) => Interlocked.Add(ref s_cached, -bytes);
}
