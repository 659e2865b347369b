using System.CommandLine;
using ClvML.Evaluation;
using ClvML.Evaluation.Reporting;
using ClvML.Persistence;
using ClvML.Training;

namespace ClvML.Cli;

/// <summary>
/// <c>clvml report --run models/RUN [--primary-metric NAME]</c>: rebuilds report/report.html,
/// report.md and metrics.json (the formats of the run's <c>evaluation.report</c>) from the saved run
/// alone, in place, and says so first. The run is opened with every hash verified; the report files are
/// derived files outside the manifest, so rewriting them leaves the run verifiable, and rebuilding without
/// <c>--primary-metric</c> gives back exactly what training wrote.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(CliConsole console)
    {
        var run = new Option<string>("--run", "-r") { Description = "The run directory written by 'clvml train'.", Required = true };
        var metric = new Option<string?>("--primary-metric")
        {
            Description = $"Sort the leaderboard by this metric instead of the run's evaluation.primary_metric: {string.Join(", ", HoldoutMetrics.Names)}.",
        };
        var command = new Command("report", "Rebuild a run's evaluation report from its saved files.") { run, metric };
        command.SetAction(parsed =>
        {
            var primary = parsed.GetValue(metric);
            if (primary is not null && !HoldoutMetrics.Names.Contains(primary))
                throw new InputException($"--primary-metric: '{primary}' is not a metric; use one of {string.Join(", ", HoldoutMetrics.Names)}.");
            var saved = SavedRun.Open(parsed.GetValue(run)!);
            var formats = saved.Config.Evaluation.Report;
            if (formats.Count == 0)
                throw new InputException($"{Path.Combine(saved.Path, "manifest.json")}: the run's evaluation.report is empty, so it has no report to rebuild.");
            var input = ReportStage.InputFor(saved, primary);
            var written = RunReport.Write(input, formats);
            var trained = saved.Config.Evaluation.PrimaryMetric;
            // The report files are replaced in place, so say so, and say how to get the run's own ranking back.
            console.Out.WriteLine(input.PrimaryMetric == trained
                ? $"replaced the run's report, ranked by {trained} (the run's evaluation.primary_metric):"
                : $"replaced the run's report, now ranked by {input.PrimaryMetric} instead of the run's evaluation.primary_metric {trained} "
                    + $"('clvml report --run {parsed.GetValue(run)}' without --primary-metric restores it):");
            foreach (var file in written) console.Out.WriteLine(Path.Combine(saved.Path, file));
            return CliApp.Ok;
        });
        return command;
    }
}
