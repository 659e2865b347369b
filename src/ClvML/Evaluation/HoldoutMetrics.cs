namespace ClvML.Evaluation;

/// <summary>
/// Every holdout metric of one model's predictions, as reported per model in
/// <c>report/metrics.json</c> (keys in DESIGN.md: mae, rmse, r2, bias, spearman, normalized_gini,
/// decile_mape, top_decile_capture; plus top_20pct_capture).
/// </summary>
public sealed record HoldoutMetrics
{
    /// <summary>Customers compared.</summary>
    public required int Customers { get; init; }
    /// <summary>Mean absolute error.</summary>
    public required double Mae { get; init; }
    /// <summary>Root mean squared error.</summary>
    public required double Rmse { get; init; }
    /// <summary>Coefficient of determination.</summary>
    public required double R2 { get; init; }
    /// <summary>Sum predicted / sum actual - 1.</summary>
    public required double Bias { get; init; }
    /// <summary>Spearman rank correlation (average ranks for ties).</summary>
    public required double Spearman { get; init; }
    /// <summary>Gini of the gain curve over the Gini of the perfect ranking.</summary>
    public required double NormalizedGini { get; init; }
    /// <summary>MAPE of the decile means.</summary>
    public required double DecileMape { get; init; }
    /// <summary>Share of actual value captured by the top 10% by prediction.</summary>
    public required double TopDecileCapture { get; init; }
    /// <summary>Share of actual value captured by the top 20% by prediction.</summary>
    public required double Top20Capture { get; init; }
    /// <summary>The decile table behind <see cref="DecileMape"/>.</summary>
    public required IReadOnlyList<DecileRow> Deciles { get; init; }
    /// <summary>The gain curve (101 points).</summary>
    public required IReadOnlyList<GainPoint> Gain { get; init; }

    /// <summary>Computes every metric of <paramref name="predicted"/> against <paramref name="actual"/>.</summary>
    /// <exception cref="ArgumentException">Lengths differ, there are no customers, or a prediction is not finite.</exception>
    public static HoldoutMetrics Of(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        for (var i = 0; i < predicted.Length; i++)
            if (!double.IsFinite(predicted[i])) throw new ArgumentException($"Prediction {i} is {predicted[i]}; metrics need finite predictions.");
        // One ranking of the customers serves the deciles, the captures and the gain curve.
        var order = ValueRanking.Order(actual, predicted);
        var deciles = ValueRanking.DecilesInOrder(actual, predicted, order);
        return new HoldoutMetrics
        {
            Customers = actual.Length,
            Mae = RegressionMetrics.Mae(actual, predicted),
            Rmse = RegressionMetrics.Rmse(actual, predicted),
            R2 = RegressionMetrics.R2(actual, predicted),
            Bias = RegressionMetrics.Bias(actual, predicted),
            Spearman = RegressionMetrics.Spearman(actual, predicted),
            NormalizedGini = RegressionMetrics.NormalizedGini(actual, predicted),
            DecileMape = ValueRanking.DecileMape(deciles),
            TopDecileCapture = ValueRanking.CaptureInOrder(actual, order, 0.1),
            Top20Capture = ValueRanking.CaptureInOrder(actual, order, 0.2),
            Deciles = deciles,
            Gain = ValueRanking.GainCurveInOrder(actual, order),
        };
    }

    /// <summary>The metric named as in metrics.json (for sorting a leaderboard by a configured metric).</summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public double Get(string name) => name switch
    {
        "mae" => Mae,
        "rmse" => Rmse,
        "r2" => R2,
        "bias" => Bias,
        "abs_bias" => Math.Abs(Bias),
        "spearman" => Spearman,
        "normalized_gini" => NormalizedGini,
        "decile_mape" => DecileMape,
        "top_decile_capture" => TopDecileCapture,
        "top_20pct_capture" => Top20Capture,
        _ => throw new ArgumentException($"Unknown metric '{name}'; known: {string.Join(", ", Names)}."),
    };

    /// <summary>Metric names <see cref="Get"/> knows, in report order.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["mae", "rmse", "r2", "bias", "spearman", "normalized_gini", "decile_mape", "top_decile_capture", "top_20pct_capture"];

    /// <summary>Whether a larger value of the metric is better.</summary>
    public static bool HigherIsBetter(string name) => name is "r2" or "spearman" or "normalized_gini" or "top_decile_capture" or "top_20pct_capture";
}
