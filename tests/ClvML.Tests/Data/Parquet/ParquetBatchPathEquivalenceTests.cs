using System.Globalization;
using ClvML.Data;
using ClvML.Data.Csv;
using ClvML.Data.Parquet;
using ClvML.Data.Parquet.Writing;
using ClvML.Data.Tables;
using ClvML.Features;

namespace ClvML.Tests.Data.Parquet;

/// <summary>
/// The columnar fast path (INT64 id, DATE, DOUBLE amount handed to the accumulator as column
/// batches with integer customer keys) must change nothing but speed: on generated files with nulls,
/// non-finite amounts, returns and rows after the observation end, in date order and shuffled, in one
/// and in many row groups, its feature table equals the per-row Parquet path's and the CSV path's in
/// every column and in customer order, and its rejects are the same rows, columns and reasons.
/// </summary>
public sealed class ParquetBatchPathEquivalenceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clvml-parquet-batch-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly FeatureSettings Features = new()
    {
        TimeUnit = TimeUnit.Week, PurchasePeriod = TimeUnit.Day,
        CalibrationEnd = new DateOnly(2024, 6, 30), ObservationEnd = new DateOnly(2024, 10, 31),
    };

    private sealed record Transaction(long? Id, DateOnly? Date, double? Amount);

    [Theory]
    [InlineData(ReturnPolicy.Net, false)]
    [InlineData(ReturnPolicy.Net, true)]
    [InlineData(ReturnPolicy.Drop, false)]
    [InlineData(ReturnPolicy.Keep, true)]
    public void With_nulls_in_one_row_group_the_batch_path_equals_the_row_path_and_csv(ReturnPolicy returns, bool shuffled)
    {
        var rows = Generate(seed: 11, count: 2000, nulls: true, nonFinite: true, returnsAndLateRows: true, shuffled);
        var parquet = Path.Combine(_folder, "tx.parquet");
        var file = new TinyParquetFile()
            .Int64("customer_id", [.. rows.Select(r => r.Id)])
            .Date("date", [.. rows.Select(r => r.Date)])
            .Double("amount", [.. rows.Select(r => r.Amount)]);
        file.Write(parquet);
        var rejects = AssertSameAsRowPathAndCsv(parquet, WriteCsv(rows), new DataSettings { Source = DataSourceKind.Parquet, Returns = returns });
        Assert.All(new[] { RejectReason.MissingCustomerId, RejectReason.MissingTimestamp, RejectReason.BadAmount, RejectReason.NonFiniteAmount, RejectReason.AfterObservationEnd },
            reason => Assert.True(rejects.Count(reason) > 0, $"no {reason} rows: the data no longer tests them"));
        if (returns == ReturnPolicy.Drop) Assert.True(rejects.Count(RejectReason.ReturnDropped) > 0);
        if (returns == ReturnPolicy.Net) Assert.True(rejects.Count(RejectReason.ReturnBeforeFirstPurchase) > 0);
    }

    [Fact]
    public void A_batch_sink_gets_the_runs_of_valid_rows_between_rejected_ones()
    {
        var parquet = Path.Combine(_folder, "tx.parquet");
        new TinyParquetFile()
            .Int64("customer_id", 1, 2, null, 3, 4, 5)
            .Date("date", new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 3), new DateOnly(2024, 1, 4), new DateOnly(2024, 1, 5), new DateOnly(1970, 1, 1))
            .Double("amount", 1, 2, 3, 4, double.NaN, -6)
            .Write(parquet);
        var sink = new RecordingBatchSink();
        var rejects = new RejectLog(parquet, BadRowPolicy.Reject);
        new ParquetTransactionSource(parquet, new DataSettings { Source = DataSourceKind.Parquet }).ReadInto(sink, rejects);

        Assert.Equal(["1: 1@19723 1", "1: 2@19724 2", "4: 3@19726 4", "6: 5@0 -6"], sink.Rows);
        Assert.Equal(0, sink.SingleRows);
        Assert.Equal(6, rejects.RowsRead);
        Assert.Equal(2, rejects.Rejected);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Across_many_row_groups_the_batch_path_equals_the_row_path_and_csv(bool shuffled)
    {
        // ClvML's writer (SNAPPY, dictionary pages) in row groups of 97 rows; it writes no numeric nulls.
        var rows = Generate(seed: 5, count: 3000, nulls: false, nonFinite: true, returnsAndLateRows: true, shuffled);
        var parquet = Path.Combine(_folder, "groups.parquet");
        WriteWithClvMLWriter(rows, parquet, rowGroupRows: 97);
        var rejects = AssertSameAsRowPathAndCsv(parquet, WriteCsv(rows), new DataSettings { Source = DataSourceKind.Parquet });
        Assert.True(rejects.Count(RejectReason.NonFiniteAmount) > 0);
    }

    [Fact]
    public void With_bad_rows_fail_clean_input_gives_the_same_table_and_a_bad_row_the_same_error()
    {
        var data = new DataSettings { Source = DataSourceKind.Parquet, BadRows = BadRowPolicy.Fail };
        var clean = Generate(seed: 3, count: 1500, nulls: false, nonFinite: false, returnsAndLateRows: false, shuffled: false);
        var parquet = Path.Combine(_folder, "clean.parquet");
        WriteWithClvMLWriter(clean, parquet, rowGroupRows: 200);
        AssertSameAsRowPathAndCsv(parquet, WriteCsv(clean), data);

        // Row 700 has no date: both Parquet paths stop there with one message.
        var dirty = clean.Select((r, i) => i == 699 ? r with { Date = null } : r).ToList();
        var bad = Path.Combine(_folder, "bad.parquet");
        new TinyParquetFile()
            .Int64("customer_id", [.. dirty.Select(r => r.Id)])
            .Date("date", [.. dirty.Select(r => r.Date)])
            .Double("amount", [.. dirty.Select(r => r.Amount)])
            .Write(bad);
        var fast = Assert.ThrowsAny<InputException>(() => Build(new ParquetTransactionSource(bad, data), data, null));
        var perRow = Assert.ThrowsAny<InputException>(() => Build(new PerRowSource(new ParquetTransactionSource(bad, data)), data, null));
        Assert.Equal(perRow.Message, fast.Message);
        Assert.Contains("700", fast.Message);
        var csvData = data with { Source = DataSourceKind.Csv };
        Assert.ThrowsAny<InputException>(() => Build(new CsvTransactionSource(WriteCsv(dirty), csvData), csvData, null));
    }

    /// <summary>Asserts the three paths agree; returns the fast path's reject accounting.</summary>
    private RejectLog AssertSameAsRowPathAndCsv(string parquet, string csv, DataSettings data)
    {
        var csvData = data with { Source = DataSourceKind.Csv };
        StringWriter fastRejects = new(), rowRejects = new(), csvRejects = new();
        var fast = Build(new ParquetTransactionSource(parquet, data), data, fastRejects);
        var perRow = Build(new PerRowSource(new ParquetTransactionSource(parquet, data)), data, rowRejects);
        var fromCsv = Build(new CsvTransactionSource(csv, csvData), csvData, csvRejects);

        AssertSameTable(perRow.Table, fast.Table);
        AssertSameTable(fromCsv.Table, fast.Table);
        Assert.Equal(perRow.Stats, fast.Stats);
        Assert.Equal(fromCsv.Stats, fast.Stats);
        foreach (var other in new[] { perRow.Rejects, fromCsv.Rejects })
        {
            Assert.Equal(other.RowsRead, fast.Rejects.RowsRead);
            Assert.Equal(other.RejectedByReason, fast.Rejects.RejectedByReason);
        }
        // The rejects file: identical to the row path's (sorted: the accumulator's thread adds its
        // rejects as it goes), and the same rows, columns and reasons as CSV's, whose line 1 is the header.
        Assert.Equal(Lines(rowRejects).Order(StringComparer.Ordinal), Lines(fastRejects).Order(StringComparer.Ordinal));
        Assert.Equal(
            Lines(csvRejects).Select(l => l.Split(',', 4)).Select(f => (long.Parse(f[0], CultureInfo.InvariantCulture) - 1, f[1], f[2])).Order(),
            Lines(fastRejects).Select(l => l.Split(',', 4)).Select(f => (long.Parse(f[0], CultureInfo.InvariantCulture), f[1], f[2])).Order());
        return fast.Rejects;
    }

    private static void AssertSameTable(CustomerFeatureTable expected, CustomerFeatureTable actual)
    {
        Assert.Equal(expected.CustomerIds, actual.CustomerIds);
        Assert.Equal(expected.NumericColumnNames, actual.NumericColumnNames);
        foreach (var name in expected.NumericColumnNames) Assert.Equal(expected.NumericColumn(name), actual.NumericColumn(name));
        Assert.Equal(expected.Rfm!.FirstPurchase, actual.Rfm!.FirstPurchase);
        Assert.Equal(expected.Rfm.LastPurchase, actual.Rfm.LastPurchase);
        Assert.Equal(expected.Window, actual.Window);
        Assert.Equal(Text(expected), Text(actual));
    }

    private static string Text(CustomerFeatureTable table)
    {
        var writer = new StringWriter();
        FeatureTableCsvWriter.Write(table, writer);
        return writer.ToString();
    }

    /// <summary>The reject lines of the last read (a build that re-reads in buffered mode starts a new file, header and all).</summary>
    private static string[] Lines(StringWriter rejects)
    {
        var lines = rejects.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = Array.FindLastIndex(lines, l => !char.IsAsciiDigit(l[0]) && l[0] != '-');
        return lines[(header + 1)..];
    }

    private static FeatureBuildResult Build(ITransactionSource source, DataSettings data, StringWriter? rejects) =>
        FeatureBuilder.FromTransactions(source, data, Features, () => new RejectLog(source.Name, data.BadRows, rejects));

    /// <summary>
    /// Rows of a few dozen customers (ids at the int64 extremes included) over two years; returns are
    /// negative amounts (some before the customer's first purchase) and the last months lie after the
    /// observation end. In date order, or shuffled so that the build re-reads in buffered mode.
    /// </summary>
    private static List<Transaction> Generate(int seed, int count, bool nulls, bool nonFinite, bool returnsAndLateRows, bool shuffled)
    {
        var random = new Random(seed);
        long[] ids = [0, 1, 42, -7, long.MaxValue, long.MinValue, 9_007_199_254_740_993, .. Enumerable.Range(0, 40).Select(_ => random.NextInt64(1000, 10_000_000))];
        var first = new DateOnly(2023, 1, 1);
        var lastDay = returnsAndLateRows ? 730 : 660; // 2024-10-31 is day 669
        var rows = new List<Transaction>(count);
        for (var i = 0; i < count; i++)
        {
            long? id = ids[random.Next(ids.Length)];
            DateOnly? date = first.AddDays(random.Next(lastDay));
            double? amount = Math.Round(random.NextDouble() * 200 - (returnsAndLateRows ? 30 : -1), 2);
            var odd = random.Next(100);
            if (nulls && odd == 0) id = null;
            if (nulls && odd == 1) date = null;
            if (nulls && odd == 2) amount = null;
            if (nonFinite && odd == 3) amount = double.NaN;
            if (nonFinite && odd == 4) amount = random.Next(2) == 0 ? double.PositiveInfinity : double.NegativeInfinity;
            rows.Add(new Transaction(id, date, amount));
        }
        return shuffled ? rows : [.. rows.OrderBy(r => r.Date ?? first)];
    }

    private static void WriteWithClvMLWriter(List<Transaction> rows, string path, int rowGroupRows) =>
        ParquetTableWriter.Write(new ColumnTable("transactions",
        [
            TableColumn.OfIntegers("customer_id", rows.Select(r => r.Id!.Value).ToArray()),
            TableColumn.OfDates("date", rows.Select(r => r.Date!.Value).ToArray()),
            TableColumn.OfReals("amount", rows.Select(r => r.Amount!.Value).ToArray()),
        ]), path, new ParquetWriterOptions { RowGroupRows = rowGroupRows });

    private string WriteCsv(List<Transaction> rows)
    {
        var path = Path.Combine(_folder, $"tx-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, ["customer_id,date,amount", .. rows.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{r.Id},{r.Date:yyyy-MM-dd},{r.Amount:R}"))]);
        return path;
    }

    /// <summary>Hides the accumulator's batch interface from a source, so it takes the per-row path.</summary>
    private sealed class PerRowSource(ITransactionSource inner) : ITransactionSource
    {
        public string Name => inner.Name;
        public string? ContentSha256 => inner.ContentSha256;
        public void ReadInto(ITransactionSink sink, RejectLog rejects) => inner.ReadInto(new RowSink(sink), rejects);
    }

    /// <summary>Records each batch row as "first line of its batch: id@epoch day amount".</summary>
    private sealed class RecordingBatchSink : ITransactionBatchSink
    {
        public List<string> Rows { get; } = [];
        public int SingleRows { get; private set; }
        public void Accept(in TransactionRow row) => SingleRows++;
        public void AcceptBatch(in TransactionColumns rows)
        {
            for (var i = 0; i < rows.Count; i++)
                Rows.Add(string.Create(CultureInfo.InvariantCulture, $"{rows.FirstLine}: {rows.CustomerIds[i]}@{rows.EpochDays[i]} {rows.Amounts[i]}"));
        }
    }

    private sealed class RowSink(ITransactionSink inner) : ITransactionSink
    {
        public void Accept(in TransactionRow row) => inner.Accept(row);
    }
}
