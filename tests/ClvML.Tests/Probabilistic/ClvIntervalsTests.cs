using ClvML.Features;
using ClvML.Probabilistic;

namespace ClvML.Tests.Probabilistic;

/// <summary>
/// Parameter-uncertainty intervals (<see cref="ClvIntervals"/>) on customers simulated from known
/// BG/NBD and Gamma-Gamma parameters (FHL 2005's CDNOW estimates r = 0.243, alpha = 4.414, a = 0.793,
/// b = 2.426; Fader &amp; Hardie 2013's p = 6.25, q = 3.74, gamma = 15.44), so every interval's target is known.
/// </summary>
public sealed class ClvIntervalsTests
{
    private static readonly BgNbdModel Truth = new(0.243, 4.414, 0.793, 2.426);
    private static readonly GammaGammaModel SpendTruth = new(6.25, 3.74, 15.44);
    private static readonly ClvSettings Clv = new() { HorizonMonths = 12, DiscountRate = 0.01 };

    // Reference customers (x, t_x, T, mean repeat spend): one-timer, FHL's x = 2 customer, a lapsed and a frequent one.
    private static readonly double[] RefX = [0, 2, 3, 10];
    private static readonly double[] RefTx = [0, 30.43, 5, 35];
    private static readonly double[] RefT = [38.86, 38.86, 38.86, 38.86];
    private static readonly double[] RefZ = [0, 35, 20, 50];

    private static (BgNbdModel Model, GammaGammaModel Spend) Fit(int customers, int seed)
    {
        var ages = Enumerable.Range(0, customers).Select(i => 27.0 + 12.0 * i / customers).ToArray();
        var data = Truth.Simulate(ages, seed);
        var model = new BgNbd().Fit(data.Frequency, data.Recency, data.T);
        var spend = new GammaGamma().Fit(data.Frequency, SpendTruth.Simulate(data.Frequency, seed + 1));
        return (model, spend);
    }

    private static double TrueClv(int i)
    {
        var (discounted, _) = CustomerLifetimeValue.DiscountedPurchases(Truth, RefX[i], RefTx[i], RefT[i], Clv, TimeUnit.Week);
        return discounted * SpendTruth.ConditionalExpectedAverageSpend(RefX[i], RefZ[i]) * Clv.Margin;
    }

    /// <summary>
    /// Design: 200 independent data sets of 2,000 customers each are simulated from the known parameters
    /// and fitted; from each fit, 90% intervals (200 draws) are formed for quantities whose true values follow
    /// from the true parameters: the population's E[X(52)], and for the reference customers P(alive), expected
    /// purchases over 52 weeks and CLV (true BG/NBD and Gamma-Gamma parameters at the same history). Calibrated
    /// intervals cover each in 90% of data sets; with 200 data sets the binomial standard error is 2.1 points, so
    /// 85-95% is a +-2.4 SE band that a calibrated interval meets with probability ~0.98 and that an interval
    /// missing the diagonal-only correlations or the spend uncertainty would miss. Seeds are fixed, so the
    /// figures are the same on every run. (x = 0 customers have P(alive) = 1 under every parameter set and are skipped there.)
    /// </summary>
    [Fact]
    public void Ninety_percent_intervals_cover_the_true_values_in_85_to_95_percent_of_simulated_data_sets()
    {
        const int sets = 200;
        var population = 0;
        var alive = new int[RefX.Length];
        var purchases = new int[RefX.Length];
        var value = new int[RefX.Length];
        var trueE = Truth.ExpectedPurchases(52);
        for (var s = 0; s < sets; s++)
        {
            var (model, spend) = Fit(2000, 1000 + 2 * s);
            var drawn = ClvIntervals.DrawTransactionModels(model, 200, seed: s).Select(m => m.ExpectedPurchases(52)).ToArray();
            var (low, high) = ClvIntervals.Quantiles(drawn, 0.05, 0.95);
            if (low <= trueE && trueE <= high) population++;
            var intervals = ClvIntervals.Compute(model, spend, RefX, RefTx, RefT, RefZ, 52, Clv, TimeUnit.Week,
                new ClvIntervalOptions { Draws = 200, Seed = s });
            for (var i = 0; i < RefX.Length; i++)
            {
                var a = Truth.ProbabilityAlive(RefX[i], RefTx[i], RefT[i]);
                if (intervals.PAliveLower[i] <= a && a <= intervals.PAliveUpper[i]) alive[i]++;
                var e = Truth.ConditionalExpectedPurchases(52, RefX[i], RefTx[i], RefT[i]);
                if (intervals.ExpectedPurchasesLower[i] <= e && e <= intervals.ExpectedPurchasesUpper[i]) purchases[i]++;
                var c = TrueClv(i);
                if (intervals.ClvLower[i] <= c && c <= intervals.ClvUpper[i]) value[i]++;
            }
        }
        var report = $"E[X(52)] {population}/{sets}; P(alive) {string.Join(",", alive)}; E[Y(52)] {string.Join(",", purchases)}; CLV {string.Join(",", value)}";
        TestContext.Current.TestOutputHelper?.WriteLine("coverage: " + report);
        Assert.InRange(population / (double)sets, 0.85, 0.95);
        for (var i = 0; i < RefX.Length; i++)
        {
            if (RefX[i] > 0) Assert.InRange(alive[i] / (double)sets, 0.85, 0.95);
            Assert.InRange(purchases[i] / (double)sets, 0.85, 0.95);
            Assert.InRange(value[i] / (double)sets, 0.85, 0.95);
        }
    }

    [Fact]
    public void Intervals_shrink_like_one_over_the_root_of_the_customers_fitted()
    {
        // 16 times the customers: asymptotically a quarter of the width.
        var (small, smallSpend) = Fit(1000, 7);
        var (large, largeSpend) = Fit(16000, 9);
        var narrow = ClvIntervals.Compute(large, largeSpend, RefX, RefTx, RefT, RefZ, 52, Clv, TimeUnit.Week);
        var wide = ClvIntervals.Compute(small, smallSpend, RefX, RefTx, RefT, RefZ, 52, Clv, TimeUnit.Week);
        for (var i = 0; i < RefX.Length; i++)
        {
            var ratio = (wide.ClvUpper[i] - wide.ClvLower[i]) / (narrow.ClvUpper[i] - narrow.ClvLower[i]);
            Assert.InRange(ratio, 2.5, 6.5);
            ratio = (wide.ExpectedPurchasesUpper[i] - wide.ExpectedPurchasesLower[i]) / (narrow.ExpectedPurchasesUpper[i] - narrow.ExpectedPurchasesLower[i]);
            Assert.InRange(ratio, 2.5, 6.5);
        }
    }

    [Fact]
    public void A_seed_fixes_the_draws_and_another_seed_changes_them()
    {
        var (model, spend) = Fit(2000, 3);
        var first = ClvIntervals.Compute(model, spend, RefX, RefTx, RefT, RefZ, 52, Clv, TimeUnit.Week, new ClvIntervalOptions { Seed = 5 });
        var again = ClvIntervals.Compute(model, spend, RefX, RefTx, RefT, RefZ, 52, Clv, TimeUnit.Week, new ClvIntervalOptions { Seed = 5, Threads = 1 });
        var other = ClvIntervals.Compute(model, spend, RefX, RefTx, RefT, RefZ, 52, Clv, TimeUnit.Week, new ClvIntervalOptions { Seed = 6 });
        Assert.Equal(first.ClvLower, again.ClvLower);
        Assert.Equal(first.ClvUpper, again.ClvUpper);
        Assert.Equal(first.ExpectedPurchasesUpper, again.ExpectedPurchasesUpper);
        Assert.Equal(first.PAliveLower, again.PAliveLower);
        Assert.NotEqual(first.ClvUpper[1], other.ClvUpper[1]);
        Assert.Equal(first.Clv, other.Clv);
    }

    [Fact]
    public void Point_estimates_lie_inside_their_intervals_and_equal_the_direct_computation()
    {
        var (model, spend) = Fit(3000, 11);
        var ages = Enumerable.Range(0, 5000).Select(i => 20.0 + i % 20).ToArray();
        var data = Truth.Simulate(ages, seed: 99);
        var z = SpendTruth.Simulate(data.Frequency, seed: 100);
        var r = ClvIntervals.Compute(model, spend, data.Frequency, data.Recency, data.T, z, 26, Clv, TimeUnit.Week);
        for (var i = 0; i < ages.Length; i++)
        {
            Assert.InRange(r.PAlive[i], r.PAliveLower[i] - 1e-12, r.PAliveUpper[i] + 1e-12);
            Assert.InRange(r.ExpectedPurchases[i], r.ExpectedPurchasesLower[i], r.ExpectedPurchasesUpper[i]);
            Assert.InRange(r.Clv[i], r.ClvLower[i], r.ClvUpper[i]);
            Assert.True(r.ClvUpper[i] > r.ClvLower[i]);
        }
        foreach (var i in new[] { 0, 17, 4321 })
        {
            var (x, tx, t) = (data.Frequency[i], data.Recency[i], data.T[i]);
            Assert.Equal(model.ProbabilityAlive(x, tx, t), r.PAlive[i], 12);
            Assert.Equal(model.ConditionalExpectedPurchases(26, x, tx, t), r.ExpectedPurchases[i], 10);
            var value = CustomerLifetimeValue.Compute(model, x, tx, t, spend.ConditionalExpectedAverageSpend(x, z[i]), Clv, TimeUnit.Week);
            Assert.Equal(value.Clv, r.Clv[i], 9);
        }
    }

    [Fact]
    public void Fits_carry_the_log_parameter_covariance_behind_their_standard_errors()
    {
        var (model, spend) = Fit(2000, 13);
        var cov = model.LogCovariance!;
        var parameters = model.Parameters.ToArray();
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(model.StandardErrors![parameters[i].Key], parameters[i].Value * Math.Sqrt(cov[i, i]), 12);
            for (var j = 0; j < 4; j++) Assert.Equal(cov[i, j], cov[j, i], 10);
        }
        // r and alpha are strongly correlated in BG/NBD fits: the draws must keep it.
        Assert.True(cov[0, 1] / Math.Sqrt(cov[0, 0] * cov[1, 1]) > 0.5);
        Assert.Equal(spend.StandardErrors!["q"], spend.Q * Math.Sqrt(spend.LogCovariance![1, 1]), 12);
        var unfitted = new BgNbdModel(0.2, 4, 0.8, 2.4);
        Assert.Throws<ArgumentException>(() => ClvIntervals.DrawTransactionModels(unfitted, 10, 0));
    }
}
