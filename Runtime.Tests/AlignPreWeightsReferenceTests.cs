using System;
using System.Collections.Generic;
using SpikeSharp;
using Xunit;

namespace SpikeSharp.Runtime.Tests.AlignPreWeightsRef;

// --- FullProjAlignPreDSMg and FullProjAlignPreSDMg × CSRLinear with per-synapse weights (uniform, normal), NMDA, stepped
// in BrainPy's order against float64 synapses per pre neuron and a dense matrix of the same synapses' weights.
[Population(300)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitUniform("V", Min = -60, Max = -50)]
public partial class AwE;
[Population(200)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)] [InitUniform("V", Min = -60, Max = -50)]
public partial class AwP;

[FullProjAlignPreDSMg(Pre = typeof(AwE), Post = typeof(AwP), DelaySteps = 2)] [CSRLinear(300, 200, Prob = 0.1, WLow = 0.01, WHigh = 0.09, Seed = 51)] [Nmda] [MgBlock(E = 0)]
public partial class AwDsUni;
[FullProjAlignPreDSMg(Pre = typeof(AwE), Post = typeof(AwP))] [CSRLinear(300, 200, Prob = 0.1, WMu = 0.05, WSigma = 0.02, Seed = 52)] [Nmda(TauDecay = 50)] [Coba(E = 0)]
public partial class AwDsNorm;
[FullProjAlignPreSDMg(Pre = typeof(AwE), Post = typeof(AwP), DelaySteps = 3)] [CSRLinear(300, 200, Prob = 0.1, WLow = 0.02, WHigh = 0.06, Seed = 53)] [Nmda(TauDecay = 80)] [MgBlock(E = 0)]
public partial class AwSdUni;
[FullProjAlignPreSDMg(Pre = typeof(AwE), Post = typeof(AwP))] [CSRLinear(300, 200, Prob = 0.1, WMu = 0.04, WSigma = 0.01, Seed = 54)] [Nmda(TauDecay = 60)] [Coba(E = 0)]
public partial class AwSdNorm;

[Network]
public partial class AwNet
{
    public AwE E;
    public AwP P;
    public AwDsUni A;
    public AwDsNorm B;
    public AwSdUni C;
    public AwSdNorm D;
}

public class AlignPreWeightsReferenceTests
{
    const double Dt = 0.1;

    static double Phi(double z) => Math.Abs(z) < 1e-12 ? 1 : (Math.Exp(z) - 1) / z;

    /// <summary>NMDA (a = 0.5, τ_rise = 2) per pre neuron in float64 (exp-Euler g from the old x, then x decays and takes the
    /// spike), on the spikes of <c>delay</c> steps ago (this step's when 0); comm = Σ_i g_i·w_ij over the stored synapses.</summary>
    sealed class Reference(CsrMatrix m, float[] weights, int delay, double tauDecay)
    {
        readonly double[] _g = new double[m.NumPre], _x = new double[m.NumPre];
        readonly List<bool[]> _history = new();

        public void Synapse(bool[] spikesNow)
        {
            _history.Add(spikesNow);
            bool[]? s = _history.Count - 1 - delay >= 0 ? _history[_history.Count - 1 - delay] : null;
            for (int i = 0; i < _g.Length; i++)
            {
                double A = -1 / tauDecay - 0.5 * _x[i], f = -_g[i] / tauDecay + 0.5 * _x[i] * (1 - _g[i]);
                _g[i] += Dt * Phi(Dt * A) * f;
                _x[i] = _x[i] * Math.Exp(-Dt / 2) + (s is not null && s[i] ? 1 : 0);
            }
        }

        public double[] Comm()
        {
            var c = new double[m.NumPost];
            for (int i = 0; i < m.NumPre; i++)
            {
                var t = m.Targets(i);
                for (int k = 0; k < t.Length; k++) c[t[k]] += _g[i] * weights[(int)(m.RowStart(i) + k)];
            }
            return c;
        }
    }

    static float[] Weights(SynapseWeights w, CsrMatrix m, ulong seed, ulong stream)
    {
        var sw = new float[m.Synapses];
        w.Fill(sw, seed, stream);
        return sw;
    }

    static bool[] Mask(Spikes s)
    {
        var m = new bool[s.Length];
        for (int k = 0; k < s.Count; k++) m[s.IndexAt(k)] = true;
        return m;
    }

    [Fact]
    public void DsAndSd_WithPerSynapseWeights_FollowTheNaiveDenseReference_For400Steps()
    {
        var net = new AwNet(seed: 9, dt: Dt);
        var wa = Weights(SynapseWeights.Uniform(AwDsUni.WLow, AwDsUni.WHigh), net.A.Matrix, net.A.Seed, net.A.StreamId);
        var wb = Weights(SynapseWeights.Normal(AwDsNorm.WMu, AwDsNorm.WSigma), net.B.Matrix, net.B.Seed, net.B.StreamId);
        var wc = Weights(SynapseWeights.Uniform(AwSdUni.WLow, AwSdUni.WHigh), net.C.Matrix, net.C.Seed, net.C.StreamId);
        var wd = Weights(SynapseWeights.Normal(AwSdNorm.WMu, AwSdNorm.WSigma), net.D.Matrix, net.D.Seed, net.D.StreamId);
        // DS: the synapse on the delayed spikes, the comm reads its g of the last step. SD: the synapse on this step's
        // spikes, the comm reads g pushed max(d, 1) steps ago.
        var refs = new (string Name, Reference R, bool Sd, int D, List<double[]> History, Func<float[]> Input)[]
        {
            ("DS uniform", new Reference(net.A.Matrix, wa, 2, 100), false, 2, new(), () => net.A.Input.ToArray()),
            ("DS normal", new Reference(net.B.Matrix, wb, 0, 50), false, 0, new(), () => net.B.Input.ToArray()),
            ("SD uniform", new Reference(net.C.Matrix, wc, 0, 80), true, 3, new(), () => net.C.Input.ToArray()),
            ("SD normal", new Reference(net.D.Matrix, wd, 0, 60), true, 0, new(), () => net.D.Input.ToArray()),
        };
        var maxC = new double[refs.Length];
        int spikes = 0;
        for (int t = 0; t < 400; t++)
        {
            net.UpdateProjections();
            for (int q = 0; q < refs.Length; q++)
            {
                var (name, r, sd, d, history, input) = refs[q];
                double[] expected = !sd ? r.Comm()
                    : history.Count - Math.Max(d, 1) >= 0 ? history[history.Count - Math.Max(d, 1)] : new double[AwP.Size];
                var actual = input();
                for (int j = 0; j < expected.Length; j++)
                {
                    Assert.True(Math.Abs(expected[j] - actual[j]) <= 1e-4 * Math.Abs(expected[j]) + 1e-6, $"{name}, step {t}, post {j}: {expected[j]:R} vs {actual[j]:R}");
                    maxC[q] = Math.Max(maxC[q], Math.Abs(expected[j]));
                }
            }
            net.UpdatePopulations(12f);
            spikes += net.E.Spike.Count;
            var mask = Mask(net.E.Spike);
            foreach (var (_, r, sd, _, history, _) in refs) { r.Synapse(mask); if (sd) history.Add(r.Comm()); }
            net.UpdateDelays();
        }
        Assert.True(spikes > 100, $"E fired {spikes} spikes");
        for (int q = 0; q < refs.Length; q++) Assert.True(maxC[q] > 0.01, $"{refs[q].Name}: comm output at most {maxC[q]}");
        // The weights really are per synapse.
        Assert.True(wa[0] != wa[1] && wb[0] != wb[1]);
    }
}
