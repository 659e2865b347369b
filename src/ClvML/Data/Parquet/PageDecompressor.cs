using System.IO.Compression;
using System.Runtime.InteropServices;

namespace ClvML.Data.Parquet;

/// <summary>
/// Decompresses one page with its column chunk's codec (parquet.thrift <c>CompressionCodec</c>):
/// SNAPPY through the IronSnappy package, GZIP (concatenated members included) and BROTLI with
/// .NET's own streams, ZSTD through the system libzstd, LZ4_RAW with <see cref="Lz4Block"/>. Every result must have exactly the
/// page header's uncompressed size; anything else, or a codec outside this list, is a
/// <see cref="ParquetFormatException"/> naming the file, the page offset and the problem.
/// </summary>
internal static class PageDecompressor
{
    public static byte[] Decompress(CompressionCodec codec, ReadOnlySpan<byte> page, int uncompressedSize, string source, long offset)
    {
        if (uncompressedSize < 0) throw new ParquetFormatException(source, offset, $"negative uncompressed page size {uncompressedSize}");
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
                _ => throw new ParquetFormatException(source, offset, $"unsupported: compression codec {codec}"),
            };
        }
        catch (Exception e) when (e is InvalidDataException or IndexOutOfRangeException or ArgumentException)
        {
            throw new ParquetFormatException(source, offset, $"the {codec} page does not decompress ({e.Message})");
        }
        if (result.Length != uncompressedSize)
            throw new ParquetFormatException(source, offset, $"the {codec} page decompresses to {result.Length} bytes, not the {uncompressedSize} its header gives");
        return result;
    }

    private static byte[] FromStream(ReadOnlySpan<byte> page, Func<Stream, Stream> open, int uncompressedSize)
    {
        using var input = new MemoryStream(page.ToArray());
        using var stream = open(input);
        // One byte more than promised, so a page that inflates further is caught rather than cut.
        var buffer = new byte[uncompressedSize + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0) total += read;
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

    [DllImport("libzstd.so.1", EntryPoint = "ZSTD_isError")]
    private static extern uint ZstdIsError(nuint code);
}
