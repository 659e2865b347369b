using System.Text.Json;

namespace ClvML.Tests.Cli;

/// <summary>`clvml train` with the regression stage on the real data sets: a leaderboard and a best model with holdout metrics.</summary>
public sealed class RegressionTrainTests
{
    private const string SmallSearch = """
        regression:
          target: holdout_spend
          automl:
            time_budget_seconds: 20
            max_trials: 6
            folds: 3
        probabilistic:
          enabled: false
        segmentation:
          enabled: false
        """;

    [Fact]
    public void Cdnow_train_writes_a_leaderboard_and_holdout_metrics()
    {
        using var run = new CliRun();
        var config = run.Write("train.yaml", $"""
            run:
              name: cdnow
            {SharedData.CdnowSampleYaml()}
            {SmallSearch}
            """);
        AssertRegressionRun(run, config, customers: 2357);
    }

    [Fact]
    public void Online_retail_train_writes_a_leaderboard_and_holdout_metrics()
    {
        using var run = new CliRun();
        var config = run.Write("train.yaml", $"""
            run:
              name: retail
            {SharedData.OnlineRetailYaml()}
            {SmallSearch}
            """);
        AssertRegressionRun(run, config, customers: null);
    }

    private static void AssertRegressionRun(CliRun run, string config, int? customers)
    {
        Assert.Equal(0, run.Run("train", "--config", config));
        var runPath = run.Stdout.TrimEnd().Split('\n')[^1];
        var leaderboard = File.ReadAllLines(Path.Combine(runPath, "regression", "leaderboard.csv"));
        Assert.Equal(7, leaderboard.Length); // header + 6 trials
        Assert.StartsWith("1,", leaderboard[1]);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(runPath, "regression", "metrics.json")));
        var outOfFold = metrics.RootElement.GetProperty("out_of_fold");
        if (customers is { } n) Assert.Equal(n, outOfFold.GetProperty("customers").GetInt32());
        Assert.True(outOfFold.GetProperty("rmse").GetDouble() > 0);
        // Any model worth keeping ranks customers better than chance on these data.
        Assert.True(outOfFold.GetProperty("normalized_gini").GetDouble() > 0.3, metrics.RootElement.GetRawText());
        Assert.True(File.Exists(Path.Combine(runPath, "regression", "model.json")));
    }
}

public sealed class RegressionStageErrorTests
{
    [Fact]
    public void Regression_without_a_holdout_names_the_key_to_set()
    {
        using var run = new CliRun();
        var config = run.Write("train.yaml", """
            data:
              sample:
                customers: 500
            probabilistic:
              enabled: false
            segmentation:
              enabled: false
            """);
        Assert.Equal(2, run.Run("train", "--config", config));
        Assert.Contains("regression.target: 'holdout_spend' needs a holdout period; set features.calibration_end or features.holdout", run.Stderr);
    }
}
