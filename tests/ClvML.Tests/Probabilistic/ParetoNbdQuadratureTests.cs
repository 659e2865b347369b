using ClvML.Features;
using ClvML.Probabilistic;
using ClvML.Tests.Features;
using MathNet.Numerics;

namespace ClvML.Tests.Probabilistic;

/// <summary>
/// The Pareto/NBD likelihood where its 2F1 argument |alpha - beta|/(max(alpha, beta) + t_x) exceeds 0.95 and A0
/// is integrated numerically, against <see cref="ParetoNbdIntegralReference"/> (tanh-sinh in tau, independent
/// of the library's Gauss-Legendre panels in a log variable). Formulas from Fader &amp; Hardie (2005), "A note on
/// deriving the Pareto/NBD model and related expressions": the likelihood (eq. 18), A0 (eqs. 19-20 and the
/// integral they come from) and P(alive) (eq. 36-37).
/// </summary>
public sealed class ParetoNbdQuadratureTests
{
    private const double SeriesLimit = 0.95;

    private static bool Integrated(double alpha, double beta, double tx) => Math.Abs(alpha - beta) / (Math.Max(alpha, beta) + tx) > SeriesLimit;

    /// <summary>
    /// alpha = 65 with beta from 0.5 to 3 and a real-data optimum (Online Retail in days, r 0.76, alpha 65.2,
    /// s 0.018, beta 2.19), where the dropout factor is the steep one; wider gaps either way; shapes from
    /// near 0 to 3; customers from none to 300 repeat purchases; ages from 10 to 300 time units.
    /// </summary>
    private static IEnumerable<(double R, double Alpha, double S, double Beta, double X, double Tx, double T)> Grid()
    {
        (double Alpha, double Beta)[] scales =
        [
            (65, 0.5), (65, 1), (65, 1.5), (65, 2), (65, 2.5), (65, 3), (65.2, 2.19),
            (5, 0.01), (20, 0.1), (500, 1), (500, 0.01),
            (0.5, 65), (3, 65), (0.01, 20), (13, 1e4),
        ];
        foreach (var (alpha, beta) in scales)
            foreach (var r in new[] { 0.3, 0.76, 2 })
                foreach (var s in new[] { 0.018, 0.5, 3 })
                    foreach (var (x, tx) in new[] { (0.0, 0.0), (1, 0.5), (5, 0.01), (50, 0.9), (2, 3), (300, 1) })
                        foreach (var T in new[] { 10.0, 40, 300 })
                            yield return (r, alpha, s, beta, x, tx, T);
    }

    [Fact]
    public void Integrated_a0_likelihood_p_alive_and_gradient_match_an_independent_quadrature_to_1e_10()
    {
        var failures = new List<string>();
        var (belowAlpha, aboveAlpha) = (0, 0);
        Span<double> gradient = stackalloc double[4];
        foreach (var (r, alpha, s, beta, x, tx, T) in Grid().Where(c => Integrated(c.Alpha, c.Beta, c.Tx)))
        {
            if (beta < alpha) belowAlpha++;
            else aboveAlpha++;
            var at = $"r={r} alpha={alpha} s={s} beta={beta} x={x} t_x={tx} T={T}";
            var reference = ParetoNbdIntegralReference.Integrate(r, alpha, s, beta, x, tx, T);
            Assert.True(reference.Converged, $"reference did not converge at {at}");
            var rsx = r + s + x;
            var logA0 = Math.Log(rsx) + reference.LogIntegral;
            var logBracket = LogSumExp(-(r + x) * Math.Log(alpha + T) - s * Math.Log(beta + T), Math.Log(s / rsx) + logA0);
            var logLikelihood = SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r) + r * Math.Log(alpha) + s * Math.Log(beta) + logBracket;
            var alive = 1 / (1 + Math.Exp(Math.Log(s / rsx) + (r + x) * Math.Log(alpha + T) + s * Math.Log(beta + T) + logA0));
            double[] dLogA0 =
            [
                1 / rsx - reference.MeanLogAlpha, -(r + x) * reference.MeanInverseAlpha,
                1 / rsx - reference.MeanLogBeta, -(s + 1) * reference.MeanInverseBeta,
            ];

            var model = new ParetoNbdModel(r, alpha, s, beta);
            // ln A0 to 1e-10 absolute is A0 to 1e-10 relative.
            Check(failures, at, "ln A0", ParetoNbdLikelihood.LogA0(r, alpha, s, beta, x, tx, T, gradient), logA0, 1e-10);
            for (var j = 0; j < 4; j++)
                Check(failures, at, $"d ln A0 / d {ParetoNbdModel.ParameterNames[j]}", gradient[j], dLogA0[j], 1e-10 * Math.Max(1, Math.Abs(dLogA0[j])));
            // Relative to |ln L|, but not below 1e-10 absolute (L itself to 1e-10 relative): where L is near 1,
            // eq. 18's sum of terms of order 10 that cancel to ln L ~ 1e-6 carries 1e-15 of rounding whatever A0 is.
            Check(failures, at, "ln L", model.LogLikelihood(x, tx, T), logLikelihood, 1e-10 * Math.Max(1, Math.Abs(logLikelihood)));
            Check(failures, at, "P(alive)", model.ProbabilityAlive(x, tx, T), alive, 1e-10 * alive);
        }
        // The grid must exercise the integrated branch on both sides, mostly with beta < alpha.
        Assert.True(belowAlpha >= 1000, $"{belowAlpha} cases with beta < alpha");
        Assert.True(aboveAlpha >= 300, $"{aboveAlpha} cases with alpha < beta");
        Assert.True(failures.Count == 0, $"{failures.Count} mismatches, e.g.\n{string.Join("\n", failures.Take(10))}");
    }

    [Fact]
    public void The_reference_agrees_with_the_hypergeometric_series_where_the_library_sums_it()
    {
        // The same grid where z <= 0.95: the library sums eqs. 19-20 as 2F1 series there, a method unrelated to
        // either quadrature, so agreement checks the reference itself.
        var cases = 0;
        Span<double> gradient = stackalloc double[4];
        foreach (var (r, alpha, s, beta, x, tx, T) in Grid().Where(c => !Integrated(c.Alpha, c.Beta, c.Tx) && c.Tx < c.T))
        {
            cases++;
            var reference = ParetoNbdIntegralReference.Integrate(r, alpha, s, beta, x, tx, T);
            var series = ParetoNbdLikelihood.LogA0(r, alpha, s, beta, x, tx, T, gradient);
            Assert.True(Math.Abs(series - (Math.Log(r + s + x) + reference.LogIntegral)) <= 1e-11,
                $"r={r} alpha={alpha} s={s} beta={beta} x={x} t_x={tx} T={T}: series {series:R}, reference {Math.Log(r + s + x) + reference.LogIntegral:R}");
        }
        Assert.True(cases >= 300, $"{cases} cases");
    }

    [Theory]
    [InlineData(0.0007)]
    [InlineData(0.002)]
    public void Penalized_fit_on_online_retail_converges(double penalizer)
    {
        // Online Retail in days with calibration to 2011-08-31: the penalized optimum (r ~ 0.76, alpha ~ 65,
        // s ~ 0.02, beta ~ 2) puts every customer with t_x below about 1 day in the integrated branch with beta
        // far below alpha. There a likelihood resolved to only ~1e-4 stopped the line search before the gradient
        // was small, and the fit gave up with ConvergenceException.
        var features = new FeatureSettings { TimeUnit = TimeUnit.Day, CalibrationEnd = new DateOnly(2011, 8, 31) };
        var table = OnlineRetailFeatureTests.Build(OnlineRetailFeatureTests.OnlineRetail, features).Table;
        var model = new ParetoNbd(new ParetoNbdOptions { Penalizer = penalizer }).Fit(table.Frequency, table.Recency, table.T);
        Assert.True(model.Diagnostics!.GradientNorm <= 1e-7, $"{model.Diagnostics}");
        Assert.InRange(model.Beta, 1, 3);
        Assert.InRange(model.Alpha, 50, 80);
    }

    private static void Check(List<string> failures, string at, string what, double actual, double expected, double tolerance)
    {
        if (!(Math.Abs(actual - expected) <= tolerance))
            failures.Add($"{what} at {at}: {actual:R}, reference {expected:R} (off by {Math.Abs(actual - expected):E2})");
    }

    private static double LogSumExp(double a, double b) => Math.Max(a, b) + Math.Log(1 + Math.Exp(-Math.Abs(a - b)));
}
