using System.Text.RegularExpressions;
using System.Xml.Linq;
using ClvML.Evaluation.Charts;
using ClvML.Evaluation.Report;

namespace ClvML.Tests.Evaluation.Report;

/// <summary>The HTML report is one self-contained file: no scripts, nothing fetched, links that resolve.</summary>
public sealed partial class HtmlReportWriterTests
{
    private static readonly string Html = HtmlReportWriter.Write(DemoReport.Build());

    [Fact]
    public void Html_has_no_script_and_no_external_reference()
    {
        Assert.DoesNotContain("<script", Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@font-face", Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", Html, StringComparison.OrdinalIgnoreCase);
        // The inline SVGs carry their namespace name, which is an identifier, not a fetched address.
        var withoutNamespace = Html.Replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        Assert.DoesNotContain("http:", withoutNamespace, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https:", withoutNamespace, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("//", Regex.Replace(withoutNamespace, "<style>.*?</style>", "", RegexOptions.Singleline));
        Assert.DoesNotContain("NaN", Html);
        Assert.DoesNotContain("Infinity", Html);
    }

    [Fact]
    public void Every_link_is_an_anchor_in_the_page()
    {
        var hrefs = HrefPattern().Matches(Html).Select(m => m.Groups[1].Value).ToList();
        var ids = IdPattern().Matches(Html).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Equal(5, hrefs.Count); // the table of contents
        Assert.All(hrefs, h => Assert.StartsWith("#", h));
        Assert.All(hrefs, h => Assert.Contains(h[1..], ids));
        Assert.Equal(ids.Count, IdPattern().Matches(Html).Count); // ids are unique
    }

    [Fact]
    public void Html_is_a_styled_document_with_zebra_tables_and_inline_charts()
    {
        Assert.StartsWith("<!DOCTYPE html>", Html);
        Assert.Contains("<meta charset=\"utf-8\">", Html);
        Assert.Contains("name=\"viewport\"", Html);
        Assert.Contains("tbody tr:nth-child(even)", Html);
        Assert.Contains("<nav class=\"toc\"", Html);
        Assert.Contains("<td class=\"num\">31.20</td>", Html);
        Assert.Equal(ChartSvgTests.AllCharts().Count() - 8, SvgPattern().Matches(Html).Count);
        foreach (Match svg in SvgPattern().Matches(Html)) XDocument.Parse(svg.Value);
    }

    [Fact]
    public void Text_is_escaped()
    {
        var report = new ReportDocument("A <b>bold</b> & title");
        report.AddSection("S & P").AddParagraph("<script>alert('x')</script>")
            .AddTable(new ReportTable([ReportColumn.Text("a<b")]).AddRow("<i>"))
            .AddKeyValues(("<k>", "<v>"))
            .AddChart(new LineChart("<chart>"), "<caption>");
        var html = HtmlReportWriter.Write(report);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<b>", html);
        Assert.DoesNotContain("<i>", html);
        Assert.DoesNotContain("<k>", html);
        Assert.DoesNotContain("<caption>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("id=\"s--p\"", html);
    }

    [Fact]
    public void A_chart_with_malformed_data_is_reported_in_its_place()
    {
        var report = new ReportDocument("r");
        report.AddSection("s")
            .AddChart(new BarChart("Deciles") { Categories = ["1", "2"], Series = [new BarSeries("a", [1.0])] })
            .AddParagraph("after");
        var html = HtmlReportWriter.Write(report);
        Assert.Contains("<p class=\"chart-error\">Chart “Deciles” could not be drawn: Bar chart &#39;Deciles&#39;: series &#39;a&#39; has 1 values for 2 categories.</p>", html);
        Assert.Contains("<p>after</p>", html);
    }

    [Fact]
    public void Repeated_headings_get_distinct_anchors()
    {
        var report = new ReportDocument("r");
        report.AddSection("Deciles").AddSection("Deciles");
        report.AddSection("Deciles");
        var html = HtmlReportWriter.Write(report);
        Assert.Contains("id=\"deciles\"", html);
        Assert.Contains("id=\"deciles-1\"", html);
        Assert.Contains("id=\"deciles-2\"", html);
        Assert.Contains("<h3>Deciles</h3>", html);
    }

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex HrefPattern();

    [GeneratedRegex(" id=\"([^\"]*)\"")]
    private static partial Regex IdPattern();

    [GeneratedRegex("<svg xmlns.*?</svg>\n(?=<figcaption>|</figure>)", RegexOptions.Singleline)]
    private static partial Regex SvgPattern();
}
