using System.Buffers.Binary;

namespace ClvML.Data.Parquet;

/// <summary>
/// Parquet's deprecated LZ4 codec (parquet.thrift <c>CompressionCodec.LZ4</c>, Compression.md): the
/// Hadoop framing, one or more frames of a 4-byte big-endian uncompressed size, a 4-byte big-endian
/// compressed size and an LZ4 block (<see cref="Lz4Block"/>). Compression.md notes that some older
/// writers stored a bare LZ4 block under this codec instead; as Arrow's reader does, a page whose
/// frame headers do not add up to exactly its bytes and the header's uncompressed size is read as
/// one bare block.
/// </summary>
internal static class Lz4HadoopFrames
{
    public static byte[] Decompress(ReadOnlySpan<byte> page, int uncompressedSize, string source, long offset)
    {
        if (!FramesFit(page, uncompressedSize)) return Lz4Block.Decompress(page, uncompressedSize, source, offset);
        var output = new byte[uncompressedSize];
        var at = 0;
        var written = 0;
        while (at < page.Length)
        {
            var size = (int)BinaryPrimitives.ReadUInt32BigEndian(page[at..]);
            var stored = (int)BinaryPrimitives.ReadUInt32BigEndian(page[(at + 4)..]);
            Lz4Block.Decompress(page.Slice(at + 8, stored), size, source, offset + at + 8).CopyTo(output, written);
            written += size;
            at += 8 + stored;
        }
        return output;
    }

    /// <summary>Whether the page is a sequence of frames whose sizes account for every byte in and out.</summary>
    private static bool FramesFit(ReadOnlySpan<byte> page, int uncompressedSize)
    {
        long at = 0, produced = 0;
        while (at < page.Length)
        {
            if (page.Length - at < 8) return false;
            var size = BinaryPrimitives.ReadUInt32BigEndian(page[(int)at..]);
            var stored = BinaryPrimitives.ReadUInt32BigEndian(page[(int)(at + 4)..]);
            if (stored > page.Length - at - 8) return false;
            produced += size;
            if (produced > uncompressedSize) return false;
            at += 8 + stored;
        }
        return at > 0 && produced == uncompressedSize;
    }
}
