using ClvML.Data.Parquet;
using ClvML.Data.Parquet.Writing;
using ClvML.Data.Tables;

namespace ClvML.Tests.Data.ParquetWriting;

/// <summary>
/// Seeded random tables under random layouts (row group length, page size, dictionary limit,
/// codec): every value decodes as written, and the row groups and statistics agree with the data.
/// </summary>
public sealed class RandomTableRoundTripTests(TemporaryFolder folder) : IClassFixture<TemporaryFolder>
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_random_table_round_trips_under_a_random_layout(int seed)
    {
        var random = new Random(seed);
        var rows = random.Next(0, 3000);
        // Few distinct words (dictionary), many (fall back), nulls and non-ASCII text.
        string[] words = [.. Enumerable.Range(0, random.Next(1, 400)).Select(i => i % 5 == 0 ? $"ü{i}✓" : $"w{i}")];
        string?[] text = [.. Enumerable.Range(0, rows).Select(_ => random.Next(10) == 0 ? null : words[random.Next(words.Length)])];
        long[] integers = [.. Enumerable.Range(0, rows).Select(_ => random.NextInt64(long.MinValue, long.MaxValue))];
        double[] reals = [.. Enumerable.Range(0, rows).Select(_ => BitConverter.Int64BitsToDouble(random.NextInt64()))];
        DateOnly[] dates = [.. Enumerable.Range(0, rows).Select(_ => DateOnly.FromDayNumber(random.Next(DateOnly.MaxValue.DayNumber + 1)))];
        var table = new ColumnTable("t",
            [TableColumn.OfText("text", text), TableColumn.OfIntegers("integer", integers), TableColumn.OfReals("real", reals), TableColumn.OfDates("date", dates)]);
        var options = new ParquetWriterOptions
        {
            RowGroupRows = random.Next(1, 2000),
            DataPageSize = random.Next(1, 5000),
            DictionaryPageSizeLimit = random.Next(0, 3000),
            UseDictionary = random.Next(4) > 0,
            Codec = PageCompressor.Supported[random.Next(PageCompressor.Supported.Count)],
        };
        var path = folder.File($"random-{seed}.parquet");
        ParquetTableWriter.Write(table, path, options);

        var footer = ParquetFooter.Read(path);
        Assert.Equal(rows, footer.MetaData.NumRows);
        Assert.Equal((rows + options.RowGroupRows - 1) / options.RowGroupRows, footer.MetaData.RowGroups.Count);
        Assert.Equal(text, PageLevelReader.Values(path, "text").Cast<string?>());
        Assert.Equal(integers, PageLevelReader.Values(path, "integer").Cast<long>());
        Assert.Equal(reals.Select(BitConverter.DoubleToInt64Bits), PageLevelReader.Values(path, "real").Cast<double>().Select(BitConverter.DoubleToInt64Bits));
        var epoch = new DateOnly(1970, 1, 1).DayNumber;
        Assert.Equal(dates.Select(d => d.DayNumber - epoch), PageLevelReader.Values(path, "date").Cast<int>());

        // Each row group's INT64 statistics are its own min and max; its text null count its own nulls.
        var first = 0;
        foreach (var group in footer.MetaData.RowGroups)
        {
            var slice = integers.AsSpan(first, (int)group.NumRows).ToArray();
            var statistics = group.Columns[1].MetaData!.Statistics!;
            Assert.Equal(slice.Min(), BitConverter.ToInt64(statistics.MinValue));
            Assert.Equal(slice.Max(), BitConverter.ToInt64(statistics.MaxValue));
            Assert.Equal(text.Skip(first).Take((int)group.NumRows).Count(t => t is null), group.Columns[0].MetaData!.Statistics!.NullCount);
            Assert.All(group.Columns, c => Assert.Equal(options.Codec, c.MetaData!.Codec));
            first += (int)group.NumRows;
        }
    }
}
