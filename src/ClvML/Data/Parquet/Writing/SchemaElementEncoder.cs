namespace ClvML.Data.Parquet.Writing;

/// <summary>
/// Encodes parquet.thrift struct <c>SchemaElement</c> and union <c>LogicalType</c>, the mirror of
/// <see cref="SchemaElementDecoder"/> (field ids as in parquet-format's parquet.thrift).
/// </summary>
internal static class SchemaElementEncoder
{
    /// <summary>Writes one SchemaElement struct, stop byte included.</summary>
    public static void Write(ThriftCompactWriter writer, SchemaElement element)
    {
        writer.BeginStruct();
        if (element.Type is { } type) writer.WriteI32Field(1, (int)type);
        if (element.TypeLength is { } length) writer.WriteI32Field(2, length);
        if (element.RepetitionType is { } repetition) writer.WriteI32Field(3, (int)repetition);
        writer.WriteStringField(4, element.Name);
        if (element.NumChildren is { } children) writer.WriteI32Field(5, children);
        if (element.ConvertedType is { } converted) writer.WriteI32Field(6, (int)converted);
        if (element.Scale is { } scale) writer.WriteI32Field(7, scale);
        if (element.Precision is { } precision) writer.WriteI32Field(8, precision);
        if (element.FieldId is { } fieldId) writer.WriteI32Field(9, fieldId);
        if (element.LogicalType is { } logical)
        {
            writer.BeginStructField(10);
            WriteLogicalType(writer, logical);
            writer.EndStruct();
        }
        writer.EndStruct();
    }

    /// <summary>Writes the one member of the LogicalType union (inside the already opened union struct).</summary>
    private static void WriteLogicalType(ThriftCompactWriter writer, LogicalType logical)
    {
        switch (logical)
        {
            case LogicalType.StringType:
                writer.WriteEmptyStructField(1);
                break;
            case LogicalType.DecimalType decimalType:
                writer.BeginStructField(5);
                writer.WriteI32Field(1, decimalType.Scale);
                writer.WriteI32Field(2, decimalType.Precision);
                writer.EndStruct();
                break;
            case LogicalType.DateType:
                writer.WriteEmptyStructField(6);
                break;
            case LogicalType.TimeType time:
                WriteTemporal(writer, 7, time.IsAdjustedToUTC, time.Unit);
                break;
            case LogicalType.TimestampType timestamp:
                WriteTemporal(writer, 8, timestamp.IsAdjustedToUTC, timestamp.Unit);
                break;
            case LogicalType.IntegerType integer:
                writer.BeginStructField(10);
                writer.WriteI8Field(1, checked((sbyte)integer.BitWidth));
                writer.WriteBoolField(2, integer.IsSigned);
                writer.EndStruct();
                break;
            default:
                throw new NotSupportedException($"Writing the {logical.Name} logical type is not supported.");
        }
    }

    private static void WriteTemporal(ThriftCompactWriter writer, short id, bool isAdjustedToUtc, ParquetTimeUnit unit)
    {
        writer.BeginStructField(id);
        writer.WriteBoolField(1, isAdjustedToUtc);
        // TimeUnit is a union of empty structs: MILLIS = 1, MICROS = 2, NANOS = 3.
        writer.BeginStructField(2);
        writer.WriteEmptyStructField(unit switch { ParquetTimeUnit.Millis => 1, ParquetTimeUnit.Micros => 2, _ => 3 });
        writer.EndStruct();
        writer.EndStruct();
    }
}
