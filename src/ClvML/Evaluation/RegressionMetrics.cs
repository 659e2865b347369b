namespace ClvML.Evaluation;

/// <summary>
/// Metrics of predicted against actual values (holdout spend or purchases), all on the same
/// customers. Rank metrics use average ranks for ties.
/// </summary>
public static class RegressionMetrics
{
    /// <summary>Root mean squared error.</summary>
    public static double Rmse(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        Check(actual, predicted);
        double sum = 0;
        for (var i = 0; i < actual.Length; i++) sum += (predicted[i] - actual[i]) * (predicted[i] - actual[i]);
        return Math.Sqrt(sum / actual.Length);
    }

    /// <summary>Mean absolute error.</summary>
    public static double Mae(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        Check(actual, predicted);
        double sum = 0;
        for (var i = 0; i < actual.Length; i++) sum += Math.Abs(predicted[i] - actual[i]);
        return sum / actual.Length;
    }

    /// <summary>Coefficient of determination: 1 - SSE / SST (NaN when the actual values are constant).</summary>
    public static double R2(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        Check(actual, predicted);
        double mean = 0;
        foreach (var a in actual) mean += a;
        mean /= actual.Length;
        double sse = 0, sst = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            sse += (predicted[i] - actual[i]) * (predicted[i] - actual[i]);
            sst += (actual[i] - mean) * (actual[i] - mean);
        }
        return sst > 0 ? 1 - sse / sst : double.NaN;
    }

    /// <summary>Total bias: sum predicted / sum actual - 1 (0 is unbiased in total).</summary>
    public static double Bias(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        Check(actual, predicted);
        double a = 0, p = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            a += actual[i];
            p += predicted[i];
        }
        return a != 0 ? p / a - 1 : double.NaN;
    }

    /// <summary>Spearman rank correlation: Pearson correlation of the average ranks.</summary>
    public static double Spearman(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        Check(actual, predicted);
        return Pearson(Ranks(actual), Ranks(predicted));
    }

    /// <summary>
    /// Normalised Gini: the Gini coefficient of the gain curve (customers sorted by prediction,
    /// descending, against their cumulative share of actual value) over that of the perfect ranking.
    /// 1 is a perfect ranking, about 0 a random one. Tied predictions are ordered by actual value
    /// ascending, the pessimistic order, so ties earn no credit.
    /// </summary>
    public static double NormalizedGini(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        Check(actual, predicted);
        var perfect = Gini(actual, actual);
        return perfect != 0 ? Gini(actual, predicted) / perfect : double.NaN;
    }

    private static double Gini(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        var n = actual.Length;
        var a = actual.ToArray();
        var p = predicted.ToArray();
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (i, j) => p[i] != p[j] ? p[j].CompareTo(p[i]) : a[i] != a[j] ? a[i].CompareTo(a[j]) : i.CompareTo(j));
        double total = 0;
        foreach (var v in a) total += v;
        if (total == 0) return 0;
        double cumulative = 0, area = 0;
        foreach (var i in order)
        {
            cumulative += a[i];
            area += cumulative / total;
        }
        return area / n - (n + 1) / (2.0 * n);
    }

    /// <summary>Average ranks (1-based); tied values share the mean of their positions.</summary>
    public static double[] Ranks(ReadOnlySpan<double> values)
    {
        var v = values.ToArray();
        var order = Enumerable.Range(0, v.Length).ToArray();
        Array.Sort(order, (i, j) => v[i].CompareTo(v[j]));
        var ranks = new double[v.Length];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && v[order[end + 1]] == v[order[start]]) end++;
            var rank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++) ranks[order[k]] = rank;
            start = end + 1;
        }
        return ranks;
    }

    private static double Pearson(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : double.NaN;
    }

    private static void Check(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        if (actual.Length != predicted.Length) throw new ArgumentException($"{actual.Length} actual values for {predicted.Length} predictions.");
        if (actual.IsEmpty) throw new ArgumentException("No values to compare.");
    }
}
