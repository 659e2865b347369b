using ClvML.Features;
using ClvML.Persistence;
using ClvML.Probabilistic;
using ClvML.Models;

namespace ClvML.Scoring;

/// <summary>
/// The regressor's inputs built as in training: the feature columns, plus the BTYD columns it
/// was trained with, with expected purchases over the training holdout's length.
/// </summary>
internal static class RegressorInputs
{
    public static FeatureMatrix From(SavedRun run, CustomerFeatureTable table, ProbabilisticColumns? btyd, IRegressionModel regressor, int threads)
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
            // P(alive), spend and CLV are the scored ones; only the purchase horizon differs (the
            // training holdout's), evaluated once per history group of the scores.
            var histories = btyd.Groups.Histories;
            extra = new Dictionary<string, double[]>
            {
                ["p_alive"] = btyd.Scores.PAlive,
                ["expected_purchases"] = CustomerScores.Spread(histories, CustomerScores.ExpectedPurchasesOfGroups(btyd.Model, btyd.Groups, holdout, threads), threads),
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
