using System.Buffers.Binary;

namespace ClvML.Data.Parquet;

/// <summary>
/// The BYTE_STREAM_SPLIT encoding of the Parquet format specification (for FLOAT and DOUBLE): the
/// k-byte values are scattered into k streams, stream b holding byte b of every value in order,
/// and the streams follow one another. Decoding gathers byte b of value i from position
/// b * n + i; a page whose length is not n * k is refused.
/// </summary>
internal static class ByteStreamSplit
{
    public static void Float(ReadOnlySpan<byte> data, Span<float> values, string source, long offset)
    {
        Span<byte> value = stackalloc byte[4];
        Check(data, values.Length, 4, source, offset);
        for (var i = 0; i < values.Length; i++)
        {
            for (var b = 0; b < 4; b++) value[b] = data[b * values.Length + i];
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(value);
        }
    }

    public static void Double(ReadOnlySpan<byte> data, Span<double> values, string source, long offset)
    {
        Span<byte> value = stackalloc byte[8];
        Check(data, values.Length, 8, source, offset);
        for (var i = 0; i < values.Length; i++)
        {
            for (var b = 0; b < 8; b++) value[b] = data[b * values.Length + i];
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(value);
        }
    }

    private static void Check(ReadOnlySpan<byte> data, int count, int width, string source, long offset)
    {
        if ((long)count * width != data.Length)
            throw new ParquetFormatException(source, offset, $"BYTE_STREAM_SPLIT data of {data.Length} bytes cannot hold {count} values of {width} bytes");
    }
}
