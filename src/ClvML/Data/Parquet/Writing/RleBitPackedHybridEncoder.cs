using System.Buffers;

namespace ClvML.Data.Parquet.Writing;

/// <summary>
/// Writes the RLE / bit-packing hybrid of the Parquet format specification ("Encodings"), the
/// mirror of <see cref="RleBitPackedHybrid"/>: a repeat of 8 or more equal values becomes an RLE
/// run (ULEB128 header <c>count &lt;&lt; 1</c>, then the value in ceil(bitWidth / 8) little-endian
/// bytes); everything else goes into bit-packed runs of whole groups of 8 values (header
/// <c>groups &lt;&lt; 1 | 1</c>, values packed least-significant bit first). Only the last group of
/// the data is padded with zeros, as the specification allows.
/// </summary>
internal static class RleBitPackedHybridEncoder
{
    // Eight equal values bit-packed take bitWidth bytes; as an RLE run they take 2 to 5 bytes, so
    // runs shorter than a group are not worth breaking a bit-packed run for.
    private const int MinimumRleRun = 8;

    /// <summary>Appends the runs for <paramref name="values"/> (each in 0 .. 2^bitWidth - 1) to <paramref name="output"/>.</summary>
    public static void Encode(ReadOnlySpan<int> values, int bitWidth, IBufferWriter<byte> output)
    {
        if (bitWidth is < 1 or > 32) throw new ArgumentOutOfRangeException(nameof(bitWidth), bitWidth, "Bit width must be 1..32.");
        var packedStart = -1;
        var i = 0;
        while (i < values.Length)
        {
            var value = values[i];
            var run = 1;
            while (i + run < values.Length && values[i + run] == value) run++;
            if (run >= MinimumRleRun)
            {
                if (packedStart >= 0) WriteBitPacked(values[packedStart..i], bitWidth, output);
                packedStart = -1;
                WriteRle(run, value, bitWidth, output);
                i += run;
                continue;
            }
            // A bit-packed run grows one whole group at a time, so it always ends on a group
            // boundary unless the data ends first.
            if (packedStart < 0) packedStart = i;
            i = Math.Min(i + 8, values.Length);
        }
        if (packedStart >= 0) WriteBitPacked(values[packedStart..], bitWidth, output);
    }

    /// <summary>The smallest bit width that holds <paramref name="maxValue"/>, at least 1.</summary>
    public static int BitWidth(int maxValue) => Math.Max(1, 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)maxValue));

    private static void WriteRle(int count, int value, int bitWidth, IBufferWriter<byte> output)
    {
        WriteUleb128((ulong)count << 1, output);
        var bytes = (bitWidth + 7) / 8;
        var span = output.GetSpan(bytes);
        for (var b = 0; b < bytes; b++) span[b] = (byte)(value >> (8 * b));
        output.Advance(bytes);
    }

    private static void WriteBitPacked(ReadOnlySpan<int> values, int bitWidth, IBufferWriter<byte> output)
    {
        var groups = (values.Length + 7) / 8;
        WriteUleb128(((ulong)groups << 1) | 1, output);
        var bytes = groups * bitWidth;
        var span = output.GetSpan(bytes);
        ulong buffer = 0;
        var bits = 0;
        var n = 0;
        for (var k = 0; k < groups * 8; k++)
        {
            // Padding values past the end are zeros.
            var v = k < values.Length ? (uint)values[k] : 0u;
            buffer |= (ulong)v << bits;
            bits += bitWidth;
            while (bits >= 8)
            {
                span[n++] = (byte)buffer;
                buffer >>= 8;
                bits -= 8;
            }
        }
        // groups * 8 * bitWidth bits is a whole number of bytes, so nothing is left in the buffer.
        output.Advance(n);
    }

    private static void WriteUleb128(ulong value, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(10);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[n++] = (byte)value;
        output.Advance(n);
    }
}
