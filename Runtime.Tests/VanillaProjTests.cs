using System;
using SpikeSharp;
using Xunit;

namespace SpikeSharp.Runtime.Tests.Vanilla;

// --- [VanillaProj]: the user's values → each value comm → its own Cuba output on one LifRef post (no pre, no delay, no synapse).
[Population(60)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 2)] [InitUniform("V", Min = -60, Max = -52)]
public partial class VpPost;

[VanillaProj(Post = typeof(VpPost))] [CSRLinear(40, 60, Prob = 0.2, Weight = 0.5, Seed = 7)] [Cuba] public partial class VpCsr;
[VanillaProj(Post = typeof(VpPost))] [JitFPHomoLinear(40, 60, Prob = 0.2, Weight = 0.3, Seed = 8)] [Cuba] public partial class VpJitHomo;
[VanillaProj(Post = typeof(VpPost))] [JitFPUniformLinear(40, 60, Prob = 0.15, WLow = 0.1, WHigh = 0.6, Seed = 9)] [Cuba] public partial class VpJitUni;
[VanillaProj(Post = typeof(VpPost))] [JitFPNormalLinear(40, 60, Prob = 0.25, WMu = 0.4, WSigma = 0.1, Seed = 10)] [Cuba] public partial class VpJitNorm;
[VanillaProj(Post = typeof(VpPost))] [AllToAll(40, 60, Weight = 0.02)] [Cuba] public partial class VpA2A;
[VanillaProj(Post = typeof(VpPost))] [OneToOne(60, Weight = 0.7)] [Cuba] public partial class VpO2O;

public class VanillaProjTests
{
    const int Steps = 400;

    /// <summary>W[i, j] of a JIT comm from JitConnectivity.Targets and the weight rule (homo: the weight).</summary>
    static double[,] Jit(string kind, ulong seed, ulong stream, int numIn, int numOut, double prob, float a, float b)
    {
        var m = new double[numIn, numOut];
        var t = new int[numOut];
        for (int i = 0; i < numIn; i++)
        {
            int n = JitConnectivity.Targets(seed, stream, i, numOut, prob, t);
            for (int k = 0; k < n; k++)
                m[i, t[k]] += kind switch
                {
                    "Homo" => a,
                    "Uniform" => JitComms.UniformWeight(seed, stream, i, t[k], a, b),
                    _ => JitComms.NormalWeight(seed, stream, i, t[k], a, b),
                };
        }
        return m;
    }

    sealed class Setup
    {
        public readonly VpPost Post;
        public readonly VpCsr Csr;
        public readonly VpJitHomo Jh;
        public readonly VpJitUni Ju;
        public readonly VpJitNorm Jn;
        public readonly VpA2A A2A;
        public readonly VpO2O O2O;
        public readonly double[][,] W;
        public readonly float[] X40 = new float[40], X60 = new float[60];

        public Setup(int threads)
        {
            Post = new VpPost(seed: 3, dt: 0.1);
            Csr = new VpCsr(Post) { Threads = threads };
            Jh = new VpJitHomo(Post) { Threads = threads };
            Ju = new VpJitUni(Post) { Threads = threads };
            Jn = new VpJitNorm(Post) { Threads = threads };
            A2A = new VpA2A(Post);
            O2O = new VpO2O(Post);
            var csr = new double[40, 60];
            for (int i = 0; i < 40; i++)
                foreach (int j in Csr.Matrix.Targets(i)) csr[i, j] += VpCsr.Weight;
            var a2a = new double[40, 60];
            for (int i = 0; i < 40; i++) for (int j = 0; j < 60; j++) a2a[i, j] = VpA2A.Weight;
            var o2o = new double[60, 60];
            for (int i = 0; i < 60; i++) o2o[i, i] = VpO2O.Weight;
            W = new[]
            {
                csr,
                Jit("Homo", Jh.Seed, Jh.StreamId, 40, 60, VpJitHomo.Prob, VpJitHomo.Weight, 0),
                Jit("Uniform", Ju.Seed, Ju.StreamId, 40, 60, VpJitUni.Prob, VpJitUni.WLow, VpJitUni.WHigh),
                Jit("Normal", Jn.Seed, Jn.StreamId, 40, 60, VpJitNorm.Prob, VpJitNorm.WMu, VpJitNorm.WSigma),
                a2a, o2o,
            };
        }

        /// <summary>BrainPy's order: each projection's update(x) binds comm(x) to its output, then the post updates.</summary>
        public void Step(Random r, float ext)
        {
            for (int i = 0; i < 40; i++) X40[i] = (float)(r.NextDouble() * 2);
            for (int i = 0; i < 60; i++) X60[i] = (float)r.NextDouble();
            Csr.Update(X40); Jh.Update(X40); Ju.Update(X40); Jn.Update(X40); A2A.Update(X40); O2O.Update(X60);
            Post.Update(ext);
        }

        public float[] Input(int p) => (p switch
        {
            0 => Csr.Input, 1 => Jh.Input, 2 => Ju.Input, 3 => Jn.Input, 4 => A2A.Input, _ => O2O.Input,
        }).ToArray();
    }

    [Fact]
    public void EachComm_AndThePost_FollowANaiveDenseReference_For400Steps()
    {
        var s = new Setup(1);
        var refs = new RefLifRef[60];
        for (int j = 0; j < 60; j++) refs[j] = new RefLifRef(-60, -60, -50, 20, tauRef: 2, v0: s.Post.V[j], dt: 0.1);
        var r = new Random(11);
        int spikes = 0;
        for (int t = 0; t < Steps; t++)
        {
            s.Step(r, 2f);
            var current = new double[60];
            for (int p = 0; p < 6; p++)
            {
                var w = s.W[p];
                var x = p == 5 ? s.X60 : s.X40;
                var got = s.Input(p);
                for (int j = 0; j < 60; j++)
                {
                    double want = 0;
                    for (int i = 0; i < x.Length; i++) want += w[i, j] * x[i];
                    Assert.True(Math.Abs(got[j] - want) <= 1e-5 * (1 + Math.Abs(want)), $"step {t}, comm {p}, post {j}: {got[j]} vs {want}");
                    current[j] += want;
                }
            }
            var spiked = new bool[60];
            for (int k = 0; k < s.Post.Spike.Count; k++) spiked[s.Post.Spike.IndexAt(k)] = true;
            for (int j = 0; j < 60; j++)
            {
                bool fired = refs[j].Step(2 + current[j]);
                Assert.True(fired == spiked[j], $"step {t}, neuron {j}: spike {spiked[j]} vs reference {fired}");
                Assert.True(Math.Abs(s.Post.V[j] - refs[j].V) < 2e-3, $"step {t}, neuron {j}: V {s.Post.V[j]} vs {refs[j].V}");
                if (fired) spikes++;
            }
        }
        Assert.True(spikes > 50, $"only {spikes} spikes: the test would not see the drive");
        // The JIT comms' matrices differ (a swapped kernel would not match its own reference).
        double d = 0;
        for (int i = 0; i < 40; i++) for (int j = 0; j < 60; j++) d += Math.Abs(s.W[1][i, j] - s.W[2][i, j]) + Math.Abs(s.W[2][i, j] - s.W[3][i, j]);
        Assert.True(d > 1);
    }

    [Fact]
    public void Update_AllocatesNothing_IsTheSameForTwoThreads_AndChecksTheLength()
    {
        var one = new Setup(1);
        var two = new Setup(2);
        var r1 = new Random(5);
        var r2 = new Random(5);
        for (int t = 0; t < 100; t++)
        {
            one.Step(r1, 2f);
            two.Step(r2, 2f);
            for (int p = 0; p < 6; p++) Assert.Equal(one.Input(p), two.Input(p));
            Assert.Equal(one.Post.V, two.Post.V);
        }
        AllocationAssert.ZeroInSteadyState(() => { for (int t = 0; t < 50; t++) one.Step(r1, 2f); });
        var ex = Assert.Throws<ArgumentException>(() => one.Csr.Update(new float[39]));
        Assert.Contains("NumIn = 40", ex.Message);
    }
}
