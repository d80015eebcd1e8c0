using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace SpikeSharp;

/// <summary>
/// Reads and writes NumPy's <c>.npy</c> format, version 1.0 (numpy/lib/format.py, NEP 1): the magic
/// <c>\x93NUMPY</c>, bytes 1 and 0, a little-endian uint16 header length, an ASCII Python dict
/// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (3, 4), }</c> padded with spaces and ended by <c>\n</c> so
/// that the data starts on a multiple of 64 bytes, then the data in C order. Supported element types: float32
/// (<c>&lt;f4</c>), float64 (<c>&lt;f8</c>), int32 (<c>&lt;i4</c>), int64 (<c>&lt;i8</c>), uint8 (<c>|u1</c>) and bool (<c>|b1</c>).
/// </summary>
public static class Npy
{
    static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>The NumPy <c>descr</c> of <typeparamref name="T"/>.</summary>
    public static string Descr<T>() where T : unmanaged =>
        typeof(T) == typeof(float) ? "<f4" :
        typeof(T) == typeof(double) ? "<f8" :
        typeof(T) == typeof(int) ? "<i4" :
        typeof(T) == typeof(long) ? "<i8" :
        typeof(T) == typeof(byte) ? "|u1" :
        typeof(T) == typeof(bool) ? "|b1" :
        throw new NotSupportedException($"Npy: element type {typeof(T).Name} is not supported (float, double, int, long, byte, bool).");

    /// <summary>Writes <paramref name="data"/> with <paramref name="shape"/> (default: one dimension) to <paramref name="stream"/>.</summary>
    public static void Write<T>(Stream stream, ReadOnlySpan<T> data, params ReadOnlySpan<int> shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Npy: big-endian machines are not supported.");
        string descr = Descr<T>();
        long n = 1;
        var dims = new StringBuilder();
        if (shape.Length == 0) { n = data.Length; dims.Append(data.Length.ToString(CultureInfo.InvariantCulture)).Append(','); }
        else
        {
            for (int k = 0; k < shape.Length; k++)
            {
                if (shape[k] < 0) throw new ArgumentOutOfRangeException(nameof(shape), shape[k], $"Npy.Write: dimension {k} is negative.");
                n *= shape[k];
                if (k > 0) dims.Append(", ");
                dims.Append(shape[k].ToString(CultureInfo.InvariantCulture));
            }
            if (shape.Length == 1) dims.Append(',');
        }
        if (n != data.Length)
            throw new ArgumentException($"Npy.Write: the shape ({dims}) holds {n} elements but {data.Length} were given.", nameof(shape));

        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({dims}), }}";
        int unpadded = Magic.Length + 2 + 2 + dict.Length + 1; // + '\n'
        int total = (unpadded + 63) / 64 * 64;
        int headerLen = total - Magic.Length - 4;
        if (headerLen > ushort.MaxValue) throw new ArgumentException("Npy.Write: the header is too long for format 1.0.", nameof(shape));
        Span<byte> prefix = stackalloc byte[10];
        Magic.CopyTo(prefix);
        prefix[6] = 1;
        prefix[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(prefix[8..], (ushort)headerLen);
        stream.Write(prefix);
        var header = new byte[headerLen];
        header.AsSpan().Fill((byte)' ');
        Encoding.ASCII.GetBytes(dict, header);
        header[^1] = (byte)'\n';
        stream.Write(header);
        stream.Write(MemoryMarshal.AsBytes(data));
    }

    /// <summary>Writes <paramref name="data"/> with <paramref name="shape"/> to the file <paramref name="path"/>,
    /// atomically: a temporary file beside it replaces <paramref name="path"/> once complete; a failed write (or bad
    /// arguments) leaves the previous file unchanged.</summary>
    /// <exception cref="IOException">The file could not be written (message: the path and the cause).</exception>
    public static void Write<T>(string path, ReadOnlySpan<T> data, params ReadOnlySpan<int> shape) where T : unmanaged
    {
        using var f = AtomicFile.Begin(path);
        try { Write(f.Stream, data, shape); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw f.Fail(ex);
        }
        f.Commit();
    }

    /// <summary>Reads a <c>.npy</c> file (versions 1.0–3.0, little-endian or one-byte types, C or Fortran order flag reported).</summary>
    public static NpyArray Read(string path)
    {
        using var f = File.OpenRead(path);
        return Read(f);
    }

    /// <summary>Reads one array from <paramref name="stream"/>.</summary>
    public static NpyArray Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> prefix = stackalloc byte[8];
        stream.ReadExactly(prefix);
        if (!prefix[..6].SequenceEqual(Magic)) throw new InvalidDataException("Npy.Read: not a .npy stream (bad magic).");
        int major = prefix[6];
        int headerLen;
        if (major == 1)
        {
            Span<byte> l = stackalloc byte[2];
            stream.ReadExactly(l);
            headerLen = BinaryPrimitives.ReadUInt16LittleEndian(l);
        }
        else if (major is 2 or 3)
        {
            Span<byte> l = stackalloc byte[4];
            stream.ReadExactly(l);
            headerLen = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(l));
        }
        else throw new InvalidDataException($"Npy.Read: format version {major}.{prefix[7]} is not supported.");
        var headerBytes = new byte[headerLen];
        stream.ReadExactly(headerBytes);
        string header = major == 3 ? Encoding.UTF8.GetString(headerBytes) : Encoding.Latin1.GetString(headerBytes);

        string descr = ReadQuoted(header, "descr");
        bool fortran = ReadWord(header, "fortran_order") switch
        {
            "True" => true,
            "False" => false,
            var w => throw new InvalidDataException($"Npy.Read: fortran_order is '{w}'."),
        };
        int[] shape = ReadShape(header);
        long count = 1;
        foreach (int d in shape) count *= d;

        Array data = descr switch
        {
            "<f4" => ReadData<float>(stream, count),
            "<f8" => ReadData<double>(stream, count),
            "<i4" => ReadData<int>(stream, count),
            "<i8" => ReadData<long>(stream, count),
            "|u1" or "<u1" => ReadData<byte>(stream, count),
            "|b1" => ReadData<bool>(stream, count),
            _ => throw new InvalidDataException($"Npy.Read: dtype '{descr}' is not supported."),
        };
        return new NpyArray(descr, fortran, shape, data);
    }

    static T[] ReadData<T>(Stream stream, long count) where T : unmanaged
    {
        var a = new T[checked((int)count)];
        stream.ReadExactly(MemoryMarshal.AsBytes(a.AsSpan()));
        return a;
    }

    static int ValueStart(string header, string key)
    {
        int k = header.IndexOf("'" + key + "'", StringComparison.Ordinal);
        if (k < 0) throw new InvalidDataException($"Npy.Read: the header has no '{key}': {header.Trim()}");
        int colon = header.IndexOf(':', k);
        int p = colon + 1;
        while (p < header.Length && header[p] == ' ') p++;
        return p;
    }

    static string ReadQuoted(string header, string key)
    {
        int p = ValueStart(header, key);
        char q = header[p];
        int end = header.IndexOf(q, p + 1);
        return header.Substring(p + 1, end - p - 1);
    }

    static string ReadWord(string header, string key)
    {
        int p = ValueStart(header, key);
        int e = p;
        while (e < header.Length && char.IsLetter(header[e])) e++;
        return header[p..e];
    }

    static int[] ReadShape(string header)
    {
        int p = ValueStart(header, "shape");
        int close = header.IndexOf(')', p);
        var dims = new List<int>();
        foreach (var part in header.Substring(p + 1, close - p - 1).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            dims.Add(int.Parse(part.TrimEnd('L'), CultureInfo.InvariantCulture));
        return dims.ToArray();
    }
}

/// <summary>An array read from a <c>.npy</c> file.</summary>
/// <param name="Descr">NumPy dtype string, e.g. <c>&lt;f4</c>.</param>
/// <param name="FortranOrder">Whether the data is in Fortran (column-major) order.</param>
/// <param name="Shape">Dimensions (empty for a scalar).</param>
/// <param name="Data">The elements, a <c>float[]</c>, <c>double[]</c>, <c>int[]</c>, <c>long[]</c>, <c>byte[]</c> or <c>bool[]</c>.</param>
public sealed record NpyArray(string Descr, bool FortranOrder, int[] Shape, Array Data)
{
    /// <summary>The elements as <typeparamref name="T"/>[]; throws naming both types if the dtype differs.</summary>
    public T[] As<T>() where T : unmanaged =>
        Data as T[] ?? throw new InvalidCastException($"NpyArray: the data is {Descr} ({Data.GetType().GetElementType()?.Name}), not {typeof(T).Name}.");
}

/// <summary>
/// Writes a NumPy <c>.npz</c> archive: a zip of <c>&lt;name&gt;.npy</c> entries (what <c>numpy.savez</c> writes; with
/// <c>compress</c>, what <c>numpy.savez_compressed</c> writes). <c>numpy.load(path)[name]</c> reads an entry back.
/// </summary>
public sealed class NpzWriter : IDisposable
{
    readonly ZipArchive _zip;
    readonly CompressionLevel _level;
    readonly HashSet<string> _names = new(StringComparer.Ordinal);
    readonly AtomicFile? _file; // the path form writes a temporary file and replaces the target on Dispose
    bool _failed, _disposed;

    /// <summary>Creates (or overwrites) <paramref name="path"/>, atomically: the archive is written to a temporary file
    /// beside it, which replaces <paramref name="path"/> when the writer is disposed. If writing fails (an
    /// <see cref="IOException"/> from <see cref="Add{T}(string, ReadOnlySpan{T}, ReadOnlySpan{int})"/> or from
    /// <see cref="Dispose"/>), the previous file is left unchanged. (An exception of your own code between two
    /// <c>Add</c> calls does not stop <see cref="Dispose"/> from publishing the entries added so far.)</summary>
    public NpzWriter(string path, bool compress = false)
    {
        _file = AtomicFile.Begin(path);
        _zip = new ZipArchive(_file.Stream, ZipArchiveMode.Create, leaveOpen: true);
        _level = compress ? CompressionLevel.Optimal : CompressionLevel.NoCompression;
    }

    /// <summary>Writes the archive to <paramref name="stream"/>.</summary>
    public NpzWriter(Stream stream, bool compress = false, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen);
        _level = compress ? CompressionLevel.Optimal : CompressionLevel.NoCompression;
    }

    /// <summary>Adds the array <paramref name="name"/> with <paramref name="shape"/> (default one dimension).</summary>
    public void Add<T>(string name, ReadOnlySpan<T> data, params ReadOnlySpan<int> shape) where T : unmanaged
    {
        if (string.IsNullOrEmpty(name)) throw new ArgumentException("NpzWriter.Add: the name is empty.", nameof(name));
        if (!_names.Add(name)) throw new ArgumentException($"NpzWriter.Add: '{name}' was already added.", nameof(name));
        if (_failed) throw new InvalidOperationException("NpzWriter.Add: an earlier write failed; the archive is abandoned.");
        try
        {
            var entry = _zip.CreateEntry(name + ".npy", _level);
            using var s = entry.Open();
            Npy.Write(s, data, shape);
        }
        catch (Exception ex) when (_file is not null && ex is IOException or UnauthorizedAccessException)
        {
            _failed = true;
            throw _file.Fail(ex);
        }
    }

    /// <summary>Adds the array <paramref name="name"/>.</summary>
    public void Add<T>(string name, T[] data) where T : unmanaged => Add<T>(name, data.AsSpan());

    /// <summary>Finishes the archive (for the path form: and replaces the target with it).</summary>
    /// <exception cref="IOException">The path form could not finish the file; the previous file is unchanged.</exception>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_file is null) { _zip.Dispose(); return; }
        if (_failed) { try { _zip.Dispose(); } catch (IOException) { } catch (ObjectDisposedException) { } _file.Dispose(); return; }
        try { _zip.Dispose(); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw _file.Fail(ex);
        }
        _file.Commit();
    }
}

/// <summary>Reads <c>.npz</c> archives.</summary>
public static class Npz
{
    /// <summary>Reads every <c>.npy</c> entry of <paramref name="path"/>, keyed by name without <c>.npy</c>.</summary>
    public static Dictionary<string, NpyArray> Read(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var result = new Dictionary<string, NpyArray>(StringComparer.Ordinal);
        foreach (var e in zip.Entries)
        {
            if (!e.FullName.EndsWith(".npy", StringComparison.Ordinal)) continue;
            using var s = e.Open();
            using var buffered = new MemoryStream();
            s.CopyTo(buffered);
            buffered.Position = 0;
            result[e.FullName[..^4]] = Npy.Read(buffered);
        }
        return result;
    }
}
