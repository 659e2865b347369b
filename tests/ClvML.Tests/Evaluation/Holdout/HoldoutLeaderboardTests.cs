using ClvML.Evaluation;
using ClvML.Evaluation.Holdout;
using ClvML.Evaluation.Report;

namespace ClvML.Tests.Evaluation.Holdout;

/// <summary>The leaderboard's metric wiring on a four-customer table computed by hand, and its sort order.</summary>
public sealed class HoldoutLeaderboardTests
{
    private static readonly double[] ActualSpend = [0, 10, 20, 30];
    private static readonly double[] ActualPurchases = [0, 1, 1, 2];

    // Close in total, ranks perfectly: errors 5, 0, 5, 10.
    private static readonly HoldoutPrediction Close = new("close", ModelKinds.Probabilistic, [5, 10, 15, 40], [0.5, 1, 1, 3]);
    // Constant forecast: errors 15, 5, 5, 15; ranks nothing.
    private static readonly HoldoutPrediction Flat = new("flat", ModelKinds.Heuristic, [15, 15, 15, 15]);
    // Ranks backwards, with a total far too high: errors 40, 20, 0, 20.
    private static readonly HoldoutPrediction Backwards = new("backwards", ModelKinds.Regression, [40, 30, 20, 10]);

    [Fact]
    public void Metrics_match_hand_computed_values()
    {
        var ranked = HoldoutLeaderboard.Rank([Close, Flat, Backwards], ActualSpend, ActualPurchases, "mae");
        var close = ranked.Single(r => r.Prediction.Name == "close");
        Assert.Equal(5.0, close.Spend.Mae, 12);                       // (5 + 0 + 5 + 10) / 4
        Assert.Equal(Math.Sqrt(37.5), close.Spend.Rmse, 12);          // (25 + 0 + 25 + 100) / 4
        Assert.Equal(70.0 / 60 - 1, close.Spend.Bias, 12);            // sum predicted 70 over actual 60
        Assert.Equal(1 - 150.0 / 500, close.Spend.R2, 12);            // SSE 150, SST 500
        Assert.Equal(1.0, close.Spend.Spearman, 12);
        Assert.Equal(1.0, close.Spend.NormalizedGini, 12);
        Assert.Equal(1.5 / 4, close.PurchasesMae, 12);                // |0.5 - 0| + 0 + 0 + |3 - 2|, over 4
        Assert.Equal(5.5 / 4 - 1, close.PurchasesBias, 12);           // 5.5 predicted over 4 actual

        var flat = ranked.Single(r => r.Prediction.Name == "flat");
        Assert.Equal(10.0, flat.Spend.Mae, 12);
        Assert.Equal(0.0, flat.Spend.Bias, 12);
        Assert.True(double.IsNaN(flat.PurchasesMae));

        var metrics = HoldoutLeaderboard.ToModelMetrics(ranked);
        var entry = metrics.Single(m => m.Name == "close");
        Assert.Equal("probabilistic", entry.Kind);
        Assert.Equal(close.Spend.Mae, entry[MetricNames.Mae]);
        Assert.Equal(close.PurchasesBias, entry[MetricNames.PurchasesBias]);
        Assert.DoesNotContain(metrics.Single(m => m.Name == "flat").Metrics, p => p.Key == MetricNames.PurchasesMae);
    }

    [Theory]
    [InlineData("mae", new[] { "close", "flat", "backwards" })]        // 5, 10, 20: lower is better
    [InlineData("rmse", new[] { "close", "flat", "backwards" })]
    [InlineData("spearman", new[] { "close", "backwards", "flat" })]   // 1, -1, NaN (a constant has no ranks): undefined goes last
    // 1, then -1 twice (ties in a constant forecast are ordered pessimistically, i.e. backwards): equal values keep the given order.
    [InlineData("normalized_gini", new[] { "close", "backwards", "flat" })]
    [InlineData("bias", new[] { "flat", "close", "backwards" })]        // |0|, |1/6|, |1/3|
    public void Sorted_by_the_primary_metric_in_its_direction(string metric, string[] expected)
    {
        var ranked = HoldoutLeaderboard.Rank([Backwards, Flat, Close], ActualSpend, ActualPurchases, metric);
        Assert.Equal(expected, ranked.Select(r => r.Prediction.Name));
    }

    [Fact]
    public void Models_equal_within_the_tolerance_share_a_rank_in_the_given_order()
    {
        // Three forecasts a part in ten million apart (as fits at one limit give), then a clearly worse one.
        var a = new HoldoutPrediction("a", ModelKinds.Probabilistic, [5, 10, 15, 40]);
        var b = new HoldoutPrediction("b", ModelKinds.Probabilistic, [5, 10, 15, 40 - 1e-6]);
        var c = new HoldoutPrediction("c", ModelKinds.Probabilistic, [5, 10, 15, 40 + 1e-6]);
        var d = new HoldoutPrediction("d", ModelKinds.Heuristic, [5, 10, 15, 40.01]);
        var ranked = HoldoutLeaderboard.Rank([a, d, b, c], ActualSpend, ActualPurchases, "mae");
        // b has the smallest MAE by 2.5e-7, but the tie keeps the given order a, b, c.
        Assert.Equal(["a", "b", "c", "d"], ranked.Select(r => r.Prediction.Name));
        Assert.Equal([1, 1, 1, 4], ranked.Select(r => r.Rank));
        Assert.Equal(3, HoldoutLeaderboard.Best(ranked).Count);
        Assert.Equal([1, 1, 1, 4], HoldoutLeaderboard.ToModelMetrics(ranked).Select(m => m.Rank ?? 0));
        var table = LeaderboardTable.Create(new MetricsDocument(HoldoutLeaderboard.ToModelMetrics(ranked), []));
        Assert.Equal(["1 (tie)", "1 (tie)", "1 (tie)", "4"], Enumerable.Range(0, 4).Select(r => table.FormattedCell(r, 0)));
        // 1e-6 of the value is the line: 5.0 and 5.000004 tie, 5.0 and 5.00001 do not.
        Assert.True(HoldoutLeaderboard.Tied(5.0, 5.000004));
        Assert.False(HoldoutLeaderboard.Tied(5.0, 5.00001));
        Assert.False(HoldoutLeaderboard.Tied(double.NaN, double.NaN));
    }

    [Fact]
    public void Unknown_primary_metric_is_refused() =>
        Assert.Throws<ArgumentException>(() => HoldoutLeaderboard.Rank([Close], ActualSpend, ActualPurchases, "auc"));
}
