using ClvML.Data.Parquet;

namespace ClvML.Tests.Data.Parquet;

/// <summary>
/// The Thrift compact protocol (thrift/doc/specs/thrift-compact-protocol.md) on hand-encoded bytes,
/// and random input that must decode or be refused with a ParquetFormatException.
/// </summary>
public sealed class ThriftCompactReaderTests
{
    private static ThriftCompactReader Reader(params byte[] bytes) => new(bytes, "test.bin");

    [Theory]
    [InlineData(new byte[] { 0x00 }, 0)]
    [InlineData(new byte[] { 0x01 }, -1)]
    [InlineData(new byte[] { 0x02 }, 1)]
    [InlineData(new byte[] { 0x03 }, -2)]
    [InlineData(new byte[] { 0xFE, 0xFF, 0xFF, 0xFF, 0x0F }, int.MaxValue)]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, int.MinValue)]
    public void I32_is_a_zigzag_varint(byte[] bytes, int expected) => Assert.Equal(expected, Reader(bytes).ReadI32());

    [Fact]
    public void I64_uses_up_to_ten_varint_bytes()
    {
        Assert.Equal(long.MinValue, Reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01).ReadI64());
        Assert.Equal(long.MaxValue, Reader(0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01).ReadI64());
        Assert.Equal(150, Reader(0xAC, 0x02).ReadI64());
    }

    [Fact]
    public void A_varint_longer_than_ten_bytes_is_refused()
    {
        var error = Assert.Throws<ParquetFormatException>(() => Reader([.. Enumerable.Repeat((byte)0x80, 11), 0x00]).ReadI64());
        Assert.Equal("test.bin: byte 0: varint longer than 10 bytes", error.Message);
    }

    [Fact]
    public void An_i32_wider_than_32_bits_is_refused()
    {
        var error = Assert.Throws<ParquetFormatException>(() => Reader(0xFF, 0xFF, 0xFF, 0xFF, 0x1F).ReadI32());
        Assert.Contains("does not fit in 32 bits", error.Message);
    }

    [Fact]
    public void Binary_and_string_are_length_prefixed()
    {
        var reader = Reader(0x03, (byte)'a', (byte)'b', (byte)'c', 0x02, 0xC3, 0xA9);
        Assert.Equal("abc", reader.ReadString());
        Assert.Equal("é", reader.ReadString());
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void Double_is_little_endian()
    {
        byte[] bytes = BitConverter.GetBytes(2.5);
        if (!BitConverter.IsLittleEndian) Array.Reverse(bytes);
        Assert.Equal(2.5, Reader(bytes).ReadDouble());
    }

    [Fact]
    public void Field_headers_carry_delta_ids_long_ids_and_bool_values()
    {
        // field 1 i32 = 2; field 2 bool true; field 3 bool false; field 20 (explicit id) i64 = -1; stop.
        var reader = Reader(0x15, 0x04, 0x11, 0x12, 0x06, 0x28, 0x01, 0x00);
        reader.BeginStruct();
        Assert.True(reader.ReadFieldHeader(out var f1));
        Assert.Equal((short)1, f1.Id);
        Assert.Equal(2, reader.ReadI32(f1, "a"));
        Assert.True(reader.ReadFieldHeader(out var f2));
        Assert.True(reader.ReadBool(f2, "b"));
        Assert.True(reader.ReadFieldHeader(out var f3));
        Assert.Equal((short)3, f3.Id);
        Assert.False(reader.ReadBool(f3, "c"));
        Assert.True(reader.ReadFieldHeader(out var f20));
        Assert.Equal(new ThriftField(20, ThriftCompactType.I64), f20);
        Assert.Equal(-1L, reader.ReadI64(f20, "d"));
        Assert.False(reader.ReadFieldHeader(out _));
        reader.EndStruct();
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void Field_ids_restart_inside_a_nested_struct_and_resume_after_it()
    {
        // field 1 struct { field 5 i32 = 1 (zigzag 0x02) } ; field 2 (delta 1 from 1) i32 = 3; stop.
        var reader = Reader(0x1C, 0x55, 0x02, 0x00, 0x15, 0x06, 0x00);
        reader.BeginStruct();
        Assert.True(reader.ReadFieldHeader(out var outer));
        var inner = reader.ReadStruct(outer, "inner", r =>
        {
            r.BeginStruct();
            Assert.True(r.ReadFieldHeader(out var f));
            Assert.Equal((short)5, f.Id);
            var value = r.ReadI32(f, "x");
            Assert.False(r.ReadFieldHeader(out _));
            r.EndStruct();
            return value;
        });
        Assert.Equal(1, inner);
        Assert.True(reader.ReadFieldHeader(out var next));
        Assert.Equal((short)2, next.Id);
        Assert.Equal(3, reader.ReadI32(next, "y"));
    }

    [Fact]
    public void Unknown_fields_of_every_type_are_skipped()
    {
        byte[] bytes =
        [
            0x13, 0x7F,                          // 1: byte
            0x14, 0x03,                          // 2: i16
            0x17, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F,  // 3: double 1.0
            0x18, 0x02, 0x41, 0x42,              // 4: binary "AB"
            0x19, 0x21, 0x01, 0x02,              // 5: list<bool> [true, false], one byte each
            0x1A, 0x15, 0x02,                    // 6: set<i32> { 1 }
            0x1B, 0x02, 0x85, 0x00, 0x01, 0x00, 0x02, // 7: map<binary,i32> with two entries: "" -> -1, "" -> 1
            0x1C, 0x19, 0x1C, 0x11, 0x00, 0x00, // 8: struct { 1: list<struct> [ { 1: true } ] }
            0x1B, 0x00,                          // 9: empty map
            0x11,                                // 10: bool field
            0x15, 0x54,                          // 11: the field we want, i32 42
            0x00,
        ];
        var reader = Reader(bytes);
        reader.BeginStruct();
        int? wanted = null;
        while (reader.ReadFieldHeader(out var field))
        {
            if (field.Id == 11) wanted = reader.ReadI32(field, "wanted");
            else reader.Skip(field);
        }
        reader.EndStruct();
        Assert.Equal(42, wanted);
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused()
    {
        // Field 1 of type struct, nested 65 times, then stops.
        byte[] bytes = [0x1C, .. Enumerable.Repeat((byte)0x1C, ThriftCompactReader.MaxNestingDepth), .. new byte[ThriftCompactReader.MaxNestingDepth + 1]];
        var error = Assert.Throws<ParquetFormatException>(() => Reader(bytes).SkipValue(ThriftCompactType.Struct));
        Assert.Contains($"nest deeper than {ThriftCompactReader.MaxNestingDepth} levels", error.Message);
    }

    [Fact]
    public void Nesting_at_the_limit_is_accepted()
    {
        byte[] bytes = [.. Enumerable.Repeat((byte)0x1C, ThriftCompactReader.MaxNestingDepth - 1), .. new byte[ThriftCompactReader.MaxNestingDepth]];
        var reader = Reader(bytes);
        reader.SkipValue(ThriftCompactType.Struct);
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void Truncation_reports_the_offset_including_the_base_offset()
    {
        var reader = new ThriftCompactReader([0x15], 0, 1, "file.parquet", baseOffset: 1000);
        reader.BeginStruct();
        Assert.True(reader.ReadFieldHeader(out var field));
        var error = Assert.Throws<ParquetFormatException>(() => reader.ReadI32(field, "x"));
        Assert.Equal("file.parquet: byte 1001: truncated: unexpected end of data", error.Message);
        Assert.Equal(1001, error.Offset);
        Assert.IsAssignableFrom<InputException>(error);
    }

    [Fact]
    public void A_list_longer_than_the_bytes_left_is_refused_before_allocating()
    {
        // List header with long-form size 2^31-1 of i32.
        var error = Assert.Throws<ParquetFormatException>(() => Reader(0xF5, 0xFF, 0xFF, 0xFF, 0xFF, 0x07).ReadListHeader());
        Assert.Contains("list of 2147483647 elements but only 0 bytes left", error.Message);
    }

    [Fact]
    public void A_binary_longer_than_the_bytes_left_is_refused()
    {
        var error = Assert.Throws<ParquetFormatException>(() => Reader(0x05, 0x41).ReadBinary());
        Assert.Equal("test.bin: byte 0: truncated or corrupt: binary of 5 bytes but only 1 bytes left", error.Message);
    }

    [Fact]
    public void An_invalid_type_code_is_refused()
    {
        var reader = Reader(0x1D);
        reader.BeginStruct();
        var error = Assert.Throws<ParquetFormatException>(() => reader.ReadFieldHeader(out _));
        Assert.Contains("invalid Thrift compact type code 13", error.Message);
    }

    [Fact]
    public void A_known_field_with_the_wrong_wire_type_is_refused_by_name()
    {
        // FileMetaData field 1 (version) sent as binary.
        var error = Assert.Throws<ParquetFormatException>(() => FileMetaDataDecoder.Read(Reader(0x18, 0x00, 0x00)));
        Assert.Contains("field 'version' (id 1) has wire type Binary, expected I32", error.Message);
    }

    [Fact]
    public void A_missing_required_field_is_named()
    {
        // FileMetaData with only version = 1.
        var error = Assert.Throws<ParquetFormatException>(() => FileMetaDataDecoder.Read(Reader(0x15, 0x02, 0x00)));
        Assert.Equal("test.bin: byte 0: FileMetaData is missing required field 'schema'", error.Message);
    }

    /// <summary>
    /// Property: any byte string fed to the decoders either decodes or throws ParquetFormatException
    /// (seeded, so a failure reproduces). Half the inputs start like a struct to get past the first byte.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_bytes_decode_or_are_refused(int seed)
    {
        var random = new Random(seed);
        Func<ThriftCompactReader, object>[] decoders =
        [
            r => FileMetaDataDecoder.Read(r),
            r => PageHeaderDecoder.Read(r),
            r => SchemaElementDecoder.Read(r),
            r => { r.SkipValue(ThriftCompactType.Struct); return r.BytesRead; },
        ];
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = new byte[random.Next(0, 96)];
            random.NextBytes(bytes);
            // Small varints and field headers make deep decoding likely; bias some inputs towards them.
            if (i % 2 == 0)
                for (var j = 0; j < bytes.Length; j++) bytes[j] = (byte)(bytes[j] & 0x3F | (random.Next(4) == 0 ? 0x10 : 0));
            foreach (var decode in decoders)
            {
                try
                {
                    decode(new ThriftCompactReader(bytes, "random"));
                }
                catch (ParquetFormatException error)
                {
                    Assert.StartsWith("random: ", error.Message);
                }
            }
        }
    }
}
