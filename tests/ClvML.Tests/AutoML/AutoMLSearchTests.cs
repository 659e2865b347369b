using System.Diagnostics;
using ClvML.AutoML;
using ClvML.Features;
using ClvML.Linear;
using ClvML.Models;
using ClvML.Registry;
using ClvML.Tests.Trees;

namespace ClvML.Tests.AutoML;

public sealed class AutoMLSearchTests
{
    /// <summary>A trainer that takes 0.3 s per fold (five folds: 1.5 s per trial) and honours cancellation.</summary>
    private sealed class SlowSpace : TrainerSpace
    {
        public override string Name => "slow";
        public override IReadOnlyList<SearchDimension> Dimensions { get; } = [new("x", 0, 1)];
        public override double[] LowCostStart => [0.5];
        public override double[] DefaultPoint => [0.5];

        public override IRegressor Trainer(double[] point, int seed) => new SlowRidge();
    }

    private sealed class SlowRidge : IRegressor
    {
        public string Kind => "slow";

        public IRegressionModel Fit(FeatureMatrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> weights, CancellationToken cancellationToken)
        {
            cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(300));
            cancellationToken.ThrowIfCancellationRequested();
            return new Ridge().Fit(features, target, weights, cancellationToken);
        }
    }

    [Fact]
    public void The_search_stops_within_the_budget_plus_one_trial_on_a_slow_configuration()
    {
        var (x, y) = TreeTestData.Smooth(2000, seed: 1, missingShare: 0);
        var budget = TimeSpan.FromSeconds(2);
        var options = new AutoMLOptions { TimeBudget = budget, Folds = 5, Seed = 3 };
        var clock = Stopwatch.StartNew();
        var result = new AutoMLSearch(options, [ModelRegistry.Regressor("ridge").Space(false), new SlowSpace()]).Run(x, y);
        var elapsed = clock.Elapsed.TotalSeconds;
        var longestCompleted = result.Trials.Where(t => t.Status == TrialStatus.Completed).Max(t => t.Seconds);
        // The slow trainer needs 1.5 s a trial: an overrun of one slow trial would break this bound,
        // while 0.5 s leaves room for a busy CI machine's scheduling.
        Assert.True(result.SearchSeconds <= budget.TotalSeconds + longestCompleted + 0.5,
            $"search took {result.SearchSeconds:F3} s for a {budget.TotalSeconds} s budget (longest trial {longestCompleted:F3} s)");
        Assert.Contains(result.Trials, t => t.Trainer == "slow" && t.Status == TrialStatus.TimedOut);
        Assert.StartsWith("time budget", result.StopReason);
        // The clock decided which trials ran: the result says it is not reproducible, and why.
        Assert.NotNull(result.TimingDependence);
        Assert.Contains("time budget (2 s) stopped the search", result.TimingDependence);
        Assert.Contains("cut by the trial timeout", result.TimingDependence);
        Assert.Equal("ridge", result.Best.Trainer);
        Assert.True(elapsed < budget.TotalSeconds + 1.5, $"run with refit took {elapsed:F3} s");
    }

    [Fact]
    public void Cancelling_stops_the_search_inside_a_trial_instead_of_recording_a_timed_out_trial()
    {
        var (x, y) = TreeTestData.Smooth(2000, seed: 1, missingShare: 0);
        var options = new AutoMLOptions { TimeBudget = TimeSpan.FromMinutes(5), MaxTrials = 50, Folds = 5, Seed = 3 };
        using var cancel = new CancellationTokenSource();
        var seen = new List<TrialResult>();
        var cancelled = Stopwatch.StartNew();
        // The second trial is the slow trainer's first (each trainer starts once, in order): cancel as it begins.
        Assert.ThrowsAny<OperationCanceledException>(() => new AutoMLSearch(options, [ModelRegistry.Regressor("ridge").Space(false), new SlowSpace()]).Run(x, y, p =>
        {
            seen.Add(p.Last);
            if (seen.Count == 1)
            {
                cancel.CancelAfter(TimeSpan.FromMilliseconds(100));
                cancelled.Restart();
            }
        }, cancel.Token));
        // The slow trial (1.5 s) was stopped inside, not recorded as timed out and not run to its end.
        Assert.Single(seen);
        Assert.True(cancelled.Elapsed < TimeSpan.FromSeconds(1.4), $"the search took {cancelled.Elapsed.TotalSeconds:F2} s to stop");
    }

    [Fact]
    public void The_trial_budget_is_exact_and_the_search_improves_on_its_cheap_start()
    {
        var (x, y) = TreeTestData.Smooth(3000, seed: 2);
        var options = new AutoMLOptions { Trainers = ["gbdt", "ridge"], MaxTrials = 14, TimeBudget = TimeSpan.FromMinutes(5), Folds = 3, Seed = 1 };
        var result = new AutoMLSearch(options).Run(x, y);
        Assert.Equal(14, result.Trials.Count);
        Assert.StartsWith("trial budget", result.StopReason);
        Assert.Null(result.TimingDependence);
        var firstGbdt = result.Trials.First(t => t.Trainer == "gbdt");
        Assert.Equal("10", firstGbdt.Parameters["number_of_trees"]); // the cheap starting point
        Assert.True(result.Best.MetricMean < firstGbdt.MetricMean);
        Assert.Equal(result.Leaderboard[0], result.Best);
        for (var i = 1; i < result.Leaderboard.Count; i++) Assert.True(result.Leaderboard[i].MetricMean >= result.Leaderboard[i - 1].MetricMean);
        // The refitted model predicts every row.
        Assert.Equal(x.RowCount, result.Model.Predict(x).Length);
    }

    [Fact]
    public void Same_seed_gives_the_same_trials()
    {
        var (x, y) = TreeTestData.Smooth(1500, seed: 3);
        var options = new AutoMLOptions { MaxTrials = 8, TimeBudget = TimeSpan.FromMinutes(5), Folds = 3, Seed = 5, Metric = RegressionMetric.Spearman };
        var a = new AutoMLSearch(options).Run(x, y);
        var b = new AutoMLSearch(options).Run(x, y);
        Assert.Equal(a.Trials.Select(t => (t.Trainer, string.Join(";", t.Parameters), t.MetricMean)), b.Trials.Select(t => (t.Trainer, string.Join(";", t.Parameters), t.MetricMean)));
    }

    [Fact]
    public void Too_few_rows_and_non_finite_targets_are_clear_errors()
    {
        var (x, y) = TreeTestData.Smooth(9, seed: 4);
        var e = Assert.Throws<InputException>(() => new AutoMLSearch(new AutoMLOptions { Folds = 5 }).Run(x, y));
        Assert.Contains("5 folds need at least 10 customers; there are 9", e.Message);
        var (x2, y2) = TreeTestData.Smooth(100, seed: 5);
        y2[3] = double.NaN;
        e = Assert.Throws<InputException>(() => new AutoMLSearch(new AutoMLOptions { Folds = 2 }).Run(x2, y2));
        Assert.Contains("row 3", e.Message);
    }
}
