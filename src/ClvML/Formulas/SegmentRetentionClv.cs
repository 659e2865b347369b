using ClvML.Features;

namespace ClvML.Formulas;

/// <summary>
/// The margin/retention/discount formula CLV = m r / (1 + d - r) (Gupta &amp; Lehmann 2003, eq. 2:
/// constant margin m per period, retention r, discount rate d per period, infinite horizon, margin
/// counted from the next period), applied per segment: m is the segment's mean spend per period
/// times the margin and r the segment's <see cref="RetentionRate"/>. Its holdout forecast is the
/// formula's first period, m r (no discount within the period actually observed).
/// </summary>
public static class SegmentRetentionClv
{
    /// <summary>Per-segment m, r and the CLV they give.</summary>
    /// <param name="Segment">Segment name.</param>
    /// <param name="Customers">Customers in the segment.</param>
    /// <param name="SpendPerPeriod">Mean calibration spend per period of a customer in the segment.</param>
    /// <param name="Retention">Retention per period.</param>
    /// <param name="Clv">m r / (1 + d - r) with m = spend per period x margin.</param>
    public sealed record SegmentValue(string Segment, int Customers, double SpendPerPeriod, double Retention, double Clv);

    /// <summary>Fits m and r per segment over periods of <paramref name="period"/> time units.</summary>
    /// <param name="table">The calibration features.</param>
    /// <param name="segments">One segment name per customer (RFM segment or cluster label).</param>
    /// <param name="period">Period length in time units (the holdout length when predicting the holdout).</param>
    /// <param name="margin">Share of spend that is margin.</param>
    /// <param name="discountRate">Discount rate per period.</param>
    public static IReadOnlyList<SegmentValue> Fit(CustomerFeatureTable table, IReadOnlyList<string> segments, double period, double margin, double discountRate)
    {
        if (segments.Count != table.Count) throw new ArgumentException($"{segments.Count} segment names for {table.Count} customers.");
        var history = SpendHistory.Of(table);
        var overall = RetentionRate.Estimate(table, period);
        var result = new List<SegmentValue>();
        foreach (var group in Enumerable.Range(0, table.Count).GroupBy(i => segments[i]).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var rows = group.ToArray();
            var spendPerPeriod = rows.Average(i => history.Spend[i] / history.Age[i]) * period;
            // A segment with no customer old enough to judge retention takes the overall rate.
            var r = RetentionRate.Estimate(table, period, rows);
            if (double.IsNaN(r)) r = overall;
            var m = spendPerPeriod * margin;
            result.Add(new SegmentValue(group.Key, rows.Length, spendPerPeriod, r, m * r / (1 + discountRate - r)));
        }
        return result;
    }

    /// <summary>Holdout forecast per customer: the segment's m r with margin 1 (spend, not profit).</summary>
    public static double[] PredictHoldout(IReadOnlyList<SegmentValue> fitted, IReadOnlyList<string> segments)
    {
        var bySegment = fitted.ToDictionary(s => s.Segment, StringComparer.Ordinal);
        var predicted = new double[segments.Count];
        for (var i = 0; i < predicted.Length; i++)
            predicted[i] = bySegment.TryGetValue(segments[i], out var s) ? s.SpendPerPeriod * s.Retention
                : throw new ArgumentException($"Segment '{segments[i]}' of customer {i} was not fitted.");
        return predicted;
    }
}
