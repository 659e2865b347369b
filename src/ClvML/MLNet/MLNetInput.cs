using System.Globalization;
using ClvML.Features;

namespace ClvML.MLNet;

/// <summary>The checks the ML.NET estimators run once before handing data to ML.NET, each failing with a message that names the cause.</summary>
internal static class MLNetInput
{
    /// <summary>The columns of <paramref name="features"/> named <paramref name="names"/>, in that order; a missing one is an error naming it.</summary>
    public static double[][] ColumnsByName(FeatureMatrix features, IReadOnlyList<string> names)
    {
        var columns = new double[names.Count][];
        for (var f = 0; f < names.Count; f++)
        {
            var at = -1;
            for (var i = 0; i < features.FeatureCount && at < 0; i++)
                if (string.Equals(features.Names[i], names[f], StringComparison.Ordinal)) at = i;
            columns[f] = at >= 0 ? features.Columns[at]
                : throw new ArgumentException($"Feature '{names[f]}' the model was trained on is missing; the matrix has [{string.Join(", ", features.Names)}].");
        }
        return columns;
    }

    /// <summary>Every value finite: ML.NET would read NaN as missing and round infinities into its float columns without a word.</summary>
    public static void CheckFinite(IReadOnlyList<string> names, IReadOnlyList<double[]> columns)
    {
        for (var f = 0; f < columns.Count; f++)
        {
            var column = columns[f];
            for (var i = 0; i < column.Length; i++)
                if (!double.IsFinite(column[i]))
                    throw new ArgumentException($"Feature '{names[f]}' of row {i} is {Describe(column[i])}; the ML.NET trainers need finite features (fill or drop such rows first).");
        }
    }

    /// <summary>
    /// Lengths agree, the matrix has rows and columns, every target is finite, and the weights (when given) are
    /// finite, non-negative and not all zero.
    /// </summary>
    public static void CheckFit(FeatureMatrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> weights)
    {
        if (features.RowCount == 0) throw new ArgumentException("The feature matrix has no rows.");
        if (features.FeatureCount == 0) throw new ArgumentException("The feature matrix has no columns.");
        if (target.Length != features.RowCount) throw new ArgumentException($"{target.Length} targets for {features.RowCount} rows.");
        if (!weights.IsEmpty && weights.Length != features.RowCount) throw new ArgumentException($"{weights.Length} weights for {features.RowCount} rows.");
        CheckFinite(features.Names, features.Columns);
        for (var i = 0; i < target.Length; i++)
            if (!double.IsFinite(target[i])) throw new ArgumentException($"Target of row {i} is {Describe(target[i])}; targets must be finite.");
        var total = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            if (!(weights[i] >= 0) || !double.IsFinite(weights[i]))
                throw new ArgumentException($"Weight of row {i} is {weights[i].ToString(CultureInfo.InvariantCulture)}; weights must be finite and not negative.");
            total += weights[i];
        }
        if (!weights.IsEmpty && !(total > 0)) throw new ArgumentException("The weights sum to zero.");
    }

    /// <summary>
    /// <paramref name="values"/> as single precision, the type ML.NET's trainers read labels and weights in:
    /// a target is rounded to the nearest float (about 7 significant digits) here.
    /// </summary>
    public static float[] ToSingle(ReadOnlySpan<double> values)
    {
        var result = new float[values.Length];
        for (var i = 0; i < values.Length; i++) result[i] = (float)values[i];
        return result;
    }

    private static string Describe(double v) => double.IsNaN(v) ? "NaN" : v > 0 ? "+infinity" : "-infinity";
}
