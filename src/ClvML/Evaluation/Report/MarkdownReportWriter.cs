using System.Text;
using ClvML.Data.Output;

namespace ClvML.Evaluation.Report;

/// <summary>
/// Writes a <see cref="ReportDocument"/> as GitHub-flavoured Markdown: headings, a linked table of
/// contents, pipe tables with alignment, key-value bullet lists. Charts are not drawn (Markdown
/// has no inline vector graphics that every viewer shows); each is referenced by its title and
/// description, pointing the reader to report.html.
/// </summary>
public static class MarkdownReportWriter
{
    /// <summary>Name of the HTML report that chart references point to.</summary>
    public const string HtmlReportName = "report.html";

    /// <summary>Returns the report as Markdown.</summary>
    public static string Write(ReportDocument report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var anchors = new ReportAnchors(report);
        var md = new StringBuilder(16 * 1024);
        md.Append("# ").Append(EscapeInline(report.Title)).Append("\n\n");
        if (report.Subtitle is { } subtitle) md.Append('_').Append(EscapeInline(subtitle)).Append("_\n\n");
        if (report.Sections.Count >= 2)
        {
            md.Append("## Contents\n\n");
            WriteContents(md, report.Sections, anchors, 0);
            md.Append('\n');
        }
        foreach (var section in report.Sections) WriteSection(md, section, 2);
        return md.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>Writes the report to <paramref name="path"/> as UTF-8 (without a byte-order mark).</summary>
    public static void WriteFile(ReportDocument report, string path) =>
        StagedFile.Write(path, temporary => File.WriteAllText(temporary, Write(report), new UTF8Encoding(false)));

    /// <summary>
    /// Escapes text for a pipe-table cell: '|' would end the cell and a line break the row, so the
    /// first is backslash-escaped and the second becomes a space; inline markup characters are
    /// escaped too, so that a model name like "x_1*" prints as written.
    /// </summary>
    public static string EscapeTableCell(string text) =>
        EscapeInline(text.Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ')).Replace("|", "\\|");

    /// <summary>
    /// Escapes characters that Markdown would read as inline markup; '#' only where it would start
    /// a heading (at the start of the text), since elsewhere it is plain and an escape is noise.
    /// </summary>
    public static string EscapeInline(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        var atStart = true;
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' || (c == '#' && atStart)) escaped.Append('\\');
            escaped.Append(c);
            atStart &= char.IsWhiteSpace(c);
        }
        return escaped.ToString();
    }

    private static void WriteContents(StringBuilder md, IReadOnlyList<ReportSection> sections, ReportAnchors anchors, int depth)
    {
        foreach (var s in sections)
        {
            md.Append(' ', depth * 2).Append("- [").Append(EscapeInline(s.Heading)).Append("](#").Append(anchors[s]).Append(")\n");
            WriteContents(md, s.Subsections, anchors, depth + 1);
        }
    }

    private static void WriteSection(StringBuilder md, ReportSection section, int level)
    {
        md.Append('#', Math.Min(level, 6)).Append(' ').Append(EscapeInline(section.Heading)).Append("\n\n");
        foreach (var block in section.Blocks)
        {
            switch (block)
            {
                case ReportParagraph p:
                    md.Append(EscapeParagraph(p.Text)).Append("\n\n");
                    break;
                case ReportWarning w:
                    md.Append("> **").Append(EscapeInline(w.Title)).Append("** ").Append(EscapeInline(w.Text.Replace('\n', ' '))).Append("\n\n");
                    break;
                case ReportTable t:
                    WriteTable(md, t);
                    break;
                case ReportChart c:
                    md.Append("_Chart: ").Append(EscapeInline(c.Chart.Title)).Append(" (drawn in ").Append(HtmlReportName).Append(")._");
                    if (c.Caption is { } caption) md.Append(' ').Append(EscapeInline(caption));
                    md.Append("\n\n");
                    break;
                case ReportKeyValues kv:
                    foreach (var (key, value) in kv.Items)
                        md.Append("- **").Append(EscapeInline(key)).Append(":** ").Append(EscapeInline(value)).Append('\n');
                    md.Append('\n');
                    break;
                default:
                    throw new NotSupportedException($"The Markdown writer does not know report blocks of type {block.GetType().Name}.");
            }
        }
        foreach (var sub in section.Subsections) WriteSection(md, sub, level + 1);
    }

    private static void WriteTable(StringBuilder md, ReportTable table)
    {
        if (table.Caption is { } caption) md.Append("**").Append(EscapeInline(caption)).Append("**\n\n");
        md.Append('|');
        foreach (var column in table.Columns) md.Append(' ').Append(EscapeTableCell(column.Header)).Append(" |");
        md.Append("\n|");
        foreach (var column in table.Columns)
            md.Append(column.Alignment switch { ColumnAlignment.Right => " ---: |", ColumnAlignment.Center => " :---: |", _ => " --- |" });
        md.Append('\n');
        for (var r = 0; r < table.Rows.Count; r++)
        {
            md.Append('|');
            for (var c = 0; c < table.Columns.Count; c++) md.Append(' ').Append(EscapeTableCell(table.FormattedCell(r, c))).Append(" |");
            md.Append('\n');
        }
        md.Append('\n');
    }

    /// <summary>
    /// Paragraph text: inline markup escaped, blank lines (which would split the paragraph) folded,
    /// and line starts that Markdown reads as a list, heading or rule ("- ", "+ ", "1. ", "===")
    /// escaped so that the text prints as written.
    /// </summary>
    private static string EscapeParagraph(string text)
    {
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join("  \n", lines.Select(line =>
        {
            var escaped = EscapeInline(line);
            var body = escaped.TrimStart();
            var indent = escaped[..^body.Length];
            if (body.Length > 0 && body[0] is '-' or '+' or '=') return indent + "\\" + body;
            var digits = body.TakeWhile(char.IsAsciiDigit).Count();
            if (digits > 0 && digits < body.Length && body[digits] is '.' or ')') return indent + body[..digits] + "\\" + body[digits..];
            return escaped;
        }));
    }
}
