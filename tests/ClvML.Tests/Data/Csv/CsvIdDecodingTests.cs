using System.Text;
using ClvML.Data;
using ClvML.Data.Csv;

namespace ClvML.Tests.Data.Csv;

/// <summary>Customer and order ids reach the sink as their text, ASCII or not, and invalid UTF-8 stops the read at its line.</summary>
public sealed class CsvIdDecodingTests
{
    private sealed class Ids : ITransactionSink
    {
        public List<(string Customer, string Order)> Rows { get; } = [];

        public void Accept(in TransactionRow row) => Rows.Add((row.CustomerId.ToString(), row.OrderId.ToString()));
    }

    private static readonly DataSettings Settings = new() { Source = DataSourceKind.Csv, Columns = new ColumnMapping { OrderId = "order_id" } };

    [Fact]
    public void Decodes_ascii_and_other_ids_alike()
    {
        var text = "customer_id,date,amount,order_id\nC1,2024-01-01,1,O1\nZoë,2024-01-01,2,Ö2\n客户7,2024-01-02,3,O3\n longer-ascii-id-then-é ,2024-01-02,4,  O4 \n\"C,5\",2024-01-03,5,\"O\"\"5\"\n";
        var ids = new Ids();
        new CsvTransactionReader(Settings).Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "ids.csv", ids, new RejectLog("ids.csv", BadRowPolicy.Reject));
        Assert.Equal([("C1", "O1"), ("Zoë", "Ö2"), ("客户7", "O3"), ("longer-ascii-id-then-é", "O4"), ("C,5", "O\"5")], ids.Rows);
    }

    [Fact]
    public void Invalid_utf8_after_ascii_stops_the_read_at_its_line()
    {
        var bytes = Encoding.UTF8.GetBytes("customer_id,date,amount,order_id\nC1,2024-01-01,1,O1\nC2,2024-01-01,2,O2\n").Concat(new byte[] { (byte)'C', (byte)'3', 0xFF }).Concat(",2024-01-01,3,O3\n"u8.ToArray()).ToArray();
        var ids = new Ids();
        var error = Assert.Throws<InputException>(() =>
            new CsvTransactionReader(Settings).Read(new MemoryStream(bytes), "ids.csv", ids, new RejectLog("ids.csv", BadRowPolicy.Reject)));
        Assert.Contains("ids.csv:4: column 'customer_id': is not valid UTF-8", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, ids.Rows.Count);
    }
}
