namespace ClvML.Clustering;

/// <summary>
/// Readable cluster labels from the profiles, relative to the whole customer base, so they read the same on
/// any currency or time scale: value ("high value" when a cluster's revenue share is at least 1.5x its customer
/// share, "low value" at most 0.5x, else "mid value"), activity ("active" when the median days since the last
/// purchase is at most 0.5x the overall median, "lapsed" at least 1.5x, else "cooling") and, for clusters whose
/// median customer never came back, "one-timers" ("new one-timers" when their median tenure is at most half the
/// overall median). Labels that come out equal get " (2)", " (3)", ... so each names one cluster.
/// </summary>
public static class ClusterLabels
{
    /// <summary>One label per profile, in order.</summary>
    public static IReadOnlyList<string> Describe(IReadOnlyList<ClusterProfile> profiles, CustomerValues values)
    {
        var recency = Median(values.RecencyDays);
        var tenure = Median(values.TenureDays);
        var labels = new List<string>();
        foreach (var p in profiles)
        {
            string label;
            if (p.Customers == 0) label = "empty";
            else
            {
                var activity = p.RecencyDays.Median <= 0.5 * recency ? "active" : p.RecencyDays.Median >= 1.5 * recency ? "lapsed" : "cooling";
                if (p.Frequency.Median == 0)
                    label = p.TenureDays.Median <= 0.5 * tenure ? "new one-timers" : $"{activity} one-timers";
                else
                {
                    var index = p.CustomerShare > 0 ? p.RevenueShare / p.CustomerShare : 0;
                    var value = index >= 1.5 ? "high value" : index <= 0.5 ? "low value" : "mid value";
                    label = $"{value}, {activity}";
                }
            }
            var same = labels.Count(l => l == label || l.StartsWith(label + " (", StringComparison.Ordinal));
            labels.Add(same == 0 ? label : $"{label} ({same + 1})");
        }
        return labels;
    }

    private static double Median(double[] column)
    {
        if (column.Length == 0) return 0;
        var sorted = column.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
