using System.Runtime.InteropServices;
using ClvML.Data.Tables;

namespace ClvML.Data.Parquet.Writing;

/// <summary>
/// Encodes a slice of one column as a column chunk: numbers, dates and timestamps (INT64, DOUBLE,
/// INT32 days since 1970-01-01, INT64 microseconds since 1970-01-01T00:00) through
/// <see cref="NumericChunkEncoder"/>, text through <see cref="TextChunkEncoder"/>; data pages of about
/// <see cref="ParquetWriterOptions.DataPageSize"/> bytes each, and the chunk's statistics. The rows a
/// column marks missing (<see cref="TableColumn.Nulls"/>) get definition level 0 and no value.
/// </summary>
internal static class ColumnChunkEncoder
{
    /// <summary>DayNumber of 1970-01-01, the origin of the DATE logical type (LogicalTypes.md).</summary>
    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    /// <summary>Encodes rows <paramref name="start"/> .. <paramref name="start"/> + <paramref name="count"/> of <paramref name="column"/>.</summary>
    /// <exception cref="ArgumentException">The kinds differ, or a REQUIRED column has a missing value.</exception>
    public static EncodedColumnChunk Encode(ParquetColumnSpec spec, TableColumn column, int start, int count, ParquetWriterOptions options)
    {
        if (column.Kind != spec.Kind)
            throw new ArgumentException($"Column '{column.Name}' holds {column.Kind} values but the file declares '{spec.Name}' as {spec.Kind}.", nameof(column));
        if (spec.Kind == TableColumnKind.Text) return TextChunkEncoder.Encode(spec, column.Text!, start, count, options);
        var nulls = column.Nulls.IsEmpty ? default : column.Nulls.Span.Slice(start, count);
        var levels = Levels(spec, nulls, start, count);
        var nullCount = levels.Length == 0 ? 0 : count - levels.AsSpan().Count(1);
        switch (spec.Kind)
        {
            case TableColumnKind.Integer:
                {
                    var values = Dense(column.Integers.Span.Slice(start, count), nulls, count - nullCount);
                    return NumericChunkEncoder.Encode<long>(spec, values, levels, count, ChunkStatistics.Int64(values, nullCount), options);
                }
            case TableColumnKind.Real:
                {
                    var values = Dense(column.Reals.Span.Slice(start, count), nulls, count - nullCount);
                    // The dictionary and the pages take the doubles' bits: PLAIN stores exactly those bytes.
                    return NumericChunkEncoder.Encode<long>(spec, MemoryMarshal.Cast<double, long>(values), levels, count, ChunkStatistics.Double(values, nullCount), options);
                }
            case TableColumnKind.Date:
                {
                    var dates = column.Dates.Span.Slice(start, count);
                    var days = new int[count - nullCount];
                    for (int i = 0, k = 0; i < count; i++)
                        if (nulls.IsEmpty || !nulls[i]) days[k++] = dates[i].DayNumber - EpochDayNumber;
                    return NumericChunkEncoder.Encode<int>(spec, days, levels, count, ChunkStatistics.Int32(days, nullCount), options);
                }
            case TableColumnKind.Timestamp:
                {
                    var timestamps = column.Timestamps.Span.Slice(start, count);
                    var micros = new long[count - nullCount];
                    // DateTime counts 100 ns ticks; the floor keeps times before 1970 in their own microsecond.
                    for (int i = 0, k = 0; i < count; i++)
                        if (nulls.IsEmpty || !nulls[i])
                            micros[k++] = Math.DivRem(timestamps[i].Ticks - DateTime.UnixEpoch.Ticks, 10, out var rest) - (rest < 0 ? 1 : 0);
                    return NumericChunkEncoder.Encode<long>(spec, micros, levels, count, ChunkStatistics.Int64(micros, nullCount), options);
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "Unknown column kind.");
        }
    }

    /// <summary>Each row's definition level for an OPTIONAL column (1 a value, 0 missing); empty for a REQUIRED one, which must have no missing value.</summary>
    private static int[] Levels(ParquetColumnSpec spec, ReadOnlySpan<bool> nulls, int start, int count)
    {
        if (!spec.IsOptional)
        {
            var at = nulls.IndexOf(true);
            if (at >= 0) throw new ArgumentException($"Column '{spec.Name}' has a null at row {start + at} but is declared REQUIRED; declare it optional.", nameof(nulls));
            return [];
        }
        var levels = new int[count];
        if (nulls.IsEmpty) levels.AsSpan().Fill(1);
        else for (var i = 0; i < count; i++) levels[i] = nulls[i] ? 0 : 1;
        return levels;
    }

    /// <summary>The values of the rows that are not missing; the slice itself when none is.</summary>
    private static ReadOnlySpan<T> Dense<T>(ReadOnlySpan<T> values, ReadOnlySpan<bool> nulls, int nonNull) where T : unmanaged
    {
        if (nonNull == values.Length) return values;
        var dense = new T[nonNull];
        for (int i = 0, k = 0; i < values.Length; i++)
            if (!nulls[i]) dense[k++] = values[i];
        return dense;
    }
}
