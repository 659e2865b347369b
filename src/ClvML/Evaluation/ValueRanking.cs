namespace ClvML.Evaluation;

/// <summary>One group of customers in a <see cref="ValueRanking.Deciles"/> table.</summary>
/// <param name="Group">1 = the customers with the highest predictions.</param>
/// <param name="Customers">Customers in the group.</param>
/// <param name="MeanPredicted">Mean predicted value in the group.</param>
/// <param name="MeanActual">Mean actual holdout value in the group.</param>
/// <param name="ShareOfActual">The group's share of all actual value.</param>
public sealed record DecileRow(int Group, int Customers, double MeanPredicted, double MeanActual, double ShareOfActual);

/// <summary>A point of a gain (cumulative capture) curve.</summary>
/// <param name="CustomerShare">Share of customers taken, best predicted first.</param>
/// <param name="ValueShare">Share of all actual value they hold.</param>
public readonly record struct GainPoint(double CustomerShare, double ValueShare);

/// <summary>
/// How well a prediction ranks customers by actual value: the decile table (Malthouse &amp; Blattberg
/// 2005 use it to judge CLV models), decile MAPE, the share of actual revenue captured by the top
/// decile or top fifth, and the gain curve. Customers are ordered by prediction, highest first;
/// tied predictions are ordered by actual value ascending (the pessimistic order, as in
/// <see cref="RegressionMetrics.NormalizedGini"/>), so a constant prediction earns no credit.
/// </summary>
public static class ValueRanking
{
    /// <summary>Customer indices, best predicted first, ties pessimistically.</summary>
    public static int[] Order(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        if (actual.Length != predicted.Length) throw new ArgumentException($"{actual.Length} actual values for {predicted.Length} predictions.");
        var a = actual.ToArray();
        var p = predicted.ToArray();
        var order = Enumerable.Range(0, a.Length).ToArray();
        Array.Sort(order, (i, j) => p[i] != p[j] ? p[j].CompareTo(p[i]) : a[i] != a[j] ? a[i].CompareTo(a[j]) : i.CompareTo(j));
        return order;
    }

    /// <summary>
    /// The customers cut into <paramref name="groups"/> groups by prediction (group g holds ranks
    /// floor((g-1)n/groups) to floor(g n/groups) - 1, so sizes differ by at most one).
    /// </summary>
    public static IReadOnlyList<DecileRow> Deciles(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted, int groups = 10) =>
        DecilesInOrder(actual, predicted, Order(actual, predicted), groups);

    /// <summary><see cref="Deciles(ReadOnlySpan{double}, ReadOnlySpan{double}, int)"/> with the <see cref="Order"/> already computed.</summary>
    internal static IReadOnlyList<DecileRow> DecilesInOrder(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted, int[] order, int groups = 10)
    {
        if (groups < 1) throw new ArgumentOutOfRangeException(nameof(groups), "At least one group.");
        double total = 0;
        foreach (var v in actual) total += v;
        var n = order.Length;
        var rows = new List<DecileRow>(groups);
        for (var g = 0; g < groups; g++)
        {
            var from = (int)((long)g * n / groups);
            var to = (int)((long)(g + 1) * n / groups);
            double sumActual = 0, sumPredicted = 0;
            for (var k = from; k < to; k++)
            {
                sumActual += actual[order[k]];
                sumPredicted += predicted[order[k]];
            }
            var count = to - from;
            rows.Add(new DecileRow(g + 1, count, count > 0 ? sumPredicted / count : double.NaN, count > 0 ? sumActual / count : double.NaN,
                total != 0 ? sumActual / total : double.NaN));
        }
        return rows;
    }

    /// <summary>
    /// Mean absolute percentage error of the decile means: the mean over deciles of
    /// |mean predicted - mean actual| / mean actual. Deciles whose actual mean is 0 have no
    /// percentage error and are left out; NaN when every decile is.
    /// </summary>
    public static double DecileMape(IReadOnlyList<DecileRow> deciles)
    {
        double sum = 0;
        var counted = 0;
        foreach (var d in deciles)
        {
            if (d.Customers == 0 || d.MeanActual == 0) continue;
            sum += Math.Abs(d.MeanPredicted - d.MeanActual) / Math.Abs(d.MeanActual);
            counted++;
        }
        return counted > 0 ? sum / counted : double.NaN;
    }

    /// <summary>
    /// Share of all actual value held by the top <paramref name="fraction"/> of customers by
    /// prediction (the first ceil(fraction n) customers). NaN when the actual total is 0.
    /// </summary>
    public static double Capture(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted, double fraction) =>
        CaptureInOrder(actual, Order(actual, predicted), fraction);

    /// <summary><see cref="Capture(ReadOnlySpan{double}, ReadOnlySpan{double}, double)"/> with the <see cref="Order"/> already computed.</summary>
    internal static double CaptureInOrder(ReadOnlySpan<double> actual, int[] order, double fraction)
    {
        if (!(fraction > 0 && fraction <= 1)) throw new ArgumentOutOfRangeException(nameof(fraction), "A fraction in (0, 1].");
        double total = 0, top = 0;
        foreach (var v in actual) total += v;
        var take = (int)Math.Ceiling(fraction * order.Length - 1e-9);
        for (var k = 0; k < take; k++) top += actual[order[k]];
        return total != 0 ? top / total : double.NaN;
    }

    /// <summary>The gain curve at <paramref name="points"/> + 1 evenly spaced customer shares (0 to 1).</summary>
    public static IReadOnlyList<GainPoint> GainCurve(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted, int points = 100) =>
        GainCurveInOrder(actual, Order(actual, predicted), points);

    /// <summary><see cref="GainCurve(ReadOnlySpan{double}, ReadOnlySpan{double}, int)"/> with the <see cref="Order"/> already computed.</summary>
    internal static IReadOnlyList<GainPoint> GainCurveInOrder(ReadOnlySpan<double> actual, int[] order, int points = 100)
    {
        var n = order.Length;
        double total = 0;
        foreach (var v in actual) total += v;
        var curve = new List<GainPoint>(points + 1) { new(0, 0) };
        double cumulative = 0;
        var taken = 0;
        for (var p = 1; p <= points; p++)
        {
            var upTo = (int)((long)p * n / points);
            for (; taken < upTo; taken++) cumulative += actual[order[taken]];
            curve.Add(new GainPoint((double)upTo / n, total != 0 ? cumulative / total : double.NaN));
        }
        return curve;
    }
}
