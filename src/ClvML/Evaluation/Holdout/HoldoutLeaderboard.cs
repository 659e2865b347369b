using ClvML.Evaluation.Report;

namespace ClvML.Evaluation.Holdout;

/// <summary>One leaderboard row: a model's holdout forecast and its metrics.</summary>
/// <param name="Prediction">The forecast.</param>
/// <param name="Spend">Metrics of predicted against actual holdout spend.</param>
/// <param name="PurchasesMae">Mean absolute error of holdout purchases per customer (NaN for a model without purchases).</param>
/// <param name="PurchasesBias">Total predicted over total actual holdout purchases, minus 1 (NaN for a model without purchases).</param>
public sealed record RankedModel(HoldoutPrediction Prediction, HoldoutMetrics Spend, double PurchasesMae, double PurchasesBias);

/// <summary>
/// Ranks holdout forecasts by one configured metric (<c>evaluation.primary_metric</c>), best first:
/// ascending for errors, descending where higher is better (<see cref="HoldoutMetrics.HigherIsBetter"/>),
/// by absolute value for bias (a model 10% under is as wrong as one 10% over). A model whose
/// metric is undefined (NaN) goes last; ties keep the order the models were given in.
/// </summary>
public static class HoldoutLeaderboard
{
    /// <summary>Computes every model's metrics and sorts them.</summary>
    /// <param name="predictions">The forecasts, all over the same customers as the actual values.</param>
    /// <param name="actualSpend">Actual holdout spend per customer.</param>
    /// <param name="actualPurchases">Actual holdout purchases per customer.</param>
    /// <param name="primaryMetric">A name of <see cref="HoldoutMetrics.Names"/>.</param>
    public static IReadOnlyList<RankedModel> Rank(IReadOnlyList<HoldoutPrediction> predictions, double[] actualSpend, double[] actualPurchases, string primaryMetric)
    {
        if (!HoldoutMetrics.Names.Contains(primaryMetric))
            throw new ArgumentException($"Unknown primary metric '{primaryMetric}'; known: {string.Join(", ", HoldoutMetrics.Names)}.", nameof(primaryMetric));
        var rows = predictions.Select(p => new RankedModel(p, HoldoutMetrics.Of(actualSpend, p.Spend),
            p.Purchases is null ? double.NaN : RegressionMetrics.Mae(actualPurchases, p.Purchases),
            p.Purchases is null ? double.NaN : RegressionMetrics.Bias(actualPurchases, p.Purchases))).ToList();
        return [.. rows.Select((row, index) => (row, index, key: SortKey(row.Spend, primaryMetric)))
            .OrderBy(r => double.IsNaN(r.key) ? 1 : 0).ThenBy(r => r.key).ThenBy(r => r.index).Select(r => r.row)];
    }

    /// <summary>The value sorted ascending for <paramref name="metric"/>.</summary>
    private static double SortKey(HoldoutMetrics metrics, string metric) =>
        metric == "bias" ? metrics.Get("abs_bias")
        : HoldoutMetrics.HigherIsBetter(metric) ? -metrics.Get(metric)
        : metrics.Get(metric);

    /// <summary>The ranked models as report/metrics.json entries: every spend metric, then the purchase metrics where defined.</summary>
    public static IReadOnlyList<ModelMetrics> ToModelMetrics(IReadOnlyList<RankedModel> ranked) =>
        [.. ranked.Select(r =>
        {
            var metrics = HoldoutMetrics.Names.Select(name => KeyValuePair.Create(name, r.Spend.Get(name))).ToList();
            if (r.Prediction.Purchases is not null)
            {
                metrics.Add(KeyValuePair.Create(MetricNames.PurchasesMae, r.PurchasesMae));
                metrics.Add(KeyValuePair.Create(MetricNames.PurchasesBias, r.PurchasesBias));
            }
            return new ModelMetrics(r.Prediction.Name, r.Prediction.Kind, metrics);
        })];
}
