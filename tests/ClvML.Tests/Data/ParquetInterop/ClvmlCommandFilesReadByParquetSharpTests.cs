using System.Globalization;
using ClvML.Configuration;
using ClvML.Data.Parquet;
using ClvML.Data.Sample;
using ClvML.Tests.Cli;
using ClvML.Tests.Scoring;
using ClvML.Training;

namespace ClvML.Tests.Data.ParquetInterop;

/// <summary>
/// Each kind of Parquet file ClvML's commands write, read by ParquetSharp (Apache Arrow's
/// parquet-cpp) to the same values: <c>clvml features</c> and <c>clvml score</c> against the cells
/// of the same command's CSV output, the sample generator against its CSV rows, and
/// <c>clvml convert</c> against the table the conversion read. ClvML's reader agrees too.
/// </summary>
public sealed class ClvmlCommandFilesReadByParquetSharpTests(ScoringTests.TrainedRun trained) : IClassFixture<ScoringTests.TrainedRun>
{
    [Fact]
    public void Features_parquet_holds_the_csv_features_for_parquetsharp()
    {
        using var run = new CliRun();
        var config = run.Write("train.yaml", """
            data:
              source: sample
              sample:
                customers: 1500
              columns:
                order_id: order_id
                attributes: [channel, country]
            features:
              time_unit: week
              calibration_end: 2025-06-30
              observation_end: 2025-12-31
            """);
        Assert.True(run.Run("features", "--config", config, "--output", run.Path_("features.csv")) == 0, run.Stderr);
        Assert.True(run.Run("features", "--config", config, "--output", run.Path_("features.parquet")) == 0, run.Stderr);
        var read = ParquetSharpTable.Read(run.Path_("features.parquet"));
        Assert.Contains(read, c => c.Logical is ParquetSharp.DateLogicalType);
        SameAsCsv(run.Path_("features.csv"), read);
        ParquetAgreement.SameValues(ParquetFileReader.ReadTable(run.Path_("features.parquet")), read);
    }

    [Fact]
    public void Scores_parquet_holds_the_csv_scores_for_parquetsharp()
    {
        using var cli = new CliRun();
        Assert.Equal(0, cli.Run("simulate", "--customers", "800", "--seed", "9", "--output", cli.Path_("tx.csv")));
        foreach (var output in new[] { "scores.csv", "scores.parquet" })
            Assert.True(cli.Run("score", "--run", trained.RunPath, "--input", cli.Path_("tx.csv"), "--as-of", "2025-12-31", "--output", cli.Path_(output)) == 0, cli.Stderr);
        var read = ParquetSharpTable.Read(cli.Path_("scores.parquet"));
        SameAsCsv(cli.Path_("scores.csv"), read);
        ParquetAgreement.SameValues(ParquetFileReader.ReadTable(cli.Path_("scores.parquet")), read);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Sample_parquet_holds_the_sample_csv_rows_for_parquetsharp(bool numericIds)
    {
        using var run = new CliRun();
        // Row groups of 2,000 rows, so the file has several and each chunk its own dictionary.
        var options = new SampleOptions { Customers = 900, Seed = 5 };
        var path = run.Path_("sample.parquet");
        SampleGenerator.WriteParquet(options, path, numericIds, new ClvML.Data.Parquet.Writing.ParquetWriterOptions { RowGroupRows = 2000 });
        var csv = new StringWriter();
        SampleGenerator.WriteCsv(options, csv);
        // The CSV's purchase and return rows (order ids O... and RO...), in file order; its malformed rows have no typed form.
        var rows = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.TrimEnd('\r').Split(','))
            .Where(f => f.Length == 6 && f[3].Length > 0 && f[3][0] is 'O' or 'R').ToList();
        Assert.True(rows.Count > 2000);
        Assert.True(ParquetFooter.Read(path).MetaData.RowGroups.Count > 1);

        var read = ParquetSharpTable.Read(path);
        Assert.Equal(["customer_id", "date", "amount", "order_id", "channel", "country"], read.Select(c => c.Name));
        object? Id(string id) => numericIds ? long.Parse(id[1..], CultureInfo.InvariantCulture) : id;
        ParquetAgreement.SameValues("customer_id", [.. rows.Select(r => Id(r[0]))], [.. read[0].Values.Select(ParquetAgreement.FromParquetSharp)]);
        ParquetAgreement.SameValues("date", [.. rows.Select(r => (object?)DateOnly.ParseExact(r[1], "yyyy-MM-dd", CultureInfo.InvariantCulture))],
            [.. read[1].Values.Select(ParquetAgreement.FromParquetSharp)]);
        ParquetAgreement.SameValues("amount", [.. rows.Select(r => (object?)BitConverter.DoubleToInt64Bits(double.Parse(r[2], CultureInfo.InvariantCulture)))],
            [.. read[2].Values.Select(ParquetAgreement.FromParquetSharp)]);
        for (var c = 3; c < 6; c++)
            ParquetAgreement.SameValues(read[c].Name, [.. rows.Select(r => (object?)r[c])], read[c].Values);
        ParquetAgreement.SameValues(ParquetFileReader.ReadTable(path), read);
    }

    [Fact]
    public void Converted_transactions_with_timestamps_read_back_in_parquetsharp_as_the_conversion_read_them()
    {
        using var run = new CliRun();
        // Timestamps with seconds and fractions, a missing attribute, a malformed row (rejected), returns.
        var lines = new List<string> { "customer,when,qty,price,order,store" };
        var random = new Random(8);
        for (var i = 0; i < 3000; i++)
        {
            var when = new DateTime(2024, 1, 1).AddSeconds(random.Next(0, 30_000_000)).AddMilliseconds(i % 4 == 0 ? random.Next(0, 1000) : 0);
            var store = i % 17 == 0 ? "" : "S" + random.Next(0, 6).ToString(CultureInfo.InvariantCulture);
            var qty = i % 23 == 0 ? -1 : random.Next(1, 5);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"K{random.Next(0, 400)},{when:yyyy-MM-dd HH:mm:ss.fff},{qty},{random.Next(50, 5000) / 100.0},N{i},{store}"));
        }
        lines.Add("K1,not a date,1,2.5,N-bad,S1");
        run.Write("tx.csv", string.Join('\n', lines) + "\n");
        var yaml = $"""
            data:
              source: csv
              path: {run.Path_("tx.csv")}
              returns: keep
              columns:
                customer_id: customer
                timestamp: when
                amount: null
                quantity: qty
                unit_price: price
                order_id: order
                attributes: [store]
            features:
              time_unit: week
            """;
        var config = run.Write("convert.yaml", yaml);
        Assert.True(run.Run("convert", "--config", config, "--output", run.Path_("tx.parquet")) == 0, run.Stderr);
        var converted = ConvertJob.Read(TrainConfigLoader.Parse(yaml, run.Path_("convert.yaml")), run.Folder, run.Path_("again.rejects.csv"));
        Assert.Equal(1, converted.Rejects.Rejected);
        Assert.Contains(converted.Table.Columns, c => c.Kind == ClvML.Data.Tables.TableColumnKind.Timestamp);
        Assert.Contains(converted.Table.Columns, c => c.HasNulls);

        var read = ParquetSharpTable.Read(run.Path_("tx.parquet"));
        ParquetAgreement.SameValues(converted.Table, read);
        ParquetAgreement.SameValues(ParquetFileReader.ReadTable(run.Path_("tx.parquet")), read);
    }

    /// <summary>Every cell of the CSV equals ParquetSharp's value of its column: numbers parsed, dates as dates, text as is (an empty cell for null).</summary>
    private static void SameAsCsv(string csvPath, IReadOnlyList<ParquetSharpColumn> read)
    {
        var lines = File.ReadAllLines(csvPath);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(CsvLine.Cells).ToList();
        Assert.True(rows.Count > 100);
        Assert.Equal(header, read.Select(c => c.Name));
        for (var c = 0; c < header.Length; c++)
        {
            var column = read[c];
            object? Expected(string cell) => cell.Length == 0 && column.Physical != ParquetSharp.PhysicalType.ByteArray ? null : column.Physical switch
            {
                ParquetSharp.PhysicalType.Int64 => long.Parse(cell, CultureInfo.InvariantCulture),
                ParquetSharp.PhysicalType.Double => BitConverter.DoubleToInt64Bits(double.Parse(cell, CultureInfo.InvariantCulture)),
                ParquetSharp.PhysicalType.Int32 => DateOnly.ParseExact(cell, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                _ => cell,
            };
            ParquetAgreement.SameValues(header[c], [.. rows.Select(r => Expected(r[c]))], [.. column.Values.Select(v => ParquetAgreement.FromParquetSharp(v) ?? (column.Physical == ParquetSharp.PhysicalType.ByteArray ? "" : null))]);
        }
    }
}
