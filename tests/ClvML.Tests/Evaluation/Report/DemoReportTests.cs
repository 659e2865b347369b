using ClvML.Evaluation.Report;

namespace ClvML.Tests.Evaluation.Report;

/// <summary>The demo report renders in every format; it is written out for a human look when asked.</summary>
public sealed class DemoReportTests
{
    [Fact]
    public void Demo_report_renders_in_every_format()
    {
        var report = DemoReport.Build();
        var html = HtmlReportWriter.Write(report);
        var markdown = MarkdownReportWriter.Write(report);
        var metrics = MetricsJson.ToJson(DemoReport.Metrics());
        Assert.Contains("<svg", html);
        Assert.Contains("| Model |", markdown);
        Assert.Contains("\"models\"", metrics);

        // Opt-in, for looking at the rendering in a browser (see the issue's "Must show").
        var directory = Environment.GetEnvironmentVariable("CLVML_REPORT_DEMO_DIR");
        if (string.IsNullOrEmpty(directory)) return;
        ReportFiles.Write(directory, report, DemoReport.Metrics());
    }

    [Fact]
    public void Report_files_are_written_together()
    {
        var directory = Path.Combine(Path.GetTempPath(), "clvml-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            var written = ReportFiles.Write(Path.Combine(directory, "report"), DemoReport.Build(), DemoReport.Metrics());
            Assert.Equal(["report/metrics.json", "report/report.html", "report/report.md"], written);
            Assert.All(written, f => Assert.True(new FileInfo(Path.Combine(directory, f)).Length > 0, f));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Leaderboard_table_has_a_column_per_metric_in_document_order()
    {
        var table = LeaderboardTable.Create(DemoReport.Metrics());
        Assert.Equal(["#", "Model", "Kind", "MAE (sorted)", "RMSE", "R²", "Bias", "Spearman", "Normalized Gini", "Decile MAPE", "Top-10% capture"],
            table.Columns.Select(c => c.Header));
        Assert.Equal(DemoReport.Models.Length, table.Rows.Count);
        Assert.Equal("31.20", table.FormattedCell(0, 3));
        Assert.Equal("-8.0%", table.FormattedCell(0, 6));
        Assert.Equal(ReportColumn.MissingValue, table.FormattedCell(6, 5)); // R² undefined for that model
    }
}
