using System.Diagnostics;
using System.Globalization;
using ClvML.Tests.Cli;

namespace ClvML.Tests.MLNet;

/// <summary>
/// An ML.NET model file from a ClvML run, loaded by a separate program that references only Microsoft.ML (and the
/// FastTree/LightGbm packages for their model types), not ClvML (tests/ClvML.MLNetConsumer), predicts what
/// <c>clvml score</c> wrote for the same customers: the column mapping and the target-range clamp are inside the
/// saved pipeline.
/// </summary>
public sealed class MLNetConsumerTests
{
    [Theory]
    [InlineData("mlnet_fasttree")]
    [InlineData("mlnet_lightgbm")]
    [InlineData("mlnet_fasttree_tweedie")]
    [InlineData("mlnet_sdca")]
    public void A_plain_ml_net_program_predicts_what_clvml_score_wrote(string trainer)
    {
        using var cli = new CliRun();
        Assert.True(cli.Run("simulate", "--customers", "1200", "--seed", "4", "--output", cli.Path_("tx.csv")) == 0, cli.Stderr);
        var data = $"""
            data:
              source: csv
              path: {cli.Path_("tx.csv")}
              columns:
                order_id: order_id
            """;
        var config = cli.Write("train.yaml", $"""
            run:
              name: consumer
            {data}
            features:
              calibration_end: 2025-06-30
              observation_end: 2025-12-31
            probabilistic:
              enabled: false
            segmentation:
              enabled: false
            regression:
              trainers: [{trainer}]
              automl:
                enabled: false
                folds: 3
            """);
        Assert.True(cli.Run("train", "--config", config, "--output-dir", cli.Path_("models")) == 0, cli.Stderr);
        var run = cli.Stdout.TrimEnd().Split('\n')[^1].Trim();
        var model = Path.Combine(run, "regression", "model.zip");
        Assert.True(File.Exists(model));

        const string AsOf = "2025-09-30";
        Assert.True(cli.Run("score", "--run", run, "--input", cli.Path_("tx.csv"), "--as-of", AsOf, "--output", cli.Path_("scores.csv")) == 0, cli.Stderr);
        // The regressor's inputs as scoring computes them: the calibration features of the same rows as of the same
        // date (the later rows, which scoring rejects, only fill the holdout columns here).
        var featuresConfig = cli.Write("features.yaml", $"""
            {data}
            features:
              calibration_end: {AsOf}
              observation_end: 2025-12-31
            """);
        Assert.True(cli.Run("features", "--config", featuresConfig, "--output", cli.Path_("features.csv")) == 0, cli.Stderr);

        RunConsumer(model, cli.Path_("features.csv"), cli.Path_("consumer.csv"));

        var expected = Read(cli.Path_("scores.csv"), "predicted_spend");
        var actual = Read(cli.Path_("consumer.csv"), "score");
        Assert.Subset(actual.Keys.ToHashSet(), expected.Keys.ToHashSet());
        Assert.Equal(expected.Count, actual.Count);
        Assert.True(expected.Count >= 1000, $"{expected.Count} customers scored");
        Assert.True(expected.Values.Count(v => v > 0) > expected.Count / 10, "the model should predict positive spend for a good share of customers");
        // Compared at float precision, with tolerance zero: both values are ML.NET's float32 "Score" of the same saved
        // pipeline, widened to double exactly and written in round-trip form on both sides, and the inputs reach ML.NET
        // as the same doubles (features.csv is round-trip text, read here by ML.NET's own text loader), so they round to
        // the same floats. A looser tolerance would hide a real difference: a tree split moved by one float ulp changes
        // a prediction by a leaf value, not by an ulp.
        var differing = expected.Where(p => p.Value != actual[p.Key]).Take(5).ToList();
        Assert.True(differing.Count == 0, "customers whose ML.NET prediction differs from clvml score's: "
            + string.Join("; ", differing.Select(p => $"{p.Key}: score {p.Value:R}, ML.NET {actual[p.Key]:R}")));
        Assert.All(actual.Values, v => Assert.Equal(v, (double)(float)v));
    }

    private static void RunConsumer(string model, string features, string output)
    {
        var project = Path.Combine(SharedData.RepositoryRoot, "tests", "ClvML.MLNetConsumer", "ClvML.MLNetConsumer.csproj");
        var start = new ProcessStartInfo("dotnet", ["run", "--project", project, "-c", "Debug", "--", model, features, output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "the ML.NET consumer did not finish in 5 minutes");
        Assert.True(process.ExitCode == 0, $"the ML.NET consumer failed ({process.ExitCode}): {stdout.Result}\n{stderr.Result}");
    }

    private static Dictionary<string, double> Read(string path, string column)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var id = Array.IndexOf(header, "customer_id");
        var value = Array.IndexOf(header, column);
        Assert.True(id >= 0 && value >= 0, $"{path}: header {lines[0]}");
        return lines.Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[id], c => double.Parse(c[value], CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }
}
