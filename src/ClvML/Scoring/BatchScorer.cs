using ClvML.Clustering;
using ClvML.Data.Tables;
using ClvML.Features;
using ClvML.Persistence;
using ClvML.Probabilistic;
using ClvML.Training;

namespace ClvML.Scoring;

/// <summary>What a scoring job did.</summary>
/// <param name="Customers">Customers scored (one output row each).</param>
/// <param name="RowsRead">Input rows read.</param>
/// <param name="RowsAccepted">Rows that went into the features.</param>
/// <param name="RowsRejected">Rows rejected, each with its reason in the rejects file.</param>
/// <param name="RejectedByReason">Rejected rows by reason.</param>
/// <param name="AsOf">The date features were computed as of.</param>
/// <param name="OutputPath">The scores file.</param>
/// <param name="RejectsPath">The rejects file.</param>
public sealed record ScoringResult(int Customers, long RowsRead, long RowsAccepted, long RowsRejected,
    IReadOnlyDictionary<string, long> RejectedByReason, DateOnly? AsOf, string OutputPath, string RejectsPath);

/// <summary>The primary transaction model's scores, kept for the regressor's inputs.</summary>
internal sealed record ProbabilisticColumns(ITransactionModel Model, double[] Spend, CustomerScores Scores);

/// <summary>
/// <c>clvml score</c>: loads a verified saved run, recomputes each customer's features from fresh
/// transactions as of a date with the run's column mapping and validation (bad rows rejected with
/// their reason, as in training), and writes one row per customer: cluster and label, RFM segment,
/// P(alive), expected purchases over the CLV horizon, predicted spend from the run's best regressor
/// (over the holdout length it was trained on), CLV and net CLV from the BTYD models. Columns of a
/// stage the run did not train are left out.
/// </summary>
public static class BatchScorer
{
    /// <summary>Scores <see cref="ScoringRequest.InputPath"/> with <paramref name="run"/>.</summary>
    /// <exception cref="InputException">Bad input or mapping (exit 2), naming the file and column.</exception>
    public static ScoringResult Score(SavedRun run, ScoringRequest request, Action<string>? log = null)
    {
        log ??= _ => { };
        var config = ScoringInput.Config(run, request);
        var models = RunModels.Load(run);
        var target = OutputTarget.Parse(request.OutputPath);
        TableOutput.CheckReady(target, request.Connection);
        var rejectsPath = request.RejectsPath ?? target.RejectsPath;
        log($"scoring {request.InputPath} with run {run.Manifest.RunName} as of {request.AsOf?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "the last transaction"}");
        var built = FeatureJob.Build(config, Path.GetDirectoryName(Path.GetFullPath(request.InputPath))!, rejectsPath, out _);
        var table = built.Table;
        var rejects = built.Rejects;
        log($"rows read {rejects.RowsRead:N0} = accepted {rejects.Accepted:N0} + rejected {rejects.Rejected:N0}; customers {table.Count:N0}");

        var columns = ScoreStages(run, models, table, log);
        if (target.Format == OutputFormat.Csv) columns.Write(request.OutputPath);
        else
        {
            // Parquet refuses a non-finite score as CSV does; SQLite stores NaN as NULL.
            if (target.Format == OutputFormat.Parquet) columns.ThrowIfNotFinite();
            TableOutput.Write(target, columns.ToColumnTable(), request.Connection);
        }
        log($"scores written to {request.OutputPath}");
        return new ScoringResult(table.Count, rejects.RowsRead, rejects.Accepted, rejects.Rejected, rejects.RejectedByReason,
            request.AsOf, request.OutputPath, rejectsPath);
    }

    /// <summary>Every score column of the customers of <paramref name="table"/>, in output order.</summary>
    internal static ScoreColumns ScoreStages(SavedRun run, RunModels models, CustomerFeatureTable table, Action<string> log)
    {
        var columns = new ScoreColumns(table);
        var trained = run.Config;
        ProbabilisticColumns? btyd = null;
        if (models.Transactions is { } transactions)
        {
            var spend = ExpectedSpend.Compute(models.Spend, table);
            var horizon = trained.Clv.HorizonMonths * CustomerLifetimeValue.UnitsPerMonth(table.TimeUnit);
            var scores = CustomerScores.Compute(transactions, table, spend, _ => horizon, trained.Clv);
            btyd = new ProbabilisticColumns(transactions, spend, scores);
            log($"{transactions.Name}: P(alive), expected purchases and CLV computed");
            columns.Add("p_alive", scores.PAlive);
            columns.Add("expected_purchases", scores.ExpectedPurchases);
            columns.Add("expected_spend", spend);
            columns.Add("clv", scores.Clv);
            columns.Add("net_clv", scores.NetClv);
        }
        if (models.Segments is { } kmeans)
        {
            var clusters = kmeans.Predict(SegmentationStage.SelectFeatures(table, kmeans.FeatureNames));
            columns.AddCoded("cluster", clusters, [.. Enumerable.Range(0, kmeans.ClusterCount).Select(c => (double)c)]);
            columns.AddCoded("cluster_label", clusters, kmeans.Labels);
            log("k-means clusters assigned");
        }
        if (trained.Segmentation.Enabled && trained.Segmentation.RfmSegments)
        {
            // RFM quintiles rank customers within the scored population, as the method prescribes.
            var rfm = RfmScoring.Score(CustomerValues.From(table));
            var combinations = new int[table.Count];
            for (var i = 0; i < combinations.Length; i++) combinations[i] = rfm.Combination(i);
            columns.AddCoded("rfm_code", combinations, RfmScores.Codes);
            columns.AddCoded("rfm_segment", combinations, RfmScoring.SegmentsByCombination());
            log("RFM segments scored");
        }
        if (models.Regressor is { } regressor)
        {
            columns.Add("predicted_spend", regressor.Predict(RegressorInputs(run, table, btyd, regressor)));
            log("predicted spend computed");
        }
        return columns;
    }

    /// <summary>
    /// The regressor's inputs built as in training: the feature columns, plus the BTYD columns it
    /// was trained with, with expected purchases over the training holdout's length.
    /// </summary>
    private static FeatureMatrix RegressorInputs(SavedRun run, CustomerFeatureTable table, ProbabilisticColumns? btyd, IRegressionModel regressor)
    {
        var needed = regressor.FeatureNames.ToHashSet(StringComparer.Ordinal);
        Dictionary<string, double[]>? extra = null;
        if (needed.Overlaps(["p_alive", "expected_purchases", "expected_spend", "clv"]))
        {
            if (btyd is null)
                throw new RunIntegrityException(run.Path, "its regressor reads BTYD columns but the run has no transaction model file; train again");
            var data = run.Manifest.Data;
            if (data.CalibrationEnd is not { } calibrationEnd || data.ObservationEnd is not { } observationEnd)
                throw new RunIntegrityException(Path.Combine(run.Path, "manifest.json"), "has no calibration and observation end for the regressor's holdout length; train again");
            var calendar = new PeriodCalendar(table.TimeUnit, run.Config.Features.EffectivePurchasePeriod);
            var holdout = calendar.DurationBetweenDays(calibrationEnd.DayNumber, observationEnd.DayNumber);
            // P(alive), spend and CLV are the scored ones; only the purchase horizon differs (the training holdout's).
            extra = new Dictionary<string, double[]>
            {
                ["p_alive"] = btyd.Scores.PAlive,
                ["expected_purchases"] = CustomerScores.ExpectedPurchasesOnly(btyd.Model, table, _ => holdout),
                ["expected_spend"] = btyd.Spend,
                ["clv"] = btyd.Scores.Clv,
            };
        }
        var inputs = ModelInputs.From(table, extra);
        var missing = regressor.FeatureNames.Where(n => !inputs.Names.Contains(n)).ToList();
        if (missing.Count > 0)
            throw new InputException($"{table.Count:N0} customers scored from the input lack the regressor's input column(s) {string.Join(", ", missing)}: " +
                "the run was trained on data with columns this input does not give (e.g. order ids or a summary file); score data of the training shape.");
        return inputs;
    }
}
