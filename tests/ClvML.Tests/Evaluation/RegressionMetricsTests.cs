using ClvML.Evaluation;

namespace ClvML.Tests.Evaluation;

/// <summary>Metrics against values computed by hand.</summary>
public sealed class RegressionMetricsTests
{
    private static readonly double[] Actual = [3, 0, 10, 1, 6];
    private static readonly double[] Predicted = [2, 1, 7, 1, 9];

    [Fact]
    public void Error_metrics_match_hand_computation()
    {
        // Errors -1, 1, -3, 0, 3: squares 1 1 9 0 9 = 20; absolutes 8; sums 20 vs 20.
        Assert.Equal(Math.Sqrt(20 / 5.0), RegressionMetrics.Rmse(Actual, Predicted), 15);
        Assert.Equal(8 / 5.0, RegressionMetrics.Mae(Actual, Predicted), 15);
        Assert.Equal(0.0, RegressionMetrics.Bias(Actual, Predicted), 15);
        // Mean 4: SST = 1 + 16 + 36 + 9 + 4 = 66.
        Assert.Equal(1 - 20 / 66.0, RegressionMetrics.R2(Actual, Predicted), 15);
    }

    [Fact]
    public void Spearman_uses_average_ranks_for_ties()
    {
        // actual ranks: 3,1,5,2,4; predicted 2,1,7,1,9 -> ranks 3, 1.5, 4, 1.5, 5.
        double[] ra = [3, 1, 5, 2, 4];
        double[] rp = [3, 1.5, 4, 1.5, 5];
        Assert.Equal(rp, RegressionMetrics.Ranks(Predicted));
        double ma = 3, mp = 3, sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < 5; i++)
        {
            sxy += (ra[i] - ma) * (rp[i] - mp);
            sxx += (ra[i] - ma) * (ra[i] - ma);
            syy += (rp[i] - mp) * (rp[i] - mp);
        }
        Assert.Equal(sxy / Math.Sqrt(sxx * syy), RegressionMetrics.Spearman(Actual, Predicted), 15);
        Assert.Equal(8.5 / Math.Sqrt(10 * 9.5), RegressionMetrics.Spearman(Actual, Predicted), 15);
    }

    [Fact]
    public void Normalized_gini_is_1_for_a_perfect_ranking_and_about_0_for_a_random_one()
    {
        Assert.Equal(1.0, RegressionMetrics.NormalizedGini(Actual, Actual), 15);
        Assert.Equal(1.0, RegressionMetrics.NormalizedGini(Actual, Actual.Select(a => 2 * a + 1).ToArray()), 15);
        Assert.Equal(-1.0, RegressionMetrics.NormalizedGini(Actual, Actual.Select(a => -a).ToArray()), 15);
        var random = new Random(1);
        var actual = Enumerable.Range(0, 200_000).Select(_ => random.NextDouble() < 0.6 ? 0 : Math.Exp(random.NextDouble() * 4)).ToArray();
        var noise = Enumerable.Range(0, actual.Length).Select(_ => random.NextDouble()).ToArray();
        Assert.InRange(RegressionMetrics.NormalizedGini(actual, noise), -0.01, 0.01);
        // Constant predictions are all ties: no ranking skill, no credit.
        Assert.True(RegressionMetrics.NormalizedGini(Actual, [1, 1, 1, 1, 1]) < 0);
    }

    [Fact]
    public void Hand_computed_gini_of_a_small_ranking()
    {
        // Sorted by prediction desc: actual 6, 10, 3, 1, 0 (ties 1,1: actual 0 goes after 1? no: 1 and 1 predicted for actual 0 and 1 -> ascending actual: 0 then 1).
        // Order by pred desc: 9(6), 7(10), 2(3), 1(0), 1(1). Cumulative shares of 20: .3 .8 .95 .95 1 -> sum 4.0.
        // Gini = 4.0/5 - 6/10 = 0.2. Perfect: 10 6 3 1 0 -> .5 .8 .95 1 1 = 4.25 -> 0.85 - 0.6 = 0.25.
        Assert.Equal(0.2 / 0.25, RegressionMetrics.NormalizedGini(Actual, Predicted), 12);
    }
}
