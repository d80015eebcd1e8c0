using System;
using System.IO;
using System.Linq;
using EINet;
using Xunit;

namespace SpikeSharp.Runtime.Tests.Usage;

/// <summary>Every save replaces its target atomically: a write that fails part-way (disk full, simulated through the
/// test hook on the temporary file's stream) leaves the previous file byte-identical and the data in memory usable.</summary>
public sealed class AtomicSaveTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("spikesharp-atomic-").FullName;

    public void Dispose()
    {
        AtomicFile.WrapStreamForTests.Value = null;
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Passes writes through until <paramref name="budget"/> bytes, then fails like a full disk.</summary>
    sealed class FullDiskStream(Stream inner, long budget) : Stream
    {
        long _written;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _written;
        public override long Position { get => _written; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_written + buffer.Length > budget) throw new IOException("No space left on device (simulated).");
            inner.Write(buffer);
            _written += buffer.Length;
        }
    }

    (Runner Runner, RunResult Result) Recorded(int steps)
    {
        var net = new EINetwork(3);
        var runner = new Runner(net, 20f, [new SpikeMonitor("s"), new StateMonitor("V", () => net.N.V, [0, 1]), new RateMonitor("rate")]);
        return (runner, runner.RunSteps(steps));
    }

    void AssertFailedOverwriteKeepsOldFile(string name, Action<string> save)
    {
        string path = Path.Combine(_dir, name);
        save(path);
        byte[] before = File.ReadAllBytes(path);
        Assert.True(before.Length > 200);

        AtomicFile.WrapStreamForTests.Value = s => new FullDiskStream(s, 100);
        var ex = Assert.Throws<IOException>(() => save(path));
        AtomicFile.WrapStreamForTests.Value = null;

        Assert.Contains(path, ex.Message);
        Assert.Contains("No space left on device", ex.Message);
        Assert.Contains("unchanged", ex.Message);
        Assert.IsType<IOException>(ex.InnerException);
        Assert.Equal(before, File.ReadAllBytes(path));                  // the previous good file is intact
        Assert.Equal(new[] { name }, Directory.GetFiles(_dir).Select(f => Path.GetFileName(f)!).Where(f => f.Contains(name)).ToArray()); // no temp left
        save(path);                                                     // the data in memory is still usable
        Assert.True(File.ReadAllBytes(path).Length >= 100);
        File.Delete(path);
    }

    [Fact]
    public void RunnerAndRunResultSaveNpz_FailedOverwrite_KeepsTheOldFile()
    {
        var (runner, result) = Recorded(200);
        AssertFailedOverwriteKeepsOldFile("runner.npz", p => runner.SaveNpz(p));
        AssertFailedOverwriteKeepsOldFile("result.npz", p => result.SaveNpz(p, compress: true));
    }

    [Fact]
    public void MonitorSaves_FailedOverwrite_KeepTheOldFile()
    {
        var (runner, _) = Recorded(200);
        foreach (var m in runner.Monitors)
        {
            AssertFailedOverwriteKeepsOldFile(m.Name + ".csv", m.SaveCsv);
            AssertFailedOverwriteKeepsOldFile(m.Name + ".npz", p => m.SaveNpz(p));
        }
    }

    [Fact]
    public void NpyWriteAndNpzWriterPath_FailedOverwrite_KeepTheOldFile()
    {
        var data = Enumerable.Range(0, 500).Select(i => (float)i).ToArray();
        AssertFailedOverwriteKeepsOldFile("a.npy", p => Npy.Write<float>(p, data, 25, 20));
        AssertFailedOverwriteKeepsOldFile("b.npz", p =>
        {
            using var npz = new NpzWriter(p);
            npz.Add("x", data);
            npz.Add("y", data);
        });
        // Bad arguments leave the old file too.
        string path = Path.Combine(_dir, "c.npy");
        Npy.Write<float>(path, data);
        byte[] before = File.ReadAllBytes(path);
        Assert.Throws<ArgumentException>(() => Npy.Write<float>(path, data, 3, 3));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public void SaveIntoAMissingDirectory_ThrowsIOExceptionNamingThePath()
    {
        var (runner, _) = Recorded(10);
        string path = Path.Combine(_dir, "no-such-dir", "x.npz");
        var ex = Assert.Throws<IOException>(() => runner.SaveNpz(path));
        Assert.Contains(path, ex.Message);
    }
}
