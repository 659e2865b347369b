using ClvML.Features;

namespace ClvML.Evaluation.Reporting;

/// <summary>
/// What a run report is built from besides the files in the run's report/ and segments/ folders:
/// facts of the manifest. Training passes what it is about to write into the manifest, and
/// <c>clvml report</c> what it read back from it, so both build the same report.
/// </summary>
/// <param name="RunPath">The run directory (files are read from it).</param>
/// <param name="RunName">Run name.</param>
/// <param name="Seed">Seed of the run.</param>
/// <param name="TimeUnit">The feature table's time unit (<c>features.time_unit</c>).</param>
/// <param name="PurchasePeriod">The purchase period in force (<c>features.purchase_period</c>, or the time unit).</param>
/// <param name="Data">Rows read, accepted and rejected, customers and period boundaries.</param>
/// <param name="PrimaryMetric">Metric the leaderboard is sorted by.</param>
public sealed record RunReportInput(string RunPath, string RunName, int Seed, TimeUnit TimeUnit, TimeUnit PurchasePeriod, DataFingerprint Data, string PrimaryMetric)
{
    /// <summary>The run's warnings (manifest.json "warnings"), shown at the top of the report.</summary>
    public IReadOnlyList<RunWarning> Warnings { get; init; } = [];
}
