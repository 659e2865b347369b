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
        Func<int, double> purchaseHorizon, ClvSettings clv) => Compute(model, table, expectedSpend, purchaseHorizon, clv, withClv: true);

    /// <summary>
    /// Expected purchases over <paramref name="purchaseHorizon"/> per customer only (the other
    /// columns are left 0): what a second horizon needs without recomputing CLV.
    /// </summary>
    public static double[] ExpectedPurchasesOnly(ITransactionModel model, CustomerFeatureTable table, Func<int, double> purchaseHorizon) =>
        Compute(model, table, new double[table.Count], purchaseHorizon, new ClvSettings(), withClv: false).ExpectedPurchases;

    private static CustomerScores Compute(ITransactionModel model, CustomerFeatureTable table, double[] expectedSpend,
        Func<int, double> purchaseHorizon, ClvSettings clv, bool withClv)
    {
        var n = table.Count;
        // Many customers share a history (x, t_x, T) and horizon: the model is evaluated once per
        // distinct one (a million generated customers have ~120,000), and CLV, linear in spend,
        // is scaled per customer.
        var keys = new Dictionary<(double X, double Tx, double T, double Horizon), int>();
        var slot = new int[n];
        var distinct = new List<(double X, double Tx, double T, double Horizon)>();
        for (var i = 0; i < n; i++)
        {
            var key = (table.Frequency[i], table.Recency[i], table.T[i], purchaseHorizon(i));
            if (!keys.TryGetValue(key, out var k))
            {
                k = distinct.Count;
                keys.Add(key, k);
                distinct.Add(key);
            }
            slot[i] = k;
        }
        var clvHorizon = clv.HorizonMonths * CustomerLifetimeValue.UnitsPerMonth(table.TimeUnit);
        var alive = new double[distinct.Count];
        var expected = new double[distinct.Count];
        var discounted = new double[distinct.Count];
        Parallel.For(0, distinct.Count, k =>
        {
            var (x, tx, t, horizon) = distinct[k];
            if (!withClv)
            {
                expected[k] = model.ConditionalExpectedPurchases(horizon, x, tx, t);
                return;
            }
            alive[k] = model.ProbabilityAlive(x, tx, t);
            var (discountedPurchases, overHorizon) = CustomerLifetimeValue.DiscountedPurchases(model, x, tx, t, clv, table.TimeUnit);
            discounted[k] = discountedPurchases;
            // Scoring asks for purchases over the CLV horizon, which the monthly steps have just reached.
            expected[k] = horizon == clvHorizon ? overHorizon : model.ConditionalExpectedPurchases(horizon, x, tx, t);
        });
        var scores = new CustomerScores(new double[n], new double[n], new double[n], new double[n]);
        for (var i = 0; i < n; i++)
        {
            var k = slot[i];
            scores.PAlive[i] = alive[k];
            scores.ExpectedPurchases[i] = expected[k];
            var value = discounted[k] * expectedSpend[i] * clv.Margin;
            scores.Clv[i] = value;
            scores.NetClv[i] = value - discounted[k] * clv.ServiceCostPerOrder - clv.AcquisitionCost;
        }
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
