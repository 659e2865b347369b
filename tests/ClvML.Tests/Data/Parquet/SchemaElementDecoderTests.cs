using ClvML.Data.Parquet;

namespace ClvML.Tests.Data.Parquet;

/// <summary>
/// SchemaElement and its LogicalType union (parquet.thrift; LogicalTypes.md) from hand-encoded bytes:
/// the logical types no parquet-testing file carries (TIMESTAMP, DATE, DECIMAL as a logical type).
/// </summary>
public sealed class SchemaElementDecoderTests
{
    private static SchemaElement Decode(Action<CompactProtocolBytes> logicalType, PhysicalType type = PhysicalType.Int64)
    {
        var bytes = new CompactProtocolBytes()
            .I32(1, (int)type).I32(3, (int)FieldRepetitionType.Optional).String(4, "col")
            .Struct(10, logicalType).Stop().ToArray();
        return SchemaElementDecoder.Read(new ThriftCompactReader(bytes, "schema.bin"));
    }

    [Theory]
    [InlineData(1, ParquetTimeUnit.Millis, true)]
    [InlineData(2, ParquetTimeUnit.Micros, false)]
    [InlineData(3, ParquetTimeUnit.Nanos, true)]
    public void Timestamp_carries_unit_and_utc_adjustment(int unitField, ParquetTimeUnit unit, bool utc)
    {
        var element = Decode(l => l.Struct(8, t => t.Bool(1, utc).Struct(2, u => u.Struct(unitField, _ => { }))));
        Assert.Equal(new LogicalType.TimestampType(utc, unit), element.LogicalType);
        Assert.Equal("col", element.Name);
        Assert.Equal(FieldRepetitionType.Optional, element.RepetitionType);
    }

    [Fact]
    public void Date_string_decimal_and_integer_are_decoded()
    {
        Assert.Equal(new LogicalType.DateType(), Decode(l => l.Struct(6, _ => { }), PhysicalType.Int32).LogicalType);
        Assert.Equal(new LogicalType.StringType(), Decode(l => l.Struct(1, _ => { }), PhysicalType.ByteArray).LogicalType);
        Assert.Equal(new LogicalType.DecimalType(2, 10), Decode(l => l.Struct(5, d => d.I32(1, 2).I32(2, 10))).LogicalType);
        Assert.Equal(new LogicalType.IntegerType(8, false), Decode(l => l.Struct(10, i => i.I8(1, 8).Bool(2, false)), PhysicalType.Int32).LogicalType);
    }

    [Fact]
    public void Other_and_unknown_union_members_are_kept_by_name()
    {
        Assert.Equal(new LogicalType.OtherType("UUID"), Decode(l => l.Struct(14, _ => { })).LogicalType);
        Assert.Equal(new LogicalType.OtherType("field 40"), Decode(l => l.Struct(40, _ => { })).LogicalType);
    }

    [Fact]
    public void Unknown_fields_inside_known_structs_are_skipped()
    {
        var element = Decode(l => l.Struct(5, d => d.I32(1, 3).I32(2, 9).I32List(7, 1, 2, 3).Struct(9, s => s.String(1, "x"))));
        Assert.Equal(new LogicalType.DecimalType(3, 9), element.LogicalType);
    }

    [Fact]
    public void A_timestamp_without_a_unit_is_refused()
    {
        var error = Assert.Throws<ParquetFormatException>(() => Decode(l => l.Struct(8, t => t.Bool(1, true))));
        Assert.Contains("TIMESTAMPType is missing required field 'unit'", error.Message);
    }

    [Fact]
    public void An_element_without_a_name_is_refused()
    {
        var bytes = new CompactProtocolBytes().I32(1, 1).Stop().ToArray();
        var error = Assert.Throws<ParquetFormatException>(() => SchemaElementDecoder.Read(new ThriftCompactReader(bytes, "schema.bin")));
        Assert.Equal("schema.bin: byte 0: SchemaElement is missing required field 'name'", error.Message);
    }
}
