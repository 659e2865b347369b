using System.Buffers.Binary;

namespace ClvML.Data.Parquet;

/// <summary>
/// The footer of a Parquet file and its flat schema view. Layout (parquet-format README, "File
/// Format"): <c>"PAR1"</c>, column chunks, the Thrift compact-encoded FileMetaData, its 4-byte
/// little-endian length, <c>"PAR1"</c>. Files with an encrypted footer end in <c>"PARE"</c>
/// (Encryption.md) and are refused.
/// </summary>
internal sealed class ParquetFooter
{
    /// <summary>Bytes of each magic marker.</summary>
    public const int MagicLength = 4;

    private ParquetFooter(string source, long fileLength, long metaDataOffset, int metaDataLength, FileMetaData metaData)
    {
        Source = source;
        FileLength = fileLength;
        MetaDataOffset = metaDataOffset;
        MetaDataLength = metaDataLength;
        MetaData = metaData;
        Schema = ParquetSchema.From(metaData.Schema, source);
    }

    /// <summary>The file name used in error messages.</summary>
    public string Source { get; }

    /// <summary>Length of the whole file in bytes.</summary>
    public long FileLength { get; }

    /// <summary>File offset of the encoded FileMetaData.</summary>
    public long MetaDataOffset { get; }

    /// <summary>Length of the encoded FileMetaData in bytes.</summary>
    public int MetaDataLength { get; }

    /// <summary>The decoded FileMetaData.</summary>
    public FileMetaData MetaData { get; }

    /// <summary>Leaf columns of the schema and the parts ClvML cannot read.</summary>
    public ParquetSchema Schema { get; }

    /// <summary>Opens a Parquet file for reading; a missing or unreadable file is an <see cref="InputException"/> naming it.</summary>
    internal static FileStream OpenFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path)) throw new InputException($"{path}: is a directory, not a file.");
        try
        {
            // Unbuffered: readers seek to the footer and the column chunks and read each once.
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.RandomAccess);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException($"{path}: file not found (full path {Path.GetFullPath(path)}).");
        }
        catch (UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot be read (permission denied).");
        }
    }

    /// <summary>Reads the footer of the Parquet file at <paramref name="path"/>.</summary>
    /// <exception cref="ParquetFormatException">The file is not a readable Parquet file; the message says why.</exception>
    /// <exception cref="InputException">The file is missing or cannot be opened.</exception>
    public static ParquetFooter Read(string path)
    {
        var stream = OpenFile(path);
        using (stream) return Read(stream, path);
    }

    /// <summary>Reads the footer from a seekable <paramref name="stream"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="ParquetFormatException">The stream is not a readable Parquet file; the message says why.</exception>
    public static ParquetFooter Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        if (!stream.CanSeek) throw new ArgumentException("The stream must be seekable: the footer is at the end.", nameof(stream));
        var length = stream.Length;
        const int framing = 2 * MagicLength + sizeof(int);
        if (length < framing)
            throw new ParquetFormatException(source, null, $"file is {length} bytes, too short for Parquet (at least {framing}: magic, footer length, magic)");

        Span<byte> head = stackalloc byte[MagicLength];
        ReadAt(stream, 0, head, source);
        Span<byte> tail = stackalloc byte[sizeof(int) + MagicLength];
        ReadAt(stream, length - tail.Length, tail, source);

        var trailingMagic = tail[sizeof(int)..];
        if (trailingMagic.SequenceEqual("PARE"u8))
            throw new ParquetFormatException(source, length - MagicLength, "unsupported: encrypted footer (trailing magic PARE)");
        if (!trailingMagic.SequenceEqual("PAR1"u8))
            throw new ParquetFormatException(source, length - MagicLength, $"bad magic at end of file: expected PAR1, found {Describe(trailingMagic)} (truncated or not a Parquet file)");
        // With a plaintext footer even files with encrypted columns start with PAR1 (Encryption.md, "File Format").
        if (!head.SequenceEqual("PAR1"u8))
            throw new ParquetFormatException(source, 0, $"bad magic at start of file: expected PAR1, found {Describe(head)}");

        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
        var footerLengthOffset = length - tail.Length;
        if (footerLength <= 0 || footerLength > length - framing)
            throw new ParquetFormatException(source, footerLengthOffset,
                $"footer length {footerLength} out of range (the file is {length} bytes, so at most {length - framing} bytes fit between the magics)");

        var metaDataOffset = footerLengthOffset - footerLength;
        var bytes = new byte[footerLength];
        ReadAt(stream, metaDataOffset, bytes, source);
        var reader = new ThriftCompactReader(bytes, 0, bytes.Length, source, metaDataOffset);
        var metaData = FileMetaDataDecoder.Read(reader);
        if (metaData.HasEncryptionAlgorithm)
            throw new ParquetFormatException(source, metaDataOffset, "unsupported: encrypted columns (plaintext footer with an encryption algorithm)");
        return new ParquetFooter(source, length, metaDataOffset, footerLength, metaData);
    }

    private static void ReadAt(Stream stream, long offset, Span<byte> buffer, string source)
    {
        stream.Position = offset;
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read < buffer.Length)
            throw new ParquetFormatException(source, offset + read, $"truncated: needed {buffer.Length} bytes at offset {offset}, the file ended after {read}");
    }

    // Magic bytes are usually ASCII; show them as text when they are, as hex otherwise.
    private static string Describe(ReadOnlySpan<byte> magic)
    {
        foreach (var b in magic)
            if (b is < 0x20 or > 0x7E) return "0x" + Convert.ToHexString(magic);
        return "\"" + System.Text.Encoding.ASCII.GetString(magic) + "\"";
    }
}
