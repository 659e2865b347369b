using ClvML.Numerics;
using ClvML.Probabilistic;

namespace ClvML.Tests.Probabilistic;

/// <summary>
/// BG/NBD and Pareto/NBD with time-invariant covariates (Fader &amp; Hardie 2007, brucehardie.com note 019): the
/// no-covariate limit is the plain model, the chain-rule gradient agrees with central differences, and a known
/// channel effect is recovered from simulated customers within its standard errors.
/// </summary>
public sealed class CovariateModelTests
{
    private static CovariateMatrix ZeroColumn(int customers) => new(["zero"], new double[customers]);

    [Fact]
    public void Bgnbd_with_a_zero_covariate_has_the_plain_likelihood_on_cdnow_and_without_covariates_the_plain_fit()
    {
        var (x, tx, t) = CdnowData.FromSummaryFile();
        var plain = new BgNbd().Fit(x, tx, t);
        var expected = BgNbd.LogLikelihood(plain, PurchaseSummary.Create(x, tx, t));
        // Any coefficient on a covariate that is 0 for everyone leaves every customer at the baseline parameters.
        var model = new BgNbdWithCovariatesModel(plain.R, plain.Alpha, plain.A, plain.B, ["zero"], [0.7], [-0.4], [1.3]);
        var actual = BgNbdWithCovariates.LogLikelihood(model, x, tx, t, ZeroColumn(x.Length));
        Assert.Equal(expected, actual, 1e-12 * Math.Abs(expected));
        Assert.Equal(-9582.4, expected, 0.05); // FHL 2005 section 5: LL = -9582.4 on CDNOW

        var fit = new BgNbdWithCovariates().Fit(x, tx, t, CovariateMatrix.None(x.Length));
        Assert.Equal(plain.R, fit.R, 1e-9 * plain.R);
        Assert.Equal(plain.Alpha, fit.Alpha0, 1e-9 * plain.Alpha);
        Assert.Equal(plain.A, fit.A0, 1e-9 * plain.A);
        Assert.Equal(plain.B, fit.B0, 1e-9 * plain.B);
        Assert.Equal(plain.Diagnostics!.LogLikelihood, fit.Diagnostics!.LogLikelihood, 1e-12 * Math.Abs(expected));
        Assert.Equal(plain.StandardErrors!["alpha"], fit.StandardErrors!["alpha0"], 1e-6 * plain.StandardErrors["alpha"]);
        // Per-customer scores at gamma = 0 are the plain model's.
        var alive = model.ProbabilityAlive(ZeroColumn(x.Length), x, tx, t);
        var purchases = model.ConditionalExpectedPurchases(39, ZeroColumn(x.Length), x, tx, t);
        for (var i = 0; i < x.Length; i += 97)
        {
            Assert.Equal(plain.ProbabilityAlive(x[i], tx[i], t[i]), alive[i], 1e-14);
            Assert.Equal(plain.ConditionalExpectedPurchases(39, x[i], tx[i], t[i]), purchases[i], 1e-12);
        }
    }

    [Fact]
    public void Pareto_with_a_zero_covariate_has_the_plain_likelihood_on_cdnow_and_without_covariates_the_plain_fit()
    {
        var (x, tx, t) = CdnowData.FromSummaryFile();
        var plain = new ParetoNbd().Fit(x, tx, t);
        var expected = plain.Diagnostics!.LogLikelihood;
        var model = new ParetoNbdWithCovariatesModel(plain.R, plain.Alpha, plain.S, plain.Beta, ["zero"], [0.7], [-0.4]);
        var actual = ParetoNbdWithCovariates.LogLikelihood(model, x, tx, t, ZeroColumn(x.Length));
        Assert.Equal(expected, actual, 1e-12 * Math.Abs(expected));
        Assert.Equal(-9595.0, expected, 0.05); // FHL 2005 section 5: Pareto/NBD LL = -9595.0 on CDNOW

        var fit = new ParetoNbdWithCovariates().Fit(x, tx, t, CovariateMatrix.None(x.Length));
        Assert.Equal(plain.R, fit.R, 1e-9 * plain.R);
        Assert.Equal(plain.Alpha, fit.Alpha0, 1e-9 * plain.Alpha);
        Assert.Equal(plain.S, fit.S, 1e-9 * plain.S);
        Assert.Equal(plain.Beta, fit.Beta0, 1e-9 * plain.Beta);
    }

    [Fact]
    public void Pareto_covariate_likelihood_is_the_sum_of_each_customers_own_plain_likelihood()
    {
        // Continuous covariates: every customer is its own group, so this checks the alpha_i / beta_i map itself.
        double[] x = [0, 1, 2, 5, 30, 0, 3];
        double[] tx = [0, 3.5, 10, 20, 35, 0, 1];
        double[] t = [10, 20, 30, 38.86, 38.86, 0.5, 40];
        var z = new CovariateMatrix(["web", "age"], [1, 0.3, 0, -1.2, 1, 2.0, 0, 0.1, 1, -0.5, 0, 0, 1, 1.5]);
        var model = new ParetoNbdWithCovariatesModel(0.55, 10.6, 0.6, 11.7, ["web", "age"], [0.7, -0.2], [-0.5, 0.3]);
        var direct = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var own = model.ForCustomer(z.Row(i));
            Assert.Equal(10.6 * Math.Exp(-(0.7 * z.Row(i)[0] - 0.2 * z.Row(i)[1])), own.Alpha, 1e-12);
            Assert.Equal(11.7 * Math.Exp(-(-0.5 * z.Row(i)[0] + 0.3 * z.Row(i)[1])), own.Beta, 1e-12);
            direct += own.LogLikelihood(x[i], tx[i], t[i]);
        }
        Assert.Equal(direct, ParetoNbdWithCovariates.LogLikelihood(model, x, tx, t, z), 1e-9 * Math.Abs(direct));
    }

    public static TheoryData<string> Models => new() { "bgnbd", "pareto" };

    [Theory]
    [MemberData(nameof(Models))]
    public void Gradient_matches_central_differences(string kind)
    {
        double[] x = [0, 1, 2, 5, 30, 300, 0, 3, 1, 4];
        double[] tx = [0, 3.5, 10, 20, 35, 38, 0, 1, 2, 30];
        double[] t = [10, 20, 30, 38.86, 38.86, 39, 0.5, 40, 12, 33];
        // A one-hot channel and a continuous covariate.
        var z = new CovariateMatrix(["web", "score"], [1, 0.3, 0, -1.2, 1, 2.0, 0, 0.1, 1, -0.5, 0, 0, 1, 1.5, 0, 0.7, 1, 0.3, 0, -1.2]);
        var groups = CovariateGroupsFor(x, tx, t, z);
        double[] theta;
        CovariateLikelihood likelihood;
        if (kind == "bgnbd")
        {
            likelihood = BgNbdWithCovariates.Likelihood(groups);
            theta = BgNbdWithCovariates.Theta(new BgNbdWithCovariatesModel(0.24, 4.4, 0.79, 2.4, ["web", "score"], [0.7, -0.3], [0.4, 0.2], [-0.6, 0.1]));
        }
        else
        {
            likelihood = ParetoNbdWithCovariates.Likelihood(groups, null);
            theta = ParetoNbdWithCovariates.Theta(new ParetoNbdWithCovariatesModel(0.55, 10.6, 0.6, 11.7, ["web", "score"], [0.7, -0.3], [-0.5, 0.2]));
        }
        Assert.Equal(theta.Length, likelihood.Dimension);
        var analytic = new double[theta.Length];
        likelihood.Evaluate(theta, analytic);
        var numeric = new double[theta.Length];
        NumericalDerivatives.Gradient((p, _) => likelihood.Evaluate(p, default), theta, numeric, 1e-6);
        for (var i = 0; i < theta.Length; i++)
        {
            Assert.True(Math.Abs(analytic[i]) > 1e-3, $"component {i} should not vanish at this point");
            Assert.Equal(numeric[i], analytic[i], 1e-6 * Math.Max(1, Math.Abs(numeric[i])));
        }
    }

    private static CovariateGroups CovariateGroupsFor(double[] x, double[] tx, double[] t, CovariateMatrix z) =>
        CovariateGroups.Create(x, tx, t, z, compress: true);

    /// <summary>Two channels, half the customers on each, ages spread over 26-78 weeks.</summary>
    private static (CovariateMatrix Z, double[] T) Customers(int n)
    {
        var z = new double[n];
        var t = new double[n];
        for (var i = 0; i < n; i++)
        {
            z[i] = i % 2;
            t[i] = 26 + 52.0 * (i / 2) / (n / 2);
        }
        return (new CovariateMatrix(["web"], z), t);
    }

    [Fact]
    public void Bgnbd_recovers_a_known_channel_effect()
    {
        var (z, ages) = Customers(20_000);
        var truth = new BgNbdWithCovariatesModel(0.25, 4, 0.8, 2.5, ["web"], [0.7], [0.4], [-0.3]);
        var data = truth.Simulate(z, ages, seed: 15);
        var fit = new BgNbdWithCovariates().Fit(data.Frequency, data.Recency, data.T, z);
        var se = fit.StandardErrors!;
        Report(fit.Diagnostics!, se, [("r", fit.R), ("alpha0", fit.Alpha0), ("a0", fit.A0), ("b0", fit.B0), ("gamma1[web]", fit.Gamma1[0]),
            ("gamma2[web]", fit.Gamma2[0]), ("gamma3[web]", fit.Gamma3[0])]);
        AssertWithin(truth.R, fit.R, se["r"]);
        AssertWithin(truth.Alpha0, fit.Alpha0, se["alpha0"]);
        AssertWithin(truth.A0, fit.A0, se["a0"]);
        AssertWithin(truth.B0, fit.B0, se["b0"]);
        AssertWithin(0.7, fit.PurchaseCoefficients["web"], se["gamma1[web]"]);
        AssertWithin(0.4, fit.DropoutACoefficients["web"], se["gamma2[web]"]);
        AssertWithin(-0.3, fit.DropoutBCoefficients["web"], se["gamma3[web]"]);
        // With 10,000 customers a channel the purchase effect is pinned to a few hundredths.
        Assert.InRange(se["gamma1[web]"], 0.01, 0.08);
        Assert.False(fit.Diagnostics!.WeaklyIdentified);
        // Each customer's own parameters drive the scores: same history, different channel, different forecast.
        var two = new CovariateMatrix(["web"], [0, 1]);
        var forecast = fit.ConditionalExpectedPurchases(52, two, [3, 3], [20, 20], [40, 40]);
        Assert.Equal(fit.ForCustomer([1]).ConditionalExpectedPurchases(52, 3, 20, 40), forecast[1], 1e-12);
        Assert.NotEqual(forecast[0], forecast[1]);
    }

    [Fact]
    public void Pareto_recovers_a_known_channel_effect()
    {
        var (z, ages) = Customers(20_000);
        var truth = new ParetoNbdWithCovariatesModel(0.55, 10, 0.6, 12, ["web"], [0.7], [-0.7]);
        var data = truth.Simulate(z, ages, seed: 15, period: 1.0 / 7);
        var fit = new ParetoNbdWithCovariates().Fit(data.Frequency, data.Recency, data.T, z);
        var se = fit.StandardErrors!;
        Report(fit.Diagnostics!, se, [("r", fit.R), ("alpha0", fit.Alpha0), ("s", fit.S), ("beta0", fit.Beta0), ("gamma1[web]", fit.Gamma1[0]),
            ("gamma2[web]", fit.Gamma2[0])]);
        AssertWithin(truth.R, fit.R, se["r"]);
        AssertWithin(truth.Alpha0, fit.Alpha0, se["alpha0"]);
        AssertWithin(truth.S, fit.S, se["s"]);
        AssertWithin(truth.Beta0, fit.Beta0, se["beta0"]);
        AssertWithin(0.7, fit.PurchaseCoefficients["web"], se["gamma1[web]"]);
        AssertWithin(-0.7, fit.DropoutCoefficients["web"], se["gamma2[web]"]);
        Assert.InRange(se["gamma1[web]"], 0.01, 0.08);
        Assert.InRange(se["gamma2[web]"], 0.02, 0.5);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Standard_error_of_the_channel_effect_matches_its_spread_over_replicates(string kind)
    {
        // 24 simulated data sets of 8,000 customers: the Hessian's SE of gamma1 should match the estimates' spread.
        // With 24 replicates the sample SD is within about +-30% of the true SD at 2 sigma.
        const int replicates = 24;
        var (z, ages) = Customers(8_000);
        var estimates = new double[replicates];
        var errors = new double[replicates];
        for (var k = 0; k < replicates; k++)
        {
            if (kind == "bgnbd")
            {
                var truth = new BgNbdWithCovariatesModel(0.25, 4, 0.8, 2.5, ["web"], [0.7], [0], [0]);
                var data = truth.Simulate(z, ages, seed: 100 + k);
                var fit = new BgNbdWithCovariates().Fit(data.Frequency, data.Recency, data.T, z);
                (estimates[k], errors[k]) = (fit.Gamma1[0], fit.StandardErrors!["gamma1[web]"]);
            }
            else
            {
                var truth = new ParetoNbdWithCovariatesModel(0.55, 10, 0.6, 12, ["web"], [0.7], [-0.7]);
                var data = truth.Simulate(z, ages, seed: 100 + k);
                var fit = new ParetoNbdWithCovariates().Fit(data.Frequency, data.Recency, data.T, z);
                (estimates[k], errors[k]) = (fit.Gamma1[0], fit.StandardErrors!["gamma1[web]"]);
            }
        }
        var mean = estimates.Average();
        var spread = Math.Sqrt(estimates.Sum(e => (e - mean) * (e - mean)) / (replicates - 1));
        var reported = errors.Average();
        TestContext.Current.TestOutputHelper?.WriteLine(FormattableString.Invariant(
            $"{kind}: mean gamma1 {mean:F4}, spread {spread:F4}, mean SE {reported:F4}"));
        Assert.InRange(spread / reported, 0.65, 1.45);
        Assert.Equal(0.7, mean, 3 * spread / Math.Sqrt(replicates) + 1e-9);
    }

    private static void Report(FitDiagnostics diagnostics, IReadOnlyDictionary<string, double> errors, (string Name, double Value)[] estimates)
    {
        var output = TestContext.Current.TestOutputHelper;
        if (output is null) return;
        output.WriteLine(FormattableString.Invariant($"LL {diagnostics.LogLikelihood:F2}, rows {diagnostics.Rows}, iterations {diagnostics.Iterations}"));
        foreach (var (name, value) in estimates) output.WriteLine(FormattableString.Invariant($"{name} = {value:F4} (SE {errors[name]:F4})"));
    }

    private static void AssertWithin(double truth, double estimate, double standardError)
    {
        Assert.True(standardError > 0 && double.IsFinite(standardError), $"standard error {standardError}");
        Assert.True(Math.Abs(estimate - truth) <= 3 * standardError, $"estimate {estimate} vs truth {truth}, SE {standardError}");
    }
}
