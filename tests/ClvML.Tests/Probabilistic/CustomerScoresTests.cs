using ClvML.Configuration;
using ClvML.Features;
using ClvML.Probabilistic;

namespace ClvML.Tests.Probabilistic;

/// <summary>
/// Scores computed once per distinct history and spread to customers: the grouping is the one a
/// dictionary keyed by (x, t_x, T, horizon) gives, and the numbers are the one-customer-at-a-time
/// numbers bit for bit, whatever the number of threads.
/// </summary>
public sealed class CustomerScoresTests
{
    // BG/NBD fitted to CDNOW (Fader, Hardie & Lee 2005).
    private static readonly BgNbdModel Cdnow = new(0.243, 4.414, 0.793, 2.426);
    private static readonly ClvSettings Clv = new() { HorizonMonths = 12, DiscountRate = 0.01, Margin = 0.3, AcquisitionCost = 5, ServiceCostPerOrder = 0.5 };

    /// <summary>Histories on a weekly grid with many repeats, as generated customers have; -0 appears where 0 does.</summary>
    private static (double[] X, double[] Tx, double[] T) Histories(int n, int seed)
    {
        var random = new Random(seed);
        var (x, tx, t) = (new double[n], new double[n], new double[n]);
        for (var i = 0; i < n; i++)
        {
            t[i] = random.Next(7, 420) / 7.0;
            x[i] = random.Next(0, 6);
            tx[i] = x[i] == 0 ? (random.Next(2) == 0 ? 0.0 : -0.0) : Math.Min(t[i], random.Next(0, 420) / 7.0);
        }
        return (x, tx, t);
    }

    [Fact]
    public void Customers_are_grouped_as_a_dictionary_of_their_history_and_horizon_groups_them()
    {
        var (x, tx, t) = Histories(20_000, seed: 3);
        Func<int, double> horizon = i => 26 + i % 3;
        var histories = DistinctHistories.Of(x, tx, t, horizon);

        var reference = new Dictionary<(double, double, double, double), int>();
        var first = new List<int>();
        for (var i = 0; i < x.Length; i++)
        {
            var key = (x[i], tx[i], t[i], horizon(i));
            if (!reference.TryGetValue(key, out var k)) { reference.Add(key, k = first.Count); first.Add(i); }
            Assert.Equal(k, histories.Slot[i]);
        }
        Assert.Equal(first.Count, histories.Count);
        for (var k = 0; k < first.Count; k++)
        {
            // A group keeps its first customer's values bit for bit (-0 stays -0 when it came first).
            Assert.Equal(BitConverter.DoubleToInt64Bits(tx[first[k]]), BitConverter.DoubleToInt64Bits(histories.Recency[k]));
            Assert.Equal(horizon(first[k]), histories.Horizon![k]);
        }
        // Without horizons the same customers group by history alone: fewer, larger groups.
        var byHistory = DistinctHistories.Of(x, tx, t);
        Assert.Null(byHistory.Horizon);
        Assert.Equal(reference.Keys.Select(k => (k.Item1, k.Item2 + 0.0, k.Item3)).Distinct().Count(), byHistory.Count);
    }

    [Fact]
    public void Scores_are_the_one_customer_at_a_time_values_bit_for_bit_on_one_thread_or_many()
    {
        var (x, tx, t) = Histories(30_000, seed: 11);
        var spend = x.Select((v, i) => 10 + v * 3.5 + i % 17).ToArray();
        const double Horizon = 12 * 4.345;
        var histories = DistinctHistories.Of(x, tx, t);
        var one = CustomerScores.Spread(CustomerScores.OfGroups(Cdnow, histories, Horizon, Clv, TimeUnit.Week, threads: 1), spend, Clv, threads: 1);
        var holdoutOne = CustomerScores.Spread(histories, CustomerScores.ExpectedPurchasesOfGroups(Cdnow, histories, 39, threads: 1), threads: 1);
        foreach (var threads in (int[])[2, 8])
        {
            var many = CustomerScores.Spread(CustomerScores.OfGroups(Cdnow, histories, Horizon, Clv, TimeUnit.Week, threads), spend, Clv, threads);
            Assert.Equal(Bits(one.PAlive), Bits(many.PAlive));
            Assert.Equal(Bits(one.ExpectedPurchases), Bits(many.ExpectedPurchases));
            Assert.Equal(Bits(one.Clv), Bits(many.Clv));
            Assert.Equal(Bits(one.NetClv), Bits(many.NetClv));
            Assert.Equal(Bits(holdoutOne), Bits(CustomerScores.Spread(histories, CustomerScores.ExpectedPurchasesOfGroups(Cdnow, histories, 39, threads), threads)));
        }
        for (var i = 0; i < x.Length; i += 97)
        {
            var value = CustomerLifetimeValue.Compute(Cdnow, x[i], tx[i], t[i], spend[i], Clv, TimeUnit.Week);
            Assert.Equal(Cdnow.ProbabilityAlive(x[i], tx[i], t[i]), one.PAlive[i]);
            Assert.Equal(value.ExpectedOrders, one.ExpectedPurchases[i]);
            Assert.Equal(value.Clv, one.Clv[i]);
            Assert.Equal(value.NetClv, one.NetClv[i]);
            Assert.Equal(Cdnow.ConditionalExpectedPurchases(39, x[i], tx[i], t[i]), holdoutOne[i]);
        }
        // BG/NBD: a customer without repeat purchases is alive.
        Assert.Equal(1.0, one.PAlive[Array.FindIndex(x, v => v == 0)]);
    }

    private static long[] Bits(double[] values) => [.. values.Select(BitConverter.DoubleToInt64Bits)];
}
