using ClvML.AutoML;
using ClvML.Clustering;
using Microsoft.Data.Analysis;

namespace ClvML.Interop;

/// <summary>
/// Training results as DataFrames, with the column names of the run's files: the AutoML leaderboard
/// (regression/leaderboard.csv) and the cluster profiles (the cluster_profiles table of a database output).
/// These are small tables, so their values are copied.
/// </summary>
public static class ResultFrames
{
    /// <summary>
    /// The search's leaderboard: completed trials best first with rank 1, 2, ..., then the timed-out and failed
    /// trials with a null rank. Columns: rank, trial, trainer, parameters ("name=value; ..."), <c>{metric}_mean</c>,
    /// <c>{metric}_std</c> (e.g. rmse_mean), seconds (wall time), status, message (null unless the trial failed).
    /// </summary>
    public static DataFrame ToDataFrame(this AutoMLResult result)
    {
        var completed = result.Leaderboard;
        var ranked = completed.Concat(result.Trials.Where(t => t.Status != TrialStatus.Completed)).ToList();
        var ranks = new Int32DataFrameColumn("rank", ranked.Select((t, i) => i < completed.Count ? i + 1 : (int?)null));
        return Trials(ranked, result.Metric.Name(), ranks);
    }

    /// <summary>
    /// Trials in the order given. Columns: trial, trainer, parameters ("name=value; ..."), metric_mean, metric_std,
    /// seconds, status, message (null unless the trial failed).
    /// </summary>
    public static DataFrame ToDataFrame(this IEnumerable<TrialResult> trials) => Trials([.. trials], "metric", null);

    /// <summary>
    /// One row per cluster. Columns: cluster, cluster_label, customers, customer_share, revenue, revenue_share, then
    /// mean_ and median_ of recency_days, purchases, frequency, monetary_value and tenure_days, then
    /// <c>mean_{name}</c> of each extra column (p_alive, clv, ...).
    /// </summary>
    public static DataFrame ToDataFrame(this IEnumerable<ClusterProfile> profiles)
    {
        var rows = profiles.ToList();
        var columns = new List<DataFrameColumn>
        {
            new Int32DataFrameColumn("cluster", rows.Select(p => p.Cluster)),
            new StringDataFrameColumn("cluster_label", rows.Select(p => p.Label)),
            new Int32DataFrameColumn("customers", rows.Select(p => p.Customers)),
            new DoubleDataFrameColumn("customer_share", rows.Select(p => p.CustomerShare)),
            new DoubleDataFrameColumn("revenue", rows.Select(p => p.Revenue)),
            new DoubleDataFrameColumn("revenue_share", rows.Select(p => p.RevenueShare)),
        };
        (string Name, Func<ClusterProfile, Centre> Of)[] centres =
        [
            ("recency_days", p => p.RecencyDays), ("purchases", p => p.Purchases), ("frequency", p => p.Frequency),
            ("monetary_value", p => p.MonetaryValue), ("tenure_days", p => p.TenureDays),
        ];
        foreach (var (name, of) in centres)
        {
            columns.Add(new DoubleDataFrameColumn("mean_" + name, rows.Select(p => of(p).Mean)));
            columns.Add(new DoubleDataFrameColumn("median_" + name, rows.Select(p => of(p).Median)));
        }
        foreach (var extra in rows.SelectMany(p => p.ExtraMeans.Keys).Distinct(StringComparer.Ordinal))
            columns.Add(new DoubleDataFrameColumn("mean_" + extra, rows.Select(p => p.ExtraMeans.TryGetValue(extra, out var mean) ? mean : (double?)null)));
        return new DataFrame(columns);
    }

    private static DataFrame Trials(IReadOnlyList<TrialResult> trials, string metric, DataFrameColumn? ranks)
    {
        var columns = new List<DataFrameColumn>();
        if (ranks is not null) columns.Add(ranks);
        columns.Add(new Int32DataFrameColumn("trial", trials.Select(t => t.Trial)));
        columns.Add(new StringDataFrameColumn("trainer", trials.Select(t => t.Trainer)));
        columns.Add(new StringDataFrameColumn("parameters", trials.Select(t => string.Join("; ", t.Parameters.Select(p => $"{p.Key}={p.Value}")))));
        columns.Add(new DoubleDataFrameColumn(metric + "_mean", trials.Select(t => t.MetricMean)));
        columns.Add(new DoubleDataFrameColumn(metric + "_std", trials.Select(t => t.MetricStd)));
        columns.Add(new DoubleDataFrameColumn("seconds", trials.Select(t => t.Seconds)));
        columns.Add(new StringDataFrameColumn("status", trials.Select(t => t.Status.ToString())));
        columns.Add(new StringDataFrameColumn("message", trials.Select(t => t.Message)));
        return new DataFrame(columns);
    }
}
