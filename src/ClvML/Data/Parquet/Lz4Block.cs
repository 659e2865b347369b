namespace ClvML.Data.Parquet;

/// <summary>
/// Decompression of one LZ4 block (the LZ4 Block Format description; Parquet's LZ4_RAW codec is
/// a bare block). A block is a list of sequences: a token whose high nibble is the literal count
/// and low nibble the match length - 4 (15 in either means more length bytes follow, each added
/// until one is below 255), the literals, then a 2-byte little-endian offset back into the
/// output and the match to copy from there (it may overlap what it writes). The last sequence has
/// literals only. Every read and copy is checked, so a damaged block is an error, never an
/// out-of-range access.
/// </summary>
internal static class Lz4Block
{
    public static byte[] Decompress(ReadOnlySpan<byte> input, int outputSize, string source, long offset)
    {
        var output = new byte[outputSize];
        var i = 0;
        var o = 0;
        while (true)
        {
            if (i >= input.Length) throw Damaged(source, offset, i, "it ends inside a sequence");
            var token = input[i++];
            var literals = ReadLength(input, ref i, token >> 4, source, offset);
            if (literals > input.Length - i || literals > output.Length - o) throw Damaged(source, offset, i, "a literal run overruns the block");
            input.Slice(i, literals).CopyTo(output.AsSpan(o));
            i += literals;
            o += literals;
            if (i == input.Length) break; // the last sequence: literals only
            if (i + 2 > input.Length) throw Damaged(source, offset, i, "a match offset is cut off");
            var back = input[i] | (input[i + 1] << 8);
            i += 2;
            if (back == 0 || back > o) throw Damaged(source, offset, i, $"match offset {back} points before the start of the output");
            var match = ReadLength(input, ref i, token & 0x0F, source, offset) + 4;
            if (match > output.Length - o) throw Damaged(source, offset, i, "a match overruns the output");
            // Byte by byte: a match may overlap the bytes it is producing (a run).
            for (var k = 0; k < match; k++, o++) output[o] = output[o - back];
        }
        if (o != output.Length) throw Damaged(source, offset, i, $"it holds {o} bytes, not {output.Length}");
        return output;
    }

    private static int ReadLength(ReadOnlySpan<byte> input, ref int i, int nibble, string source, long offset)
    {
        long length = nibble;
        if (nibble == 15)
        {
            byte more;
            do
            {
                if (i >= input.Length) throw Damaged(source, offset, i, "a length is cut off");
                more = input[i++];
                length += more;
                if (length > int.MaxValue) throw Damaged(source, offset, i, "a length beyond 2 GB");
            }
            while (more == 255);
        }
        return (int)length;
    }

    private static ParquetFormatException Damaged(string source, long offset, int position, string problem) =>
        new(source, offset + position, $"the LZ4_RAW page does not decompress: {problem}");
}
