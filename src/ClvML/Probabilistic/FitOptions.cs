namespace ClvML.Probabilistic;

/// <summary>
/// How a BTYD model is fitted: maximum likelihood on log-parameters (lifetimes' convention), BFGS
/// with analytic (or central-difference) gradients from several starting points, Nelder-Mead when
/// BFGS stalls, standard errors from the Hessian. Each model's options record derives from this.
/// </summary>
public record FitOptions
{
    /// <summary>
    /// L2 penalty on the log-parameters, added to the mean negative log-likelihood per customer
    /// (0 = plain maximum likelihood, which the published figures use).
    /// </summary>
    public double Penalizer { get; init; }
    /// <summary>Compress identical (x, t_x, T) rows into weights first; the result is the same and much faster.</summary>
    public bool Compress { get; init; } = true;
    /// <summary>Starting points tried when a fit does not converge (the first that converges wins).</summary>
    public int Starts { get; init; } = 4;
    /// <summary>Iteration limit per optimiser run.</summary>
    public int MaximumIterations { get; init; } = 1000;
    /// <summary>Largest gradient component (of the mean negative log-likelihood, per log-parameter) accepted as converged.</summary>
    public double GradientTolerance { get; init; } = 1e-8;
    /// <summary>A run that stops earlier (line search) is still accepted below this gradient.</summary>
    public double AcceptedGradient { get; init; } = 1e-5;
    /// <summary>Compute standard errors from the Hessian (a few extra likelihood evaluations).</summary>
    public bool StandardErrors { get; init; } = true;
    /// <summary>Initial parameters in the model's parameter order; null = the model's own starts.</summary>
    public IReadOnlyList<double>? InitialParameters { get; init; }
    /// <summary>
    /// Wall-clock limit of the whole fit (a subsample warm start, every start and optimiser, the standard
    /// errors); null = none. A fit past it throws <see cref="FitLimitExceededException"/>.
    /// </summary>
    public TimeSpan? TimeLimit { get; init; }
    /// <summary>
    /// Limit on the likelihood evaluations of the whole fit; null = none. Unlike <see cref="TimeLimit"/> it
    /// stops a fit at the same point on every machine. A fit past it throws <see cref="FitLimitExceededException"/>.
    /// </summary>
    public int? MaximumEvaluations { get; init; }
}

/// <summary>How a likelihood fit went, saved with the model.</summary>
/// <param name="LogLikelihood">Log-likelihood at the estimate (without the penalty).</param>
/// <param name="Iterations">Optimiser iterations of the winning run.</param>
/// <param name="Evaluations">Likelihood evaluations over all runs.</param>
/// <param name="ExitReason">Why the winning run stopped.</param>
/// <param name="GradientNorm">Largest gradient component of the mean negative log-likelihood at the estimate.</param>
/// <param name="Optimizer">The optimiser of the winning run ("bfgs", "nelder-mead+bfgs").</param>
/// <param name="Starts">Starting points tried.</param>
/// <param name="WeaklyIdentified">
/// True when the data hardly determine a parameter: a log-parameter more than 3 standard errors
/// wide or beyond e^±15, or a Hessian that is not positive definite (e.g. BG/NBD's a near 0 on
/// Online Retail). The estimate is usable for prediction but its value should not be interpreted.
/// </param>
/// <param name="Customers">Customers fitted.</param>
/// <param name="Rows">Rows after compression.</param>
/// <param name="Penalizer">The L2 penalty used.</param>
public sealed record FitDiagnostics(double LogLikelihood, int Iterations, int Evaluations, string ExitReason, double GradientNorm,
    string Optimizer, int Starts, bool WeaklyIdentified, int Customers, int Rows, double Penalizer)
{
    /// <summary>Where the fit stands to the no-dropout limit (<see cref="NoDropoutLimit"/>); null for models without such a limit, or saved before it was recorded.</summary>
    public DropoutDiagnosis? Dropout { get; init; }
}

/// <summary>A fit that did not converge from any start with any optimiser; never returned as NaN parameters.</summary>
public sealed class ConvergenceException(string message) : Exception(message);
