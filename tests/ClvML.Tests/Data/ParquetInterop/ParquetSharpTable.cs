using ParquetSharp;

namespace ClvML.Tests.Data.ParquetInterop;

/// <summary>One column of a file as ParquetSharp (Apache Arrow's parquet-cpp) reads it, every row group appended.</summary>
/// <param name="Name">The field name.</param>
/// <param name="Physical">ParquetSharp's physical type.</param>
/// <param name="Logical">ParquetSharp's logical type (NoneLogicalType when there is none).</param>
/// <param name="IsOptional">Whether the field is OPTIONAL.</param>
/// <param name="Values">One value a row, as ParquetSharp's default mapping gives it (long, int, double, string, Date, DateTime, decimal, bool, null).</param>
internal sealed record ParquetSharpColumn(string Name, PhysicalType Physical, LogicalType Logical, bool IsOptional, object?[] Values);

/// <summary>
/// Reads a whole file with ParquetSharp, the independent reader the agreement tests hold ClvML's
/// writer to: each column through ParquetSharp's logical reader for its own type, so the values are
/// what parquet-cpp decodes, with nothing of ClvML's code on the way.
/// </summary>
internal static class ParquetSharpTable
{
    public static List<ParquetSharpColumn> Read(string path)
    {
        using var file = new ParquetFileReader(path);
        var metadata = file.FileMetaData;
        var columns = new List<(string Name, PhysicalType Physical, LogicalType Logical, bool Optional, List<object?> Values)>();
        for (var c = 0; c < metadata.NumColumns; c++)
        {
            var descriptor = metadata.Schema.Column(c);
            columns.Add((descriptor.Name, descriptor.PhysicalType, descriptor.LogicalType, descriptor.MaxDefinitionLevel > 0, []));
        }
        for (var g = 0; g < metadata.NumRowGroups; g++)
        {
            using var group = file.RowGroup(g);
            var rows = group.MetaData.NumRows;
            for (var c = 0; c < columns.Count; c++)
            {
                using var column = group.Column(c);
                using var logical = column.LogicalReader();
                columns[c].Values.AddRange(logical.Apply(new ReadAll(rows)));
            }
        }
        file.Close();
        return [.. columns.Select(c => new ParquetSharpColumn(c.Name, c.Physical, c.Logical, c.Optional, [.. c.Values]))];
    }

    /// <summary>Reads every value of a row group's column, boxed.</summary>
    private sealed class ReadAll(long rows) : ILogicalColumnReaderVisitor<object?[]>
    {
        public object?[] OnLogicalColumnReader<TValue>(LogicalColumnReader<TValue> columnReader) =>
            [.. columnReader.ReadAll(checked((int)rows)).Select(v => (object?)v)];
    }
}
