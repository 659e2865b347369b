using ClvML.Evaluation;

namespace ClvML.AutoML;

/// <summary>The metric a search optimises (<c>regression.automl.metric</c>).</summary>
public enum RegressionMetric
{
    /// <summary>Root mean squared error (lower is better).</summary>
    Rmse,
    /// <summary>Mean absolute error (lower is better).</summary>
    Mae,
    /// <summary>Normalised Gini of the ranking (higher is better).</summary>
    NormalizedGini,
    /// <summary>Spearman rank correlation (higher is better).</summary>
    Spearman,
}

/// <summary>Names, direction and computation of <see cref="RegressionMetric"/>.</summary>
public static class RegressionMetricExtensions
{
    /// <summary>The config name, e.g. <c>normalized_gini</c>.</summary>
    public static string Name(this RegressionMetric metric) => metric switch
    {
        RegressionMetric.Rmse => "rmse",
        RegressionMetric.Mae => "mae",
        RegressionMetric.NormalizedGini => "normalized_gini",
        _ => "spearman",
    };

    /// <summary>The metric of a config name; an <see cref="ArgumentException"/> lists the names when unknown.</summary>
    public static RegressionMetric Parse(string name) =>
        Enum.GetValues<RegressionMetric>().FirstOrDefault(m => m.Name() == name, (RegressionMetric)(-1)) is var m && Enum.IsDefined(m)
            ? m : throw new ArgumentException($"Unknown metric '{name}'; expected rmse, mae, normalized_gini or spearman.");

    /// <summary>Whether a larger value is better.</summary>
    public static bool HigherIsBetter(this RegressionMetric metric) => metric is RegressionMetric.NormalizedGini or RegressionMetric.Spearman;

    /// <summary>The metric of predictions against actual values.</summary>
    public static double Compute(this RegressionMetric metric, ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted) => metric switch
    {
        RegressionMetric.Rmse => RegressionMetrics.Rmse(actual, predicted),
        RegressionMetric.Mae => RegressionMetrics.Mae(actual, predicted),
        RegressionMetric.NormalizedGini => RegressionMetrics.NormalizedGini(actual, predicted),
        _ => RegressionMetrics.Spearman(actual, predicted),
    };

    /// <summary>The value as a loss: lower is always better (NaN counts as the worst).</summary>
    public static double AsLoss(this RegressionMetric metric, double value) =>
        double.IsNaN(value) ? double.PositiveInfinity : metric.HigherIsBetter() ? -value : value;
}
