using ClvML.Features;

namespace ClvML.Linear;

/// <summary>The row checks every linear trainer makes before fitting: shapes, finite targets, and usable weights.</summary>
internal static class TrainingRows
{
    /// <summary>
    /// Checks the rows and returns the weights (all 1 when none are given). Row by row: the target must be finite,
    /// then pass <paramref name="checkTarget"/> (the model's own domain, e.g. a log target's &gt; -1), then the weight
    /// must be finite and not negative; the weights must not sum to zero.
    /// </summary>
    /// <exception cref="ArgumentException">The first problem, naming the row.</exception>
    public static double[] Weights(FeatureMatrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> weights, Action<int, double>? checkTarget = null)
    {
        var n = features.RowCount;
        if (n == 0) throw new ArgumentException("The feature matrix has no rows.");
        if (target.Length != n) throw new ArgumentException($"{target.Length} targets for {n} rows.");
        if (!weights.IsEmpty && weights.Length != n) throw new ArgumentException($"{weights.Length} weights for {n} rows.");
        var w = new double[n];
        for (var i = 0; i < n; i++)
        {
            if (!double.IsFinite(target[i])) throw new ArgumentException($"Target of row {i} is {target[i]}; targets must be finite.");
            checkTarget?.Invoke(i, target[i]);
            w[i] = weights.IsEmpty ? 1 : weights[i];
            if (!(w[i] >= 0) || !double.IsFinite(w[i])) throw new ArgumentException($"Weight of row {i} is {w[i]}; weights must be finite and not negative.");
        }
        if (!(w.Sum() > 0)) throw new ArgumentException("The weights sum to zero.");
        return w;
    }
}
