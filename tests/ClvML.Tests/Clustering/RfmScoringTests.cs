using ClvML.Clustering;

namespace ClvML.Tests.Clustering;

public sealed class RfmScoringTests
{
    [Fact]
    public void Distinct_values_fall_into_equal_quintiles()
    {
        var values = Enumerable.Range(1, 10).Select(v => (double)v).Reverse().ToArray();
        Assert.Equal([5, 5, 4, 4, 3, 3, 2, 2, 1, 1], RfmScoring.QuintileScores(values, higherIsBetter: true));
        Assert.Equal([1, 1, 2, 2, 3, 3, 4, 4, 5, 5], RfmScoring.QuintileScores(values, higherIsBetter: false));
    }

    [Fact]
    public void Ties_share_a_score_on_skewed_data()
    {
        // 6 of 10 customers bought once: they all score 1 (nobody is worse); 2 is unused; the rest by rank.
        double[] purchases = [1, 1, 1, 1, 1, 1, 2, 2, 5, 9];
        Assert.Equal([1, 1, 1, 1, 1, 1, 4, 4, 5, 5], RfmScoring.QuintileScores(purchases, higherIsBetter: true));
        // Every customer equal: one score for all, no invalid bin.
        Assert.Equal([1, 1, 1], RfmScoring.QuintileScores([3, 3, 3], higherIsBetter: true));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Whole_numbers_counted_and_fractions_sorted_score_by_the_share_of_customers_strictly_worse(bool higherIsBetter)
    {
        // Days since the last purchase take the counting path; the same days plus a half take the sort.
        var random = new Random(5);
        var days = Enumerable.Range(0, 5_000).Select(_ => (double)(random.Next(3) == 0 ? 7 : random.Next(-20, 400))).ToArray();
        var halves = days.Select(d => d + 0.5).ToArray();
        var counted = RfmScoring.QuintileScores(days, higherIsBetter);
        Assert.Equal(counted, RfmScoring.QuintileScores(halves, higherIsBetter));
        for (var i = 0; i < days.Length; i += 37)
        {
            var worse = days.Count(d => higherIsBetter ? d < days[i] : d > days[i]);
            Assert.Equal(1 + 5 * worse / days.Length, counted[i]);
        }
    }

    [Fact]
    public void Codes_and_default_segments()
    {
        var values = new CustomerValues(
            RecencyDays: [1, 2, 300, 310, 5, 320, 150, 3, 200, 250],
            Purchases: [20, 1, 25, 1, 8, 2, 6, 1, 3, 1],
            Frequency: new double[10], MonetaryValue: new double[10], TenureDays: new double[10],
            Revenue: [900, 30, 1200, 20, 400, 60, 300, 25, 100, 10]);
        var rfm = RfmScoring.Score(values);
        Assert.Equal("555", rfm.Code(0));
        Assert.Equal("Champions", rfm.Segments[0]);
        Assert.Equal("5 1 2".Replace(" ", ""), rfm.Code(1)); // most recent but one purchase
        Assert.Equal("New", rfm.Segments[1]);
        Assert.Equal("255", rfm.Code(2));
        Assert.Equal("Can't lose them", rfm.Segments[2]);
        Assert.Equal("133", rfm.Code(5)); // the longest gap, but 2 purchases and 60 spent (4 customers have less of each)
        Assert.Equal("At risk", rfm.Segments[5]);
        Assert.Equal("Lost", rfm.Segments[3]); // R 1, F 1
        Assert.Equal("211", rfm.Code(9));
        Assert.Equal("Hibernating", rfm.Segments[9]);
    }

    [Fact]
    public void Every_score_combination_has_a_default_segment_and_custom_tables_apply_in_order()
    {
        for (var r = 1; r <= 5; r++)
            for (var f = 1; f <= 5; f++)
                for (var m = 1; m <= 5; m++)
                    Assert.Contains(RfmSegmentRule.Defaults, rule => rule.Matches(r, f, m));
        var values = new CustomerValues([1, 2], [5, 1], [0, 0], [0, 0], [0, 0], [10, 1]);
        // Two customers: the better one has 1 of 2 below it, so scores 1 + floor(5/2) = 3.
        var rfm = RfmScoring.Score(values, [new RfmSegmentRule("Best", 3, 5, 3, 5), new RfmSegmentRule("Everyone", 1, 5, 1, 5)]);
        Assert.Equal(["Best", "Everyone"], rfm.Segments);
        Assert.Equal(["Other", "Other"], RfmScoring.Score(values, []).Segments);
    }

    [Fact]
    public void Scores_from_four_order_statistics_equal_the_scores_of_a_full_sort()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 400; trial++)
        {
            var n = trial < 40 ? trial + 1 : random.Next(41, 20_000);
            // Continuous values, heavy ties, signed zeros and infinities, and sorted or reversed runs
            // (the inputs that make naive selection quadratic).
            var values = (trial % 5) switch
            {
                0 => Enumerable.Range(0, n).Select(_ => random.NextDouble() * 1000 - 200).ToArray(),
                1 => Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble() * 6) / 2).ToArray(),
                2 => Enumerable.Range(0, n).Select(_ => new[] { 0.0, -0.0, 1.5, double.PositiveInfinity, double.NegativeInfinity }[random.Next(5)]).ToArray(),
                3 => Enumerable.Range(0, n).Select(i => (double)i).ToArray(),
                _ => Enumerable.Range(0, n).Select(i => (double)(n - i) + (i % 3) * 0.25).ToArray(),
            };
            foreach (var higherIsBetter in new[] { true, false })
                Assert.Equal(RfmScoring.SortedScores(values, higherIsBetter), RfmScoring.SelectedScores(values, higherIsBetter));
        }
        Assert.Null(RfmScoring.SelectedScores([1, double.NaN, 3], higherIsBetter: true));
    }
}
