namespace ClvML.Evaluation.Report;

/// <summary>
/// A table of cells under typed columns. Cells are kept as values (numbers, text, dates, null)
/// and formatted by their column when written, so that the Markdown and HTML outputs agree.
/// </summary>
public sealed class ReportTable : ReportBlock
{
    private readonly List<object?[]> _rows = [];

    /// <summary>Creates an empty table with its columns.</summary>
    public ReportTable(IEnumerable<ReportColumn> columns, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Columns = [.. columns];
        if (Columns.Count == 0) throw new ArgumentException("A table needs at least one column.", nameof(columns));
        Caption = caption;
    }

    /// <summary>The columns.</summary>
    public IReadOnlyList<ReportColumn> Columns { get; }

    /// <summary>Caption above the table, or null.</summary>
    public string? Caption { get; }

    /// <summary>Rows of raw cell values, one per column.</summary>
    public IReadOnlyList<IReadOnlyList<object?>> Rows => _rows;

    /// <summary>Appends a row; it must have one cell per column.</summary>
    public ReportTable AddRow(params object?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != Columns.Count)
            throw new ArgumentException($"Table '{Caption ?? Columns[0].Header}' has {Columns.Count} columns; the row has {cells.Length} cells.", nameof(cells));
        _rows.Add((object?[])cells.Clone());
        return this;
    }

    /// <summary>The cell at (<paramref name="row"/>, <paramref name="column"/>) as its column writes it.</summary>
    public string FormattedCell(int row, int column) => Columns[column].FormatCell(_rows[row][column]);
}
