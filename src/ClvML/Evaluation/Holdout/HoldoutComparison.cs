using ClvML.Features;
using ClvML.Formulas;
using ClvML.Probabilistic;

namespace ClvML.Evaluation.Holdout;

/// <summary>
/// Every model family's forecast of the same customers' holdout, so one set of metrics can rank
/// them (issue 6, "comparable models"): each transaction model times Gamma-Gamma, the regressors'
/// out-of-fold predictions, and the practitioners' formulas over a horizon as long as the holdout.
/// </summary>
public static class HoldoutComparison
{
    /// <summary>
    /// Holdout purchases and spend of a transaction model: E[Y(h_i) | x_i, t_x,i, T_i] over each
    /// customer's holdout duration h_i, times the expected spend per purchase (Gamma-Gamma's
    /// conditional mean, or each customer's mean repeat spend when no spend model was fitted).
    /// </summary>
    public static HoldoutPrediction TransactionModel(ITransactionModel model, GammaGammaModel? spendModel, CustomerFeatureTable table)
    {
        var holdout = RequireHoldout(table);
        var perPurchase = ExpectedSpend.Compute(spendModel, table);
        var purchases = new double[table.Count];
        model.ConditionalExpectedPurchases(holdout.Duration, table.Frequency, table.Recency, table.T, purchases);
        var spend = new double[table.Count];
        for (var i = 0; i < spend.Length; i++) spend[i] = purchases[i] * perPurchase[i];
        return new HoldoutPrediction(model.Name, ModelKinds.Probabilistic, spend, purchases);
    }

    /// <summary>
    /// The practitioners' formulas over each customer's holdout duration: historic average; APV x
    /// APF x lifespan with retention estimated over a period as long as the holdout; and, when
    /// <paramref name="segments"/> are given, the per-segment m r / (1 + d - r) formula's first period.
    /// Costs (acquisition, service) are left out: the holdout records spend, not profit.
    /// </summary>
    /// <param name="table">Calibration features with holdout columns.</param>
    /// <param name="segments">One segment name per customer (RFM segment), or null to skip the segment formula.</param>
    /// <param name="clv">Margin and discount rate of the segment formula.</param>
    public static IReadOnlyList<HoldoutPrediction> Formulas(CustomerFeatureTable table, IReadOnlyList<string>? segments, ClvSettings clv)
    {
        var holdout = RequireHoldout(table);
        var horizon = holdout.Duration;
        // Every customer shares the one holdout window, so its length h is the retention period. Retention
        // is judged on customers at least one period old; when the holdout is longer than half the oldest
        // customer's age (CDNOW: 39 weeks against cohorts 26 to 39 weeks old) too few are, so it is
        // estimated over p = half that age and scaled geometrically, r_h = r_p^(h/p), which is the
        // constant-retention assumption the formulas make anyway.
        var h = horizon.Length > 0 ? horizon.Max() : 0;
        var p = Math.Min(h, table.T.DefaultIfEmpty(0).Max() / 2);
        var result = new List<HoldoutPrediction>
        {
            new("historic_average", ModelKinds.Heuristic, HistoricAverage.Predict(table, horizon)),
        };
        if (!(p > 0)) return result;
        var retention = Math.Pow(RetentionRate.Estimate(table, p), h / p);
        if (double.IsFinite(retention))
            result.Add(new("value_frequency_lifespan", ModelKinds.Heuristic, ValueFrequencyLifespan.Predict(table, horizon, retention)));
        if (segments is not null)
        {
            var fitted = SegmentRetentionClv.Fit(table, segments, p, clv.Margin, clv.DiscountRate).ToDictionary(v => v.Segment, StringComparer.Ordinal);
            // The formula's first period, m r, over the holdout: spend per period scaled to h, retention to h.
            var predicted = new double[table.Count];
            for (var i = 0; i < predicted.Length; i++)
            {
                var v = fitted[segments[i]];
                predicted[i] = v.SpendPerPeriod * (horizon[i] / p) * Math.Pow(v.Retention, horizon[i] / p);
            }
            result.Add(new("segment_retention", ModelKinds.Heuristic, predicted));
        }
        return result;
    }

    private static HoldoutColumns RequireHoldout(CustomerFeatureTable table) =>
        table.Holdout ?? throw new ArgumentException("The feature table has no holdout period; set features.calibration_end or features.holdout.");
}
