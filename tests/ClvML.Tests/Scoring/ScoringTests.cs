using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClvML.Tests.Cli;

namespace ClvML.Tests.Scoring;

/// <summary>Batch scoring end to end: a run trained on one sample scores another, and a damaged run is refused.</summary>
public sealed class ScoringTests : IClassFixture<ScoringTests.TrainedRun>
{
    /// <summary>One small run trained once for the tests of this class.</summary>
    public sealed class TrainedRun : IDisposable
    {
        public TrainedRun()
        {
            Cli = new CliRun();
            Config = Cli.Write("train.yaml", Yaml);
            Assert.True(Cli.Run("train", "--config", Config, "--output-dir", Cli.Path_("models")) == 0, Cli.Stderr);
            RunPath = Cli.Stdout.Trim().Split('\n')[^1].Trim();
        }

        // AutoML bounded by trials, not time, so two trainings make the same choices.
        public const string Yaml = """
            run:
              name: scoring
              seed: 42
            data:
              source: sample
              sample:
                customers: 2000
              columns:
                order_id: order_id
            features:
              time_unit: week
              purchase_period: day
              calibration_end: 2025-06-30
              observation_end: 2025-12-31
            segmentation:
              k: 3
              restarts: 2
            regression:
              automl:
                time_budget_seconds: 600
                max_trials: 4
                folds: 3
            """;

        internal CliRun Cli { get; }
        public string Config { get; }
        public string RunPath { get; }

        public void Dispose() => Cli.Dispose();
    }

    private readonly TrainedRun _trained;

    public ScoringTests(TrainedRun trained) => _trained = trained;

    [Fact]
    public void A_second_sample_is_scored_for_every_customer_with_finite_values_and_p_alive_in_0_1()
    {
        using var cli = new CliRun();
        Assert.Equal(0, cli.Run("simulate", "--customers", "1500", "--seed", "9", "--output", cli.Path_("tx.csv")));
        var code = cli.Run("score", "--run", _trained.RunPath, "--input", cli.Path_("tx.csv"), "--as-of", "2025-12-31", "--output", cli.Path_("scores.csv"));
        Assert.True(code == 0, cli.Stderr);

        var lines = File.ReadAllLines(cli.Path_("scores.csv"));
        var header = lines[0].Split(',');
        Assert.Equal(["customer_id", "p_alive", "expected_purchases", "expected_spend", "clv", "net_clv", "cluster", "cluster_label", "rfm_code", "rfm_segment", "predicted_spend"], header);
        // Every customer with an accepted row is scored once (the simulator writes 1,500 customers).
        var ids = lines.Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(1500, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var numeric = new[] { "p_alive", "expected_purchases", "expected_spend", "clv", "net_clv", "predicted_spend" }.Select(c => Array.IndexOf(header, c)).ToArray();
        foreach (var line in lines.Skip(1))
        {
            // Cluster labels contain commas inside quotes; the numbers sit before and after them.
            var fields = SplitCsv(line);
            foreach (var c in numeric) Assert.True(double.IsFinite(double.Parse(fields[c], CultureInfo.InvariantCulture)), line);
            var pAlive = double.Parse(fields[1], CultureInfo.InvariantCulture);
            Assert.InRange(pAlive, 0, 1);
        }
        // Rows read = accepted + rejected, as the CLI reports, once, with the rejects file.
        var summary = Assert.Single(cli.Stdout.Split('\n'), l => l.StartsWith("rows read ", StringComparison.Ordinal));
        Assert.Matches(@"^rows read (\d+) = accepted (\d+) \+ rejected (\d+) \(rejects: .*scores\.rejects\.csv\)$", summary);
        Assert.Single(cli.Stdout.Split('\n'), l => l.Contains("scores.csv", StringComparison.Ordinal) && !l.StartsWith("rows read ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_parquet_input_scores_the_same_as_the_same_rows_in_csv_and_a_corrupt_one_exits_2()
    {
        using var cli = new CliRun();
        Assert.Equal(0, cli.Run("simulate", "--customers", "300", "--seed", "5", "--output", cli.Path_("tx.csv")));
        // The simulator writes some malformed rows on purpose; keep the well-formed ones for both inputs.
        var rows = File.ReadAllLines(cli.Path_("tx.csv")).Skip(1).Select(l => l.Split(','))
            .Where(f => f.Length == 6 && f[0].Length > 0 && f[3].Length > 0
                && DateOnly.TryParseExact(f[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                && double.TryParse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var a) && double.IsFinite(a))
            .ToList();
        File.WriteAllLines(cli.Path_("clean.csv"), ["customer_id,date,amount,order_id", .. rows.Select(f => string.Join(',', f[..4]))]);
        new Data.Parquet.TinyParquetFile()
            .Text("customer_id", [.. rows.Select(f => f[0])])
            .Date("date", [.. rows.Select(f => (DateOnly?)DateOnly.ParseExact(f[1], "yyyy-MM-dd", CultureInfo.InvariantCulture))])
            .Double("amount", [.. rows.Select(f => (double?)double.Parse(f[2], CultureInfo.InvariantCulture))])
            .Text("order_id", [.. rows.Select(f => f[3])])
            .Write(cli.Path_("clean.parquet"));

        Assert.True(cli.Run("score", "--run", _trained.RunPath, "--input", cli.Path_("clean.csv"), "--as-of", "2025-12-31", "--output", cli.Path_("from-csv.csv")) == 0, cli.Stderr);
        Assert.True(cli.Run("score", "--run", _trained.RunPath, "--input", cli.Path_("clean.parquet"), "--as-of", "2025-12-31", "--output", cli.Path_("from-parquet.csv")) == 0, cli.Stderr);
        Assert.Equal(File.ReadAllLines(cli.Path_("from-csv.csv")), File.ReadAllLines(cli.Path_("from-parquet.csv")));

        var bytes = File.ReadAllBytes(cli.Path_("clean.parquet"));
        File.WriteAllBytes(cli.Path_("cut.parquet"), bytes[..(bytes.Length / 2)]);
        Assert.Equal(2, cli.Run("score", "--run", _trained.RunPath, "--input", cli.Path_("cut.parquet"), "--output", cli.Path_("cut-scores.csv")));
        Assert.Contains(cli.Path_("cut.parquet"), cli.Stderr);
    }

    [Fact]
    public void A_tampered_model_file_makes_score_exit_2_naming_the_file()
    {
        using var cli = new CliRun();
        CopyDirectory(_trained.RunPath, cli.Path_("run"));
        var model = Path.Combine(cli.Path_("run"), "regression", "model.json");
        File.AppendAllText(model, " ");
        Assert.Equal(0, cli.Run("simulate", "--customers", "200", "--seed", "3", "--output", cli.Path_("tx.csv")));
        Assert.Equal(2, cli.Run("score", "--run", cli.Path_("run"), "--input", cli.Path_("tx.csv"), "--output", cli.Path_("scores.csv")));
        Assert.Contains(model, cli.Stderr);
        Assert.Contains("SHA-256", cli.Stderr);
        Assert.False(File.Exists(cli.Path_("scores.csv")));

        File.Delete(model);
        Assert.Equal(2, cli.Run("score", "--run", cli.Path_("run"), "--input", cli.Path_("tx.csv"), "--output", cli.Path_("scores.csv")));
        Assert.Contains("missing", cli.Stderr);
    }

    [Fact]
    public void A_newer_format_version_in_the_manifest_is_refused_with_what_to_do()
    {
        using var cli = new CliRun();
        CopyDirectory(_trained.RunPath, cli.Path_("run"));
        var manifestPath = Path.Combine(cli.Path_("run"), "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        foreach (var file in manifest["files"]!.AsArray())
            if ((string)file!["path"]! == "segments/kmeans.json") file["format_version"] = 99;
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        Assert.Equal(0, cli.Run("simulate", "--customers", "200", "--seed", "3", "--output", cli.Path_("tx.csv")));
        Assert.Equal(2, cli.Run("score", "--run", cli.Path_("run"), "--input", cli.Path_("tx.csv"), "--output", cli.Path_("scores.csv")));
        Assert.Contains("kmeans.json", cli.Stderr);
        Assert.Contains("format version 99", cli.Stderr);
        Assert.Contains("upgrade ClvML", cli.Stderr);
    }

    [Fact]
    public void An_input_of_another_shape_is_refused_until_its_columns_are_mapped()
    {
        using var cli = new CliRun();
        cli.Write("cdnow.csv", """
            cust,when,sales
            1,19970101,29.33
            1,19970118,29.73
            2,19970102,10.5
            """);
        Assert.Equal(2, cli.Run("score", "--run", _trained.RunPath, "--input", cli.Path_("cdnow.csv"), "--output", cli.Path_("scores.csv")));
        Assert.Contains("--map customer_id=<column>", cli.Stderr);
        Assert.Contains("its columns are cust, sales, when", cli.Stderr);

        // The run's regressor reads order counts and other columns a three-column file still gives.
        var code = cli.Run("score", "--run", _trained.RunPath, "--input", cli.Path_("cdnow.csv"), "--output", cli.Path_("scores.csv"),
            "--map", "customer_id=cust", "--map", "timestamp=when", "--map", "amount=sales", "--map", "order_id=", "--timestamp-format", "yyyyMMdd");
        Assert.True(code == 0, cli.Stderr);
        Assert.Equal(3, File.ReadAllLines(cli.Path_("scores.csv")).Length);
    }

    [Fact]
    public void Score_warns_once_at_the_end_when_most_dates_are_not_iso_and_names_the_flag()
    {
        using var cli = new CliRun();
        cli.Write("tx.csv", TimestampHintCommandTests.MostlyDayFirst());
        var code = cli.Run("score", "--run", _trained.RunPath, "--input", cli.Path_("tx.csv"), "--output", cli.Path_("scores.csv"),
            "--map", "order_id=");
        Assert.True(code == 0, cli.Stderr);
        Assert.Contains("rows read 300 = accepted 100 + rejected 200", cli.Stdout);
        const string warning = "warning: most rows were rejected as unparseable_timestamp (200 of 300 rows), e.g. line 102: '10/04/2024'. They read with --timestamp-format \"d/M/yyyy\"";
        Assert.Equal(2, cli.Stdout.Split(warning).Length);
    }

    [Fact]
    public void Two_trainings_with_the_same_seed_write_byte_identical_model_files()
    {
        using var cli = new CliRun();
        var config = cli.Write("train.yaml", TrainedRun.Yaml);
        Assert.Equal(0, cli.Run("train", "--config", config, "--output-dir", cli.Path_("again")));
        var again = cli.Stdout.Trim().Split('\n')[^1].Trim();
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(_trained.RunPath, "manifest.json")));
        var compared = 0;
        foreach (var file in manifest.RootElement.GetProperty("files").EnumerateArray())
        {
            var path = file.GetProperty("path").GetString()!;
            // The leaderboard records each trial's wall time; everything else is a pure function of seed and data.
            if (path == "regression/leaderboard.csv") continue;
            Assert.True(File.ReadAllBytes(Path.Combine(_trained.RunPath, path)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(again, path))), path);
            compared++;
        }
        Assert.True(compared >= 10, $"{compared} files compared");
    }

    [Fact]
    public void The_manifest_records_every_compared_models_holdout_metrics_best_first()
    {
        var manifest = ClvML.Persistence.RunManifest.Read(Path.Combine(_trained.RunPath, "manifest.json"));
        Assert.True(manifest.Metrics.Count >= 6, $"{manifest.Metrics.Count} models");
        Assert.Equal(manifest.Metrics.Count, manifest.Metrics.Select(m => m.Name).Distinct().Count());
        var mae = manifest.Metrics.Select(m => m.Values.Single(v => v.Key == "mae").Value).ToList();
        Assert.All(mae, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(mae.Order(), mae); // evaluation.primary_metric defaults to mae, lower first
        Assert.Contains(manifest.Metrics, m => m.Kind == "probabilistic");
        Assert.Contains(manifest.Metrics, m => m.Kind == "regression");
        Assert.Contains(manifest.Metrics, m => m.Kind == "heuristic");
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var ch in line)
        {
            if (ch == '"') quoted = !quoted;
            else if (ch == ',' && !quoted) { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(ch);
        }
        fields.Add(current.ToString());
        return fields;
    }

    internal static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
