namespace ClvML.Evaluation.Report;

/// <summary>
/// The content of report/metrics.json: every model's holdout metrics and a description of the
/// holdout itself (customers, period, totals). Holdout values may be numbers, strings, booleans,
/// dates (written as ISO 8601 text) or null.
/// </summary>
/// <param name="Models">One entry per model, in leaderboard order.</param>
/// <param name="Holdout">Facts about the holdout in the order they are written.</param>
public sealed record MetricsDocument(IReadOnlyList<ModelMetrics> Models, IReadOnlyList<KeyValuePair<string, object?>> Holdout)
{
    /// <summary>Version of the file's layout, written as "format_version"; readers refuse newer ones.</summary>
    public const int FormatVersion = 1;

    /// <summary>The metric the leaderboard is sorted by (a <see cref="MetricNames"/> key), or null.</summary>
    public string? PrimaryMetric { get; init; }

    /// <summary>The run's warnings (as in manifest.json), written as "warnings".</summary>
    public IReadOnlyList<RunWarning> Warnings { get; init; } = [];
}
