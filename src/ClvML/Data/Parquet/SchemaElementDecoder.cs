namespace ClvML.Data.Parquet;

/// <summary>
/// Decodes parquet.thrift struct <c>SchemaElement</c> and union <c>LogicalType</c>
/// (field ids as in parquet-format's parquet.thrift; unknown ids are skipped, as Thrift requires).
/// </summary>
internal static class SchemaElementDecoder
{
    /// <summary>Reads one SchemaElement struct, stop byte included.</summary>
    public static SchemaElement Read(ThriftCompactReader reader)
    {
        var start = reader.Offset;
        PhysicalType? type = null;
        FieldRepetitionType? repetition = null;
        ConvertedType? converted = null;
        int? typeLength = null, numChildren = null, scale = null, precision = null, fieldId = null;
        string? name = null;
        LogicalType? logical = null;
        reader.BeginStruct();
        while (reader.ReadFieldHeader(out var field))
        {
            switch (field.Id)
            {
                case 1: type = (PhysicalType)reader.ReadI32(field, "type"); break;
                case 2: typeLength = reader.ReadI32(field, "type_length"); break;
                case 3: repetition = (FieldRepetitionType)reader.ReadI32(field, "repetition_type"); break;
                case 4: name = reader.ReadString(field, "name"); break;
                case 5: numChildren = reader.ReadI32(field, "num_children"); break;
                case 6: converted = (ConvertedType)reader.ReadI32(field, "converted_type"); break;
                case 7: scale = reader.ReadI32(field, "scale"); break;
                case 8: precision = reader.ReadI32(field, "precision"); break;
                case 9: fieldId = reader.ReadI32(field, "field_id"); break;
                case 10: logical = reader.ReadStruct(field, "logicalType", ReadLogicalType); break;
                default: reader.Skip(field); break;
            }
        }
        reader.EndStruct();
        return new SchemaElement(type, typeLength, repetition, reader.Required(name, "SchemaElement", "name", start),
            numChildren, converted, scale, precision, fieldId, logical);
    }

    /// <summary>Reads the LogicalType union: exactly one member field, most of them empty structs.</summary>
    private static LogicalType? ReadLogicalType(ThriftCompactReader reader)
    {
        LogicalType? result = null;
        reader.BeginStruct();
        while (reader.ReadFieldHeader(out var field))
        {
            LogicalType? member = field.Id switch
            {
                1 => Empty(reader, field, "STRING", new LogicalType.StringType()),
                5 => reader.ReadStruct(field, "DECIMAL", ReadDecimal),
                6 => Empty(reader, field, "DATE", new LogicalType.DateType()),
                7 => reader.ReadStruct(field, "TIME", r => ReadTemporal(r, "TIME", (utc, unit) => new LogicalType.TimeType(utc, unit))),
                8 => reader.ReadStruct(field, "TIMESTAMP", r => ReadTemporal(r, "TIMESTAMP", (utc, unit) => new LogicalType.TimestampType(utc, unit))),
                10 => reader.ReadStruct(field, "INTEGER", ReadInteger),
                _ => Other(reader, field),
            };
            result ??= member;
        }
        reader.EndStruct();
        return result;
    }

    private static LogicalType Empty(ThriftCompactReader reader, ThriftField field, string name, LogicalType value)
    {
        // Members without parameters are empty structs; skipping consumes them and anything a newer writer added.
        reader.ReadStruct(field, name, r => { r.SkipValue(ThriftCompactType.Struct); return 0; });
        return value;
    }

    private static LogicalType Other(ThriftCompactReader reader, ThriftField field)
    {
        reader.Skip(field);
        var name = field.Id switch
        {
            2 => "MAP", 3 => "LIST", 4 => "ENUM", 11 => "UNKNOWN", 12 => "JSON", 13 => "BSON", 14 => "UUID",
            15 => "FLOAT16", 16 => "VARIANT", 17 => "GEOMETRY", 18 => "GEOGRAPHY",
            _ => $"field {field.Id}",
        };
        return new LogicalType.OtherType(name);
    }

    private static LogicalType ReadDecimal(ThriftCompactReader reader)
    {
        var start = reader.Offset;
        int? scale = null, precision = null;
        reader.BeginStruct();
        while (reader.ReadFieldHeader(out var field))
        {
            switch (field.Id)
            {
                case 1: scale = reader.ReadI32(field, "scale"); break;
                case 2: precision = reader.ReadI32(field, "precision"); break;
                default: reader.Skip(field); break;
            }
        }
        reader.EndStruct();
        return new LogicalType.DecimalType(reader.Required(scale, "DecimalType", "scale", start),
            reader.Required(precision, "DecimalType", "precision", start));
    }

    private static LogicalType ReadTemporal(ThriftCompactReader reader, string name, Func<bool, ParquetTimeUnit, LogicalType> create)
    {
        var start = reader.Offset;
        bool? utc = null;
        ParquetTimeUnit? unit = null;
        reader.BeginStruct();
        while (reader.ReadFieldHeader(out var field))
        {
            switch (field.Id)
            {
                case 1: utc = reader.ReadBool(field, "isAdjustedToUTC"); break;
                case 2: unit = reader.ReadStruct(field, "unit", ReadTimeUnit); break;
                default: reader.Skip(field); break;
            }
        }
        reader.EndStruct();
        return create(reader.Required(utc, name + "Type", "isAdjustedToUTC", start), reader.Required(unit, name + "Type", "unit", start));
    }

    private static ParquetTimeUnit? ReadTimeUnit(ThriftCompactReader reader)
    {
        var start = reader.Offset;
        ParquetTimeUnit? unit = null;
        reader.BeginStruct();
        while (reader.ReadFieldHeader(out var field))
        {
            ParquetTimeUnit? member = field.Id switch { 1 => ParquetTimeUnit.Millis, 2 => ParquetTimeUnit.Micros, 3 => ParquetTimeUnit.Nanos, _ => null };
            reader.Skip(field);
            unit ??= member;
        }
        reader.EndStruct();
        if (unit is null) reader.Fail(start, "TimeUnit names no unit this reader knows (expected MILLIS, MICROS or NANOS)");
        return unit;
    }

    private static LogicalType ReadInteger(ThriftCompactReader reader)
    {
        var start = reader.Offset;
        sbyte? bitWidth = null;
        bool? signed = null;
        reader.BeginStruct();
        while (reader.ReadFieldHeader(out var field))
        {
            switch (field.Id)
            {
                case 1: bitWidth = reader.ReadI8(field, "bitWidth"); break;
                case 2: signed = reader.ReadBool(field, "isSigned"); break;
                default: reader.Skip(field); break;
            }
        }
        reader.EndStruct();
        return new LogicalType.IntegerType(reader.Required(bitWidth, "IntType", "bitWidth", start),
            reader.Required(signed, "IntType", "isSigned", start));
    }
}
