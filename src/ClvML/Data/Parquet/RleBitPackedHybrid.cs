namespace ClvML.Data.Parquet;

/// <summary>
/// The RLE / bit-packing hybrid encoding of the Parquet format specification ("Encodings":
/// definition and repetition levels, dictionary indices, booleans): a sequence of runs, each
/// introduced by a ULEB128 header whose low bit says which kind follows. An RLE run (low bit 0)
/// repeats one value, stored little-endian in ceil(bitWidth / 8) bytes, header &gt;&gt; 1 times; a
/// bit-packed run (low bit 1) holds (header &gt;&gt; 1) groups of 8 values, each packed
/// least-significant bit first in bitWidth bits. A last bit-packed group may be padded beyond the
/// values wanted.
/// </summary>
internal static class RleBitPackedHybrid
{
    /// <summary>Decodes exactly <c>values.Length</c> values of <paramref name="bitWidth"/> bits; returns the bytes read.</summary>
    /// <param name="data">The encoded runs.</param>
    /// <param name="bitWidth">Bits per value, 0 to 32 (0: every value is 0).</param>
    /// <param name="values">Where the values go.</param>
    /// <param name="source">File named in errors.</param>
    /// <param name="offset">File offset of <paramref name="data"/>, for errors.</param>
    /// <exception cref="ParquetFormatException">The runs end before the values do, or a header is malformed.</exception>
    public static int Decode(ReadOnlySpan<byte> data, int bitWidth, Span<int> values, string source, long offset)
    {
        if (bitWidth is < 0 or > 32)
            throw new ParquetFormatException(source, offset, $"bit width {bitWidth} is outside 0..32");
        var position = 0;
        var filled = 0;
        var valueBytes = (bitWidth + 7) / 8;
        while (filled < values.Length)
        {
            var header = ReadUleb128(data, ref position, source, offset);
            var count = header >> 1;
            if ((header & 1) == 0)
            {
                if (count == 0) throw new ParquetFormatException(source, offset + position, "an RLE run of length 0");
                if (position + valueBytes > data.Length) throw Truncated(source, offset + position, values.Length, filled);
                var value = 0L;
                for (var b = 0; b < valueBytes; b++) value |= (long)data[position + b] << (8 * b);
                position += valueBytes;
                var take = (int)Math.Min(count, values.Length - filled);
                values.Slice(filled, take).Fill((int)value);
                filled += take;
                continue;
            }
            // count groups of 8 values in count * bitWidth bytes.
            var bytes = count * bitWidth;
            if (count == 0) throw new ParquetFormatException(source, offset + position, "a bit-packed run of 0 groups");
            if (position + bytes > data.Length) throw Truncated(source, offset + position, values.Length, filled);
            var packed = data.Slice(position, (int)bytes);
            var available = (int)Math.Min(count * 8, values.Length - filled);
            var mask = bitWidth == 32 ? uint.MaxValue : (1u << bitWidth) - 1;
            for (var k = 0; k < available; k++)
            {
                var bit = (long)k * bitWidth;
                var first = (int)(bit >> 3);
                ulong window = 0;
                for (var b = 0; b < 5 && first + b < packed.Length; b++) window |= (ulong)packed[first + b] << (8 * b);
                values[filled + k] = (int)((window >> (int)(bit & 7)) & mask);
            }
            filled += available;
            position += (int)bytes;
        }
        return position;
    }

    private static long ReadUleb128(ReadOnlySpan<byte> data, ref int position, string source, long offset)
    {
        long result = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (position >= data.Length) throw new ParquetFormatException(source, offset + position, "the run header is cut off");
            var b = data[position++];
            result |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw new ParquetFormatException(source, offset + position, "a run header longer than 5 bytes");
    }

    private static ParquetFormatException Truncated(string source, long offset, int wanted, int filled) =>
        new(source, offset, $"the encoded values end after {filled} of {wanted}");
}
