namespace ClvML.Data.Parquet.Writing;

/// <summary>
/// Encodes the footer, parquet.thrift struct <c>FileMetaData</c>, with its row groups, column
/// chunks and column orders: the mirror of <see cref="FileMetaDataDecoder"/> plus the fields other
/// readers expect of a current writer (RowGroup file_offset/total_compressed_size/ordinal,
/// ColumnMetaData encoding_stats, FileMetaData column_orders).
/// </summary>
internal static class FileMetaDataEncoder
{
    /// <summary>
    /// The FileMetaData version ClvML writes. Arrow writes 2 for files that use format-2 features;
    /// RLE_DICTIONARY data pages and LogicalType annotations are such features.
    /// </summary>
    public const int FormatVersion = 2;

    /// <summary>Writes one FileMetaData struct, stop byte included.</summary>
    /// <param name="writer">Where the bytes go.</param>
    /// <param name="schema">The schema, flattened depth-first; element 0 is the root.</param>
    /// <param name="rowGroups">The row groups in file order.</param>
    /// <param name="keyValues">Application key/value pairs (may be empty).</param>
    /// <param name="createdBy">Writer name and version, "ClvML version X".</param>
    public static void Write(ThriftCompactWriter writer, IReadOnlyList<SchemaElement> schema, IReadOnlyList<WrittenRowGroup> rowGroups,
        IReadOnlyList<KeyValue> keyValues, string createdBy)
    {
        writer.BeginStruct();
        writer.WriteI32Field(1, FormatVersion);
        writer.WriteStructListField(2, schema, SchemaElementEncoder.Write);
        writer.WriteI64Field(3, rowGroups.Sum(g => g.NumRows));
        writer.WriteListFieldHeader(4, ThriftCompactType.Struct, rowGroups.Count);
        for (var i = 0; i < rowGroups.Count; i++) WriteRowGroup(writer, rowGroups[i], i);
        if (keyValues.Count > 0) writer.WriteStructListField(5, keyValues, WriteKeyValue);
        writer.WriteStringField(6, createdBy);
        // column_orders: one per leaf. TYPE_ORDER (TypeDefinedOrder, union field 1) tells readers
        // that min_value/max_value follow the sort order of each column's logical or physical type
        // (parquet.thrift, ColumnOrder); without it they must distrust string statistics.
        var leaves = schema.Count(e => (e.NumChildren ?? 0) == 0 && e.Type is not null);
        writer.WriteListFieldHeader(7, ThriftCompactType.Struct, leaves);
        for (var i = 0; i < leaves; i++)
        {
            writer.BeginStruct();
            writer.WriteEmptyStructField(1);
            writer.EndStruct();
        }
        writer.EndStruct();
    }

    private static void WriteKeyValue(ThriftCompactWriter writer, KeyValue pair)
    {
        writer.BeginStruct();
        writer.WriteStringField(1, pair.Key);
        if (pair.Value is { } value) writer.WriteStringField(2, value);
        writer.EndStruct();
    }

    private static void WriteRowGroup(ThriftCompactWriter writer, WrittenRowGroup group, int ordinal)
    {
        writer.BeginStruct();
        writer.WriteStructListField(1, group.Columns, WriteColumnChunk);
        // total_byte_size: "Total byte size of all the uncompressed column data in this row group";
        // like parquet-mr and Arrow, the chunks' uncompressed sizes (page headers included).
        writer.WriteI64Field(2, group.Columns.Sum(c => c.MetaData.TotalUncompressedSize));
        writer.WriteI64Field(3, group.NumRows);
        if (group.Columns.Count > 0)
        {
            // file_offset: "Byte offset from beginning of file to first page (data or dictionary) in this row group".
            writer.WriteI64Field(5, group.Columns[0].FirstPageOffset);
            writer.WriteI64Field(6, group.Columns.Sum(c => c.MetaData.TotalCompressedSize));
        }
        writer.WriteI16Field(7, checked((short)ordinal));
        writer.EndStruct();
    }

    private static void WriteColumnChunk(ThriftCompactWriter writer, WrittenColumnChunk chunk)
    {
        writer.BeginStruct();
        // file_offset is deprecated ("byte offset in file_path to the ColumnMetaData") but required.
        // The parquet-mr 1.13 files in parquet-testing (rle-dict-snappy-checksum.parquet) hold the
        // first data page's offset there, after the dictionary page; ClvML does the same.
        writer.WriteI64Field(2, chunk.MetaData.DataPageOffset);
        writer.BeginStructField(3);
        WriteColumnMetaData(writer, chunk);
        writer.EndStruct();
        writer.EndStruct();
    }

    // Opened by the caller (BeginStructField); closed by the caller too.
    private static void WriteColumnMetaData(ThriftCompactWriter writer, WrittenColumnChunk chunk)
    {
        var meta = chunk.MetaData;
        writer.WriteI32Field(1, (int)meta.Type);
        writer.WriteListFieldHeader(2, ThriftCompactType.I32, meta.Encodings.Count);
        foreach (var encoding in meta.Encodings) writer.WriteI32((int)encoding);
        writer.WriteListFieldHeader(3, ThriftCompactType.Binary, meta.PathInSchema.Count);
        foreach (var part in meta.PathInSchema) writer.WriteString(part);
        writer.WriteI32Field(4, (int)meta.Codec);
        writer.WriteI64Field(5, meta.NumValues);
        writer.WriteI64Field(6, meta.TotalUncompressedSize);
        writer.WriteI64Field(7, meta.TotalCompressedSize);
        writer.WriteI64Field(9, meta.DataPageOffset);
        if (meta.IndexPageOffset is { } index) writer.WriteI64Field(10, index);
        if (meta.DictionaryPageOffset is { } dictionary) writer.WriteI64Field(11, dictionary);
        if (meta.Statistics is { } statistics)
        {
            writer.WriteFieldHeader(12, ThriftCompactType.Struct);
            StatisticsEncoder.Write(writer, statistics);
        }
        if (chunk.EncodingStats.Count > 0)
        {
            writer.WriteListFieldHeader(13, ThriftCompactType.Struct, chunk.EncodingStats.Count);
            foreach (var stats in chunk.EncodingStats)
            {
                writer.BeginStruct();
                writer.WriteI32Field(1, (int)stats.PageType);
                writer.WriteI32Field(2, (int)stats.Encoding);
                writer.WriteI32Field(3, stats.Count);
                writer.EndStruct();
            }
        }
    }
}
