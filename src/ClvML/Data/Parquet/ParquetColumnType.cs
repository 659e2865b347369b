namespace ClvML.Data.Parquet;

/// <summary>
/// How a column's stored values are read (LogicalTypes.md): the kind plus what the conversion
/// needs (decimal scale, timestamp unit, unsigned integers). Annotations outside ClvML's list
/// (TIME, INTERVAL, UUID, FLOAT16, BSON, ...) are refused with an "unsupported: ..." message
/// naming the column, so a caller never gets bytes it would misread.
/// </summary>
/// <param name="Kind">What the values mean.</param>
/// <param name="Scale">Digits after the decimal point, for <see cref="ParquetValueKind.Decimal"/>.</param>
/// <param name="Unit">Unit of an INT64 <see cref="ParquetValueKind.Timestamp"/>; null for INT96.</param>
/// <param name="IsUnsigned">True for UINT_32 / UINT_64 (INTEGER(…, unsigned)) integers.</param>
internal sealed record ParquetColumnType(ParquetValueKind Kind, int Scale, ParquetTimeUnit? Unit, bool IsUnsigned)
{
    /// <summary>The type of <paramref name="column"/>, or an "unsupported: ..." message in <paramref name="unsupported"/>.</summary>
    public static ParquetColumnType? Resolve(ParquetColumn column, out string? unsupported)
    {
        ArgumentNullException.ThrowIfNull(column);
        unsupported = null;
        if (column.MaxRepetitionLevel > 0 || column.Path.Count > 1)
        {
            unsupported = column.Path.Count > 1 ? $"unsupported: nested column {column.Name}" : $"unsupported: repeated column {column.Name}";
            return null;
        }
        var logical = column.LogicalType;
        var converted = column.ConvertedType;
        var decimalScale = logical is LogicalType.DecimalType d ? d.Scale : converted == ConvertedType.Decimal ? column.Scale ?? 0 : (int?)null;
        var annotation = logical?.Name ?? (converted is { } c ? SpecName(c.ToString()) : null);
        ParquetColumnType? type = column.PhysicalType switch
        {
            PhysicalType.Boolean when annotation is null => new(ParquetValueKind.Boolean, 0, null, false),
            PhysicalType.Float or PhysicalType.Double when annotation is null => new(ParquetValueKind.Real, 0, null, false),
            PhysicalType.Int96 when annotation is null => new(ParquetValueKind.Timestamp, 0, null, false),
            PhysicalType.Int32 or PhysicalType.Int64 or PhysicalType.FixedLenByteArray or PhysicalType.ByteArray when decimalScale is { } scale => Decimal(scale),
            PhysicalType.Int32 when logical is LogicalType.DateType || converted == ConvertedType.Date => new(ParquetValueKind.Date, 0, null, false),
            PhysicalType.Int64 when logical is LogicalType.TimestampType t => new(ParquetValueKind.Timestamp, 0, t.Unit, false),
            PhysicalType.Int64 when logical is null && converted == ConvertedType.TimestampMillis => new(ParquetValueKind.Timestamp, 0, ParquetTimeUnit.Millis, false),
            PhysicalType.Int64 when logical is null && converted == ConvertedType.TimestampMicros => new(ParquetValueKind.Timestamp, 0, ParquetTimeUnit.Micros, false),
            PhysicalType.Int32 or PhysicalType.Int64 when logical is LogicalType.IntegerType i => new(ParquetValueKind.Integer, 0, null, !i.IsSigned),
            PhysicalType.Int32 or PhysicalType.Int64 when logical is null && converted is null or ConvertedType.Int8 or ConvertedType.Int16
                or ConvertedType.Int32 or ConvertedType.Int64 => new(ParquetValueKind.Integer, 0, null, false),
            PhysicalType.Int32 or PhysicalType.Int64 when logical is null && converted is ConvertedType.Uint8 or ConvertedType.Uint16
                or ConvertedType.Uint32 or ConvertedType.Uint64 => new(ParquetValueKind.Integer, 0, null, true),
            PhysicalType.ByteArray when annotation is null => new(ParquetValueKind.Binary, 0, null, false),
            PhysicalType.ByteArray when logical is LogicalType.StringType || (logical is null or LogicalType.OtherType { SpecName: "ENUM" or "JSON" }
                && converted is null or ConvertedType.Utf8 or ConvertedType.Enum or ConvertedType.Json) => new(ParquetValueKind.Text, 0, null, false),
            _ => null,
        };
        if (type is null)
            unsupported = $"unsupported: column {column.Name} is {SpecName(column.PhysicalType.ToString())}{(annotation is null ? "" : " annotated " + annotation)}";
        else if (type.Kind == ParquetValueKind.Decimal && (type.Scale < 0 || type.Scale > 38))
        {
            unsupported = $"unsupported: column {column.Name} is a DECIMAL with scale {type.Scale} (0..38 are read)";
            type = null;
        }
        else if (column.PhysicalType == PhysicalType.FixedLenByteArray && column.TypeLength is not (> 0 and <= 16))
        {
            unsupported = $"unsupported: column {column.Name} is a FIXED_LEN_BYTE_ARRAY of length {column.TypeLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(missing)"} (1..16 are read)";
            type = null;
        }
        return type;
    }

    /// <summary>The parquet.thrift spelling of an enum member: FixedLenByteArray -> FIXED_LEN_BYTE_ARRAY, TimeMicros -> TIME_MICROS.</summary>
    private static string SpecName(string member)
    {
        var name = new System.Text.StringBuilder();
        for (var i = 0; i < member.Length; i++)
        {
            if (i > 0 && char.IsUpper(member[i])) name.Append('_');
            name.Append(char.ToUpperInvariant(member[i]));
        }
        return name.ToString();
    }

    private static ParquetColumnType Decimal(int scale) => new(ParquetValueKind.Decimal, scale, null, false);
}
