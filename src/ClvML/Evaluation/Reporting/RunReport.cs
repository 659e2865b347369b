using System.Globalization;
using ClvML.Evaluation.Diagnostics;
using ClvML.Evaluation.Holdout;
using ClvML.Evaluation.Report;
using ClvML.Numerics;

namespace ClvML.Evaluation.Reporting;

/// <summary>
/// The evaluation report of a run (issue 6): built only from files saved in the run (report/holdout_predictions.csv,
/// report/diagnostics.json, the segments/ tables) and manifest facts, so that training and
/// <c>clvml report --run</c> write byte-identical report.html, report.md and metrics.json.
/// The written report files are not listed in the manifest: they are derived from verified files
/// and may be rebuilt (for example sorted by another metric) without touching the run's hashes.
/// </summary>
public static partial class RunReport
{
    /// <summary>Path of the diagnostics file inside a run directory.</summary>
    public const string DiagnosticsPath = "report/diagnostics.json";

    /// <summary>How many models get a decile chart: the leaderboard's top ones (more make the page long without telling more).</summary>
    public const int DecileChartModels = 4;

    /// <summary>Builds the report and the metrics of the run described by <paramref name="input"/>.</summary>
    public static (ReportDocument Report, MetricsDocument Metrics) Build(RunReportInput input)
    {
        var diagnosticsPath = Path.Combine(input.RunPath, DiagnosticsPath);
        var diagnostics = File.Exists(diagnosticsPath) ? DiagnosticsJson.ReadFile(diagnosticsPath) : new RunDiagnostics();
        var predictionsPath = Path.Combine(input.RunPath, HoldoutPredictionsCsv.RelativePath);
        var holdout = File.Exists(predictionsPath) ? HoldoutPredictionsCsv.Read(predictionsPath, diagnostics.Models) : null;
        // Never ranked on an empty holdout: every forecast would be judged against zeros. Training refuses
        // such periods; a summary input or a run saved before that check can still have one.
        var ranked = holdout is null || holdout.Predictions.Count == 0 || IsEmpty(holdout) ? null
            : HoldoutLeaderboard.Rank(holdout.Predictions, holdout.ActualSpend, holdout.ActualPurchases, input.PrimaryMetric);

        var report = new ReportDocument($"ClvML run {input.RunName}") { Subtitle = Subtitle(input) };
        AddSummary(report.AddSection("Summary"), input, diagnostics, holdout, ranked);
        if (holdout is not null && ranked is not null)
        {
            AddLeaderboard(report.AddSection("Leaderboard"), input, holdout, ranked, diagnostics);
            AddDeciles(report.AddSection("Decile tables"), holdout, ranked);
        }
        if (File.Exists(Path.Combine(input.RunPath, RegressionLeaderboardPath)))
            AddRegressionSearch(report.AddSection("Regression search"), input.RunPath);
        if (diagnostics.RepeatPurchases is not null || diagnostics.Tracking is not null || diagnostics.Alive is not null)
            AddBtyd(report.AddSection("BTYD diagnostics"), input, diagnostics, holdout);
        AddSegments(report.AddSection("Segments"), input, holdout, ranked);
        AddData(report.AddSection("Data"), input);
        return (report, Metrics(input, holdout, ranked, diagnostics));
    }

    /// <summary>
    /// Builds the report and writes the formats of <c>evaluation.report</c> (html, markdown, json)
    /// into the run's report/ folder; returns the paths written, relative to the run.
    /// </summary>
    public static IReadOnlyList<string> Write(RunReportInput input, IReadOnlyList<string> formats)
    {
        var (report, metrics) = Build(input);
        var folder = Path.Combine(input.RunPath, ReportFiles.Folder);
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        if (formats.Contains("json"))
        {
            MetricsJson.WriteFile(metrics, Path.Combine(folder, ReportFiles.MetricsFile));
            written.Add($"{ReportFiles.Folder}/{ReportFiles.MetricsFile}");
        }
        if (formats.Contains("html"))
        {
            HtmlReportWriter.WriteFile(report, Path.Combine(folder, ReportFiles.HtmlFile));
            written.Add($"{ReportFiles.Folder}/{ReportFiles.HtmlFile}");
        }
        if (formats.Contains("markdown"))
        {
            MarkdownReportWriter.WriteFile(report, Path.Combine(folder, ReportFiles.MarkdownFile));
            written.Add($"{ReportFiles.Folder}/{ReportFiles.MarkdownFile}");
        }
        return written;
    }

    private static string Subtitle(RunReportInput input)
    {
        var d = input.Data;
        var parts = new List<string> { $"seed {input.Seed}", $"{d.Customers:N0} customers" };
        if (d.CalibrationEnd is { } end)
            parts.Add(d.ObservationEnd is { } obs && obs > end ? $"calibration {Date(d.FirstTransaction)} to {Date(end)}, holdout to {Date(obs)}" : $"data {Date(d.FirstTransaction)} to {Date(end)}");
        parts.Add($"time unit {input.TimeUnit.ToString().ToLowerInvariant()}");
        return string.Join(" · ", parts);
    }

    private static MetricsDocument Metrics(RunReportInput input, HoldoutTable? holdout, IReadOnlyList<RankedModel>? ranked, RunDiagnostics diagnostics)
    {
        var facts = new List<KeyValuePair<string, object?>>();
        var d = input.Data;
        if (holdout is not null)
        {
            facts.Add(KeyValuePair.Create<string, object?>("customers", holdout.CustomerIds.Count));
            facts.Add(KeyValuePair.Create<string, object?>("start", d.CalibrationEnd?.AddDays(1)));
            facts.Add(KeyValuePair.Create<string, object?>("end", d.ObservationEnd));
            facts.Add(KeyValuePair.Create<string, object?>("actual_spend", Money.Sum(holdout.ActualSpend)));
            facts.Add(KeyValuePair.Create<string, object?>("actual_purchases", holdout.ActualPurchases.Sum()));
        }
        else facts.Add(KeyValuePair.Create<string, object?>("customers", null));
        facts.Add(KeyValuePair.Create<string, object?>("time_unit", input.TimeUnit.ToString().ToLowerInvariant()));
        if (diagnostics.AutoMLWinner is { } winner) facts.Add(KeyValuePair.Create<string, object?>("automl_winner", winner));
        var models = ranked is null ? [] : HoldoutLeaderboard.ToModelMetrics(ranked)
            .Select(m => diagnostics.Fits.FirstOrDefault(f => f.Model == m.Name && m.Kind == ModelKinds.Probabilistic) is { } fit ? m with { Fit = FitFacts(fit) } : m).ToList();
        return new MetricsDocument(models, facts) { PrimaryMetric = input.PrimaryMetric, Warnings = input.Warnings };
    }

    /// <summary>A likelihood fit as metrics.json "fit" facts.</summary>
    private static IReadOnlyList<KeyValuePair<string, object?>> FitFacts(ModelFit fit)
    {
        var facts = new List<KeyValuePair<string, object?>>
        {
            KeyValuePair.Create<string, object?>("log_likelihood", fit.LogLikelihood),
            KeyValuePair.Create<string, object?>("weakly_identified", fit.WeaklyIdentified),
        };
        if (fit.Dropout is { } d)
        {
            facts.Add(KeyValuePair.Create<string, object?>("no_dropout_limit", d.AtLimit));
            facts.Add(KeyValuePair.Create<string, object?>("no_dropout_log_likelihood", d.NoDropoutLogLikelihood));
            facts.Add(KeyValuePair.Create<string, object?>("highest_dropout_probability", d.HighestDropoutProbability));
        }
        return facts;
    }

    /// <summary>Whether the holdout has no purchase or no positive spend to judge forecasts on.</summary>
    private static bool IsEmpty(HoldoutTable holdout) => holdout.ActualPurchases.Sum() == 0 || !(holdout.ActualSpend.Sum() > 0);

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "–";

    private static string Number(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);
}
