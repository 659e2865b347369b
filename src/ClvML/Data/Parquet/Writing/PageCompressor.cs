using System.IO.Compression;

namespace ClvML.Data.Parquet.Writing;

/// <summary>
/// Compresses one page for its column chunk's codec (parquet-format Compression.md): SNAPPY as a
/// raw Snappy block through the IronSnappy package, GZIP as a gzip member (RFC 1952) with .NET's
/// own stream, UNCOMPRESSED as is. The mirror of <see cref="PageDecompressor"/>.
/// </summary>
internal static class PageCompressor
{
    /// <summary>The codecs the writer offers.</summary>
    public static IReadOnlyList<CompressionCodec> Supported { get; } = [CompressionCodec.Uncompressed, CompressionCodec.Snappy, CompressionCodec.Gzip];

    /// <summary>The compressed bytes of <paramref name="page"/>.</summary>
    public static byte[] Compress(CompressionCodec codec, ReadOnlySpan<byte> page) => codec switch
    {
        CompressionCodec.Uncompressed => page.ToArray(),
        CompressionCodec.Snappy => IronSnappy.Snappy.Encode(page),
        CompressionCodec.Gzip => Gzip(page),
        _ => throw new NotSupportedException($"The Parquet writer does not compress with {codec}; use one of {string.Join(", ", Supported)}."),
    };

    private static byte[] Gzip(ReadOnlySpan<byte> page)
    {
        // .NET writes a fixed gzip header (no file name, modification time 0), so the same page
        // always compresses to the same bytes.
        using var output = new MemoryStream(page.Length / 2 + 64);
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(page);
        return output.ToArray();
    }
}
