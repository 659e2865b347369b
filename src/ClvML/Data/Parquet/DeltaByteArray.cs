namespace ClvML.Data.Parquet;

/// <summary>
/// The DELTA_BYTE_ARRAY encoding of the Parquet format specification ("Delta Strings"): the prefix
/// lengths of all values, DELTA_BINARY_PACKED, then the suffixes as DELTA_LENGTH_BYTE_ARRAY. Value i
/// is the first prefix[i] bytes of value i - 1 followed by suffix i. The values are rebuilt into a
/// new buffer because they do not exist in the page as a whole.
/// </summary>
internal static class DeltaByteArray
{
    /// <summary>
    /// Decodes <c>values.Length</c> values into <paramref name="output"/> (grown as needed, starting at
    /// <paramref name="outputUsed"/>); each range points into <paramref name="output"/>. Returns the bytes read.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> data, Span<Range> values, ref byte[] output, ref int outputUsed, string source, long offset)
    {
        var prefixes = new int[values.Length];
        var (count, position) = DeltaBinaryPacked.DecodeInt32(data, prefixes, source, offset);
        if (count != values.Length)
            throw new ParquetFormatException(source, offset, $"DELTA_BYTE_ARRAY holds {count} prefix lengths for {values.Length} values");
        var suffixes = new Range[values.Length];
        var read = position + DeltaLengthByteArray.Decode(data[position..], suffixes, source, offset + position);
        var suffixData = data[position..];
        var previous = new Range(0, 0);
        for (var i = 0; i < values.Length; i++)
        {
            var prefix = prefixes[i];
            var previousLength = previous.End.Value - previous.Start.Value;
            if (prefix < 0 || prefix > previousLength)
                throw new ParquetFormatException(source, offset, $"DELTA_BYTE_ARRAY value {i} reuses {prefix} bytes of a previous value of {previousLength}");
            var suffix = suffixData[suffixes[i]];
            var length = (long)prefix + suffix.Length;
            if (outputUsed + length > Array.MaxLength)
                throw new ParquetFormatException(source, offset, "DELTA_BYTE_ARRAY values rebuild to more than 2 GB");
            EnsureCapacity(ref output, outputUsed + (int)length);
            var start = outputUsed;
            // Copy inside output: the previous value lies before the new one, so the ranges never overlap.
            Array.Copy(output, previous.Start.Value, output, start, prefix);
            suffix.CopyTo(output.AsSpan(start + prefix));
            outputUsed += (int)length;
            previous = new Range(start, outputUsed);
            values[i] = previous;
        }
        return read;
    }

    private static void EnsureCapacity(ref byte[] buffer, int needed)
    {
        if (buffer.Length >= needed) return;
        var size = (int)Math.Min(Array.MaxLength, Math.Max((long)needed, buffer.Length * 2L));
        Array.Resize(ref buffer, size);
    }
}
