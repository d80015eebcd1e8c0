using System;
using System.IO;
using SpikeSharp;
using Xunit;

namespace SpikeSharp.Runtime.Tests.VanillaNet;

// --- VanillaProj members of a [Network]: one per input kind (a population's spikes, its V, a Poisson group's spikes,
// the user's buffer), beside a Full projection from the same source, all onto one post.
[Population(40)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 2)] [InitUniform("V", Min = -60, Max = -50)]
public partial class VnSrc;
[Population(60)] [LifRef(VRest = -60, VTh = -50, VReset = -60, Tau = 20, TauRef = 2)] [InitUniform("V", Min = -60, Max = -51)]
public partial class VnPost;
[PoissonGroup(40, Freqs = 200)] public partial class VnGroup;

[FullProjAlignPostMg(Pre = typeof(VnSrc), Post = typeof(VnPost), DelaySteps = 2)]
[EventCSRLinear(40, 60, Prob = 0.2, Weight = 0.4)] [Expon(Tau = 5)] [Coba(E = 0)]
public partial class VnFull;
[VanillaProj(Post = typeof(VnPost))] [CSRLinear(40, 60, Prob = 0.2, Weight = 3)] [Cuba] public partial class VnSpikes;
[VanillaProj(Post = typeof(VnPost))] [JitFPHomoLinear(40, 60, Prob = 0.2, Weight = -0.004)] [Cuba] public partial class VnState;
[VanillaProj(Post = typeof(VnPost))] [AllToAll(40, 60, Weight = 0.5)] [Cuba] public partial class VnPoisson;
[VanillaProj(Post = typeof(VnPost))] [OneToOne(60, Weight = 0.7)] [Cuba] public partial class VnUser;

[Network]
public partial class VnNet
{
    public VnSrc Src;
    public VnPost Post;
    public VnGroup Group;
    public VnFull Full;
    [VanillaInput(nameof(Src))] public VnSpikes FromSpikes;
    [VanillaInput(nameof(Src), State = "V")] public VnState FromV;
    [VanillaInput(nameof(Group))] public VnPoisson FromGroup;
    public VnUser FromUser;
}

public class VanillaNetworkTests
{
    const float Input = 25f;

    /// <summary>The same network wired by hand, in BrainPy's DynSysGroup order: projections (the Full one reads its delay,
    /// each VanillaProj gets its input of the last step), populations, delays. Seeds as the network's: member k, seed + k.</summary>
    sealed class HandWired
    {
        public readonly VnSrc Src;
        public readonly VnPost Post;
        public readonly VnGroup Group;
        readonly SpikeDelay _delay = new(VnSrc.Size);
        readonly VnFull _full;
        readonly VnSpikes _spikes;
        readonly VnState _state;
        readonly VnPoisson _poisson;
        readonly VnUser _user;
        readonly float[] _src = new float[40], _grp = new float[40];
        public readonly float[] User = new float[60];

        public HandWired(ulong seed)
        {
            Src = new VnSrc(seed, 0.1);
            Post = new VnPost(seed + 1, 0.1);
            Group = new VnGroup(seed + 2, 0.1);
            _full = new VnFull(Src, Post, _delay, seed + 3);
            _spikes = new VnSpikes(Post, seed + 4);
            _state = new VnState(Post, seed + 5);
            _poisson = new VnPoisson(Post); // dense comms draw nothing: no seed (the network passes none either)
            _user = new VnUser(Post);
        }

        public void Step()
        {
            _full.Update();
            Array.Clear(_src);
            foreach (int i in Src.Spike) _src[i] = 1;
            _spikes.Update(_src);
            _state.Update(Src.V);
            Array.Clear(_grp);
            foreach (int i in Group.Spike) _grp[i] = 1;
            _poisson.Update(_grp);
            _user.Update(User);
            Src.Update(Input);
            Post.Update(Input);
            Group.Update();
            _delay.Push(Src.Spike);
        }
    }

    static void UserValues(Span<float> values, int t)
    {
        for (int j = 0; j < values.Length; j++) values[j] = (float)(Math.Sin(0.37 * j + 0.05 * t) + 1);
    }

    static void AssertSame(HandWired h, VnNet n, int t)
    {
        Assert.True(h.Src.V.AsSpan().SequenceEqual(n.Src.V), $"step {t}: Src.V");
        Assert.True(h.Post.V.AsSpan().SequenceEqual(n.Post.V), $"step {t}: Post.V");
        Assert.Equal(h.Post.Spike.Count, n.Post.Spike.Count);
        for (int k = 0; k < h.Post.Spike.Count; k++) Assert.Equal(h.Post.Spike.IndexAt(k), n.Post.Spike.IndexAt(k));
        Assert.Equal(h.Group.Spike.Count, n.Group.Spike.Count);
    }

    [Fact]
    public void Declared_EqualsHandWired_BitForBit_AndEachInputMatters()
    {
        var h = new HandWired(21);
        var n = new VnNet(seed: 21, dt: 0.1);
        int postSpikes = 0, srcSpikes = 0;
        for (int t = 0; t < 400; t++)
        {
            UserValues(h.User, t);
            UserValues(n.ValuesOf("FromUser"), t);
            h.Step();
            n.Step(Input);
            AssertSame(h, n, t);
            postSpikes += n.Post.Spike.Count;
            srcSpikes += n.Src.Spike.Count;
        }
        Assert.True(srcSpikes > 100 && postSpikes > 100, $"src {srcSpikes}, post {postSpikes} spikes: the test would not see the inputs");
        // Each VanillaProj wrote its own post buffer this step: none of them is zero, so none is silently unfed.
        Assert.True(n.FromSpikes.Input.ToArray().AsSpan().IndexOfAnyExcept(0f) >= 0 || n.Src.Spike.Count == 0);
        Assert.True(n.FromV.Input.ToArray().AsSpan().IndexOfAnyExcept(0f) >= 0);
        Assert.True(n.FromUser.Input.ToArray().AsSpan().IndexOfAnyExcept(0f) >= 0);
    }

    [Fact]
    public void ValuesOf_NamesTheUserFedMembers_Only()
    {
        var n = new VnNet(seed: 1, dt: 0.1);
        Assert.Equal(VnUser.NumIn, n.ValuesOf("FromUser").Length);
        var ex = Assert.Throws<ArgumentException>(() => n.ValuesOf("FromSpikes"));
        Assert.Contains("FromUser", ex.Message);
        Assert.Contains("'FromSpikes'", ex.Message);
    }

    [Fact]
    public void SaveAndLoad_ResumeEqualsAStraightRun_WithTheUsersValuesKept()
    {
        const int half = 150;
        var straight = new VnNet(seed: 5, dt: 0.1);
        UserValues(straight.ValuesOf("FromUser"), 0); // set once, kept
        for (int t = 0; t < 2 * half; t++) straight.Step(Input);

        var first = new VnNet(seed: 5, dt: 0.1);
        UserValues(first.ValuesOf("FromUser"), 0);
        for (int t = 0; t < half; t++) first.Step(Input);
        string path = Path.Combine(Path.GetTempPath(), $"spikesharp-vanilla-{Guid.NewGuid():N}.bin");
        try
        {
            first.Save(path);
            var resumed = new VnNet(seed: 5, dt: 0.1);
            resumed.Load(path);
            Assert.True(first.ValuesOf("FromUser").SequenceEqual(resumed.ValuesOf("FromUser")));
            for (int t = 0; t < half; t++) resumed.Step(Input);
            Assert.True(straight.Post.V.AsSpan().SequenceEqual(resumed.Post.V));
            Assert.True(straight.Src.V.AsSpan().SequenceEqual(resumed.Src.V));
            Assert.True(straight.Post.LastSpikeStep.AsSpan().SequenceEqual(resumed.Post.LastSpikeStep));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void GeneratedStep_AllocatesNothing()
    {
        var n = new VnNet(seed: 3, dt: 0.1);
        UserValues(n.ValuesOf("FromUser"), 0);
        for (int t = 0; t < 50; t++) n.Step(Input);
        AllocationAssert.ZeroInSteadyState(() => { for (int t = 0; t < 100; t++) n.Step(Input); });
    }

    [Fact]
    public void SpikesCopyToFloats_WritesOnesAndZeros_AndChecksTheLength()
    {
        var s = new Spikes(new[] { 1, 4 }, 6);
        var d = new float[] { 9, 9, 9, 9, 9, 9 };
        s.CopyToFloats(d);
        Assert.Equal(new float[] { 0, 1, 0, 0, 1, 0 }, d);
        var slice = new Spikes(new[] { 1, 4, 5 }, 8).Slice(4, 3);
        var e = new float[3];
        slice.CopyToFloats(e);
        Assert.Equal(new float[] { 1, 1, 0 }, e);
        var wrong = new float[5];
        Assert.Throws<ArgumentException>(() => new Spikes(new[] { 1 }, 6).CopyToFloats(wrong));
    }
}
