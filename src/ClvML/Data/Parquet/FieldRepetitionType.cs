namespace ClvML.Data.Parquet;

/// <summary>How often a field occurs in its parent: parquet.thrift enum <c>FieldRepetitionType</c>.</summary>
internal enum FieldRepetitionType
{
    /// <summary>REQUIRED: exactly once; no definition level.</summary>
    Required = 0,
    /// <summary>OPTIONAL: zero or one time (nullable).</summary>
    Optional = 1,
    /// <summary>REPEATED: any number of times.</summary>
    Repeated = 2,
}
