using ClvML.Configuration;
using ClvML.Persistence;

namespace ClvML.Evaluation.Reporting;

/// <summary>
/// What a run report is built from besides the files in the run's report/ and segments/ folders:
/// facts of the manifest. Training passes what it is about to write into the manifest, and
/// <c>clvml report</c> what it read back from it, so both build the same report.
/// </summary>
/// <param name="RunPath">The run directory (files are read from it).</param>
/// <param name="RunName">Run name.</param>
/// <param name="Seed">Seed of the run.</param>
/// <param name="Config">The run's resolved config.</param>
/// <param name="Data">Rows read, accepted and rejected, customers and period boundaries.</param>
/// <param name="PrimaryMetric">Metric the leaderboard is sorted by.</param>
public sealed record RunReportInput(string RunPath, string RunName, int Seed, TrainConfig Config, DataFingerprint Data, string PrimaryMetric)
{
    /// <summary>The run's warnings (manifest.json "warnings"), shown at the top of the report.</summary>
    public IReadOnlyList<RunWarning> Warnings { get; init; } = [];

    /// <summary>The input for a saved run, sorted by <paramref name="primaryMetric"/> or the run's configured metric.</summary>
    public static RunReportInput From(SavedRun run, string? primaryMetric = null) =>
        new(run.Path, run.Manifest.RunName, run.Manifest.Seed, run.Config, run.Manifest.Data, primaryMetric ?? run.Config.Evaluation.PrimaryMetric)
        {
            Warnings = run.Manifest.Warnings,
        };
}
