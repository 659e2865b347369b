using System.Globalization;
using ClvML.Data;
using ClvML.Data.Tables;
using ClvML.Evaluation.Report;
using ClvML.Features;

namespace ClvML.Interactive;

/// <summary>
/// The tables <see cref="ClvMLFormatters"/> shows for ClvML's results, as <see cref="ReportTable"/>s: call these
/// directly to show more rows, or to put the same table into a report of your own
/// (<see cref="MarkdownReportWriter"/>, <see cref="HtmlReportWriter"/>).
/// </summary>
public static partial class NotebookTables
{
    /// <summary>Rows shown of a long table when no other number is given.</summary>
    public const int DefaultRows = 20;

    /// <summary>
    /// The first <paramref name="rows"/> rows of a typed table: whole numbers with thousands separators, reals to
    /// six significant digits, dates as yyyy-MM-dd.
    /// </summary>
    public static ReportTable Rows(ColumnTable table, int rows = DefaultRows, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var shown = Math.Min(rows, table.RowCount);
        var extent = shown == table.RowCount ? Invariant($"all {table.RowCount:N0} rows") : Invariant($"the first {shown:N0} of {table.RowCount:N0} rows");
        var result = new ReportTable(table.Columns.Select(Column), $"{caption ?? table.Name}: {extent}");
        for (var row = 0; row < shown; row++)
            result.AddRow([.. table.Columns.Select(c => Cell(c, row))]);
        return result;
    }

    /// <summary>The first <paramref name="rows"/> customers of a feature table, with features.csv's columns.</summary>
    public static ReportTable Features(CustomerFeatureTable table, int rows = DefaultRows)
    {
        ArgumentNullException.ThrowIfNull(table);
        var window = table.Window;
        var caption = $"Customer features (recency and T in {table.TimeUnit.ToString().ToLowerInvariant()}s"
            + (window.CalibrationEnd is { } end ? Invariant($", calibration to {end:yyyy-MM-dd}") : "")
            + (window.ObservationEnd is { } observed && table.Holdout is not null ? Invariant($", holdout to {observed:yyyy-MM-dd}") : "") + ")";
        return Rows(FeatureColumnTable.From(table), rows, caption);
    }

    /// <summary>Rows read = accepted + rejected, and the rejected rows by reason.</summary>
    public static ReportTable Rejects(RejectLog rejects)
    {
        ArgumentNullException.ThrowIfNull(rejects);
        var table = new ReportTable([ReportColumn.Text("Rows"), ReportColumn.Number("Count")], $"Rows of {Path.GetFileName(rejects.SourceName)}");
        table.AddRow("read", rejects.RowsRead);
        table.AddRow("accepted", rejects.Accepted);
        table.AddRow("rejected", rejects.Rejected);
        foreach (var (reason, count) in rejects.RejectedByReason.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal))
            table.AddRow($"rejected: {reason}", count);
        return table;
    }

    private static ReportColumn Column(TableColumn column) => column.Kind switch
    {
        TableColumnKind.Integer => ReportColumn.Number(column.Name),
        TableColumnKind.Real => ReportColumn.Number(column.Name, "G6"),
        _ => ReportColumn.Text(column.Name),
    };

    private static object? Cell(TableColumn column, int row) => column.Kind switch
    {
        TableColumnKind.Integer => column.Integers.Span[row],
        TableColumnKind.Real => column.Reals.Span[row],
        TableColumnKind.Date => column.Dates.Span[row],
        TableColumnKind.Timestamp => column.Timestamps.Span[row],
        _ => column.Text?[row],
    };

    /// <summary>Numbers and dates in captions are written the same whatever the kernel's culture.</summary>
    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
