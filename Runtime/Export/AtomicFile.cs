using System;
using System.IO;
using System.Threading;

namespace SpikeSharp;

/// <summary>
/// Writes a file by writing a temporary file beside it and then replacing the target in one rename
/// (<see cref="File.Move(string, string, bool)"/>). A write that fails (disk full, quota, permissions, an exception
/// while producing the data) deletes the temporary file and leaves the previous file, if any, byte-identical.
/// The target is replaced, not rewritten in place: it gets the permissions of a new file, and a symbolic link at the
/// path is replaced by a regular file.
/// </summary>
/// <remarks>Use: <c>using var f = AtomicFile.Begin(path); …write f.Stream…; f.Commit();</c>. Disposing without
/// <see cref="Commit"/> (an exception on the way) discards the temporary file.</remarks>
internal sealed class AtomicFile : IDisposable
{
    /// <summary>Test hook: wraps the temporary file's stream (for example in one that fails part-way). Per async flow,
    /// so tests running in parallel do not see each other's hooks.</summary>
    internal static readonly AsyncLocal<Func<Stream, Stream>?> WrapStreamForTests = new();

    readonly string _path, _tmp;
    readonly FileStream _file;
    bool _done;

    AtomicFile(string path, string tmp, FileStream file, Stream stream)
    {
        _path = path;
        _tmp = tmp;
        _file = file;
        Stream = stream;
    }

    /// <summary>The full path of the target.</summary>
    public string Path => _path;

    /// <summary>Where to write the data.</summary>
    public Stream Stream { get; }

    /// <summary>Creates the temporary file beside <paramref name="path"/>.</summary>
    /// <exception cref="IOException">It cannot be created (message: the path and the cause).</exception>
    public static AtomicFile Begin(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = System.IO.Path.GetFullPath(path);
        string dir = System.IO.Path.GetDirectoryName(full) ?? ".";
        string tmp = System.IO.Path.Combine(dir, "." + System.IO.Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..12] + ".tmp");
        FileStream file;
        try { file = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Failure(full, ex);
        }
        var wrap = WrapStreamForTests.Value;
        return new AtomicFile(full, tmp, file, wrap is null ? file : wrap(file));
    }

    /// <summary>Writes <paramref name="path"/> with <paramref name="write"/>, atomically.</summary>
    /// <exception cref="IOException">The file could not be written (message: the path and the cause, inner exception).</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var f = Begin(path);
        try { write(f.Stream); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw f.Fail(ex);
        }
        f.Commit();
    }

    /// <summary>Flushes the data to disk and replaces the target with it.</summary>
    /// <exception cref="IOException">That failed; the temporary file is deleted and the previous file is unchanged.</exception>
    public void Commit()
    {
        if (_done) throw new InvalidOperationException($"AtomicFile: '{_path}' was already committed or discarded.");
        try
        {
            Stream.Flush();
            _file.Flush(flushToDisk: true); // the rename must not publish a file whose data is still only in the cache
            _file.Dispose();
            File.Move(_tmp, _path, overwrite: true);
            _done = true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Fail(ex);
        }
    }

    /// <summary>Discards the temporary file and returns the exception to throw for <paramref name="cause"/>.</summary>
    public IOException Fail(Exception cause)
    {
        Discard();
        return Failure(_path, cause);
    }

    static IOException Failure(string path, Exception cause) =>
        new($"Could not write '{path}': {cause.Message} The previous file, if there was one, is unchanged; the data in memory is intact, so the save can be retried (for example to another path).", cause);

    void Discard()
    {
        if (_done) return;
        _done = true;
        try { _file.Dispose(); } catch (IOException) { } // a failed final flush of a write that is abandoned anyway
        try { File.Delete(_tmp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>Discards the temporary file unless <see cref="Commit"/> succeeded.</summary>
    public void Dispose() => Discard();
}
