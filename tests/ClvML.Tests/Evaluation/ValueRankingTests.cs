using ClvML.Evaluation;

namespace ClvML.Tests.Evaluation;

public sealed class ValueRankingTests
{
    // Actual values 1..20 (total 210); predictions that rank them perfectly.
    private static readonly double[] Actual = [.. Enumerable.Range(1, 20).Select(i => (double)i)];

    [Fact]
    public void Deciles_of_a_perfect_ranking_hold_pairs_of_values_from_the_top()
    {
        var deciles = ValueRanking.Deciles(Actual, Actual);
        Assert.Equal(10, deciles.Count);
        Assert.All(deciles, d => Assert.Equal(2, d.Customers));
        Assert.Equal(19.5, deciles[0].MeanActual);  // 20 and 19
        Assert.Equal(1.5, deciles[9].MeanActual);   // 2 and 1
        Assert.Equal(39.0 / 210, deciles[0].ShareOfActual, 15);
        Assert.Equal(1.0, deciles.Sum(d => d.ShareOfActual), 12);
        Assert.Equal(0, ValueRanking.DecileMape(deciles));
    }

    [Fact]
    public void Decile_mape_by_hand()
    {
        // Predictions twice the actual value: each decile mean is off by 100%.
        var doubled = Actual.Select(a => 2 * a).ToArray();
        Assert.Equal(1.0, ValueRanking.DecileMape(ValueRanking.Deciles(Actual, doubled)), 15);
        // Two groups: predicted means 3 and 1 against actual means 2 and 2 -> (|3-2|/2 + |1-2|/2) / 2 = 0.5.
        var deciles = ValueRanking.Deciles([2, 2, 2, 2], [4, 2, 1, 1], groups: 2);
        Assert.Equal(3, deciles[0].MeanPredicted);
        Assert.Equal(1, deciles[1].MeanPredicted);
        Assert.Equal(0.5, ValueRanking.DecileMape(deciles), 15);
        // A decile with no actual value has no percentage error and is left out.
        Assert.Equal(0.0, ValueRanking.DecileMape(ValueRanking.Deciles([5, 0], [5, 1], groups: 2)));
    }

    [Fact]
    public void Capture_of_the_top_decile_and_fifth_by_hand()
    {
        Assert.Equal((20.0 + 19) / 210, ValueRanking.Capture(Actual, Actual, 0.1), 15);
        Assert.Equal((20.0 + 19 + 18 + 17) / 210, ValueRanking.Capture(Actual, Actual, 0.2), 15);
        // A constant prediction earns no credit: ties are taken smallest actual first.
        var constant = new double[20];
        Assert.Equal((1.0 + 2) / 210, ValueRanking.Capture(Actual, constant, 0.1), 15);
        // 7 customers: the top 10% is ceil(0.7) = 1 customer.
        Assert.Equal(7.0 / 28, ValueRanking.Capture([1, 2, 3, 4, 5, 6, 7], [1, 2, 3, 4, 5, 6, 7], 0.1), 15);
    }

    [Fact]
    public void Gain_curve_runs_from_0_to_1_and_never_falls()
    {
        var random = new Random(3);
        var actual = Enumerable.Range(0, 1000).Select(_ => random.NextDouble() < 0.6 ? 0 : random.NextDouble() * 100).ToArray();
        var predicted = actual.Select(a => a + random.NextDouble() * 30).ToArray();
        var curve = ValueRanking.GainCurve(actual, predicted);
        Assert.Equal(101, curve.Count);
        Assert.Equal(new GainPoint(0, 0), curve[0]);
        Assert.Equal(1.0, curve[^1].CustomerShare);
        Assert.Equal(1.0, curve[^1].ValueShare, 12);
        for (var i = 1; i < curve.Count; i++) Assert.True(curve[i].ValueShare >= curve[i - 1].ValueShare);
        // The gain at 10% of customers is the top-decile capture.
        Assert.Equal(ValueRanking.Capture(actual, predicted, 0.1), curve[10].ValueShare, 12);
    }

    [Fact]
    public void Holdout_metrics_gather_every_metric_and_refuse_non_finite_predictions()
    {
        var predicted = Actual.Select(a => a + 1).ToArray();
        var metrics = HoldoutMetrics.Of(Actual, predicted);
        Assert.Equal(1, metrics.Mae);
        Assert.Equal(1, metrics.Rmse);
        Assert.Equal(20.0 / 210, metrics.Bias, 15);
        Assert.Equal(1, metrics.Spearman, 15);
        Assert.Equal(1, metrics.NormalizedGini, 12);
        Assert.Equal(metrics.TopDecileCapture, metrics.Get("top_decile_capture"));
        Assert.Throws<ArgumentException>(() => metrics.Get("accuracy"));
        predicted[3] = double.NaN;
        Assert.Contains("Prediction 3", Assert.Throws<ArgumentException>(() => HoldoutMetrics.Of(Actual, predicted)).Message);
    }
}
