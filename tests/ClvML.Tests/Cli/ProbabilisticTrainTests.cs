using System.Globalization;
using System.Text.Json;
using ClvML.Persistence;
using ClvML.Probabilistic;

namespace ClvML.Tests.Cli;

/// <summary>`clvml train` with the probabilistic stage on CDNOW: model files, predictions and the manifest entries.</summary>
public sealed class ProbabilisticTrainTests
{
    [Fact]
    public void Cdnow_train_writes_model_files_and_predictions()
    {
        using var run = new CliRun();
        var config = run.Write("train.yaml", $"""
            run:
              name: cdnow
            {SharedData.CdnowSampleYaml()}
            probabilistic:
              transaction_models: [bgnbd, pareto_nbd, mbgnbd]
            regression:
              enabled: false
            segmentation:
              enabled: false
            clv:
              horizon_months: 12
              discount_rate: 0.01
              margin: 0.3
            """);
        Assert.Equal(0, run.Run("train", "--config", config, "--output-dir", run.Path_("models")));
        var dir = Path.Combine(run.Path_("models"), "cdnow");
        Assert.Contains("probabilistic: bgnbd r = 0.24259", run.Stdout);

        var bg = Assert.IsType<BgNbdModel>(ProbabilisticModelFile.Load(Path.Combine(dir, "probabilistic", "bgnbd.json")));
        Assert.Equal(0.243, bg.R, 0.0005);
        var gg = Assert.IsType<GammaGammaModel>(ProbabilisticModelFile.Load(Path.Combine(dir, "probabilistic", "gamma_gamma.json")));
        Assert.Equal(15.44, gg.Gamma, 0.005);
        Assert.True(File.Exists(Path.Combine(dir, "probabilistic", "pareto_nbd.json")));
        Assert.True(File.Exists(Path.Combine(dir, "probabilistic", "mbgnbd.json")));

        var lines = File.ReadAllLines(Path.Combine(dir, "probabilistic", "predictions.csv"));
        Assert.Equal(2358, lines.Length);
        Assert.StartsWith("customer_id,expected_spend,bgnbd_p_alive,bgnbd_expected_purchases,bgnbd_clv,bgnbd_net_clv,pareto_nbd_p_alive", lines[0]);
        // Over the 39-week holdout the BG/NBD total is close to the actual holdout purchases (FHL 2005 figure 2: 1,788 vs 1,554... within 20%).
        var expected = lines.Skip(1).Sum(l => double.Parse(l.Split(',')[3], CultureInfo.InvariantCulture));
        Assert.InRange(expected, 1200, 2100);

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")));
        var files = manifest.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()).ToList();
        Assert.Contains("probabilistic/bgnbd.json", files);
        Assert.Contains("probabilistic/gamma_gamma.json", files);
        Assert.Contains("probabilistic/predictions.csv", files);
    }

    [Fact]
    public async Task Training_on_a_log_with_the_two_months_before_calibration_end_missing_finishes()
    {
        // 5,000 simulated customers (2024-01-01..2025-12-31) without their May and June 2025 rows, calibration to
        // 2025-06-30: the data favour a Pareto/NBD whose s and beta grow without bound, which once made every
        // likelihood evaluation slower than the last, so training sat after "features written" for good. A hang
        // guard, not a speed test: the run must end, with pareto_nbd fitted or skipped with a reason.
        using var run = new CliRun();
        Assert.Equal(0, run.Run("simulate", "--customers", "5000", "--seed", "7", "--output", run.Path_("tx.csv")));
        static bool InGap(string line) => line.Split(',') is [_, var date, ..] && string.CompareOrdinal(date, "2025-05-01") >= 0
            && string.CompareOrdinal(date, "2025-06-30") <= 0;
        var lines = File.ReadAllLines(run.Path_("tx.csv"));
        var kept = lines.Take(1).Concat(lines.Skip(1).Where(l => !InGap(l))).ToArray();
        Assert.InRange(lines.Length - kept.Length, 1500, 2000); // the two months' rows
        File.WriteAllLines(run.Path_("tx_gap.csv"), kept);
        var config = run.Write("train.yaml", """
            run:
              name: gap
            data:
              source: csv
              path: tx_gap.csv
              columns:
                order_id: order_id
            features:
              calibration_end: 2025-06-30
            probabilistic:
              transaction_models: [bgnbd, pareto_nbd]
            segmentation:
              enabled: false
            regression:
              enabled: false
            """);
        var training = Task.Run(() => run.Run("train", "--config", config, "--output-dir", run.Path_("models")), TestContext.Current.CancellationToken);
        Assert.Equal(0, await training.WaitAsync(TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken));
        Assert.Matches(@"probabilistic: pareto_nbd (r = \d|skipped: \S)", run.Stdout);
    }
}
