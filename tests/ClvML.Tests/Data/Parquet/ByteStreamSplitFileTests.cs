using ClvML.Data.Parquet;

namespace ClvML.Tests.Data.Parquet;

/// <summary>
/// byte_stream_split.zstd.parquet end to end for its FLOAT and DOUBLE columns: ZSTD pages, RLE
/// definition levels, BYTE_STREAM_SPLIT values; the decoded values' count, nulls, minimum and
/// maximum equal the column chunk's statistics written by the file's producer.
/// </summary>
public sealed class ByteStreamSplitFileTests
{
    [Fact]
    public void Decoded_values_match_the_chunk_statistics()
    {
        var path = SharedData.File("parquet-testing", "byte_stream_split.zstd.parquet");
        var bytes = File.ReadAllBytes(path);
        var metaData = ParquetFooter.Read(path).MetaData;
        var chunks = metaData.RowGroups[0].Columns.Select(c => c.MetaData!).ToList();
        for (var column = 0; column < 2; column++)
        {
            var chunk = chunks[column];
            var decoded = new List<double>();
            long nulls = 0;
            foreach (var page in PageHeaderDecoderTests.Pages(path, bytes, chunk))
            {
                var header = page.Header.DataPageHeader!;
                Assert.Equal(Encoding.ByteStreamSplit, header.Encoding);
                var start = (int)page.Offset + page.HeaderLength;
                var body = PageDecompressor.Decompress(chunk.Codec, bytes.AsSpan(start, page.Header.CompressedPageSize), page.Header.UncompressedPageSize, path, page.Offset);
                var levelBytes = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(body);
                var levels = new int[header.NumValues];
                RleBitPackedHybrid.Decode(body.AsSpan(4, levelBytes), 1, levels, path, 0);
                var defined = levels.Count(l => l == 1);
                nulls += header.NumValues - defined;
                var data = body.AsSpan(4 + levelBytes);
                if (column == 0)
                {
                    var floats = new float[defined];
                    ByteStreamSplit.Float(data, floats, path, 0);
                    decoded.AddRange(floats.Select(f => (double)f));
                }
                else
                {
                    var doubles = new double[defined];
                    ByteStreamSplit.Double(data, doubles, path, 0);
                    decoded.AddRange(doubles);
                }
            }
            var statistics = chunk.Statistics!;
            Assert.Equal(300, decoded.Count + nulls);
            Assert.Equal(statistics.NullCount ?? 0, nulls);
            var min = column == 0 ? BitConverter.ToSingle(statistics.MinValue ?? statistics.Min!) : BitConverter.ToDouble(statistics.MinValue ?? statistics.Min!);
            var max = column == 0 ? BitConverter.ToSingle(statistics.MaxValue ?? statistics.Max!) : BitConverter.ToDouble(statistics.MaxValue ?? statistics.Max!);
            Assert.Equal(min, decoded.Min());
            Assert.Equal(max, decoded.Max());
        }
    }
}
