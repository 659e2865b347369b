using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClvML.Evaluation.Report;
using ClvML.Evaluation.Reporting;
using ClvML.NotebookRunner;
using ClvML.Persistence;

namespace ClvML.Tests.Notebooks;

public sealed partial class NotebookTests
{
    private const string ComparingModels = "04-comparing-models.ipynb";

    private static readonly string[] ComparedTrainers = ["gbdt", "ridge", "huber", "mlnet_fasttree", "mlnet_lightgbm"];

    /// <summary>
    /// The comparison notebook's side-by-side table shows, for each of its two runs and each trainer, the trials, the
    /// best cross-validated RMSE, the holdout metrics and the fit time that the run's own files hold
    /// (regression/leaderboard.csv, report/metrics.json, regression/timings.csv), read here without the notebook's code.
    /// </summary>
    [Fact]
    public async Task The_model_comparison_notebook_shows_each_trainers_numbers_as_its_runs_files_hold_them()
    {
        var outcome = await RanAsync(ComparingModels);
        var runs = RunPaths(outcome);
        Assert.Equal(["compare", "defaults"], runs.Select(Path.GetFileName));
        var rows = Csv(outcome, "Run,Trainer,Engine,Trials,CvRmse,HoldoutRmse,HoldoutMae,NormalizedGini,Bias,FitSeconds");
        Assert.Equal(2 * ComparedTrainers.Length, rows.Count);
        foreach (var (label, runPath) in new[] { ("automl", runs[0]), ("defaults", runs[1]) })
        {
            SavedRun.Open(runPath); // the notebook's run is whole and verified
            var metrics = MetricsJson.Read(File.ReadAllText(Path.Combine(runPath, "report", "metrics.json")));
            var leaderboard = File.ReadAllLines(Path.Combine(runPath, "regression", "leaderboard.csv")).Skip(1).Select(Fields).ToList();
            var seconds = File.ReadAllLines(Path.Combine(runPath, "regression", "timings.csv")).Skip(1).Select(l => l.Split(','))
                .Where(c => c[0].Length > 0).ToDictionary(c => c[0], c => Number(c[3]));
            var shown = rows.Where(r => r[0] == label).ToList();
            Assert.Equal(ComparedTrainers.Select(ModelDisplayNames.Of), shown.Select(r => r[1]));
            foreach (var (trainer, row) in ComparedTrainers.Zip(shown))
            {
                var trials = leaderboard.Where(c => c[2] == trainer).ToList();
                var best = trials[0]; // completed trials come best first
                var holdout = metrics.Models.Single(m => m.Name == trainer);
                Assert.Equal(trainer.StartsWith("mlnet_", StringComparison.Ordinal) ? "ML.NET" : "ClvML", row[2]);
                Assert.Equal(trials.Count, int.Parse(row[3], CultureInfo.InvariantCulture));
                Assert.Equal(Math.Round(Number(best[4]), 3), Number(row[4]));
                Assert.Equal(Math.Round(holdout["rmse"], 3), Number(row[5]));
                Assert.Equal(Math.Round(holdout["mae"], 3), Number(row[6]));
                Assert.Equal(Math.Round(holdout["normalized_gini"], 3), Number(row[7]));
                Assert.Equal(Math.Round(holdout["bias"], 3), Number(row[8]));
                Assert.Equal(seconds[best[1]], Number(row[9]));
                Assert.True(Number(row[9]) > 0, $"{label} {trainer}: fit time {row[9]}");
            }
        }
        Assert.Contains(Outputs(outcome, "text/plain"), v => v.StartsWith("segments/kmeans.zip: kind mlnet_kmeans, format version ", StringComparison.Ordinal));
    }

    /// <summary>
    /// What the comparison notebook's prose says of its runs (max_trials bounds the search, so every run of the notebook
    /// trains the same models): checked here so that a change of the library that changes the numbers changes the prose too.
    /// </summary>
    [Fact]
    public async Task The_model_comparison_notebooks_prose_describes_its_runs()
    {
        var runs = RunPaths(await RanAsync(ComparingModels));
        MetricsDocument Holdout(string run) => MetricsJson.Read(File.ReadAllText(Path.Combine(run, "report", "metrics.json")));
        double Metric(MetricsDocument document, string model, string metric) => document.Models.Single(m => m.Name == model)[metric];

        // "Huber regression led after the first round, and with this seed all ten remaining trials went to it."
        using (var search = JsonDocument.Parse(File.ReadAllText(Path.Combine(runs[0], "regression", "metrics.json"))))
        {
            Assert.Equal("huber", search.RootElement.GetProperty("best_trainer").GetString());
            Assert.Equal(15, search.RootElement.GetProperty("trials").GetInt32());
            Assert.True(search.RootElement.GetProperty("reproducible").GetBoolean());
        }
        var trials = File.ReadAllLines(Path.Combine(runs[0], "regression", "leaderboard.csv")).Skip(1).Select(Fields).ToList();
        Assert.Equal(11, trials.Count(t => t[2] == "huber"));
        Assert.All(trials.Where(t => int.Parse(t[1], CultureInfo.InvariantCulture) > ComparedTrainers.Length), t => Assert.Equal("huber", t[2]));

        // "BG/NBD with Gamma-Gamma has the lowest RMSE, and the best Spearman and normalized Gini ... Huber regression
        // comes closest on RMSE and has the lowest MAE of all models, at the cost of a strong negative bias ... the tree trainers trail."
        var automl = Holdout(runs[0]);
        Assert.Equal("bgnbd", automl.Models[0].Name);
        Assert.Equal("rmse", automl.PrimaryMetric);
        Assert.Equal("bgnbd", automl.Models.MaxBy(m => m["spearman"])!.Name);
        Assert.Equal("bgnbd", automl.Models.MaxBy(m => m["normalized_gini"])!.Name);
        Assert.Equal("huber", automl.Models.Where(m => m.Kind == "regression").MinBy(m => m["rmse"])!.Name);
        Assert.Equal("huber", automl.Models.MinBy(m => m["mae"])!.Name);
        Assert.True(Metric(automl, "huber", "bias") < -0.25);
        foreach (var trees in new[] { "gbdt", "mlnet_fasttree", "mlnet_lightgbm" })
            Assert.True(Metric(automl, trees, "rmse") > Metric(automl, "ridge", "rmse"), trees);

        // "Huber regression still has the lowest holdout RMSE, then ridge ... ClvML's gbdt is ahead of ML.NET's LightGBM
        // and FastTree on holdout RMSE, MAE and normalized Gini."
        var defaults = Holdout(runs[1]);
        var regressors = defaults.Models.Where(m => m.Kind == "regression").OrderBy(m => m["rmse"]).Select(m => m.Name).ToList();
        Assert.Equal(["huber", "ridge"], regressors.Take(2));
        foreach (var mlnet in new[] { "mlnet_fasttree", "mlnet_lightgbm" })
        {
            Assert.True(Metric(defaults, "gbdt", "rmse") < Metric(defaults, mlnet, "rmse"), mlnet);
            Assert.True(Metric(defaults, "gbdt", "mae") < Metric(defaults, mlnet, "mae"), mlnet);
            Assert.True(Metric(defaults, "gbdt", "normalized_gini") > Metric(defaults, mlnet, "normalized_gini"), mlnet);
        }
    }

    /// <summary>The run directories a notebook's training log names ("run written to ..."), in the order they were written.</summary>
    private static List<string> RunPaths(NotebookOutcome outcome) =>
        [.. Outputs(outcome, "text/plain").SelectMany(v => RunWrittenLine().Matches(v)).Select(m => m.Groups[1].Value.TrimEnd('\r'))];

    [GeneratedRegex(@"^run written to (.+)$", RegexOptions.Multiline)]
    private static partial Regex RunWrittenLine();

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
