namespace ClvML.Probabilistic;

/// <summary>
/// A fitted Gamma-Gamma spend model (Fader &amp; Hardie 2013). lifetimes calls gamma "v"; the note's name is kept.
/// </summary>
/// <param name="P">Shape p of the per-transaction spend distribution.</param>
/// <param name="Q">Shape q of the distribution of the spend rate nu across customers.</param>
/// <param name="Gamma">Scale gamma of the distribution of nu.</param>
public sealed record GammaGammaModel(double P, double Q, double Gamma) : IProbabilisticModel
{
    /// <summary>The config name of this model.</summary>
    public const string ModelName = "gamma_gamma";
    internal static readonly string[] ParameterNames = ["p", "q", "gamma"];

    /// <inheritdoc cref="GammaGammaModel"/>
    public double P { get; } = ModelArguments.Positive(P, "p");
    /// <inheritdoc cref="GammaGammaModel"/>
    public double Q { get; } = ModelArguments.Positive(Q, "q");
    /// <inheritdoc cref="GammaGammaModel"/>
    public double Gamma { get; } = ModelArguments.Positive(Gamma, "gamma");

    /// <inheritdoc/>
    public string Name => ModelName;
    /// <inheritdoc/>
    public IReadOnlyList<KeyValuePair<string, double>> Parameters => [new("p", P), new("q", Q), new("gamma", Gamma)];
    /// <inheritdoc/>
    public FitDiagnostics? Diagnostics { get; init; }
    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double>? StandardErrors { get; init; }
    /// <summary>
    /// Asymptotic covariance of the log-parameters (ln of <see cref="Parameters"/>, in that order): the inverse
    /// Hessian of the total negative log-likelihood at the fit's optimum; null when not fitted, fitted without
    /// standard errors, or when the Hessian is not positive definite. <see cref="ClvIntervals"/> draws from it.
    /// </summary>
    public double[,]? LogCovariance { get; init; }
    /// <summary>
    /// Pearson correlation of frequency and mean repeat spend over the fitted customers. The model assumes
    /// spend is independent of frequency; a correlation far from 0 (say beyond ±0.3) is a warning sign.
    /// </summary>
    public double FrequencyMonetaryCorrelation { get; init; } = double.NaN;
    /// <summary>Repeat customers left out of the fit because their mean repeat spend was &lt;= 0.</summary>
    public int ExcludedCustomers { get; init; }

    /// <summary>E[Z] = p gamma/(q-1), the population mean spend per transaction (infinite for q &lt;= 1).</summary>
    public double MeanSpend => Q > 1 ? P * Gamma / (Q - 1) : double.PositiveInfinity;

    /// <summary>
    /// E[Z | x, zbar] = p(gamma + x zbar)/(px + q - 1) (Fader &amp; Hardie 2013, the posterior mean of nu's reciprocal times p), a weighted mean of the
    /// population mean and the customer's own mean; the population mean when x = 0.
    /// </summary>
    public double ConditionalExpectedAverageSpend(double frequency, double monetaryValue)
    {
        if (!(frequency >= 0) || !double.IsFinite(frequency) || !double.IsFinite(monetaryValue))
            throw new ArgumentOutOfRangeException(nameof(frequency), "frequency must be >= 0 and both values finite.");
        if (frequency == 0) return MeanSpend;
        return P * (Gamma + frequency * monetaryValue) / (P * frequency + Q - 1);
    }

    /// <summary>Batch form of <see cref="ConditionalExpectedAverageSpend(double, double)"/>.</summary>
    public void ConditionalExpectedAverageSpend(ReadOnlySpan<double> frequency, ReadOnlySpan<double> monetaryValue, Span<double> destination)
    {
        if (frequency.Length != monetaryValue.Length || destination.Length != frequency.Length)
            throw new ArgumentException("Every span needs the same length.");
        for (var i = 0; i < frequency.Length; i++) destination[i] = ConditionalExpectedAverageSpend(frequency[i], monetaryValue[i]);
    }

    /// <summary>
    /// Simulates mean repeat spends for customers with the given repeat frequencies: nu ~ Gamma(q, gamma),
    /// and the sum of x values Gamma(px, nu), so zbar = that sum / x (0 when x = 0).
    /// </summary>
    public double[] Simulate(ReadOnlySpan<double> frequency, int seed)
    {
        var random = new Random(seed);
        var zbar = new double[frequency.Length];
        for (var i = 0; i < frequency.Length; i++)
        {
            var nu = SimulationRandom.Gamma(random, Q, Gamma);
            zbar[i] = frequency[i] > 0 ? SimulationRandom.Gamma(random, P * frequency[i], nu) / frequency[i] : 0;
        }
        return zbar;
    }
}
