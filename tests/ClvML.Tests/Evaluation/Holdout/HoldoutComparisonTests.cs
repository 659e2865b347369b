using ClvML.Evaluation.Holdout;
using ClvML.Features;
using ClvML.Probabilistic;

namespace ClvML.Tests.Evaluation.Holdout;

/// <summary>The forecasts the leaderboard compares: transaction model x spend, and the practitioners' formulas.</summary>
public sealed class HoldoutComparisonTests
{
    [Fact]
    public void Transaction_model_spend_is_conditional_purchases_times_spend_per_purchase()
    {
        var table = Table(t: [39, 39, 30], holdout: 39);
        var model = new BgNbdModel(0.243, 4.414, 0.793, 2.426);
        var spend = new GammaGammaModel(6.25, 3.74, 15.44);
        var prediction = HoldoutComparison.TransactionModel(model, spend, table);
        Assert.Equal(ModelKinds.Probabilistic, prediction.Kind);
        for (var i = 0; i < table.Count; i++)
        {
            var purchases = model.ConditionalExpectedPurchases(39, table.Frequency[i], table.Recency[i], table.T[i]);
            Assert.Equal(purchases, prediction.Purchases![i], 12);
            Assert.Equal(purchases * spend.ConditionalExpectedAverageSpend(table.Frequency[i], table.MonetaryValue[i]), prediction.Spend[i], 9);
        }
    }

    /// <summary>CDNOW's shape: every cohort is 26 to 39 weeks old and the holdout 39 weeks long, so no customer is a
    /// whole holdout old; retention is then estimated over a shorter period and scaled, and every formula stays finite.</summary>
    [Fact]
    public void Formulas_are_finite_when_the_holdout_is_longer_than_every_customers_age()
    {
        var table = Table(t: [26, 30, 35, 38.9], holdout: 39);
        var predictions = HoldoutComparison.Formulas(table, ["a", "a", "b", "b"], new ClvSettings());
        Assert.Equal(["historic_average", "value_frequency_lifespan", "segment_retention"], predictions.Select(p => p.Name));
        Assert.All(predictions, p => Assert.All(p.Spend, v => Assert.True(double.IsFinite(v) && v >= 0)));
    }

    private static CustomerFeatureTable Table(double[] t, double holdout)
    {
        var n = t.Length;
        double[] frequency = [.. Enumerable.Range(0, n).Select(i => (double)(i % 3))];
        double[] recency = [.. Enumerable.Range(0, n).Select(i => frequency[i] > 0 ? t[i] - 2 : 0)];
        double[] monetary = [.. frequency.Select(f => f > 0 ? 20.0 : 0)];
        var rfm = new RfmColumns(new int[n], [.. frequency.Select(f => (int)f + 1)], [.. frequency.Select(f => 25 + 20 * f)], new double[n], new int[n],
            new DateOnly[n], new DateOnly[n]);
        return new CustomerFeatureTable([.. Enumerable.Range(0, n).Select(i => $"c{i}")], frequency, recency, t, monetary, TimeUnit.Week,
            new FeatureWindow(null, null, null, null), rfm, new HoldoutColumns(new double[n], new double[n], [.. Enumerable.Repeat(holdout, n)]));
    }
}
