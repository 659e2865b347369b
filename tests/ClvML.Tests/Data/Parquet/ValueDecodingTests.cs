using System.Buffers.Binary;
using ClvML.Data.Parquet;

namespace ClvML.Tests.Data.Parquet;

/// <summary>The RLE/bit-packing hybrid and PLAIN decoders, by the format specification's examples and on alltypes_plain.parquet.</summary>
public sealed class ValueDecodingTests
{
    [Fact]
    public void The_specifications_bit_packing_example_decodes_to_0_through_7()
    {
        // Parquet "Encodings", bit-packed run: 0..7 at bit width 3 pack (LSB first) to
        // 10001000 11000110 11111010; header (1 group << 1) | 1.
        var values = new int[8];
        var read = RleBitPackedHybrid.Decode([0x03, 0x88, 0xC6, 0xFA], 3, values, "x.parquet", 0);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], values);
        Assert.Equal(4, read);
    }

    [Fact]
    public void An_rle_run_then_a_padded_bit_packed_run()
    {
        // 10 x 5 (header 10 << 1 = 0x14, value in one byte), then 3 values 1, 0, 1 at width 1 in one padded group.
        var values = new int[13];
        RleBitPackedHybrid.Decode([0x14, 0x05, 0x03, 0b0000_0101], 3, values.AsSpan(0, 10), "x.parquet", 0);
        RleBitPackedHybrid.Decode([0x03, 0b0000_0101], 1, values.AsSpan(10, 3), "x.parquet", 0);
        Assert.Equal([5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 1, 0, 1], values);
        // A wide RLE value takes ceil(width / 8) little-endian bytes.
        var wide = new int[2];
        RleBitPackedHybrid.Decode([0x04, 0x34, 0x12], 13, wide, "x.parquet", 0);
        Assert.Equal([0x1234, 0x1234], wide);
    }

    [Theory]
    [InlineData(new byte[] { 0x03, 0x88 }, "end after 0 of 8")]
    [InlineData(new byte[] { 0x80 }, "cut off")]
    [InlineData(new byte[] { 0x00 }, "RLE run of length 0")]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, "longer than 5 bytes")]
    public void Truncated_or_malformed_runs_are_refused_with_the_problem(byte[] data, string problem)
    {
        var error = Assert.Throws<ParquetFormatException>(() => RleBitPackedHybrid.Decode(data, 3, new int[8], "x.parquet", 100));
        Assert.Contains(problem, error.Message);
        Assert.Contains("x.parquet", error.Message);
    }

    [Fact]
    public void Plain_values_decode_and_short_data_is_refused()
    {
        var bytes = new byte[12];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, -7);
        BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(4), 2.5);
        var ints = new int[1];
        var doubles = new double[1];
        Assert.Equal(4, PlainValues.Int32(bytes, ints, "x.parquet", 0));
        Assert.Equal(8, PlainValues.Double(bytes.AsSpan(4), doubles, "x.parquet", 4));
        Assert.Equal(-7, ints[0]);
        Assert.Equal(2.5, doubles[0]);
        var bools = new bool[10];
        PlainValues.Boolean([0b1010_0101, 0b0000_0010], bools, "x.parquet", 0);
        Assert.Equal([true, false, true, false, false, true, false, true, false, true], bools);
        var strings = new Range[2];
        byte[] text = [2, 0, 0, 0, (byte)'h', (byte)'i', 0, 0, 0, 0];
        Assert.Equal(10, PlainValues.ByteArray(text, strings, "x.parquet", 0));
        Assert.Equal("hi", System.Text.Encoding.UTF8.GetString(text[strings[0]]));
        Assert.Equal(0, strings[1].End.Value - strings[1].Start.Value);
        Assert.Contains("need 16 bytes", Assert.Throws<ParquetFormatException>(() => PlainValues.Int64(bytes, new long[2], "x.parquet", 0)).Message);
    }

    /// <summary>
    /// alltypes_plain.parquet (uncompressed): id is dictionary-encoded (a PLAIN INT32 dictionary page,
    /// then a v1 data page with RLE definition levels and RLE/bit-packed indices) and bool_col PLAIN.
    /// Expected values as Apache Arrow's parquet tests list this file's rows: id 4, 5, 6, 7, 2, 3, 0, 1;
    /// bool_col true, false, ... alternating.
    /// </summary>
    [Fact]
    public void Alltypes_plain_id_and_bool_columns_decode_to_the_known_rows()
    {
        var path = SharedData.File("parquet-testing", "alltypes_plain.parquet");
        var bytes = File.ReadAllBytes(path);
        var footer = ParquetFooter.Read(path);
        var columns = footer.MetaData.RowGroups[0].Columns;

        var idChunk = columns[0].MetaData!;
        var (dictionaryHeader, dictionaryBody, next) = Page(bytes, idChunk.DictionaryPageOffset!.Value, path);
        var dictionary = new int[dictionaryHeader.DictionaryPageHeader!.NumValues];
        PlainValues.Int32(dictionaryBody, dictionary, path, 0);
        var (dataHeader, dataBody, _) = Page(bytes, next, path);
        var count = dataHeader.DataPageHeader!.NumValues;
        var body = Levels(dataBody, count, path, out var defined);
        Assert.All(defined, d => Assert.Equal(1, d));
        var indices = new int[count];
        RleBitPackedHybrid.Decode(body[1..], body[0], indices, path, 0);
        Assert.Equal([4, 5, 6, 7, 2, 3, 0, 1], indices.Select(i => dictionary[i]));

        var boolChunk = columns[1].MetaData!;
        var (boolHeader, boolBody, _) = Page(bytes, boolChunk.DictionaryPageOffset is > 0 and var d ? d : boolChunk.DataPageOffset, path);
        if (boolHeader.Type == PageType.DictionaryPage) (boolHeader, boolBody, _) = Page(bytes, boolChunk.DataPageOffset, path);
        Assert.Equal(Encoding.Plain, boolHeader.DataPageHeader!.Encoding);
        var boolValues = Levels(boolBody, 8, path, out _);
        var flags = new bool[8];
        PlainValues.Boolean(boolValues, flags, path, 0);
        Assert.Equal([true, false, true, false, true, false, true, false], flags);
    }

    private static (PageHeader Header, byte[] Body, long Next) Page(byte[] bytes, long offset, string path)
    {
        var reader = new ThriftCompactReader(bytes, (int)offset, bytes.Length - (int)offset, path, offset);
        var header = PageHeaderDecoder.Read(reader);
        var start = (int)offset + reader.BytesRead;
        return (header, bytes[start..(start + header.CompressedPageSize)], start + header.CompressedPageSize);
    }

    /// <summary>A v1 page of an OPTIONAL flat column: 4-byte length, RLE definition levels (width 1), then the values.</summary>
    private static byte[] Levels(byte[] body, int count, string path, out int[] levels)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(body);
        levels = new int[count];
        RleBitPackedHybrid.Decode(body.AsSpan(4, length), 1, levels, path, 0);
        return body[(4 + length)..];
    }
}
