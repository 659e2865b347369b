namespace ClvML.Evaluation.Report;

/// <summary>
/// The report files of a run directory (DESIGN.md, "Run directory"): report/metrics.json,
/// report/report.html and report/report.md, written together so they always describe the same run.
/// </summary>
public static class ReportFiles
{
    /// <summary>Folder of the report inside a run directory.</summary>
    public const string Folder = "report";

    /// <summary>File name of the metrics.</summary>
    public const string MetricsFile = "metrics.json";

    /// <summary>File name of the HTML report.</summary>
    public const string HtmlFile = MarkdownReportWriter.HtmlReportName;

    /// <summary>File name of the Markdown report.</summary>
    public const string MarkdownFile = "report.md";

    /// <summary>
    /// Writes the three files into <paramref name="reportDirectory"/> (created if missing) and returns
    /// their paths relative to the run directory ("report/metrics.json", ...), for the manifest.
    /// </summary>
    public static IReadOnlyList<string> Write(string reportDirectory, ReportDocument report, MetricsDocument metrics)
    {
        ArgumentNullException.ThrowIfNull(reportDirectory);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(metrics);
        Directory.CreateDirectory(reportDirectory);
        MetricsJson.WriteFile(metrics, Path.Combine(reportDirectory, MetricsFile));
        HtmlReportWriter.WriteFile(report, Path.Combine(reportDirectory, HtmlFile));
        MarkdownReportWriter.WriteFile(report, Path.Combine(reportDirectory, MarkdownFile));
        return [$"{Folder}/{MetricsFile}", $"{Folder}/{HtmlFile}", $"{Folder}/{MarkdownFile}"];
    }
}
