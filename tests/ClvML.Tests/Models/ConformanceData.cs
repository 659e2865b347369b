using ClvML.Features;
using ClvML.Numerics;

namespace ClvML.Tests.Models;

/// <summary>
/// Seeded spend-like data for the conformance suites: four RFM-shaped features and a non-negative, zero-inflated,
/// skewed target that depends on them (about a third of the customers spend nothing), the shape ClvML's regressors
/// see in practice.
/// </summary>
internal static class ConformanceData
{
    public static readonly string[] Names = ["recency", "frequency", "monetary_value", "T"];

    /// <summary><paramref name="rows"/> customers: features and holdout-spend-like targets.</summary>
    public static (FeatureMatrix X, double[] Y) Regression(int rows = 400, long seed = 11)
    {
        var random = new RandomStreams(seed);
        var columns = Names.Select(_ => new double[rows]).ToArray();
        var y = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var t = 10 + 40 * random.NextDouble();
            var frequency = Math.Floor(8 * random.NextDouble() * random.NextDouble());
            var recency = frequency == 0 ? 0 : t * random.NextDouble();
            var monetary = frequency == 0 ? 0 : Math.Exp(3 + random.NextDouble());
            columns[0][i] = recency;
            columns[1][i] = frequency;
            columns[2][i] = monetary;
            columns[3][i] = t;
            var alive = random.NextDouble() < 0.3 + 0.6 * recency / t;
            y[i] = alive ? Math.Round(monetary * (frequency + 1) * (0.5 + random.NextDouble()), 2) : 0;
        }
        return (new FeatureMatrix(Names, columns), y);
    }

    /// <summary>A copy of <paramref name="x"/> with <paramref name="value"/> at row <paramref name="row"/> of column <paramref name="column"/>.</summary>
    public static FeatureMatrix With(FeatureMatrix x, string column, int row, double value)
    {
        var columns = x.Columns.Select(c => (double[])c.Clone()).ToArray();
        columns[x.Names.ToList().IndexOf(column)][row] = value;
        return new FeatureMatrix(x.Names, columns);
    }

    /// <summary>A deep copy, to check that a fit leaves its inputs as they were.</summary>
    public static FeatureMatrix Copy(FeatureMatrix x) => new(x.Names, [.. x.Columns.Select(c => (double[])c.Clone())]);

    /// <summary>Whether the message names the column and the row (0-based or 1-based, as the message counts).</summary>
    public static bool NamesPlace(string message, string column, int row) =>
        message.Contains(column, StringComparison.Ordinal)
        && (message.Contains($"row {row}", StringComparison.Ordinal) || message.Contains($"row {row + 1}", StringComparison.Ordinal));
}
