using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SpikeSharp;

/// <summary>
/// The comms that need no stored connectivity (brainpy-semantics.md §5.1): <c>OneToOne</c>, <c>AllToAll</c> and
/// <c>Dense</c>. Every method adds into <c>post</c> (the comm's output is added to the synapse's input, as in BrainPy's
/// align-post projections), checks its sizes once and allocates nothing. Event forms take <see cref="Spikes"/> (an event
/// counts as 1 whatever its value, BrainPy's event rule); value forms take floats. <c>MaskedLinear</c> is a
/// <see cref="CsrMatrix"/> built from <see cref="Connect.Mask"/>.
/// </summary>
public static partial class DenseComms
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

    /// <summary>OneToOne on events scaled per spiking neuron (BrainPy's older STD/STP form): <c>post[i] += weight·scale[i]</c>
    /// for every spiking i.</summary>
    public static void OneToOneScaled(Spikes spikes, Span<float> post, float weight, ReadOnlySpan<float> scale)
    {
        Same(spikes.Length, post.Length, nameof(OneToOneScaled));
        Same(scale.Length, post.Length, nameof(OneToOneScaled));
        for (int k = 0; k < spikes.Count; k++)
        {
            int i = spikes.IndexAt(k);
            post[i] += weight * scale[i];
        }
    }

    /// <summary>AllToAll on events scaled per spiking pre neuron (BrainPy's older STD/STP form): with
    /// <c>S = Σ scale[i]</c> over the spiking i (in spike order, float), <c>post[j] += weight·S</c>, or
    /// <c>weight·(S − scale[j])</c> for a spiking j &lt; numPre when <paramref name="includeSelf"/> is false;
    /// <paramref name="post"/> holds posts [<paramref name="firstPost"/>, firstPost + post.Length).</summary>
    public static void AllToAllScaled(Spikes spikes, Span<float> post, float weight, ReadOnlySpan<float> scale, bool includeSelf = true, int firstPost = 0)
    {
        if (firstPost < 0) throw new ArgumentOutOfRangeException(nameof(firstPost), firstPost, "DenseComms.AllToAllScaled: firstPost must be ≥ 0.");
        Same(scale.Length, spikes.Length, nameof(AllToAllScaled));
        float sum = 0;
        for (int k = 0; k < spikes.Count; k++) sum += scale[spikes.IndexAt(k)];
        float all = weight * sum;
        int self = includeSelf ? 0 : spikes.Length;
        int n = spikes.Count, q = 0;
        while (q < n && spikes.IndexAt(q) < firstPost) q++;
        int next = q < n ? spikes.IndexAt(q) - firstPost : int.MaxValue;
        for (int j = 0; j < post.Length; j++)
        {
            if (j == next)
            {
                post[j] += firstPost + j < self ? weight * (sum - scale[firstPost + j]) : all;
                next = ++q < n ? spikes.IndexAt(q) - firstPost : int.MaxValue;
            }
            else post[j] += all;
        }
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
    /// <param name="pre">All pre values.</param>
    /// <param name="post">Posts [<paramref name="firstPost"/>, firstPost + post.Length): a thread may pass its slice, with
    /// the same bits as the whole.</param>
    /// <param name="weight">The scalar weight.</param>
    /// <param name="includeSelf">False subtracts each post's own pre value.</param>
    /// <param name="firstPost">Index of post[0] among all posts.</param>
    public static void AllToAll(ReadOnlySpan<float> pre, Span<float> post, float weight, bool includeSelf = true, int firstPost = 0)
    {
        if (firstPost < 0) throw new ArgumentOutOfRangeException(nameof(firstPost), firstPost, "DenseComms.AllToAll: firstPost must be ≥ 0.");
        float sum = 0;
        for (int i = 0; i < pre.Length; i++) sum += pre[i];
        float all = weight * sum;
        // Posts j with j < numPre (global index) subtract their own value when !includeSelf.
        int self = includeSelf ? 0 : Math.Clamp(pre.Length - firstPost, 0, post.Length);
        for (int j = 0; j < self; j++) post[j] += weight * (sum - pre[firstPost + j]);
        AddConstant(post[self..], all);
    }

    /// <summary>AllToAll on events with a scalar weight: <c>post[j] += weight·(count − [j spiked])</c> where
    /// <paramref name="includeSelf"/> is false and j &lt; numPre, else <c>post[j] += weight·count</c>; <paramref name="post"/>
    /// holds posts [<paramref name="firstPost"/>, firstPost + post.Length).</summary>
    public static void AllToAll(Spikes spikes, Span<float> post, float weight, bool includeSelf = true, int firstPost = 0)
    {
        if (firstPost < 0) throw new ArgumentOutOfRangeException(nameof(firstPost), firstPost, "DenseComms.AllToAll: firstPost must be ≥ 0.");
        float count = spikes.Count;
        float all = weight * count, less = weight * (count - 1);
        int self = includeSelf ? 0 : spikes.Length; // global posts below this subtract their own spike
        int k = 0, n = spikes.Count;
        while (k < n && spikes.IndexAt(k) < firstPost) k++;
        int next = k < n ? spikes.IndexAt(k) - firstPost : int.MaxValue;
        for (int j = 0; j < post.Length;)
        {
            int stop = Math.Min(next, post.Length);
            AddConstant(post[j..stop], all); // the run up to the next spiking post
            j = stop;
            if (j < post.Length) // then j == next: a spiking post of this slice
            {
                post[j] += firstPost + j < self ? less : all;
                next = ++k < n ? spikes.IndexAt(k) - firstPost : int.MaxValue;
                j++;
            }
        }
    }

    /// <summary>Dense (AllToAll or Linear with a weight matrix): <c>post[j] += Σ_i pre[i]·weights[i·numPost + j]</c>, pres in
    /// order (row-major weights, BrainPy's (num_in, num_out) layout). Zero the diagonal yourself for includeSelf: false.</summary>
    public static void Dense(ReadOnlySpan<float> pre, Span<float> post, ReadOnlySpan<float> weights)
    {
        if ((long)pre.Length * post.Length != weights.Length)
            throw new ArgumentException($"DenseComms.Dense: {weights.Length} weights given but numPre·numPost = {(long)pre.Length * post.Length}.", nameof(weights));
        int n = post.Length;
        for (int i = 0; i < pre.Length; i++) AddScaled(post, weights.Slice(i * n, n), pre[i]);
    }

    /// <summary>Dense on events: <c>post[j] += Σ_{i spiking} weights[i·numPost + j]</c>.</summary>
    public static void Dense(Spikes spikes, Span<float> post, ReadOnlySpan<float> weights)
    {
        if ((long)spikes.Length * post.Length != weights.Length)
            throw new ArgumentException($"DenseComms.Dense: {weights.Length} weights given but numPre·numPost = {(long)spikes.Length * post.Length}.", nameof(weights));
        int n = post.Length;
        foreach (int i in spikes) AddRow(post, weights.Slice(i * n, n));
    }

    /// <summary><c>post[j] += c</c> for every j, 16 or 8 lanes at a time: the same single add per element as a scalar loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void AddConstant(Span<float> post, float c)
    {
        ref float p = ref MemoryMarshal.GetReference(post);
        nint n = post.Length, j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var vc = Vector512.Create(c);
            for (; j <= n - 16; j += 16) (Vector512.LoadUnsafe(ref p, (nuint)j) + vc).StoreUnsafe(ref p, (nuint)j);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var vc = Vector256.Create(c);
            for (; j <= n - 8; j += 8) (Vector256.LoadUnsafe(ref p, (nuint)j) + vc).StoreUnsafe(ref p, (nuint)j);
        }
        for (; j < n; j++) Unsafe.Add(ref p, j) += c;
    }

    /// <summary><c>post[j] += x·row[j]</c> for every j (row as long as post), vectorised: per element the same product and
    /// sum as the scalar loop (no fused multiply-add).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void AddScaled(Span<float> post, ReadOnlySpan<float> row, float x)
    {
        ref float p = ref MemoryMarshal.GetReference(post);
        ref float r = ref MemoryMarshal.GetReference(row);
        nint n = post.Length, j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var vx = Vector512.Create(x);
            for (; j <= n - 16; j += 16) (Vector512.LoadUnsafe(ref p, (nuint)j) + vx * Vector512.LoadUnsafe(ref r, (nuint)j)).StoreUnsafe(ref p, (nuint)j);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var vx = Vector256.Create(x);
            for (; j <= n - 8; j += 8) (Vector256.LoadUnsafe(ref p, (nuint)j) + vx * Vector256.LoadUnsafe(ref r, (nuint)j)).StoreUnsafe(ref p, (nuint)j);
        }
        for (; j < n; j++) Unsafe.Add(ref p, j) += x * Unsafe.Add(ref r, j);
    }

    /// <summary><c>post[j] += row[j]</c> for every j (row as long as post), vectorised: the same single add per element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void AddRow(Span<float> post, ReadOnlySpan<float> row)
    {
        ref float p = ref MemoryMarshal.GetReference(post);
        ref float r = ref MemoryMarshal.GetReference(row);
        nint n = post.Length, j = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; j <= n - 16; j += 16) (Vector512.LoadUnsafe(ref p, (nuint)j) + Vector512.LoadUnsafe(ref r, (nuint)j)).StoreUnsafe(ref p, (nuint)j);
        else if (Vector256.IsHardwareAccelerated)
            for (; j <= n - 8; j += 8) (Vector256.LoadUnsafe(ref p, (nuint)j) + Vector256.LoadUnsafe(ref r, (nuint)j)).StoreUnsafe(ref p, (nuint)j);
        for (; j < n; j++) Unsafe.Add(ref p, j) += Unsafe.Add(ref r, j);
    }

    static void Same(int a, int b, string method)
    {
        if (a != b) throw new ArgumentException($"DenseComms.{method}: sizes differ ({a} and {b}); OneToOne needs numPre == numPost.");
    }
}
