using System.Globalization;
using ClvML.Data.Parquet;
using ClvML.Tests.Cli;
using ClvML.Tests.Scoring;

namespace ClvML.Tests.Data.ParquetWriting;

/// <summary>
/// <c>--output *.parquet</c> on the commands: features and scores hold exactly what the CSV output
/// holds, and simulate writes the transaction log with typed columns.
/// </summary>
public sealed class ParquetOutputCommandTests(ScoringTests.TrainedRun trained) : IClassFixture<ScoringTests.TrainedRun>
{
    private const string SampleConfig = """
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
        """;

    [Fact]
    public void Features_written_as_parquet_hold_the_csv_features_exactly()
    {
        using var run = new CliRun();
        var config = run.Write("train.yaml", SampleConfig);
        Assert.Equal(0, run.Run("features", "--config", config, "--output", run.Path_("features.csv")));
        Assert.True(run.Run("features", "--config", config, "--output", run.Path_("features.parquet")) == 0, run.Stderr);
        Assert.Contains("features.parquet", run.Stdout);
        Assert.True(File.Exists(run.Path_("features.parquet.rejects.csv")));
        AssertSameTable(run.Path_("features.csv"), run.Path_("features.parquet"));
        var columns = ParquetFooter.Read(run.Path_("features.parquet")).Schema.Columns;
        Assert.Equal(PhysicalType.Int64, columns.Single(c => c.Name == "orders").PhysicalType);
        Assert.IsType<LogicalType.DateType>(columns.Single(c => c.Name == "first_purchase").LogicalType);
    }

    [Fact]
    public void Convert_writes_the_accepted_transactions_and_features_from_them_equal_the_csv_features()
    {
        using var run = new CliRun();
        Assert.Equal(0, run.Run("simulate", "--customers", "700", "--seed", "4", "--output", run.Path_("tx.csv")));
        var csvConfig = run.Write("csv.yaml", $"""
            data:
              source: csv
              path: {run.Path_("tx.csv")}
              columns:
                order_id: order_id
                attributes: [channel, country]
            features:
              time_unit: week
              calibration_end: 2025-06-30
              observation_end: 2025-12-31
            """);
        Assert.True(run.Run("convert", "--config", csvConfig, "--output", run.Path_("tx.parquet")) == 0, run.Stderr);
        // The sample's deliberately malformed rows are rejected and counted, the rest converted.
        var counts = System.Text.RegularExpressions.Regex.Match(run.Stdout, @"rows read (\d+) = accepted (\d+) \+ rejected (\d+)");
        Assert.True(counts.Success, run.Stdout);
        var (read, accepted, rejected) = (long.Parse(counts.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(counts.Groups[2].Value, CultureInfo.InvariantCulture),
            long.Parse(counts.Groups[3].Value, CultureInfo.InvariantCulture));
        Assert.True(rejected > 0);
        Assert.Equal(read, accepted + rejected);
        Assert.Equal(accepted, ParquetFileReader.ReadTable(run.Path_("tx.parquet")).RowCount);
        Assert.Equal(rejected + 1, File.ReadAllLines(run.Path_("tx.parquet.rejects.csv")).Length);

        var parquetConfig = run.Write("parquet.yaml", File.ReadAllText(csvConfig).Replace("source: csv", "source: parquet").Replace(run.Path_("tx.csv"), run.Path_("tx.parquet")));
        Assert.Equal(0, run.Run("features", "--config", csvConfig, "--output", run.Path_("from-csv.csv")));
        Assert.Equal(0, run.Run("features", "--config", parquetConfig, "--output", run.Path_("from-parquet.csv")));
        Assert.Equal(File.ReadAllText(run.Path_("from-csv.csv")), File.ReadAllText(run.Path_("from-parquet.csv")));

        Assert.Equal(2, run.Run("convert", "--config", csvConfig, "--output", run.Path_("tx2.csv")));
        Assert.Contains("convert writes typed data", run.Stderr);
    }

    [Fact]
    public void Scores_written_as_parquet_hold_the_csv_scores_exactly()
    {
        using var cli = new CliRun();
        Assert.Equal(0, cli.Run("simulate", "--customers", "800", "--seed", "9", "--output", cli.Path_("tx.csv")));
        foreach (var output in new[] { "scores.csv", "scores.parquet" })
        {
            var code = cli.Run("score", "--run", trained.RunPath, "--input", cli.Path_("tx.csv"), "--as-of", "2025-12-31", "--output", cli.Path_(output));
            Assert.True(code == 0, cli.Stderr);
        }
        AssertSameTable(cli.Path_("scores.csv"), cli.Path_("scores.parquet"));
    }

    [Fact]
    public void Simulate_writes_typed_purchases_and_returns_matching_the_csv_rows()
    {
        using var run = new CliRun();
        Assert.Equal(0, run.Run("simulate", "--customers", "500", "--seed", "3", "--output", run.Path_("tx.csv")));
        Assert.Equal(0, run.Run("simulate", "--customers", "500", "--seed", "3", "--output", run.Path_("tx.parquet"), "--numeric-ids"));
        Assert.Contains("malformed rows are not written to Parquet", run.Stdout);
        Assert.Equal(0, run.Run("simulate", "--customers", "500", "--seed", "3", "--output", run.Path_("text-ids.parquet")));
        Assert.Equal(2, run.Run("simulate", "--customers", "500", "--output", run.Path_("x.csv"), "--numeric-ids"));

        // The CSV's purchase and return rows (order ids O... and RO...), in file order.
        var csv = File.ReadAllLines(run.Path_("tx.csv")).Skip(1).Select(l => l.Split(','))
            .Where(f => f.Length == 6 && f[3].Length > 0 && f[3][0] is 'O' or 'R').ToList();
        var path = run.Path_("tx.parquet");
        var schema = ParquetFooter.Read(path).Schema.Columns;
        Assert.Equal(["customer_id", "date", "amount", "order_id", "channel", "country"], schema.Select(c => c.Name));
        Assert.Equal([PhysicalType.Int64, PhysicalType.Int32, PhysicalType.Double, PhysicalType.ByteArray, PhysicalType.ByteArray, PhysicalType.ByteArray],
            schema.Select(c => c.PhysicalType));
        Assert.All(schema, c => Assert.Equal(FieldRepetitionType.Required, c.Repetition));
        Assert.Equal(csv.Select(f => long.Parse(f[0][1..], CultureInfo.InvariantCulture)), PageLevelReader.Values(path, "customer_id").Cast<long>());
        Assert.Equal(csv.Select(f => f[0]), PageLevelReader.Values(run.Path_("text-ids.parquet"), "customer_id").Cast<string>());
        var epoch = new DateOnly(1970, 1, 1).DayNumber;
        Assert.Equal(csv.Select(f => DateOnly.ParseExact(f[1], "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber - epoch), PageLevelReader.Values(path, "date").Cast<int>());
        Assert.Equal(csv.Select(f => double.Parse(f[2], CultureInfo.InvariantCulture)), PageLevelReader.Values(path, "amount").Cast<double>());
        Assert.Equal(csv.Select(f => f[3]), PageLevelReader.Values(path, "order_id").Cast<string>());
        Assert.Equal(csv.Select(f => f[4]), PageLevelReader.Values(path, "channel").Cast<string>());
        Assert.Equal(csv.Select(f => f[5]), PageLevelReader.Values(path, "country").Cast<string>());
    }

    /// <summary>Every cell of the CSV equals the Parquet value of its column: text as is, numbers parsed, dates as days.</summary>
    private static void AssertSameTable(string csvPath, string parquetPath)
    {
        var lines = File.ReadAllLines(csvPath);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(CsvLine.Cells).ToList();
        var columns = ParquetFooter.Read(parquetPath).Schema.Columns;
        Assert.Equal(header, columns.Select(c => c.Name));
        Assert.True(rows.Count > 100);
        var epoch = new DateOnly(1970, 1, 1).DayNumber;
        for (var c = 0; c < header.Length; c++)
        {
            var values = PageLevelReader.Values(parquetPath, header[c]);
            Assert.Equal(rows.Count, values.Count);
            var column = columns[c];
            object? Expected(string cell) => column.PhysicalType switch
            {
                PhysicalType.Int64 => long.Parse(cell, CultureInfo.InvariantCulture),
                PhysicalType.Double => double.Parse(cell, CultureInfo.InvariantCulture),
                PhysicalType.Int32 => DateOnly.ParseExact(cell, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber - epoch,
                _ => cell,
            };
            Assert.Equal(rows.Select(r => Expected(r[c])), values);
        }
    }
}
