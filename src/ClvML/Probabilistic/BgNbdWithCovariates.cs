namespace ClvML.Probabilistic;

/// <summary>Options of <see cref="BgNbdWithCovariates"/>; <see cref="FitOptions.Penalizer"/> also shrinks the gamma coefficients.</summary>
public sealed record BgNbdWithCovariatesOptions : FitOptions;

/// <summary>
/// Fits the BG/NBD model with time-invariant covariates (Fader &amp; Hardie 2007, "Incorporating time-invariant
/// covariates into the Pareto/NBD and BG/NBD models", brucehardie.com note 019; CLVTools' <c>bgnbd</c> with static
/// covariates) by maximum likelihood: each customer's likelihood is FHL 2005 eq. 6 at the customer's own
/// alpha_i, a_i, b_i (<see cref="BgNbdWithCovariatesModel"/>), with the analytic gradient of the plain kernel
/// carried to the coefficients by the chain rule, and standard errors from the Hessian.
/// </summary>
public sealed class BgNbdWithCovariates(BgNbdWithCovariatesOptions? options = null)
{
    private readonly BgNbdWithCovariatesOptions _options = options ?? new BgNbdWithCovariatesOptions();

    /// <summary>Fits per-customer frequency, recency and T with one covariate row per customer.</summary>
    /// <exception cref="FitLimitExceededException">The fit ran past <see cref="FitOptions.TimeLimit"/> or <see cref="FitOptions.MaximumEvaluations"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public BgNbdWithCovariatesModel Fit(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> T, CovariateMatrix covariates,
        CancellationToken cancellationToken = default)
    {
        var groups = CovariateGroups.Create(frequency, recency, T, covariates, _options.Compress);
        var likelihood = Likelihood(groups);
        var coefficientNames = CovariateFit.CoefficientNames(covariates.Names, 3);
        var all = PurchaseSummary.Create(frequency, recency, T, default, _options.Compress);
        var outcome = CovariateFit.Run(BgNbdWithCovariatesModel.ModelName, BgNbdWithCovariatesModel.PlainParameterNames, coefficientNames,
            likelihood, groups, Starts.ShapeScaleShapeShape(all), _options, FitBudget.Start(BgNbdWithCovariatesModel.ModelName, _options, cancellationToken));
        var p = outcome.Parameters;
        var g = outcome.Coefficients;
        var k = covariates.Columns;
        return new BgNbdWithCovariatesModel(p[0], p[1], p[2], p[3], covariates.Names, g[..k], g[k..(2 * k)], g[(2 * k)..])
        {
            Diagnostics = outcome.Diagnostics,
            StandardErrors = outcome.StandardErrors,
        };
    }

    /// <summary>The log-likelihood of the data at given parameters, e.g. to compare with the plain model.</summary>
    public static double LogLikelihood(BgNbdWithCovariatesModel model, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> T,
        CovariateMatrix covariates)
    {
        ArgumentNullException.ThrowIfNull(model);
        var groups = CovariateGroups.Create(frequency, recency, T, covariates, compress: true);
        return -Likelihood(groups).Evaluate(Theta(model), default);
    }

    /// <summary>theta = (ln r, ln alpha0, ln a0, ln b0, gamma1, gamma2, gamma3).</summary>
    internal static double[] Theta(BgNbdWithCovariatesModel model) =>
        [Math.Log(model.R), Math.Log(model.Alpha0), Math.Log(model.A0), Math.Log(model.B0), .. model.Gamma1, .. model.Gamma2, .. model.Gamma3];

    /// <summary>alpha_i = alpha0 e^(-gamma1'z) (ln alpha: index 1, sign -1), a_i = a0 e^(gamma2'z), b_i = b0 e^(gamma3'z).</summary>
    internal static CovariateLikelihood Likelihood(CovariateGroups groups) =>
        new(groups, [.. groups.Summaries.Select(s => (Numerics.ObjectiveFunction)new BgNbdLikelihood(s, modified: false).Evaluate)], 4, [1, 2, 3], [-1, 1, 1]);
}
