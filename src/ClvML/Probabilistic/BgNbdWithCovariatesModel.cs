namespace ClvML.Probabilistic;

/// <summary>
/// A fitted BG/NBD model with time-invariant covariates (Fader &amp; Hardie 2007, note 019): customer i's purchase
/// rates are Gamma(r, alpha_i) with alpha_i = alpha0 exp(-gamma1' z_i), so a positive gamma1 raises the purchase
/// rate, and the dropout probability is Beta(a_i, b_i) with a_i = a0 exp(gamma2' z_i), b_i = b0 exp(gamma3' z_i).
/// With all coefficients 0 (or no covariates) it is <see cref="BgNbdModel"/>(r, alpha0, a0, b0).
/// </summary>
/// <param name="R">Shape r of the purchase-rate distribution (shared by all customers).</param>
/// <param name="Alpha0">Baseline scale alpha0 of the purchase-rate distribution.</param>
/// <param name="A0">Baseline Beta shape a0 of the dropout probability.</param>
/// <param name="B0">Baseline Beta shape b0 of the dropout probability.</param>
/// <param name="Covariates">Covariate names, in the order of the coefficients and of a customer's covariate row.</param>
/// <param name="Gamma1">Coefficients of the purchase process (on alpha).</param>
/// <param name="Gamma2">Coefficients on the dropout shape a.</param>
/// <param name="Gamma3">Coefficients on the dropout shape b.</param>
public sealed record BgNbdWithCovariatesModel(double R, double Alpha0, double A0, double B0, IReadOnlyList<string> Covariates,
    IReadOnlyList<double> Gamma1, IReadOnlyList<double> Gamma2, IReadOnlyList<double> Gamma3)
{
    /// <summary>The config name of this model.</summary>
    public const string ModelName = "bgnbd_covariates";
    internal static readonly string[] PlainParameterNames = ["r", "alpha0", "a0", "b0"];

    /// <inheritdoc cref="BgNbdWithCovariatesModel"/>
    public double R { get; } = ModelArguments.Positive(R, "r");
    /// <inheritdoc cref="BgNbdWithCovariatesModel"/>
    public double Alpha0 { get; } = ModelArguments.Positive(Alpha0, "alpha0");
    /// <inheritdoc cref="BgNbdWithCovariatesModel"/>
    public double A0 { get; } = ModelArguments.Positive(A0, "a0");
    /// <inheritdoc cref="BgNbdWithCovariatesModel"/>
    public double B0 { get; } = ModelArguments.Positive(B0, "b0");
    /// <inheritdoc cref="BgNbdWithCovariatesModel"/>
    public IReadOnlyList<string> Covariates { get; } = [.. Covariates ?? throw new ArgumentNullException(nameof(Covariates))];
    /// <inheritdoc cref="BgNbdWithCovariatesModel"/>
    public IReadOnlyList<double> Gamma1 { get; } = CovariateModelParts.Coefficients(Gamma1, Covariates.Count, "gamma1");
    /// <inheritdoc cref="BgNbdWithCovariatesModel"/>
    public IReadOnlyList<double> Gamma2 { get; } = CovariateModelParts.Coefficients(Gamma2, Covariates.Count, "gamma2");
    /// <inheritdoc cref="BgNbdWithCovariatesModel"/>
    public IReadOnlyList<double> Gamma3 { get; } = CovariateModelParts.Coefficients(Gamma3, Covariates.Count, "gamma3");

    /// <summary>Gamma1 (purchase process) by covariate name.</summary>
    public IReadOnlyDictionary<string, double> PurchaseCoefficients => CovariateModelParts.ByName(Covariates, Gamma1);
    /// <summary>Gamma2 (dropout shape a) by covariate name.</summary>
    public IReadOnlyDictionary<string, double> DropoutACoefficients => CovariateModelParts.ByName(Covariates, Gamma2);
    /// <summary>Gamma3 (dropout shape b) by covariate name.</summary>
    public IReadOnlyDictionary<string, double> DropoutBCoefficients => CovariateModelParts.ByName(Covariates, Gamma3);

    /// <summary>How the fit went; null for a model built by hand.</summary>
    public FitDiagnostics? Diagnostics { get; init; }
    /// <summary>Standard errors by parameter name ("r", "alpha0", "a0", "b0", "gamma1[name]", "gamma2[name]", "gamma3[name]"); null for a model built by hand.</summary>
    public IReadOnlyDictionary<string, double>? StandardErrors { get; init; }

    /// <summary>The plain BG/NBD model of a customer with covariates <paramref name="z"/>: (r, alpha_i, a_i, b_i).</summary>
    public BgNbdModel ForCustomer(ReadOnlySpan<double> z) =>
        new(R, Alpha0 * Math.Exp(-CovariateModelParts.Effect(Gamma1, z)), A0 * Math.Exp(CovariateModelParts.Effect(Gamma2, z)),
            B0 * Math.Exp(CovariateModelParts.Effect(Gamma3, z)));

    /// <summary>P(alive | x, t_x, T) per customer (FHL 2005 eq. A.1 per customer with the customer's own alpha_i, a_i, b_i).</summary>
    public double[] ProbabilityAlive(CovariateMatrix covariates, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> T) =>
        CovariateModelParts.PerCustomer(i => ForCustomer(covariates.Row(i)), covariates, frequency, recency, T, (m, x, tx, t) => m.ProbabilityAlive(x, tx, t));

    /// <summary>E[Y(t) | x, t_x, T] per customer (FHL 2005 eq. 10 with the customer's own alpha_i, a_i, b_i).</summary>
    public double[] ConditionalExpectedPurchases(double t, CovariateMatrix covariates, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency,
        ReadOnlySpan<double> T) =>
        CovariateModelParts.PerCustomer(i => ForCustomer(covariates.Row(i)), covariates, frequency, recency, T,
            (m, x, tx, age) => m.ConditionalExpectedPurchases(t, x, tx, age));

    /// <summary>Simulates each customer from the model's generative story with the customer's own parameters (see <see cref="BgNbdModel.Simulate"/>).</summary>
    public SimulatedCustomers Simulate(CovariateMatrix covariates, ReadOnlySpan<double> T, int seed, double period = 0)
    {
        ArgumentNullException.ThrowIfNull(covariates);
        return CovariateModelParts.Simulate(i => (ages, s, p) => ForCustomer(covariates.Row(i)).Simulate(ages, s, p), covariates.Rows, T, seed, period);
    }
}
