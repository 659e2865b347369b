using ClvML.Evaluation.Charts;
using ClvML.Evaluation.Report;

namespace ClvML.Tests.Evaluation.Report;

/// <summary>Markdown output: GitHub pipe tables with escaping, charts referenced by title.</summary>
public sealed class MarkdownReportWriterTests
{
    [Fact]
    public void Pipes_in_cells_are_escaped_and_line_breaks_folded()
    {
        var report = new ReportDocument("r");
        report.AddSection("Clusters").AddTable(new ReportTable([ReportColumn.Text("Cluster | name"), ReportColumn.Number("Spend", "N2")])
            .AddRow("0 | loyal", 1890.5).AddRow("two\nlines", double.NaN));
        var md = MarkdownReportWriter.Write(report);
        Assert.Contains("| Cluster \\| name | Spend |", md);
        Assert.Contains("| --- | ---: |", md);
        Assert.Contains("| 0 \\| loyal | 1,890.50 |", md);
        Assert.Contains("| two lines | – |", md);
        // Every table line has exactly as many unescaped pipes as a two-column row.
        foreach (var line in md.Split('\n').Where(l => l.StartsWith('|')))
            Assert.Equal(3, line.Replace("\\|", "").Count(c => c == '|'));
    }

    [Fact]
    public void Markup_characters_are_escaped()
    {
        Assert.Equal("x\\_1\\* \\[a\\](b) \\<br\\> #", MarkdownReportWriter.EscapeInline("x_1* [a](b) <br> #"));
        Assert.Equal("\\# not a heading", MarkdownReportWriter.EscapeInline("# not a heading"));
        Assert.Equal("a\\|b c", MarkdownReportWriter.EscapeTableCell("a|b\r\nc"));
    }

    [Fact]
    public void Paragraph_lines_that_look_like_markup_print_as_written()
    {
        var report = new ReportDocument("r");
        report.AddSection("s").AddParagraph("- not a list\n\n1. not numbered\n# not a heading\nplain 2. text");
        var md = MarkdownReportWriter.Write(report);
        Assert.Contains("\\- not a list  \n1\\. not numbered  \n\\# not a heading  \nplain 2. text\n", md);
    }

    [Fact]
    public void Charts_are_referenced_by_title_and_headings_nest()
    {
        var report = new ReportDocument("Run");
        var section = report.AddSection("Leaderboard");
        section.AddChart(new LineChart("Gain curves"), "Higher is better.");
        section.AddSection("Deciles").AddKeyValues(("Customers", "2,357"));
        report.AddSection("Data").AddParagraph("Rows read.");
        var md = MarkdownReportWriter.Write(report);
        Assert.StartsWith("# Run\n", md);
        Assert.Contains("- [Leaderboard](#leaderboard)\n  - [Deciles](#deciles)\n- [Data](#data)", md);
        Assert.Contains("_Chart: Gain curves (drawn in report.html)._ Higher is better.", md);
        Assert.Contains("### Deciles", md);
        Assert.Contains("- **Customers:** 2,357", md);
        Assert.DoesNotContain("<svg", md);
    }

    [Fact]
    public void Demo_report_has_a_table_per_table_block()
    {
        var md = MarkdownReportWriter.Write(DemoReport.Build());
        Assert.Equal(3, md.Split('\n').Count(l => l.StartsWith("| ---") || l.StartsWith("| ---:")));
        Assert.DoesNotContain("NaN", md);
    }
}
