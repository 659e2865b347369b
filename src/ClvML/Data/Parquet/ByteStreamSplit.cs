using System.Runtime.InteropServices;

namespace ClvML.Data.Parquet;

/// <summary>
/// The BYTE_STREAM_SPLIT encoding of the Parquet format specification (Encodings.md; FLOAT and
/// DOUBLE, and since format 2.11 also INT32, INT64 and FIXED_LEN_BYTE_ARRAY): the k-byte values
/// are scattered into k streams, stream b holding byte b of every value in order, and the streams
/// follow one another. Decoding gathers byte b of value i from position b * n + i; a page whose
/// length is not n * k is refused.
/// </summary>
internal static class ByteStreamSplit
{
    /// <summary>Decodes FLOAT values.</summary>
    public static void Float(ReadOnlySpan<byte> data, Span<float> values, string source, long offset) => Fixed(data, values, source, offset);

    /// <summary>Decodes DOUBLE values.</summary>
    public static void Double(ReadOnlySpan<byte> data, Span<double> values, string source, long offset) => Fixed(data, values, source, offset);

    /// <summary>Decodes INT32 values.</summary>
    public static void Int32(ReadOnlySpan<byte> data, Span<int> values, string source, long offset) => Fixed(data, values, source, offset);

    /// <summary>Decodes INT64 values.</summary>
    public static void Int64(ReadOnlySpan<byte> data, Span<long> values, string source, long offset) => Fixed(data, values, source, offset);

    /// <summary>Decodes <paramref name="count"/> values of <paramref name="width"/> bytes (FIXED_LEN_BYTE_ARRAY) into <paramref name="output"/>, back to back.</summary>
    public static void Bytes(ReadOnlySpan<byte> data, int count, int width, Span<byte> output, string source, long offset)
    {
        Check(data, count, width, source, offset);
        for (var b = 0; b < width; b++)
        {
            var stream = data.Slice(b * count, count);
            for (var i = 0; i < count; i++) output[i * width + b] = stream[i];
        }
    }

    // The values' own bytes are the little-endian bytes the streams hold (the reader runs on little-endian machines only).
    private static void Fixed<T>(ReadOnlySpan<byte> data, Span<T> values, string source, long offset) where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ClvML's Parquet reader needs a little-endian machine.");
        Bytes(data, values.Length, Marshal.SizeOf<T>(), MemoryMarshal.AsBytes(values), source, offset);
    }

    private static void Check(ReadOnlySpan<byte> data, int count, int width, string source, long offset)
    {
        if ((long)count * width != data.Length)
            throw new ParquetFormatException(source, offset, $"BYTE_STREAM_SPLIT data of {data.Length} bytes cannot hold {count} values of {width} bytes");
    }
}
