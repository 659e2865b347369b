using System.Security.Cryptography;
using System.Text;
using ClvML.Data;
using ClvML.Data.Csv;

namespace ClvML.Tests.Data.Csv;

/// <summary>
/// A CSV source read without a fingerprint (as scoring reads it) gives the same rows and rejects as
/// with one, and no SHA-256; with one, the SHA-256 is that of the file's bytes, as the training manifest records.
/// </summary>
public sealed class CsvFingerprintTests
{
    private sealed class RowText : ITransactionSink
    {
        public List<string> Rows { get; } = [];

        public void Accept(in TransactionRow row) =>
            Rows.Add($"{row.Line}|{row.CustomerId}|{row.Timestamp:O}|{BitConverter.DoubleToInt64Bits(row.Amount):X16}|{row.OrderId}|{row.AttributeText}");
    }

    private static (List<string> Rows, string Rejects, long Read, string? Sha) Read(string path, bool fingerprint)
    {
        var settings = new DataSettings { Source = DataSourceKind.Csv, Columns = new ColumnMapping { OrderId = "order_id", Attributes = ["country"] } };
        var source = new CsvTransactionSource(path, settings, fingerprint);
        var sink = new RowText();
        var writer = new StringWriter();
        var rejects = new RejectLog(path, BadRowPolicy.Reject, writer);
        source.ReadInto(sink, rejects);
        return (sink.Rows, writer.ToString(), rejects.RowsRead, source.ContentSha256);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_the_same_rows_with_or_without_the_fingerprint(bool gzip)
    {
        var text = new StringBuilder("customer_id,date,amount,order_id,channel,country\n");
        for (var i = 0; i < 20_000; i++)
            text.Append(i % 997 == 5 ? $"C{i},2024-02-30,1.5,O{i},web,GB\n" : i % 991 == 7 ? $"C{i},2024-01-02,abc,O{i},web,GB\n" : $"C{i % 3000},2024-01-{1 + i % 28:D2},{i % 10_000 / 100.0:R},O{i},web,\"G\"\"B\"\n");
        var path = Path.Combine(Path.GetTempPath(), $"clvml-fingerprint-{Guid.NewGuid():N}.csv" + (gzip ? ".gz" : ""));
        try
        {
            var bytes = Encoding.UTF8.GetBytes(text.ToString());
            if (gzip)
            {
                using var file = File.Create(path);
                using var zip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest);
                zip.Write(bytes);
            }
            else File.WriteAllBytes(path, bytes);
            var hashed = Read(path, fingerprint: true);
            var plain = Read(path, fingerprint: false);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), hashed.Sha);
            Assert.Null(plain.Sha);
            Assert.Equal(20_000, hashed.Read);
            Assert.Equal(hashed.Read, plain.Read);
            Assert.Equal(hashed.Rows, plain.Rows);
            Assert.Equal(hashed.Rejects, plain.Rejects);
            Assert.Equal(20_000 - 21 - 21, plain.Rows.Count); // 21 impossible dates and 21 bad amounts
            var tenth = plain.Rows.Single(r => r.Contains("|O10|", StringComparison.Ordinal));
            Assert.Equal($"12|C10|2024-01-11T00:00:00.0000000|{BitConverter.DoubleToInt64Bits(0.1):X16}|O10|G\"B", tenth);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
