using ClvML.Data.Parquet;

namespace ClvML.Tests.Data.Parquet;

/// <summary>
/// delta_length_byte_array.parquet end to end (ZSTD v2 pages, DELTA_LENGTH_BYTE_ARRAY strings):
/// every page's lengths and bytes use up the page exactly, the strings and nulls add up to the
/// 1,000 rows, and every string is valid UTF-8 as its STRING annotation promises. (The file carries
/// no statistics and no expected values, so nothing finer is checked.)
/// </summary>
public sealed class DeltaLengthByteArrayFileTests
{
    [Fact]
    public void Every_page_decodes_exactly_to_valid_utf8_strings()
    {
        var path = SharedData.File("parquet-testing", "delta_length_byte_array.parquet");
        var bytes = File.ReadAllBytes(path);
        var chunk = ParquetFooter.Read(path).MetaData.RowGroups[0].Columns[0].MetaData!;
        var strings = new List<byte[]>();
        long nulls = 0;
        foreach (var page in PageHeaderDecoderTests.Pages(path, bytes, chunk))
        {
            var v2 = page.Header.DataPageHeaderV2!;
            Assert.Equal(Encoding.DeltaLengthByteArray, v2.Encoding);
            var levels = v2.DefinitionLevelsByteLength + v2.RepetitionLevelsByteLength;
            var start = (int)page.Offset + page.HeaderLength + levels;
            var compressed = bytes.AsSpan(start, page.Header.CompressedPageSize - levels);
            var body = v2.IsCompressed ? PageDecompressor.Decompress(chunk.Codec, compressed, page.Header.UncompressedPageSize - levels, path, start) : compressed.ToArray();
            var values = new Range[v2.NumValues - v2.NumNulls];
            Assert.Equal(body.Length, DeltaLengthByteArray.Decode(body, values, path, start));
            strings.AddRange(values.Select(r => body[r]));
            nulls += v2.NumNulls;
        }
        Assert.Equal(1000, strings.Count + nulls);
        var strict = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true);
        Assert.All(strings, s => strict.GetString(s));
        Assert.True(strings.Count > 0);
    }
}
