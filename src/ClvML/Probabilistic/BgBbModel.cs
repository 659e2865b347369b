using ClvML.Numerics;

namespace ClvML.Probabilistic;

/// <summary>
/// A fitted BG/BB model (Fader, Hardie &amp; Shang 2010). Time is counted in transaction opportunities:
/// t, recency and T must be whole numbers.
/// </summary>
/// <param name="Alpha">Beta shape alpha of the transaction probability p.</param>
/// <param name="Beta">Beta shape beta of the transaction probability p.</param>
/// <param name="Gamma">Beta shape gamma of the dropout probability theta.</param>
/// <param name="Delta">Beta shape delta of the dropout probability theta.</param>
public sealed record BgBbModel(double Alpha, double Beta, double Gamma, double Delta) : ITransactionModel
{
    /// <summary>The config name of this model.</summary>
    public const string ModelName = "bgbb";
    internal static readonly string[] ParameterNames = ["alpha", "beta", "gamma", "delta"];

    /// <inheritdoc cref="BgBbModel"/>
    public double Alpha { get; } = ModelArguments.Positive(Alpha, "alpha");
    /// <inheritdoc cref="BgBbModel"/>
    public double Beta { get; } = ModelArguments.Positive(Beta, "beta");
    /// <inheritdoc cref="BgBbModel"/>
    public double Gamma { get; } = ModelArguments.Positive(Gamma, "gamma");
    /// <inheritdoc cref="BgBbModel"/>
    public double Delta { get; } = ModelArguments.Positive(Delta, "delta");

    /// <inheritdoc/>
    public string Name => ModelName;
    /// <inheritdoc/>
    public IReadOnlyList<KeyValuePair<string, double>> Parameters => [new("alpha", Alpha), new("beta", Beta), new("gamma", Gamma), new("delta", Delta)];
    /// <inheritdoc/>
    public FitDiagnostics? Diagnostics { get; init; }
    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double>? StandardErrors { get; init; }

    internal static void CheckPattern(double x, double tx, double n)
    {
        if (x != Math.Floor(x) || tx != Math.Floor(tx) || n != Math.Floor(n) || x < 0 || x > tx || tx > n || (x == 0 && tx != 0))
            throw new ArgumentOutOfRangeException(nameof(x),
                $"BG/BB needs whole numbers of opportunities with 0 <= x <= t_x <= n (t_x = 0 when x = 0); got x={x}, t_x={tx}, n={n}. Use features.purchase_period equal to features.time_unit.");
    }

    /// <summary>ln L(alpha, beta, gamma, delta | x, t_x, n) (FHS 2010 eq. 5).</summary>
    public double LogLikelihood(double frequency, double recency, double n)
    {
        CheckPattern(frequency, recency, n);
        return BgBbLikelihood.LogLikelihood(Alpha, Beta, Gamma, Delta, frequency, recency, n);
    }

    /// <summary>E[X(n)] (FHS 2010 eq. 8): alpha/(alpha+beta) delta/(gamma-1) [1 - Gamma(gamma+delta)/Gamma(gamma+delta+n) Gamma(1+delta+n)/Gamma(1+delta)].</summary>
    public double ExpectedPurchases(double t)
    {
        ModelArguments.Horizon(t);
        var ratio = Math.Exp(LogSpace.LogGamma(Gamma + Delta) - LogSpace.LogGamma(Gamma + Delta + t) + LogSpace.LogGamma(1 + Delta + t) - LogSpace.LogGamma(1 + Delta));
        return Alpha / (Alpha + Beta) * Delta / (Gamma - 1) * (1 - ratio);
    }

    /// <summary>
    /// E[X(n, n+t) | x, t_x, n] (FHS 2010 eq. 13): 1/L B(alpha+x+1, beta+n-x)/B(alpha, beta) delta/(gamma-1)
    /// Gamma(gamma+delta)/Gamma(1+delta) [Gamma(1+delta+n)/Gamma(gamma+delta+n) - Gamma(1+delta+n+t)/Gamma(gamma+delta+n+t)].
    /// </summary>
    public double ConditionalExpectedPurchases(double t, double frequency, double recency, double T)
    {
        ModelArguments.Horizon(t);
        CheckPattern(frequency, recency, T);
        var n = T;
        var logL = BgBbLikelihood.LogLikelihood(Alpha, Beta, Gamma, Delta, frequency, recency, n);
        var first = Math.Exp(LogSpace.LogGamma(1 + Delta + n) - LogSpace.LogGamma(Gamma + Delta + n));
        var second = Math.Exp(LogSpace.LogGamma(1 + Delta + n + t) - LogSpace.LogGamma(Gamma + Delta + n + t));
        var log = LogSpace.LogBeta(Alpha + frequency + 1, Beta + n - frequency) - LogSpace.LogBeta(Alpha, Beta)
            + LogSpace.LogGamma(Gamma + Delta) - LogSpace.LogGamma(1 + Delta) - logL;
        return Math.Exp(log) * Delta / (Gamma - 1) * (first - second);
    }

    /// <summary>
    /// P(alive at n | x, t_x, n): B(alpha+x, beta+n-x)/B(alpha, beta) B(gamma, delta+n)/B(gamma, delta) / L
    /// (FHS 2010 eq. 11 with no periods ahead, lifetimes' default), i.e. still active after the last observed opportunity.
    /// </summary>
    public double ProbabilityAlive(double frequency, double recency, double T)
    {
        CheckPattern(frequency, recency, T);
        var logL = BgBbLikelihood.LogLikelihood(Alpha, Beta, Gamma, Delta, frequency, recency, T);
        var log = LogSpace.LogBeta(Alpha + frequency, Beta + T - frequency) - LogSpace.LogBeta(Alpha, Beta)
            + LogSpace.LogBeta(Gamma, Delta + T) - LogSpace.LogBeta(Gamma, Delta) - logL;
        return Math.Min(1.0, Math.Exp(log));
    }

    /// <summary>
    /// P(X(n) = x) (FHS 2010 eq. 7): C(n, x) B(alpha+x, beta+n-x)/B(alpha, beta) B(gamma, delta+n)/B(gamma, delta)
    /// + sum_{i=x}^{n-1} C(i, x) B(alpha+x, beta+i-x)/B(alpha, beta) B(gamma+1, delta+i)/B(gamma, delta).
    /// </summary>
    public double ProbabilityOfPurchases(int n, double t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ModelArguments.Horizon(t);
        if (t != Math.Floor(t)) throw new ArgumentOutOfRangeException(nameof(t), t, "BG/BB counts whole transaction opportunities.");
        var periods = (int)t;
        if (n > periods) return 0;
        var lnBab = LogSpace.LogBeta(Alpha, Beta);
        var lnBgd = LogSpace.LogBeta(Gamma, Delta);
        var total = Math.Exp(LogChoose(periods, n) + LogSpace.LogBeta(Alpha + n, Beta + periods - n) - lnBab + LogSpace.LogBeta(Gamma, Delta + periods) - lnBgd);
        for (var i = n; i < periods; i++)
            total += Math.Exp(LogChoose(i, n) + LogSpace.LogBeta(Alpha + n, Beta + i - n) - lnBab + LogSpace.LogBeta(Gamma + 1, Delta + i) - lnBgd);
        return total;
    }

    private static double LogChoose(int n, int k) => LogSpace.LogGamma(n + 1.0) - LogSpace.LogGamma(k + 1.0) - LogSpace.LogGamma(n - k + 1.0);

    /// <summary>
    /// Simulates customers with n opportunities each: p ~ Beta(alpha, beta), theta ~ Beta(gamma, delta); at the
    /// start of each opportunity an active customer becomes inactive with probability theta, otherwise transacts with probability p.
    /// </summary>
    /// <param name="n">Opportunities per customer (whole numbers).</param>
    /// <param name="seed">Seed of the random stream.</param>
    public SimulatedCustomers Simulate(ReadOnlySpan<double> n, int seed) =>
        SimulatedCustomers.Run(n, seed, 0, (random, periods) =>
        {
            var p = SimulationRandom.Beta(random, Alpha, Beta);
            var theta = SimulationRandom.Beta(random, Gamma, Delta);
            var x = 0;
            var last = 0;
            for (var i = 1; i <= (int)periods; i++)
            {
                if (random.NextDouble() < theta) break;
                if (random.NextDouble() < p)
                {
                    x++;
                    last = i;
                }
            }
            return (x, last);
        });
}
