using ClvML.Numerics;

namespace ClvML.Probabilistic;

/// <summary>
/// A fitted MBG/NBD model (Batislam, Denizel &amp; Filiztekin 2007): purchase rates Gamma(r, alpha),
/// dropout probability Beta(a, b) applied at the first purchase and after every repeat purchase.
/// </summary>
/// <param name="R">Shape r of the purchase-rate distribution.</param>
/// <param name="Alpha">Scale alpha of the purchase-rate distribution.</param>
/// <param name="A">Beta shape a of the dropout probability.</param>
/// <param name="B">Beta shape b of the dropout probability.</param>
public sealed record ModifiedBgNbdModel(double R, double Alpha, double A, double B) : ITransactionModel, ISharedForecastModel
{
    /// <summary>The config name of this model.</summary>
    public const string ModelName = "mbgnbd";

    /// <inheritdoc cref="ModifiedBgNbdModel"/>
    public double R { get; } = ModelArguments.Positive(R, "r");
    /// <inheritdoc cref="ModifiedBgNbdModel"/>
    public double Alpha { get; } = ModelArguments.Positive(Alpha, "alpha");
    /// <inheritdoc cref="ModifiedBgNbdModel"/>
    public double A { get; } = ModelArguments.Positive(A, "a");
    /// <inheritdoc cref="ModifiedBgNbdModel"/>
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

    /// <summary>E[X(t)] (Batislam et al. 2007): b/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b+1; a+b; t/(alpha+t))].</summary>
    public double ExpectedPurchases(double t)
    {
        ModelArguments.Horizon(t);
        if (t == 0) return 0;
        var log = Hypergeometric.Log2F1(R, B + 1, A + B, t / (Alpha + t), out var sign) + R * Math.Log(Alpha / (Alpha + t));
        return B / (A - 1) * (1 - sign * Math.Exp(log));
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T] (Batislam et al. 2007): (a+b+x)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x)
    /// 2F1(r+x, b+x+1; a+b+x; t/(alpha+T+t))] P(alive), the power and the 2F1 combined in log space.
    /// </summary>
    public double ConditionalExpectedPurchases(double t, double frequency, double recency, double T)
    {
        ModelArguments.Horizon(t);
        ModelArguments.History(frequency, recency, T);
        if (t == 0) return 0;
        return ((ISharedForecastModel)this).SharedForecast(t, frequency, T) * ProbabilityAlive(frequency, recency, T);
    }

    /// <summary>(a+b+x)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(...)], which depends on x and T only.</summary>
    double ISharedForecastModel.SharedForecast(double t, double frequency, double T)
    {
        var x = frequency;
        var z = t / (Alpha + T + t);
        var log = Hypergeometric.Log2F1(R + x, B + x + 1, A + B + x, z, out var sign) + (R + x) * LogSpace.Log1p(-z);
        return (A + B + x) / (A - 1) * (1 - sign * Math.Exp(log));
    }

    bool ISharedForecastModel.TrySharedForecast(ReadOnlySpan<double> t, double frequency, double T, Span<double> shared) =>
        EulerFormForecast.TryShared(t, T, Alpha, A, A + B - R, A + B + frequency, shared);

    void ISharedForecastModel.ForecastFromShared(ReadOnlySpan<double> t, ReadOnlySpan<double> shared, double frequency, double probabilityAlive, Span<double> destination) =>
        EulerFormForecast.FromShared(t, shared, A, A + B + frequency, probabilityAlive, destination);

    /// <summary>
    /// The conditional expectation at several horizons of one customer (the monthly steps of CLV):
    /// P(alive) once, and the 2F1 in its Euler form summed once for all horizons (<see cref="EulerFormForecast"/>).
    /// </summary>
    public void ConditionalExpectedPurchases(ReadOnlySpan<double> t, double frequency, double recency, double T, Span<double> destination) =>
        EulerFormForecast.ConditionalExpectedPurchases(this, t, frequency, recency, T, Alpha, A, A + B - R, A + B + frequency, destination);

    /// <summary>P(alive | x, t_x, T) (Batislam et al. 2007): 1/(1 + a/(b+x) ((alpha+T)/(alpha+t_x))^(r+x)), below 1 even for x = 0.</summary>
    public double ProbabilityAlive(double frequency, double recency, double T)
    {
        ModelArguments.History(frequency, recency, T);
        var log = Math.Log(A / (B + frequency)) + (R + frequency) * (Math.Log(Alpha + T) - Math.Log(Alpha + recency));
        return 1.0 / (1.0 + Math.Exp(log));
    }

    /// <summary>
    /// P(X(t) = n) = B(a, b+n+1)/B(a, b) NBD(n) + B(a+1, b+n)/B(a, b) P(NBD &gt;= n): alive after n purchases
    /// with exactly n in (0, t], or dropped out at the n-th purchase (at time 0 when n = 0). The MBG/NBD
    /// analogue of FHL 2005 eq. 8, derived in the same way.
    /// </summary>
    public double ProbabilityOfPurchases(int n, double t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ModelArguments.Horizon(t);
        var lnBeta = LogSpace.LogBeta(A, B);
        var dropped = Math.Exp(LogSpace.LogBeta(A + 1, B + n) - lnBeta) * (t == 0 ? (n == 0 ? 1 : 0) : Nbd.Tail(n, R, Alpha, t));
        if (t == 0) return n == 0 ? 1 : 0;
        return Math.Exp(LogSpace.LogBeta(A, B + n + 1) - lnBeta + Nbd.LogProbability(n, R, Alpha, t)) + dropped;
    }

    /// <summary>
    /// Simulates customers of ages <paramref name="T"/>: lambda ~ Gamma(r, alpha), p ~ Beta(a, b); the customer
    /// drops out with probability p at time 0 and after each purchase.
    /// </summary>
    /// <param name="T">Ages of the customers.</param>
    /// <param name="seed">Seed of the random stream.</param>
    /// <param name="period">When &gt; 0, recency is rounded down to a multiple of it.</param>
    public SimulatedCustomers Simulate(ReadOnlySpan<double> T, int seed, double period = 0) =>
        SimulatedCustomers.Run(T, seed, period, (random, age) =>
        {
            var lambda = SimulationRandom.Gamma(random, R, Alpha);
            var p = SimulationRandom.Beta(random, A, B);
            if (random.NextDouble() < p) return (0, 0.0);
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
