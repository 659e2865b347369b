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
    public static void Float(ReadOnlySpan<byte> data, Span<float> values, string source, long offset) =>
        Gather(data, values, 4, BinaryPrimitives.ReadSingleLittleEndian, source, offset);

    public static void Double(ReadOnlySpan<byte> data, Span<double> values, string source, long offset) =>
        Gather(data, values, 8, BinaryPrimitives.ReadDoubleLittleEndian, source, offset);

    private delegate T ReadValue<T>(ReadOnlySpan<byte> bytes);

    private static void Gather<T>(ReadOnlySpan<byte> data, Span<T> values, int width, ReadValue<T> read, string source, long offset)
    {
        Check(data, values.Length, width, source, offset);
        Span<byte> value = stackalloc byte[width];
        for (var i = 0; i < values.Length; i++)
        {
            for (var b = 0; b < width; b++) value[b] = data[b * values.Length + i];
            values[i] = read(value);
        }
    }

    private static void Check(ReadOnlySpan<byte> data, int count, int width, string source, long offset)
    {
        if ((long)count * width != data.Length)
            throw new ParquetFormatException(source, offset, $"BYTE_STREAM_SPLIT data of {data.Length} bytes cannot hold {count} values of {width} bytes");
    }
}
