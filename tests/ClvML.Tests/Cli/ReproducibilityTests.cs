using ClvML.AutoML;
using ClvML.Training;

namespace ClvML.Tests.Cli;

/// <summary>
/// "Same seed, same model files": two trainings of the same config and data, with the AutoML search
/// bounded by max_trials, write byte-identical runs, the report included. Only the wall times of
/// regression/timings.csv may differ, and the report's regression-search table, which shows them: with the
/// first run's timings copied into the second and its report rebuilt, the reports are byte-identical too.
/// </summary>
public sealed class ReproducibilityTests
{
    private const string Yaml = """
        run:
          name: twice
          seed: 7
        data:
          source: sample
          sample:
            customers: 2000
          columns:
            order_id: order_id
            attributes: [channel, country]
        features:
          time_unit: week
          purchase_period: day
          calibration_end: 2025-06-30
          observation_end: 2025-12-31
        segmentation:
          k_range: [2, 4]
          restarts: 2
        regression:
          automl:
            time_budget_seconds: 600
            max_trials: 12
            folds: 3
        """;

    [Fact]
    public void Two_trainings_bounded_by_max_trials_write_byte_identical_runs()
    {
        using var cli = new CliRun();
        var config = cli.Write("train.yaml", Yaml);
        var runs = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            Assert.True(cli.Run("train", "--config", config, "--output-dir", cli.Path_($"models{i}")) == 0, cli.Stderr);
            runs.Add(cli.Stdout.Trim().Split('\n')[^1].Trim());
            Assert.DoesNotContain("not reproducible", cli.Stdout);
        }
        File.Copy(Path.Combine(runs[0], RegressionStage.TimingsFile), Path.Combine(runs[1], RegressionStage.TimingsFile), overwrite: true);
        Assert.True(cli.Run("report", "--run", runs[1]) == 0, cli.Stderr);
        var files = Files(runs[0]);
        Assert.Equal(files, Files(runs[1]));
        Assert.Contains("report/report.html", files);
        Assert.Contains("regression/leaderboard.csv", files);
        Assert.Contains(RegressionStage.TimingsFile, files);
        var differing = files.Where(f => f != RegressionStage.TimingsFile
            && !File.ReadAllBytes(Path.Combine(runs[0], f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(runs[1], f)))).ToList();
        Assert.True(differing.Count == 0, $"files that differ between two identical trainings: {string.Join(", ", differing)}");
        Assert.Contains("\"reproducible\": true", File.ReadAllText(Path.Combine(runs[0], "regression", "metrics.json")));
    }

    [Fact]
    public void A_search_stopped_by_its_time_budget_is_marked_not_reproducible_in_the_manifest_and_the_report()
    {
        using var cli = new CliRun();
        // A budget of half a second cannot run 10,000 trials: the clock, not max_trials, ends the search.
        var config = cli.Write("train.yaml", Yaml.Replace("time_budget_seconds: 600", "time_budget_seconds: 0.5").Replace("max_trials: 12", "max_trials: 10000"));
        Assert.True(cli.Run("train", "--config", config, "--output-dir", cli.Path_("models")) == 0, cli.Stderr);
        var run = cli.Stdout.Trim().Split('\n')[^1].Trim();
        Assert.Contains("warning: The AutoML search depended on the clock: the time budget (0.5 s) stopped the search", cli.Stdout);
        var manifest = File.ReadAllText(Path.Combine(run, "manifest.json"));
        Assert.Contains($"\"code\": \"{AutoMLResult.NotReproducibleCode}\"", manifest);
        Assert.Contains("\"reproducible\": false", File.ReadAllText(Path.Combine(run, "regression", "metrics.json")));
        var html = File.ReadAllText(Path.Combine(run, "report", "report.html"));
        Assert.Contains("Not reproducible.", html);
        Assert.Contains("may run other trials and choose another model", html);
    }

    [Fact]
    public void The_live_status_counts_the_trials_against_the_budget_while_the_log_gets_no_line_per_trial()
    {
        using var cli = new CliRun();
        var config = cli.Write("train.yaml", Yaml);
        var log = new List<string>();
        var status = new List<string>();
        TrainingJob.Run(ClvML.Configuration.TrainConfigLoader.Load(config), config, cli.Path_("models"), log.Add, status.Add);
        Assert.Equal(12, status.Count);
        for (var i = 0; i < status.Count; i++)
            Assert.Matches($@"^regression: trial {i + 1}/12, \d+ s of 600 s, best (gbdt|ridge) rmse [0-9.]+$", status[i]);
        Assert.DoesNotContain(log, l => l.Contains("trial 1/12", StringComparison.Ordinal));
    }

    private static List<string> Files(string run) =>
        [.. Directory.EnumerateFiles(run, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(run, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];
}
