using System.Globalization;
using ClvML.Configuration;
using ClvML.Data;
using ClvML.Data.Parquet;
using ClvML.Tests.Data.ParquetWriting;
using ParquetSharp;
using ClvReader = ClvML.Data.Parquet.ParquetFileReader;
using ClvCodec = ClvML.Data.Parquet.CompressionCodec;

namespace ClvML.Tests.Data.ParquetInterop;

/// <summary>
/// Files ParquetSharp (Apache Arrow's parquet-cpp) writes, read by ClvML to the values ParquetSharp
/// reads: every codec it offers (UNCOMPRESSED, SNAPPY, GZIP, BROTLI, ZSTD, LZ4_RAW and the deprecated
/// Hadoop-framed LZ4), every value layout (dictionary with a PLAIN fallback, PLAIN, the three DELTA
/// encodings, BYTE_STREAM_SPLIT, RLE booleans), data pages v1 and v2, nulls in every nullable kind,
/// three row groups of many pages each; through ClvML's table reader and through
/// <see cref="ParquetTransactionSource"/> with the usual column mapping, row by row and as batches.
/// A codec no writer here offers (LZO) is refused with a message that names it.
/// </summary>
public sealed class ParquetSharpFilesReadByClvmlTests(TemporaryFolder folder) : IClassFixture<TemporaryFolder>
{
    private static readonly Compression[] Codecs =
        [Compression.Uncompressed, Compression.Snappy, Compression.Gzip, Compression.Brotli, Compression.Zstd, Compression.Lz4, Compression.Lz4Hadoop];

    public static TheoryData<Compression, ValueLayout, ParquetDataPageVersion> Matrix()
    {
        var data = new TheoryData<Compression, ValueLayout, ParquetDataPageVersion>();
        foreach (var codec in Codecs)
            foreach (var layout in Enum.GetValues<ValueLayout>())
                foreach (var version in new[] { ParquetDataPageVersion.V1, ParquetDataPageVersion.V2 })
                    data.Add(codec, layout, version);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void The_table_reader_reads_the_values_parquetsharp_reads(Compression codec, ValueLayout layout, ParquetDataPageVersion version)
    {
        var path = Write(codec, layout, version);
        var expected = ParquetSharpTable.Read(path);
        using var reader = ClvReader.Open(path);
        Assert.Empty(reader.Schema.Unsupported);
        Assert.Equal(3, reader.RowGroupCount);
        var columns = reader.Schema.Columns;
        Assert.Equal(expected.Select(c => c.Name), columns.Select(c => c.Name));
        var read = columns.Select(_ => new List<object?>()).ToList();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var values = reader.ReadRowGroup(g, columns, inParallel: g == 1);
            for (var c = 0; c < columns.Count; c++)
                for (var row = 0; row < values[c].Count; row++) read[c].Add(Neutral(values[c], row));
        }
        for (var c = 0; c < columns.Count; c++)
            ParquetAgreement.SameValues(columns[c].Name, [.. expected[c].Values.Select(ParquetAgreement.FromParquetSharp)], read[c]);
        AssertLayout(reader, codec, layout, version);

        // The whole-file form: the same rows, the same missing values.
        var table = ClvReader.ReadTable(path);
        Assert.Equal(ParquetSharpFiles.Rows, table.RowCount);
        for (var c = 0; c < columns.Count; c++)
            Assert.Equal(expected[c].Values.Select(v => v is null), Enumerable.Range(0, table.RowCount).Select(table.Columns[c].IsNull));
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void The_transaction_source_reads_the_rows_parquetsharp_reads(Compression codec, ValueLayout layout, ParquetDataPageVersion version)
    {
        var path = Write(codec, layout, version);
        var file = ParquetSharpTable.Read(path).ToDictionary(c => c.Name, c => c.Values);

        // The columnar path: INT64 id, DATE, DOUBLE amount with nulls (rejected, as on the row path).
        var batch = new DataSettings { Source = DataSourceKind.Parquet, Columns = new ColumnMapping { CustomerId = "id", Timestamp = "date", Amount = "n_double" } };
        var expected = Enumerable.Range(0, ParquetSharpFiles.Rows).Where(i => file["n_double"][i] is not null)
            .Select(i => new SeenRow(Text((long)file["id"][i]!), ((Date)file["date"][i]!).DateTime, (double)file["n_double"][i]!, "", "", i + 1)).ToList();
        foreach (var sink in new RowSink[] { new RowSink(), new BatchSink() })
        {
            var rejects = new RejectLog(path, BadRowPolicy.Reject);
            new ParquetTransactionSource(path, batch).ReadInto(sink, rejects);
            Assert.Equal(sink is BatchSink, sink.Batches > 0);
            Assert.Equal(ParquetSharpFiles.Rows, rejects.RowsRead);
            Assert.Equal(ParquetSharpFiles.Rows - expected.Count, rejects.Count(RejectReason.BadAmount));
            Assert.Equal(expected, sink.Rows);
        }

        // The row path: a microsecond timestamp with nulls, a nullable DECIMAL amount, an order id and a text attribute with nulls.
        var rows = new DataSettings
        {
            Source = DataSourceKind.Parquet,
            Columns = new ColumnMapping { CustomerId = "id", Timestamp = "n_ts", Amount = "n_dec", OrderId = "label", Attributes = ["text"] },
        };
        expected = [.. Enumerable.Range(0, ParquetSharpFiles.Rows).Where(i => file["n_ts"][i] is not null && file["n_dec"][i] is not null)
            .Select(i => new SeenRow(Text((long)file["id"][i]!), (DateTime)file["n_ts"][i]!, (double)(decimal)file["n_dec"][i]!, (string)file["label"][i]!,
                (string?)file["text"][i] ?? "", i + 1))];
        var rowSink = new RowSink();
        var rowRejects = new RejectLog(path, BadRowPolicy.Reject);
        new ParquetTransactionSource(path, rows).ReadInto(rowSink, rowRejects);
        Assert.Equal(ParquetSharpFiles.Rows - expected.Count, rowRejects.Rejected);
        Assert.Equal(expected, rowSink.Rows);
    }

    [Fact]
    public void A_codec_clvml_does_not_read_is_refused_naming_the_codec()
    {
        // ParquetSharp writes no LZO (nor does Arrow), so an UNCOMPRESSED file's codec field is set
        // to LZO in its footer: the compact-protocol field 4 of the chunk's ColumnMetaData follows
        // the path_in_schema list, i32 header 0x15 with the zigzag value 0 (UNCOMPRESSED) -> 6 (LZO = 3).
        var path = folder.File("lzo.parquet");
        using (var writer = new ParquetFileWriter(path, [new Column<long>("lzo_column")], Compression.Uncompressed))
        {
            using var group = writer.AppendRowGroup();
            using var column = group.NextColumn().LogicalWriter<long>();
            column.WriteBatch([1L, 2, 3]);
            group.Close();
            writer.Close();
        }
        var bytes = File.ReadAllBytes(path);
        var footerLength = BitConverter.ToInt32(bytes, bytes.Length - 8);
        var footerStart = bytes.Length - 8 - footerLength;
        byte[] marker = [.. "lzo_column"u8, 0x15, 0x00];
        var at = bytes.AsSpan(footerStart).IndexOf(marker);
        Assert.True(at >= 0, "the chunk's codec field was not found");
        bytes[footerStart + at + marker.Length - 1] = 0x06;
        File.WriteAllBytes(path, bytes);

        using var reader = ClvReader.Open(path);
        Assert.Equal(ClvCodec.Lzo, reader.Footer.MetaData.RowGroups[0].Columns[0].MetaData!.Codec);
        var error = Assert.Throws<ParquetFormatException>(() => reader.ReadRowGroup(0, reader.Schema.Columns));
        Assert.Contains("unsupported: compression codec LZO", error.Message);
        Assert.Contains(path, error.Message);
        var source = Assert.Throws<ParquetFormatException>(() => new ParquetTransactionSource(path,
            new DataSettings { Source = DataSourceKind.Parquet, Columns = new ColumnMapping { CustomerId = "lzo_column", Timestamp = "lzo_column", Amount = "lzo_column" } })
            .ReadInto(new RowSink(), new RejectLog(path, BadRowPolicy.Reject)));
        Assert.Contains("compression codec LZO", source.Message);
    }

    private string Write(Compression codec, ValueLayout layout, ParquetDataPageVersion version)
    {
        var path = folder.File($"{codec}-{layout}-{version}.parquet");
        if (!File.Exists(path)) ParquetSharpFiles.Write(path, codec, layout, version);
        return path;
    }

    /// <summary>The file is laid out as asked: the codec, the page version and the encoding in the chunks that take it.</summary>
    private static void AssertLayout(ClvReader reader, Compression codec, ValueLayout layout, ParquetDataPageVersion version)
    {
        var chunks = reader.Footer.MetaData.RowGroups.SelectMany(g => g.Columns).Select(c => c.MetaData!).ToList();
        var expectedCodec = codec switch { Compression.Lz4 => ClvCodec.Lz4Raw, Compression.Lz4Hadoop => ClvCodec.Lz4, _ => (ClvCodec)Enum.Parse<ClvCodec>(codec.ToString()) };
        Assert.All(chunks, c => Assert.Equal(expectedCodec, c.Codec));
        ClvML.Data.Parquet.Encoding? encoding = layout switch
        {
            ValueLayout.Dictionary => ClvML.Data.Parquet.Encoding.RleDictionary,
            ValueLayout.DeltaBinaryPacked => ClvML.Data.Parquet.Encoding.DeltaBinaryPacked,
            ValueLayout.DeltaLengthByteArray => ClvML.Data.Parquet.Encoding.DeltaLengthByteArray,
            ValueLayout.DeltaByteArray => ClvML.Data.Parquet.Encoding.DeltaByteArray,
            ValueLayout.ByteStreamSplit => ClvML.Data.Parquet.Encoding.ByteStreamSplit,
            ValueLayout.RleBooleans => ClvML.Data.Parquet.Encoding.Rle,
            _ => null,
        };
        string[] takers = layout switch
        {
            ValueLayout.Dictionary => ["label", "date"],
            ValueLayout.DeltaBinaryPacked => ["id", "date", "ts_ns", "i16"],
            ValueLayout.DeltaLengthByteArray => ["text"],
            ValueLayout.DeltaByteArray => ["text", "dec"],
            ValueLayout.ByteStreamSplit => ["amount", "float", "id", "int", "dec"],
            ValueLayout.RleBooleans => ["bool", "n_bool"],
            _ => [],
        };
        foreach (var name in takers) Assert.All(chunks.Where(c => c.PathInSchema[0] == name), c => Assert.Contains(encoding!.Value, c.Encodings));
        if (layout == ValueLayout.Dictionary)
        {
            // The 1 KiB dictionary limit makes the many-valued text fall back to PLAIN inside its chunks.
            Assert.All(chunks.Where(c => c.PathInSchema[0] == "text"), c => Assert.Contains(ClvML.Data.Parquet.Encoding.Plain, c.Encodings));
            Assert.All(chunks.Where(c => c.PathInSchema[0] == "text"), c => Assert.NotNull(c.DictionaryPageOffset));
        }
        if (layout == ValueLayout.Plain) Assert.All(chunks, c => Assert.Null(c.DictionaryPageOffset));
        var bytes = File.ReadAllBytes(reader.Source);
        var pages = Parquet.PageHeaderDecoderTests.Pages(reader.Source, bytes, chunks.First(c => c.PathInSchema[0] == "amount"));
        Assert.True(pages.Count(p => p.Header.Type is PageType.DataPage or PageType.DataPageV2) >= 3, "amount's first chunk spans several pages");
        Assert.All(pages.Where(p => p.Header.Type != PageType.DictionaryPage),
            p => Assert.Equal(version == ParquetDataPageVersion.V2 ? PageType.DataPageV2 : PageType.DataPage, p.Header.Type));
    }

    /// <summary>A value as ClvML's typed getters read it, in <see cref="ParquetAgreement"/>'s neutral form.</summary>
    private static object? Neutral(ParquetColumnValues values, int row)
    {
        if (values.IsNull(row)) return null;
        return values.Type.Kind switch
        {
            ParquetValueKind.Boolean => values.GetInteger(row) == 1,
            ParquetValueKind.Integer => values.GetInteger(row),
            ParquetValueKind.Real => BitConverter.DoubleToInt64Bits(values.GetReal(row)),
            ParquetValueKind.Decimal => values.GetDecimal(row),
            ParquetValueKind.Date => DateOnly.FromDateTime(values.GetDateTime(row)),
            ParquetValueKind.Timestamp when values.Type.Unit == ClvML.Data.Parquet.ParquetTimeUnit.Nanos => (long)values.GetEpochNanoseconds(row),
            ParquetValueKind.Timestamp => values.GetDateTime(row).Ticks,
            _ => values.GetString(row),
        };
    }

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>An accepted row as a sink saw it.</summary>
    private sealed record SeenRow(string CustomerId, DateTime Timestamp, double Amount, string OrderId, string Attributes, long Line);

    /// <summary>Collects accepted rows one at a time.</summary>
    private class RowSink : ITransactionSink
    {
        public List<SeenRow> Rows { get; } = [];
        public int Batches { get; protected set; }
        public void Accept(in TransactionRow row) =>
            Rows.Add(new SeenRow(row.CustomerId.ToString(), row.Timestamp, row.Amount, row.OrderId.ToString(), row.AttributeText.ToString(), row.Line));
    }

    /// <summary>Also takes the source's column batches, unrolled into the same rows.</summary>
    private sealed class BatchSink : RowSink, ITransactionBatchSink
    {
        public void AcceptBatch(in TransactionColumns rows)
        {
            Batches++;
            for (var i = 0; i < rows.Count; i++)
                Rows.Add(new SeenRow(Text(rows.CustomerIds[i]), DateTime.UnixEpoch.AddDays(rows.EpochDays[i]), rows.Amounts[i], "", "", rows.FirstLine + i));
        }
    }
}
