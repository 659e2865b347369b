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

        // Opt-in, for looking at the rendering in a browser (see the "Must show").
        var directory = Environment.GetEnvironmentVariable("CLVML_REPORT_DEMO_DIR");
        if (string.IsNullOrEmpty(directory)) return;
        Directory.CreateDirectory(directory);
        HtmlReportWriter.WriteFile(report, Path.Combine(directory, "report.html"));
        MarkdownReportWriter.WriteFile(report, Path.Combine(directory, "report.md"));
        MetricsJson.WriteFile(DemoReport.Metrics(), Path.Combine(directory, "metrics.json"));
    }
}
