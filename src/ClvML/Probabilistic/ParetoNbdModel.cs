using ClvML.Numerics;
using MathNet.Numerics.Integration;

namespace ClvML.Probabilistic;

/// <summary>
/// A fitted Pareto/NBD model (Schmittlein, Morrison &amp; Colombo 1987): purchase rates Gamma(r, alpha),
/// exponential lifetimes with rates Gamma(s, beta).
/// </summary>
/// <param name="R">Shape r of the purchase-rate distribution.</param>
/// <param name="Alpha">Scale alpha of the purchase-rate distribution.</param>
/// <param name="S">Shape s of the dropout-rate distribution.</param>
/// <param name="Beta">Scale beta of the dropout-rate distribution.</param>
public sealed record ParetoNbdModel(double R, double Alpha, double S, double Beta) : ITransactionModel
{
    /// <summary>The config name of this model.</summary>
    public const string ModelName = "pareto_nbd";
    internal static readonly string[] ParameterNames = ["r", "alpha", "s", "beta"];

    /// <inheritdoc cref="ParetoNbdModel"/>
    public double R { get; } = ModelArguments.Positive(R, "r");
    /// <inheritdoc cref="ParetoNbdModel"/>
    public double Alpha { get; } = ModelArguments.Positive(Alpha, "alpha");
    /// <inheritdoc cref="ParetoNbdModel"/>
    public double S { get; } = ModelArguments.Positive(S, "s");
    /// <inheritdoc cref="ParetoNbdModel"/>
    public double Beta { get; } = ModelArguments.Positive(Beta, "beta");

    /// <inheritdoc/>
    public string Name => ModelName;
    /// <inheritdoc/>
    public IReadOnlyList<KeyValuePair<string, double>> Parameters => [new("r", R), new("alpha", Alpha), new("s", S), new("beta", Beta)];
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

    /// <summary>The per-customer log-likelihood (FH 2005 note, eq. 18).</summary>
    public double LogLikelihood(double frequency, double recency, double T)
    {
        ModelArguments.History(frequency, recency, T);
        return ParetoNbdLikelihood.LogLikelihood(R, Alpha, S, Beta, frequency, recency, T);
    }

    /// <summary>E[X(t)] (FH 2005 note, eq. 27): r beta/(alpha (s-1)) [1 - (beta/(beta+t))^(s-1)], with its s = 1 limit.</summary>
    public double ExpectedPurchases(double t)
    {
        ModelArguments.Horizon(t);
        return R / Alpha * Beta * SurvivalIntegral(Beta, t);
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T] (FH 2005 note, eq. 41): P(alive) (r+x)(beta+T)/((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)].
    /// </summary>
    public double ConditionalExpectedPurchases(double t, double frequency, double recency, double T)
    {
        ModelArguments.Horizon(t);
        var alive = ProbabilityAlive(frequency, recency, T);
        return alive * (R + frequency) / (Alpha + T) * (Beta + T) * SurvivalIntegral(Beta + T, t);
    }

    /// <summary>The conditional expectation at several horizons of one customer, with P(alive) (a 2F1) computed once.</summary>
    public void ConditionalExpectedPurchases(ReadOnlySpan<double> t, double frequency, double recency, double T, Span<double> destination)
    {
        if (t.Length != destination.Length) throw new ArgumentException("One destination per horizon is needed.", nameof(destination));
        foreach (var h in t) ModelArguments.Horizon(h);
        var alive = ProbabilityAlive(frequency, recency, T);
        for (var m = 0; m < t.Length; m++)
            destination[m] = alive * (R + frequency) / (Alpha + T) * (Beta + T) * SurvivalIntegral(Beta + T, t[m]);
    }

    /// <summary>
    /// [1 - (b/(b+t))^(s-1)]/(s-1), the expected lifetime within (0, t] divided by b (the integral of the
    /// Pareto II survival function), computed with expm1 so s near 1 loses nothing; at s = 1 it is ln(1 + t/b).
    /// </summary>
    private double SurvivalIntegral(double b, double t)
    {
        var logRatio = -LogSpace.Log1p(t / b);
        var sm1 = S - 1;
        return Math.Abs(sm1) < 1e-12 ? -logRatio : -LogSpace.Expm1(sm1 * logRatio) / sm1;
    }

    /// <summary>P(alive | x, t_x, T) (FH 2005 note, eq. 36-37): 1/(1 + s/(r+s+x) (alpha+T)^(r+x) (beta+T)^s A0).</summary>
    public double ProbabilityAlive(double frequency, double recency, double T)
    {
        ModelArguments.History(frequency, recency, T);
        var x = frequency;
        var log = Math.Log(S) - Math.Log(R + S + x) + (R + x) * Math.Log(Alpha + T) + S * Math.Log(Beta + T)
            + ParetoNbdLikelihood.LogA0(R, Alpha, S, Beta, x, recency, T);
        return 1.0 / (1.0 + Math.Exp(log));
    }

    /// <summary>
    /// P(X(t) = n) by conditioning on the lifetime tau ~ Pareto II(s, beta) (the route of Fader &amp; Hardie's
    /// note 012, "Deriving an expression for P(X(t) = x) under the Pareto/NBD model"):
    /// P(tau &gt; t) NBD(n; t) + integral_0^t f(tau) NBD(n; tau) d tau. The integral is taken by Gauss-Legendre
    /// quadrature on geometrically growing sub-intervals (the integrand varies on the scale of min(alpha, beta)),
    /// which avoids the note's alternating 2F1 sums that cancel badly for large n.
    /// </summary>
    public double ProbabilityOfPurchases(int n, double t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ModelArguments.Horizon(t);
        if (t == 0) return n == 0 ? 1 : 0;
        var alive = Math.Exp(S * Math.Log(Beta / (Beta + t)) + Nbd.LogProbability(n, R, Alpha, t));
        double Integrand(double tau) =>
            tau <= 0 ? (n == 0 ? S / Beta : 0) : Math.Exp(Math.Log(S / Beta) + (S + 1) * Math.Log(Beta / (Beta + tau)) + Nbd.LogProbability(n, R, Alpha, tau));
        var integral = 0.0;
        var lower = 0.0;
        var width = Math.Min(t, Math.Min(Alpha, Beta)) / 8;
        while (lower < t)
        {
            var upper = Math.Min(t, lower + width);
            integral += GaussLegendreRule.Integrate(Integrand, lower, upper, 32);
            lower = upper;
            width *= 2;
        }
        return alive + integral;
    }

    /// <summary>
    /// Simulates customers of ages <paramref name="T"/>: lambda ~ Gamma(r, alpha), mu ~ Gamma(s, beta), an
    /// exponential lifetime at rate mu and Poisson purchases at rate lambda while alive.
    /// </summary>
    /// <param name="T">Ages of the customers.</param>
    /// <param name="seed">Seed of the random stream.</param>
    /// <param name="period">When &gt; 0, recency is rounded down to a multiple of it.</param>
    public SimulatedCustomers Simulate(ReadOnlySpan<double> T, int seed, double period = 0) =>
        SimulatedCustomers.Run(T, seed, period, (random, age) =>
        {
            var lambda = SimulationRandom.Gamma(random, R, Alpha);
            var mu = SimulationRandom.Gamma(random, S, Beta);
            var end = Math.Min(age, SimulationRandom.Exponential(random, mu));
            double time = 0, last = 0;
            var x = 0;
            while (true)
            {
                time += SimulationRandom.Exponential(random, lambda);
                if (time > end) break;
                x++;
                last = time;
            }
            return (x, last);
        });
}
