namespace ClvML.Clustering;

/// <summary>
/// A dense row-major matrix: row <c>i</c> is <c>Values[i * ColumnCount .. (i + 1) * ColumnCount]</c>.
/// The clustering kernels measure distances between whole rows, so they read rows contiguously;
/// <see cref="Features.FeatureMatrix"/> stores columns, which suits the tree learners instead.
/// </summary>
public sealed class DenseRows
{
    /// <summary>Wraps <paramref name="values"/> (not copied) as <paramref name="rowCount"/> rows.</summary>
    public DenseRows(double[] values, int rowCount, int columnCount)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columnCount);
        if ((long)rowCount * columnCount != values.Length)
            throw new ArgumentException($"{values.Length} values do not make {rowCount} rows of {columnCount} columns.");
        Values = values;
        RowCount = rowCount;
        ColumnCount = columnCount;
    }

    /// <summary>The values, row after row.</summary>
    public double[] Values { get; }
    /// <summary>Number of rows.</summary>
    public int RowCount { get; }
    /// <summary>Number of columns.</summary>
    public int ColumnCount { get; }

    /// <summary>Row <paramref name="row"/>.</summary>
    public ReadOnlySpan<double> Row(int row) => Values.AsSpan(row * ColumnCount, ColumnCount);

    /// <summary>The rows of equally long columns.</summary>
    public static DenseRows FromColumns(IReadOnlyList<double[]> columns)
    {
        if (columns.Count == 0) throw new ArgumentException("At least one column is needed.", nameof(columns));
        var n = columns[0].Length;
        var d = columns.Count;
        var values = new double[(long)n * d];
        for (var f = 0; f < d; f++)
        {
            var column = columns[f];
            if (column.Length != n) throw new ArgumentException($"Column {f} has {column.Length} rows; the first has {n}.", nameof(columns));
            for (var i = 0; i < n; i++) values[i * d + f] = column[i];
        }
        return new DenseRows(values, n, d);
    }

    /// <summary>The rows at <paramref name="rows"/>, in that order.</summary>
    public DenseRows Select(ReadOnlySpan<int> rows)
    {
        var values = new double[rows.Length * ColumnCount];
        for (var i = 0; i < rows.Length; i++) Row(rows[i]).CopyTo(values.AsSpan(i * ColumnCount, ColumnCount));
        return new DenseRows(values, rows.Length, ColumnCount);
    }
}
