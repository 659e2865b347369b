using ClvML.Data.Tables;

namespace ClvML.Data.Parquet;

/// <summary>A whole Parquet file as a <see cref="ColumnTable"/>, for tests, notebooks and round trips.</summary>
public sealed partial class ParquetFileReader
{
    /// <summary>
    /// Reads every column of the Parquet file at <paramref name="path"/> into a table named after the
    /// file. Column kinds: INT32/INT64 integers and BOOLEAN (0/1) become Integer; FLOAT, DOUBLE and
    /// DECIMAL become Real; DATE becomes Date; STRING (and unannotated BYTE_ARRAY that is valid UTF-8)
    /// becomes Text with null for a missing value; TIMESTAMP (INT64 or INT96) becomes Timestamp (as
    /// written, no time-zone shift; nanoseconds are truncated to .NET's 100 ns ticks). Integer, Real,
    /// Date and Timestamp columns cannot hold a missing value, so a null in an integer or decimal column
    /// makes the column Real with NaN for the nulls, and a null in a DATE or TIMESTAMP column makes it
    /// Text (ISO 8601, null for missing).
    /// </summary>
    /// <exception cref="InputException">The file is missing, corrupt, or has nested or unsupported columns ("unsupported: ...").</exception>
    public static ColumnTable ReadTable(string path)
    {
        using var reader = Open(path);
        if (reader.Schema.Unsupported.Count > 0)
            throw new ParquetFormatException(reader.Source, null, string.Join("; ", reader.Schema.Unsupported));
        var columns = reader.Schema.Columns;
        if (columns.Count == 0) throw new ParquetFormatException(reader.Source, null, "the file has no columns");
        if (reader.RowCount > Array.MaxLength)
            throw new ParquetFormatException(reader.Source, null, $"unsupported: {reader.RowCount} rows do not fit one table");
        var parts = columns.Select(_ => new List<ParquetColumnValues>()).ToArray();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var values = reader.ReadRowGroup(g, columns);
            for (var c = 0; c < columns.Count; c++) parts[c].Add(values[c]);
        }
        var table = columns.Select((column, c) => ToTableColumn(column, parts[c])).ToList();
        return new ColumnTable(Path.GetFileNameWithoutExtension(path), table);
    }

    private static TableColumn ToTableColumn(ParquetColumn column, List<ParquetColumnValues> parts)
    {
        var rows = parts.Sum(p => p.Count);
        var type = ParquetColumnType.Resolve(column, out _)!;
        var hasNulls = parts.Any(p => p.HasNulls);
        switch (type.Kind)
        {
            case ParquetValueKind.Boolean or ParquetValueKind.Integer when !hasNulls:
                return TableColumn.OfIntegers(column.Name, Fill(parts, rows, (p, i) => p.GetInteger(i)));
            case ParquetValueKind.Boolean or ParquetValueKind.Integer or ParquetValueKind.Real or ParquetValueKind.Decimal:
                return TableColumn.OfReals(column.Name, Fill(parts, rows, (p, i) => p.IsNull(i) ? double.NaN : p.GetReal(i)));
            case ParquetValueKind.Date when !hasNulls:
                return TableColumn.OfDates(column.Name, Fill(parts, rows, (p, i) => DateOnly.FromDateTime(p.GetDateTime(i))));
            case ParquetValueKind.Timestamp when !hasNulls:
                return TableColumn.OfTimestamps(column.Name, Fill(parts, rows, (p, i) => p.GetDateTime(i)));
            default:
                return TableColumn.OfText(column.Name, Fill(parts, rows, (p, i) => p.IsNull(i) ? null : p.Describe(i)));
        }
    }

    private static T[] Fill<T>(List<ParquetColumnValues> parts, int rows, Func<ParquetColumnValues, int, T> read)
    {
        var result = new T[rows];
        var at = 0;
        foreach (var part in parts)
            for (var i = 0; i < part.Count; i++) result[at++] = read(part, i);
        return result;
    }
}
