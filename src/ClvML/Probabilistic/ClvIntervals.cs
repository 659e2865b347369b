using ClvML.Features;
using MathNet.Numerics.LinearAlgebra;

namespace ClvML.Probabilistic;

/// <summary>
/// Per-customer intervals for P(alive), expected purchases and CLV from <b>parameter uncertainty</b>:
/// N parameter sets are drawn from each fit's asymptotic normal in log-parameter space,
/// ln(theta) ~ N(ln(theta_hat), H^-1) with H the Hessian of the total negative log-likelihood (the
/// full <c>LogCovariance</c> of the fitted model, correlations included), the transaction model's and
/// the Gamma-Gamma spend model's independently (their likelihoods are separate); every customer's
/// outputs are recomputed under each draw and the intervals are the empirical quantiles over the draws.
/// This is the asymptotic-normal counterpart of CLVTools' <c>predict(..., uncertainty = "boots")</c>
/// and of bootstrapping lifetimes' <c>conditional_expected_number_of_purchases_up_to_time</c>: it says how
/// far the customer's expected value could move were the model refitted on another sample of the same size.
/// It does <b>not</b> cover the customer's own randomness: the Poisson purchases and the spend of the
/// coming period scatter around the expectation far more than the interval shows, so realised
/// purchases or spend fall outside it often. The interval shrinks like 1/sqrt(customers in the fit).
/// </summary>
public static class ClvIntervals
{
    // Customers' groups evaluated together: draws x 3 values per group stay small enough for the cache.
    private const int BlockGroups = 64;

    /// <summary>
    /// Draws <paramref name="draws"/> parameter sets of a fitted BG/NBD, MBG/NBD or Pareto/NBD model from its
    /// asymptotic normal in log space; the same seed gives the same models.
    /// </summary>
    /// <exception cref="ArgumentException">The model carries no usable <c>LogCovariance</c> (not fitted, fitted without standard errors, or the Hessian is not positive definite) or is of an unsupported type.</exception>
    public static ITransactionModel[] DrawTransactionModels(ITransactionModel model, int draws, int seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        Func<double[], ITransactionModel> build = model switch
        {
            BgNbdModel => p => new BgNbdModel(p[0], p[1], p[2], p[3]),
            ModifiedBgNbdModel => p => new ModifiedBgNbdModel(p[0], p[1], p[2], p[3]),
            ParetoNbdModel => p => new ParetoNbdModel(p[0], p[1], p[2], p[3]),
            _ => throw new ArgumentException($"{model.Name}: parameter intervals are available for bgnbd, mbgnbd and pareto_nbd.", nameof(model)),
        };
        var covariance = model switch
        {
            BgNbdModel m => m.LogCovariance,
            ModifiedBgNbdModel m => m.LogCovariance,
            ParetoNbdModel m => m.LogCovariance,
            _ => null,
        };
        return Draw(model, covariance, draws, new Random(seed), build);
    }

    /// <summary>Draws <paramref name="draws"/> Gamma-Gamma parameter sets from the fit's asymptotic normal in log space.</summary>
    /// <exception cref="ArgumentException">The model carries no usable <see cref="GammaGammaModel.LogCovariance"/>.</exception>
    public static GammaGammaModel[] DrawSpendModels(GammaGammaModel model, int draws, int seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Draw(model, model.LogCovariance, draws, new Random(seed), p => new GammaGammaModel(p[0], p[1], p[2]));
    }

    private static T[] Draw<T>(IProbabilisticModel model, double[,]? covariance, int draws, Random random, Func<double[], T> build)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(draws, 1);
        var d = model.Parameters.Count;
        if (covariance is null || covariance.GetLength(0) != d || covariance.GetLength(1) != d)
            throw new ArgumentException($"{model.Name}: no log-parameter covariance; fit with standard errors to draw intervals.", nameof(model));
        Matrix<double> lower;
        try
        {
            lower = Matrix<double>.Build.DenseOfArray(covariance).Cholesky().Factor;
        }
        catch (ArgumentException)
        {
            throw new ArgumentException($"{model.Name}: the log-parameter covariance is not positive definite (weakly identified fit); no intervals.", nameof(model));
        }
        var centre = model.Parameters.Select(p => Math.Log(p.Value)).ToArray();
        var result = new T[draws];
        var z = new double[d];
        var p = new double[d];
        for (var n = 0; n < draws; n++)
        {
            // theta = theta_hat + L z with L L' = covariance, z standard normal: correlated draws.
            for (var i = 0; i < d; i++) z[i] = MathNet.Numerics.Distributions.Normal.Sample(random, 0, 1);
            for (var i = 0; i < d; i++)
            {
                var s = centre[i];
                for (var j = 0; j <= i; j++) s += lower[i, j] * z[j];
                p[i] = Math.Exp(s);
            }
            result[n] = build(p);
        }
        return result;
    }

    /// <summary>
    /// Point estimates and intervals for every customer.
    /// </summary>
    /// <param name="model">A fitted BG/NBD, MBG/NBD or Pareto/NBD model with its <c>LogCovariance</c>.</param>
    /// <param name="spend">The fitted Gamma-Gamma model, or null to take <paramref name="monetaryValue"/> as each customer's fixed expected spend per purchase.</param>
    /// <param name="frequency">Repeat purchases x per customer.</param>
    /// <param name="recency">t_x per customer.</param>
    /// <param name="T">T per customer.</param>
    /// <param name="monetaryValue">Mean repeat spend per customer (Gamma-Gamma's zbar), or the expected spend when <paramref name="spend"/> is null.</param>
    /// <param name="purchaseHorizon">Horizon of the expected purchases, in the data's time unit.</param>
    /// <param name="clv">CLV horizon, discount rate and margin.</param>
    /// <param name="unit">The data's time unit.</param>
    /// <param name="options">Draws, seed and quantiles.</param>
    public static CustomerIntervals Compute(ITransactionModel model, GammaGammaModel? spend, double[] frequency, double[] recency, double[] T,
        double[] monetaryValue, double purchaseHorizon, ClvSettings clv, TimeUnit unit, ClvIntervalOptions? options = null)
    {
        options ??= new ClvIntervalOptions();
        ArgumentNullException.ThrowIfNull(clv);
        var n = frequency.Length;
        if (recency.Length != n || T.Length != n || monetaryValue.Length != n)
            throw new ArgumentException("frequency, recency, T and monetaryValue need one value per customer.");
        if (!(0 <= options.Lower && options.Lower < options.Upper && options.Upper <= 1))
            throw new ArgumentOutOfRangeException(nameof(options), "need 0 <= Lower < Upper <= 1.");
        ModelArguments.Horizon(purchaseHorizon);
        var draws = options.Draws;
        var models = DrawTransactionModels(model, draws, options.Seed);
        // A stream of its own so that the transaction draws do not depend on whether spend is drawn.
        var spends = spend is null ? null : DrawSpendModels(spend, draws, unchecked(options.Seed * 31 + 17));

        var histories = DistinctHistories.Of(frequency, recency, T);
        var (first, members) = Members(histories);
        var horizons = CustomerLifetimeValue.MonthlyHorizons(clv, unit);
        var clvHorizon = clv.HorizonMonths * CustomerLifetimeValue.UnitsPerMonth(unit);
        var result = new CustomerIntervals(new double[n], new double[n], new double[n], new double[n], new double[n], new double[n],
            new double[n], new double[n], new double[n], options.Lower, options.Upper, draws);
        var blocks = (histories.Count + BlockGroups - 1) / BlockGroups;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Threads) }, () => new Scratch(draws, horizons.Length), (block, _, s) =>
        {
            for (var k = block * BlockGroups; k < Math.Min(histories.Count, (block + 1) * BlockGroups); k++)
            {
                var (x, tx, t) = (histories.Frequency[k], histories.Recency[k], histories.T[k]);
                var point = Evaluate(model, x, tx, t, horizons, clvHorizon, purchaseHorizon, clv, s.Cumulative);
                for (var d = 0; d < draws; d++)
                    (s.Alive[d], s.Expected[d], s.Discounted[d]) = Evaluate(models[d], x, tx, t, horizons, clvHorizon, purchaseHorizon, clv, s.Cumulative);
                var (aliveLow, aliveHigh) = Quantiles(s.Alive, options.Lower, options.Upper);
                var (expectedLow, expectedHigh) = Quantiles(s.Expected, options.Lower, options.Upper);
                for (var m = first[k]; m < first[k + 1]; m++)
                {
                    var i = members[m];
                    (result.PAlive[i], result.PAliveLower[i], result.PAliveUpper[i]) = (point.Alive, aliveLow, aliveHigh);
                    (result.ExpectedPurchases[i], result.ExpectedPurchasesLower[i], result.ExpectedPurchasesUpper[i]) = (point.Expected, expectedLow, expectedHigh);
                    var z = monetaryValue[i];
                    result.Clv[i] = point.Discounted * (spend is null ? z : spend.ConditionalExpectedAverageSpend(x, z)) * clv.Margin;
                    for (var d = 0; d < draws; d++)
                        s.Value[d] = s.Discounted[d] * (spends is null ? z : spends[d].ConditionalExpectedAverageSpend(x, z)) * clv.Margin;
                    (result.ClvLower[i], result.ClvUpper[i]) = Quantiles(s.Value, options.Lower, options.Upper);
                }
            }
            return s;
        }, _ => { });
        return result;
    }

    /// <summary>P(alive), expected purchases over the purchase horizon and discounted purchases over the CLV horizon, as <see cref="CustomerScores"/> computes them.</summary>
    private static (double Alive, double Expected, double Discounted) Evaluate(ITransactionModel model, double x, double tx, double t,
        double[] horizons, double clvHorizon, double purchaseHorizon, ClvSettings clv, double[] cumulative)
    {
        var alive = model.ProbabilityAlive(x, tx, t);
        model.ConditionalExpectedPurchases(horizons, x, tx, t, cumulative);
        var (discounted, overHorizon) = CustomerLifetimeValue.Discount(cumulative, clv);
        var expected = purchaseHorizon == clvHorizon ? overHorizon : model.ConditionalExpectedPurchases(purchaseHorizon, x, tx, t);
        return (alive, expected, discounted);
    }

    /// <summary>The customers of each group, contiguous: group k's are members[first[k]..first[k+1]).</summary>
    private static (int[] First, int[] Members) Members(DistinctHistories histories)
    {
        var first = new int[histories.Count + 1];
        foreach (var k in histories.Slot) first[k + 1]++;
        for (var k = 0; k < histories.Count; k++) first[k + 1] += first[k];
        var next = first[..^1];
        var members = new int[histories.Slot.Length];
        for (var i = 0; i < histories.Slot.Length; i++) members[next[histories.Slot[i]]++] = i;
        return (first, members);
    }

    /// <summary>
    /// The two quantiles with linear interpolation between order statistics (Hyndman &amp; Fan 1996 type 7, R's
    /// and numpy's default); sorts <paramref name="values"/> in place.
    /// </summary>
    internal static (double Lower, double Upper) Quantiles(double[] values, double lower, double upper)
    {
        Array.Sort(values);
        return (Quantile(values, lower), Quantile(values, upper));
    }

    private static double Quantile(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var low = (int)Math.Floor(h);
        var high = Math.Min(sorted.Length - 1, low + 1);
        return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
    }

    /// <summary>Per-thread buffers: one value per draw.</summary>
    private sealed class Scratch(int draws, int months)
    {
        public double[] Alive { get; } = new double[draws];
        public double[] Expected { get; } = new double[draws];
        public double[] Discounted { get; } = new double[draws];
        public double[] Value { get; } = new double[draws];
        public double[] Cumulative { get; } = new double[months];
    }
}
