using ClvML.Data.Parquet;
using ClvML.Data.Parquet.Writing;

namespace ClvML.Tests.Data.ParquetWriting;

/// <summary>The Thrift compact writer against the existing reader: every compact type round-trips, and the bytes match the protocol specification.</summary>
public sealed class ThriftCompactWriterTests
{
    [Fact]
    public void Field_headers_use_deltas_up_to_15_and_explicit_ids_otherwise()
    {
        var writer = new ThriftCompactWriter();
        writer.BeginStruct();
        writer.WriteI32Field(1, 1);     // delta 1, type 5: 0x15, zigzag(1) = 2
        writer.WriteI32Field(16, -1);   // delta 15: 0xF5, zigzag(-1) = 1
        writer.WriteI32Field(40, 0);    // delta 24 > 15: 0x05, then zigzag i16 id 40 = 80 (0x50)
        writer.WriteI32Field(3, 0);     // backwards: explicit id 3 -> 6
        writer.WriteBoolField(4, true); // bool in the header: delta 1, type 1
        writer.WriteBoolField(5, false);
        writer.EndStruct();
        Assert.Equal(new byte[] { 0x15, 0x02, 0xF5, 0x01, 0x05, 0x50, 0x00, 0x05, 0x06, 0x00, 0x11, 0x12, 0x00 }, writer.ToArray());
    }

    [Fact]
    public void Every_compact_type_round_trips_through_the_reader()
    {
        var writer = new ThriftCompactWriter(16);
        byte[] longBinary = [.. Enumerable.Range(0, 300).Select(i => (byte)i)];
        writer.BeginStruct();
        writer.WriteI8Field(1, sbyte.MinValue);
        writer.WriteI16Field(2, short.MinValue);
        writer.WriteI16Field(3, short.MaxValue);
        writer.WriteI32Field(4, int.MinValue);
        writer.WriteI32Field(5, int.MaxValue);
        writer.WriteI64Field(6, long.MinValue);
        writer.WriteI64Field(7, long.MaxValue);
        writer.WriteDoubleField(8, -0.0);
        writer.WriteDoubleField(9, double.NegativeInfinity);
        writer.WriteBinaryField(10, []);
        writer.WriteBinaryField(11, longBinary);
        writer.WriteStringField(12, "Zoë 😀 東京");
        writer.WriteBoolField(13, true);
        writer.WriteBoolField(14, false);
        writer.WriteListFieldHeader(15, ThriftCompactType.I64, 3);
        foreach (var v in new long[] { -1, 0, 1L << 40 }) writer.WriteI64(v);
        // 20 elements: the size no longer fits the header's nibble and follows as a varint.
        writer.WriteListFieldHeader(16, ThriftCompactType.I32, 20);
        for (var i = 0; i < 20; i++) writer.WriteI32(i * 1000 - 5000);
        writer.WriteListFieldHeader(17, ThriftCompactType.BooleanTrue, 2);
        writer.WriteBoolElement(true);
        writer.WriteBoolElement(false);
        writer.WriteFieldHeader(18, ThriftCompactType.Set);
        writer.WriteListHeader(ThriftCompactType.Binary, 1);
        writer.WriteString("member");
        writer.WriteFieldHeader(19, ThriftCompactType.Map);
        writer.WriteMapHeader(ThriftCompactType.Binary, ThriftCompactType.I32, 2);
        writer.WriteString("a");
        writer.WriteI32(1);
        writer.WriteString("b");
        writer.WriteI32(2);
        writer.WriteFieldHeader(20, ThriftCompactType.Map);
        writer.WriteMapHeader(ThriftCompactType.Binary, ThriftCompactType.I32, 0);
        writer.BeginStructField(21);
        writer.WriteI32Field(1, 7);  // ids restart inside the nested struct
        writer.WriteEmptyStructField(2);
        writer.EndStruct();
        writer.WriteI32Field(22, 99); // and continue from 21 after it
        writer.WriteFieldHeader(300, ThriftCompactType.Double);
        writer.WriteDouble(double.Epsilon);
        writer.EndStruct();

        var reader = new ThriftCompactReader(writer.ToArray(), "thrift");
        reader.BeginStruct();
        ThriftField Next()
        {
            Assert.True(reader.ReadFieldHeader(out var field));
            return field;
        }
        Assert.Equal(sbyte.MinValue, reader.ReadI8(Next(), "i8"));
        Assert.Equal(short.MinValue, Assert.IsType<short>(Read16(reader, Next())));
        Assert.Equal(short.MaxValue, Assert.IsType<short>(Read16(reader, Next())));
        Assert.Equal(int.MinValue, reader.ReadI32(Next(), "i32"));
        Assert.Equal(int.MaxValue, reader.ReadI32(Next(), "i32"));
        Assert.Equal(long.MinValue, reader.ReadI64(Next(), "i64"));
        Assert.Equal(long.MaxValue, reader.ReadI64(Next(), "i64"));
        var zero = Next();
        Assert.Equal(ThriftCompactType.Double, zero.Type);
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(reader.ReadDouble()));
        Next();
        Assert.Equal(double.NegativeInfinity, reader.ReadDouble());
        Assert.Empty(reader.ReadBinary(Next(), "empty"));
        Assert.Equal(longBinary, reader.ReadBinary(Next(), "binary"));
        Assert.Equal("Zoë 😀 東京", reader.ReadString(Next(), "string"));
        Assert.True(reader.ReadBool(Next(), "true"));
        Assert.False(reader.ReadBool(Next(), "false"));
        Assert.Equal([-1L, 0L, 1L << 40], reader.ReadList(Next(), "i64s", ThriftCompactType.I64, r => r.ReadI64()));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => i * 1000 - 5000), reader.ReadList(Next(), "i32s", ThriftCompactType.I32, r => r.ReadI32()));
        var bools = Next();
        Assert.Equal((ThriftCompactType.BooleanTrue, 2), reader.ReadListHeader());
        Assert.Equal([1, 2], new[] { reader.ReadI8(), reader.ReadI8() }.Select(b => (int)b));
        Assert.Equal(17, bools.Id);
        Assert.Equal(ThriftCompactType.Set, Next().Type);
        Assert.Equal((ThriftCompactType.Binary, 1), reader.ReadListHeader());
        Assert.Equal("member", reader.ReadString());
        Assert.Equal(ThriftCompactType.Map, Next().Type);
        Assert.Equal((ThriftCompactType.Binary, ThriftCompactType.I32, 2), reader.ReadMapHeader());
        Assert.Equal(("a", 1, "b", 2), (reader.ReadString(), reader.ReadI32(), reader.ReadString(), reader.ReadI32()));
        Assert.Equal(ThriftCompactType.Map, Next().Type);
        Assert.Equal(0, reader.ReadMapHeader().Count);
        var nested = Next();
        Assert.Equal((short)21, nested.Id);
        Assert.Equal(7, reader.ReadStruct(nested, "nested", r =>
        {
            r.BeginStruct();
            Assert.True(r.ReadFieldHeader(out var inner));
            var value = r.ReadI32(inner, "inner");
            Assert.True(r.ReadFieldHeader(out var empty));
            Assert.Equal(((short)2, ThriftCompactType.Struct), (empty.Id, empty.Type));
            r.SkipValue(ThriftCompactType.Struct);
            Assert.False(r.ReadFieldHeader(out _));
            r.EndStruct();
            return value;
        }));
        var after = Next();
        Assert.Equal((short)22, after.Id);
        Assert.Equal(99, reader.ReadI32(after, "after"));
        var far = Next();
        Assert.Equal((short)300, far.Id);
        Assert.Equal(double.Epsilon, reader.ReadDouble());
        Assert.False(reader.ReadFieldHeader(out _));
        reader.EndStruct();
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void Page_headers_and_statistics_round_trip_through_their_decoders()
    {
        var statistics = new Statistics([1, 2], [3], 4, 5, [6, 7, 8], []);
        var data = new PageHeader(PageType.DataPage, 1234, 567, 89,
            new DataPageHeader(100, Encoding.RleDictionary, Encoding.Rle, Encoding.Rle, statistics), null, null);
        var dictionary = new PageHeader(PageType.DictionaryPage, 10, 12, null, null, new DictionaryPageHeader(3, Encoding.Plain, true), null);
        foreach (var header in new[] { data, dictionary })
        {
            var writer = new ThriftCompactWriter();
            PageHeaderEncoder.Write(writer, header);
            var decoded = PageHeaderDecoder.Read(new ThriftCompactReader(writer.ToArray(), "page"));
            Assert.Equal((header.Type, header.UncompressedPageSize, header.CompressedPageSize, header.Crc),
                (decoded.Type, decoded.UncompressedPageSize, decoded.CompressedPageSize, decoded.Crc));
            Assert.Equal(header.DictionaryPageHeader, decoded.DictionaryPageHeader);
            if (header.DataPageHeader is { } expected)
            {
                var actual = decoded.DataPageHeader!;
                Assert.Equal((expected.NumValues, expected.Encoding, expected.DefinitionLevelEncoding, expected.RepetitionLevelEncoding),
                    (actual.NumValues, actual.Encoding, actual.DefinitionLevelEncoding, actual.RepetitionLevelEncoding));
                var s = actual.Statistics!;
                Assert.Equal([1, 2], s.Max);
                Assert.Equal([3], s.Min);
                Assert.Equal((4L, 5L), (s.NullCount, s.DistinctCount));
                Assert.Equal([6, 7, 8], s.MaxValue);
                Assert.Equal([], s.MinValue!);
            }
        }
    }

    [Fact]
    public void Schema_elements_with_every_logical_type_round_trip()
    {
        LogicalType[] types =
        [
            new LogicalType.StringType(), new LogicalType.DateType(), new LogicalType.IntegerType(64, true),
            new LogicalType.IntegerType(8, false), new LogicalType.DecimalType(2, 9),
            new LogicalType.TimestampType(true, ParquetTimeUnit.Micros), new LogicalType.TimestampType(false, ParquetTimeUnit.Nanos),
            new LogicalType.TimeType(true, ParquetTimeUnit.Millis),
        ];
        foreach (var logical in types)
        {
            var element = new SchemaElement(PhysicalType.Int64, 16, FieldRepetitionType.Optional, "c", null, ConvertedType.Int64, 2, 9, 5, logical);
            var writer = new ThriftCompactWriter();
            SchemaElementEncoder.Write(writer, element);
            Assert.Equal(element, SchemaElementDecoder.Read(new ThriftCompactReader(writer.ToArray(), "schema")));
        }
    }

    private static object Read16(ThriftCompactReader reader, ThriftField field)
    {
        Assert.Equal(ThriftCompactType.I16, field.Type);
        return reader.ReadI16();
    }
}
