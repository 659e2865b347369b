using ClvML.Data.Tables;

namespace ClvML.Data.Parquet.Writing;

/// <summary>
/// Writes a <see cref="ColumnTable"/> (features, scores, a transaction log) as a Parquet file:
/// text as BYTE_ARRAY STRING, integers as INT64, reals as DOUBLE, dates as INT32 DATE, timestamps
/// as INT64 TIMESTAMP(MICROS); a column is OPTIONAL when it holds a missing value (a null text
/// entry, or a row marked in <see cref="TableColumn.Nulls"/>), REQUIRED otherwise; one row group per
/// <see cref="ParquetWriterOptions.RowGroupRows"/> rows.
/// </summary>
public static class ParquetTableWriter
{
    /// <summary>Writes <paramref name="table"/> to <paramref name="path"/> atomically (a temporary file renamed into place).</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public static void Write(ColumnTable table, string path, ParquetWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var writer = new ParquetFileWriter(path, table.Columns.Select(ParquetColumnSpec.For).ToList(), options);
        writer.WriteRows(table);
        writer.Complete();
    }
}
