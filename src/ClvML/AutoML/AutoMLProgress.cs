namespace ClvML.AutoML;

/// <summary>Where a running search stands after a trial, for a live status line.</summary>
/// <param name="TrialsRun">Trials run so far.</param>
/// <param name="MaxTrials">The trial budget.</param>
/// <param name="Elapsed">Wall time of the search so far.</param>
/// <param name="TimeBudget">The time budget.</param>
/// <param name="Last">The trial just finished.</param>
/// <param name="Best">The best completed trial so far, if any.</param>
/// <param name="Metric">The metric optimised.</param>
public sealed record AutoMLProgress(int TrialsRun, int MaxTrials, TimeSpan Elapsed, TimeSpan TimeBudget, TrialResult Last, TrialResult? Best, RegressionMetric Metric)
{
    /// <summary>One line: trials run of the budget, elapsed seconds of the budget, and the best so far.</summary>
    public override string ToString() =>
        $"trial {TrialsRun}/{MaxTrials}, {Elapsed.TotalSeconds:F0} s of {TimeBudget.TotalSeconds:0.#} s" +
        (Best is null ? "" : $", best {Best.Trainer} {Metric.Name()} {Best.MetricMean:G5}");
}
