using System.Globalization;
using ClvML.Data.Parquet;

namespace ClvML.Tests.Data.Parquet;

/// <summary>
/// delta_binary_packed.parquet end to end (uncompressed v2 pages, DELTA_BINARY_PACKED): every one of
/// its 66 columns (INT64 deltas of bit widths 0 to 64, and an INT32) decodes to the values in
/// delta_binary_packed_expect.csv, which parquet-testing ships with the file.
/// </summary>
public sealed class DeltaBinaryPackedFileTests
{
    [Fact]
    public void Every_column_decodes_to_the_expected_csv()
    {
        var path = SharedData.File("parquet-testing", "delta_binary_packed.parquet");
        var expectLines = File.ReadAllLines(SharedData.File("parquet-testing", "delta_binary_packed_expect.csv"));
        var names = expectLines[0].Split(',');
        var expected = expectLines.Skip(1).Select(l => l.Split(',').Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var bytes = File.ReadAllBytes(path);
        var footer = ParquetFooter.Read(path);
        var chunks = footer.MetaData.RowGroups[0].Columns.Select(c => c.MetaData!).ToList();
        Assert.Equal(names.Length, chunks.Count);
        for (var column = 0; column < chunks.Count; column++)
        {
            var decoded = new List<long>();
            foreach (var page in PageHeaderDecoderTests.Pages(path, bytes, chunks[column]))
            {
                var v2 = page.Header.DataPageHeaderV2!;
                Assert.Equal(Encoding.DeltaBinaryPacked, v2.Encoding);
                var start = (int)page.Offset + page.HeaderLength + v2.DefinitionLevelsByteLength + v2.RepetitionLevelsByteLength;
                var end = (int)page.Offset + page.HeaderLength + page.Header.CompressedPageSize;
                var wanted = v2.NumValues - v2.NumNulls;
                if (chunks[column].Type == PhysicalType.Int32)
                {
                    var ints = new int[wanted];
                    Assert.Equal(wanted, DeltaBinaryPacked.DecodeInt32(bytes.AsSpan(start, end - start), ints, path, start).Count);
                    decoded.AddRange(ints.Select(v => (long)v));
                    continue;
                }
                var values = new long[wanted];
                Assert.Equal(wanted, DeltaBinaryPacked.Decode(bytes.AsSpan(start, end - start), values, path, start).Count);
                decoded.AddRange(values);
            }
            Assert.True(expected.Select(row => row[column]).SequenceEqual(decoded), $"column {names[column]}");
        }
    }

    [Fact]
    public void A_header_that_breaks_the_rules_or_data_that_ends_early_is_refused()
    {
        // Block size 100 is not a multiple of 128.
        Assert.Contains("block size 100", Assert.Throws<ParquetFormatException>(() =>
            DeltaBinaryPacked.Decode([100, 4, 2, 0], new long[2], "x.parquet", 0)).Message);
        // 128 / 4 miniblocks, 5 values, first value 1, then the block is missing.
        Assert.Contains("ends early", Assert.Throws<ParquetFormatException>(() =>
            DeltaBinaryPacked.Decode([0x80, 0x01, 4, 5, 2], new long[5], "x.parquet", 0)).Message);
    }
}
