using ClvML.Data.Tables;

namespace ClvML.Data.Parquet.Writing;

/// <summary>
/// One column of a file the writer produces, fixed before the first row group: its name, its
/// table type and whether it may hold nulls. The Parquet types follow (LogicalTypes.md):
/// Text is BYTE_ARRAY + STRING, Integer INT64, Real DOUBLE, Date INT32 + DATE, Timestamp INT64 +
/// TIMESTAMP(isAdjustedToUTC = false, MICROS): a local date-time, as transactions are read.
/// </summary>
/// <param name="Name">The field name.</param>
/// <param name="Kind">The table type of the values.</param>
/// <param name="IsOptional">OPTIONAL (with definition levels) when the column may hold nulls; REQUIRED otherwise.</param>
public sealed record ParquetColumnSpec(string Name, TableColumnKind Kind, bool IsOptional = false)
{
    /// <summary>The spec for <paramref name="column"/>: OPTIONAL exactly when it holds a null.</summary>
    public static ParquetColumnSpec For(TableColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return new ParquetColumnSpec(column.Name, column.Kind, column.HasNulls);
    }

    /// <summary>The physical type the values are stored as.</summary>
    public PhysicalType PhysicalType => Kind switch
    {
        TableColumnKind.Text => PhysicalType.ByteArray,
        TableColumnKind.Integer => PhysicalType.Int64,
        TableColumnKind.Real => PhysicalType.Double,
        TableColumnKind.Date => PhysicalType.Int32,
        TableColumnKind.Timestamp => PhysicalType.Int64,
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown column kind."),
    };

    /// <summary>
    /// The leaf's SchemaElement. Both the LogicalType and the legacy ConvertedType are written, as
    /// LogicalTypes.md asks of writers for compatibility with readers that know only the latter
    /// (STRING/UTF8, DATE/DATE, INT(64, signed)/INT_64); DOUBLE needs no annotation. A local
    /// TIMESTAMP gets no converted type: TIMESTAMP_MICROS means "adjusted to UTC" (LogicalTypes.md,
    /// "Timestamp"), which a wall-clock time of an order log is not.
    /// </summary>
    internal SchemaElement ToSchemaElement()
    {
        ConvertedType? converted = Kind switch
        {
            TableColumnKind.Text => ConvertedType.Utf8,
            TableColumnKind.Integer => ConvertedType.Int64,
            TableColumnKind.Date => ConvertedType.Date,
            _ => null,
        };
        LogicalType? logical = Kind switch
        {
            TableColumnKind.Text => new LogicalType.StringType(),
            TableColumnKind.Integer => new LogicalType.IntegerType(64, true),
            TableColumnKind.Date => new LogicalType.DateType(),
            TableColumnKind.Timestamp => new LogicalType.TimestampType(false, ParquetTimeUnit.Micros),
            _ => null,
        };
        return new SchemaElement(PhysicalType, null, IsOptional ? FieldRepetitionType.Optional : FieldRepetitionType.Required,
            Name, null, converted, null, null, null, logical);
    }
}
