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

    public static TheoryData<string> Models => ["bgnbd", "mbgnbd", "pareto_nbd"];

    // BG/NBD and MBG/NBD split their forecasts into an (x, T) part and P(alive); Pareto/NBD goes one history at a time.
    private static ITransactionModel Model(string name) => name switch
    {
        "bgnbd" => Cdnow,
        "mbgnbd" => new ModifiedBgNbdModel(0.525, 6.183, 0.891, 1.614),
        _ => new ParetoNbdModel(0.553, 10.578, 0.606, 11.669),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Scores_are_the_one_customer_at_a_time_values_bit_for_bit_on_one_thread_or_many(string name)
    {
        var model = Model(name);
        var (x, tx, t) = Histories(30_000, seed: 11);
        var spend = x.Select((v, i) => 10 + v * 3.5 + i % 17).ToArray();
        const double Horizon = 12 * 4.345;
        var histories = DistinctHistories.Of(x, tx, t);
        var groupsOne = CustomerScores.OfGroups(model, histories, Horizon, Clv, TimeUnit.Week, threads: 1);
        var one = CustomerScores.Spread(groupsOne, spend, Clv, threads: 1);
        var holdoutOne = CustomerScores.Spread(histories, CustomerScores.ExpectedPurchasesOfGroups(model, groupsOne, 39, threads: 1), threads: 1);
        foreach (var threads in (int[])[2, 8])
        {
            var groups = CustomerScores.OfGroups(model, histories, Horizon, Clv, TimeUnit.Week, threads);
            var many = CustomerScores.Spread(groups, spend, Clv, threads);
            Assert.Equal(Bits(one.PAlive), Bits(many.PAlive));
            Assert.Equal(Bits(one.ExpectedPurchases), Bits(many.ExpectedPurchases));
            Assert.Equal(Bits(one.Clv), Bits(many.Clv));
            Assert.Equal(Bits(one.NetClv), Bits(many.NetClv));
            Assert.Equal(Bits(holdoutOne), Bits(CustomerScores.Spread(histories, CustomerScores.ExpectedPurchasesOfGroups(model, groups, 39, threads), threads)));
            // The holdout horizon from the groups' shared parts equals the one-at-a-time form over the same groups.
            Assert.Equal(Bits(holdoutOne), Bits(CustomerScores.Spread(histories, CustomerScores.ExpectedPurchasesOfGroups(model, histories, 39, threads), threads)));
        }
        for (var i = 0; i < x.Length; i += 97)
        {
            var value = CustomerLifetimeValue.Compute(model, x[i], tx[i], t[i], spend[i], Clv, TimeUnit.Week);
            Assert.Equal(model.ProbabilityAlive(x[i], tx[i], t[i]), one.PAlive[i]);
            Assert.Equal(value.ExpectedOrders, one.ExpectedPurchases[i]);
            Assert.Equal(value.Clv, one.Clv[i]);
            Assert.Equal(value.NetClv, one.NetClv[i]);
            Assert.Equal(model.ConditionalExpectedPurchases(39, x[i], tx[i], t[i]), holdoutOne[i]);
        }
    }

    [Fact]
    public void The_published_customer_expects_its_published_purchases_from_the_shared_parts()
    {
        // FHL 2005 section 4: x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in the next 39 weeks
        // (at the paper's rounded parameters too, to 3 decimals); a customer without repeat purchases is alive.
        var histories = DistinctHistories.Of([0.0, 2, 0.0], [0.0, 30.43, 0.0], [38.86, 38.86, 38.86]);
        var groups = CustomerScores.OfGroups(Cdnow, histories, 39, Clv, TimeUnit.Week, threads: 2);
        Assert.Equal(2, histories.Count);
        Assert.Equal(1.0, groups.PAlive[0]);
        Assert.Equal(1.226, CustomerScores.ExpectedPurchasesOfGroups(Cdnow, groups, 39, threads: 2)[1], 0.001);
    }

    private static long[] Bits(double[] values) => [.. values.Select(BitConverter.DoubleToInt64Bits)];
}
