
using ClvML.Data.Parquet;
using ClvML.Data.Parquet.Writing;
using ClvML.Data.Tables;

namespace ClvML.Tests.Data.ParquetWriting;

/// <summary>
/// Files the writer produces, read back with the reader's footer and page decoders: the schema,
/// the row counts, the statistics and every value exactly as written.
/// </summary>
public sealed class ParquetTableWriterTests(TemporaryFolder folder) : IClassFixture<TemporaryFolder>
{
    internal static readonly string?[] Text = ["alpha", "", null, "Zoë", "東京", "😀", null, "alpha", "\uFF61"];
    internal static readonly long[] Integers = [long.MinValue, -1, 0, 1, long.MaxValue, 42, 7, -8, 9];
    internal static readonly double[] Reals =
    [
        -0.0, 0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -1.5, 1e308,
        // A NaN with a payload: PLAIN keeps the bit pattern.
        BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_1234),
    ];
    internal static readonly DateOnly[] Dates =
    [
        new(1970, 1, 1), new(1969, 12, 31), DateOnly.MinValue, DateOnly.MaxValue, new(2024, 2, 29),
        new(2000, 1, 1), new(2025, 12, 31), new(1900, 3, 1), new(2038, 1, 19),
    ];

    internal static ColumnTable MixedTable() => new("mixed",
    [
        TableColumn.OfText("name", Text), TableColumn.OfIntegers("id", Integers),
        TableColumn.OfReals("value", Reals), TableColumn.OfDates("day", Dates),
    ]);

    [Fact]
    public void The_schema_has_the_types_logical_types_and_legacy_converted_types()
    {
        var path = folder.File("schema.parquet");
        ParquetTableWriter.Write(MixedTable(), path);
        var footer = ParquetFooter.Read(path);
        var schema = footer.MetaData.Schema;
        Assert.Equal(5, schema.Count);
        Assert.Equal(("schema", 4), (schema[0].Name, schema[0].NumChildren));
        Assert.Null(schema[0].RepetitionType);
        Assert.Equal(new SchemaElement(PhysicalType.ByteArray, null, FieldRepetitionType.Optional, "name", null, ConvertedType.Utf8, null, null, null,
            new LogicalType.StringType()), schema[1]);
        Assert.Equal(new SchemaElement(PhysicalType.Int64, null, FieldRepetitionType.Required, "id", null, ConvertedType.Int64, null, null, null,
            new LogicalType.IntegerType(64, true)), schema[2]);
        Assert.Equal(new SchemaElement(PhysicalType.Double, null, FieldRepetitionType.Required, "value", null, null, null, null, null, null), schema[3]);
        Assert.Equal(new SchemaElement(PhysicalType.Int32, null, FieldRepetitionType.Required, "day", null, ConvertedType.Date, null, null, null,
            new LogicalType.DateType()), schema[4]);
        Assert.Equal(["name", "id", "value", "day"], footer.Schema.Columns.Select(c => c.Name));
        Assert.Equal([1, 0, 0, 0], footer.Schema.Columns.Select(c => c.MaxDefinitionLevel));
        Assert.Empty(footer.Schema.Unsupported);
        Assert.Equal(9, footer.MetaData.NumRows);
        var group = Assert.Single(footer.MetaData.RowGroups);
        Assert.Equal(9, group.NumRows);
        Assert.Equal(group.Columns.Sum(c => c.MetaData!.TotalUncompressedSize), group.TotalByteSize);
        Assert.Equal(FileMetaDataEncoder.FormatVersion, footer.MetaData.Version);
        Assert.StartsWith("ClvML version ", footer.MetaData.CreatedBy);
        Assert.Equal(ParquetFileWriter.CreatedBy, footer.MetaData.CreatedBy);
        Assert.All(group.Columns, c => Assert.Equal(CompressionCodec.Snappy, c.MetaData!.Codec));
        Assert.Equal([["name"], ["id"], ["value"], ["day"]], group.Columns.Select(c => c.MetaData!.PathInSchema));
    }

    [Fact]
    public void Every_value_decodes_exactly_as_written()
    {
        var path = folder.File("values.parquet");
        ParquetTableWriter.Write(MixedTable(), path);
        Assert.Equal(Text, PageLevelReader.Values(path, "name").Cast<string?>());
        Assert.Equal(Integers, PageLevelReader.Values(path, "id").Cast<long>());
        // Bit for bit: negative zero, infinities, the smallest subnormal and NaN payloads.
        Assert.Equal(Reals.Select(BitConverter.DoubleToInt64Bits), PageLevelReader.Values(path, "value").Cast<double>().Select(BitConverter.DoubleToInt64Bits));
        var epoch = new DateOnly(1970, 1, 1).DayNumber;
        Assert.Equal(Dates.Select(d => d.DayNumber - epoch), PageLevelReader.Values(path, "day").Cast<int>());
        Assert.Equal([0, -1, -719162, 2932896], PageLevelReader.Values(path, "day").Cast<int>().Take(4));
    }

    [Fact]
    public void Statistics_hold_min_max_and_null_count_in_each_columns_order()
    {
        var path = folder.File("statistics.parquet");
        ParquetTableWriter.Write(MixedTable(), path);
        var columns = Assert.Single(ParquetFooter.Read(path).MetaData.RowGroups).Columns.Select(c => c.MetaData!.Statistics!).ToList();

        // STRING: unsigned byte-wise order. "" is the least; U+1F600 (F0 9F 98 80) sorts after
        // U+FF61 (EF BD A1) in UTF-8 although its UTF-16 surrogates (D83D) sort before FF61.
        var text = columns[0];
        Assert.Equal(2, text.NullCount);
        Assert.Equal([], text.MinValue!);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes("😀"), text.MaxValue);
        // The deprecated signed-order fields are not written for an unsigned order.
        Assert.Null(text.Min);
        Assert.Null(text.Max);

        var integers = columns[1];
        Assert.Equal(0, integers.NullCount);
        Assert.Equal(BitConverter.GetBytes(long.MinValue), integers.MinValue);
        Assert.Equal(BitConverter.GetBytes(long.MaxValue), integers.MaxValue);
        Assert.Equal(integers.MinValue, integers.Min);
        Assert.Equal(integers.MaxValue, integers.Max);

        // NaNs are left out of min and max.
        var reals = columns[2];
        Assert.Equal(BitConverter.GetBytes(double.NegativeInfinity), reals.MinValue);
        Assert.Equal(BitConverter.GetBytes(double.PositiveInfinity), reals.MaxValue);

        var dates = columns[3];
        var epoch = new DateOnly(1970, 1, 1).DayNumber;
        Assert.Equal(BitConverter.GetBytes(DateOnly.MinValue.DayNumber - epoch), dates.MinValue);
        Assert.Equal(BitConverter.GetBytes(DateOnly.MaxValue.DayNumber - epoch), dates.MaxValue);
        Assert.Equal(dates.MinValue, dates.Min);
    }

    [Fact]
    public void Timestamps_are_local_microseconds_since_the_epoch()
    {
        DateTime[] times =
        [
            new(2024, 3, 5, 14, 30, 15, 250), DateTime.UnixEpoch,
            // 5 ticks (0.5 us) before the epoch belongs to the microsecond -1, not 0.
            DateTime.UnixEpoch.AddTicks(-5), new DateTime(2024, 3, 5).AddTicks(17),
        ];
        var path = folder.File("timestamps.parquet");
        ParquetTableWriter.Write(new ColumnTable("t", [TableColumn.OfTimestamps("timestamp", times)]), path);
        var footer = ParquetFooter.Read(path);
        var column = Assert.Single(footer.Schema.Columns);
        Assert.Equal((PhysicalType.Int64, (LogicalType?)new LogicalType.TimestampType(false, ParquetTimeUnit.Micros), (ConvertedType?)null),
            (column.PhysicalType, column.LogicalType, column.ConvertedType));
        Assert.Equal([1_709_649_015_250_000L, 0L, -1L, 1_709_596_800_000_001L], PageLevelReader.Values(path, "timestamp").Cast<long>());
        var statistics = footer.MetaData.RowGroups[0].Columns[0].MetaData!.Statistics!;
        Assert.Equal(BitConverter.GetBytes(-1L), statistics.MinValue);
        Assert.Equal(BitConverter.GetBytes(1_709_649_015_250_000L), statistics.MaxValue);
    }

    [Theory]
    [InlineData(new[] { 0.0, -0.0, 2.0 }, -0.0, 2.0)]
    [InlineData(new[] { 0.0, -3.0 }, -3.0, 0.0)]
    [InlineData(new[] { -0.0 }, -0.0, 0.0)]
    [InlineData(new[] { 0.0, double.NaN, 0.0 }, -0.0, 0.0)]
    [InlineData(new[] { double.NaN, 5.0, double.NaN, -5.0 }, -5.0, 5.0)]
    public void Double_statistics_follow_the_specifications_zero_and_nan_rules(double[] values, double min, double max)
    {
        // parquet.thrift ColumnOrder: NaN is never a min or max; a zero min is written -0.0 and a zero max +0.0.
        var path = folder.File($"zeros-{Guid.NewGuid():N}.parquet");
        ParquetTableWriter.Write(new ColumnTable("t", [TableColumn.OfReals("x", values)]), path);
        var statistics = ParquetFooter.Read(path).MetaData.RowGroups[0].Columns[0].MetaData!.Statistics!;
        Assert.Equal(BitConverter.DoubleToInt64Bits(min), BitConverter.ToInt64(statistics.MinValue));
        Assert.Equal(BitConverter.DoubleToInt64Bits(max), BitConverter.ToInt64(statistics.MaxValue));
        Assert.Equal(0, statistics.NullCount);
    }

    [Fact]
    public void A_column_of_only_nans_or_only_nulls_has_no_min_or_max()
    {
        var path = folder.File("nan-null.parquet");
        ParquetTableWriter.Write(new ColumnTable("t",
            [TableColumn.OfReals("x", new[] { double.NaN, double.NaN }), TableColumn.OfText("s", new string?[] { null, null })]), path);
        var columns = ParquetFooter.Read(path).MetaData.RowGroups[0].Columns.Select(c => c.MetaData!.Statistics!).ToList();
        Assert.All(columns, s => Assert.Null(s.MinValue));
        Assert.All(columns, s => Assert.Null(s.MaxValue));
        Assert.Equal([0L, 2L], columns.Select(s => s.NullCount!.Value));
        Assert.Equal([null, null], PageLevelReader.Values(path, "s"));
        Assert.All(PageLevelReader.Values(path, "x").Cast<double>(), v => Assert.True(double.IsNaN(v)));
    }

    [Theory]
    [InlineData(CompressionCodec.Uncompressed)]
    [InlineData(CompressionCodec.Snappy)]
    [InlineData(CompressionCodec.Gzip)]
    public void Every_codec_round_trips_and_the_same_input_gives_the_same_bytes(CompressionCodec codec)
    {
        var options = new ParquetWriterOptions { Codec = codec };
        var first = folder.File($"first-{codec}.parquet");
        var second = folder.File($"second-{codec}.parquet");
        ParquetTableWriter.Write(MixedTable(), first, options);
        ParquetTableWriter.Write(MixedTable(), second, options);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        Assert.All(ParquetFooter.Read(first).MetaData.RowGroups[0].Columns, c => Assert.Equal(codec, c.MetaData!.Codec));
        Assert.Equal(Text, PageLevelReader.Values(first, "name").Cast<string?>());
        Assert.Equal(Integers, PageLevelReader.Values(first, "id").Cast<long>());
    }

    [Fact]
    public void An_empty_table_gives_a_file_with_the_schema_and_no_row_groups()
    {
        var path = folder.File("empty.parquet");
        ParquetTableWriter.Write(new ColumnTable("empty",
            [TableColumn.OfText("name", Array.Empty<string?>()), TableColumn.OfIntegers("id", Array.Empty<long>()), TableColumn.OfDates("day", Array.Empty<DateOnly>())]), path);
        var footer = ParquetFooter.Read(path);
        Assert.Equal(0, footer.MetaData.NumRows);
        Assert.Empty(footer.MetaData.RowGroups);
        Assert.Equal(["name", "id", "day"], footer.Schema.Columns.Select(c => c.Name));
        Assert.All(footer.Schema.Columns, c => Assert.Equal(FieldRepetitionType.Required, c.Repetition));
        var bytes = File.ReadAllBytes(path);
        Assert.Equal("PAR1"u8.ToArray(), bytes[..4]);
        Assert.Equal("PAR1"u8.ToArray(), bytes[^4..]);
        Assert.Equal(4, footer.MetaDataOffset);
    }
}
