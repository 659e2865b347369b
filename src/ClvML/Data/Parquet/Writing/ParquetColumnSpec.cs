using ClvML.Data.Tables;

namespace ClvML.Data.Parquet.Writing;

/// <summary>
/// One column of a file the writer produces, fixed before the first row group: its name, its
/// table type and whether it may hold nulls. The Parquet types follow (LogicalTypes.md):
/// Text is BYTE_ARRAY + STRING, Integer INT64, Real DOUBLE, Date INT32 + DATE.
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
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown column kind."),
    };

    /// <summary>
    /// The leaf's SchemaElement. Both the LogicalType and the legacy ConvertedType are written, as
    /// LogicalTypes.md asks of writers for compatibility with readers that know only the latter
    /// (STRING/UTF8, DATE/DATE, INT(64, signed)/INT_64); DOUBLE needs no annotation.
    /// </summary>
    internal SchemaElement ToSchemaElement()
    {
        var (converted, logical) = Kind switch
        {
            TableColumnKind.Text => (ConvertedType.Utf8, new LogicalType.StringType()),
            TableColumnKind.Integer => (ConvertedType.Int64, new LogicalType.IntegerType(64, true)),
            TableColumnKind.Date => (ConvertedType.Date, (LogicalType)new LogicalType.DateType()),
            _ => ((ConvertedType?)null, (LogicalType?)null),
        };
        return new SchemaElement(PhysicalType, null, IsOptional ? FieldRepetitionType.Optional : FieldRepetitionType.Required,
            Name, null, converted, null, null, null, logical);
    }
}
