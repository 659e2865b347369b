using ClvML.Models;
using ClvML.Registry;

namespace ClvML.AutoML;

/// <summary>Options of <see cref="AutoMLSearch"/> (<c>regression.automl</c> in train.yaml).</summary>
public sealed record AutoMLOptions
{
    /// <summary>Trainers searched over.</summary>
    public IReadOnlyList<string> Trainers { get; init; } = DefaultTrainers;

    /// <summary>The trainers searched when none are named: those registered with <see cref="RegressorKind.InDefaultSearch"/>.</summary>
    public static IReadOnlyList<string> DefaultTrainers { get; } = [.. ModelRegistry.Regressors.Where(k => k.InDefaultSearch).Select(k => k.Name)];
    /// <summary>Hard wall-clock budget of the search (the final refit on all rows comes after it).</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Hard budget on the number of trials.</summary>
    public int MaxTrials { get; init; } = 200;
    /// <summary>Longest one trial may take; null means a quarter of the budget, so one slow configuration cannot eat it all.</summary>
    public TimeSpan? TrialTimeout { get; init; }
    /// <summary>Cross-validation folds.</summary>
    public int Folds { get; init; } = 5;
    /// <summary>The metric optimised.</summary>
    public RegressionMetric Metric { get; init; } = RegressionMetric.Rmse;
    /// <summary>Evaluate each trainer once at its default options instead of searching (<c>automl.enabled: false</c>).</summary>
    public bool DefaultsOnly { get; init; }
    /// <summary>Seed of the folds, the search and the models.</summary>
    public int Seed { get; init; }
    /// <summary>The target cannot be negative (spend, purchases): every model floors its predictions at 0, in the folds as after the refit.</summary>
    public bool NonNegativeTarget { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        if (Trainers.Count == 0) throw new ArgumentException("AutoMLOptions.Trainers needs at least one trainer.", nameof(Trainers));
        foreach (var name in Trainers) ModelRegistry.Regressor(name);
        if (TimeBudget <= TimeSpan.Zero) throw new ArgumentException("AutoMLOptions.TimeBudget must be positive.", nameof(TimeBudget));
        if (MaxTrials < 1) throw new ArgumentException("AutoMLOptions.MaxTrials must be at least 1.", nameof(MaxTrials));
        if (TrialTimeout is { } t && t <= TimeSpan.Zero) throw new ArgumentException("AutoMLOptions.TrialTimeout must be positive.", nameof(TrialTimeout));
        if (Folds < 2) throw new ArgumentException("AutoMLOptions.Folds must be at least 2.", nameof(Folds));
    }
}

/// <summary>How a trial ended.</summary>
public enum TrialStatus
{
    /// <summary>Every fold was fitted and scored.</summary>
    Completed,
    /// <summary>Cut by the trial timeout or the search budget.</summary>
    TimedOut,
    /// <summary>The trainer refused the configuration or the data.</summary>
    Failed,
}

/// <summary>One row of the leaderboard.</summary>
/// <param name="Trial">1-based trial number, in the order run.</param>
/// <param name="Trainer">Trainer name.</param>
/// <param name="Parameters">Hyper-parameters by name.</param>
/// <param name="MetricMean">Mean of the metric over the folds (NaN unless completed).</param>
/// <param name="MetricStd">Standard deviation of the metric over the folds.</param>
/// <param name="Seconds">Wall time of the trial.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Message">Why it failed, if it did.</param>
public sealed record TrialResult(int Trial, string Trainer, IReadOnlyDictionary<string, string> Parameters, double MetricMean, double MetricStd,
    double Seconds, TrialStatus Status, string? Message = null);

/// <summary>The outcome of a search.</summary>
/// <param name="Metric">The metric optimised.</param>
/// <param name="Trials">Every trial, in the order run.</param>
/// <param name="Best">The best completed trial.</param>
/// <param name="Model">The best configuration refitted on all rows.</param>
/// <param name="OutOfFold">The best trial's out-of-fold predictions, one per row: honest holdout predictions.</param>
/// <param name="SearchSeconds">Wall time of the search (without the refit).</param>
/// <param name="StopReason">Why the search stopped (time budget, trial budget).</param>
public sealed record AutoMLResult(RegressionMetric Metric, IReadOnlyList<TrialResult> Trials, TrialResult Best, IRegressionModel Model,
    double[] OutOfFold, double SearchSeconds, string StopReason)
{
    /// <summary>
    /// Out-of-fold predictions of each trainer's best completed trial, by trainer name (the winner's
    /// are <see cref="OutOfFold"/>); a trainer without a completed trial is absent.
    /// </summary>
    public IReadOnlyDictionary<string, double[]> OutOfFoldByTrainer { get; init; } = new Dictionary<string, double[]>();

    /// <summary>
    /// What in the result depended on wall-clock time (the time budget stopping the search, trials cut by
    /// the trial timeout), or null when the seed and data alone fixed it: only then does a second run give
    /// the same trials and the same model.
    /// </summary>
    public string? TimingDependence { get; init; }

    /// <summary>The code of the run warning that says a search depended on the clock (<see cref="TimingDependence"/>).</summary>
    public const string NotReproducibleCode = "automl_search_not_reproducible";

    /// <summary>Completed trials, best first.</summary>
    public IReadOnlyList<TrialResult> Leaderboard =>
        [.. Trials.Where(t => t.Status == TrialStatus.Completed).OrderBy(t => Metric.AsLoss(t.MetricMean)).ThenBy(t => t.Trial)];
}
