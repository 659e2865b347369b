using ClvML.Evaluation.Holdout;
using ClvML.Evaluation.Report;

namespace ClvML.Evaluation.Reporting;

public static partial class RunReport
{
    /// <summary>The regression stage's leaderboard (every trial, ranked), relative to the run.</summary>
    public const string RegressionLeaderboardPath = "regression/leaderboard.csv";

    /// <summary>The regression stage's wall times per trial, relative to the run: the one file allowed to differ between two identical runs.</summary>
    public const string RegressionTimingsPath = "regression/timings.csv";

    /// <summary>
    /// One row per trainer of the AutoML search, from the saved leaderboard and timings: trials, its best
    /// cross-validated metric, and the wall time of that trial's fits. The times are the only numbers of the report
    /// that depend on the machine (and on what else it was doing).
    /// </summary>
    private static void AddRegressionSearch(ReportSection section, string runPath)
    {
        var leaderboard = RunCsvFile.Read(Path.Combine(runPath, RegressionLeaderboardPath), "trainer", "status");
        var metricColumn = leaderboard.Header.FirstOrDefault(h => h.EndsWith("_mean", StringComparison.Ordinal))
            ?? throw new InputException($"{Path.Combine(runPath, RegressionLeaderboardPath)}: no <metric>_mean column; train the run again.");
        var metric = metricColumn[..^"_mean".Length];
        var trainers = leaderboard.Text("trainer");
        var statuses = leaderboard.Text("status");
        var trials = leaderboard.Numbers("trial");
        var means = leaderboard.Numbers(metricColumn);
        var timingsPath = Path.Combine(runPath, RegressionTimingsPath);
        var seconds = new Dictionary<int, double>();
        if (File.Exists(timingsPath))
        {
            var timings = RunCsvFile.Read(timingsPath);
            var timedTrials = timings.Numbers("trial");
            var timedSeconds = timings.Numbers("seconds");
            for (var i = 0; i < timings.RowCount; i++)
                if (!double.IsNaN(timedTrials[i])) seconds[(int)timedTrials[i]] = timedSeconds[i];
        }
        double? Seconds(int row) => seconds.TryGetValue((int)trials[row], out var s) ? s : null;

        var table = new ReportTable([ReportColumn.Text("Trainer"), ReportColumn.Number("Trials", "N0"), ReportColumn.Number("Completed", "N0"),
            ReportColumn.Number($"Best CV {MetricTitle(metric)}", "G5"), ReportColumn.Number("Fit time of the best (s)", "0.00"),
            ReportColumn.Number("Fit time of all trials (s)", "0.00")], "AutoML search by trainer, best first");
        // The leaderboard lists completed trials best first, so a trainer's first completed row is its best.
        foreach (var trainer in trainers.Distinct(StringComparer.Ordinal))
        {
            var rows = Enumerable.Range(0, leaderboard.RowCount).Where(i => trainers[i] == trainer).ToList();
            var completed = rows.Where(i => statuses[i] == "Completed").ToList();
            var best = completed.Count > 0 ? completed[0] : (int?)null;
            var all = rows.Select(Seconds).ToList();
            table.AddRow(ModelDisplayNames.Of(trainer), rows.Count, completed.Count, best is { } b ? means[b] : null,
                best is { } f ? Seconds(f) : null, all.All(s => s is not null) ? all.Sum() : null);
        }
        section.AddParagraph("Each trial is a k-fold cross-validation of one configuration, so its fit time covers k fits and their predictions. "
            + $"Times are wall-clock seconds read from {RegressionTimingsPath}: they depend on the machine and its load, and are the only "
            + "numbers of this report that differ between two trainings of the same config, data and seed.");
        section.AddTable(table);
    }
}
