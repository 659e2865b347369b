using ClvML.Configuration;
using ClvML.Features;
using ClvML.Numerics;

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
        // Many customers share a history (x, t_x, T) and horizon: the model is evaluated once per
        // distinct one (a million generated customers have ~390,000), and CLV, linear in spend,
        // is scaled per customer.
        var histories = DistinctHistories.Of(table.Frequency, table.Recency, table.T, purchaseHorizon);
        var groups = OfGroups(model, histories, horizon: 0, clv, table.TimeUnit, Environment.ProcessorCount);
        return Spread(groups, expectedSpend, clv, Environment.ProcessorCount);
    }

    /// <summary>
    /// Expected purchases over <paramref name="purchaseHorizon"/> per customer only: what a second
    /// horizon needs without recomputing CLV.
    /// </summary>
    public static double[] ExpectedPurchasesOnly(ITransactionModel model, CustomerFeatureTable table, Func<int, double> purchaseHorizon)
    {
        var histories = DistinctHistories.Of(table.Frequency, table.Recency, table.T, purchaseHorizon);
        return Spread(histories, ExpectedPurchasesOfGroups(model, histories, horizon: 0, Environment.ProcessorCount), Environment.ProcessorCount);
    }

    /// <summary>
    /// P(alive), expected purchases over the horizon and discounted purchases of every group of
    /// <paramref name="histories"/>, the horizon being each group's own or, when the grouping ignored
    /// horizons, <paramref name="horizon"/>. Groups are evaluated in fixed chunks on up to
    /// <paramref name="threads"/> threads; each value depends only on its group, so the numbers are
    /// the same bit for bit whatever the thread count.
    /// </summary>
    internal static GroupScores OfGroups(ITransactionModel model, DistinctHistories histories, double horizon, ClvSettings clv, TimeUnit unit, int threads)
    {
        var clvHorizon = clv.HorizonMonths * CustomerLifetimeValue.UnitsPerMonth(unit);
        var alive = new double[histories.Count];
        var expected = new double[histories.Count];
        var discounted = new double[histories.Count];
        var sharedModel = model as ISharedForecastModel;
        var horizons = CustomerLifetimeValue.MonthlyHorizons(clv, unit);
        var shared = sharedModel is null ? null : SharedForecasts.Of(sharedModel, histories, horizons, threads);
        RowChunks.For(histories.Count, threads, (_, start, end) =>
        {
            var cumulative = new double[horizons.Length];
            for (var k = start; k < end; k++)
            {
                var (x, tx, t, h) = (histories.Frequency[k], histories.Recency[k], histories.T[k], histories.Horizon?[k] ?? horizon);
                alive[k] = model.ProbabilityAlive(x, tx, t);
                // The monthly forecasts as CustomerLifetimeValue.DiscountedPurchases makes them, the
                // (x, T) half taken from the pair's when the model splits its forecast so.
                if (shared is not null && shared.Usable[shared.Pairs.Slot[k]])
                    sharedModel!.ForecastFromShared(horizons, shared.MonthlyOf(shared.Pairs.Slot[k]), x, alive[k], cumulative);
                else model.ConditionalExpectedPurchases(horizons, x, tx, t, cumulative);
                var (discountedPurchases, overHorizon) = CustomerLifetimeValue.Discount(cumulative, clv);
                discounted[k] = discountedPurchases;
                // Scoring asks for purchases over the CLV horizon, which the monthly steps have just reached.
                expected[k] = h == clvHorizon ? overHorizon : model.ConditionalExpectedPurchases(h, x, tx, t);
            }
        });
        return new GroupScores(histories, alive, expected, discounted, shared);
    }

    /// <summary>
    /// Expected purchases of every group over <paramref name="horizon"/> (a second horizon for all
    /// customers, such as the training holdout's length), from the groups' P(alive) and, for a model
    /// that splits its forecast, the (x, T) pairs' shared parts.
    /// </summary>
    internal static double[] ExpectedPurchasesOfGroups(ITransactionModel model, GroupScores groups, double horizon, int threads)
    {
        if (model is not ISharedForecastModel sharedModel || groups.Shared is not { } shared || groups.Histories.Horizon is not null || !(horizon > 0))
            return ExpectedPurchasesOfGroups(model, groups.Histories, horizon, threads);
        ModelArguments.Horizon(horizon);
        var perPair = shared.AtHorizon(sharedModel, horizon, threads);
        var expected = new double[groups.Histories.Count];
        RowChunks.For(expected.Length, threads, (_, start, end) =>
        {
            for (var k = start; k < end; k++) expected[k] = perPair[shared.Pairs.Slot[k]] * groups.PAlive[k];
        });
        return expected;
    }

    /// <summary>Expected purchases of every group over its own horizon or <paramref name="horizon"/> (as <see cref="OfGroups"/>).</summary>
    internal static double[] ExpectedPurchasesOfGroups(ITransactionModel model, DistinctHistories histories, double horizon, int threads)
    {
        var expected = new double[histories.Count];
        RowChunks.For(histories.Count, threads, (_, start, end) =>
        {
            for (var k = start; k < end; k++)
                expected[k] = model.ConditionalExpectedPurchases(histories.Horizon?[k] ?? horizon, histories.Frequency[k], histories.Recency[k], histories.T[k]);
        });
        return expected;
    }

    /// <summary>Every customer's scores from its group's, CLV scaled by its own expected spend.</summary>
    internal static CustomerScores Spread(GroupScores groups, double[] expectedSpend, ClvSettings clv, int threads)
    {
        var slot = groups.Histories.Slot;
        var scores = new CustomerScores(new double[slot.Length], new double[slot.Length], new double[slot.Length], new double[slot.Length]);
        RowChunks.For(slot.Length, threads, (_, start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                var k = slot[i];
                scores.PAlive[i] = groups.PAlive[k];
                scores.ExpectedPurchases[i] = groups.ExpectedPurchases[k];
                var value = groups.Discounted[k] * expectedSpend[i] * clv.Margin;
                scores.Clv[i] = value;
                scores.NetClv[i] = value - groups.Discounted[k] * clv.ServiceCostPerOrder - clv.AcquisitionCost;
            }
        });
        return scores;
    }

    /// <summary>Every customer's value from its group's.</summary>
    internal static double[] Spread(DistinctHistories histories, double[] ofGroups, int threads)
    {
        var slot = histories.Slot;
        var values = new double[slot.Length];
        RowChunks.For(slot.Length, threads, (_, start, end) =>
        {
            for (var i = start; i < end; i++) values[i] = ofGroups[slot[i]];
        });
        return values;
    }
}

/// <summary>A transaction model's outputs per group of customers with the same history (<see cref="DistinctHistories"/>).</summary>
/// <param name="Histories">The groups and each customer's group.</param>
/// <param name="PAlive">P(alive) per group.</param>
/// <param name="ExpectedPurchases">Expected purchases over the horizon per group.</param>
/// <param name="Discounted">Discounted expected purchases over the CLV horizon per group; CLV is this times spend times margin.</param>
/// <param name="Shared">The (x, T) halves of the forecasts when the model splits them (<see cref="ISharedForecastModel"/>).</param>
internal sealed record GroupScores(DistinctHistories Histories, double[] PAlive, double[] ExpectedPurchases, double[] Discounted, SharedForecasts? Shared = null);

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
