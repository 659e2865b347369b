using System.Text;
using ClvML.Data.Output;
using ClvML.Evaluation.Charts;

namespace ClvML.Evaluation.Report;

/// <summary>
/// Writes a <see cref="ReportDocument"/> as one self-contained HTML file: inline CSS and inline SVG, no
/// script, no font or style fetched from anywhere, so it opens the same from a run directory,
/// an e-mail attachment or an air-gapped machine.
/// </summary>
public static class HtmlReportWriter
{
    /// <summary>Returns the report as an HTML document.</summary>
    public static string Write(ReportDocument report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var anchors = new ReportAnchors(report);
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(report.Title)).Append("</title>\n")
            .Append("<style>\n").Append(HtmlReportStyle.Css).Append("</style>\n</head>\n<body>\n<main>\n<header>\n")
            .Append("<h1>").Append(Encode(report.Title)).Append("</h1>\n");
        if (report.Subtitle is { } subtitle) html.Append("<p class=\"subtitle\">").Append(Encode(subtitle)).Append("</p>\n");
        html.Append("</header>\n");
        WriteContents(html, report, anchors);
        foreach (var section in report.Sections) WriteSection(html, section, anchors, 2);
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Writes the report to <paramref name="path"/> as UTF-8 (without a byte-order mark).</summary>
    public static void WriteFile(ReportDocument report, string path) =>
        StagedFile.Write(path, temporary => File.WriteAllText(temporary, Write(report), new UTF8Encoding(false)));

    private static void WriteContents(StringBuilder html, ReportDocument report, ReportAnchors anchors)
    {
        if (report.Sections.Count < 2) return;
        html.Append("<nav class=\"toc\" aria-label=\"Contents\">\n<h2>Contents</h2>\n");
        WriteContentsList(html, report.Sections, anchors);
        html.Append("</nav>\n");
    }

    private static void WriteContentsList(StringBuilder html, IReadOnlyList<ReportSection> sections, ReportAnchors anchors)
    {
        html.Append("<ol>\n");
        foreach (var s in sections)
        {
            html.Append("<li><a href=\"#").Append(Encode(anchors[s])).Append("\">").Append(Encode(s.Heading)).Append("</a>");
            if (s.Subsections.Count > 0)
            {
                html.Append('\n');
                WriteContentsList(html, s.Subsections, anchors);
            }
            html.Append("</li>\n");
        }
        html.Append("</ol>\n");
    }

    private static void WriteSection(StringBuilder html, ReportSection section, ReportAnchors anchors, int level)
    {
        var h = Math.Min(level, 6);
        html.Append("<section id=\"").Append(Encode(anchors[section])).Append("\">\n")
            .Append("<h").Append(h).Append('>').Append(Encode(section.Heading)).Append("</h").Append(h).Append(">\n");
        foreach (var block in section.Blocks)
        {
            switch (block)
            {
                case ReportParagraph p:
                    html.Append("<p>").Append(Encode(p.Text)).Append("</p>\n");
                    break;
                case ReportWarning w:
                    html.Append("<div class=\"warning\" role=\"note\"><strong>").Append(Encode(w.Title)).Append("</strong> ")
                        .Append(Encode(w.Text)).Append("</div>\n");
                    break;
                case ReportTable t:
                    WriteTable(html, t);
                    break;
                case ReportChart c:
                    WriteChart(html, c);
                    break;
                case ReportKeyValues kv:
                    html.Append("<dl class=\"kv\">\n");
                    foreach (var (key, value) in kv.Items)
                        html.Append("<dt>").Append(Encode(key)).Append("</dt><dd>").Append(Encode(value)).Append("</dd>\n");
                    html.Append("</dl>\n");
                    break;
                default:
                    throw new NotSupportedException($"The HTML writer does not know report blocks of type {block.GetType().Name}.");
            }
        }
        foreach (var sub in section.Subsections) WriteSection(html, sub, anchors, level + 1);
        html.Append("</section>\n");
    }

    private static void WriteTable(StringBuilder html, ReportTable table)
    {
        // The wrapper scrolls sideways on narrow screens instead of squeezing the columns.
        html.Append("<div class=\"table-wrap\">\n<table>\n");
        if (table.Caption is { } caption) html.Append("<caption>").Append(Encode(caption)).Append("</caption>\n");
        html.Append("<thead><tr>");
        foreach (var column in table.Columns)
            html.Append("<th").Append(AlignClass(column.Alignment)).Append(" scope=\"col\">").Append(Encode(column.Header)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        for (var r = 0; r < table.Rows.Count; r++)
        {
            html.Append("<tr>");
            for (var c = 0; c < table.Columns.Count; c++)
                html.Append("<td").Append(AlignClass(table.Columns[c].Alignment)).Append('>').Append(Encode(table.FormattedCell(r, c))).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n</div>\n");
    }

    private static void WriteChart(StringBuilder html, ReportChart chart)
    {
        string svg;
        try
        {
            svg = chart.Chart.ToSvg();
        }
        catch (ArgumentException e)
        {
            // A report written at the end of a long training run should not be lost to one chart
            // given data of the wrong shape: the rest is written and the failure shows in its place.
            html.Append("<p class=\"chart-error\">Chart “").Append(Encode(chart.Chart.Title)).Append("” could not be drawn: ")
                .Append(Encode(e.Message)).Append("</p>\n");
            return;
        }
        html.Append("<figure>\n").Append(svg);
        if (chart.Caption is { } caption) html.Append("<figcaption>").Append(Encode(caption)).Append("</figcaption>\n");
        html.Append("</figure>\n");
    }

    private static string AlignClass(ColumnAlignment alignment) => alignment switch
    {
        ColumnAlignment.Right => " class=\"num\"",
        ColumnAlignment.Center => " class=\"center\"",
        _ => "",
    };

    private static string Encode(string text) => SvgWriter.Escape(text);
}
