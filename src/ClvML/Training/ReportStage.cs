using System.Text.Json;
using ClvML.Configuration;
using ClvML.Data;
using ClvML.Evaluation.Diagnostics;
using ClvML.Evaluation.Holdout;
using ClvML.Evaluation.Reporting;
using ClvML.Features;
using ClvML.Persistence;
using ClvML.Probabilistic;

namespace ClvML.Training;

/// <summary>What <see cref="ReportStage.Run"/> wrote: the data files for the manifest, and every model's holdout metrics, best first.</summary>
/// <param name="Files">The report's data files.</param>
/// <param name="Metrics">The leaderboard (empty without a holdout).</param>
public sealed record ReportStageResult(IReadOnlyList<RunFile> Files, IReadOnlyList<ManifestModelMetrics> Metrics);

/// <summary>
/// The evaluation report of <c>clvml train</c> (<c>evaluation:</c>), run after the model stages: every
/// model's forecast of the holdout for the same customers (report/holdout_predictions.csv) and the BTYD
/// diagnostics (report/diagnostics.json) are saved in the run and listed in the manifest; the report
/// files of <c>evaluation.report</c> are then built from those files alone (<see cref="RunReport"/>),
/// exactly as <c>clvml report --run</c> rebuilds them. The models are read back from the run's
/// files, so the report sees what scoring sees.
/// </summary>
public static class ReportStage
{
    /// <summary>Runs the stage when <c>evaluation.report</c> lists a format; returns the data files written and the leaderboard, for the manifest.</summary>
    /// <param name="config">The run's config.</param>
    /// <param name="table">The calibration features (with holdout columns when there is a holdout).</param>
    /// <param name="source">The transaction source the features were read from (read again for tracking), or null for a summary input.</param>
    /// <param name="data">The data fingerprint the manifest will hold.</param>
    /// <param name="warnings">The warnings the manifest will hold.</param>
    /// <param name="run">The run directory with the model stages' files.</param>
    /// <param name="log">Progress lines.</param>
    public static ReportStageResult Run(TrainConfig config, CustomerFeatureTable table, ITransactionSource? source, DataFingerprint data,
        IReadOnlyList<RunWarning> warnings, RunDirectory run, Action<string> log)
    {
        if (config.Evaluation.Report.Count == 0) return new ReportStageResult([], []);
        IReadOnlyList<ManifestModelMetrics> leaderboard = [];
        var notes = new List<string>();
        var models = LoadTransactionModels(config, run, out var spendModel);
        var files = new List<RunFile>();
        var compared = new List<HoldoutPrediction>();
        string? winner = null;
        if (table.Holdout is { } holdout)
        {
            compared.AddRange(models.Select(m => HoldoutComparison.TransactionModel(m, spendModel, table)));
            if (models.Count > 0 && spendModel is null)
                notes.Add("the Gamma-Gamma spend model was not fitted, so the transaction models' spend uses each customer's mean repeat spend per purchase.");
            compared.AddRange(Regressors(config, table, run, notes, out winner));
            var segments = RfmSegments(run, table.Count);
            if (segments is null) notes.Add("the RFM segment formula m·r/(1+d−r) needs RFM segments (segmentation.enabled and segmentation.rfm_segments); it is left out.");
            compared.AddRange(HoldoutComparison.Formulas(table, segments, config.Clv));
            var usable = compared.Where(p => p.Spend.All(double.IsFinite) && (p.Purchases?.All(double.IsFinite) ?? true)).ToList();
            foreach (var dropped in compared.Except(usable)) notes.Add($"{dropped.Name} produced non-finite forecasts for some customers and is left out of the comparison.");
            compared = usable;
            var path = run.File(HoldoutPredictionsCsv.RelativePath);
            HoldoutPredictionsCsv.Write(new HoldoutTable(table.CustomerIds, table.Frequency, holdout.Spend, holdout.Frequency, compared), path);
            files.Add(new RunFile(HoldoutPredictionsCsv.RelativePath, "holdout_predictions", HoldoutPredictionsCsv.FormatVersion, RunManifest.HashFile(path)));
            log($"report: {compared.Count} models compared on the holdout of {table.Count:N0} customers");
            leaderboard = [.. HoldoutLeaderboard.ToModelMetrics(HoldoutLeaderboard.Rank(compared, holdout.Spend, holdout.Frequency, config.Evaluation.PrimaryMetric))
                .Select(m => new ManifestModelMetrics(m.Name, m.Kind, m.Metrics) { Rank = m.Rank })];
        }
        var diagnostics = new RunDiagnostics
        {
            Models = [.. compared.Select(p => new ComparedModel(p.Name, p.Kind))],
            AutoMLWinner = winner,
            PrimaryTransactionModel = models.Count > 0 ? models[0].Name : null,
            RepeatPurchases = models.Count > 0 ? RepeatPurchaseDistribution.Compute(table, models) : null,
            Tracking = models.Count > 0 ? Tracking(config, table, source, models, notes) : null,
            Alive = models.Count > 0 ? AliveGrid.Compute(table, models[0]) : null,
            Fits = [.. models.Select(ModelFit.Of).OfType<ModelFit>()],
            Notes = notes,
        };
        var diagnosticsPath = run.File(RunReport.DiagnosticsPath);
        DiagnosticsJson.WriteFile(diagnostics, diagnosticsPath);
        files.Add(new RunFile(RunReport.DiagnosticsPath, "report_diagnostics", DiagnosticsJson.FormatVersion, RunManifest.HashFile(diagnosticsPath)));

        var input = new RunReportInput(run.Path, config.Run.Name, config.Run.Seed, config.Features.TimeUnit, config.Features.EffectivePurchasePeriod, data,
            config.Evaluation.PrimaryMetric) { Warnings = warnings };
        var written = RunReport.Write(input, config.Evaluation.Report);
        log($"report: wrote {string.Join(", ", written)}");
        return new ReportStageResult(files, leaderboard);
    }

    /// <summary>The run's transaction models in config order, as saved (so the report sees exactly the saved parameters).</summary>
    private static List<ITransactionModel> LoadTransactionModels(TrainConfig config, RunDirectory run, out GammaGammaModel? spend)
    {
        spend = null;
        var models = new List<ITransactionModel>();
        if (!config.Probabilistic.Enabled) return models;
        foreach (var name in config.Probabilistic.TransactionModels)
        {
            var path = Path.Combine(run.Path, "probabilistic", name + ".json");
            if (File.Exists(path) && ProbabilisticModelFile.Load(path) is ITransactionModel model) models.Add(model);
        }
        var spendPath = Path.Combine(run.Path, "probabilistic", "gamma_gamma.json");
        if (File.Exists(spendPath)) spend = ProbabilisticModelFile.Load(spendPath) as GammaGammaModel;
        return models;
    }

    /// <summary>
    /// Each trainer's out-of-fold predictions at its best configuration (regression/predictions.csv),
    /// when the regression target is holdout spend; a frequency target forecasts purchases, not spend.
    /// </summary>
    private static IEnumerable<HoldoutPrediction> Regressors(TrainConfig config, CustomerFeatureTable table, RunDirectory run, List<string> notes, out string? winner)
    {
        winner = null;
        var predictions = Path.Combine(run.Path, "regression", "predictions.csv");
        if (!config.Regression.Enabled || !File.Exists(predictions)) return [];
        using (var metrics = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(run.Path, "regression", "metrics.json"))))
            winner = metrics.RootElement.GetProperty("best_trainer").GetString();
        if (config.Regression.Target != "holdout_spend")
        {
            notes.Add($"the regressors predict {config.Regression.Target}, not holdout spend, so they are left out of the spend leaderboard (see regression/metrics.json).");
            return [];
        }
        var csv = RunCsvFile.Read(predictions);
        if (csv.RowCount != table.Count) return [];
        var result = new List<HoldoutPrediction>();
        foreach (var trainer in config.Regression.Trainers)
        {
            if (csv.Has(trainer + "_out_of_fold")) result.Add(new HoldoutPrediction(trainer, ModelKinds.Regression, csv.Numbers(trainer + "_out_of_fold")));
            else notes.Add($"trainer {trainer} completed no trial in the AutoML search, so it has no out-of-fold predictions to compare.");
        }
        return result;
    }

    /// <summary>Each customer's RFM segment from segments/assignments.csv, or null when segmentation did not score them.</summary>
    private static string[]? RfmSegments(RunDirectory run, int customers)
    {
        var path = Path.Combine(run.Path, "segments", "assignments.csv");
        if (!File.Exists(path)) return null;
        var csv = RunCsvFile.Read(path, "rfm_segment");
        return csv.Has("rfm_segment") && csv.RowCount == customers ? csv.Text("rfm_segment") : null;
    }

    private static TransactionTracking? Tracking(TrainConfig config, CustomerFeatureTable table, ITransactionSource? source, IReadOnlyList<ITransactionModel> models, List<string> notes)
    {
        if (source is null)
        {
            notes.Add("the input is a per-customer summary without transaction dates, so the tracking charts of repeat transactions per period are skipped.");
            return null;
        }
        var counter = new RepeatTransactionCounter(table, config.Features, config.Data.Returns);
        source.ReadInto(counter, new RejectLog(source.Name, BadRowPolicy.Reject));
        return TransactionTracking.Build(table, counter, models);
    }

    /// <summary>The report input of a saved run, sorted by <paramref name="primaryMetric"/> or the run's configured metric (<c>clvml report</c>).</summary>
    public static RunReportInput InputFor(SavedRun run, string? primaryMetric = null) =>
        new(run.Path, run.Manifest.RunName, run.Manifest.Seed, run.Config.Features.TimeUnit, run.Config.Features.EffectivePurchasePeriod, run.Manifest.Data,
            primaryMetric ?? run.Config.Evaluation.PrimaryMetric)
        {
            Warnings = run.Manifest.Warnings,
        };
}
