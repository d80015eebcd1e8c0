using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace SpikeSharp;

/// <summary>
/// The state file of a declared network (<c>[Network]</c>'s generated <c>Save</c>/<c>Load</c>): a versioned header
/// (<c>SPKSTATE</c>, format version, network type), then named records (float arrays, int arrays, ints) in the order the
/// network writes them, then an end marker. Little-endian. <see cref="Load"/> reads the whole file, checks every
/// record's name, kind and length against the network first, and only then overwrites the state, so a file that does
/// not fit changes nothing. Connectivity and RNG state are not in it: both follow from the seed (counter-based RNG).
/// </summary>
public static class NetworkState
{
    /// <summary>The format version this runtime writes and reads.</summary>
    public const int FormatVersion = 1;

    static ReadOnlySpan<byte> Magic => "SPKSTATE"u8;
    static ReadOnlySpan<byte> EndMagic => "SPKSTEND"u8;

    /// <summary>Writes a state file atomically (<see cref="AtomicFile"/>).</summary>
    /// <param name="path">The file.</param>
    /// <param name="network">The network's type name, checked by <see cref="Load"/>.</param>
    /// <param name="write">Writes the records.</param>
    public static void Save(string path, string network, Action<NetworkStateWriter> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        var records = new NetworkStateWriter();
        write(records);
        AtomicFile.Write(path, s =>
        {
            using var w = new BinaryWriter(s, Encoding.UTF8, leaveOpen: true);
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write(network);
            w.Write(records.Records.Count);
            foreach (var r in records.Records)
            {
                w.Write((byte)r.Kind);
                w.Write(r.Name);
                w.Write(r.Data.Length / 4);
                w.Write(r.Data);
            }
            w.Write(EndMagic);
        });
    }

    /// <summary>Reads a state file: checks it completely against what <paramref name="read"/> expects, then applies it.</summary>
    /// <param name="path">The file.</param>
    /// <param name="network">The network's type name; the file's must be the same.</param>
    /// <param name="read">Reads the records (called twice: once to check, once to apply).</param>
    /// <exception cref="InvalidDataException">The file is not a state file of this format and network, or a record
    /// differs in name, kind or size from the network's (the message names both); nothing was changed.</exception>
    public static void Load(string path, string network, Action<NetworkStateReader> read)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(read);
        var records = new List<NetworkStateWriter.Record>();
        using (var f = File.OpenRead(path))
        using (var r = new BinaryReader(f, Encoding.UTF8))
        {
            try
            {
                Span<byte> magic = stackalloc byte[8];
                if (r.Read(magic) != 8 || !magic.SequenceEqual(Magic))
                    throw new InvalidDataException($"NetworkState.Load: '{path}' is not a SpikeSharp state file (no SPKSTATE header).");
                int version = r.ReadInt32();
                if (version != FormatVersion)
                    throw new InvalidDataException($"NetworkState.Load: '{path}' has format version {version}; this runtime reads version {FormatVersion}.");
                string type = r.ReadString();
                if (type != network)
                    throw new InvalidDataException($"NetworkState.Load: '{path}' holds the state of network '{type}', not '{network}'.");
                int count = r.ReadInt32();
                if (count < 0) throw new InvalidDataException($"NetworkState.Load: '{path}' has a negative record count.");
                for (int k = 0; k < count; k++)
                {
                    var kind = (NetworkStateWriter.Kind)r.ReadByte();
                    string name = r.ReadString();
                    int n = r.ReadInt32();
                    if (n < 0 || 4L * n > f.Length - f.Position)
                        throw new InvalidDataException($"NetworkState.Load: '{path}': record '{name}' claims {n} values, more than the file holds.");
                    var data = r.ReadBytes(4 * n);
                    records.Add(new(kind, name, data));
                }
                if (r.Read(magic) != 8 || !magic.SequenceEqual(EndMagic))
                    throw new InvalidDataException($"NetworkState.Load: '{path}' is truncated or has trailing data (no end marker after {count} records).");
            }
            catch (EndOfStreamException ex)
            {
                throw new InvalidDataException($"NetworkState.Load: '{path}' is truncated.", ex);
            }
        }
        var check = new NetworkStateReader(records, apply: false, path);
        read(check);
        check.Finish();
        var apply = new NetworkStateReader(records, apply: true, path);
        read(apply);
    }
}

/// <summary>Collects the records of a state file (see <see cref="NetworkState"/>).</summary>
public sealed class NetworkStateWriter
{
    internal enum Kind : byte { Floats = 1, Ints = 2, Int = 3 }

    internal sealed record Record(Kind Kind, string Name, byte[] Data);

    internal readonly List<Record> Records = new();

    internal NetworkStateWriter() { }

    /// <summary>A float array.</summary>
    public void Floats(string name, ReadOnlySpan<float> values) => Records.Add(new(Kind.Floats, name, MemoryMarshal.AsBytes(values).ToArray()));

    /// <summary>An int array.</summary>
    public void Ints(string name, ReadOnlySpan<int> values) => Records.Add(new(Kind.Ints, name, MemoryMarshal.AsBytes(values).ToArray()));

    /// <summary>One int.</summary>
    public void Int(string name, int value) => Records.Add(new(Kind.Int, name, BitConverter.GetBytes(value)));
}

/// <summary>Reads the records of a state file in order, checking (first pass) or applying (second pass) them.</summary>
public sealed class NetworkStateReader
{
    readonly List<NetworkStateWriter.Record> _records;
    readonly string _path;
    int _next;

    internal NetworkStateReader(List<NetworkStateWriter.Record> records, bool apply, string path)
    {
        _records = records;
        Applying = apply;
        _path = path;
    }

    /// <summary>False in the checking pass (nothing may change), true in the applying pass.</summary>
    public bool Applying { get; }

    NetworkStateWriter.Record Take(string name, NetworkStateWriter.Kind kind)
    {
        if (_next >= _records.Count)
            throw new InvalidDataException($"NetworkState.Load: '{_path}' ends after {_records.Count} records; the network expects '{name}' next.");
        var r = _records[_next++];
        if (r.Name != name || r.Kind != kind)
            throw new InvalidDataException($"NetworkState.Load: '{_path}' holds '{r.Name}' ({r.Kind}) where the network expects '{name}' ({kind}); the file is of another network layout.");
        return r;
    }

    /// <summary>A float array of exactly <paramref name="destination"/>'s length.</summary>
    public void Floats(string name, Span<float> destination)
    {
        var r = Take(name, NetworkStateWriter.Kind.Floats);
        if (r.Data.Length != 4L * destination.Length)
            throw new InvalidDataException($"NetworkState.Load: '{_path}': '{name}' has {r.Data.Length / 4} values, the network {destination.Length}.");
        if (Applying) MemoryMarshal.Cast<byte, float>(r.Data).CopyTo(destination);
    }

    /// <summary>An int array of exactly <paramref name="destination"/>'s length.</summary>
    public void Ints(string name, Span<int> destination)
    {
        var r = Take(name, NetworkStateWriter.Kind.Ints);
        if (r.Data.Length != 4L * destination.Length)
            throw new InvalidDataException($"NetworkState.Load: '{_path}': '{name}' has {r.Data.Length / 4} values, the network {destination.Length}.");
        if (Applying) MemoryMarshal.Cast<byte, int>(r.Data).CopyTo(destination);
    }

    /// <summary>An int array of at most <paramref name="destination"/>'s length; its length goes to <paramref name="count"/>
    /// (applying pass only).</summary>
    public void Ints(string name, Span<int> destination, ref int count)
    {
        var r = Take(name, NetworkStateWriter.Kind.Ints);
        if (r.Data.Length > 4L * destination.Length)
            throw new InvalidDataException($"NetworkState.Load: '{_path}': '{name}' has {r.Data.Length / 4} values, more than the network's {destination.Length}.");
        if (!Applying) return;
        var values = MemoryMarshal.Cast<byte, int>(r.Data);
        values.CopyTo(destination);
        count = values.Length;
    }

    /// <summary>One int in [<paramref name="min"/>, <paramref name="max"/>], stored to <paramref name="value"/> (applying pass only).</summary>
    public void Int(string name, ref int value, int min = int.MinValue, int max = int.MaxValue)
    {
        var r = Take(name, NetworkStateWriter.Kind.Int);
        int v = r.Data.Length == 4 ? BitConverter.ToInt32(r.Data) : throw new InvalidDataException($"NetworkState.Load: '{_path}': '{name}' is not one int.");
        if (v < min || v > max)
            throw new InvalidDataException($"NetworkState.Load: '{_path}': '{name}' = {v} is outside [{min}, {max}].");
        if (Applying) value = v;
    }

    /// <summary>One int that must equal <paramref name="expected"/> (a size of the network).</summary>
    public void Expect(string name, int expected)
    {
        int v = expected;
        Int(name, ref v);
        var r = _records[_next - 1];
        int got = BitConverter.ToInt32(r.Data);
        if (got != expected)
            throw new InvalidDataException($"NetworkState.Load: '{_path}': '{name}' is {got}, the network's is {expected} (built with another size, delay or dt?).");
    }

    internal void Finish()
    {
        if (_next != _records.Count)
            throw new InvalidDataException($"NetworkState.Load: '{_path}' holds {_records.Count - _next} record(s) more than the network reads (first: '{_records[_next].Name}').");
    }
}
