using System;

namespace SpikeSharp;

/// <summary>
/// Checks, before a model allocates its state, that the state fits in the memory the GC can use, so that an absurd
/// size fails with a message naming the model and the bytes instead of a bare <see cref="OutOfMemoryException"/>
/// partway through the allocations. Generated population constructors and <see cref="SpikeDelay"/> call it.
/// </summary>
public static class StateMemory
{
    /// <summary>Throws <see cref="InsufficientMemoryException"/> (an <see cref="OutOfMemoryException"/>) when
    /// <paramref name="bytes"/> exceed the memory available to this process.</summary>
    /// <param name="what">What is being allocated, for the message, e.g. "population 'Neurons' (4000 neurons, 20 bytes each)".</param>
    /// <param name="bytes">Bytes it needs.</param>
    /// <param name="advice">What the user can do about it.</param>
    public static void EnsureAvailable(string what, long bytes, string advice = "Use fewer neurons.")
    {
        if (bytes < 0) throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "StateMemory: bytes must be ≥ 0.");
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (available > 0 && bytes > available)
            throw new InsufficientMemoryException(
                $"{what} needs {Runner.B(bytes)} bytes, more than the {Runner.B(available)} bytes available to this process. {advice}");
    }
}
