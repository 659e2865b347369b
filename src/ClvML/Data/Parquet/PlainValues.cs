using System.Buffers.Binary;

namespace ClvML.Data.Parquet;

/// <summary>
/// The PLAIN encoding of the Parquet format specification: fixed-width values little-endian back to
/// back, booleans bit-packed least-significant bit first, BYTE_ARRAY values each behind a 4-byte
/// little-endian length. Each method decodes exactly <c>values.Length</c> values and returns the
/// bytes read; data that ends early is a <see cref="ParquetFormatException"/>.
/// </summary>
internal static class PlainValues
{
    public static int Int32(ReadOnlySpan<byte> data, Span<int> values, string source, long offset)
    {
        Need(data, 4L * values.Length, source, offset);
        for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadInt32LittleEndian(data[(4 * i)..]);
        return 4 * values.Length;
    }

    public static int Int64(ReadOnlySpan<byte> data, Span<long> values, string source, long offset)
    {
        Need(data, 8L * values.Length, source, offset);
        for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadInt64LittleEndian(data[(8 * i)..]);
        return 8 * values.Length;
    }

    public static int Double(ReadOnlySpan<byte> data, Span<double> values, string source, long offset)
    {
        Need(data, 8L * values.Length, source, offset);
        for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadDoubleLittleEndian(data[(8 * i)..]);
        return 8 * values.Length;
    }

    public static int Boolean(ReadOnlySpan<byte> data, Span<bool> values, string source, long offset)
    {
        var bytes = (values.Length + 7) / 8;
        Need(data, bytes, source, offset);
        for (var i = 0; i < values.Length; i++) values[i] = ((data[i >> 3] >> (i & 7)) & 1) != 0;
        return bytes;
    }

    /// <summary>BYTE_ARRAY values as (start, length) ranges of <paramref name="data"/>.</summary>
    public static int ByteArray(ReadOnlySpan<byte> data, Span<Range> values, string source, long offset)
    {
        var position = 0;
        for (var i = 0; i < values.Length; i++)
        {
            Need(data[position..], 4, source, offset + position);
            var length = BinaryPrimitives.ReadInt32LittleEndian(data[position..]);
            position += 4;
            if (length < 0) throw new ParquetFormatException(source, offset + position - 4, $"a byte array of negative length {length}");
            Need(data[position..], length, source, offset + position);
            values[i] = new Range(position, position + length);
            position += length;
        }
        return position;
    }

    private static void Need(ReadOnlySpan<byte> data, long bytes, string source, long offset)
    {
        if (bytes > data.Length)
            throw new ParquetFormatException(source, offset, $"PLAIN values need {bytes} bytes but the page holds {data.Length}");
    }
}
