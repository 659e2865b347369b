using ClvML.Configuration;
using ClvML.Data;
using ClvML.Data.Records;

namespace ClvML.Tests.Data.Records;

public sealed class RecordTransactionReaderTests
{
    private sealed class CollectingSink : ITransactionSink
    {
        public List<(string Id, DateTime When, double Amount, string Order, string Attributes)> Rows { get; } = [];
        public void Accept(in TransactionRow row)
        {
            var attributes = new string[row.AttributeRanges.Length];
            for (var i = 0; i < attributes.Length; i++) attributes[i] = row.Attribute(i).ToString();
            Rows.Add((row.CustomerId.ToString(), row.Timestamp, row.Amount, row.OrderId.ToString(), string.Join("|", attributes)));
        }
    }

    private static (CollectingSink Sink, RejectLog Rejects, StringWriter Log) Read(DataSettings settings, string[] names, params object?[][] rows)
    {
        var sink = new CollectingSink();
        var log = new StringWriter();
        var rejects = new RejectLog("db", settings.BadRows, log);
        new RecordTransactionReader(settings).Read(new ListRecordCursor(names, rows), "db", sink, rejects);
        return (sink, rejects, log);
    }

    [Fact]
    public void Typed_and_text_values_become_the_same_transactions_and_every_bad_row_is_rejected_with_its_reason()
    {
        var settings = new DataSettings
        {
            Columns = new ColumnMapping { CustomerId = "customer_id", Timestamp = "date", Amount = "amount", OrderId = "order_id", Attributes = ["country"] },
        };
        string[] names = ["customer_id", "date", "amount", "order_id", "country"];
        var (sink, rejects, log) = Read(settings, names,
            [42L, new DateTime(2025, 1, 2), 10.5, 7L, "NL"],
            [" c1 ", "2025-01-03", "3.25", null, null],
            ["c2", "2025-01-04 10:30:00", 2L, "A-1", "DE"],
            [null, new DateTime(2025, 1, 5), 1.0, null, "NL"],
            ["c3", null, 1.0, null, "NL"],
            ["c3", "yesterday", 1.0, null, "NL"],
            ["c3", new DateTime(2025, 1, 5), "abc", null, "NL"],
            ["c3", new DateTime(2025, 1, 5), double.NaN, null, "NL"],
            ["c3", new DateTime(2025, 1, 5), null, null, "NL"],
            [7.5, new DateTime(2025, 1, 6), -4.0, null, new DateTime(2025, 2, 1)]);
        Assert.Equal(
            [("42", new DateTime(2025, 1, 2), 10.5, "7", "NL"), ("c1", new DateTime(2025, 1, 3), 3.25, "", ""),
             ("c2", new DateTime(2025, 1, 4, 10, 30, 0), 2.0, "A-1", "DE"), ("7.5", new DateTime(2025, 1, 6), -4.0, "", "2025-02-01")],
            sink.Rows);
        Assert.Equal(10, rejects.RowsRead);
        Assert.Equal(6, rejects.Rejected);
        Assert.Equal(rejects.RowsRead, rejects.Accepted + rejects.Rejected);
        Assert.Equal(1, rejects.Count(RejectReason.MissingCustomerId));
        Assert.Equal(1, rejects.Count(RejectReason.MissingTimestamp));
        Assert.Equal(1, rejects.Count(RejectReason.UnparseableTimestamp));
        Assert.Equal(2, rejects.Count(RejectReason.BadAmount));
        Assert.Equal(1, rejects.Count(RejectReason.NonFiniteAmount));
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("4,customer_id,missing_customer_id,customer id is empty,customer_id=null; date=2025-01-05; amount=1", lines[1]);
        Assert.StartsWith("5,date,missing_timestamp,date is null", lines[2]);
        Assert.StartsWith("6,date,unparseable_timestamp,timestamp 'yesterday' does not match ISO 8601", lines[3]);
        Assert.StartsWith("7,amount,bad_amount,amount 'abc' is not a number", lines[4]);
        Assert.StartsWith("8,amount,non_finite_amount,amount 'NaN' is not finite", lines[5]);
        Assert.StartsWith("9,amount,bad_amount,amount is null", lines[6]);
    }

    [Fact]
    public void Integer_dates_read_with_a_format_and_quantity_times_price_is_the_amount()
    {
        var settings = new DataSettings
        {
            TimestampFormats = ["yyyyMMdd"],
            Columns = new ColumnMapping { CustomerId = "id", Timestamp = "day", Amount = null, Quantity = "qty", UnitPrice = "price" },
        };
        var (sink, rejects, _) = Read(settings, ["ID", "DAY", "QTY", "PRICE"], [1L, 19970101L, 3L, 2.5], [2L, 19970230L, 1L, 1.0]);
        Assert.Equal([("1", new DateTime(1997, 1, 1), 7.5, "", "")], sink.Rows);
        Assert.Equal(1, rejects.Count(RejectReason.UnparseableTimestamp));
    }

    [Fact]
    public void Missing_columns_are_all_named_with_the_result_columns()
    {
        var e = Assert.Throws<InputException>(() => Read(new DataSettings(), ["id", "when", "amount"]));
        Assert.Equal("db: column 'customer_id' (data.columns.customer_id) is not in the result; column 'date' (data.columns.timestamp) is not in the result; the columns are [id, when, amount]. Fix data.columns in the config (or the query).", e.Message);
    }
}
