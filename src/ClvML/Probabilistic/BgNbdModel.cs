using ClvML.Numerics;

namespace ClvML.Probabilistic;

/// <summary>
/// A fitted BG/NBD model (Fader, Hardie &amp; Lee 2005). Purchase rates are Gamma(r, alpha) across
/// customers, dropout probabilities after each purchase Beta(a, b).
/// </summary>
/// <param name="R">Shape r of the purchase-rate distribution.</param>
/// <param name="Alpha">Scale alpha of the purchase-rate distribution (in the data's time unit).</param>
/// <param name="A">Beta shape a of the dropout probability.</param>
/// <param name="B">Beta shape b of the dropout probability.</param>
public sealed record BgNbdModel(double R, double Alpha, double A, double B) : ITransactionModel, ISharedForecastModel
{
    /// <summary>The config name of this model.</summary>
    public const string ModelName = "bgnbd";
    internal static readonly string[] ParameterNames = ["r", "alpha", "a", "b"];

    /// <inheritdoc cref="BgNbdModel"/>
    public double R { get; } = ModelArguments.Positive(R, "r");
    /// <inheritdoc cref="BgNbdModel"/>
    public double Alpha { get; } = ModelArguments.Positive(Alpha, "alpha");
    /// <inheritdoc cref="BgNbdModel"/>
    public double A { get; } = ModelArguments.Positive(A, "a");
    /// <inheritdoc cref="BgNbdModel"/>
    public double B { get; } = ModelArguments.Positive(B, "b");

    /// <inheritdoc/>
    public string Name => ModelName;
    /// <inheritdoc/>
    public IReadOnlyList<KeyValuePair<string, double>> Parameters => [new("r", R), new("alpha", Alpha), new("a", A), new("b", B)];
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

    /// <summary>E[X(t)] (FHL 2005 eq. 9): (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))]; for a &lt; 1 both factors change sign and the product stays correct (a = 1 exactly is a removable singularity).</summary>
    public double ExpectedPurchases(double t)
    {
        ModelArguments.Horizon(t);
        if (t == 0) return 0;
        var z = t / (Alpha + t);
        var log = Hypergeometric.Log2F1(R, B, A + B - 1, z, out var sign) + R * Math.Log(Alpha / (Alpha + t));
        return (A + B - 1) / (A - 1) * (1 - sign * Math.Exp(log));
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T] (FHL 2005 eq. 10). The factor ((alpha+T)/(alpha+T+t))^(r+x) and the 2F1 are
    /// combined in log space: for hundreds of purchases each alone over- or underflows.
    /// </summary>
    public double ConditionalExpectedPurchases(double t, double frequency, double recency, double T)
    {
        ModelArguments.Horizon(t);
        ModelArguments.History(frequency, recency, T);
        if (t == 0) return 0;
        return ((ISharedForecastModel)this).SharedForecast(t, frequency, T) * ProbabilityAlive(frequency, recency, T);
    }

    /// <summary>The numerator of FHL 2005 eq. 10, which depends on x and T only.</summary>
    double ISharedForecastModel.SharedForecast(double t, double frequency, double T)
    {
        var x = frequency;
        var z = t / (Alpha + T + t);
        var log = Hypergeometric.Log2F1(R + x, B + x, A + B + x - 1, z, out var sign) + (R + x) * LogSpace.Log1p(-z);
        return (A + B + x - 1) / (A - 1) * (1 - sign * Math.Exp(log));
    }

    bool ISharedForecastModel.TrySharedForecast(ReadOnlySpan<double> t, double frequency, double T, Span<double> shared) =>
        EulerFormForecast.TryShared(t, T, Alpha, A, A + B - 1 - R, A + B + frequency - 1, shared);

    void ISharedForecastModel.ForecastFromShared(ReadOnlySpan<double> t, ReadOnlySpan<double> shared, double frequency, double probabilityAlive, Span<double> destination) =>
        EulerFormForecast.FromShared(t, shared, A, A + B + frequency - 1, probabilityAlive, destination);

    /// <summary>
    /// The conditional expectation at several horizons of one customer (the monthly steps of CLV):
    /// P(alive) once, and the 2F1 in its Euler form summed once for all horizons (<see cref="EulerFormForecast"/>).
    /// </summary>
    public void ConditionalExpectedPurchases(ReadOnlySpan<double> t, double frequency, double recency, double T, Span<double> destination) =>
        EulerFormForecast.ConditionalExpectedPurchases(this, t, frequency, recency, T, Alpha, A, A + B - 1 - R, A + B + frequency - 1, destination);

    /// <summary>P(alive | x, t_x, T) (the denominator of FHL 2005 eq. 10; Fader, Hardie &amp; Lee 2008, "Computing P(alive) using the BG/NBD model"): 1 for x = 0, else 1/(1 + a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)).</summary>
    public double ProbabilityAlive(double frequency, double recency, double T)
    {
        ModelArguments.History(frequency, recency, T);
        if (frequency == 0) return 1.0;
        var log = Math.Log(A / (B + frequency - 1)) + (R + frequency) * (Math.Log(Alpha + T) - Math.Log(Alpha + recency));
        return 1.0 / (1.0 + Math.Exp(log));
    }

    /// <summary>
    /// P(X(t) = n) (FHL 2005 eq. 8): B(a, b+n)/B(a, b) NBD(n) + [n &gt; 0] B(a+1, b+n-1)/B(a, b) (1 - sum_{j&lt;n} NBD(j)),
    /// where NBD(j) = Gamma(r+j)/(Gamma(r) j!) (alpha/(alpha+t))^r (t/(alpha+t))^j.
    /// </summary>
    public double ProbabilityOfPurchases(int n, double t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ModelArguments.Horizon(t);
        if (t == 0) return n == 0 ? 1 : 0;
        var lnBeta = LogSpace.LogBeta(A, B);
        var first = Math.Exp(LogSpace.LogBeta(A, B + n) - lnBeta + Nbd.LogProbability(n, R, Alpha, t));
        if (n == 0) return first;
        return first + Math.Exp(LogSpace.LogBeta(A + 1, B + n - 1) - lnBeta) * Nbd.Tail(n, R, Alpha, t);
    }

    /// <summary>
    /// Simulates customers of ages <paramref name="T"/> from the model's generative story (FHL 2005 section 3):
    /// each draws lambda ~ Gamma(r, alpha) and p ~ Beta(a, b), purchases as a Poisson process at rate
    /// lambda and drops out after each purchase with probability p.
    /// </summary>
    /// <param name="T">Ages of the customers.</param>
    /// <param name="seed">Seed of the random stream; the same seed gives the same customers.</param>
    /// <param name="period">When &gt; 0, recency is rounded down to a multiple of it (as features built from daily data are).</param>
    public SimulatedCustomers Simulate(ReadOnlySpan<double> T, int seed, double period = 0) =>
        SimulatedCustomers.Run(T, seed, period, (random, age) =>
        {
            var lambda = SimulationRandom.Gamma(random, R, Alpha);
            var p = SimulationRandom.Beta(random, A, B);
            double time = 0, last = 0;
            var x = 0;
            while (true)
            {
                time += SimulationRandom.Exponential(random, lambda);
                if (time > age) break;
                x++;
                last = time;
                if (random.NextDouble() < p) break;
            }
            return (x, last);
        });
}
