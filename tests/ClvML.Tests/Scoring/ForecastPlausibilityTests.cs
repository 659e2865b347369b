using System.Globalization;
using ClvML.Tests.Cli;

namespace ClvML.Tests.Scoring;

/// <summary>
/// The regressor's spend forecasts from a saved run, scored later than training, as a nightly job
/// would: never negative, and never beyond what training saw, although scoring dates lie past the
/// training data (customers lapsed longer, older than any training customer).
/// </summary>
public sealed class ForecastPlausibilityTests
{
    [Fact]
    public void Ridge_on_online_retail_scored_at_the_end_of_the_data_forecasts_no_negative_or_runaway_spend()
    {
        var data = SharedData.File("online_retail", "online_retail.csv.gz");
        using var cli = new CliRun();
        // Ridge alone: AutoML picks it on this data, and it is the trainer that extrapolates.
        var config = cli.Write("train.yaml", $"""
            run:
              name: retail
            {SharedData.OnlineRetailYaml(calibrationEnd: "2011-08-31", timeUnit: "week", observationEnd: "2011-12-09")}
            segmentation:
              enabled: false
            regression:
              trainers: [ridge]
              automl:
                time_budget_seconds: 600
                max_trials: 8
                folds: 3
            """);
        Assert.True(cli.Run("train", "--config", config, "--output-dir", cli.Path_("models")) == 0, cli.Stderr);
        var run = cli.Stdout.Trim().Split('\n')[^1].Trim();
        var largestTrainingTarget = Column(Path.Combine(run, "features.csv"), "holdout_spend").Max();

        Assert.True(cli.Run("score", "--run", run, "--input", data, "--as-of", "2011-12-09", "--output", cli.Path_("scores.csv"),
            "--map", "customer_id=CustomerID", "--map", "timestamp=InvoiceDate", "--map", "quantity=Quantity",
            "--map", "unit_price=UnitPrice", "--map", "order_id=InvoiceNo") == 0, cli.Stderr);
        var forecasts = Column(cli.Path_("scores.csv"), "predicted_spend");
        Assert.Equal(4_339, forecasts.Length);
        Assert.All(forecasts, f => Assert.True(f >= 0 && f <= largestTrainingTarget, $"forecast {f}"));
    }

    /// <summary>The values of a numeric column of a CSV whose text fields before it hold no commas.</summary>
    private static double[] Column(string path, string name)
    {
        var lines = File.ReadAllLines(path);
        var index = Array.IndexOf(lines[0].Split(','), name);
        Assert.True(index >= 0, $"{path} has no column {name}");
        // Quoted labels with commas come after the numbers; count from the end for a trailing column.
        var fromEnd = lines[0].Split(',').Length - index;
        return [.. lines.Skip(1).Select(l => l.Split(',')).Select(f => double.Parse(f[^fromEnd], CultureInfo.InvariantCulture))];
    }
}
