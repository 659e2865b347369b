using ClvML.Features;

namespace ClvML.Formulas;

/// <summary>
/// The period retention rate r of the margin/retention formulas (Gupta &amp; Lehmann 2003; Berger &amp;
/// Nasr 1998), estimated from a feature table: of the customers acquired at least one period
/// before the calibration end, the share who bought again within the last period. A feature table
/// keeps first and last purchase only, so this is the practitioners' "still buying" share rather
/// than a cohort-to-cohort rate; it is clamped to [0.01, 0.99] so 1/(1 - r) and r/(1 + d - r) stay finite.
/// </summary>
public static class RetentionRate
{
    /// <summary>Retention per <paramref name="period"/> (in the table's time unit) over the customers in <paramref name="rows"/> (all when null).</summary>
    public static double Estimate(CustomerFeatureTable table, double period, IReadOnlyList<int>? rows = null)
    {
        if (!(period > 0)) throw new ArgumentOutOfRangeException(nameof(period), "The retention period must be positive.");
        var eligible = 0;
        var retained = 0;
        for (var k = 0; k < (rows?.Count ?? table.Count); k++)
        {
            var i = rows?[k] ?? k;
            if (table.T[i] < period) continue;
            eligible++;
            // Bought again (frequency > 0) and the last purchase lies within the last period.
            if (table.Frequency[i] > 0 && table.T[i] - table.Recency[i] < period) retained++;
        }
        return eligible == 0 ? double.NaN : Math.Clamp((double)retained / eligible, 0.01, 0.99);
    }
}
