using System.Net;
using System.Text;
using ClvML.Evaluation.Report;

namespace ClvML.Interactive;

/// <summary>
/// A <see cref="ReportTable"/> as an HTML table for a notebook cell's output: cells written by their column
/// (the same number formats as report.html and report.md), numbers right-aligned, every text escaped. The
/// notebook front end styles it; only alignment and the caption's place are set here.
/// </summary>
internal static class ReportTableHtml
{
    public static string Write(ReportTable table)
    {
        var html = new StringBuilder("<table class=\"clvml-table\">");
        if (table.Caption is { } caption)
            html.Append("<caption style=\"caption-side: top; text-align: left; font-weight: 600\">").Append(WebUtility.HtmlEncode(caption)).Append("</caption>");
        html.Append("<thead><tr>");
        foreach (var column in table.Columns)
            html.Append("<th").Append(Alignment(column)).Append('>').Append(WebUtility.HtmlEncode(column.Header)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        for (var row = 0; row < table.Rows.Count; row++)
        {
            html.Append("<tr>");
            for (var column = 0; column < table.Columns.Count; column++)
                html.Append("<td").Append(Alignment(table.Columns[column])).Append('>').Append(WebUtility.HtmlEncode(table.FormattedCell(row, column))).Append("</td>");
            html.Append("</tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    private static string Alignment(ReportColumn column) => column.Alignment switch
    {
        ColumnAlignment.Right => " style=\"text-align: right\"",
        ColumnAlignment.Center => " style=\"text-align: center\"",
        _ => " style=\"text-align: left\"",
    };

    /// <summary>A line of text under a table (nothing for empty text).</summary>
    public static string Paragraph(string text) =>
        text.Length == 0 ? "" : $"<p style=\"margin-top: 0.4em\">{WebUtility.HtmlEncode(text)}</p>";
}
