using System.Buffers.Binary;

namespace ClvML.Data.Parquet.Writing;

/// <summary>
/// The Statistics of a column chunk (parquet.thrift <c>Statistics</c> and <c>ColumnOrder</c>).
/// min_value/max_value follow the column order the footer declares (TypeDefinedOrder): signed for
/// INT32 (DATE), INT64 and DOUBLE, unsigned byte-wise for BYTE_ARRAY (STRING). The deprecated
/// min/max fields are "determined by signed comparison only" and "may be set when the column order
/// is signed" for older readers, so they are written for the numeric types and not for strings.
/// </summary>
internal static class ChunkStatistics
{
    /// <summary>Statistics of INT64 values.</summary>
    public static Statistics Int64(ReadOnlySpan<long> values, long nullCount)
    {
        if (values.IsEmpty) return Empty(nullCount);
        long min = values[0], max = values[0];
        foreach (var v in values)
        {
            if (v < min) min = v;
            if (v > max) max = v;
        }
        var minBytes = new byte[8];
        var maxBytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(minBytes, min);
        BinaryPrimitives.WriteInt64LittleEndian(maxBytes, max);
        return Signed(minBytes, maxBytes, nullCount);
    }

    /// <summary>Statistics of INT32 values.</summary>
    public static Statistics Int32(ReadOnlySpan<int> values, long nullCount)
    {
        if (values.IsEmpty) return Empty(nullCount);
        int min = values[0], max = values[0];
        foreach (var v in values)
        {
            if (v < min) min = v;
            if (v > max) max = v;
        }
        var minBytes = new byte[4];
        var maxBytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(minBytes, min);
        BinaryPrimitives.WriteInt32LittleEndian(maxBytes, max);
        return Signed(minBytes, maxBytes, nullCount);
    }

    /// <summary>
    /// Statistics of DOUBLE values under parquet.thrift's rules for floating point (ColumnOrder):
    /// NaNs are not written to min or max; a zero minimum is written as -0.0 and a zero maximum as
    /// +0.0, since the two compare equal and a reader must not exclude the other sign. When every
    /// value is NaN there is no min or max at all.
    /// </summary>
    public static Statistics Double(ReadOnlySpan<double> values, long nullCount)
    {
        var any = false;
        double min = 0, max = 0;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) continue;
            if (!any)
            {
                (min, max, any) = (v, v, true);
                continue;
            }
            if (v < min) min = v;
            if (v > max) max = v;
        }
        if (!any) return Empty(nullCount);
        if (min == 0) min = -0.0;
        if (max == 0) max = 0.0;
        var minBytes = new byte[8];
        var maxBytes = new byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(minBytes, min);
        BinaryPrimitives.WriteDoubleLittleEndian(maxBytes, max);
        return Signed(minBytes, maxBytes, nullCount);
    }

    /// <summary>
    /// Statistics of BYTE_ARRAY values given as <paramref name="offsets"/> into
    /// <paramref name="data"/> (value i is <c>data[offsets[i]..offsets[i + 1]]</c>), compared as
    /// unsigned bytes: the STRING order, which is also code-point order of the UTF-8 text (unlike
    /// .NET's ordinal string comparison of UTF-16 code units). The values are written without a
    /// length prefix, as parquet.thrift asks.
    /// </summary>
    public static Statistics ByteArray(ReadOnlySpan<byte> data, ReadOnlySpan<int> offsets, long nullCount)
    {
        var count = offsets.Length - 1;
        if (count <= 0) return Empty(nullCount);
        var min = 0;
        var max = 0;
        for (var i = 1; i < count; i++)
        {
            var value = data[offsets[i]..offsets[i + 1]];
            if (value.SequenceCompareTo(data[offsets[min]..offsets[min + 1]]) < 0) min = i;
            else if (value.SequenceCompareTo(data[offsets[max]..offsets[max + 1]]) > 0) max = i;
        }
        var minBytes = data[offsets[min]..offsets[min + 1]].ToArray();
        var maxBytes = data[offsets[max]..offsets[max + 1]].ToArray();
        return new Statistics(null, null, nullCount, null, maxBytes, minBytes);
    }

    private static Statistics Signed(byte[] min, byte[] max, long nullCount) => new(max, min, nullCount, null, max, min);

    private static Statistics Empty(long nullCount) => new(null, null, nullCount, null, null, null);
}
