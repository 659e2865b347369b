using System.Runtime.InteropServices;
using ClvML.Data.Tables;

namespace ClvML.Data.Parquet.Writing;

/// <summary>
/// Encodes a slice of one column as a column chunk: numbers, dates and timestamps PLAIN (INT64,
/// DOUBLE, INT32 days since 1970-01-01, INT64 microseconds since 1970-01-01T00:00), text through <see cref="TextChunkEncoder"/>; data pages of about
/// <see cref="ParquetWriterOptions.DataPageSize"/> bytes each, and the chunk's statistics.
/// </summary>
internal static class ColumnChunkEncoder
{
    /// <summary>DayNumber of 1970-01-01, the origin of the DATE logical type (LogicalTypes.md).</summary>
    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    /// <summary>Encodes rows <paramref name="start"/> .. <paramref name="start"/> + <paramref name="count"/> of <paramref name="column"/>.</summary>
    public static EncodedColumnChunk Encode(ParquetColumnSpec spec, TableColumn column, int start, int count, ParquetWriterOptions options)
    {
        if (column.Kind != spec.Kind)
            throw new ArgumentException($"Column '{column.Name}' holds {column.Kind} values but the file declares '{spec.Name}' as {spec.Kind}.", nameof(column));
        switch (spec.Kind)
        {
            case TableColumnKind.Integer:
                {
                    var values = column.Integers.Slice(start, count);
                    return Fixed(spec, values, ChunkStatistics.Int64(values.Span, 0), options);
                }
            case TableColumnKind.Real:
                {
                    var values = column.Reals.Slice(start, count);
                    return Fixed(spec, values, ChunkStatistics.Double(values.Span, 0), options);
                }
            case TableColumnKind.Date:
                {
                    var dates = column.Dates.Span.Slice(start, count);
                    var days = new int[count];
                    for (var i = 0; i < days.Length; i++) days[i] = dates[i].DayNumber - EpochDayNumber;
                    return Fixed<int>(spec, days, ChunkStatistics.Int32(days, 0), options);
                }
            case TableColumnKind.Timestamp:
                {
                    var timestamps = column.Timestamps.Span.Slice(start, count);
                    var micros = new long[count];
                    // DateTime counts 100 ns ticks; the floor keeps times before 1970 in their own microsecond.
                    for (var i = 0; i < micros.Length; i++) micros[i] = Math.DivRem(timestamps[i].Ticks - DateTime.UnixEpoch.Ticks, 10, out var rest) - (rest < 0 ? 1 : 0);
                    return Fixed<long>(spec, micros, ChunkStatistics.Int64(micros, 0), options);
                }
            case TableColumnKind.Text:
                return TextChunkEncoder.Encode(spec, column.Text!, start, count, options);
            default:
                throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "Unknown column kind.");
        }
    }

    private static EncodedColumnChunk Fixed<T>(ParquetColumnSpec spec, ReadOnlyMemory<T> values, Statistics statistics, ParquetWriterOptions options)
        where T : unmanaged
    {
        var pages = new ChunkPageWriter(spec, options.Codec);
        var width = Marshal.SizeOf<T>();
        var rowsPerPage = Math.Max(1, options.DataPageSize / width);
        // A column without nulls declared OPTIONAL still carries its levels: all 1.
        var levels = spec.IsOptional ? Enumerable.Repeat(1, Math.Min(rowsPerPage, values.Length)).ToArray() : [];
        for (var first = 0; first < values.Length; first += rowsPerPage)
        {
            var rows = Math.Min(rowsPerPage, values.Length - first);
            var output = pages.BeginDataPage(spec.IsOptional ? levels.AsSpan(0, rows) : default);
            var bytes = MemoryMarshal.AsBytes(values.Span.Slice(first, rows));
            PlainEncoder.Bytes(bytes, width, output);
            pages.EndDataPage(rows, Encoding.Plain);
        }
        return new EncodedColumnChunk(spec, pages.Pages, values.Length, statistics);
    }
}
