using ClvML.Configuration;
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
        // Every customer shares the one holdout window, so its length is the retention period.
        var period = horizon.Length > 0 ? horizon.Max() : 1;
        var retention = RetentionRate.Estimate(table, Math.Max(period, double.Epsilon));
        var result = new List<HoldoutPrediction>
        {
            new("historic_average", ModelKinds.Heuristic, HistoricAverage.Predict(table, horizon)),
        };
        if (double.IsFinite(retention))
            result.Add(new("value_frequency_lifespan", ModelKinds.Heuristic, ValueFrequencyLifespan.Predict(table, horizon, retention)));
        if (segments is not null && period > 0)
        {
            var fitted = SegmentRetentionClv.Fit(table, segments, period, clv.Margin, clv.DiscountRate);
            result.Add(new("segment_retention", ModelKinds.Heuristic, SegmentRetentionClv.PredictHoldout(fitted, segments)));
        }
        return result;
    }

    private static HoldoutColumns RequireHoldout(CustomerFeatureTable table) =>
        table.Holdout ?? throw new ArgumentException("The feature table has no holdout period; set features.calibration_end or features.holdout.");
}
