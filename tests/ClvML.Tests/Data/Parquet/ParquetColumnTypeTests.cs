using ClvML.Data.Parquet;

namespace ClvML.Tests.Data.Parquet;

/// <summary>
/// Which annotated columns are read and how (LogicalTypes.md), and the "unsupported: ..." message for
/// the ones outside ClvML's list. No parquet-testing file has such a column, so they are built here.
/// </summary>
public sealed class ParquetColumnTypeTests
{
    private static ParquetColumn Leaf(PhysicalType type, LogicalType? logical = null, ConvertedType? converted = null, int? length = null,
        string[]? path = null, FieldRepetitionType repetition = FieldRepetitionType.Optional) =>
        new(path ?? ["x"], 0, type, length, logical, converted, repetition, null, null, 1, repetition == FieldRepetitionType.Repeated ? 1 : 0);

    [Fact]
    public void Supported_annotations_resolve_to_their_kind()
    {
        Assert.Equal(ParquetValueKind.Date, ParquetColumnType.Resolve(Leaf(PhysicalType.Int32, converted: ConvertedType.Date), out _)!.Kind);
        Assert.Equal(ParquetTimeUnit.Nanos, ParquetColumnType.Resolve(Leaf(PhysicalType.Int64, new LogicalType.TimestampType(false, ParquetTimeUnit.Nanos)), out _)!.Unit);
        Assert.Equal(ParquetTimeUnit.Millis, ParquetColumnType.Resolve(Leaf(PhysicalType.Int64, converted: ConvertedType.TimestampMillis), out _)!.Unit);
        Assert.True(ParquetColumnType.Resolve(Leaf(PhysicalType.Int32, converted: ConvertedType.Uint32), out _)!.IsUnsigned);
        Assert.Equal(ParquetValueKind.Text, ParquetColumnType.Resolve(Leaf(PhysicalType.ByteArray, converted: ConvertedType.Json), out _)!.Kind);
        Assert.Equal(ParquetValueKind.Timestamp, ParquetColumnType.Resolve(Leaf(PhysicalType.Int96), out _)!.Kind);
    }

    [Theory]
    [InlineData("TIME_MICROS")]
    [InlineData("INTERVAL")]
    [InlineData("FLOAT16")]
    [InlineData("NESTED")]
    [InlineData("REPEATED")]
    public void Columns_outside_the_list_are_refused_with_a_precise_message(string what)
    {
        var (column, message) = what switch
        {
            "TIME_MICROS" => (Leaf(PhysicalType.Int64, converted: ConvertedType.TimeMicros), "unsupported: column x is INT64 annotated TIME_MICROS"),
            "INTERVAL" => (Leaf(PhysicalType.FixedLenByteArray, converted: ConvertedType.Interval, length: 12), "unsupported: column x is FIXED_LEN_BYTE_ARRAY annotated INTERVAL"),
            "FLOAT16" => (Leaf(PhysicalType.FixedLenByteArray, new LogicalType.OtherType("FLOAT16"), length: 2), "unsupported: column x is FIXED_LEN_BYTE_ARRAY annotated FLOAT16"),
            "NESTED" => (Leaf(PhysicalType.Int32, path: ["a", "b"]), "unsupported: nested column a.b"),
            _ => (Leaf(PhysicalType.Int32, repetition: FieldRepetitionType.Repeated), "unsupported: repeated column x"),
        };
        Assert.Null(ParquetColumnType.Resolve(column, out var unsupported));
        Assert.Equal(message, unsupported);
    }
}
