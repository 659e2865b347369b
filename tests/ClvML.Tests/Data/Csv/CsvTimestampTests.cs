using System.Globalization;
using System.Text;
using ClvML.Data;
using ClvML.Data.Csv;

namespace ClvML.Tests.Data.Csv;

/// <summary>
/// A file whose dates are not ISO 8601 is rejected row by row as unparseable_timestamp (an empty
/// one as missing_timestamp), never read month-first or day-first by a guess; and when most rows
/// go that way the reject log says which common format reads them, or that two do.
/// </summary>
public sealed class CsvTimestampTests
{
    private sealed class Dates : ITransactionSink
    {
        public List<DateTime> Rows { get; } = [];

        public void Accept(in TransactionRow row) => Rows.Add(row.Timestamp);
    }

    private static (Dates Sink, RejectLog Rejects, string Log) Read(IEnumerable<string> dates, params string[] formats)
    {
        var text = new StringBuilder("customer_id,date,amount\n");
        var i = 0;
        foreach (var date in dates) text.Append(CultureInfo.InvariantCulture, $"c{i++ % 7},{date},10.00\n");
        var log = new StringWriter();
        var rejects = new RejectLog("tx.csv", BadRowPolicy.Reject, log);
        var sink = new Dates();
        new CsvTransactionReader(new DataSettings { Source = DataSourceKind.Csv, TimestampFormats = formats })
            .Read(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), "tx.csv", sink, rejects);
        Assert.Equal(rejects.RowsRead, rejects.Accepted + rejects.Rejected);
        return (sink, rejects, log.ToString());
    }

    /// <summary>Every day of 2024 written by <paramref name="format"/>.</summary>
    private static IEnumerable<string> Year2024(string format) =>
        Enumerable.Range(0, 366).Select(d => new DateTime(2024, 1, 1).AddDays(d).ToString(format, CultureInfo.InvariantCulture));

    [Fact]
    public void A_day_first_file_is_not_read_month_first()
    {
        var (sink, rejects, log) = Read(["01/02/2024", "02/13/2024", "13/02/2024", "Jan 2 2024", "2 January 2024", "01.02.2024", "2024-01-05T10:00+garbage", "2024-01-05", " "]);
        Assert.Equal([new DateTime(2024, 1, 5)], sink.Rows);
        Assert.Equal(7, rejects.Count(RejectReason.UnparseableTimestamp));
        Assert.Equal(1, rejects.Count(RejectReason.MissingTimestamp));
        Assert.Contains("2,date,unparseable_timestamp,timestamp '01/02/2024' does not match ISO 8601 (yyyy-MM-dd", log);
        Assert.Contains("10,date,missing_timestamp,date is empty", log);
    }

    [Fact]
    public void With_formats_exactly_those_are_read()
    {
        var (sink, rejects, _) = Read(["13/02/2024", "01/02/2024", "2024-01-05", "1/2/2024 10:00"], "d/M/yyyy");
        Assert.Equal([new DateTime(2024, 2, 13), new DateTime(2024, 2, 1)], sink.Rows);
        Assert.Equal(2, rejects.Count(RejectReason.UnparseableTimestamp));
    }

    [Theory]
    [InlineData("dd/MM/yyyy", "d/M/yyyy")]
    [InlineData("MM/dd/yyyy", "M/d/yyyy")]
    [InlineData("dd.MM.yyyy HH:mm", "d.M.yyyy H:mm")]
    [InlineData("M/d/yyyy h:mm tt", "M/d/yyyy h:mm tt")]
    [InlineData("yyyyMMdd", "yyyyMMdd")]
    [InlineData("MMM d yyyy", "MMM d yyyy")]
    [InlineData("d MMMM yyyy", "d MMMM yyyy")]
    [InlineData("dd-MMM-yy", "d-MMM-yy")]
    public void When_most_rows_are_rejected_the_hint_names_the_format_that_reads_them(string written, string suggested)
    {
        var (_, rejects, _) = Read(Year2024(written).Concat(Enumerable.Repeat("2024-06-01", 100)));
        var hint = rejects.TimestampHint;
        Assert.NotNull(hint);
        Assert.Equal([suggested], hint.Formats);
        Assert.False(hint.Ambiguous);
        Assert.Equal(2, hint.ExampleLine);
        Assert.Equal(new DateTime(2024, 1, 1).ToString(written, CultureInfo.InvariantCulture), hint.ExampleText);
        Assert.Contains($"(366 of 466 rows), e.g. line 2: '{hint.ExampleText}'. They read with data.timestamp_format: \"{suggested}\"", hint.Message());
        Assert.Contains($"--timestamp-format \"{suggested}\"", hint.Message("--timestamp-format", " "));
    }

    [Fact]
    public void When_every_day_is_12_or_less_the_hint_names_both_orders_and_does_not_guess()
    {
        var early = Year2024("dd/MM/yyyy").Where(d => int.Parse(d[..2], CultureInfo.InvariantCulture) <= 12).ToList();
        var hint = Read(early).Rejects.TimestampHint;
        Assert.NotNull(hint);
        Assert.True(hint.Ambiguous);
        Assert.Equal(["d/M/yyyy", "M/d/yyyy"], hint.Formats);
        Assert.Contains("day first (data.timestamp_format: \"d/M/yyyy\") and month first (data.timestamp_format: \"M/d/yyyy\")", hint.Message());
    }

    [Fact]
    public void Text_that_no_common_format_reads_gets_a_hint_without_a_format()
    {
        var hint = Read(Enumerable.Repeat("2024-13-45", 5)).Rejects.TimestampHint;
        Assert.NotNull(hint);
        Assert.Empty(hint.Formats);
        Assert.Contains("None of the common formats reads them", hint.Message());
    }

    [Fact]
    public void Half_of_the_rows_or_fewer_give_no_hint()
    {
        Assert.Null(Read(["01/02/2024", "2024-01-02"]).Rejects.TimestampHint);
        Assert.Null(Read(["2024-01-02", "2024-01-03"]).Rejects.TimestampHint);
        Assert.NotNull(Read(["01/02/2024", "01/03/2024", "2024-01-02"]).Rejects.TimestampHint);
    }
}
