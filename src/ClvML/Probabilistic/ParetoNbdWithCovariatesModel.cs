namespace ClvML.Probabilistic;

/// <summary>
/// A fitted Pareto/NBD model with time-invariant covariates (Fader &amp; Hardie 2007, note 019; CLVTools' <c>pnbd</c>
/// with static covariates): customer i's purchase rates are Gamma(r, alpha_i) with alpha_i = alpha0 exp(-gamma1' z_i)
/// and dropout rates Gamma(s, beta_i) with beta_i = beta0 exp(-gamma2' z_i), so a positive gamma1 raises the purchase
/// rate and a positive gamma2 the dropout rate. With all coefficients 0 it is <see cref="ParetoNbdModel"/>(r, alpha0, s, beta0).
/// </summary>
/// <param name="R">Shape r of the purchase-rate distribution.</param>
/// <param name="Alpha0">Baseline scale alpha0 of the purchase-rate distribution.</param>
/// <param name="S">Shape s of the dropout-rate distribution.</param>
/// <param name="Beta0">Baseline scale beta0 of the dropout-rate distribution.</param>
/// <param name="Covariates">Covariate names, in the order of the coefficients and of a customer's covariate row.</param>
/// <param name="Gamma1">Coefficients of the purchase process (on alpha).</param>
/// <param name="Gamma2">Coefficients of the dropout process (on beta).</param>
public sealed record ParetoNbdWithCovariatesModel(double R, double Alpha0, double S, double Beta0, IReadOnlyList<string> Covariates,
    IReadOnlyList<double> Gamma1, IReadOnlyList<double> Gamma2)
{
    /// <summary>The config name of this model.</summary>
    public const string ModelName = "pareto_covariates";
    internal static readonly string[] PlainParameterNames = ["r", "alpha0", "s", "beta0"];

    /// <inheritdoc cref="ParetoNbdWithCovariatesModel"/>
    public double R { get; } = ModelArguments.Positive(R, "r");
    /// <inheritdoc cref="ParetoNbdWithCovariatesModel"/>
    public double Alpha0 { get; } = ModelArguments.Positive(Alpha0, "alpha0");
    /// <inheritdoc cref="ParetoNbdWithCovariatesModel"/>
    public double S { get; } = ModelArguments.Positive(S, "s");
    /// <inheritdoc cref="ParetoNbdWithCovariatesModel"/>
    public double Beta0 { get; } = ModelArguments.Positive(Beta0, "beta0");
    /// <inheritdoc cref="ParetoNbdWithCovariatesModel"/>
    public IReadOnlyList<string> Covariates { get; } = [.. Covariates ?? throw new ArgumentNullException(nameof(Covariates))];
    /// <inheritdoc cref="ParetoNbdWithCovariatesModel"/>
    public IReadOnlyList<double> Gamma1 { get; } = CovariateModelParts.Coefficients(Gamma1, Covariates.Count, "gamma1");
    /// <inheritdoc cref="ParetoNbdWithCovariatesModel"/>
    public IReadOnlyList<double> Gamma2 { get; } = CovariateModelParts.Coefficients(Gamma2, Covariates.Count, "gamma2");

    /// <summary>Gamma1 (purchase process) by covariate name.</summary>
    public IReadOnlyDictionary<string, double> PurchaseCoefficients => CovariateModelParts.ByName(Covariates, Gamma1);
    /// <summary>Gamma2 (dropout process) by covariate name.</summary>
    public IReadOnlyDictionary<string, double> DropoutCoefficients => CovariateModelParts.ByName(Covariates, Gamma2);

    /// <summary>How the fit went; null for a model built by hand.</summary>
    public FitDiagnostics? Diagnostics { get; init; }
    /// <summary>Standard errors by parameter name ("r", "alpha0", "s", "beta0", "gamma1[name]", "gamma2[name]"); null for a model built by hand.</summary>
    public IReadOnlyDictionary<string, double>? StandardErrors { get; init; }

    /// <summary>The plain Pareto/NBD model of a customer with covariates <paramref name="z"/>: (r, alpha_i, s, beta_i).</summary>
    public ParetoNbdModel ForCustomer(ReadOnlySpan<double> z) =>
        new(R, Alpha0 * Math.Exp(-CovariateModelParts.Effect(Gamma1, z)), S, Beta0 * Math.Exp(-CovariateModelParts.Effect(Gamma2, z)));

    /// <summary>P(alive | x, t_x, T) per customer with the customer's own alpha_i and beta_i.</summary>
    public double[] ProbabilityAlive(CovariateMatrix covariates, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> T) =>
        CovariateModelParts.PerCustomer(i => ForCustomer(covariates.Row(i)), covariates, frequency, recency, T, (m, x, tx, t) => m.ProbabilityAlive(x, tx, t));

    /// <summary>E[Y(t) | x, t_x, T] per customer with the customer's own alpha_i and beta_i.</summary>
    public double[] ConditionalExpectedPurchases(double t, CovariateMatrix covariates, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency,
        ReadOnlySpan<double> T) =>
        CovariateModelParts.PerCustomer(i => ForCustomer(covariates.Row(i)), covariates, frequency, recency, T,
            (m, x, tx, age) => m.ConditionalExpectedPurchases(t, x, tx, age));

    /// <summary>Simulates each customer from the model's generative story with the customer's own parameters (see <see cref="ParetoNbdModel.Simulate"/>).</summary>
    public SimulatedCustomers Simulate(CovariateMatrix covariates, ReadOnlySpan<double> T, int seed, double period = 0)
    {
        ArgumentNullException.ThrowIfNull(covariates);
        return CovariateModelParts.Simulate(i => (ages, s, p) => ForCustomer(covariates.Row(i)).Simulate(ages, s, p), covariates.Rows, T, seed, period);
    }
}
