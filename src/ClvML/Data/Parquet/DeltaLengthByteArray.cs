namespace ClvML.Data.Parquet;

/// <summary>
/// The DELTA_LENGTH_BYTE_ARRAY encoding of the Parquet format specification: the lengths of all
/// values, DELTA_BINARY_PACKED, followed by the values' bytes back to back.
/// </summary>
internal static class DeltaLengthByteArray
{
    /// <summary>Decodes <c>values.Length</c> values as ranges of <paramref name="data"/>; returns the bytes read.</summary>
    public static int Decode(ReadOnlySpan<byte> data, Span<Range> values, string source, long offset)
    {
        var lengths = new int[values.Length];
        var (count, position) = DeltaBinaryPacked.DecodeInt32(data, lengths, source, offset);
        if (count != values.Length)
            throw new ParquetFormatException(source, offset, $"DELTA_LENGTH_BYTE_ARRAY holds {count} lengths for {values.Length} values");
        for (var i = 0; i < values.Length; i++)
        {
            var length = lengths[i];
            if (length < 0 || length > data.Length - position)
                throw new ParquetFormatException(source, offset + position, $"value {i} has length {length} where {data.Length - position} bytes are left");
            values[i] = new Range(position, position + length);
            position += length;
        }
        return position;
    }
}
