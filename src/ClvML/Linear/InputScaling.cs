using ClvML.Features;

namespace ClvML.Linear;

/// <summary>
/// Standardization of a linear model's inputs: weighted mean and spread per feature from the training rows, and each
/// value held to the range it had in training (a customer lapsed longer than any in training gets the most extreme
/// training value's effect, not an extrapolation). A feature whose spread is rounding noise is treated as constant.
/// </summary>
internal sealed record InputScaling(IReadOnlyList<string> Names, double[] Means, double[] Scales, double[] Minimums, double[] Maximums)
{
    /// <summary>
    /// Whether a feature that was never negative in training enters as ln(1 + x): spend, counts and durations are
    /// skewed, and a linear head on ln y (ZILN's mu) is linear in their logarithms, not in them.
    /// </summary>
    public bool[]? LogOfNonNegative { get; init; }

    private const double NegligibleRelativeSpread = 1e-9;

    /// <summary>Fits the scaling on finite features; with <paramref name="logOfNonNegative"/>, features never negative in training are taken as ln(1 + x).</summary>
    public static InputScaling Fit(FeatureMatrix features, double[] weights, bool logOfNonNegative = false)
    {
        if (logOfNonNegative)
        {
            var logged = features.Columns.Select(c => c.All(v => v >= 0)).ToArray();
            var transformed = new FeatureMatrix(features.Names, [.. features.Columns.Select((c, f) => logged[f] ? Array.ConvertAll(c, double.LogP1) : c)]);
            return Fit(transformed, weights) with { LogOfNonNegative = logged };
        }
        var p = features.FeatureCount;
        var total = weights.Sum();
        var means = new double[p];
        var scales = new double[p];
        var minimums = new double[p];
        var maximums = new double[p];
        for (var f = 0; f < p; f++)
        {
            var column = features.Columns[f];
            double mean = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (var i = 0; i < column.Length; i++)
            {
                if (!double.IsFinite(column[i])) throw new ArgumentException($"Feature '{features.Names[f]}' of row {i} is {column[i]}; a linear model needs finite features.");
                mean += weights[i] * column[i];
                min = Math.Min(min, column[i]);
                max = Math.Max(max, column[i]);
            }
            mean /= total;
            double variance = 0;
            for (var i = 0; i < column.Length; i++) variance += weights[i] * (column[i] - mean) * (column[i] - mean);
            var scale = Math.Sqrt(variance / total);
            (means[f], minimums[f], maximums[f]) = (mean, min, max);
            scales[f] = scale > NegligibleRelativeSpread * Math.Abs(mean) ? scale : 0;
        }
        return new InputScaling([.. features.Names], means, scales, minimums, maximums);
    }

    /// <summary>The standardized columns of <paramref name="features"/> (matched by name); a constant feature gives zeros.</summary>
    /// <exception cref="ArgumentException">A feature is missing, or a value is NaN or infinite (named with its row).</exception>
    public double[][] Apply(FeatureMatrix features)
    {
        var result = new double[Names.Count][];
        for (var f = 0; f < Names.Count; f++)
        {
            var at = features.Names.ToList().IndexOf(Names[f]);
            if (at < 0) throw new ArgumentException($"Feature '{Names[f]}' the model was trained on is missing; the matrix has [{string.Join(", ", features.Names)}].");
            var column = features.Columns[at];
            var z = new double[column.Length];
            for (var i = 0; i < column.Length; i++) z[i] = Standardize(f, column[i], i);
            result[f] = z;
        }
        return result;
    }

    /// <summary>Value <paramref name="x"/> of feature <paramref name="feature"/>, held to its training range and standardized.</summary>
    public double Standardize(int feature, double x, int row = -1)
    {
        if (!double.IsFinite(x))
            throw new ArgumentException($"Feature '{Names[feature]}'{(row >= 0 ? $" of row {row}" : "")} is {x}; a linear model needs finite features.");
        if (LogOfNonNegative?[feature] == true) x = double.LogP1(Math.Max(x, 0));
        return Scales[feature] > 0 ? (Math.Clamp(x, Minimums[feature], Maximums[feature]) - Means[feature]) / Scales[feature] : 0;
    }
}
