using System.Text.Json;
using ClvML.Persistence;

namespace ClvML.Tests.Cli;

/// <summary>The commands end to end: simulate, features and train, and what they write.</summary>
public sealed class CommandTests
{
    private const string SampleColumns = """
        columns:
          order_id: order_id
          attributes: [channel, country]
        """;

    private const string SampleSplit = """
        calibration_end: 2025-06-30
        observation_end: 2025-12-31
        """;

    [Fact]
    public void Simulate_writes_the_file_the_sample_source_reads()
    {
        using var run = new CliRun();
        Assert.Equal(0, run.Run("simulate", "--customers", "3000", "--seed", "8", "--output", run.Path_("tx.csv")));
        Assert.Contains("for 3,000 customers", run.Stdout);

        Assert.Equal(0, run.Features("tx.csv", SampleColumns, SampleSplit));
        var fromFile = File.ReadAllText(run.Path_("features.csv"));
        var fileRejects = File.ReadAllLines(run.Path_("features.rejects.csv")).Length;

        var config = run.Write("sample.yaml", $"""
            run:
              seed: 8
            data:
              source: sample
              sample:
                customers: 3000
            {Indent(SampleColumns)}
            features:
              time_unit: day
            {Indent(SampleSplit)}
            """);
        Assert.Equal(0, run.Run("features", "--config", config, "--output", run.Path_("sample-features.csv")));
        Assert.Equal(fromFile, File.ReadAllText(run.Path_("sample-features.csv")));
        Assert.Equal(fileRejects, File.ReadAllLines(run.Path_("sample-features.rejects.csv")).Length);
    }

    [Theory]
    [InlineData("0", "clvml: --customers must be at least 1; got 0.")]
    [InlineData("-5", "clvml: --customers must be at least 1; got -5.")]
    [InlineData("abc", "clvml: --customers: 'abc' is not a whole number.")]
    [InlineData("2.5", "clvml: --customers: '2.5' is not a whole number.")]
    [InlineData("100000001", "clvml: --customers must be at most 100,000,000; got 100000001.")]
    [InlineData("99999999999", "clvml: --customers must be at most 100,000,000; got 99999999999.")]
    public void Simulate_says_what_is_wrong_with_a_customer_count_in_the_options_words(string customers, string message)
    {
        using var run = new CliRun();
        Assert.Equal(2, run.Run("simulate", "--customers", customers, "--output", run.Path_("tx.csv")));
        Assert.Equal([message, "Run 'clvml --help' for usage."], run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(run.Path_("tx.csv")));
    }

    [Fact]
    public void Score_help_names_every_input_it_reads()
    {
        using var run = new CliRun();
        Assert.Equal(0, run.Run("score", "--help"));
        var input = run.Stdout.Split('\n').Single(l => l.Contains("--input", StringComparison.Ordinal));
        Assert.Contains("CSV", input);
        Assert.Contains(".gz", input);
        Assert.Contains("Parquet", input);
    }

    [Fact]
    public void Features_written_to_csv_and_to_parquet_keep_their_own_rejects_files()
    {
        using var run = new CliRun();
        run.Write("tx.csv", "customer_id,date,amount\nc1,2024-01-01,5\nc1,2024-01-03,oops\nc2,2024-01-02,7\n");
        Assert.Equal(0, run.Features("tx.csv"));
        Assert.Contains($"(rejects: {run.Path_("features.rejects.csv")})", run.Stdout);
        var csvRejects = File.ReadAllText(run.Path_("features.rejects.csv"));
        Assert.Contains("bad_amount", csvRejects);

        // The same name with another extension, from another input: its rejects go to their own file.
        run.Write("tx.csv", "customer_id,date,amount\nc1,2024-01-01,5\n,2024-01-03,6\n");
        Assert.Equal(0, run.Run("features", "--config", run.Path_("train.yaml"), "--output", run.Path_("features.parquet")));
        Assert.Contains($"(rejects: {run.Path_("features.parquet.rejects.csv")})", run.Stdout);
        Assert.Contains("missing_customer_id", File.ReadAllText(run.Path_("features.parquet.rejects.csv")));
        // The CSV output's rejects keep their own file, untouched by the Parquet run.
        Assert.Equal(csvRejects, File.ReadAllText(run.Path_("features.rejects.csv")));
    }

    [Fact]
    public void Train_writes_a_whole_run_directory_with_a_manifest_that_accounts_for_every_row()
    {
        using var run = new CliRun();
        var config = run.Write("train.yaml", $"""
            run:
              name: unit
            data:
              sample:
                customers: 2000
            {Indent(SampleColumns)}
            features:
            {Indent(SampleSplit)}
            regression:
              automl:
                time_budget_seconds: 5
                max_trials: 4
                folds: 3
            """);
        Assert.Equal(0, run.Run("train", "--config", config));
        var runPath = run.Stdout.TrimEnd().Split('\n')[^1];
        Assert.Equal(Path.Combine(run.Folder, "models", "unit"), runPath);
        Assert.Empty(Directory.GetDirectories(Path.Combine(run.Folder, "models"), ".*"));

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(runPath, "manifest.json")));
        var root = manifest.RootElement;
        Assert.Equal(RunManifest.CurrentSchemaVersion, root.GetProperty("schema_version").GetInt32());
        var data = root.GetProperty("data");
        var read = data.GetProperty("rows_read").GetInt64();
        var byReason = data.GetProperty("rejected_by_reason").EnumerateObject().Sum(r => r.Value.GetInt64());
        Assert.Equal(read, data.GetProperty("rows_accepted").GetInt64() + data.GetProperty("rows_rejected").GetInt64());
        Assert.Equal(data.GetProperty("rows_rejected").GetInt64(), byReason);
        Assert.Equal(File.ReadAllLines(Path.Combine(runPath, "rejects.csv")).Length - 1, byReason);
        Assert.Equal(2000, data.GetProperty("customers").GetInt32());
        foreach (var file in root.GetProperty("files").EnumerateArray())
            Assert.Equal(file.GetProperty("sha256").GetString(), RunManifest.HashFile(Path.Combine(runPath, file.GetProperty("path").GetString()!)));
        Assert.Contains("customers: 2000", root.GetProperty("config").GetString());
        var files = root.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()).ToList();
        Assert.Contains("regression/model.json", files);
        Assert.Contains("regression/leaderboard.csv", files);

        // The same name again gets a suffix instead of overwriting.
        Assert.Equal(0, run.Run("train", "--config", config));
        Assert.EndsWith(Path.Combine("models", "unit-2"), run.Stdout.TrimEnd().Split('\n')[^1]);
        Assert.Equal(File.ReadAllText(Path.Combine(runPath, "features.csv")), File.ReadAllText(Path.Combine(runPath + "-2", "features.csv")));
    }

    private static string Indent(string yaml) => string.Join("\n", yaml.Split('\n').Select(l => "  " + l));
}
