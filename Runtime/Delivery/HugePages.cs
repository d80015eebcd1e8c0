using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SpikeSharp;

/// <summary>
/// Asks Linux to back the large arrays of a target cache with transparent huge pages (<c>madvise(MADV_HUGEPAGE)</c> on the
/// 2 MiB pages that lie wholly inside them), before they are first written. A hint only: no value, target or order
/// changes; where the call is not available (not Linux, no <c>libc.so.6</c>) or refused, nothing happens.
/// </summary>
/// <remarks>
/// Why (issue 14, start-up): a fresh array is backed page by page as it is first written. On the project's 2-vCPU VM a
/// 4 KiB page fault costs several microseconds, and the 85 MiB cache at N = 400 000 is about 22 000 of them, a quarter
/// of the process's CPU before the first step. Most Linux systems (this one too) enable transparent huge pages only for
/// memory that asks for them (<c>/sys/kernel/mm/transparent_hugepage/enabled</c> = <c>madvise</c>); with the hint a
/// 2 MiB page is one fault. Only whole 2 MiB pages inside the given arrays (or inside runs of arrays that lie back to
/// back, as consecutive large allocations do) are advised, so no other object's memory changes granularity; arrays
/// below <see cref="MinBytes"/> together are left alone.
/// </remarks>
internal static unsafe class HugePages
{
    const int MadvHugepage = 14; // <sys/mman.h>
    const long Page = 2L << 20;

    /// <summary>Runs of arrays smaller than this are not advised (a huge page inside them is unlikely).</summary>
    internal const long MinBytes = 4L << 20;

    static readonly delegate* unmanaged<nint, nuint, int, int> s_madvise = Load();

    /// <summary>Whether the hint is given (default: where <c>madvise</c> was found). Settable for tests and measurements;
    /// results never depend on it.</summary>
    internal static bool Enabled { get; set; } = s_madvise != null && Environment.GetEnvironmentVariable("SPIKESHARP_HUGEPAGES") != "0";

    /// <summary>Calls made that the kernel accepted (for tests).</summary>
    internal static int Advised;

    static delegate* unmanaged<nint, nuint, int, int> Load()
    {
        try
        {
            if (!OperatingSystem.IsLinux()) return null;
            if (!NativeLibrary.TryLoad("libc.so.6", out var lib)) return null;
            return NativeLibrary.TryGetExport(lib, "madvise", out var f) ? (delegate* unmanaged<nint, nuint, int, int>)f : null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException or PlatformNotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Advises the whole 2 MiB pages inside each run of back-to-back arrays of <paramref name="arrays"/> (in the
    /// order given; arrays allocated one after another lie back to back). Call it before the arrays are written.</summary>
    internal static void Advise<T>(T[][] arrays) where T : unmanaged
    {
        if (!Enabled || s_madvise == null || arrays.Length == 0) return;
        nint runStart = 0, runEnd = 0;
        foreach (var a in arrays)
        {
            if (a is null || a.Length == 0) continue;
            // The address is only a hint's range: large arrays are not moved by the GC unless the user compacts the
            // large-object heap, and a stale range only changes page granularity, never a value.
            nint s = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(a));
            nint e = s + (nint)((long)a.Length * sizeof(T));
            if (runEnd != 0 && s >= runEnd && s - runEnd <= 64) { runEnd = e; continue; } // next to the previous one
            AdviseRange(runStart, runEnd);
            runStart = s;
            runEnd = e;
        }
        AdviseRange(runStart, runEnd);
    }

    /// <summary>Advises the whole 2 MiB pages inside <paramref name="array"/> (call it before the array is written).</summary>
    internal static void Advise<T>(T[] array) where T : unmanaged
    {
        if (!Enabled || s_madvise == null || array.Length == 0) return;
        nint s = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        AdviseRange(s, s + (nint)((long)array.Length * sizeof(T)));
    }

    static void AdviseRange(nint start, nint end)
    {
        if (end - start < MinBytes) return;
        long lo = ((long)start + Page - 1) & ~(Page - 1), hi = (long)end & ~(Page - 1);
        if (hi <= lo) return;
        if (s_madvise((nint)lo, (nuint)(hi - lo), MadvHugepage) == 0) System.Threading.Interlocked.Increment(ref Advised);
    }
}
