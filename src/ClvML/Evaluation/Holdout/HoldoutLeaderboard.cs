using ClvML.Evaluation.Report;

namespace ClvML.Evaluation.Holdout;

/// <summary>One leaderboard row: a model's holdout forecast and its metrics.</summary>
/// <param name="Prediction">The forecast.</param>
/// <param name="Spend">Metrics of predicted against actual holdout spend.</param>
/// <param name="PurchasesMae">Mean absolute error of holdout purchases per customer (NaN for a model without purchases).</param>
/// <param name="PurchasesBias">Total predicted over total actual holdout purchases, minus 1 (NaN for a model without purchases).</param>
public sealed record RankedModel(HoldoutPrediction Prediction, HoldoutMetrics Spend, double PurchasesMae, double PurchasesBias)
{
    /// <summary>1-based rank by the primary metric; models tied on it (<see cref="HoldoutLeaderboard.Tied"/>) share the rank of the first of them.</summary>
    public int Rank { get; init; } = 1;
}

/// <summary>
/// Ranks holdout forecasts by one configured metric (<c>evaluation.primary_metric</c>), best first:
/// ascending for errors, descending where higher is better (<see cref="HoldoutMetrics.HigherIsBetter"/>),
/// by absolute value for bias (a model 10% under is as wrong as one 10% over). A model whose
/// metric is undefined (NaN) goes last. Models tied on the metric share a rank (competition
/// ranking: 1, 1, 1, 4) and keep the order they were given in, so none of them is put first by
/// rounding noise.
/// </summary>
public static class HoldoutLeaderboard
{
    /// <summary>
    /// Two metric values tie when they differ by at most this share of the larger one (or by 1e-12 near
    /// zero). That is far below the digits the report prints and below anything a holdout sample of
    /// customers could tell apart, and above the rounding noise left between fits that reach one
    /// and the same limit (BG/NBD, MBG/NBD and Pareto/NBD at no dropout forecast the same to about 1e-7).
    /// </summary>
    public const double TieTolerance = 1e-6;

    /// <summary>Whether two values of a metric are equal within <see cref="TieTolerance"/> (never for NaN).</summary>
    public static bool Tied(double a, double b) =>
        Math.Abs(a - b) <= Math.Max(1e-12, TieTolerance * Math.Max(Math.Abs(a), Math.Abs(b)));

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
        var sorted = rows.Select((row, index) => (row, index, key: SortKey(row.Spend, primaryMetric)))
            .OrderBy(r => double.IsNaN(r.key) ? 1 : 0).ThenBy(r => r.key).ThenBy(r => r.index).ToList();
        var ranked = new List<RankedModel>(sorted.Count);
        for (var first = 0; first < sorted.Count;)
        {
            // A tie group is measured from its best member, so a chain of near values does not drift into one group.
            var end = first + 1;
            while (end < sorted.Count && Tied(sorted[first].key, sorted[end].key)) end++;
            ranked.AddRange(sorted[first..end].OrderBy(r => r.index).Select(r => r.row with { Rank = first + 1 }));
            first = end;
        }
        return ranked;
    }

    /// <summary>The models sharing the first rank (one unless several tie for best).</summary>
    public static IReadOnlyList<RankedModel> Best(IReadOnlyList<RankedModel> ranked) =>
        [.. ranked.TakeWhile(r => r.Rank == ranked[0].Rank)];

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
            return new ModelMetrics(r.Prediction.Name, r.Prediction.Kind, metrics) { Rank = r.Rank };
        })];
}
