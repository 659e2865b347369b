using System.Security.Cryptography;
using ClvML.Configuration;

namespace ClvML.Data;

/// <summary>
/// Opens an input file for streaming: clear errors for a missing, unreadable or empty file,
/// transparent gzip (by extension or magic bytes; a truncated or damaged one is refused while it is
/// read, see <see cref="VerifiedGzipStream"/>), and a SHA-256 of the bytes on disk computed
/// while they are read, for the run's data fingerprint. A caller that needs no fingerprint (scoring)
/// opens the file without it: hashing 145 MB costs about 0.08 s on the thread that reads the file.
/// </summary>
public sealed class InputFile : IDisposable
{
    private readonly FileStream _file;
    private readonly HashingReadStream? _hashing;

    private InputFile(string path, FileStream file, bool gzip, bool hash)
    {
        Path = path;
        _file = file;
        _hashing = hash ? new HashingReadStream(file) : null;
        Stream raw = _hashing is null ? file : _hashing;
        Content = gzip ? new VerifiedGzipStream(raw, path, file.Length) : raw;
        IsGzip = gzip;
    }

    /// <summary>The path as given.</summary>
    public string Path { get; }
    /// <summary>The decompressed content.</summary>
    public Stream Content { get; }
    /// <summary>Whether the file is gzip-compressed.</summary>
    public bool IsGzip { get; }

    /// <summary>Opens <paramref name="path"/>; throws <see cref="InputException"/> naming the file when it cannot be read.</summary>
    /// <param name="path">The file.</param>
    /// <param name="compression">Gzip or not, or detect it.</param>
    /// <param name="hash">Whether to hash the bytes for <see cref="Sha256"/>.</param>
    public static InputFile Open(string path, CompressionKind compression, bool hash = true)
    {
        if (Directory.Exists(path)) throw new InputException($"{path}: is a directory, not a file.");
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException($"{path}: file not found (full path {System.IO.Path.GetFullPath(path)}).");
        }
        catch (UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot be read (permission denied).");
        }
        if (file.Length == 0)
        {
            file.Dispose();
            throw new InputException($"{path}: the file is empty.");
        }
        var gzip = compression switch
        {
            CompressionKind.Gzip => true,
            CompressionKind.None => false,
            _ => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) || HasGzipMagic(file),
        };
        return new InputFile(path, file, gzip, hash);
    }

    private static bool HasGzipMagic(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        var n = file.Read(magic);
        file.Position = 0;
        return n == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    }

    /// <summary>SHA-256 (lower-case hex) of the whole file; reads what the parser left unread. Only for a file opened with hashing.</summary>
    public string Sha256()
    {
        if (_hashing is null) throw new InvalidOperationException($"{Path} was opened without hashing.");
        _hashing.CopyTo(Stream.Null);
        return _hashing.HashHex();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Content.Dispose();
        _file.Dispose();
    }

    /// <summary>Passes reads through and hashes every byte.</summary>
    private sealed class HashingReadStream(Stream inner) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public string HashHex() => Convert.ToHexStringLower(_hash.GetHashAndReset());

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            _hash.AppendData(buffer[..n]);
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _hash.Dispose();
            base.Dispose(disposing);
        }
    }
}
