namespace ClvML.Data.Parquet;

/// <summary>The file footer: parquet.thrift struct <c>FileMetaData</c>.</summary>
/// <param name="Version">Format version of the file.</param>
/// <param name="Schema">The schema tree, flattened depth-first; element 0 is the root.</param>
/// <param name="NumRows">Total number of rows.</param>
/// <param name="RowGroups">The row groups, in file order.</param>
/// <param name="KeyValueMetadata">Application key/value pairs (e.g. the Arrow or Spark schema).</param>
/// <param name="CreatedBy">Writer name and version, e.g. "parquet-mr version 1.13.0".</param>
/// <param name="HasEncryptionAlgorithm">True when the footer is plaintext but columns are encrypted (field 8).</param>
internal sealed record FileMetaData(
    int Version,
    IReadOnlyList<SchemaElement> Schema,
    long NumRows,
    IReadOnlyList<RowGroup> RowGroups,
    IReadOnlyList<KeyValue> KeyValueMetadata,
    string? CreatedBy,
    bool HasEncryptionAlgorithm);

/// <summary>An application key/value pair: parquet.thrift struct <c>KeyValue</c>.</summary>
/// <param name="Key">The key.</param>
/// <param name="Value">The value, if any.</param>
internal sealed record KeyValue(string Key, string? Value);

/// <summary>A horizontal slice of the rows: parquet.thrift struct <c>RowGroup</c>.</summary>
/// <param name="Columns">One chunk per leaf column, in schema order.</param>
/// <param name="TotalByteSize">Uncompressed size of all column data.</param>
/// <param name="NumRows">Rows in this group.</param>
internal sealed record RowGroup(IReadOnlyList<ColumnChunk> Columns, long TotalByteSize, long NumRows);

/// <summary>One column's data in a row group: parquet.thrift struct <c>ColumnChunk</c>.</summary>
/// <param name="FilePath">Set when the chunk lives in another file (ClvML does not follow it).</param>
/// <param name="FileOffset">Deprecated offset of the chunk's metadata copy.</param>
/// <param name="MetaData">The chunk's metadata; required unless the column is encrypted.</param>
internal sealed record ColumnChunk(string? FilePath, long FileOffset, ColumnMetaData? MetaData);

/// <summary>Where and how a column chunk is stored: parquet.thrift struct <c>ColumnMetaData</c>.</summary>
/// <param name="Type">Physical type.</param>
/// <param name="Encodings">Every encoding used by the chunk's pages (values and levels).</param>
/// <param name="PathInSchema">Path from the root to the leaf.</param>
/// <param name="Codec">Compression of the pages.</param>
/// <param name="NumValues">Values including nulls.</param>
/// <param name="TotalUncompressedSize">Bytes of all pages, headers included, before compression.</param>
/// <param name="TotalCompressedSize">Bytes of all pages, headers included, as stored.</param>
/// <param name="DataPageOffset">File offset of the first data page.</param>
/// <param name="IndexPageOffset">File offset of the index page, if any.</param>
/// <param name="DictionaryPageOffset">File offset of the dictionary page, if any.</param>
/// <param name="Statistics">Chunk statistics, if written.</param>
internal sealed record ColumnMetaData(
    PhysicalType Type,
    IReadOnlyList<Encoding> Encodings,
    IReadOnlyList<string> PathInSchema,
    CompressionCodec Codec,
    long NumValues,
    long TotalUncompressedSize,
    long TotalCompressedSize,
    long DataPageOffset,
    long? IndexPageOffset,
    long? DictionaryPageOffset,
    Statistics? Statistics);
