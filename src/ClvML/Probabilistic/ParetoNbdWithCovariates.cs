namespace ClvML.Probabilistic;

/// <summary>Options of <see cref="ParetoNbdWithCovariates"/>; <see cref="FitOptions.Penalizer"/> also shrinks the gamma coefficients.</summary>
public sealed record ParetoNbdWithCovariatesOptions : FitOptions;

/// <summary>
/// Fits the Pareto/NBD model with time-invariant covariates (Fader &amp; Hardie 2007, "Incorporating time-invariant
/// covariates into the Pareto/NBD and BG/NBD models", brucehardie.com note 019) by maximum likelihood: each
/// customer's likelihood is FH 2005 eq. 18 at the customer's own alpha_i and beta_i
/// (<see cref="ParetoNbdWithCovariatesModel"/>), with the plain kernel's analytic gradient carried to the
/// coefficients by the chain rule, and standard errors from the Hessian.
/// </summary>
public sealed class ParetoNbdWithCovariates(ParetoNbdWithCovariatesOptions? options = null)
{
    private readonly ParetoNbdWithCovariatesOptions _options = options ?? new ParetoNbdWithCovariatesOptions();

    /// <summary>Fits per-customer frequency, recency and T with one covariate row per customer.</summary>
    /// <exception cref="FitLimitExceededException">The fit ran past <see cref="FitOptions.TimeLimit"/> or <see cref="FitOptions.MaximumEvaluations"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ParetoNbdWithCovariatesModel Fit(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> T, CovariateMatrix covariates,
        CancellationToken cancellationToken = default)
    {
        var budget = FitBudget.Start(ParetoNbdWithCovariatesModel.ModelName, _options, cancellationToken);
        var groups = CovariateGroups.Create(frequency, recency, T, covariates, _options.Compress);
        var all = PurchaseSummary.Create(frequency, recency, T, default, _options.Compress);
        var outcome = CovariateFit.Run(ParetoNbdWithCovariatesModel.ModelName, ParetoNbdWithCovariatesModel.PlainParameterNames,
            CovariateFit.CoefficientNames(covariates.Names, 2), Likelihood(groups, budget), groups, Starts.ScaleScale(all), _options, budget);
        var p = outcome.Parameters;
        var g = outcome.Coefficients;
        var k = covariates.Columns;
        return new ParetoNbdWithCovariatesModel(p[0], p[1], p[2], p[3], covariates.Names, g[..k], g[k..])
        {
            Diagnostics = outcome.Diagnostics,
            StandardErrors = outcome.StandardErrors,
        };
    }

    /// <summary>The log-likelihood of the data at given parameters, e.g. to compare with the plain model.</summary>
    public static double LogLikelihood(ParetoNbdWithCovariatesModel model, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency,
        ReadOnlySpan<double> T, CovariateMatrix covariates)
    {
        ArgumentNullException.ThrowIfNull(model);
        var groups = CovariateGroups.Create(frequency, recency, T, covariates, compress: true);
        return -Likelihood(groups, null).Evaluate(Theta(model), default);
    }

    /// <summary>theta = (ln r, ln alpha0, ln s, ln beta0, gamma1, gamma2).</summary>
    internal static double[] Theta(ParetoNbdWithCovariatesModel model) =>
        [Math.Log(model.R), Math.Log(model.Alpha0), Math.Log(model.S), Math.Log(model.Beta0), .. model.Gamma1, .. model.Gamma2];

    /// <summary>alpha_i = alpha0 e^(-gamma1'z) (ln alpha: index 1), beta_i = beta0 e^(-gamma2'z) (ln beta: index 3).</summary>
    internal static CovariateLikelihood Likelihood(CovariateGroups groups, FitBudget? budget) =>
        new(groups, [.. groups.Summaries.Select(s => (Numerics.ObjectiveFunction)new ParetoNbdLikelihood(s, budget).Evaluate)], 4, [1, 3], [-1, -1]);
}
