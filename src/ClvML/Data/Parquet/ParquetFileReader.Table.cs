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
    /// written, no time-zone shift; nanoseconds are truncated to .NET's 100 ns ticks). A missing
    /// number, date or timestamp is marked in the column's <see cref="TableColumn.Nulls"/> (a missing
    /// real also reads NaN, for code that looks at the values alone).
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
        var result = type.Kind switch
        {
            ParquetValueKind.Boolean or ParquetValueKind.Integer => TableColumn.OfIntegers(column.Name, Fill(parts, rows, (p, i) => p.IsNull(i) ? 0 : p.GetInteger(i))),
            ParquetValueKind.Real or ParquetValueKind.Decimal => TableColumn.OfReals(column.Name, Fill(parts, rows, (p, i) => p.IsNull(i) ? double.NaN : p.GetReal(i))),
            ParquetValueKind.Date => TableColumn.OfDates(column.Name, Fill(parts, rows, (p, i) => p.IsNull(i) ? default : DateOnly.FromDateTime(p.GetDateTime(i)))),
            ParquetValueKind.Timestamp => TableColumn.OfTimestamps(column.Name, Fill(parts, rows, (p, i) => p.IsNull(i) ? default : p.GetDateTime(i))),
            _ => TableColumn.OfText(column.Name, Fill(parts, rows, (p, i) => p.IsNull(i) ? null : p.Describe(i))),
        };
        return result.Kind != TableColumnKind.Text && parts.Any(p => p.HasNulls) ? result.WithNulls(Fill(parts, rows, (p, i) => p.IsNull(i))) : result;
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
