using System;
using System.Runtime.InteropServices;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

/// <summary>The align-pre synapse step (<c>UpdateSynapse</c>): its SIMD loop gives the scalar loop's bits for every
/// pre-sized model class, its threaded form the same bits for 1, 2 and 4 threads, and it allocates nothing.</summary>
public class PreSynapseSimdTests
{
    const double Dt = 0.1;

    /// <summary>One pre population, its delay and a projection, stepped in BrainPy's order (pre, synapse, delay push).</summary>
    sealed class Rig<TPre, TProj>
    {
        public readonly TPre Pre;
        public readonly TProj Proj;
        readonly SpikeDelay _delay;
        readonly Func<TPre, Spikes> _update;
        readonly Func<TPre, Spikes> _spike;
        readonly Action<TProj> _step;

        public Rig(Func<TPre> pre, Func<TPre, PsPost, SpikeDelay, TProj> make, int size, Func<TPre, Spikes> update, Func<TPre, Spikes> spike, Action<TProj> step)
        {
            Pre = pre();
            _delay = new SpikeDelay(size, 0);
            Proj = make(Pre, new PsPost(1, Dt), _delay);
            _update = update;
            _spike = spike;
            _step = step;
        }

        public int Step()
        {
            int n = _update(Pre).Count;
            _step(Proj);
            _delay.Push(_spike(Pre));
            return n;
        }
    }

    static bool SameBits(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        MemoryMarshal.AsBytes(a).SequenceEqual(MemoryMarshal.AsBytes(b));

    /// <summary>Steps a SIMD and a scalar copy side by side and requires the same bits in every state array (and the
    /// value array of STP) after every step.</summary>
    static void SimdEqualsScalar<TProj>(Func<PsPre, PsPost, SpikeDelay, TProj> make, Func<TProj, PreSynapseState> state, Action<TProj, bool> useSimd,
        Action<TProj> step, int steps = 3000)
    {
        var simd = new Rig<PsPre, TProj>(() => new PsPre(7, Dt), make, PsPre.Size, p => p.Update(12f), p => p.Spike, step);
        var scalar = new Rig<PsPre, TProj>(() => new PsPre(7, Dt), make, PsPre.Size, p => p.Update(12f), p => p.Spike, step);
        useSimd(simd.Proj, true);
        useSimd(scalar.Proj, false);
        var a = state(simd.Proj);
        var b = state(scalar.Proj);
        long spikes = 0;
        float max = 0;
        for (int t = 0; t < steps; t++)
        {
            int n = simd.Step();
            Assert.Equal(n, scalar.Step());
            spikes += n;
            for (int k = 0; k < a.Names.Length; k++)
                if (!SameBits(a.Array(k), b.Array(k)))
                    Assert.Fail($"step {t}: array {a.Names[k]} differs between SIMD and scalar (first at {FirstDiff(a.Array(k), b.Array(k))})");
            foreach (float v in a.Array(0)) max = Math.Max(max, Math.Abs(v - a.Array(0)[0]));
        }
        Assert.True(spikes > 1000, $"only {spikes} pre spikes: the synapse would hardly be driven");
        Assert.True(max > 0, "the state is the same in every neuron: lanes would not be told apart");
    }

    static int FirstDiff(float[] a, float[] b)
    {
        for (int i = 0; i < a.Length; i++)
            if (BitConverter.SingleToInt32Bits(a[i]) != BitConverter.SingleToInt32Bits(b[i])) return i;
        return -1;
    }

    [Fact] public void Nmda_SimdEqualsScalar() => SimdEqualsScalar((p, q, d) => new PsNmda(p, q, d), x => x.Synapse, (x, s) => x.UseSimd = s, x => x.UpdateSynapse());
    [Fact] public void Std_SimdEqualsScalar() => SimdEqualsScalar((p, q, d) => new PsStd(p, q, d), x => x.Synapse, (x, s) => x.UseSimd = s, x => x.UpdateSynapse());
    [Fact] public void Stp_SynapseThenDelay_SimdEqualsScalar() => SimdEqualsScalar((p, q, d) => new PsStp(p, q, d), x => x.Synapse, (x, s) => x.UseSimd = s, x => x.UpdateSynapse());
    [Fact] public void Ampa_SimdEqualsScalar() => SimdEqualsScalar((p, q, d) => new PsAmpa(p, q, d), x => x.Synapse, (x, s) => x.UseSimd = s, x => x.UpdateSynapse());
    [Fact] public void Alpha_SimdEqualsScalar() => SimdEqualsScalar((p, q, d) => new PsAlpha(p, q, d), x => x.Synapse, (x, s) => x.UseSimd = s, x => x.UpdateSynapse());
    [Fact] public void UserExpon_SimdEqualsScalar() => SimdEqualsScalar((p, q, d) => new PsUserExpon(p, q, d), x => x.Synapse, (x, s) => x.UseSimd = s, x => x.UpdateSynapse());
    [Fact] public void UserNmda_SimdEqualsScalar() => SimdEqualsScalar((p, q, d) => new PsUserNmda(p, q, d), x => x.Synapse, (x, s) => x.UseSimd = s, x => x.UpdateSynapse());

    /// <summary>The scalar step is the one the align-pre tests check against float64 references; the SIMD one must not
    /// merely agree with itself: NMDA's g after a spike train is checked against the scalar loop written here.</summary>
    [Fact]
    public void Nmda_Simd_EqualsHandWrittenScalarStep()
    {
        var rig = new Rig<PsPre, PsNmda>(() => new PsPre(3, Dt), (p, q, d) => new PsNmda(p, q, d), PsPre.Size, p => p.Update(12f), p => p.Spike, x => x.UpdateSynapse());
        Assert.True(rig.Proj.UseSimd);
        var g = new float[PsPre.Size];
        var x = new float[PsPre.Size];
        var spikesNow = new System.Collections.Generic.Queue<bool[]>();
        float dRise = (float)Math.Exp(-Dt / 2.0), k1 = (float)Dt, k2 = (float)(-(1.0 / 100.0));
        for (int t = 0; t < 400; t++)
        {
            rig.Step();
            // the spikes the synapse saw: DelaySteps = 2 steps ago (PreDelay.At(2)), i.e. recorded before the push
            var now = new bool[PsPre.Size];
            foreach (int i in rig.Pre.Spike) now[i] = true;
            spikesNow.Enqueue(now);
            bool[]? seen = spikesNow.Count > 2 ? spikesNow.Dequeue() : null;
            for (int i = 0; i < g.Length; i++)
            {
                float spike = seen is not null && seen[i] ? 1f : 0f;
                float gOld = g[i], xOld = x[i];
                float t0 = 0.5f * xOld, t2 = k1 * (k2 - t0), t3 = VMath.Abs(t2);
                float phi = t3 <= 1E-05f ? 1f + t2 / 2f + t2 * t2 / 6f
                    : t3 < 0.5f ? 1f + t2 * (0.5f + t2 * (0.16666667f + t2 * (0.041666668f + t2 * (0.008333334f + t2 * (0.0013888889f + t2 * (0.0001984127f + t2 * 2.4801588E-05f))))))
                    : (VMath.Exp(t2) - 1f) / t2;
                g[i] = gOld + k1 * phi * (-gOld / 100f + t0 * (1f - gOld));
                x[i] = xOld * dRise + spike;
            }
            if (TinyFlush.Due(rig.Pre.StepIndex - 1)) { TinyFlush.Flush(g); TinyFlush.Flush(x); }
        }
        Assert.True(SameBits(g, rig.Proj.G), $"g differs at {FirstDiff(g, rig.Proj.G.ToArray())}");
        Assert.True(SameBits(x, rig.Proj.X));
        Assert.Contains(rig.Proj.G.ToArray(), v => v > 0.01f);
    }

    static void ThreadsAgree<TProj>(Func<PsBigPre, PsPost, SpikeDelay, TProj> make, Func<TProj, PreSynapseState> state, Action<TProj, int> threads,
        Action<TProj> step, Func<TProj, float[]> input)
    {
        Assert.Equal(4, PreSynapseParallelism.Parts(PsBigPre.Size, 4));
        var rigs = new Rig<PsBigPre, TProj>[3];
        int[] counts = { 1, 2, 4 };
        for (int r = 0; r < 3; r++)
        {
            rigs[r] = new Rig<PsBigPre, TProj>(() => new PsBigPre(5, Dt) { Threads = 1 }, make, PsBigPre.Size, p => p.Update(12f), p => p.Spike, step);
            threads(rigs[r].Proj, counts[r]);
        }
        long spikes = 0;
        for (int t = 0; t < 300; t++)
        {
            int n = rigs[0].Step();
            spikes += n;
            for (int r = 1; r < 3; r++) Assert.Equal(n, rigs[r].Step());
            for (int r = 1; r < 3; r++)
            {
                var a = state(rigs[0].Proj);
                var b = state(rigs[r].Proj);
                for (int k = 0; k < a.Names.Length; k++)
                    if (!SameBits(a.Array(k), b.Array(k)))
                        Assert.Fail($"step {t}: array {a.Names[k]} differs between 1 and {counts[r]} threads (first at {FirstDiff(a.Array(k), b.Array(k))})");
                Assert.True(SameBits(input(rigs[0].Proj), input(rigs[r].Proj)));
            }
        }
        Assert.True(spikes > 10000);
    }

    [Fact]
    public void Nmda_OneTwoFourThreads_SameBits() => ThreadsAgree((p, q, d) => new PsBigNmda(p, q, d), x => x.Synapse, (x, n) => x.Threads = n,
        x => { x.UpdateSynapse(); x.Update(); }, x => x.Input.ToArray());

    [Fact]
    public void Stp_SynapseThenDelay_OneTwoFourThreads_SameBits() => ThreadsAgree((p, q, d) => new PsBigStp(p, q, d), x => x.Synapse, (x, n) => x.Threads = n,
        x => { x.UpdateSynapse(); x.Update(); }, x => x.Input.ToArray());

    [Fact]
    public void SynapseStep_SimdAndThreaded_AllocatesNothing()
    {
        var small = new Rig<PsPre, PsStp>(() => new PsPre(2, Dt), (p, q, d) => new PsStp(p, q, d), PsPre.Size, p => p.Update(12f), p => p.Spike, x => { x.UpdateSynapse(); x.Update(); });
        var big = new Rig<PsBigPre, PsBigNmda>(() => new PsBigPre(2, Dt) { Threads = 1 }, (p, q, d) => new PsBigNmda(p, q, d) { Threads = 2 }, PsBigPre.Size,
            p => p.Update(12f), p => p.Spike, x => { x.UpdateSynapse(); x.Update(); });
        for (int t = 0; t < 100; t++) { small.Step(); big.Step(); }
        AllocationAssert.ZeroInSteadyState(() => { for (int t = 0; t < 100; t++) { small.Step(); big.Step(); } });
    }
}
