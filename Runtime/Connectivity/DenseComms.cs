using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SpikeSharp;

/// <summary>
/// The comms that need no stored connectivity (brainpy-semantics.md §5.1): <c>OneToOne</c>, <c>AllToAll</c> and
/// <c>Dense</c>. Every method adds into <c>post</c> (the comm's output is added to the synapse's input, as in BrainPy's
/// align-post projections), checks its sizes once and allocates nothing. Event forms take <see cref="Spikes"/> (an event
/// counts as 1 whatever its value, BrainPy's event rule); value forms take floats. <c>MaskedLinear</c> is a
/// <see cref="CsrMatrix"/> built from <see cref="Connect.Mask"/>.
/// </summary>
public static class DenseComms
{
    /// <summary>OneToOne: <c>post[i] += pre[i]·weight</c>.</summary>
    public static void OneToOne(ReadOnlySpan<float> pre, Span<float> post, float weight)
    {
        Same(pre.Length, post.Length, nameof(OneToOne));
        for (int i = 0; i < post.Length; i++) post[i] += pre[i] * weight;
    }

    /// <summary>OneToOne with one weight per neuron: <c>post[i] += pre[i]·weights[i]</c>.</summary>
    public static void OneToOne(ReadOnlySpan<float> pre, Span<float> post, ReadOnlySpan<float> weights)
    {
        Same(pre.Length, post.Length, nameof(OneToOne));
        Same(weights.Length, post.Length, nameof(OneToOne));
        for (int i = 0; i < post.Length; i++) post[i] += pre[i] * weights[i];
    }

    /// <summary>OneToOne on events: <c>post[i] += weight</c> for every spiking i.</summary>
    public static void OneToOne(Spikes spikes, Span<float> post, float weight)
    {
        Same(spikes.Length, post.Length, nameof(OneToOne));
        ref float g = ref MemoryMarshal.GetReference(post);
        ref int spk = ref spikes.IndexRef;
        int offset = spikes.Offset;
        for (nint k = 0; k < spikes.Count; k++) Unsafe.Add(ref g, Unsafe.Add(ref spk, k) - offset) += weight;
    }

    /// <summary>OneToOne on events with one weight per neuron: <c>post[i] += weights[i]</c> for every spiking i.</summary>
    public static void OneToOne(Spikes spikes, Span<float> post, ReadOnlySpan<float> weights)
    {
        Same(spikes.Length, post.Length, nameof(OneToOne));
        Same(weights.Length, post.Length, nameof(OneToOne));
        ref float g = ref MemoryMarshal.GetReference(post);
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref int spk = ref spikes.IndexRef;
        int offset = spikes.Offset;
        for (nint k = 0; k < spikes.Count; k++)
        {
            nint i = Unsafe.Add(ref spk, k) - offset;
            Unsafe.Add(ref g, i) += Unsafe.Add(ref w, i);
        }
    }

    /// <summary>The scalar of AllToAll with a scalar weight, <c>weight·Σ pre</c> (BrainPy returns it unbroadcast), summed
    /// in index order in float.</summary>
    public static float AllToAllScalar(ReadOnlySpan<float> pre, float weight)
    {
        float sum = 0;
        for (int i = 0; i < pre.Length; i++) sum += pre[i];
        return weight * sum;
    }

    /// <summary>AllToAll with a scalar weight: <c>post[j] += weight·(Σ pre − pre[j])</c> where <paramref name="includeSelf"/>
    /// is false and j &lt; numPre, else <c>post[j] += weight·Σ pre</c> (BrainPy 2.6's rule, also for numPre ≠ numPost: the
    /// pre vector is cut or zero-padded to numPost before it is subtracted). Σ is summed in index order in float.</summary>
    public static void AllToAll(ReadOnlySpan<float> pre, Span<float> post, float weight, bool includeSelf = true)
    {
        float sum = 0;
        for (int i = 0; i < pre.Length; i++) sum += pre[i];
        float all = weight * sum;
        int self = includeSelf ? 0 : Math.Min(pre.Length, post.Length);
        for (int j = 0; j < self; j++) post[j] += weight * (sum - pre[j]);
        for (int j = self; j < post.Length; j++) post[j] += all;
    }

    /// <summary>AllToAll on events with a scalar weight: <c>post[j] += weight·(count − [j spiked])</c> where
    /// <paramref name="includeSelf"/> is false and j &lt; numPre, else <c>post[j] += weight·count</c>.</summary>
    public static void AllToAll(Spikes spikes, Span<float> post, float weight, bool includeSelf = true)
    {
        float count = spikes.Count;
        float all = weight * count, less = weight * (count - 1);
        int self = includeSelf ? 0 : Math.Min(spikes.Length, post.Length);
        int k = 0, next = spikes.Count > 0 ? spikes.IndexAt(0) : int.MaxValue;
        for (int j = 0; j < post.Length; j++)
        {
            if (j == next)
            {
                post[j] += j < self ? less : all;
                next = ++k < spikes.Count ? spikes.IndexAt(k) : int.MaxValue;
            }
            else post[j] += all;
        }
    }

    /// <summary>Dense (AllToAll or Linear with a weight matrix): <c>post[j] += Σ_i pre[i]·weights[i·numPost + j]</c>, pres in
    /// order (row-major weights, BrainPy's (num_in, num_out) layout). Zero the diagonal yourself for includeSelf: false.</summary>
    public static void Dense(ReadOnlySpan<float> pre, Span<float> post, ReadOnlySpan<float> weights)
    {
        if ((long)pre.Length * post.Length != weights.Length)
            throw new ArgumentException($"DenseComms.Dense: {weights.Length} weights given but numPre·numPost = {(long)pre.Length * post.Length}.", nameof(weights));
        int n = post.Length;
        for (int i = 0; i < pre.Length; i++)
        {
            float x = pre[i];
            var row = weights.Slice(i * n, n);
            for (int j = 0; j < n; j++) post[j] += x * row[j];
        }
    }

    /// <summary>Dense on events: <c>post[j] += Σ_{i spiking} weights[i·numPost + j]</c>.</summary>
    public static void Dense(Spikes spikes, Span<float> post, ReadOnlySpan<float> weights)
    {
        if ((long)spikes.Length * post.Length != weights.Length)
            throw new ArgumentException($"DenseComms.Dense: {weights.Length} weights given but numPre·numPost = {(long)spikes.Length * post.Length}.", nameof(weights));
        int n = post.Length;
        foreach (int i in spikes)
        {
            var row = weights.Slice(i * n, n);
            for (int j = 0; j < n; j++) post[j] += row[j];
        }
    }

    static void Same(int a, int b, string method)
    {
        if (a != b) throw new ArgumentException($"DenseComms.{method}: sizes differ ({a} and {b}); OneToOne needs numPre == numPost.");
    }
}
