using System.Globalization;
using System.Reflection;
using ClvML.Evaluation.Report;
using Microsoft.Data.Analysis;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClvML.Interactive;

public static partial class NotebookTables
{
    /// <summary>
    /// The first <paramref name="rows"/> rows of a DataFrame (the feature tables and scores of ClvML.Interop, or any
    /// other): reals to six significant digits, whole numbers with thousands separators, dates as yyyy-MM-dd, text as
    /// it is, nulls empty, vectors as [a, b, ...].
    /// </summary>
    /// <param name="frame">The frame.</param>
    /// <param name="rows">Rows shown from the top.</param>
    /// <param name="caption">Text before the row count (default "DataFrame").</param>
    public static ReportTable Frame(DataFrame frame, int rows = DefaultRows, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var count = frame.Rows.Count;
        var shown = (int)Math.Min(rows, count);
        var extent = shown == count ? Invariant($"all {count:N0} rows") : Invariant($"the first {shown:N0} of {count:N0} rows");
        return Filled(frame, shown, $"{caption ?? "DataFrame"}: {extent}, {frame.Columns.Count:N0} columns");
    }

    /// <summary>
    /// The first <paramref name="rows"/> rows of an ML.NET <see cref="IDataView"/> (a pipeline's output, say), read
    /// with one cursor and shown as <see cref="Frame"/> shows a DataFrame; key columns show their key numbers, a
    /// column of another type its type name. Hidden columns (those a later column of the same name replaced) are left out.
    /// </summary>
    /// <param name="view">The data view; a DataFrame is shown as one.</param>
    /// <param name="rows">Rows shown from the top.</param>
    /// <param name="caption">Text before the row count (default "IDataView").</param>
    /// <param name="columns">The columns to show, in this order (default: all).</param>
    /// <exception cref="ArgumentException">A column of <paramref name="columns"/> is not in the view.</exception>
    public static ReportTable View(IDataView view, int rows = DefaultRows, string? caption = null, IReadOnlyList<string>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if (view is DataFrame frame && columns is null) return Frame(frame, rows, caption);
        var shown = columns is null ? [.. view.Schema.Where(c => !c.IsHidden)]
            : columns.Select(name => view.Schema.GetColumnOrNull(name) ?? throw new ArgumentException($"The view has no column '{name}'.", nameof(columns))).ToList();
        var table = new List<object?[]>();
        using (var cursor = view.GetRowCursor(shown))
        {
            var getters = shown.Select(c => Getter(cursor, c)).ToList();
            while (table.Count < rows && cursor.MoveNext()) table.Add([.. getters.Select(get => FrameCell(get()))]);
        }
        // A view may not know its length without a pass over it (a filter, say); then only the shown rows are counted.
        var extent = view.GetRowCount() is { } count
            ? table.Count == count ? Invariant($"all {count:N0} rows") : Invariant($"the first {table.Count:N0} of {count:N0} rows")
            : Invariant($"the first {table.Count:N0} rows");
        var result = new ReportTable(shown.Select(c => ColumnFor(c.Name, c.Type.RawType)), $"{caption ?? "IDataView"}: {extent}, {shown.Count:N0} columns");
        foreach (var row in table) result.AddRow(row);
        return result;
    }

    private static ReportTable Filled(DataFrame frame, int rows, string caption)
    {
        var table = new ReportTable(frame.Columns.Select(FrameColumn), caption);
        for (var row = 0; row < rows; row++)
            table.AddRow([.. frame.Columns.Select(c => FrameCell(c[row]))]);
        return table;
    }

    private static ReportColumn FrameColumn(DataFrameColumn column) => ColumnFor(column.Name, column.DataType);

    private static ReportColumn ColumnFor(string name, Type type) =>
        type == typeof(double) || type == typeof(float) ? ReportColumn.Number(name, "G6")
        : type.IsPrimitive && type != typeof(bool) && type != typeof(char) ? ReportColumn.Number(name)
        : ReportColumn.Text(name);

    /// <summary>A boxing getter of the column's raw type, whatever it is (a key column's is uint, a vector's VBuffer).</summary>
    private static Func<object?> Getter(DataViewRowCursor cursor, DataViewSchema.Column column) =>
        (Func<object?>)typeof(NotebookTables).GetMethod(nameof(TypedGetter), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(column.Type.RawType).Invoke(null, [cursor, column])!;

    private static Func<object?> TypedGetter<T>(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var get = cursor.GetGetter<T>(column);
        return () =>
        {
            T value = default!;
            get(ref value);
            return value;
        };
    }

    private static object? FrameCell(object? value) => value switch
    {
        VBuffer<double> vector => Vector(vector.DenseValues().Select(v => v.ToString("G6", CultureInfo.InvariantCulture))),
        VBuffer<float> vector => Vector(vector.DenseValues().Select(v => v.ToString("G6", CultureInfo.InvariantCulture))),
        VBuffer<int> vector => Vector(vector.DenseValues().Select(v => v.ToString(CultureInfo.InvariantCulture))),
        VBuffer<ReadOnlyMemory<char>> vector => Vector(vector.DenseValues().Select(v => v.ToString())),
        ReadOnlyMemory<char> text => text.ToString(),
        string or DateTime or bool or null => value,
        IFormattable => value,
        // A type the table cannot write (a vector of another element type, an image) shows as its type.
        _ => $"({value.GetType().Name})",
    };

    private static string Vector(IEnumerable<string> values) => "[" + string.Join(", ", values) + "]";
}
