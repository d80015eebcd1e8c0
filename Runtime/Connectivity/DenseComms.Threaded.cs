using System;

namespace SpikeSharp;

public static partial class DenseComms
{
    /// <summary>AllToAll with a scalar weight, as <see cref="AllToAll(ReadOnlySpan{float}, Span{float}, float, bool, int)"/>
    /// (same bits), with the broadcast split over contiguous post blocks on up to <paramref name="threads"/> threads
    /// (0: <see cref="Parallelism.Threads"/> / automatic) when <paramref name="post"/> is large
    /// (<see cref="PreSynapseParallelism.DenseParts"/>). Σ pre is summed once, in index order, on the calling thread, so
    /// every thread count gives the same bits. Allocates nothing (one work object per calling thread, on its first use).</summary>
    public static unsafe void AllToAllThreaded(ReadOnlySpan<float> pre, float[] post, float weight, bool includeSelf, int threads)
    {
        ArgumentNullException.ThrowIfNull(post);
        int parts = PreSynapseParallelism.DenseParts(post.Length, threads);
        if (parts <= 1) { AllToAll(pre, post, weight, includeSelf); return; }
        float sum = 0;
        for (int i = 0; i < pre.Length; i++) sum += pre[i];
        fixed (float* p = pre)
        {
            var work = DenseWork.ForThisThread();
            work.Set(allToAll: true, p, pre.Length, post, weight, sum, includeSelf);
            try { Parallelism.Run(work, parts); }
            finally { work.Clear(); }
        }
    }

    /// <summary>OneToOne, as <see cref="OneToOne(ReadOnlySpan{float}, Span{float}, float)"/> (same bits), split over
    /// contiguous post blocks on up to <paramref name="threads"/> threads when <paramref name="post"/> is large
    /// (<see cref="PreSynapseParallelism.DenseParts"/>). Allocates nothing.</summary>
    public static unsafe void OneToOneThreaded(ReadOnlySpan<float> pre, float[] post, float weight, int threads)
    {
        ArgumentNullException.ThrowIfNull(post);
        Same(pre.Length, post.Length, nameof(OneToOneThreaded));
        int parts = PreSynapseParallelism.DenseParts(post.Length, threads);
        if (parts <= 1) { OneToOne(pre, post, weight); return; }
        fixed (float* p = pre)
        {
            var work = DenseWork.ForThisThread();
            work.Set(allToAll: false, p, pre.Length, post, weight, 0, true);
            try { Parallelism.Run(work, parts); }
            finally { work.Clear(); }
        }
    }

    /// <summary>The parts of a threaded dense comm: post block [ChunkStart(k), ChunkStart(k + 1)) each. The pre values are
    /// read through a pointer pinned by the caller for the (synchronous) fork-join.</summary>
    sealed unsafe class DenseWork : IParallelWork
    {
        [ThreadStatic] static DenseWork? t_work;

        public static DenseWork ForThisThread() => t_work ??= new DenseWork();

        bool _allToAll, _includeSelf;
        float* _pre;
        int _preLength;
        float[]? _post;
        float _weight, _sum;

        public void Set(bool allToAll, float* pre, int preLength, float[] post, float weight, float sum, bool includeSelf)
        {
            _allToAll = allToAll;
            _pre = pre;
            _preLength = preLength;
            _post = post;
            _weight = weight;
            _sum = sum;
            _includeSelf = includeSelf;
        }

        public void Clear()
        {
            _pre = null;
            _post = null;
        }

        public void Execute(int part, int parts)
        {
            float[] post = _post!;
            int lo = Parallelism.ChunkStart(post.Length, part, parts), hi = Parallelism.ChunkStart(post.Length, part + 1, parts);
            var pre = new ReadOnlySpan<float>(_pre, _preLength);
            float weight = _weight;
            if (_allToAll)
            {
                float sum = _sum, all = weight * sum;
                // As AllToAll: posts j < numPre subtract their own value when !includeSelf.
                int self = _includeSelf ? lo : Math.Clamp(pre.Length, lo, hi);
                for (int j = lo; j < self; j++) post[j] += weight * (sum - pre[j]);
                for (int j = self; j < hi; j++) post[j] += all;
            }
            else
                for (int i = lo; i < hi; i++) post[i] += pre[i] * weight;
        }
    }
}
