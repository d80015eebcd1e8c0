using System.Linq;
using Xunit;

namespace SpikeSharp.Generator.Tests;

/// <summary>The target user code of ../shared/docs/design.md compiles as written, with the generated code.</summary>
public class DesignDocTests
{
    const string DesignMdUserCode = """
        using SpikeSharp;

        [Population(4000)]
        [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 5)]
        [InitNormal("V", Mean = -55, Std = 2)]
        public partial class Neurons;

        [HalfProjAlignPostMg(Post = typeof(Neurons))]
        [EventJitFPHomoLinear(3200, 4000, Prob = 0.02, Weight = 0.6)]
        [Expon(Tau = 5)]
        [Coba(E = 0)]
        public partial class Excitatory;

        [HalfProjAlignPostMg(Post = typeof(Neurons))]
        [EventJitFPHomoLinear(800, 4000, Prob = 0.02, Weight = 6.7)]
        [Expon(Tau = 10)]
        [Coba(E = -80)]
        public partial class Inhibitory;

        public sealed class EINet
        {
            public readonly Neurons N = new(seed: 1);
            readonly SpikeDelay delay = new(size: 4000, maxSteps: 0);   // VarDelay(N.spike, entries={'I': None})
            readonly Excitatory e;
            readonly Inhibitory i;

            public EINet() { e = new(N, seed: 2); i = new(N, seed: 3); }

            // "Half" projections: the model's update hands them their spikes.
            public Spikes Update(float input)
            {
                var spk = delay.At(0);
                e.Deliver(spk[..3200]);
                i.Deliver(spk[3200..]);
                return delay.Push(N.Update(input));
            }
        }
        """;

    [Fact]
    public void DesignMdTargetCode_CompilesWithoutErrorsOrWarnings()
    {
        var result = GeneratorHarness.Run(DesignMdUserCode);
        Assert.Equal(3, result.Sources.Count);
        var problems = result.Output.GetDiagnostics()
            .Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning)
            .Select(d => d.ToString()).ToList();
        Assert.Empty(problems);
        Assert.Empty(GeneratorHarness.Analyze(DesignMdUserCode));
    }
}
