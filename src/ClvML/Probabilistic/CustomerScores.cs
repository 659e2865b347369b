using ClvML.Configuration;
using ClvML.Features;

namespace ClvML.Probabilistic;

/// <summary>Per-customer outputs of a transaction model with a spend model, in table row order.</summary>
/// <param name="PAlive">P(alive) at the calibration end (or the scoring date).</param>
/// <param name="ExpectedPurchases">Expected purchases over each customer's horizon.</param>
/// <param name="Clv">Discounted CLV over <c>clv.horizon_months</c>.</param>
/// <param name="NetClv">CLV net of acquisition and service costs.</param>
public sealed record CustomerScores(double[] PAlive, double[] ExpectedPurchases, double[] Clv, double[] NetClv)
{
    /// <summary>
    /// Scores every customer of <paramref name="table"/>; the one computation training (holdout
    /// columns) and batch scoring (fresh data) share, so the same history gives the same numbers.
    /// </summary>
    /// <param name="model">The fitted transaction model.</param>
    /// <param name="table">Customers' (x, t_x, T).</param>
    /// <param name="expectedSpend">Expected spend per purchase per customer (<see cref="ExpectedSpend"/>).</param>
    /// <param name="purchaseHorizon">Horizon of <see cref="ExpectedPurchases"/> per customer, in the table's time unit.</param>
    /// <param name="clv">CLV horizon, discount rate, margin and costs.</param>
    public static CustomerScores Compute(ITransactionModel model, CustomerFeatureTable table, double[] expectedSpend,
        Func<int, double> purchaseHorizon, ClvSettings clv)
    {
        var n = table.Count;
        var scores = new CustomerScores(new double[n], new double[n], new double[n], new double[n]);
        Parallel.For(0, n, i =>
        {
            var (x, tx, t) = (table.Frequency[i], table.Recency[i], table.T[i]);
            scores.PAlive[i] = model.ProbabilityAlive(x, tx, t);
            scores.ExpectedPurchases[i] = model.ConditionalExpectedPurchases(purchaseHorizon(i), x, tx, t);
            var value = CustomerLifetimeValue.Compute(model, x, tx, t, expectedSpend[i], clv, table.TimeUnit);
            scores.Clv[i] = value.Clv;
            scores.NetClv[i] = value.NetClv;
        });
        return scores;
    }
}

/// <summary>Expected spend per purchase for every customer.</summary>
public static class ExpectedSpend
{
    /// <summary>
    /// Gamma-Gamma's conditional expected average spend when a spend model is given; otherwise each
    /// customer's own mean repeat spend, and the mean of those for customers without repeat
    /// purchases (the fallback when no spend model could be fitted).
    /// </summary>
    public static double[] Compute(GammaGammaModel? spendModel, CustomerFeatureTable table)
    {
        var spend = new double[table.Count];
        if (spendModel is not null)
        {
            spendModel.ConditionalExpectedAverageSpend(table.Frequency, table.MonetaryValue, spend);
            return spend;
        }
        var repeat = Enumerable.Range(0, table.Count).Where(i => table.Frequency[i] > 0 && table.MonetaryValue[i] > 0).ToArray();
        var mean = repeat.Length > 0 ? repeat.Average(i => table.MonetaryValue[i]) : 0.0;
        for (var i = 0; i < spend.Length; i++) spend[i] = table.Frequency[i] > 0 && table.MonetaryValue[i] > 0 ? table.MonetaryValue[i] : mean;
        return spend;
    }
}
