namespace ClvML.Data.Parquet;

/// <summary>
/// One node of the depth-first flattened schema tree: parquet.thrift struct <c>SchemaElement</c>.
/// The first element is the root; a node with <paramref name="NumChildren"/> is a group, otherwise a leaf column.
/// </summary>
/// <param name="Type">Physical type; set for leaves only.</param>
/// <param name="TypeLength">Byte length of FIXED_LEN_BYTE_ARRAY values.</param>
/// <param name="RepetitionType">REQUIRED, OPTIONAL or REPEATED; absent on the root.</param>
/// <param name="Name">Field name.</param>
/// <param name="NumChildren">Number of children for a group; absent (or 0) for a leaf.</param>
/// <param name="ConvertedType">Legacy logical annotation.</param>
/// <param name="Scale">Decimal scale (legacy DECIMAL annotation).</param>
/// <param name="Precision">Decimal precision (legacy DECIMAL annotation).</param>
/// <param name="FieldId">Id assigned by the writer's original schema, if any.</param>
/// <param name="LogicalType">Logical annotation (supersedes <paramref name="ConvertedType"/>).</param>
internal sealed record SchemaElement(
    PhysicalType? Type,
    int? TypeLength,
    FieldRepetitionType? RepetitionType,
    string Name,
    int? NumChildren,
    ConvertedType? ConvertedType,
    int? Scale,
    int? Precision,
    int? FieldId,
    LogicalType? LogicalType);
