using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using DecisionMaking;
using Xunit;

namespace SpikeSharp.Runtime.Tests;

/// <summary>The decision-making sample (Wang 2002 in BrainPy's decision_making_network.py form): the favoured selective
/// group wins the decision window, the run is finite, allocation-free and the same for 1 and 2 threads.</summary>
public class DecisionMakingTests
{
    /// <summary>The decision window: the last 500 ms of the stimulus period, [600, 1100) ms. The trials stop at its end
    /// (the 500 ms delay period after it does not enter the decision), 11 000 steps each.</summary>
    const double From = Stimulus.PreStimulusMs + 500, To = Stimulus.PreStimulusMs + Stimulus.StimulusMs;

    static (double A, double B, double PreA, double PreB) Decide(ulong seed, double coherence)
    {
        var trial = new Trial(seed, coherence);
        trial.Net.A.Threads = 1; trial.Net.B.Threads = 1; trial.Net.N.Threads = 1; trial.Net.I.Threads = 1;
        var a = new int[(int)To];
        var b = new int[(int)To];
        trial.Run((int)Math.Round(To / Trial.Dt), a, b);
        foreach (var v in new[] { trial.Net.A.V, trial.Net.B.V, trial.Net.N.V, trial.Net.I.V })
            Assert.All(v, x => Assert.True(float.IsFinite(x), "V is not finite"));
        return (Trial.Rate(a, A.Size, From, To), Trial.Rate(b, B.Size, From, To),
            Trial.Rate(a, A.Size, 0, Stimulus.PreStimulusMs), Trial.Rate(b, B.Size, 0, Stimulus.PreStimulusMs));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(-0.5)]
    public void Coherence_FavouredGroupWinsTheDecisionWindow_InAtLeast4Of5Seeds(double coherence)
    {
        // Five independent trials, two at a time (each single-threaded and deterministic: the result does not depend on it).
        var results = new (double A, double B, double PreA, double PreB)[5];
        Parallel.For(0, 5, new ParallelOptions { MaxDegreeOfParallelism = 2 }, k => results[k] = Decide((ulong)(k + 1), coherence));
        int favoured = results.Count(r => coherence > 0 ? r.A > r.B : r.B > r.A);
        string table = string.Join("; ", results.Select((r, k) => $"seed {k + 1}: A {r.A:F1} B {r.B:F1} Hz"));
        Assert.True(favoured >= 4, $"coherence {coherence}: the favoured group won {favoured} of 5 ({table})");
        foreach (var r in results)
        {
            // Spontaneous activity before the stimulus is low (a few Hz at most), and a decision separates the groups.
            Assert.InRange(r.PreA, 0, 5);
            Assert.InRange(r.PreB, 0, 5);
            Assert.True(Math.Max(r.A, r.B) > 10, table);
        }
    }

    [Fact]
    public void Trial_StepAllocatesNothing_AndOneAndTwoThreadsGiveTheSameBits()
    {
        List<int[]> Run(int threads)
        {
            var trial = new Trial(3, 0.5);
            var net = trial.Net;
            net.A.Threads = threads; net.B.Threads = threads; net.N.Threads = threads; net.I.Threads = threads;
            var all = new List<int[]>();
            for (int t = 0; t < 1600; t++) // into the stimulus period (it starts at step 1000)
            {
                trial.GiveInput(t);
                var s = net.Step(0f);
                if (t < 900) continue;
                var a = new int[s.Count];
                for (int k = 0; k < a.Length; k++) a[k] = s.IndexAt(k);
                all.Add(a);
            }
            return all;
        }
        var one = Run(1);
        Assert.Equal(one, Run(2));
        Assert.True(one.Sum(s => s.Length) > 0);

        var trial = new Trial(4, 0.5);
        for (int t = 0; t < 1050; t++) { trial.GiveInput(t); trial.Net.Step(0f); }
        AllocationAssert.ZeroInSteadyState(() => { for (int t = 0; t < 100; t++) { trial.GiveInput(1050 + t); trial.Net.Step(0f); } });
    }

    [Fact]
    public void Stimulus_IsBrainPysGenerateFreqs_ZeroOutside_OneRatePer50Ms()
    {
        var s = new Stimulus(60, seed: 2, "A", 0.1);
        Assert.Equal(20, s.Chunks.Length);
        Assert.Equal(0, s.At(0));
        Assert.Equal(0, s.At(999));
        Assert.Equal(s.Chunks[0], s.At(1000));
        Assert.Equal(s.Chunks[0], s.At(1499));
        Assert.Equal(s.Chunks[1], s.At(1500));
        Assert.Equal(s.Chunks[19], s.At(10999));
        Assert.Equal(0, s.At(11000));
        // Normal(60, 10): 200 chunks over 10 seeds have mean 60 ± 3 and sd 10 ± 2.5.
        var all = Enumerable.Range(0, 10).SelectMany(k => new Stimulus(60, (ulong)k, "A", 0.1).Chunks.ToArray()).ToArray();
        double mean = all.Average(), sd = Math.Sqrt(all.Sum(x => (x - mean) * (x - mean)) / (all.Length - 1));
        Assert.InRange(mean, 57, 63);
        Assert.InRange(sd, 7.5, 12.5);
        Assert.NotEqual(new Stimulus(60, 2, "A", 0.1).Chunks.ToArray(), new Stimulus(60, 2, "B", 0.1).Chunks.ToArray());
    }
}
