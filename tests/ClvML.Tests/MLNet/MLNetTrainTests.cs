using System.Globalization;
using System.Text.Json;
using ClvML.Tests.Cli;

namespace ClvML.Tests.MLNet;

/// <summary>`clvml train` with ClvML's and ML.NET's trainers side by side, and ML.NET's k-means as the segmentation engine.</summary>
public sealed class MLNetTrainTests
{
    private static readonly string[] Trainers = ["gbdt", "ridge", "mlnet_fasttree", "mlnet_lightgbm"];

    [Fact]
    public void Training_with_clvml_and_mlnet_trainers_writes_a_metrics_row_a_leaderboard_entry_and_a_fit_time_for_each()
    {
        using var cli = new CliRun();
        // max_trials bounds the search (the time budget is a safety net far above it): 8 trials, the first four
        // being each trainer's low-cost start, so every trainer completes at least one.
        var config = cli.Write("train.yaml", SampleTrainingYaml.For("mixed", 1500, """
            probabilistic:
              enabled: false
            segmentation:
              enabled: false
            regression:
              trainers: [gbdt, ridge, mlnet_fasttree, mlnet_lightgbm]
              automl:
                time_budget_seconds: 600
                max_trials: 8
                folds: 3
            """));
        Assert.True(cli.Run("train", "--config", config, "--output-dir", cli.Path_("models")) == 0, cli.Stderr);
        var run = cli.Stdout.TrimEnd().Split('\n')[^1].Trim();

        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "report", "metrics.json")));
        var rows = metrics.RootElement.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!, m => m);
        foreach (var trainer in Trainers)
        {
            Assert.True(rows.TryGetValue(trainer, out var row), $"report/metrics.json has no row for {trainer}: {string.Join(", ", rows.Keys)}");
            Assert.Equal("regression", row.GetProperty("kind").GetString());
            Assert.True(row.GetProperty("metrics").GetProperty("rmse").GetDouble() > 0);
        }

        var leaderboard = File.ReadAllLines(Path.Combine(run, "regression", "leaderboard.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(8, leaderboard.Count);
        // rank, trial, trainer lead every row (later cells are quoted text); every trainer completed a ranked trial.
        foreach (var trainer in Trainers) Assert.Contains(leaderboard, cells => cells[2] == trainer && cells[0].Length > 0);
        Assert.Equal(Trainers.Order(), leaderboard.Select(c => c[2]).Distinct().Order());

        // The report's regression table: one row per trainer with the fit time of its best trial, from timings.csv.
        var timings = File.ReadAllLines(Path.Combine(run, "regression", "timings.csv")).Skip(1).Select(l => l.Split(','))
            .Where(c => c[0].Length > 0).ToDictionary(c => int.Parse(c[0], CultureInfo.InvariantCulture), c => double.Parse(c[3], CultureInfo.InvariantCulture));
        var markdown = File.ReadAllLines(Path.Combine(run, "report", "report.md"));
        foreach (var (trainer, display) in new[] { ("gbdt", "Gradient-boosted trees"), ("ridge", "Ridge regression"), ("mlnet_fasttree", "FastTree (ML.NET)"), ("mlnet_lightgbm", "LightGBM (ML.NET)") })
        {
            var line = markdown.Single(l => l.StartsWith($"| {display} |", StringComparison.Ordinal) && l.Split('|').Length == 8);
            var cells = line.Split('|').Select(c => c.Trim()).ToArray();
            var best = leaderboard.First(c => c[2] == trainer && c[0].Length > 0);
            var bestSeconds = timings[int.Parse(best[1], CultureInfo.InvariantCulture)];
            Assert.Equal(bestSeconds.ToString("0.00", CultureInfo.InvariantCulture), cells[5]);
            Assert.True(double.Parse(cells[6], CultureInfo.InvariantCulture) >= double.Parse(cells[5], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void The_mlnet_segmentation_engine_saves_kmeans_zip_and_scoring_assigns_its_clusters()
    {
        using var cli = new CliRun();
        var config = cli.Write("train.yaml", SampleTrainingYaml.For("segments", 1500, """
            probabilistic:
              enabled: false
            regression:
              enabled: false
            segmentation:
              engine: mlnet
              k_range: [2, 4]
              restarts: 2
            """));
        Assert.True(cli.Run("train", "--config", config, "--output-dir", cli.Path_("models")) == 0, cli.Stderr);
        var run = cli.Stdout.TrimEnd().Split('\n')[^1].Trim();
        Assert.True(File.Exists(Path.Combine(run, "segments", "kmeans.zip")));
        Assert.False(File.Exists(Path.Combine(run, "segments", "kmeans.json")));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "manifest.json")));
        var entry = manifest.RootElement.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("path").GetString() == "segments/kmeans.zip");
        Assert.Equal("mlnet_kmeans", entry.GetProperty("kind").GetString());
        var selection = File.ReadAllLines(Path.Combine(run, "segments", "k_selection.csv"));
        Assert.Equal(4, selection.Length); // header + k = 2, 3, 4
        Assert.Equal("k,inertia,silhouette,davies_bouldin,calinski_harabasz,iterations,rank_sum,chosen", selection[0]);
        // ML.NET's trainer reports no iteration count: the column is empty rather than a made-up number.
        Assert.All(selection.Skip(1), l => Assert.Equal("", l.Split(',')[5]));

        // Scoring other customers loads kmeans.zip through the registry and assigns every one a cluster of the chosen k.
        Assert.True(cli.Run("simulate", "--customers", "300", "--seed", "9", "--output", cli.Path_("tx.csv")) == 0, cli.Stderr);
        Assert.True(cli.Run("score", "--run", run, "--input", cli.Path_("tx.csv"), "--output", cli.Path_("scores.csv")) == 0, cli.Stderr);
        var scores = File.ReadAllLines(cli.Path_("scores.csv"));
        var header = scores[0].Split(',');
        var cluster = Array.IndexOf(header, "cluster");
        Assert.True(cluster > 0, scores[0]);
        var clusters = scores.Skip(1).Select(l => int.Parse(l.Split(',')[cluster], CultureInfo.InvariantCulture)).ToList();
        var k = selection.Skip(1).Single(l => l.EndsWith(",1", StringComparison.Ordinal)).Split(',')[0];
        Assert.All(clusters, c => Assert.InRange(c, 0, int.Parse(k, CultureInfo.InvariantCulture) - 1));
        Assert.True(clusters.Distinct().Count() > 1);
    }

    [Fact]
    public void Two_trainings_with_ml_net_models_write_byte_identical_model_files()
    {
        // MLContext.Model.Save stamps zip entries with the time; ClvML's model files must depend on the model alone,
        // so the manifest's hashes, and the whole run, are the same for the same seed and data.
        using var cli = new CliRun();
        var config = cli.Write("train.yaml", SampleTrainingYaml.For("twice", 800, """
            probabilistic:
              enabled: false
            segmentation:
              engine: mlnet
              k: 3
              restarts: 1
            regression:
              trainers: [mlnet_lightgbm]
              automl:
                enabled: false
                folds: 3
            """));
        var runs = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            Assert.True(cli.Run("train", "--config", config, "--output-dir", cli.Path_($"models{i}")) == 0, cli.Stderr);
            runs.Add(cli.Stdout.TrimEnd().Split('\n')[^1].Trim());
            if (i == 0) Thread.Sleep(2100); // zip times have a 2-second resolution
        }
        foreach (var file in new[] { "regression/model.zip", "segments/kmeans.zip", "manifest.json", "segments/assignments.csv", "regression/predictions.csv" })
            Assert.True(File.ReadAllBytes(Path.Combine(runs[0], file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(runs[1], file))), $"{file} differs between two identical trainings");
    }

    [Fact]
    public void A_tampered_ml_net_model_file_makes_score_exit_2_naming_it()
    {
        using var cli = new CliRun();
        var config = cli.Write("train.yaml", SampleTrainingYaml.For("tamper", 800, """
            probabilistic:
              enabled: false
            segmentation:
              enabled: false
            regression:
              trainers: [mlnet_sdca]
              automl:
                enabled: false
                folds: 3
            """));
        Assert.True(cli.Run("train", "--config", config, "--output-dir", cli.Path_("models")) == 0, cli.Stderr);
        var run = cli.Stdout.TrimEnd().Split('\n')[^1].Trim();
        Assert.True(cli.Run("simulate", "--customers", "200", "--seed", "2", "--output", cli.Path_("tx.csv")) == 0, cli.Stderr);
        Assert.True(cli.Run("score", "--run", run, "--input", cli.Path_("tx.csv"), "--output", cli.Path_("scores.csv")) == 0, cli.Stderr);
        Assert.Contains("predicted_spend", File.ReadLines(cli.Path_("scores.csv")).First());
        var model = Path.Combine(run, "regression", "model.zip");
        var bytes = File.ReadAllBytes(model);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(model, bytes);
        Assert.Equal(2, cli.Run("score", "--run", run, "--input", cli.Path_("tx.csv"), "--output", cli.Path_("again.csv")));
        Assert.Contains("model.zip", cli.Stderr);
        Assert.False(File.Exists(cli.Path_("again.csv")));
    }
}
