using System;
using System.Linq;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

/// <summary>The per-neuron form <c>Update(input, current, offset)</c>: neuron offset + k gets input + current[k], the
/// others input alone; against a hand-written LifRef step, bit for bit; SIMD/scalar and 1/2 threads identical.</summary>
public class PerNeuronInputTests
{
    /// <summary>A deterministic per-neuron, per-step current in [-2, 6], with all 24 bits of mantissa used.</summary>
    static float Current(int step, int neuron)
    {
        uint h = (uint)(step * 7919 + neuron * 104729) * 2654435761u;
        h ^= h >> 15;
        return (float)(h / 4294967296.0 * 8.0 - 2.0); // full float precision: input + current rounds
    }

    static void Fill(float[] cur, int step, int offset)
    {
        for (int k = 0; k < cur.Length; k++) cur[k] = Current(step, offset + k);
    }

    /// <summary>One LifRef step of MergeA written out by hand from brainpy-semantics.md §1.2/§2.1: decay the merged
    /// COBA(E = 0) conductance, x = input (+ the neuron's extra current), I = x + g·(0 − V), exponential Euler, hold
    /// while refractory, threshold, reset. Returns the spiking neurons.</summary>
    static int[] ReferenceStep(float[] v, float[] g, int[] last, int step, float input, float[] cur, int offset, double dt, int refSteps)
    {
        float c = Simulation.ExpEulerCoefficient(MergeA.Tau, dt);
        float d = Simulation.Decay(5.0, dt);
        var spikes = new System.Collections.Generic.List<int>();
        for (int i = 0; i < v.Length; i++)
        {
            float x = i >= offset && i < offset + cur.Length ? input + cur[i - offset] : input;
            float vOld = v[i];
            g[i] *= d;
            float current = x + g[i] * (0f - vOld);
            float vNew = vOld + c * (MergeA.VRest + MergeA.R * current - vOld);
            if ((long)step - last[i] <= refSteps) vNew = vOld; // int.MinValue start: never refractory
            if (vNew >= MergeA.VTh)
            {
                vNew = MergeA.VReset;
                last[i] = step;
                spikes.Add(i);
            }
            v[i] = vNew;
        }
        return spikes.ToArray();
    }

    [Fact]
    public void SliceInput_ChangesExactlyTheTargetedNeurons_BitForBitAgainstAHandWrittenStep()
    {
        // Slice [37, 187): starts and ends inside a vector, so the scalar/vector seams of all three pieces are used.
        const int offset = 37, length = 150;
        foreach (bool simd in new[] { true, false })
        {
            var a = new MergeA(11) { UseSimd = simd };
            var b = new MergeA(11) { UseSimd = simd }; // the scalar input only
            var pa = new FullWeight(a, 12);
            var pb = new FullWeight(b, 12);
            var pre = new PoissonGroup(300, 150, seed: 5);
            float[] v = a.V.ToArray(), g = a.G0.ToArray();
            int[] last = a.LastSpikeStep.ToArray();
            var cur = new float[length];
            int spikesInSlice = 0, spikesOutside = 0;
            var differed = new bool[MergeA.Size];
            for (int step = 0; step < 400; step++)
            {
                var s = pre.Update();
                pa.Deliver(s);
                pb.Deliver(s);
                g = a.G0.ToArray(); // deliveries were added before the step (the reference decays them as Update does)
                Fill(cur, step, offset);
                int[] expected = ReferenceStep(v, g, last, step, 18f, cur, offset, a.Dt, a.RefractorySteps);
                var got = a.Update(18f, cur, offset);
                var other = b.Update(18f);
                Assert.Equal(expected, ToArray(got));
                Assert.Equal(Bits(v), Bits(a.V));
                Assert.Equal(Bits(g), Bits(a.G0));
                Assert.Equal(last, a.LastSpikeStep);
                // Outside the slice: the same bits as the run with the scalar input alone.
                for (int i = 0; i < MergeA.Size; i++)
                {
                    if (i >= offset && i < offset + length) { differed[i] |= a.V[i] != b.V[i]; continue; }
                    Assert.True(BitConverter.SingleToInt32Bits(a.V[i]) == BitConverter.SingleToInt32Bits(b.V[i]), $"simd={simd} step {step}: neuron {i} outside the slice changed");
                    Assert.Equal(a.LastSpikeStep[i], b.LastSpikeStep[i]);
                }
                spikesInSlice += expected.Count(i => i >= offset && i < offset + length);
                spikesOutside += expected.Length - expected.Count(i => i >= offset && i < offset + length);
            }
            Assert.True(spikesInSlice > 100 && spikesOutside > 100, $"simd={simd}: {spikesInSlice} spikes in the slice, {spikesOutside} outside: too few to compare");
            int changed = differed.Count(x => x);
            Assert.True(changed == length, $"simd={simd}: only {changed} of {length} targeted neurons ever differed from the scalar-input run");
        }
    }

    [Fact]
    public void UniformCurrent_GivesTheBitsOfTheSummedScalarInput()
    {
        // input + current[k] is the one addition Update(input + b) does: 19.3 + b rounds, and must round the same way.
        foreach (bool simd in new[] { true, false })
        {
            var a = new MergeA(3) { UseSimd = simd };
            var b = new MergeA(3) { UseSimd = simd };
            var pa = new FullWeight(a, 4);
            var pb = new FullWeight(b, 4);
            var bias = new float[MergeA.Size];
            int spikes = 0;
            for (int step = 0; step < 300; step++)
            {
                float extra = Current(step, 0); // the same for every neuron, a new value each step
                Array.Fill(bias, extra);
                var sa = a.Update(19.3f, bias);
                var sb = b.Update(19.3f + extra);
                Assert.Equal(ToArray(sb), ToArray(sa));
                spikes += sa.Count;
                pa.Deliver(sa);
                pb.Deliver(sb);
            }
            Assert.True(spikes > 500, $"only {spikes} spikes");
            Assert.Equal(Bits(b.V), Bits(a.V));
            Assert.Equal(Bits(b.G0), Bits(a.G0));
        }
    }

    [Fact]
    public void EmptyCurrent_IsTheScalarStep()
    {
        var a = new MergeA(8);
        var b = new MergeA(8);
        for (int step = 0; step < 100; step++)
            Assert.Equal(ToArray(b.Update(21f)), ToArray(a.Update(21f, ReadOnlySpan<float>.Empty, step % 2 == 0 ? 0 : MergeA.Size)));
        Assert.Equal(Bits(b.V), Bits(a.V));
    }

    [Fact]
    public void SimdOnOffAndOneTwoThreads_GiveIdenticalBitsOnTheNewPath()
    {
        // Wide (40 003 neurons): with 2 threads the chunk boundary (19 968) falls inside the slice [10 007, 30 011), and
        // the scalar steps in between check that a threaded per-neuron step leaves nothing behind for the next one.
        const int offset = 10_007, length = 20_004;
        var runs = new (bool simd, int threads)[] { (true, 1), (true, 2), (false, 1), (false, 2) };
        var pops = runs.Select(r => new Wide(9) { UseSimd = r.simd, Threads = r.threads }).ToArray();
        var cur = new float[length];
        long spikes = 0;
        for (int step = 0; step < 60; step++)
        {
            Fill(cur, step, offset);
            var results = pops.Select(p => step % 3 == 2 ? ToArray(p.Update(19f)) : ToArray(p.Update(19f, cur, offset))).ToArray();
            for (int r = 1; r < runs.Length; r++)
                Assert.True(results[0].AsSpan().SequenceEqual(results[r]), $"step {step}: simd={runs[r].simd}, threads={runs[r].threads} spikes differ");
            spikes += results[0].Length;
        }
        Assert.True(spikes > 1000, $"only {spikes} spikes");
        for (int r = 1; r < runs.Length; r++)
        {
            Assert.Equal(Bits(pops[0].V), Bits(pops[r].V));
            Assert.Equal(pops[0].LastSpikeStep, pops[r].LastSpikeStep);
        }
        // And the threaded run is the hand-fed one: neurons outside the slice match a scalar-only population.
        var scalarOnly = new Wide(9) { Threads = 2 };
        var perNeuron = new Wide(9) { Threads = 2 };
        for (int step = 0; step < 30; step++)
        {
            Fill(cur, step, offset);
            scalarOnly.Update(19f);
            perNeuron.Update(19f, cur, offset);
        }
        for (int i = 0; i < Wide.Size; i++)
            if (i < offset || i >= offset + length)
                Assert.True(BitConverter.SingleToInt32Bits(scalarOnly.V[i]) == BitConverter.SingleToInt32Bits(perNeuron.V[i]), $"neuron {i} outside the slice changed");
        Assert.True(Enumerable.Range(offset, length).Count(i => scalarOnly.V[i] != perNeuron.V[i]) > length / 2);
    }

    [Fact]
    public void SliceOutsideThePopulation_ThrowsNamingMemberAndValues_AndTakesNoStep()
    {
        var a = new MergeA(1);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => a.Update(20f, new float[3], -1));
        Assert.Equal("offset", ex.ParamName);
        Assert.Contains("MergeA.Update: offset is -1", ex.Message);
        ex = Assert.Throws<ArgumentOutOfRangeException>(() => a.Update(20f, ReadOnlySpan<float>.Empty, MergeA.Size + 1));
        Assert.Contains("offset is 301", ex.Message);
        ex = Assert.Throws<ArgumentOutOfRangeException>(() => a.Update(20f, new float[10], 295));
        Assert.Equal("current", ex.ParamName);
        Assert.Contains("MergeA.Update: current.Length is 10 at offset 295", ex.Message);
        Assert.Contains("neuron 304", ex.Message);
        Assert.Contains("at most 5 values", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Update(20f, new float[MergeA.Size + 1]));
        Assert.Equal(0, a.StepIndex);
        a.Update(20f, new float[5], 295); // the last neurons exactly: accepted
        a.Update(20f, new float[MergeA.Size]);
        Assert.Equal(2, a.StepIndex);
    }

    [Fact]
    public void PerNeuronUpdate_AllocatesNothing_SingleAndMultiThreaded()
    {
        var small = new MergeA(2);
        var cur = new float[100];
        Fill(cur, 0, 50);
        for (int s = 0; s < 50; s++) small.Update(20f, cur, 50); // warm-up (tiering)
        AllocationAssert.ZeroInSteadyState(() => { for (int s = 0; s < 200; s++) small.Update(20f, cur, 50); });

        var wide = new Wide(2) { Threads = 2 };
        var wcur = new float[30_000];
        Fill(wcur, 0, 5000);
        for (int s = 0; s < 20; s++) wide.Update(20f, wcur, 5000); // the first threaded call allocates the copy buffer, once
        AllocationAssert.ZeroInSteadyState(() => { for (int s = 0; s < 50; s++) wide.Update(20f, wcur, 5000); });
    }

    static int[] Bits(float[] a) => a.Select(BitConverter.SingleToInt32Bits).ToArray();

    static int[] ToArray(Spikes s)
    {
        var r = new int[s.Count];
        s.CopyTo(r);
        return r;
    }
}
