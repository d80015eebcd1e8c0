using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using EINet;
using Xunit;

namespace SpikeSharp.Runtime.Tests.Usage;

/// <summary>.npy/.npz/CSV export: headers byte for byte, round trips, and numpy.load where Debian's numpy is installed.</summary>
public sealed class ExportTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("spikesharp-export-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Npy_Header_IsVersion1_AlignedTo64_WithTheExactDict()
    {
        var data = Enumerable.Range(0, 12).Select(i => i * 0.5f).ToArray();
        var ms = new MemoryStream();
        Npy.Write<float>(ms, data, 3, 4);
        byte[] b = ms.ToArray();
        Assert.Equal(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }, b[..8]);
        int headerLen = b[8] | b[9] << 8;
        Assert.Equal(0, (10 + headerLen) % 64);
        string header = Encoding.ASCII.GetString(b, 10, headerLen);
        Assert.StartsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }", header);
        Assert.EndsWith("\n", header);
        Assert.Equal(10 + headerLen + 12 * 4, b.Length);
        Assert.Equal(1.5f, BitConverter.ToSingle(b, 10 + headerLen + 3 * 4));

        var one = new MemoryStream();
        Npy.Write<int>(one, [1, 2, 3]);
        Assert.Contains("'shape': (3,), }", Encoding.ASCII.GetString(one.ToArray(), 10, one.ToArray()[8]));
        Assert.Throws<ArgumentException>(() => Npy.Write<int>(new MemoryStream(), [1, 2, 3], 2, 2));
    }

    [Fact]
    public void Npy_RoundTrip_EveryType()
    {
        Check(new[] { 1.5f, -0f, float.NaN, float.MaxValue, 1e-40f, -3.25f }, [2, 3]);
        Check(new[] { Math.PI, -1e300, double.NegativeInfinity }, [3]);
        Check(new[] { int.MinValue, 0, 7, int.MaxValue }, [4, 1]);
        Check(new[] { long.MinValue, 42L }, [2]);
        Check(new byte[] { 0, 255, 9 }, [3]);
        Check(new[] { true, false, true, true }, [2, 2]);
        Check(Array.Empty<float>(), [0, 5]);

        void Check<T>(T[] data, int[] shape) where T : unmanaged
        {
            string path = Path.Combine(_dir, $"a-{typeof(T).Name}.npy");
            Npy.Write<T>(path, data, shape);
            var back = Npy.Read(path);
            Assert.Equal(Npy.Descr<T>(), back.Descr);
            Assert.Equal(shape, back.Shape);
            Assert.False(back.FortranOrder);
            Assert.Equal(data, back.As<T>());
        }
    }

    [Fact]
    public void RunResult_SaveNpz_AndCsv_HoldTheMonitors()
    {
        var (result, net) = SmallRun();
        string npz = Path.Combine(_dir, "run.npz");
        result.SaveNpz(npz);
        var arrays = Npz.Read(npz);
        Assert.Equal(
            new[] { "V", "V_index", "V_step", "V_t", "rate", "rate_count", "rate_t", "spikes_i", "spikes_step", "spikes_t" },
            arrays.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray());
        var spikes = result.Monitor<SpikeMonitor>("spikes");
        Assert.Equal(spikes.Neurons.ToArray(), arrays["spikes_i"].As<int>());
        Assert.Equal(spikes.Times(), arrays["spikes_t"].As<double>());
        var v = result.Monitor<StateMonitor>("V");
        Assert.Equal(new[] { v.Count, 3 }, arrays["V"].Shape);
        Assert.Equal(v.Values.ToArray(), arrays["V"].As<float>());
        Assert.Equal(result.Monitor<RateMonitor>("rate").Rates(), arrays["rate"].As<double>());

        // Compressed archives read back the same.
        string z = Path.Combine(_dir, "runz.npz");
        result.SaveNpz(z, compress: true);
        Assert.Equal(arrays["V"].As<float>(), Npz.Read(z)["V"].As<float>());

        string csv = Path.Combine(_dir, "spikes.csv");
        spikes.SaveCsv(csv);
        var lines = File.ReadAllLines(csv);
        Assert.Equal("t_ms,step,neuron", lines[0]);
        Assert.Equal(spikes.Count + 1, lines.Length);
        var f = lines[^1].Split(',');
        Assert.Equal(spikes.Steps[^1] * 0.1, double.Parse(f[0], CultureInfo.InvariantCulture), 12);
        Assert.Equal(spikes.Neurons[^1], int.Parse(f[2], CultureInfo.InvariantCulture));

        string vcsv = Path.Combine(_dir, "v.csv");
        v.SaveCsv(vcsv);
        var vl = File.ReadAllLines(vcsv);
        Assert.Equal("t_ms,step,n0,n1,n3999", vl[0]);
        Assert.Equal(v.Values[3 * 5 + 2], float.Parse(vl[6].Split(',')[4], CultureInfo.InvariantCulture));

        string rcsv = Path.Combine(_dir, "rate.csv");
        result.Monitor<RateMonitor>("rate").SaveCsv(rcsv);
        Assert.Equal("t_ms,count,rate_hz", File.ReadLines(rcsv).First());
    }

    /// <summary>numpy.load reads what we write. .ci/run installs python3-numpy (Debian) when it is missing; elsewhere,
    /// without numpy, the same checks run against the C# reader (and a CI run without numpy fails).</summary>
    [Fact]
    public void NumpyLoad_ReadsTheNpz()
    {
        var (result, _) = SmallRun();
        string npz = Path.Combine(_dir, "forpy.npz");
        result.SaveNpz(npz);
        var spikes = result.Monitor<SpikeMonitor>("spikes");
        var v = result.Monitor<StateMonitor>("V");
        string expected = string.Create(CultureInfo.InvariantCulture,
            $"{spikes.Count} {spikes.Neurons.ToArray().Sum(x => (long)x)} {v.Count}x3 {v.Values.ToArray().Sum(x => (double)x):F3}");

        string? python = NumpyPython();
        if (python is null)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "CI: /usr/bin/python3 has no numpy; .ci/run should have installed python3-numpy");
            var a = Npz.Read(npz);
            string fromCSharp = string.Create(CultureInfo.InvariantCulture,
                $"{a["spikes_i"].Shape[0]} {a["spikes_i"].As<int>().Sum(x => (long)x)} {a["V"].Shape[0]}x{a["V"].Shape[1]} {a["V"].As<float>().Sum(x => (double)x):F3}");
            Assert.Equal(expected, fromCSharp);
            return;
        }
        string script = $$"""
            import numpy as np
            d = np.load(r'{{npz}}')
            i = d['spikes_i']; V = d['V']
            assert i.dtype == np.int32 and V.dtype == np.float32 and d['spikes_t'].dtype == np.float64
            assert np.allclose(d['spikes_t'], d['spikes_step'] * 0.1)
            print(f"{i.shape[0]} {int(i.astype(np.int64).sum())} {V.shape[0]}x{V.shape[1]} {V.astype(np.float64).sum():.3f}")
            """;
        var (code, stdout, stderr) = RunProcess(python, "-", script);
        Assert.True(code == 0, $"python failed ({code}): {stderr}");
        Assert.Equal(expected, stdout.Trim());
    }

    static (RunResult, EINetwork) SmallRun()
    {
        var net = new EINetwork(3);
        var runner = new Runner(net, 20f,
            [new SpikeMonitor(), new StateMonitor("V", () => net.N.V, [0, 1, 3999], every: 2), new RateMonitor("rate", 0.5)]);
        return (runner.Run(20), net);
    }

    static string? NumpyPython()
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python)) return null;
        try { return RunProcess(python, "-c \"import numpy\"", null).Code == 0 ? python : null; }
        catch (System.ComponentModel.Win32Exception) { return null; }
    }

    static (int Code, string Out, string Err) RunProcess(string file, string args, string? stdin)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null };
        using var p = Process.Start(psi)!;
        if (stdin is not null) { p.StandardInput.Write(stdin); p.StandardInput.Close(); }
        var err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, err.Result);
    }
}
