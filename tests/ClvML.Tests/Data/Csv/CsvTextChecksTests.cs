using System.Text;
using ClvML.Data;
using ClvML.Data.Csv;

namespace ClvML.Tests.Data.Csv;

/// <summary>
/// What makes bytes not text is found wherever it is: a NUL past the first buffer, and a byte order
/// mark handed over one byte at a time (a gzip member can hold a single byte), found by the fuzzer
/// as a gzip file read otherwise than its own text.
/// </summary>
public sealed class CsvTextChecksTests
{
    private sealed class OneByteAtATime(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 1)]);
    }

    private sealed class Count : ITransactionSink
    {
        public List<string> Ids { get; } = [];
        public void Accept(in TransactionRow row) => Ids.Add(row.CustomerId.ToString());
    }

    private static (Count Sink, RejectLog Rejects) Read(Stream content, int bufferSize = 1 << 20)
    {
        var sink = new Count();
        var rejects = new RejectLog("tx.csv", BadRowPolicy.Reject);
        new CsvTransactionReader(new DataSettings { Source = DataSourceKind.Csv }) { BufferSize = bufferSize }.Read(content, "tx.csv", sink, rejects);
        return (sink, rejects);
    }

    [Fact]
    public void A_nul_byte_past_the_first_buffer_is_refused_naming_its_line()
    {
        var text = new StringBuilder("customer_id,date,amount\n");
        for (var i = 0; i < 60_000; i++) text.Append($"c{i % 97},2024-01-{1 + i % 28:00},1.00\n");
        var bytes = Encoding.ASCII.GetBytes(text.ToString());
        var at = Array.IndexOf(bytes, (byte)'\n', bytes.Length - 100) + 2; // in the id of the last rows
        bytes[at] = 0;
        var line = 1 + bytes.AsSpan(0, at).Count((byte)'\n');
        Assert.True(at > 1 << 20);
        foreach (var bufferSize in new[] { 1 << 20, 64, 7 })
        {
            var error = Assert.Throws<InputException>(() => Read(new MemoryStream(bytes), bufferSize));
            Assert.Equal($"tx.csv:{line}: a NUL byte: this is not UTF-8 text (binary data, UTF-16 or UTF-32?).", error.Message);
        }
    }

    [Fact]
    public void A_byte_order_mark_handed_over_a_byte_at_a_time_is_still_one()
    {
        var utf8 = Encoding.UTF8.GetPreamble().Concat(Encoding.ASCII.GetBytes("customer_id,date,amount\nc1,2024-01-01,1.00\n")).ToArray();
        Assert.Equal(["c1"], Read(new OneByteAtATime(utf8)).Sink.Ids);
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("customer_id,date,amount\n")).ToArray();
        Assert.Contains("the file is UTF-16 text", Assert.Throws<InputException>(() => Read(new OneByteAtATime(utf16))).Message);
    }
}
