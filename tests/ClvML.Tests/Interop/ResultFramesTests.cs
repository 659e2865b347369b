using ClvML.AutoML;
using ClvML.Clustering;
using ClvML.Interop;

namespace ClvML.Tests.Interop;

/// <summary>The AutoML leaderboard and cluster profiles as DataFrames, with the run files' column names.</summary>
public sealed class ResultFramesTests
{
    private static readonly TrialResult[] Trials =
    [
        new(1, "gbdt", new Dictionary<string, string> { ["learning_rate"] = "0.1", ["max_leaves"] = "31" }, 10.5, 1.25, 0.5, TrialStatus.Completed),
        new(2, "ridge", new Dictionary<string, string> { ["alpha"] = "1" }, 8.0, 0.5, 0.125, TrialStatus.Completed),
        new(3, "gbdt", new Dictionary<string, string> { ["learning_rate"] = "0.3" }, double.NaN, double.NaN, 2.0, TrialStatus.TimedOut, "cut by the trial timeout"),
        new(4, "ridge", new Dictionary<string, string> { ["alpha"] = "10" }, 9.0, 0.75, 0.25, TrialStatus.Completed),
    ];

    [Fact]
    public void The_leaderboard_ranks_completed_trials_best_first_then_the_rest_without_a_rank()
    {
        var result = new AutoMLResult(RegressionMetric.Rmse, Trials, Trials[1], null!, [], 2.875, "trial budget");
        var frame = result.ToDataFrame();
        Assert.Equal(["rank", "trial", "trainer", "parameters", "rmse_mean", "rmse_std", "seconds", "status", "message"], frame.Columns.Select(c => c.Name));
        Assert.Equal([1, 2, 3, null], frame["rank"].Cast<int?>());
        Assert.Equal([2, 4, 1, 3], frame["trial"].Cast<int?>().Select(v => v!.Value));
        Assert.Equal(["ridge", "ridge", "gbdt", "gbdt"], frame["trainer"].Cast<string>());
        Assert.Equal(["alpha=1", "alpha=10", "learning_rate=0.1; max_leaves=31", "learning_rate=0.3"], frame["parameters"].Cast<string>());
        Assert.Equal([8.0, 9.0, 10.5, double.NaN], frame["rmse_mean"].Cast<double?>().Select(v => v!.Value));
        Assert.Equal([0.125, 0.25, 0.5, 2.0], frame["seconds"].Cast<double?>().Select(v => v!.Value));
        Assert.Equal(["Completed", "Completed", "Completed", "TimedOut"], frame["status"].Cast<string>());
        Assert.Equal([null, null, null, "cut by the trial timeout"], frame["message"].Cast<string?>());
        Assert.Equal(1, frame["rank"].NullCount);
    }

    [Fact]
    public void Trials_keep_their_order()
    {
        var frame = Trials.ToDataFrame();
        Assert.Equal(["trial", "trainer", "parameters", "metric_mean", "metric_std", "seconds", "status", "message"], frame.Columns.Select(c => c.Name));
        Assert.Equal([1, 2, 3, 4], frame["trial"].Cast<int?>().Select(v => v!.Value));
        Assert.Equal([1.25, 0.5, double.NaN, 0.75], frame["metric_std"].Cast<double?>().Select(v => v!.Value));
    }

    [Fact]
    public void Cluster_profiles_become_one_row_per_cluster_with_their_means_and_medians()
    {
        var values = new CustomerValues(
            RecencyDays: [1, 3, 10, 20, 30, 40], Purchases: [5, 7, 1, 1, 2, 1], Frequency: [4, 6, 0, 0, 1, 0],
            MonetaryValue: [20, 30, 0, 0, 15, 0], TenureDays: [100, 200, 50, 60, 70, 80], Revenue: [100, 210, 12, 8, 30, 10]);
        var profiles = ClusterProfile.Build(values, [0, 0, 1, 1, 1, 1], 2, new Dictionary<string, double[]> { ["clv"] = [50, 70, 1, 2, 3, 4] });
        var frame = profiles.ToDataFrame();
        Assert.Equal(
            ["cluster", "cluster_label", "customers", "customer_share", "revenue", "revenue_share",
             "mean_recency_days", "median_recency_days", "mean_purchases", "median_purchases", "mean_frequency", "median_frequency",
             "mean_monetary_value", "median_monetary_value", "mean_tenure_days", "median_tenure_days", "mean_clv"],
            frame.Columns.Select(c => c.Name));
        Assert.Equal(2, frame.Rows.Count);
        for (var c = 0; c < 2; c++)
        {
            var p = profiles[c];
            Assert.Equal(p.Cluster, frame["cluster"][c]);
            Assert.Equal(p.Label, frame["cluster_label"][c]);
            Assert.Equal(p.Customers, frame["customers"][c]);
            Assert.Equal(p.RevenueShare, frame["revenue_share"][c]);
            Assert.Equal(p.RecencyDays.Median, frame["median_recency_days"][c]);
            Assert.Equal(p.TenureDays.Mean, frame["mean_tenure_days"][c]);
            Assert.Equal(p.ExtraMeans["clv"], frame["mean_clv"][c]);
        }
        // The numbers themselves: cluster 1 holds the four customers of 12 + 8 + 30 + 10 = 60 of 370 revenue.
        Assert.Equal(4, frame["customers"][1]);
        Assert.Equal(60.0 / 370, (double)frame["revenue_share"][1]!, 15);
        Assert.Equal(25.0, frame["median_recency_days"][1]);
        Assert.Equal(2.5, frame["mean_clv"][1]);
    }
}
