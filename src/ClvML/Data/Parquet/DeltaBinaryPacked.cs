namespace ClvML.Data.Parquet;

/// <summary>
/// The DELTA_BINARY_PACKED encoding of the Parquet format specification (INT32 and INT64): a header
/// of ULEB128 block size, miniblocks per block, value count and the zigzag first value; then
/// blocks of a zigzag minimum delta, one bit-width byte per miniblock, and the miniblocks' deltas
/// minus the minimum, bit-packed least-significant bit first. Bit-width bytes are present for every
/// miniblock of a block, bodies only for the miniblocks the remaining values need. Additions wrap
/// in two's complement, as the encoder's subtractions did.
/// </summary>
internal static class DeltaBinaryPacked
{
    /// <summary>Largest block accepted (values per block).</summary>
    public const int MaxBlockSize = 1 << 20;

    /// <summary>Decodes the values the header announces into <paramref name="values"/> (which must hold them); returns (values, bytes read).</summary>
    public static (int Count, int BytesRead) Decode(ReadOnlySpan<byte> data, Span<long> values, string source, long offset)
    {
        var position = 0;
        var blockSize = Uleb(data, ref position, source, offset);
        var miniblocks = Uleb(data, ref position, source, offset);
        var total = Uleb(data, ref position, source, offset);
        var first = ZigZag(Uleb(data, ref position, source, offset));
        // Writers use blocks of 128 or 256 values; the cap keeps the per-miniblock arithmetic inside int.
        if (blockSize > MaxBlockSize)
            throw new ParquetFormatException(source, offset, $"DELTA_BINARY_PACKED block size {blockSize} is beyond {MaxBlockSize}");
        if (blockSize == 0 || blockSize % 128 != 0 || miniblocks == 0 || blockSize % miniblocks != 0 || blockSize / miniblocks % 32 != 0)
            throw new ParquetFormatException(source, offset, $"DELTA_BINARY_PACKED block size {blockSize} with {miniblocks} miniblocks breaks the format's rules");
        if (total > (ulong)values.Length)
            throw new ParquetFormatException(source, offset, $"DELTA_BINARY_PACKED announces {total} values where the page has {values.Length}");
        var count = (int)total;
        if (count == 0) return (0, position);
        var perMiniblock = (int)(blockSize / miniblocks);
        values[0] = first;
        var filled = 1;
        var previous = first;
        while (filled < count)
        {
            var minDelta = ZigZag(Uleb(data, ref position, source, offset));
            if (position + (long)miniblocks > data.Length) throw Truncated(source, offset + position);
            var widths = data.Slice(position, (int)miniblocks);
            position += (int)miniblocks;
            for (var m = 0; m < widths.Length && filled < count; m++)
            {
                int width = widths[m];
                if (width > 64) throw new ParquetFormatException(source, offset + position, $"a miniblock bit width of {width}");
                var bytes = perMiniblock * width / 8;
                if (position + bytes > data.Length) throw Truncated(source, offset + position);
                var packed = data.Slice(position, bytes);
                position += bytes;
                var mask = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
                for (var k = 0; k < perMiniblock && filled < count; k++)
                {
                    var bit = (long)k * width;
                    var start = (int)(bit >> 3);
                    UInt128 window = 0;
                    for (var b = 0; b < 9 && start + b < packed.Length; b++) window |= (UInt128)packed[start + b] << (8 * b);
                    var delta = (ulong)(window >> (int)(bit & 7)) & mask;
                    previous = unchecked(previous + minDelta + (long)delta);
                    values[filled++] = previous;
                }
            }
        }
        return (count, position);
    }

    /// <summary>
    /// INT32 values: the encoder's arithmetic wraps at 32 bits, and addition modulo 2^64 cut to 32
    /// bits is addition modulo 2^32, so the 64-bit decode is narrowed value by value.
    /// </summary>
    public static (int Count, int BytesRead) DecodeInt32(ReadOnlySpan<byte> data, Span<int> values, string source, long offset)
    {
        var wide = new long[values.Length];
        var result = Decode(data, wide, source, offset);
        for (var i = 0; i < result.Count; i++) values[i] = unchecked((int)wide[i]);
        return result;
    }

    private static ulong Uleb(ReadOnlySpan<byte> data, ref int position, string source, long offset)
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (position >= data.Length) throw Truncated(source, offset + position);
            var b = data[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw new ParquetFormatException(source, offset + position, "a DELTA_BINARY_PACKED varint longer than 10 bytes");
    }

    private static long ZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private static ParquetFormatException Truncated(string source, long offset) =>
        new(source, offset, "the DELTA_BINARY_PACKED data ends early");
}
