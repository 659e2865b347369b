using ClvML.Numerics;

namespace ClvML.Clustering;

/// <summary>A mean and a median.</summary>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="Median">Median (the mean of the two middle values for an even count).</param>
public readonly record struct Centre(double Mean, double Median);

/// <summary>Who is in one cluster: its size, its share of customers and revenue, and the typical customer.</summary>
/// <param name="Cluster">Cluster index.</param>
/// <param name="Label">Readable label (<see cref="ClusterLabels"/>).</param>
/// <param name="Customers">Customers in the cluster.</param>
/// <param name="CustomerShare">Share of all customers, 0..1.</param>
/// <param name="RevenueShare">Share of all calibration revenue, 0..1 (0 when the total is not positive).</param>
/// <param name="RecencyDays">Days since the last purchase.</param>
/// <param name="Purchases">Orders (purchase periods for a summary input).</param>
/// <param name="Frequency">Repeat purchase periods.</param>
/// <param name="MonetaryValue">Mean repeat spend.</param>
/// <param name="TenureDays">Days since the first purchase.</param>
/// <param name="Revenue">Total calibration revenue of the cluster.</param>
/// <param name="ExtraMeans">Mean of each extra per-customer column by name (e.g. p_alive, clv from the probabilistic stage).</param>
public sealed record ClusterProfile(int Cluster, string Label, int Customers, double CustomerShare, double RevenueShare,
    Centre RecencyDays, Centre Purchases, Centre Frequency, Centre MonetaryValue, Centre TenureDays, double Revenue,
    IReadOnlyDictionary<string, double> ExtraMeans)
{
    /// <summary>
    /// The profile of every cluster, labelled by <see cref="ClusterLabels.Describe"/>. Clusters without customers
    /// (possible only on data other than the training rows) get a zero-size profile.
    /// </summary>
    public static IReadOnlyList<ClusterProfile> Build(CustomerValues values, IReadOnlyList<int> assignments, int clusterCount,
        IReadOnlyDictionary<string, double[]>? extraColumns = null)
    {
        if (assignments.Count != values.Count) throw new ArgumentException($"{assignments.Count} assignments for {values.Count} customers.");
        var members = new List<int>[clusterCount];
        for (var c = 0; c < clusterCount; c++) members[c] = [];
        for (var i = 0; i < assignments.Count; i++) members[assignments[i]].Add(i);
        var totalRevenue = Money.Sum(values.Revenue);
        var n = values.Count;
        var unlabelled = Enumerable.Range(0, clusterCount).Select(c =>
        {
            var rows = members[c];
            var revenue = Money.Sum(rows.Select(i => values.Revenue[i]));
            var extras = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (var (name, column) in extraColumns ?? new Dictionary<string, double[]>())
            {
                if (column.Length != n) throw new ArgumentException($"Extra column '{name}' has {column.Length} values for {n} customers.");
                extras[name] = rows.Count == 0 ? double.NaN : rows.Average(i => column[i]);
            }
            return new ClusterProfile(c, "", rows.Count, n == 0 ? 0 : (double)rows.Count / n, totalRevenue > 0 ? revenue / totalRevenue : 0,
                Of(values.RecencyDays, rows), Of(values.Purchases, rows), Of(values.Frequency, rows), Of(values.MonetaryValue, rows),
                Of(values.TenureDays, rows), revenue, extras);
        }).ToList();
        var labels = ClusterLabels.Describe(unlabelled, values);
        return [.. unlabelled.Select((p, c) => p with { Label = labels[c] })];
    }

    private static Centre Of(double[] column, List<int> rows)
    {
        if (rows.Count == 0) return new Centre(double.NaN, double.NaN);
        var sorted = rows.Select(i => column[i]).Order().ToArray();
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Centre(sorted.Average(), median);
    }
}
