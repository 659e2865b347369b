using System.Text.Json;
using System.Text.RegularExpressions;
using ClvML.Tests.Cli;

namespace ClvML.Tests.Evaluation.Reporting;

/// <summary>The report of `clvml train` and its rebuild by `clvml report --run`.</summary>
public sealed partial class RunReportTests
{
    private const string SampleConfig = """
        run:
          name: small
        data:
          source: sample
          sample:
            customers: 2500
          columns:
            customer_id: customer_id
            timestamp: date
            amount: amount
            order_id: order_id
        features:
          time_unit: week
          purchase_period: day
          calibration_end: 2025-06-30
          observation_end: 2025-12-31
        segmentation:
          k: auto
          k_range: [2, 4]
          restarts: 2
        regression:
          automl:
            time_budget_seconds: 4
            max_trials: 8
            folds: 3
        evaluation:
          primary_metric: rmse
        """;

    [Fact]
    public void Train_writes_the_report_and_report_rebuilds_byte_identical_files()
    {
        using var run = new CliRun();
        var config = run.Write("train.yaml", SampleConfig);
        Assert.Equal(0, run.Run("train", "--config", config, "--output-dir", run.Path_("models")));
        var dir = Path.Combine(run.Path_("models"), "small");
        string[] reports = ["report.html", "report.md", "metrics.json"];
        var before = reports.ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(dir, "report", f)));

        using (var metrics = JsonDocument.Parse(before["metrics.json"]))
        {
            Assert.Equal("rmse", metrics.RootElement.GetProperty("primary_metric").GetString());
            var models = metrics.RootElement.GetProperty("models").EnumerateArray().ToList();
            var names = models.Select(m => m.GetProperty("name").GetString()).ToList();
            Assert.Contains("bgnbd", names);
            Assert.Contains("historic_average", names);
            Assert.Contains("segment_retention", names);
            Assert.Contains(models, m => m.GetProperty("kind").GetString() == "regression");
            var rmse = models.Select(m => m.GetProperty("metrics").GetProperty("rmse").GetDouble()).ToList();
            Assert.Equal(rmse.Order(), rmse);
            Assert.Equal(2500, metrics.RootElement.GetProperty("holdout").GetProperty("customers").GetInt32());
        }
        var html = System.Text.Encoding.UTF8.GetString(before["report.html"]);
        foreach (var heading in new[] { "Leaderboard", "Decile tables", "BTYD diagnostics", "Tracking: cumulative repeat transactions", "k selection", "Cluster profiles", "RFM segments", "Rows read" })
            Assert.Contains(heading, html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        // The only URL is the SVG namespace name, an identifier that is never fetched.
        Assert.All(UrlPattern().Matches(html), m => Assert.Equal("http://www.w3.org/2000/svg", m.Value));

        // The report files are outside the manifest; the data they are built from is inside it.
        var manifest = File.ReadAllText(Path.Combine(dir, "manifest.json"));
        Assert.Contains("report/holdout_predictions.csv", manifest);
        Assert.Contains("report/diagnostics.json", manifest);
        Assert.DoesNotContain("report/report.html", manifest);

        foreach (var f in reports) File.Delete(Path.Combine(dir, "report", f));
        Assert.Equal(0, run.Run("report", "--run", dir));
        foreach (var f in reports) Assert.Equal(before[f], File.ReadAllBytes(Path.Combine(dir, "report", f)));
        Assert.StartsWith("replaced the run's report, ranked by rmse (the run's evaluation.primary_metric):\n", run.Stdout);
        Assert.Equal(0, run.Run("score", "--run", dir, "--input", WriteSampleInput(run), "--output", run.Path_("scores.csv")));

        // Re-sorted on request, and a tampered input of the report is refused by name.
        Assert.Equal(0, run.Run("report", "--run", dir, "--primary-metric", "normalized_gini"));
        Assert.Contains("\"primary_metric\": \"normalized_gini\"", File.ReadAllText(Path.Combine(dir, "report", "metrics.json")));
        // Replacing the training's report is said, with how to get it back.
        Assert.StartsWith("replaced the run's report, now ranked by normalized_gini instead of the run's evaluation.primary_metric rmse "
            + $"('clvml report --run {dir}' without --primary-metric restores it):\n", run.Stdout);
        foreach (var f in reports) Assert.Contains(Path.Combine(dir, "report", f), run.Stdout);
        Assert.Equal(2, run.Run("report", "--run", dir, "--primary-metric", "auc"));
        Assert.Contains("--primary-metric", run.Stderr);
        File.AppendAllText(Path.Combine(dir, "report", "holdout_predictions.csv"), "x,0,0,0\n");
        Assert.Equal(2, run.Run("report", "--run", dir));
        Assert.Contains("holdout_predictions.csv", run.Stderr);
    }

    [Fact]
    public void Without_a_holdout_the_report_has_data_and_segments_and_says_why()
    {
        using var run = new CliRun();
        var config = run.Write("train.yaml", """
            run:
              name: noholdout
            data:
              source: sample
              sample:
                customers: 1500
            features:
              time_unit: week
            segmentation:
              k: 3
              restarts: 2
            regression:
              enabled: false
            evaluation:
              report: [html, json]
            """);
        Assert.Equal(0, run.Run("train", "--config", config, "--output-dir", run.Path_("models")));
        var dir = Path.Combine(run.Path_("models"), "noholdout", "report");
        Assert.False(File.Exists(Path.Combine(dir, "report.md")));
        var html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.Contains("No holdout period was configured", html);
        Assert.Contains("Cluster profiles", html);
        Assert.Contains("Rows read", html);
        Assert.DoesNotContain("Decile tables", html);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "metrics.json")));
        Assert.Empty(metrics.RootElement.GetProperty("models").EnumerateArray());
    }

    [Fact]
    public void Cdnow_report_ranks_bgnbd_and_pareto_nbd()
    {
        using var run = new CliRun();
        var config = run.Write("train.yaml", $"""
            run:
              name: cdnow
            {SharedData.CdnowSampleYaml()}
            probabilistic:
              transaction_models: [bgnbd, pareto_nbd]
            regression:
              enabled: false
            segmentation:
              enabled: false
            """);
        Assert.Equal(0, run.Run("train", "--config", config, "--output-dir", run.Path_("models")));
        var dir = Path.Combine(run.Path_("models"), "cdnow", "report");
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "metrics.json")));
        var models = metrics.RootElement.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);
        foreach (var name in new[] { "bgnbd", "pareto_nbd" })
        {
            Assert.Equal("probabilistic", models[name].GetProperty("kind").GetString());
            // FHL 2005: BG/NBD forecasts CDNOW's holdout purchases to within a few percent in total.
            Assert.InRange(models[name].GetProperty("metrics").GetProperty("purchases_bias").GetDouble(), -0.2, 0.2);
        }
        var html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.Contains("BG/NBD × Gamma-Gamma", html);
        Assert.Contains("Pareto/NBD × Gamma-Gamma", html);
        Assert.Contains("segmentation stage was off", html);
    }

    private static string WriteSampleInput(CliRun run)
    {
        Assert.Equal(0, run.Run("simulate", "--customers", "300", "--seed", "7", "--output", run.Path_("tx.csv")));
        return run.Path_("tx.csv");
    }

    [GeneratedRegex("https?://[^\"'\\s<>)]+")]
    private static partial Regex UrlPattern();
}
