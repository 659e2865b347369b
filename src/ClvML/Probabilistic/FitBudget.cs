using System.Diagnostics;
using System.Globalization;

namespace ClvML.Probabilistic;

/// <summary>
/// The limits of one model's fit, from its start (a subsample warm start, every start and optimiser and the
/// standard errors all count): <see cref="FitOptions.TimeLimit"/>, <see cref="FitOptions.MaximumEvaluations"/>
/// and a cancellation token. The optimisers know nothing of it; every likelihood evaluation is charged here and
/// the exception unwinds them. Likelihoods whose single evaluation can be long also poll <see cref="Expired"/>.
/// </summary>
internal sealed class FitBudget
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly string _model;
    private readonly TimeSpan? _timeLimit;
    private readonly int? _maximumEvaluations;
    private readonly CancellationToken _cancellationToken;

    private FitBudget(string model, TimeSpan? timeLimit, int? maximumEvaluations, CancellationToken cancellationToken) =>
        (_model, _timeLimit, _maximumEvaluations, _cancellationToken) = (model, timeLimit, maximumEvaluations, cancellationToken);

    /// <summary>Starts the clock of a fit of <paramref name="model"/> under the limits of <paramref name="options"/>.</summary>
    public static FitBudget Start(string model, FitOptions options, CancellationToken cancellationToken)
    {
        if (options.TimeLimit is { } limit && !(limit > TimeSpan.Zero))
            throw new ArgumentOutOfRangeException(nameof(options), limit, "TimeLimit must be positive (or null for none).");
        if (options.MaximumEvaluations is < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.MaximumEvaluations, "MaximumEvaluations must be at least 1 (or null for none).");
        cancellationToken.ThrowIfCancellationRequested();
        return new FitBudget(model, options.TimeLimit, options.MaximumEvaluations, cancellationToken);
    }

    /// <summary>No limits: for evaluating a likelihood outside a fit.</summary>
    public static FitBudget Unlimited { get; } = new("", null, null, CancellationToken.None);

    /// <summary>Likelihood evaluations charged so far.</summary>
    public int Evaluations { get; private set; }

    /// <summary>Time since the fit started.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    /// <summary>True once the fit is cancelled or past its time limit (cheap; safe to poll from worker threads).</summary>
    public bool Expired => _cancellationToken.IsCancellationRequested || (_timeLimit is { } limit && Elapsed > limit);

    /// <summary>Counts one likelihood evaluation; throws when the fit is cancelled or past a limit.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="FitLimitExceededException">The time limit or the evaluation budget is spent.</exception>
    public void Charge()
    {
        ThrowIfExpired();
        if (Evaluations >= _maximumEvaluations)
            throw new FitLimitExceededException(_model, FitLimit.Evaluations, _timeLimit, _maximumEvaluations, Evaluations, Elapsed);
        Evaluations++;
    }

    /// <summary>Throws when the fit is cancelled or past its time limit.</summary>
    public void ThrowIfExpired()
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (_timeLimit is { } limit && Elapsed is var elapsed && elapsed > limit)
            throw new FitLimitExceededException(_model, FitLimit.Time, _timeLimit, _maximumEvaluations, Evaluations, elapsed);
    }

    /// <summary><paramref name="f"/> with every evaluation charged.</summary>
    public Numerics.ObjectiveFunction Charging(Numerics.ObjectiveFunction f) => (theta, gradient) =>
    {
        Charge();
        return f(theta, gradient);
    };
}

/// <summary>Which limit stopped a fit.</summary>
public enum FitLimit
{
    /// <summary><see cref="FitOptions.TimeLimit"/>.</summary>
    Time,
    /// <summary><see cref="FitOptions.MaximumEvaluations"/>.</summary>
    Evaluations,
}

/// <summary>A fit stopped by its time limit or evaluation budget before it converged; the model is not fitted.</summary>
public sealed class FitLimitExceededException : Exception
{
    internal FitLimitExceededException(string model, FitLimit limit, TimeSpan? timeLimit, int? maximumEvaluations, int evaluations, TimeSpan elapsed)
        : base(Describe(model, limit, timeLimit, maximumEvaluations, evaluations, elapsed))
    {
        Model = model;
        Limit = limit;
        TimeLimit = timeLimit;
        MaximumEvaluations = maximumEvaluations;
        Evaluations = evaluations;
        Elapsed = elapsed;
    }

    /// <summary>The model whose fit stopped (its file name, e.g. pareto_nbd).</summary>
    public string Model { get; }
    /// <summary>The limit that stopped it.</summary>
    public FitLimit Limit { get; }
    /// <summary>The fit's time limit, if any.</summary>
    public TimeSpan? TimeLimit { get; }
    /// <summary>The fit's evaluation budget, if any.</summary>
    public int? MaximumEvaluations { get; }
    /// <summary>Likelihood evaluations done before it stopped.</summary>
    public int Evaluations { get; }
    /// <summary>Time from the start of the fit until it stopped.</summary>
    public TimeSpan Elapsed { get; }

    private static string Describe(string model, FitLimit limit, TimeSpan? timeLimit, int? maximumEvaluations, int evaluations, TimeSpan elapsed) =>
        limit == FitLimit.Time
            ? string.Create(CultureInfo.InvariantCulture,
                $"{model} exceeded the fit time limit of {timeLimit!.Value.TotalSeconds:0.######} s ({EvaluationCount(evaluations)} in {elapsed.TotalSeconds:F1} s)")
            : string.Create(CultureInfo.InvariantCulture,
                $"{model} exceeded the budget of {EvaluationCount(maximumEvaluations!.Value)} (after {elapsed.TotalSeconds:F1} s)");

    private static string EvaluationCount(int count) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} likelihood evaluation{(count == 1 ? "" : "s")}");
}
