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
        // Histories grouped again by (x, T): the models' costly series depends on x and T only (ISharedForecastModel)
        // and is summed once per pair and draw; each history then needs only its P(alive).
        var pairs = DistinctHistories.Of(histories.Frequency, new double[histories.Count], histories.T);
        var (pairFirst, pairGroups) = Members(pairs);
        var horizons = CustomerLifetimeValue.MonthlyHorizons(clv, unit);
        var clvHorizon = clv.HorizonMonths * CustomerLifetimeValue.UnitsPerMonth(unit);
        var result = new CustomerIntervals(new double[n], new double[n], new double[n], new double[n], new double[n], new double[n],
            new double[n], new double[n], new double[n], options.Lower, options.Upper, draws);
        // Index draws is the fitted model itself: the point estimates go through the same code as the draws.
        var all = new ITransactionModel[draws + 1];
        models.CopyTo(all, 0);
        all[draws] = model;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Threads) };
        Parallel.For(0, pairs.Count, parallel, () => new Scratch(draws + 1, horizons.Length), (pair, _, s) =>
        {
            var (x, t) = (pairs.Frequency[pair], pairs.T[pair]);
            var months = horizons.Length;
            for (var d = 0; d <= draws; d++)
            {
                s.Usable[d] = all[d] is ISharedForecastModel shared && shared.TrySharedForecast(horizons, x, t, s.Shared.AsSpan(d * months, months));
                s.SharedAtHorizon[d] = s.Usable[d] && purchaseHorizon > 0 && purchaseHorizon != clvHorizon
                    ? ((ISharedForecastModel)all[d]).SharedForecast(purchaseHorizon, x, t) : 0;
            }
            for (var g = pairFirst[pair]; g < pairFirst[pair + 1]; g++)
            {
                var k = pairGroups[g];
                var tx = histories.Recency[k];
                for (var d = 0; d <= draws; d++)
                {
                    var m = all[d];
                    var alive = m.ProbabilityAlive(x, tx, t);
                    // As CustomerScores computes them: the monthly forecasts from the pair's shared part where the model has one.
                    if (s.Usable[d]) ((ISharedForecastModel)m).ForecastFromShared(horizons, s.Shared.AsSpan(d * months, months), x, alive, s.Cumulative);
                    else m.ConditionalExpectedPurchases(horizons, x, tx, t, s.Cumulative);
                    var (discounted, overHorizon) = CustomerLifetimeValue.Discount(s.Cumulative, clv);
                    s.Alive[d] = alive;
                    s.Discounted[d] = discounted;
                    s.Expected[d] = purchaseHorizon == clvHorizon ? overHorizon
                        : purchaseHorizon == 0 ? 0
                        : s.Usable[d] ? s.SharedAtHorizon[d] * alive
                        : m.ConditionalExpectedPurchases(purchaseHorizon, x, tx, t);
                }
                var (pointAlive, pointExpected, pointDiscounted) = (s.Alive[draws], s.Expected[draws], s.Discounted[draws]);
                var (aliveLow, aliveHigh) = Quantiles(s.Alive.AsSpan(0, draws), options.Lower, options.Upper);
                var (expectedLow, expectedHigh) = Quantiles(s.Expected.AsSpan(0, draws), options.Lower, options.Upper);
                for (var c = first[k]; c < first[k + 1]; c++)
                {
                    var i = members[c];
                    (result.PAlive[i], result.PAliveLower[i], result.PAliveUpper[i]) = (pointAlive, aliveLow, aliveHigh);
                    (result.ExpectedPurchases[i], result.ExpectedPurchasesLower[i], result.ExpectedPurchasesUpper[i]) = (pointExpected, expectedLow, expectedHigh);
                    var z = monetaryValue[i];
                    result.Clv[i] = pointDiscounted * (spend is null ? z : spend.ConditionalExpectedAverageSpend(x, z)) * clv.Margin;
                    for (var d = 0; d < draws; d++)
                        s.Value[d] = s.Discounted[d] * (spends is null ? z : spends[d].ConditionalExpectedAverageSpend(x, z)) * clv.Margin;
                    (result.ClvLower[i], result.ClvUpper[i]) = Quantiles(s.Value.AsSpan(0, draws), options.Lower, options.Upper);
                }
            }
            return s;
        }, _ => { });
        return result;
    }

    /// <summary>The members of each group, contiguous: group k's are members[first[k]..first[k+1]).</summary>
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
    /// and numpy's default). Selection (Hoare's quickselect) instead of a sort: O(n) per customer, which matters
    /// once the models' series are shared. Reorders <paramref name="values"/>.
    /// </summary>
    internal static (double Lower, double Upper) Quantiles(Span<double> values, double lower, double upper)
    {
        var last = values.Length - 1;
        var hLow = last * lower;
        var hHigh = last * upper;
        var kLow = (int)Math.Floor(hLow);
        var kHigh = Math.Max(kLow, (int)Math.Floor(hHigh));
        Select(values, 0, last, kLow);
        var low = Interpolate(values, kLow, hLow - kLow);
        // Everything right of kLow is >= values[kLow]: the upper order statistics are found there.
        if (kHigh > kLow) Select(values, kLow + 1, last, kHigh);
        return (low, Interpolate(values, kHigh, hHigh - kHigh));
    }

    /// <summary>values[k] + fraction (values[k+1] - values[k]), where values[k] is in place and every later value is &gt;= it.</summary>
    private static double Interpolate(Span<double> values, int k, double fraction)
    {
        if (fraction <= 0 || k + 1 >= values.Length) return values[k];
        var next = double.PositiveInfinity;
        for (var j = k + 1; j < values.Length; j++) next = Math.Min(next, values[j]);
        return values[k] + fraction * (next - values[k]);
    }

    /// <summary>Rearranges values[left..right] so that values[k] holds the order statistic, no larger values left of it and no smaller right.</summary>
    private static void Select(Span<double> values, int left, int right, int k)
    {
        while (right > left)
        {
            // Median of three as pivot keeps sorted or constant inputs linear.
            var mid = left + (right - left) / 2;
            if (values[mid] < values[left]) (values[mid], values[left]) = (values[left], values[mid]);
            if (values[right] < values[left]) (values[right], values[left]) = (values[left], values[right]);
            if (values[right] < values[mid]) (values[right], values[mid]) = (values[mid], values[right]);
            var pivot = values[mid];
            int i = left, j = right;
            while (i <= j)
            {
                while (values[i] < pivot) i++;
                while (values[j] > pivot) j--;
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j) right = j;
            else if (k >= i) left = i;
            else return;
        }
    }

    /// <summary>Per-thread buffers: one value per draw (and one for the point estimate).</summary>
    private sealed class Scratch(int draws, int months)
    {
        public double[] Shared { get; } = new double[draws * months];
        public double[] SharedAtHorizon { get; } = new double[draws];
        public bool[] Usable { get; } = new bool[draws];
        public double[] Alive { get; } = new double[draws];
        public double[] Expected { get; } = new double[draws];
        public double[] Discounted { get; } = new double[draws];
        public double[] Value { get; } = new double[draws];
        public double[] Cumulative { get; } = new double[months];
    }
}
