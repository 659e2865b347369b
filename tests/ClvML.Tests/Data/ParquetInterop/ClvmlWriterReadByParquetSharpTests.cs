using ClvML.Data.Parquet;
using ClvML.Data.Parquet.Writing;
using ClvML.Data.Tables;
using ClvML.Tests.Data.ParquetWriting;

namespace ClvML.Tests.Data.ParquetInterop;

/// <summary>
/// ClvML's Parquet writer, through its API, read back by ParquetSharp (Apache Arrow's parquet-cpp)
/// to the same values: every column kind, nulls in every kind, extreme and special values, several
/// row groups, pages small enough that a chunk spans many, dictionaries on and off and a dictionary
/// limit small enough to fall back to PLAIN inside a chunk, under each codec the writer offers.
/// ClvML's own reader reads the same file back to the same table.
/// </summary>
public sealed class ClvmlWriterReadByParquetSharpTests(TemporaryFolder folder) : IClassFixture<TemporaryFolder>
{
    public static TheoryData<CompressionCodec, bool, int, int> Layouts()
    {
        var data = new TheoryData<CompressionCodec, bool, int, int>();
        foreach (var codec in PageCompressor.Supported)
        {
            data.Add(codec, true, 1 << 20, 1 << 20);  // the defaults: pages of 1 MiB, so one page a chunk here
            data.Add(codec, true, 512, 1 << 20);      // many pages a chunk, every dictionary kept
            data.Add(codec, true, 512, 256);          // dictionaries of at most 32 eight-byte entries: PLAIN after a few pages
            data.Add(codec, false, 700, 1 << 20);     // no dictionaries
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Every_column_kind_with_nulls_reads_back_in_parquetsharp_value_by_value(CompressionCodec codec, bool dictionary, int pageSize, int dictionaryLimit)
    {
        var table = MixedTable(5000, seed: 11);
        var path = folder.File($"mixed-{codec}-{dictionary}-{pageSize}-{dictionaryLimit}.parquet");
        ParquetTableWriter.Write(table, path, new ParquetWriterOptions
        {
            Codec = codec, UseDictionary = dictionary, DataPageSize = pageSize, DictionaryPageSizeLimit = dictionaryLimit, RowGroupRows = 1700,
        });

        ParquetAgreement.SameValues(table, ParquetSharpTable.Read(path));
        RoundTrip.ColumnTableAssert.Identical(table, ParquetFileReader.ReadTable(path));
        // The layouts differ as meant: dictionaries for the low-cardinality columns, none for unique
        // ids, and with the small limit "medium" (a new value every 40 rows, about 43 a row group)
        // switches to PLAIN inside each chunk once its dictionary holds 32 entries.
        var chunks = ParquetFooter.Read(path).MetaData.RowGroups.SelectMany(g => g.Columns).Select(c => c.MetaData!).ToList();
        Assert.Equal(3 * table.Columns.Count, chunks.Count);
        string[] Encoded(Func<ColumnMetaData, bool> test) => [.. chunks.Where(test).GroupBy(c => c.PathInSchema[0]).Where(g => g.Count() == 3).Select(g => g.Key).Order(StringComparer.Ordinal)];
        var withDictionary = Encoded(c => c.DictionaryPageOffset is not null);
        if (dictionary) Assert.Subset(withDictionary.ToHashSet(), new HashSet<string> { "count", "label", "medium", "n_date", "n_int" });
        else Assert.Empty(withDictionary);
        Assert.DoesNotContain("id", withDictionary);
        var fellBack = Encoded(c => c.DictionaryPageOffset is not null && c.Encodings.Contains(Encoding.Plain) && c.Encodings.Contains(Encoding.RleDictionary)
            && PageLevelReader.Pages(File.ReadAllBytes(path), path, c).Any(p => p.Header.DataPageHeader?.Encoding == Encoding.Plain));
        Assert.Equal(dictionary && dictionaryLimit == 256, fellBack.Contains("medium"));
    }

    [Fact]
    public void Parquetsharp_sees_the_logical_types_and_repetitions_the_writer_declares()
    {
        var path = folder.File("types.parquet");
        ParquetTableWriter.Write(MixedTable(100, seed: 3), path);
        using var file = new ParquetSharp.ParquetFileReader(path);
        var schema = file.FileMetaData.Schema;
        var columns = Enumerable.Range(0, schema.NumColumns).Select(schema.Column).ToDictionary(c => c.Name);
        var integer = Assert.IsType<ParquetSharp.IntLogicalType>(columns["id"].LogicalType);
        Assert.Equal((64, true), (integer.BitWidth, integer.IsSigned));
        Assert.IsType<ParquetSharp.DateLogicalType>(columns["date"].LogicalType);
        var timestamp = Assert.IsType<ParquetSharp.TimestampLogicalType>(columns["ts"].LogicalType);
        Assert.Equal((false, ParquetSharp.TimeUnit.Micros), (timestamp.IsAdjustedToUtc, timestamp.TimeUnit));
        Assert.IsType<ParquetSharp.StringLogicalType>(columns["text"].LogicalType);
        Assert.Equal(ParquetSharp.PhysicalType.Double, columns["amount"].PhysicalType);
        Assert.Equal(0, columns["amount"].MaxDefinitionLevel);
        Assert.Equal(1, columns["n_real"].MaxDefinitionLevel);
        Assert.Equal(1, columns["n_date"].MaxDefinitionLevel);
        // parquet-cpp's own statistics reading agrees with the writer's null counts and bounds.
        using var group = file.RowGroup(0);
        using var nulls = group.MetaData.GetColumnChunkMetaData(columns.Keys.ToList().IndexOf("n_int"));
        Assert.Equal(Enumerable.Range(0, 100).Count(i => i % 7 == 3), nulls.Statistics!.NullCount);
        file.Close();
    }

    [Fact]
    public void A_numeric_column_with_only_nulls_and_an_empty_chunk_of_values_reads_as_nulls()
    {
        var path = folder.File("all-null.parquet");
        var mask = Enumerable.Repeat(true, 40).ToArray();
        var table = new ColumnTable("t",
        [
            TableColumn.OfIntegers("i", new long[40]).WithNulls(mask), TableColumn.OfReals("r", new double[40]).WithNulls(mask),
            TableColumn.OfDates("d", new DateOnly[40]).WithNulls(mask), TableColumn.OfTimestamps("t", new DateTime[40]).WithNulls(mask),
        ]);
        ParquetTableWriter.Write(table, path);
        var read = ParquetSharpTable.Read(path);
        Assert.All(read, c => Assert.All(c.Values, Assert.Null));
        ParquetAgreement.SameValues(table, read);
        RoundTrip.ColumnTableAssert.Identical(table, ParquetFileReader.ReadTable(path));
    }

    /// <summary>
    /// A table with every kind: unique and low-cardinality integers, extremes, nulls in every kind,
    /// special doubles (NaN, -0.0, infinities, the smallest subnormal), dates and microsecond
    /// timestamps from year 1 to 9999, empty and non-ASCII text.
    /// </summary>
    internal static ColumnTable MixedTable(int rows, int seed)
    {
        var random = new Random(seed);
        double[] specials = [double.NaN, -0.0, 0.0, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, double.MaxValue, -double.MaxValue];
        long[] extremes = [long.MinValue, long.MaxValue, 0, -1, 1];
        DateOnly[] edgeDates = [DateOnly.MinValue, DateOnly.MaxValue, new(1969, 12, 31), new(1970, 1, 1)];
        DateTime[] edgeTimes = [new(1, 1, 1), new DateTime(9999, 12, 31, 23, 59, 59).AddTicks(9_999_990), new DateTime(1969, 12, 31, 23, 59, 59).AddTicks(9_999_990), new(1900, 1, 1, 0, 0, 0)];
        string?[] labels = ["organic", "paid_search", "referral", "ä-ö-ü", "日本", ""];
        var start = new DateTime(2024, 1, 1);
        bool Missing(int i, int every, int at) => i % every == at;
        var nullInt = Enumerable.Range(0, rows).Select(i => Missing(i, 7, 3)).ToArray();
        var nullReal = Enumerable.Range(0, rows).Select(i => Missing(i, 5, 0)).ToArray();
        var nullDate = Enumerable.Range(0, rows).Select(i => Missing(i, 4, 1)).ToArray();
        var nullTime = Enumerable.Range(0, rows).Select(i => Missing(i, 9, 8)).ToArray();
        return new ColumnTable("mixed",
        [
            TableColumn.OfIntegers("id", Enumerable.Range(0, rows).Select(i => 1_000_000L + i).ToArray()),
            TableColumn.OfIntegers("count", Enumerable.Range(0, rows).Select(_ => (long)random.Next(0, 10)).ToArray()),
            TableColumn.OfIntegers("medium", Enumerable.Range(0, rows).Select(i => 7L * (i / 40)).ToArray()),
            TableColumn.OfIntegers("big", Enumerable.Range(0, rows).Select(i => i < extremes.Length ? extremes[i] : random.NextInt64(long.MinValue, long.MaxValue)).ToArray()),
            TableColumn.OfIntegers("n_int", Enumerable.Range(0, rows).Select(i => nullInt[i] ? -99L : random.Next(-5, 5)).ToArray()).WithNulls(nullInt),
            TableColumn.OfReals("amount", Enumerable.Range(0, rows).Select(i => i < specials.Length ? specials[i] : Math.Round(random.NextDouble() * 50, 2)).ToArray()),
            TableColumn.OfReals("n_real", Enumerable.Range(0, rows).Select(i => nullReal[i] ? 0.0 : random.NextDouble() - 0.5).ToArray()).WithNulls(nullReal),
            TableColumn.OfDates("date", Enumerable.Range(0, rows).Select(i => i < edgeDates.Length ? edgeDates[i] : DateOnly.FromDateTime(start).AddDays(random.Next(0, 400))).ToArray()),
            TableColumn.OfDates("n_date", Enumerable.Range(0, rows).Select(_ => DateOnly.FromDateTime(start).AddDays(random.Next(0, 30))).ToArray()).WithNulls(nullDate),
            TableColumn.OfTimestamps("ts", Enumerable.Range(0, rows).Select(i => i < edgeTimes.Length ? edgeTimes[i] : start.AddTicks(random.NextInt64(0, 1_000_000_000_000) * 10)).ToArray()),
            TableColumn.OfTimestamps("n_ts", Enumerable.Range(0, rows).Select(_ => start.AddHours(random.Next(0, 48))).ToArray()).WithNulls(nullTime),
            TableColumn.OfText("text", Enumerable.Range(0, rows).Select(i => Missing(i, 11, 5) ? null : i % 13 == 0 ? "" : "v" + random.Next(0, 100_000) + "·€").ToArray()),
            TableColumn.OfText("label", Enumerable.Range(0, rows).Select(_ => labels[random.Next(labels.Length)]).ToArray()),
        ]);
    }
}
