using System.Linq;
using Xunit;

namespace SpikeSharp.Generator.Tests;

public class SnapshotTests
{
    [Fact]
    public void SeedNetwork_GeneratedCode_MatchesSnapshot()
    {
        var result = GeneratorHarness.Run(TestModels.Seed);
        Assert.Empty(result.CompileErrors);
        Assert.Equal(new[] { "EINet.Excitatory.g.cs", "EINet.Inhibitory.g.cs", "EINet.Neurons.g.cs" }, result.Sources.Keys.OrderBy(k => k, System.StringComparer.Ordinal));
        SnapshotAssert.Matches(result.Sources, "SeedNetwork");
    }

    [Fact]
    public void Snapshot_Normalize_ReplacesVersionAndLineEndings()
    {
        string text = $"a\r\n[GeneratedCode(\"SpikeSharp.Generator\", \"{SpikeSharpGenerator.Version}\")]";
        Assert.Equal("a\n[GeneratedCode(\"SpikeSharp.Generator\", \"{VERSION}\")]", SnapshotAssert.Normalize(text));
    }
}
