using System.Globalization;
using System.Text;
using System.Text.Json;
using ClvML.AutoML;
using ClvML.Configuration;
using ClvML.Data;
using ClvML.Evaluation;
using ClvML.Features;
using ClvML.Models;
using ClvML.Persistence;
using ClvML.Registry;

namespace ClvML.Training;

/// <summary>What <see cref="RegressionStage.Run"/> produced.</summary>
/// <param name="Files">The files written, for the manifest.</param>
/// <param name="Warnings">What the run's reader must know (a search the clock decided).</param>
public sealed record RegressionStageResult(IReadOnlyList<RunFile> Files, IReadOnlyList<RunWarning> Warnings);

/// <summary>
/// The future-spend regression of <c>clvml train</c> (<c>regression:</c>): calibration features ->
/// holdout target, by AutoML search (or each trainer at its defaults), the best configuration refitted
/// on all customers. Writes the model (<c>regression/model.json</c>, or <c>model.zip</c> for ML.NET's: <see cref="RegressorKind.RunPath"/>), <c>regression/leaderboard.csv</c>,
/// <c>regression/predictions.csv</c> (each customer's out-of-fold prediction: honest holdout predictions)
/// and <c>regression/metrics.json</c>.
/// </summary>
public static class RegressionStage
{
    /// <summary>
    /// Format version of the leaderboard, predictions and metrics files (2: the leaderboard's seconds
    /// moved to regression/timings.csv, and metrics.json says whether the search was reproducible).
    /// </summary>
    public const int FileFormatVersion = 2;

    /// <summary>Runs the stage when enabled; returns the files written, for the manifest, and what the run's reader must know.</summary>
    /// <param name="config">The run's config.</param>
    /// <param name="table">The calibration features with holdout targets.</param>
    /// <param name="run">The run directory.</param>
    /// <param name="log">Progress lines.</param>
    /// <param name="extraInputs">Extra per-customer input columns (e.g. BTYD predictions), by name.</param>
    /// <param name="status">Told where the search stands after every trial (a live status line; not a log).</param>
    /// <param name="cancellationToken">Stops the search promptly.</param>
    public static RegressionStageResult Run(TrainConfig config, CustomerFeatureTable table, RunDirectory run, Action<string> log,
        IReadOnlyDictionary<string, double[]>? extraInputs = null, Action<string>? status = null, CancellationToken cancellationToken = default)
    {
        var settings = config.Regression;
        if (!settings.Enabled) return new RegressionStageResult([], []);
        if (table.Holdout is null)
            throw new InputException($"regression.target: '{settings.Target}' needs a holdout period; set features.calibration_end or features.holdout (or regression.enabled: false).");
        var target = settings.Target == "holdout_frequency" ? table.Holdout.Frequency : table.Holdout.Spend;
        var inputs = WithoutConstantColumns(ModelInputs.From(table, extraInputs), log);
        var automl = settings.AutoMl;
        var options = new AutoMLOptions
        {
            Trainers = settings.Trainers,
            TimeBudget = TimeSpan.FromSeconds(automl.TimeBudgetSeconds),
            MaxTrials = automl.MaxTrials,
            Folds = automl.Folds,
            Metric = RegressionMetricExtensions.Parse(automl.Metric),
            DefaultsOnly = !automl.Enabled,
            Seed = config.Run.Seed,
            // Both targets (holdout spend, holdout purchases) are forecasts of quantities that cannot
            // be negative, even where a customer's net holdout spend is (returns).
            NonNegativeTarget = true,
        };
        log(automl.Enabled
            ? $"regression: AutoML over [{string.Join(", ", settings.Trainers)}], {automl.Folds}-fold CV on {options.Metric.Name()}, budget {automl.TimeBudgetSeconds:0.#} s / {automl.MaxTrials} trials"
            : $"regression: [{string.Join(", ", settings.Trainers)}] at their defaults, {automl.Folds}-fold CV");
        var result = new AutoMLSearch(options).Run(inputs, target, status is null ? null : p => status($"regression: {p}"), cancellationToken);
        log($"regression: best {result.Best.Trainer} (trial {result.Best.Trial} of {result.Trials.Count}, {options.Metric.Name()} {result.Best.MetricMean:G5}); stopped on {result.StopReason}");
        var warnings = new List<RunWarning>();
        if (result.TimingDependence is { } timing)
        {
            var warning = new RunWarning(AutoMLResult.NotReproducibleCode, "regression.automl.time_budget_seconds",
                $"The AutoML search depended on the clock: {timing}. Another training with the same seed and data may run other trials and choose another model; "
                + "raise regression.automl.time_budget_seconds (or lower max_trials) so that max_trials bounds the search.");
            warnings.Add(warning);
            log($"warning: {warning.Message}");
        }

        var files = new List<RunFile>();
        var kind = ModelRegistry.Regressor(result.Model.Kind);
        var modelPath = run.File(kind.RunPath);
        result.Model.Save(modelPath);
        files.Add(new RunFile(kind.RunPath, kind.Name, kind.FormatVersion, RunManifest.HashFile(modelPath)));
        files.Add(WriteLeaderboard(result, run));
        WriteTimings(result, run);
        files.Add(WritePredictions(table, target, result, run));
        files.Add(WriteMetrics(settings.Target, result, target, inputs.Names, run));
        return new RegressionStageResult(files, warnings);
    }

    /// <summary>Drops columns with a single value (they carry no information) and says so; none left is an error.</summary>
    private static FeatureMatrix WithoutConstantColumns(FeatureMatrix inputs, Action<string> log)
    {
        var keep = Enumerable.Range(0, inputs.FeatureCount).Where(f => inputs.Columns[f].Distinct().Take(2).Count() > 1).ToArray();
        if (keep.Length == inputs.FeatureCount) return inputs;
        var dropped = Enumerable.Range(0, inputs.FeatureCount).Except(keep).Select(f => inputs.Names[f]).ToArray();
        if (keep.Length == 0)
            throw new InputException($"regression: every input column is constant over the {inputs.RowCount} customers ({string.Join(", ", dropped)}); there is nothing to learn from.");
        log($"regression: constant input columns left out: {string.Join(", ", dropped)}");
        return new FeatureMatrix([.. keep.Select(f => inputs.Names[f])], [.. keep.Select(f => inputs.Columns[f])]);
    }

    private static RunFile WriteLeaderboard(AutoMLResult result, RunDirectory run)
    {
        var path = run.File("regression/leaderboard.csv");
        var text = new StringBuilder($"rank,trial,trainer,parameters,{result.Metric.Name()}_mean,{result.Metric.Name()}_std,status,message\n");
        var ranked = result.Leaderboard.Concat(result.Trials.Where(t => t.Status != TrialStatus.Completed)).ToList();
        for (var i = 0; i < ranked.Count; i++)
        {
            var t = ranked[i];
            var rank = t.Status == TrialStatus.Completed ? (i + 1).ToString(CultureInfo.InvariantCulture) : "";
            var parameters = string.Join("; ", t.Parameters.Select(p => $"{p.Key}={p.Value}"));
            text.Append(CultureInfo.InvariantCulture, $"{rank},{t.Trial},{t.Trainer},{CsvText.Quote(parameters)},{t.MetricMean:R},{t.MetricStd:R},{t.Status},{CsvText.Quote(t.Message ?? "")}\n");
        }
        File.WriteAllText(path, text.ToString());
        return new RunFile("regression/leaderboard.csv", "leaderboard", FileFormatVersion, RunManifest.HashFile(path));
    }

    /// <summary>
    /// regression/timings.csv: each trial's wall time. Wall times differ from run to run, so they are kept
    /// out of every other file (the same seed and data give byte-identical run files) and out of the
    /// manifest: this file alone is allowed to differ, and nothing reads it back.
    /// </summary>
    private static void WriteTimings(AutoMLResult result, RunDirectory run)
    {
        var text = new StringBuilder("trial,trainer,status,seconds\n");
        foreach (var t in result.Trials) text.Append(CultureInfo.InvariantCulture, $"{t.Trial},{t.Trainer},{t.Status},{t.Seconds:F3}\n");
        text.Append(CultureInfo.InvariantCulture, $",search,,{result.SearchSeconds:F3}\n");
        File.WriteAllText(run.File(TimingsFile), text.ToString());
    }

    /// <summary>The one run file whose content depends on the machine's speed (see <see cref="WriteTimings"/>).</summary>
    public const string TimingsFile = Evaluation.Reporting.RunReport.RegressionTimingsPath;

    /// <summary>
    /// regression/predictions.csv: the winner's out-of-fold predictions, then each trainer's best
    /// configuration's (<c>&lt;trainer&gt;_out_of_fold</c>), which the report compares on the holdout.
    /// </summary>
    private static RunFile WritePredictions(CustomerFeatureTable table, double[] target, AutoMLResult result, RunDirectory run)
    {
        var path = run.File("regression/predictions.csv");
        var trainers = result.OutOfFoldByTrainer.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
        var text = new StringBuilder("customer_id,actual,predicted_out_of_fold");
        foreach (var (name, _) in trainers) text.Append(',').Append(name).Append("_out_of_fold");
        text.Append('\n');
        for (var i = 0; i < table.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{CsvText.Quote(table.CustomerIds[i])},{target[i]:R},{result.OutOfFold[i]:R}");
            foreach (var (_, values) in trainers) text.Append(CultureInfo.InvariantCulture, $",{values[i]:R}");
            text.Append('\n');
        }
        File.WriteAllText(path, text.ToString());
        return new RunFile("regression/predictions.csv", "regression_predictions", FileFormatVersion, RunManifest.HashFile(path));
    }

    private static RunFile WriteMetrics(string targetName, AutoMLResult result, double[] target, IReadOnlyList<string> inputs, RunDirectory run)
    {
        var path = run.File("regression/metrics.json");
        using (var stream = File.Create(path))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            var p = result.OutOfFold;
            json.WriteStartObject();
            json.WriteNumber("format_version", FileFormatVersion);
            json.WriteString("target", targetName);
            json.WriteString("best_trainer", result.Best.Trainer);
            json.WriteString("search_metric", result.Metric.Name());
            json.WriteNumber("cv_metric_mean", result.Best.MetricMean);
            json.WriteNumber("cv_metric_std", result.Best.MetricStd);
            json.WriteNumber("trials", result.Trials.Count);
            json.WriteString("stop_reason", result.StopReason);
            json.WriteBoolean("reproducible", result.TimingDependence is null);
            if (result.TimingDependence is { } timing) json.WriteString("timing_dependence", timing);
            json.WriteStartArray("inputs");
            foreach (var name in inputs) json.WriteStringValue(name);
            json.WriteEndArray();
            if (result.Model is IFeatureImportance trees)
            {
                json.WriteStartObject("feature_importance_gain");
                foreach (var (name, share) in trees.FeatureImportance().OrderByDescending(p => p.Value)) json.WriteNumber(name, share);
                json.WriteEndObject();
            }
            json.WriteStartObject("out_of_fold");
            json.WriteNumber("customers", target.Length);
            WriteMetric(json, "mae", RegressionMetrics.Mae(target, p));
            WriteMetric(json, "rmse", RegressionMetrics.Rmse(target, p));
            WriteMetric(json, "r2", RegressionMetrics.R2(target, p));
            WriteMetric(json, "bias", RegressionMetrics.Bias(target, p));
            WriteMetric(json, "spearman", RegressionMetrics.Spearman(target, p));
            WriteMetric(json, "normalized_gini", RegressionMetrics.NormalizedGini(target, p));
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return new RunFile("regression/metrics.json", "regression_metrics", FileFormatVersion, RunManifest.HashFile(path));
    }

    private static void WriteMetric(Utf8JsonWriter json, string name, double value)
    {
        json.WritePropertyName(name);
        ModelJson.WriteDouble(json, value);
    }
}
