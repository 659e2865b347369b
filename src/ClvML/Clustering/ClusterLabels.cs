namespace ClvML.Clustering;

/// <summary>
/// Readable cluster labels from the profiles, relative to the whole customer base, so they read the same on
/// any currency or time scale: value ("high value" when a cluster's revenue share is at least 1.5x its customer
/// share, "low value" at most 0.5x, else "mid value"), activity ("active" when the median days since the last
/// purchase is at most 0.5x the overall median, "lapsed" at least 1.5x, else "cooling") and, for clusters whose
/// median customer never came back, "one-timers" ("new one-timers" when their median tenure is at most half the
/// overall median). Clusters that get the same label are told apart by the profile mean on which they differ
/// most (relative to its size): days since the last purchase ("more recent" / "less recent"), purchases
/// ("fewer purchases" / "more purchases"), repeat spend ("lower spend" / "higher spend") or tenure ("joined
/// later" / "joined earlier"), e.g. two cohorts of one-timers; any that still coincide get " (2)", " (3)", ...
/// </summary>
public static class ClusterLabels
{
    /// <summary>One label per profile, in order.</summary>
    public static IReadOnlyList<string> Describe(IReadOnlyList<ClusterProfile> profiles, CustomerValues values)
    {
        var recency = Median(values.RecencyDays);
        var tenure = Median(values.TenureDays);
        var baseLabels = new List<string>();
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
            baseLabels.Add(label);
        }
        var labels = baseLabels.ToArray();
        foreach (var group in Enumerable.Range(0, profiles.Count).GroupBy(c => baseLabels[c]).Where(g => g.Count() > 1))
            Qualify([.. group], profiles, labels);
        var numbered = new List<string>();
        foreach (var label in labels)
        {
            var same = numbered.Count(l => l == label || l.StartsWith(label + " (", StringComparison.Ordinal));
            numbered.Add(same == 0 ? label : $"{label} ({same + 1})");
        }
        return numbered;
    }

    private static readonly (Func<ClusterProfile, double> Mean, string Low, string Middle, string High)[] Qualifiers =
    [
        (p => p.RecencyDays.Mean, "more recent", "mid recency", "less recent"),
        (p => p.Purchases.Mean, "fewer purchases", "mid purchases", "more purchases"),
        (p => p.MonetaryValue.Mean, "lower spend", "mid spend", "higher spend"),
        (p => p.TenureDays.Mean, "joined later", "joined in between", "joined earlier"),
    ];

    /// <summary>Appends to each label of <paramref name="clusters"/> where it stands on the most separating profile mean.</summary>
    private static void Qualify(int[] clusters, IReadOnlyList<ClusterProfile> profiles, string[] labels)
    {
        var best = -1;
        double bestSpread = 0;
        for (var q = 0; q < Qualifiers.Length; q++)
        {
            var means = clusters.Select(c => Qualifiers[q].Mean(profiles[c])).ToArray();
            var scale = means.Max(Math.Abs);
            if (!(scale > 0)) continue;
            // Relative spread, so days and currency compare; the first qualifier wins ties.
            var spread = (means.Max() - means.Min()) / scale;
            if (spread > bestSpread)
            {
                bestSpread = spread;
                best = q;
            }
        }
        if (best < 0) return;
        var (mean, low, middle, high) = Qualifiers[best];
        var ordered = clusters.OrderBy(c => mean(profiles[c])).ThenBy(c => c).ToArray();
        for (var i = 0; i < ordered.Length; i++)
        {
            var word = i == 0 ? low : i == ordered.Length - 1 ? high : middle;
            labels[ordered[i]] = $"{labels[ordered[i]]}, {word}";
        }
    }

    private static double Median(double[] column)
    {
        if (column.Length == 0) return 0;
        var sorted = column.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
