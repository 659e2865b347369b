namespace ClvML.Data.Parquet;

/// <summary>
/// A leaf column of a Parquet schema, with the levels a page reader needs (parquet-format
/// README, "Nested Encoding": the maximum definition level counts the non-REQUIRED fields on the
/// path, the maximum repetition level the REPEATED ones).
/// </summary>
/// <param name="Path">Names from the root's child to the leaf.</param>
/// <param name="Index">Position among all leaves, which is the column chunk's position in each row group.</param>
/// <param name="PhysicalType">How values are stored.</param>
/// <param name="TypeLength">Bytes per value for FIXED_LEN_BYTE_ARRAY.</param>
/// <param name="LogicalType">Logical annotation, if any.</param>
/// <param name="ConvertedType">Legacy annotation, if any.</param>
/// <param name="Repetition">REQUIRED, OPTIONAL or REPEATED.</param>
/// <param name="Scale">Decimal scale from the legacy annotation.</param>
/// <param name="Precision">Decimal precision from the legacy annotation.</param>
/// <param name="MaxDefinitionLevel">Highest definition level; 0 for a REQUIRED top-level column.</param>
/// <param name="MaxRepetitionLevel">Highest repetition level; 0 for every flat column.</param>
internal sealed record ParquetColumn(
    IReadOnlyList<string> Path,
    int Index,
    PhysicalType PhysicalType,
    int? TypeLength,
    LogicalType? LogicalType,
    ConvertedType? ConvertedType,
    FieldRepetitionType Repetition,
    int? Scale,
    int? Precision,
    int MaxDefinitionLevel,
    int MaxRepetitionLevel)
{
    /// <summary>The dotted path, e.g. <c>a.b.c</c>; the column's name for a flat schema.</summary>
    public string Name => string.Join('.', Path);
}
