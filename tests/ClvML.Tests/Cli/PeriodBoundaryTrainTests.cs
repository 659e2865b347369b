using System.Text.Json;

namespace ClvML.Tests.Cli;

/// <summary>
/// `clvml train` with period boundaries past the data (the built-in sample runs from 2024-01-01 to
/// 2025-12-31): an empty holdout or one mostly without data is refused before any model is fitted
/// or ranked; an observation end a few days past the last transaction trains, and the warning is
/// printed, recorded in manifest.json and metrics.json, and shown in the report.
/// </summary>
public sealed class PeriodBoundaryTrainTests
{
    private static string Config(string periods) => $"""
        run:
          name: periods
        data:
          source: sample
          sample:
            customers: 1500
        features:
          time_unit: week
          purchase_period: day
        {periods}
        segmentation:
          enabled: false
        regression:
          enabled: false
        """;

    [Fact]
    public void Calibration_end_after_the_last_transaction_is_refused_with_the_data_dates()
    {
        using var run = new CliRun();
        var config = run.Write("train.yaml", Config("  calibration_end: 2026-01-31\n  observation_end: 2026-06-30"));
        Assert.Equal(2, run.Run("train", "--config", config, "--output-dir", run.Path_("models")));
        Assert.Contains("features.calibration_end: the calibration end 2026-01-31 is on or after the last transaction", run.Stderr);
        Assert.Contains("from 2024-01-01 to 2025-12-", run.Stderr);
        Assert.DoesNotContain("probabilistic:", run.Stdout);
        Assert.False(File.Exists(Path.Combine(run.Path_("models"), "periods", "manifest.json")));
    }

    [Fact]
    public void Observation_end_far_past_the_last_transaction_is_refused()
    {
        using var run = new CliRun();
        var config = run.Write("train.yaml", Config("  calibration_end: 2025-06-30\n  observation_end: 2026-03-31"));
        Assert.Equal(2, run.Run("train", "--config", config, "--output-dir", run.Path_("models")));
        Assert.Contains("features.observation_end: 2026-03-31 is", run.Stderr);
        Assert.Contains("of the 274-day holdout", run.Stderr);
        Assert.False(File.Exists(Path.Combine(run.Path_("models"), "periods", "manifest.json")));
    }

    [Fact]
    public void Observation_end_a_few_days_past_the_last_transaction_trains_with_a_recorded_warning()
    {
        using var run = new CliRun();
        var config = run.Write("train.yaml", Config("  calibration_end: 2025-06-30\n  observation_end: 2026-01-04"));
        Assert.Equal(0, run.Run("train", "--config", config, "--output-dir", run.Path_("models")));
        Assert.Contains("warning: features.observation_end: 2026-01-04 is", run.Stdout);
        var dir = Path.Combine(run.Path_("models"), "periods");

        using (var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "manifest.json"))))
        {
            var warning = Assert.Single(manifest.RootElement.GetProperty("warnings").EnumerateArray());
            Assert.Equal("observation_end_after_last_transaction", warning.GetProperty("code").GetString());
            Assert.Equal("features.observation_end", warning.GetProperty("subject").GetString());
            Assert.Contains("of the 188-day holdout", warning.GetProperty("message").GetString());
        }
        using (var metrics = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "report", "metrics.json"))))
            Assert.Equal("observation_end_after_last_transaction",
                Assert.Single(metrics.RootElement.GetProperty("warnings").EnumerateArray()).GetProperty("code").GetString());
        var html = File.ReadAllText(Path.Combine(dir, "report", "report.html"));
        Assert.Contains("<div class=\"warning\" role=\"note\"><strong>Observation end after the last transaction.</strong> features.observation_end: 2026-01-04", html);
        Assert.Contains("> **Observation end after the last transaction.** features.observation\\_end: 2026-01-04",
            File.ReadAllText(Path.Combine(dir, "report", "report.md")));

        // Fits with dropout: one best model, and a heat-map caption read off its cells.
        Assert.Contains("the best is", html);
        Assert.DoesNotContain("(tie)", html);
        Assert.Contains("Mean P(alive) runs from", html);
        Assert.DoesNotContain("Every cell shows", html);

        // The warning is part of the run: a rebuilt report shows it too.
        var before = File.ReadAllBytes(Path.Combine(dir, "report", "report.html"));
        File.Delete(Path.Combine(dir, "report", "report.html"));
        Assert.Equal(0, run.Run("report", "--run", dir));
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(dir, "report", "report.html")));
    }
}
