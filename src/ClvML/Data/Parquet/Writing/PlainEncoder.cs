using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace ClvML.Data.Parquet.Writing;

/// <summary>
/// The PLAIN encoding (parquet-format Encodings.md), the mirror of <see cref="PlainValues"/>:
/// fixed-width values little-endian back to back; BYTE_ARRAY values each behind a 4-byte
/// little-endian length.
/// </summary>
internal static class PlainEncoder
{
    /// <summary>Appends INT32 values.</summary>
    public static void Int32(ReadOnlySpan<int> values, IBufferWriter<byte> output) => Fixed(values, output);

    /// <summary>Appends INT64 values.</summary>
    public static void Int64(ReadOnlySpan<long> values, IBufferWriter<byte> output) => Fixed(values, output);

    /// <summary>Appends DOUBLE values (bit patterns kept: negative zero and NaN payloads survive).</summary>
    public static void Double(ReadOnlySpan<double> values, IBufferWriter<byte> output) => Fixed(values, output);

    /// <summary>Appends one BYTE_ARRAY value: its length, then its bytes.</summary>
    public static void ByteArray(ReadOnlySpan<byte> value, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(4 + value.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span, value.Length);
        value.CopyTo(span[4..]);
        output.Advance(4 + value.Length);
    }

    private static void Fixed<T>(ReadOnlySpan<T> values, IBufferWriter<byte> output) where T : unmanaged =>
        Bytes(MemoryMarshal.AsBytes(values), Marshal.SizeOf<T>(), output);

    /// <summary>Appends fixed-width values given as their in-memory bytes, <paramref name="width"/> bytes each.</summary>
    public static void Bytes(ReadOnlySpan<byte> bytes, int width, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(bytes.Length);
        bytes.CopyTo(span);
        // PLAIN is little-endian; on a big-endian machine each value's bytes are reversed in place.
        if (!BitConverter.IsLittleEndian)
            for (var i = 0; i < bytes.Length; i += width) span.Slice(i, width).Reverse();
        output.Advance(bytes.Length);
    }
}
