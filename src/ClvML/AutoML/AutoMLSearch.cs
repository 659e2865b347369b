using System.Diagnostics;
using ClvML.Features;
using ClvML.Models;
using ClvML.Registry;

namespace ClvML.AutoML;

/// <summary>
/// Hyper-parameter search over trainers with k-fold cross-validation and hard budgets. Bounded by
/// <see cref="AutoMLOptions.MaxTrials"/>, the same seed and data give the same trials and the same model;
/// the time budget and the trial timeout are safety nets, and when either decides anything the result
/// says so (<see cref="AutoMLResult.TimingDependence"/>), because it then depends on the machine. Each trial
/// runs under a cancellation that fires at the trial timeout or at the end of the time budget,
/// whichever is first, and boosting checks it every round, so the budget is overrun by at most one
/// boosting round, never by a whole slow trial (ML.NET AutoML is reported to overrun: #6567).
/// Each trainer runs its own <see cref="LocalSearch"/> (FLAML's CFO); the next trial goes to the
/// trainer with the best result so far with probability 0.8, else to a random one.
/// </summary>
public sealed class AutoMLSearch
{
    private readonly IReadOnlyList<TrainerSpace> _spaces;

    /// <summary>Creates the search over <see cref="AutoMLOptions.Trainers"/>; options are validated at once.</summary>
    public AutoMLSearch(AutoMLOptions? options = null)
    {
        Options = options ?? new AutoMLOptions();
        Options.Validate();
        _spaces = [.. Options.Trainers.Select(name => ModelRegistry.Regressor(name).Space(Options.NonNegativeTarget))];
    }

    /// <summary>Creates the search over the given trainer spaces (a custom trainer, or a test's), ignoring <see cref="AutoMLOptions.Trainers"/>.</summary>
    public AutoMLSearch(AutoMLOptions options, IReadOnlyList<TrainerSpace> spaces)
    {
        Options = options;
        Options.Validate();
        if (spaces.Count == 0) throw new ArgumentException("At least one trainer space is needed.", nameof(spaces));
        _spaces = spaces;
    }

    /// <summary>The options in force.</summary>
    public AutoMLOptions Options { get; }

    /// <summary>Runs the search and refits the best configuration on all rows.</summary>
    /// <param name="features">The design matrix.</param>
    /// <param name="target">One finite target per row.</param>
    /// <param name="progress">Told where the search stands after every trial.</param>
    /// <param name="cancellationToken">Stops the search (and the trial running) promptly; unlike a trial timeout it ends the whole run.</param>
    /// <exception cref="InputException">Too few rows for the folds, or a target that is not finite.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public AutoMLResult Run(FeatureMatrix features, double[] target, Action<AutoMLProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var o = Options;
        if (target.Length != features.RowCount) throw new ArgumentException($"{target.Length} targets for {features.RowCount} rows.");
        if (features.RowCount < 2 * o.Folds)
            throw new InputException($"regression.automl.folds: {o.Folds} folds need at least {2 * o.Folds} customers; there are {features.RowCount}.");
        for (var i = 0; i < target.Length; i++)
            if (!double.IsFinite(target[i])) throw new InputException($"regression.target: the target of customer row {i} is {target[i]}; it must be a finite number.");

        var spaces = _spaces.ToArray();
        var searches = spaces.Select((s, i) => new LocalSearch(o.DefaultsOnly ? s.DefaultPoint : s.LowCostStart, o.Seed * 31 + i)).ToArray();
        var maxTrials = o.DefaultsOnly ? spaces.Length : o.MaxTrials;
        var folds = CrossValidation.AssignFolds(features.RowCount, o.Folds, o.Seed);
        var random = new Random(o.Seed);
        var trialTimeout = o.TrialTimeout ?? TimeSpan.FromTicks(Math.Max(o.TimeBudget.Ticks / 4, TimeSpan.TicksPerSecond));
        var trials = new List<TrialResult>();
        var points = new List<double[]>();
        double[]? bestOutOfFold = null;
        var bestLoss = double.PositiveInfinity;
        // Each trainer's best out-of-fold predictions too, so the report compares every trainer at
        // its best configuration on honest predictions without running the folds again.
        var trainerBest = new Dictionary<string, (double Loss, double[] OutOfFold)>(StringComparer.Ordinal);
        TrialResult? bestSoFar = null;
        var clock = Stopwatch.StartNew();
        string stopReason;
        var stoppedByTime = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (trials.Count >= maxTrials) { stopReason = o.DefaultsOnly ? "defaults evaluated (search off)" : $"trial budget ({maxTrials} trials)"; break; }
            var remaining = o.TimeBudget - clock.Elapsed;
            if (remaining <= TimeSpan.Zero) { stopReason = $"time budget ({o.TimeBudget.TotalSeconds:0.#} s)"; stoppedByTime = true; break; }

            // Every trainer gets its cheap starting point first; then mostly the leader.
            var t = trials.Count < spaces.Length ? trials.Count
                : random.NextDouble() < 0.8 ? Array.IndexOf(searches, searches.MinBy(s => s.BestLoss)) : random.Next(spaces.Length);
            var point = searches[t].Propose();
            using var deadline = new TrialDeadline(remaining < trialTimeout ? remaining : trialTimeout);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
            var started = clock.Elapsed;
            TrialResult result;
            var improved = false;
            try
            {
                var (mean, std, outOfFold) = CrossValidation.Score(spaces[t], point, features, target, folds, o.Metric, o.Seed + trials.Count, stop.Token);
                if (o.Metric.AsLoss(mean) < bestLoss)
                {
                    bestLoss = o.Metric.AsLoss(mean);
                    bestOutOfFold = outOfFold;
                    improved = true;
                }
                if (!trainerBest.TryGetValue(spaces[t].Name, out var current) || o.Metric.AsLoss(mean) < current.Loss)
                    trainerBest[spaces[t].Name] = (o.Metric.AsLoss(mean), outOfFold);
                result = new TrialResult(trials.Count + 1, spaces[t].Name, spaces[t].Describe(point), mean, std, (clock.Elapsed - started).TotalSeconds, TrialStatus.Completed);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                result = new TrialResult(trials.Count + 1, spaces[t].Name, spaces[t].Describe(point), double.NaN, double.NaN, (clock.Elapsed - started).TotalSeconds, TrialStatus.TimedOut);
            }
            catch (ArgumentException e)
            {
                result = new TrialResult(trials.Count + 1, spaces[t].Name, spaces[t].Describe(point), double.NaN, double.NaN, (clock.Elapsed - started).TotalSeconds, TrialStatus.Failed, e.Message);
            }
            trials.Add(result);
            points.Add(point);
            searches[t].Report(point, result.Status == TrialStatus.Completed ? o.Metric.AsLoss(result.MetricMean) : double.PositiveInfinity);
            if (improved) bestSoFar = result;
            progress?.Invoke(new AutoMLProgress(trials.Count, maxTrials, clock.Elapsed, o.TimeBudget, result, bestSoFar, o.Metric));
        }
        var searchSeconds = clock.Elapsed.TotalSeconds;
        var timedOut = trials.Count(r => r.Status == TrialStatus.TimedOut);
        string? timingDependence = null;
        if (stoppedByTime)
            timingDependence = $"the time budget ({o.TimeBudget.TotalSeconds:0.#} s) stopped the search after {trials.Count} of {maxTrials} trials";
        if (timedOut > 0)
            timingDependence = (timingDependence is null ? "" : timingDependence + "; ")
                + $"{timedOut} trial(s) were cut by the trial timeout ({trialTimeout.TotalSeconds:0.#} s)";
        var completed = trials.Where(r => r.Status == TrialStatus.Completed).ToList();
        if (completed.Count == 0)
            throw new InputException($"regression.automl: no trial completed within the budget ({o.TimeBudget.TotalSeconds:0.#} s, {trials.Count} trials); raise time_budget_seconds.");
        var best = completed.MinBy(r => (o.Metric.AsLoss(r.MetricMean), r.Trial))!;
        var bestSpace = spaces.First(s => s.Name == best.Trainer);
        var model = bestSpace.Fit(features, target, points[best.Trial - 1], o.Seed, cancellationToken);
        return new AutoMLResult(o.Metric, trials, best, model, bestOutOfFold!, searchSeconds, stopReason)
        {
            TimingDependence = timingDependence,
            OutOfFoldByTrainer = trainerBest.ToDictionary(p => p.Key, p => p.Value.OutOfFold, StringComparer.Ordinal),
        };
    }
}
