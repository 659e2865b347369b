using ClvML.Features;
using ClvML.Formulas;

namespace ClvML.Tests.Formulas;

public sealed class PractitionerFormulaTests
{
    // Four summary-file customers (weeks): x repeat purchases at monetary value m, recency, age T.
    //   A: x=4, m=10, recency 18, T 20  -> bought in the last 10 weeks, spend 40
    //   B: x=0,       recency 0,  T 30  -> one-timer, not retained
    //   C: x=2, m=25, recency 5,  T 30  -> last purchase 25 weeks ago, not retained, spend 50
    //   D: x=1, m=8,  recency 3,  T 4   -> too young to judge a 10-week retention, spend 8
    private static CustomerFeatureTable Table() => new(
        ["A", "B", "C", "D"], [4, 0, 2, 1], [18, 0, 5, 3], [20, 30, 30, 4], [10, 0, 25, 8],
        TimeUnit.Week, new FeatureWindow(null, null, null, null));

    [Fact]
    public void Retention_is_the_share_of_customers_old_enough_who_bought_in_the_last_period()
    {
        var table = Table();
        Assert.Equal(1.0 / 3, RetentionRate.Estimate(table, 10), 15); // A of A, B, C
        Assert.Equal(0.5, RetentionRate.Estimate(table, 3), 15);        // all four old enough; A (2 weeks ago) and D (1 week ago) retained
        Assert.Equal(0.5, RetentionRate.Estimate(table, 10, [0, 2]), 15);
        Assert.True(double.IsNaN(RetentionRate.Estimate(table, 40)));
    }

    [Fact]
    public void Historic_average_is_spend_rate_times_horizon()
    {
        var predicted = HistoricAverage.Predict(Table(), [10, 10, 10, 10]);
        Assert.Equal([40.0 / 20 * 10, 0, 50.0 / 30 * 10, 8.0 / 4 * 10], predicted);
    }

    [Fact]
    public void Value_frequency_lifespan_by_hand()
    {
        // APV x orders per week x horizon x r; for C: 25 x 2/30 x 10 x 0.5.
        var predicted = ValueFrequencyLifespan.Predict(Table(), [10, 10, 10, 10], 0.5);
        Assert.Equal(25.0 * 2 / 30 * 10 * 0.5, predicted[2], 12);
        Assert.Equal(0, predicted[1]);
        Assert.Equal(1.0, ValueFrequencyLifespan.ExpectedLifespan(0.5));
    }

    [Fact]
    public void Segment_formula_is_m_r_over_1_plus_d_minus_r()
    {
        var table = Table();
        string[] segments = ["active", "lapsed", "lapsed", "active"];
        var fitted = SegmentRetentionClv.Fit(table, segments, period: 10, margin: 0.3, discountRate: 0.1);
        var active = fitted.Single(s => s.Segment == "active");
        var lapsed = fitted.Single(s => s.Segment == "lapsed");
        // active: spend per 10 weeks = mean(40/20, 8/4) x 10 = 20; only A is old enough and retained -> r clamps to 0.99.
        Assert.Equal(20, active.SpendPerPeriod, 12);
        Assert.Equal(0.99, active.Retention);
        Assert.Equal(20 * 0.3 * 0.99 / (1 + 0.1 - 0.99), active.Clv, 12);
        // lapsed: mean(0, 50/30) x 10; nobody retained -> r clamps to 0.01.
        Assert.Equal(0.01, lapsed.Retention);
        Assert.Equal(50.0 / 30 / 2 * 10 * 0.3 * 0.01 / (1.1 - 0.01), lapsed.Clv, 12);
        var holdout = SegmentRetentionClv.PredictHoldout(fitted, segments);
        Assert.Equal(20 * 0.99, holdout[0], 12);
        Assert.Equal(holdout[0], holdout[3]);
    }
}
