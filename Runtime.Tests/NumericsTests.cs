using System;
using System.Linq;
using System.Reflection;
using EINet;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

// --- Populations whose step counter the counter tests position by reflection (40 neurons: 32 in the vector loop
// (16 or 8 wide), 8 in the scalar tail).
[Population(40)]
[LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)]
[InitConstant("V", -60)]
public partial class CounterCells;

// TauRef of 1e9 ms: 1e10 steps, clamped to int.MaxValue (held for the rest of any run).
[Population(40)]
[LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 1e9)]
[InitConstant("V", -60)]
public partial class EndlessRefractory;

// 1.1e8 ms = 1.1e9 steps ≥ 2^30: with the old int.MinValue / 2 sentinel, refractory from step 0.
[Population(40)]
[LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 1.1e8)]
[InitConstant("V", -60)]
public partial class LongRefractory;

// 1109 neurons = 17 unrolled iterations of 64 + one 16-lane vector + a scalar tail of 5 (Vector512), TauRef 2 ms = 20 steps:
// every path of the refractory hold.
[Population(1109)]
[LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 2)]
[InitNormal("V", Mean = -56, Std = 4)]
public partial class CounterPaths;

// 254 and 255 refractory steps (around a byte's range, where a compact refractory counter would change form).
// 100 neurons: one unrolled iteration of 64, two 16-lane vectors, a scalar tail of 4.
[Population(100)]
[LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 25.45)]
[InitConstant("V", -60)]
public partial class Hold254;

[Population(100)]
[LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 25.55)]
[InitConstant("V", -60)]
public partial class Hold255;

/// <summary>Connectivity at tiny probabilities (issue 8, item 2).</summary>
public class TinyProbabilityTests
{
    [Theory]
    [InlineData(1e-300)]
    [InlineData(double.Epsilon)]
    [InlineData(1e-17)]
    [InlineData(1e-10)]
    [InlineData(2.5e-12)]
    public void Log1m_IsAccurate_ForTinyProb(double p)
    {
        // ln(1 − p) = −p − p²/2 − …: for p ≤ 1e-10 the second term is below 1e-10 of the first.
        double l = JitConnectivity.Log1m(p);
        Assert.True(Math.Abs(l / -p - 1) < 1e-9, $"Log1m({p}) = {l}");
        Assert.True(JitConnectivity.SkipScale(p) < 0);
    }

    [Theory]
    [InlineData(0.02)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Log1m_AgreesWithTheSeries(double p)
    {
        // ln(1 − p) = −artanh-series: 2·atanh(p / (p − 2)), converging fast for every p < 1.
        double x = p / (p - 2), x2 = x * x, term = x, sum = 0;
        for (int k = 1; k < 4000; k += 2) { sum += term / k; term *= x2; }
        Assert.Equal(2 * sum, JitConnectivity.Log1m(p), 1e-14);
        Assert.Equal(double.NegativeInfinity, JitConnectivity.Log1m(1));
    }

    /// <summary>The skip of one draw is geometric: P(skip &lt; k) = 1 − (1 − p)^k ≈ 1 − e^(−kλ). Checked at two quantiles
    /// over 100 000 counters, through the table (<see cref="GeometricSkips.Next"/>) and the reference formula.</summary>
    [Theory]
    [InlineData(0.3)]
    [InlineData(1e-6)]
    [InlineData(1e-10)]
    [InlineData(1e-17)]       // 1 − p rounds to 1: before the fix every skip was −∞ (all-to-all)
    [InlineData(8.673617e-19)] // 2⁻⁶⁰: the median skip 8e17 is still below the long saturation
    public void Skip_IsGeometric_AtTheMedianAndTheTenthPercentile(double p)
    {
        const int n = 100_000;
        var skips = GeometricSkips.For(p);
        double lambda = -JitConnectivity.Log1m(p);
        double median = Math.Log(2) / lambda, tenth = -Math.Log(0.9) / lambda;
        int belowMedian = 0, belowTenth = 0;
        for (ulong i = 0; i < n; i++)
        {
            ulong ctr = 777 + (i + 1) * CounterRng.Gamma;
            long k = skips.Next(ctr);
            Assert.Equal(JitConnectivity.Skip(ctr, skips.Scale, skips.TopDivisor), k);
            Assert.True(k >= 0);
            if (k < median) belowMedian++;
            if (k < tenth) belowTenth++;
        }
        // Skips are integers: P(k < m) = 1 − (1 − p)^⌈m⌉.
        foreach (var (count, m) in new[] { (belowMedian, median), (belowTenth, tenth) })
        {
            double q = 1 - Math.Exp(Math.Ceiling(m) * JitConnectivity.Log1m(p)), se = Math.Sqrt(q * (1 - q) / n);
            Assert.InRange(count / (double)n, q - 4 * se, q + 4 * se);
        }
    }

    [Fact]
    public void TopCell_IsRefined_SoASkipOfZeroKeepsProbabilityP()
    {
        // Every counter whose draw lies in the top cell u = 2⁵³ (U within 2⁻⁵³ of 1; there are 2048 of them).
        // Unrefined, all would give skip 0 (a connection with probability ≥ 2⁻⁵³ whatever p). Refined, skip 0 has
        // probability λ·2⁵³ within the cell: 0.09 for p = 1e-17, and 0 in practice for p = 1e-300.
        foreach (var (p, expected) in new[] { (1e-17, 1e-17 * 9007199254740992.0), (1e-300, 0.0), (double.Epsilon, 0.0) })
        {
            double scale = JitConnectivity.SkipScale(p), top = JitConnectivity.TopCellDivisor(p);
            int zero = 0;
            for (ulong low = 0; low < 2048; low++)
            {
                ulong ctr = JitDeliveryTests.Unmix(ulong.MaxValue - low);
                long k = JitConnectivity.Skip(ctr, scale, top);
                Assert.True(k >= 0);
                if (k == 0) zero++;
            }
            double se = Math.Sqrt(Math.Max(expected * (1 - expected), 1e-9) / 2048);
            Assert.InRange(zero / 2048.0, expected - 4 * se, expected + 4 * se);
        }
    }

    [Fact]
    public void ModerateProb_ExpectedCount_OverTheWholeIntRange()
    {
        // numOut = int.MaxValue (16 blocks of 134 M posts): p·numOut = 0.2147 per pre neuron, skips far beyond int range.
        const int pres = 20_000;
        const double p = 1e-10;
        var t = new int[64];
        long total = 0;
        for (int pre = 0; pre < pres; pre++)
        {
            int n = JitConnectivity.Targets(11, 0, pre, int.MaxValue, p, t);
            for (int k = 0; k < n; k++)
            {
                Assert.InRange(t[k], 0, int.MaxValue - 1);
                if (k > 0) Assert.True(t[k] > t[k - 1]);
            }
            total += n;
        }
        double expected = pres * p * int.MaxValue, se = Math.Sqrt(expected);
        Assert.InRange(total, expected - 4 * se, expected + 4 * se);
    }

    [Theory]
    [InlineData(1e-300)]
    [InlineData(double.Epsilon)]
    [InlineData(1e-17)] // expectation 2000 · 2.1e-8 = 4e-5
    public void AstronomicallySmallExpectation_GivesNoTarget(double p)
    {
        var t = new int[16];
        for (int pre = 0; pre < 2000; pre++)
            Assert.Equal(0, JitConnectivity.Targets(3, 0, pre, int.MaxValue, p, t));
    }

    [Theory]
    [InlineData(1e-17)]
    [InlineData(double.Epsilon)]
    [InlineData(1e-300)]
    [InlineData(1e-6)]
    public void BothWalks_AgreeWithTheReference_AtTinyProb(double p)
    {
        const int numOut = 400_000;
        var skips = GeometricSkips.For(p);
        int blocks = JitConnectivity.BlockCount(numOut);
        var pres = Enumerable.Range(0, 500).Select(k => k * 3).ToArray();
        var expected = new float[numOut];
        var t = new int[numOut];
        foreach (int pre in pres)
        {
            int n = JitConnectivity.Targets(8, 4, pre, numOut, p, t);
            for (int k = 0; k < n; k++) expected[t[k]] += 1f;
        }
        var spikes = new Spikes(pres, 1500);
        var scalar = new float[numOut];
        JitDelivery.AddHomo(scalar, 8, 4, spikes, skips, 1f, 0, blocks, batched: false);
        Assert.Equal(expected, scalar);
        if (JitDelivery.s_batched)
        {
            var batched = new float[numOut];
            JitDelivery.AddHomo(batched, 8, 4, spikes, skips, 1f, 0, blocks, batched: true);
            Assert.Equal(expected, batched);
        }
        double mean = 500 * numOut * p; // 200 ± 14 for p = 1e-6; astronomically small otherwise
        Assert.InRange(expected.Sum(), mean - 4 * Math.Sqrt(mean) - 1e-9, mean + 4 * Math.Sqrt(mean) + 1e-9);
    }
}

/// <summary>Projections get their own streams (issue 8, item 3).</summary>
public class StreamIdentityTests
{
    static int[] Targets(ulong seed, ulong stream, int pre)
    {
        var t = new int[4000];
        int n = JitConnectivity.Targets(seed, stream, pre, 4000, 0.02, t);
        return t.AsSpan(0, n).ToArray();
    }

    /// <summary>The conductance a projection adds for the single spike of pre neuron <paramref name="pre"/>.</summary>
    static float[] Delivered(Func<Neurons, Action<Spikes>> make, int pre, int numIn)
    {
        var post = new Neurons(0);
        make(post)(new Spikes(new[] { pre }, numIn));
        return post.G0.Zip(post.G1, (a, b) => a + b).ToArray();
    }

    static bool SamePattern(float[] a, float[] b) => a.Select(x => x != 0).SequenceEqual(b.Select(x => x != 0));

    [Fact]
    public void DefaultStreamId_IsTheHashOfTheFullName_AndDiffersBetweenProjections()
    {
        Assert.Equal(Excitatory.DefaultStreamId, CounterRng.NameStreamId(typeof(Excitatory).FullName!));
        Assert.Equal(Inhibitory.DefaultStreamId, CounterRng.NameStreamId(typeof(Inhibitory).FullName!));
        Assert.NotEqual(Excitatory.DefaultStreamId, Inhibitory.DefaultStreamId);
        var post = new Neurons(0);
        Assert.Equal(Excitatory.DefaultStreamId, new Excitatory(post).StreamId);
        Assert.Equal(123UL, new Excitatory(post, 1, 123).StreamId);
    }

    [Fact]
    public void SeedNetwork_EAndI_WithTheSameSeed_HaveUnrelatedTargets()
    {
        // Before: both `(post)` constructors used seed 0 and the streams were keyed by (seed, pre, block) only, so
        // E neuron k and I neuron 3200 + k had identical targets.
        int identical = 0, sharedPosts = 0, total = 0;
        for (int k = 0; k < 200; k++)
        {
            var e = Delivered(n => new Excitatory(n).Deliver, k, 3200);
            var i = Delivered(n => new Inhibitory(n).Deliver, k, 800);
            if (SamePattern(e, i)) identical++;
            for (int j = 0; j < 4000; j++)
            {
                if (e[j] != 0 && i[j] != 0) sharedPosts++;
                if (e[j] != 0) total++;
            }
        }
        Assert.Equal(0, identical);
        // Independent lists share a fraction p = 0.02 of their targets: 16 000 · 0.02 = 320 ± 18.
        Assert.InRange(sharedPosts, total * 0.02 - 80, total * 0.02 + 80);
    }

    [Fact]
    public void ConsecutiveSeeds_AreIndependent()
    {
        // The sample builds E with seed s + 1 and I with seed s + 2: I of run s must not be E of run s + 1.
        int identical = 0;
        for (ulong s = 0; s < 10; s++)
            for (int k = 0; k < 20; k++)
            {
                var iOfRunS = Delivered(n => new Inhibitory(n, s + 2).Deliver, k, 800);
                var eOfRunSPlus1 = Delivered(n => new Excitatory(n, s + 1 + 1).Deliver, k, 3200);
                if (SamePattern(iOfRunS, eOfRunSPlus1)) identical++;
            }
        Assert.Equal(0, identical);
    }

    [Fact]
    public void SharedStreams_OnlyWhenAskedFor()
    {
        // Same seed and the same explicit stream id: E's pre k and I's pre k get the same targets (same NumOut, Prob).
        for (int k = 0; k < 50; k++)
        {
            var e = Delivered(n => new Excitatory(n, 5, 42).Deliver, k, 3200);
            var i = Delivered(n => new Inhibitory(n, 5, 42).Deliver, k, 800);
            Assert.True(SamePattern(e, i), $"pre {k}");
            Assert.Equal(Targets(5, 42, k), Enumerable.Range(0, 4000).Where(j => e[j] != 0).ToArray());
        }
    }
}

/// <summary>Spikes validation (issue 8, item 7).</summary>
public class SpikesValidationTests
{
    [Fact]
    public void Constructor_RejectsOutOfRange_NamingPositionAndValue()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Spikes(new[] { 5000, -1 }, 4000));
        Assert.Contains("5000", ex.Message);
        Assert.Contains("position 0", ex.Message);
        ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Spikes(new[] { 1, 2, -1 }, 4000));
        Assert.Contains("-1", ex.Message);
        Assert.Contains("position 2", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Spikes(new[] { 4 }, 4));
    }

    [Fact]
    public void Constructor_RejectsUnsortedAndRepeated()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Spikes(new[] { 5, 1, 1 }, 10));
        Assert.Contains("position 1", ex.Message);
        Assert.Contains("1 after 5", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => new Spikes(new[] { 1, 3, 3 }, 10));
        Assert.Contains("position 2", ex.Message);
        var delay = new SpikeDelay(10);
        Assert.Throws<ArgumentException>(() => delay.Push(new Spikes(new[] { 5, 1, 1 }, 10)));
        Assert.Equal(new[] { 0, 9 }, ToArray(new Spikes(new[] { 0, 9 }, 10)));
    }

    [Fact]
    public void BadSpikes_CannotReachTheConductance()
    {
        // Before, [5000, -1] was accepted and Deliver wrote through the unchecked walk.
        var post = new Neurons(0);
        var e = new Excitatory(post);
        Assert.ThrowsAny<ArgumentException>(() => e.Deliver(new Spikes(new[] { 5000, -1 }, 3200)));
        Assert.All(post.G0, g => Assert.Equal(0f, g));
    }

    [Fact]
    public void UncheckedFactory_IsHiddenFromIntelliSense_AndKeepsTheIndices()
    {
        var m = typeof(Spikes).GetMethod(nameof(Spikes.FromSortedUnchecked))!;
        var attr = m.GetCustomAttribute<System.ComponentModel.EditorBrowsableAttribute>();
        Assert.Equal(System.ComponentModel.EditorBrowsableState.Never, attr!.State);
        Assert.Equal(new[] { 2, 7 }, ToArray(Spikes.FromSortedUnchecked(new[] { 2, 7 }, 8)));
    }

    static int[] ToArray(Spikes s) { var l = new System.Collections.Generic.List<int>(); foreach (int j in s) l.Add(j); return l.ToArray(); }
}

/// <summary>Step counters near 2³⁰ and 2³¹ − 1 and huge refractory periods (issue 8, item 8).</summary>
public class StepCounterTests
{
    const float Drive = 1e4f; // enough to cross threshold from V = −60 in one step

    static void SetStep(object population, int step) =>
        population.GetType().GetField("__step", BindingFlags.NonPublic | BindingFlags.Instance)!.SetValue(population, step);

    /// <summary>Runs <paramref name="steps"/> steps from step <paramref name="start"/> with a strong drive; returns, per
    /// step, how many neurons fired, for the SIMD and scalar paths (asserted bit-identical).</summary>
    static int[] Run(Func<bool, CounterCells> make, int start, int steps)
    {
        int[] Path(bool simd)
        {
            var pop = make(simd);
            SetStep(pop, start);
            var counts = new int[steps];
            for (int s = 0; s < steps; s++) counts[s] = pop.Update(Drive).Count;
            return counts;
        }
        var a = Path(true);
        Assert.Equal(a, Path(false));
        return a;
    }

    [Theory]
    [InlineData(1 << 30)]            // 29.8 h at 0.1 ms: before, never-fired neurons froze here
    [InlineData((1 << 30) + 12345)]
    [InlineData(int.MaxValue - 120)] // the last steps before the counter ends
    public void NeverFiredNeurons_FireAndAreHeldExactly50Steps_AtLargeStepIndices(int start)
    {
        var counts = Run(simd => new CounterCells { UseSimd = simd }, start, 110);
        for (int s = 0; s < 110; s++)
            Assert.Equal(s % 51 == 0 ? 40 : 0, counts[s]); // fire, 50 held steps, fire, ...
    }

    static int[] Indices(Spikes s)
    {
        var a = new int[s.Count];
        s.CopyTo(a);
        return a;
    }

    [Fact]
    public void LastSpikeStep_WrittenByHand_TakesEffectAtTheNextStep()
    {
        foreach (bool simd in new[] { true, false })
        {
            var pop = new CounterPaths(3) { UseSimd = simd };
            for (int s = 0; s < 30; s++) pop.Update(0); // no input: V decays towards −60, nobody fires
            int step = pop.StepIndex;
            // Neurons 0, 70 (unrolled loop), 1090 (16-lane vector) and 1107 (scalar tail) "fired" one step ago: held now.
            int[] marked = [0, 70, 1090, 1107];
            foreach (int k in marked) pop.LastSpikeStep[k] = step - 1;
            var fired = Indices(pop.Update(1e4f)); // a drive that fires every free neuron
            Assert.Equal(CounterPaths.Size - marked.Length, fired.Length);
            foreach (int k in marked) Assert.DoesNotContain(k, fired);
            // And forgetting a spike frees the neuron at once: every neuron fired or was marked within 20 steps, so all are held...
            Assert.Equal(0, pop.Update(1e4f).Count);
            pop.LastSpikeStep.AsSpan().Fill(int.MinValue); // ...until their spikes are erased
            Assert.Equal(CounterPaths.Size, pop.Update(1e4f).Count);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RefractoryPeriods_OfAByteAndMore_HoldExactlyRefractorySteps(bool simd)
    {
        var a = new Hold254 { UseSimd = simd };
        var b = new Hold255 { UseSimd = simd };
        Assert.Equal(254, a.RefractorySteps);
        Assert.Equal(255, b.RefractorySteps);
        foreach (var (update, r) in new (Func<int>, int)[] { (() => a.Update(1e4f).Count, 254), (() => b.Update(1e4f).Count, 255) })
            for (int cycle = 0; cycle < 3; cycle++)
            {
                Assert.Equal(100, update()); // fires, then held for exactly r steps
                for (int s = 1; s <= r; s++) Assert.Equal(0, update());
            }
    }

    [Fact]
    public void ASpikeRecordedAfterTheCurrentStep_Holds_AsBrainPysTMinusTLastRule()
    {
        // BrainPy holds while t − t_last ≤ τ_ref, which a negative difference satisfies (a counter moved back by hand).
        // The old unsigned test (uint)(step − last) ≤ refSteps read it as huge and let the neuron fire.
        foreach (bool simd in new[] { true, false })
        {
            var pop = new CounterCells { UseSimd = simd };
            SetStep(pop, 1000);
            Assert.Equal(40, pop.Update(Drive).Count); // every neuron fires at step 1000
            SetStep(pop, 900);                         // now 100 steps before that spike
            for (int s = 0; s < 5; s++) Assert.Equal(0, pop.Update(Drive).Count);
            SetStep(pop, 1051);                        // 51 steps after it: free again (TauRef 5 ms = 50 steps)
            Assert.Equal(40, pop.Update(Drive).Count);
        }
    }

    [Fact]
    public void StepCounter_StopsWithAMessage_AtIntMaxValue()
    {
        var pop = new CounterCells();
        SetStep(pop, int.MaxValue - 1);
        pop.Update(0);
        var ex = Assert.Throws<InvalidOperationException>(() => pop.Update(0));
        Assert.Contains("CounterCells", ex.Message);
        Assert.Contains("int.MaxValue", ex.Message);
    }

    [Fact]
    public void HugeTauRef_FiresAtStepZero_ThenStaysHeld()
    {
        Assert.Equal(int.MaxValue, new EndlessRefractory().RefractorySteps);
        Assert.Equal(int.MaxValue, Simulation.RefractorySteps(double.MaxValue, 0.1));
        foreach (bool simd in new[] { true, false })
        {
            var endless = new EndlessRefractory { UseSimd = simd };
            Assert.Equal(40, endless.Update(Drive).Count);
            for (int s = 0; s < 100; s++) Assert.Equal(0, endless.Update(Drive).Count);
            // Held even at the far end of the counter.
            SetStepOf(endless, int.MaxValue - 2);
            Assert.Equal(0, endless.Update(Drive).Count);

            var longRef = new LongRefractory { UseSimd = simd };
            Assert.Equal(1_100_000_000, longRef.RefractorySteps);
            Assert.Equal(40, longRef.Update(Drive).Count); // before: refractory from step 0 (step − int.MinValue/2 ≤ refSteps)
            Assert.Equal(0, longRef.Update(Drive).Count);
            SetStepOf(longRef, 1_100_000_001); // step 1.1e9 + 1: 1.1e9 + 1 steps after the spike at 0, free again
            Assert.Equal(40, longRef.Update(Drive).Count);
        }
    }

    static void SetStepOf(object pop, int step) => SetStep(pop, step);
}

/// <summary>Initializers that would overflow float (issue 8, item 9).</summary>
public class InitializerOverflowTests
{
    [Fact]
    public void Normal_Throws_WhenADrawIsNotAFiniteFloat()
    {
        var x = new float[1000];
        var ex = Assert.Throws<OverflowException>(() => Initializers.Normal(x, 1, 2, 3e38, 3e38, "Cells.V"));
        Assert.Contains("Cells.V[", ex.Message);
        Assert.Contains("3E+38", ex.Message);
        Initializers.Normal(x, 1, 2, 3e38, 1e30, "Cells.V"); // 3e38 ± 8.6e30 stays finite
        Assert.All(x, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Uniform_Throws_WhenADrawIsNotAFiniteFloat()
    {
        var x = new float[100];
        var ex = Assert.Throws<OverflowException>(() => Initializers.Uniform(x, 1, 2, -1e39, 1e39, "Cells.V"));
        Assert.Contains("Cells.V[", ex.Message);
    }
}
