using System.Globalization;
using System.Security.Cryptography;
using ClvML.Data;
using ClvML.Data.Csv;
using ClvML.Data.Parquet;
using ClvML.Features;

namespace ClvML.Tests.Data.Parquet;

/// <summary>
/// <c>data.source: parquet</c>: features from a Parquet file equal the features of the same rows
/// written as CSV; nulls in mapped columns are rejected with row, column and reason; missing,
/// nested and corrupt inputs are InputExceptions (exit code 2) naming the file.
/// </summary>
public sealed class ParquetTransactionSourceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clvml-parquet-source-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly DataSettings Data = new() { Source = DataSourceKind.Parquet };

    private static FeatureBuildResult Build(ITransactionSource source, DataSettings data, FeatureSettings features, StringWriter? rejects = null) =>
        FeatureBuilder.FromTransactions(source, data, features, () => new RejectLog(source.Name, data.BadRows, rejects));

    [Fact]
    public void Alltypes_tiny_pages_gives_the_same_features_as_its_rows_written_as_csv()
    {
        // 7,300 rows over many small pages: ten customers (tinyint_col), INT96 timestamps, double amounts.
        var parquet = SharedData.File("parquet-testing", "alltypes_tiny_pages.parquet");
        var csv = Path.Combine(_folder, "alltypes.csv");
        using (var reader = ParquetFileReader.Open(parquet))
        {
            var values = reader.ReadRowGroup(0, [reader.Column("tinyint_col"), reader.Column("timestamp_col"), reader.Column("double_col")]);
            var lines = Enumerable.Range(0, values[0].Count).Select(i => string.Create(CultureInfo.InvariantCulture,
                $"{values[0].GetInteger(i)},{values[1].GetDateTime(i):yyyy-MM-dd HH:mm:ss},{values[2].GetReal(i):R}"));
            File.WriteAllLines(csv, ["customer_id,date,amount", .. lines]);
        }
        var features = new FeatureSettings { TimeUnit = TimeUnit.Day, CalibrationEnd = new DateOnly(2010, 6, 30), ObservationEnd = new DateOnly(2010, 12, 31) };
        var mapped = Data with { Columns = new ColumnMapping { CustomerId = "tinyint_col", Timestamp = "timestamp_col", Amount = "double_col" } };
        var source = new ParquetTransactionSource(parquet, mapped);
        var fromParquet = Build(source, mapped, features);
        var fromCsv = Build(new CsvTransactionSource(csv, Data with { Source = DataSourceKind.Csv }), Data with { Source = DataSourceKind.Csv }, features);

        Assert.Equal(7300, fromParquet.Rejects.RowsRead);
        Assert.Equal(fromCsv.Rejects.RowsRead, fromParquet.Rejects.RowsRead);
        Assert.Equal(fromCsv.Rejects.Rejected, fromParquet.Rejects.Rejected);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i.ToString(CultureInfo.InvariantCulture)), fromParquet.Table.CustomerIds.Order(StringComparer.Ordinal));
        Assert.Equal(fromCsv.Table.CustomerIds, fromParquet.Table.CustomerIds);
        Assert.Equal(fromCsv.Table.Frequency, fromParquet.Table.Frequency);
        Assert.Equal(fromCsv.Table.Recency, fromParquet.Table.Recency);
        Assert.Equal(fromCsv.Table.T, fromParquet.Table.T);
        Assert.Equal(fromCsv.Table.MonetaryValue, fromParquet.Table.MonetaryValue);
        Assert.Equal(fromCsv.Table.Holdout!.Spend, fromParquet.Table.Holdout!.Spend);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(parquet))), source.ContentSha256);
    }

    [Fact]
    public void Nulls_in_mapped_columns_are_rejected_with_row_column_and_reason()
    {
        var path = Path.Combine(_folder, "tx.parquet");
        new TinyParquetFile()
            .Int64("customer_id", 1, 1, null, 2, 2, 3)
            .Date("date", new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 1), new DateOnly(2024, 1, 5), null, new DateOnly(2024, 3, 1), new DateOnly(2024, 1, 9))
            .Double("amount", 10.5, 20, 5, 7, 8.25, null)
            .Text("channel", "web", "web", "shop", "shop", "shop", "web")
            .Write(path);
        var data = Data with { Columns = new ColumnMapping { Attributes = ["channel"] } };
        var rejects = new StringWriter();
        var result = Build(new ParquetTransactionSource(path, data), data, new FeatureSettings { TimeUnit = TimeUnit.Day }, rejects);

        Assert.Equal(6, result.Rejects.RowsRead);
        Assert.Equal(3, result.Rejects.Rejected);
        Assert.Equal(1, result.Rejects.Count(RejectReason.MissingCustomerId));
        Assert.Equal(1, result.Rejects.Count(RejectReason.MissingTimestamp));
        Assert.Equal(1, result.Rejects.Count(RejectReason.BadAmount));
        var lines = rejects.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..]; // after the header line
        Assert.StartsWith("3,customer_id,", lines[0]);
        Assert.StartsWith("4,date,", lines[1]);
        Assert.Contains("date is null", lines[1]);
        Assert.StartsWith("6,amount,", lines[2]);
        Assert.Contains("amount is null", lines[2]);
        // Customers 1 (two purchases) and 2 (one accepted): frequency counts repeat days.
        Assert.Equal(["1", "2"], result.Table.CustomerIds);
        Assert.Equal([1.0, 0.0], result.Table.Frequency);
        Assert.Equal(["web", "shop"], result.Table.Attributes[0].Values);
    }

    [Fact]
    public void A_mapped_column_missing_from_the_file_lists_the_files_columns()
    {
        var path = Path.Combine(_folder, "tx.parquet");
        new TinyParquetFile().Int64("id", 1).Date("date", new DateOnly(2024, 1, 1)).Double("amount", 1).Write(path);
        var error = Assert.Throws<InputException>(() => Build(new ParquetTransactionSource(path, Data), Data, new FeatureSettings()));
        Assert.Contains(path, error.Message);
        Assert.Contains("no column 'customer_id'", error.Message);
        Assert.Contains("[id, date, amount]", error.Message);
    }

    [Fact]
    public void A_mapped_nested_column_is_refused_as_unsupported()
    {
        var path = Path.Combine(_folder, "tx.parquet");
        new TinyParquetFile().Int64("customer_id", 1).Date("date", new DateOnly(2024, 1, 1)).Double("amount", 1).WithNestedAddress().Write(path);
        var data = Data with { Columns = new ColumnMapping { Attributes = ["address"] } };
        var error = Assert.Throws<InputException>(() => Build(new ParquetTransactionSource(path, data), data, new FeatureSettings()));
        Assert.Contains("unsupported: nested column address.city", error.Message);
        // The flat columns beside it still read.
        Assert.Equal(1, Build(new ParquetTransactionSource(path, Data), Data, new FeatureSettings()).Rejects.Accepted);
    }

    [Fact]
    public void A_corrupt_file_is_an_input_error_naming_the_file()
    {
        var path = Path.Combine(_folder, "tx.parquet");
        new TinyParquetFile().Int64("customer_id", 1, 2).Date("date", new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 2)).Double("amount", 1, 2).Write(path);
        var bytes = File.ReadAllBytes(path);
        // Cut the first page's values short by moving the footer framing: truncate inside the data, keep the tail.
        var damaged = Path.Combine(_folder, "damaged.parquet");
        File.WriteAllBytes(damaged, [.. bytes[..30], .. bytes[40..]]);
        var error = Assert.ThrowsAny<InputException>(() => Build(new ParquetTransactionSource(damaged, Data), Data, new FeatureSettings()));
        Assert.StartsWith(damaged, error.Message);
    }
}
