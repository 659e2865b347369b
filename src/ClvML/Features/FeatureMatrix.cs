namespace ClvML.Features;

/// <summary>
/// A numeric design matrix for the learners (trees, ridge, AutoML), stored by column:
/// <c>Columns[f][row]</c>. NaN marks a missing value.
/// </summary>
public sealed class FeatureMatrix
{
    /// <summary>Creates a matrix; every column must have the same length and names must be unique.</summary>
    public FeatureMatrix(IReadOnlyList<string> names, IReadOnlyList<double[]> columns)
    {
        if (names.Count != columns.Count) throw new ArgumentException($"{names.Count} names for {columns.Count} columns.");
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count) throw new ArgumentException("Feature names must be unique.");
        var rows = columns.Count == 0 ? 0 : columns[0].Length;
        for (var f = 0; f < columns.Count; f++)
            if (columns[f].Length != rows) throw new ArgumentException($"Column '{names[f]}' has {columns[f].Length} rows; the first has {rows}.");
        Names = names;
        Columns = columns;
        RowCount = rows;
    }

    /// <summary>Column names.</summary>
    public IReadOnlyList<string> Names { get; }
    /// <summary>Columns, one array per feature.</summary>
    public IReadOnlyList<double[]> Columns { get; }
    /// <summary>Number of rows.</summary>
    public int RowCount { get; }
    /// <summary>Number of features.</summary>
    public int FeatureCount => Columns.Count;

    /// <summary>The rows at <paramref name="rows"/>, in that order.</summary>
    public FeatureMatrix Select(ReadOnlySpan<int> rows)
    {
        var columns = new double[FeatureCount][];
        for (var f = 0; f < FeatureCount; f++)
        {
            var source = Columns[f];
            var column = new double[rows.Length];
            for (var i = 0; i < rows.Length; i++) column[i] = source[rows[i]];
            columns[f] = column;
        }
        return new FeatureMatrix(Names, columns);
    }

    /// <summary>Copies row <paramref name="row"/> into <paramref name="destination"/>.</summary>
    public void CopyRow(int row, Span<double> destination)
    {
        for (var f = 0; f < FeatureCount; f++) destination[f] = Columns[f][row];
    }
}
