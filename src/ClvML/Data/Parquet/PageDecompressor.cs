using System.IO.Compression;
using System.Runtime.InteropServices;

namespace ClvML.Data.Parquet;

/// <summary>
/// Decompresses one page with its column chunk's codec (parquet.thrift <c>CompressionCodec</c>):
/// SNAPPY through the IronSnappy package, GZIP (concatenated members included) and BROTLI with
/// .NET's own streams, ZSTD through the system libzstd, LZ4_RAW with <see cref="Lz4Block"/> and the
/// deprecated Hadoop-framed LZ4 with <see cref="Lz4HadoopFrames"/>; LZO is refused. Every result must have exactly the
/// page header's uncompressed size; anything else, or a codec outside this list, is a
/// <see cref="ParquetFormatException"/> naming the file, the page offset and the problem.
/// </summary>
internal static class PageDecompressor
{
    public static byte[] Decompress(CompressionCodec codec, ReadOnlySpan<byte> page, int uncompressedSize, string source, long offset)
    {
        if (uncompressedSize < 0) throw new ParquetFormatException(source, offset, $"negative uncompressed page size {uncompressedSize}");
        CheckClaimedSize(codec, page, uncompressedSize, source, offset);
        byte[] result;
        try
        {
            result = codec switch
            {
                CompressionCodec.Uncompressed => page.ToArray(),
                CompressionCodec.Snappy => IronSnappy.Snappy.Decode(page),
                CompressionCodec.Gzip => FromStream(page, s => new GZipStream(s, CompressionMode.Decompress), uncompressedSize),
                CompressionCodec.Brotli => FromStream(page, s => new BrotliStream(s, CompressionMode.Decompress), uncompressedSize),
                CompressionCodec.Zstd => Zstd(page, uncompressedSize, source, offset),
                CompressionCodec.Lz4Raw => Lz4Block.Decompress(page, uncompressedSize, source, offset),
                CompressionCodec.Lz4 => Lz4HadoopFrames.Decompress(page, uncompressedSize, source, offset),
                _ => throw new ParquetFormatException(source, offset,
                    $"unsupported: compression codec {ThriftName(codec)} (ClvML reads UNCOMPRESSED, SNAPPY, GZIP, BROTLI, ZSTD, LZ4 and LZ4_RAW)"),
            };
        }
        // IronSnappy reports corrupt input as IOException, BrotliStream as InvalidOperationException.
        catch (Exception e) when (e is InvalidDataException or IndexOutOfRangeException or ArgumentException or IOException or InvalidOperationException)
        {
            throw new ParquetFormatException(source, offset, $"the {codec} page does not decompress ({e.Message})");
        }
        if (result.Length != uncompressedSize)
            throw new ParquetFormatException(source, offset, $"the {codec} page decompresses to {result.Length} bytes, not the {uncompressedSize} its header gives");
        return result;
    }

    /// <summary>The codec as parquet.thrift spells it (LZO, LZ4_RAW), or its number when it has no name here.</summary>
    private static string ThriftName(CompressionCodec codec) => codec switch
    {
        CompressionCodec.Lz4Raw => "LZ4_RAW",
        _ when Enum.IsDefined(codec) => codec.ToString().ToUpperInvariant(),
        _ => ((int)codec).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Largest page ClvML decompresses; writers aim at about 1 MB, so this only stops corrupt headers.</summary>
    public const int MaxPageSize = 1 << 30;

    /// <summary>
    /// Refuses a header whose uncompressed size the compressed bytes cannot produce, before the output
    /// buffer is allocated, so a corrupt size field (say 2 GB for a 1 KB page) costs nothing. SNAPPY
    /// and ZSTD carry the decompressed length in their own framing (Snappy's preamble varint, ZSTD's
    /// frame content sizes); an LZ4 block expands at most 255-fold (a match of 255 bytes per length
    /// byte). GZIP and BROTLI output is read into a buffer that grows with what actually arrives.
    /// </summary>
    private static void CheckClaimedSize(CompressionCodec codec, ReadOnlySpan<byte> page, int uncompressedSize, string source, long offset)
    {
        if (uncompressedSize > MaxPageSize)
            throw new ParquetFormatException(source, offset, $"unsupported: a page of {uncompressedSize} bytes uncompressed (at most {MaxPageSize} are read)");
        long? framed = codec switch
        {
            CompressionCodec.Snappy => SnappyLength(page),
            CompressionCodec.Zstd => ZstdLength(page),
            _ => null,
        };
        if (framed is { } length && length != uncompressedSize)
            throw new ParquetFormatException(source, offset, $"the {codec} page holds {length} bytes uncompressed, not the {uncompressedSize} its header gives");
        if (codec is CompressionCodec.Lz4Raw or CompressionCodec.Lz4 && uncompressedSize > 255L * page.Length + 16)
            throw new ParquetFormatException(source, offset, $"an {(codec == CompressionCodec.Lz4 ? "LZ4" : "LZ4_RAW")} page of {page.Length} bytes cannot hold the {uncompressedSize} bytes its header gives");
    }

    // Snappy format_description.txt: the stream starts with the uncompressed length as a little-endian varint (at most 32 bits).
    private static long SnappyLength(ReadOnlySpan<byte> page)
    {
        long length = 0;
        for (var i = 0; i < 5 && i < page.Length; i++)
        {
            length |= (long)(page[i] & 0x7F) << (7 * i);
            if ((page[i] & 0x80) == 0) return length;
        }
        return -1;
    }

    // Sum of the frames' content sizes; when a frame does not record it, the library's upper bound must still reach the claim.
    private static long? ZstdLength(ReadOnlySpan<byte> page)
    {
        const ulong unknown = ulong.MaxValue, error = ulong.MaxValue - 1;
        try
        {
            var bytes = page.ToArray();
            var exact = ZstdFindDecompressedSize(bytes, (nuint)bytes.Length);
            if (exact == error) return -1;
            if (exact != unknown) return exact > int.MaxValue ? -1 : (long)exact;
            return null;
        }
        catch (DllNotFoundException)
        {
            return null; // Zstd() below reports the missing library.
        }
    }

    private static byte[] FromStream(ReadOnlySpan<byte> page, Func<Stream, Stream> open, int uncompressedSize)
    {
        using var input = new MemoryStream(page.ToArray());
        using var stream = open(input);
        // One byte more than promised, so a page that inflates further is caught rather than cut. The
        // buffer grows with the output, so a header that lies about the size allocates nothing up front.
        var limit = uncompressedSize + 1;
        var buffer = new byte[Math.Min(limit, Math.Max(1 << 16, 4 * page.Length))];
        var total = 0;
        while (total < limit)
        {
            if (total == buffer.Length) Array.Resize(ref buffer, (int)Math.Min(limit, 2L * buffer.Length));
            var read = stream.Read(buffer, total, buffer.Length - total);
            if (read == 0) break;
            total += read;
        }
        return buffer[..total];
    }

    private static byte[] Zstd(ReadOnlySpan<byte> page, int uncompressedSize, string source, long offset)
    {
        var output = new byte[uncompressedSize];
        nuint written;
        try
        {
            written = ZstdDecompress(output, (nuint)output.Length, page.ToArray(), (nuint)page.Length);
        }
        catch (DllNotFoundException)
        {
            throw new ParquetFormatException(source, offset, "a ZSTD page needs the system library libzstd.so.1 (Debian package libzstd1), which is not installed");
        }
        if (ZstdIsError(written) != 0)
            throw new ParquetFormatException(source, offset, "the ZSTD page does not decompress");
        return output[..(int)written];
    }

    [DllImport("libzstd.so.1", EntryPoint = "ZSTD_decompress")]
    private static extern nuint ZstdDecompress(byte[] destination, nuint destinationCapacity, byte[] source, nuint sourceSize);

    [DllImport("libzstd.so.1", EntryPoint = "ZSTD_findDecompressedSize")]
    private static extern ulong ZstdFindDecompressedSize(byte[] source, nuint sourceSize);

    [DllImport("libzstd.so.1", EntryPoint = "ZSTD_isError")]
    private static extern uint ZstdIsError(nuint code);
}
