using ClvML.Data.Parquet;

namespace ClvML.Tests.Data.Parquet;

/// <summary>Every page of every parquet-testing file whose codec ClvML reads decompresses to exactly its header's uncompressed size.</summary>
public sealed class PageDecompressorTests
{
    [Theory]
    [MemberData(nameof(PageHeaderDecoderTests.AllFiles), MemberType = typeof(PageHeaderDecoderTests))]
    public void Every_page_decompresses_to_its_uncompressed_size(string file)
    {
        var path = SharedData.File("parquet-testing", file);
        var bytes = File.ReadAllBytes(path);
        var metaData = ParquetFooter.Read(path).MetaData;
        var decompressed = 0;
        foreach (var chunk in metaData.RowGroups.SelectMany(g => g.Columns).Select(c => c.MetaData!))
        {
            foreach (var page in PageHeaderDecoderTests.Pages(path, bytes, chunk))
            {
                var header = page.Header;
                var body = bytes[((int)page.Offset + page.HeaderLength)..((int)page.Offset + page.HeaderLength + header.CompressedPageSize)];
                // A v2 data page keeps its levels uncompressed in front of the (maybe compressed) values.
                var levels = header.DataPageHeaderV2 is { } v2 ? v2.DefinitionLevelsByteLength + v2.RepetitionLevelsByteLength : 0;
                var codec = header.DataPageHeaderV2 is { IsCompressed: false } ? CompressionCodec.Uncompressed : chunk.Codec;
                if (codec is not (CompressionCodec.Uncompressed or CompressionCodec.Snappy or CompressionCodec.Gzip or CompressionCodec.Brotli or CompressionCodec.Zstd or CompressionCodec.Lz4Raw or CompressionCodec.Lz4))
                {
                    Assert.Contains("unsupported: compression codec", Assert.Throws<ParquetFormatException>(() =>
                        PageDecompressor.Decompress(codec, body[levels..], header.UncompressedPageSize - levels, path, page.Offset)).Message);
                    continue;
                }
                var values = PageDecompressor.Decompress(codec, body[levels..], header.UncompressedPageSize - levels, path, page.Offset);
                Assert.Equal(header.UncompressedPageSize - levels, values.Length);
                decompressed++;
            }
        }
        Assert.True(decompressed > 0 || metaData.RowGroups.SelectMany(g => g.Columns).All(c => c.MetaData!.Codec is CompressionCodec.Lzo));
    }

    [Fact]
    public void An_lz4_block_with_literals_and_an_overlapping_match_decodes_and_damage_is_refused()
    {
        // Token 0x32: 3 literals "abc", then a match of 2 + 4 = 6 at offset 3 ("abcabc"), then a last
        // sequence of 1 literal "d": "abcabcabcd".
        byte[] block = [0x32, (byte)'a', (byte)'b', (byte)'c', 0x03, 0x00, 0x10, (byte)'d'];
        Assert.Equal("abcabcabcd"u8.ToArray(), Lz4Block.Decompress(block, 10, "x.parquet", 0));
        Assert.Contains("points before the start", Assert.Throws<ParquetFormatException>(() =>
            Lz4Block.Decompress([0x32, (byte)'a', (byte)'b', (byte)'c', 0x09, 0x00, 0x10, (byte)'d'], 10, "x.parquet", 0)).Message);
        Assert.Contains("overruns", Assert.Throws<ParquetFormatException>(() => Lz4Block.Decompress(block, 8, "x.parquet", 0)).Message);
        Assert.Contains("not 12", Assert.Throws<ParquetFormatException>(() => Lz4Block.Decompress(block, 12, "x.parquet", 0)).Message);
    }

    [Fact]
    public void Hadoop_framed_lz4_decodes_frame_by_frame_and_a_bare_block_under_that_codec_too()
    {
        // Two frames, each a 4-byte big-endian uncompressed size, a 4-byte big-endian block size and
        // the block ("abcabcabcd", then the literal-only "xyz"); and the same first block with no
        // framing, as older parquet-cpp wrote under the LZ4 codec.
        byte[] block = [0x32, (byte)'a', (byte)'b', (byte)'c', 0x03, 0x00, 0x10, (byte)'d'];
        byte[] framed = [0, 0, 0, 10, 0, 0, 0, 8, .. block, 0, 0, 0, 3, 0, 0, 0, 4, 0x30, (byte)'x', (byte)'y', (byte)'z'];
        Assert.Equal("abcabcabcdxyz"u8.ToArray(), PageDecompressor.Decompress(CompressionCodec.Lz4, framed, 13, "x.parquet", 0));
        Assert.Equal("abcabcabcd"u8.ToArray(), PageDecompressor.Decompress(CompressionCodec.Lz4, block, 10, "x.parquet", 0));
        Assert.Throws<ParquetFormatException>(() => PageDecompressor.Decompress(CompressionCodec.Lz4, framed, 14, "x.parquet", 0));
        var lzo = Assert.Throws<ParquetFormatException>(() => PageDecompressor.Decompress(CompressionCodec.Lzo, block, 10, "x.parquet", 0));
        Assert.Contains("unsupported: compression codec LZO (ClvML reads", lzo.Message);
    }

    [Fact]
    public void A_damaged_or_mis_sized_page_is_refused_with_the_codec_and_offset()
    {
        var gzip = Assert.Throws<ParquetFormatException>(() => PageDecompressor.Decompress(CompressionCodec.Gzip, [1, 2, 3, 4], 10, "x.parquet", 77));
        Assert.Contains("x.parquet", gzip.Message);
        Assert.Contains("77", gzip.Message);
        var size = Assert.Throws<ParquetFormatException>(() => PageDecompressor.Decompress(CompressionCodec.Uncompressed, [1, 2, 3], 4, "x.parquet", 0));
        Assert.Contains("not the 4 its header gives", size.Message);
        var snappy = IronSnappy.Snappy.Encode(new byte[100]);
        Assert.Equal(new byte[100], PageDecompressor.Decompress(CompressionCodec.Snappy, snappy, 100, "x.parquet", 0));
        Assert.Throws<ParquetFormatException>(() => PageDecompressor.Decompress(CompressionCodec.Snappy, snappy, 99, "x.parquet", 0));
    }
}
