namespace ClvML.Data.Parquet;

/// <summary>
/// Decodes the footer, parquet.thrift struct <c>FileMetaData</c>, with its row groups and column
/// chunks. Field ids follow parquet-format's parquet.thrift; fields ClvML does not use
/// (sorting_columns, column indexes, encoding stats, bloom filters, ...) are skipped.
/// </summary>
internal static class FileMetaDataDecoder
{
    /// <summary>Reads one FileMetaData struct, stop byte included.</summary>
    public static FileMetaData Read(ThriftCompactReader reader)
    {
        var start = reader.Offset;
        int? version = null;
        long? numRows = null;
        List<SchemaElement>? schema = null;
        List<RowGroup>? rowGroups = null;
        List<KeyValue>? keyValues = null;
        string? createdBy = null;
        var encrypted = false;
        reader.BeginStruct();
        while (reader.ReadFieldHeader(out var field))
        {
            switch (field.Id)
            {
                case 1: version = reader.ReadI32(field, "version"); break;
                case 2: schema = reader.ReadList(field, "schema", ThriftCompactType.Struct, SchemaElementDecoder.Read); break;
                case 3: numRows = reader.ReadI64(field, "num_rows"); break;
                case 4: rowGroups = reader.ReadList(field, "row_groups", ThriftCompactType.Struct, ReadRowGroup); break;
                case 5: keyValues = reader.ReadList(field, "key_value_metadata", ThriftCompactType.Struct, ReadKeyValue); break;
                case 6: createdBy = reader.ReadString(field, "created_by"); break;
                case 8: encrypted = true; reader.Skip(field); break;
                default: reader.Skip(field); break;
            }
        }
        reader.EndStruct();
        const string name = "FileMetaData";
        return new FileMetaData(reader.Required(version, name, "version", start), reader.Required(schema, name, "schema", start),
            reader.Required(numRows, name, "num_rows", start), reader.Required(rowGroups, name, "row_groups", start),
            keyValues ?? [], createdBy, encrypted);
    }

    private static KeyValue ReadKeyValue(ThriftCompactReader reader)
    {
        var start = reader.Offset;
        string? key = null, value = null;
        reader.BeginStruct();
        while (reader.ReadFieldHeader(out var field))
        {
            switch (field.Id)
            {
                case 1: key = reader.ReadString(field, "key"); break;
                case 2: value = reader.ReadString(field, "value"); break;
                default: reader.Skip(field); break;
            }
        }
        reader.EndStruct();
        return new KeyValue(reader.Required(key, "KeyValue", "key", start), value);
    }

    private static RowGroup ReadRowGroup(ThriftCompactReader reader)
    {
        var start = reader.Offset;
        List<ColumnChunk>? columns = null;
        long? totalByteSize = null, numRows = null;
        reader.BeginStruct();
        while (reader.ReadFieldHeader(out var field))
        {
            switch (field.Id)
            {
                case 1: columns = reader.ReadList(field, "columns", ThriftCompactType.Struct, ReadColumnChunk); break;
                case 2: totalByteSize = reader.ReadI64(field, "total_byte_size"); break;
                case 3: numRows = reader.ReadI64(field, "num_rows"); break;
                default: reader.Skip(field); break;
            }
        }
        reader.EndStruct();
        const string name = "RowGroup";
        return new RowGroup(reader.Required(columns, name, "columns", start),
            reader.Required(totalByteSize, name, "total_byte_size", start), reader.Required(numRows, name, "num_rows", start));
    }

    private static ColumnChunk ReadColumnChunk(ThriftCompactReader reader)
    {
        var start = reader.Offset;
        string? filePath = null;
        long? fileOffset = null;
        ColumnMetaData? metaData = null;
        reader.BeginStruct();
        while (reader.ReadFieldHeader(out var field))
        {
            switch (field.Id)
            {
                case 1: filePath = reader.ReadString(field, "file_path"); break;
                case 2: fileOffset = reader.ReadI64(field, "file_offset"); break;
                case 3: metaData = reader.ReadStruct(field, "meta_data", ReadColumnMetaData); break;
                default: reader.Skip(field); break;
            }
        }
        reader.EndStruct();
        return new ColumnChunk(filePath, reader.Required(fileOffset, "ColumnChunk", "file_offset", start), metaData);
    }

    private static ColumnMetaData ReadColumnMetaData(ThriftCompactReader reader)
    {
        var start = reader.Offset;
        PhysicalType? type = null;
        CompressionCodec? codec = null;
        List<Encoding>? encodings = null;
        List<string>? path = null;
        long? numValues = null, uncompressed = null, compressed = null, dataPage = null, indexPage = null, dictionaryPage = null;
        Statistics? statistics = null;
        reader.BeginStruct();
        while (reader.ReadFieldHeader(out var field))
        {
            switch (field.Id)
            {
                case 1: type = (PhysicalType)reader.ReadI32(field, "type"); break;
                case 2: encodings = reader.ReadList(field, "encodings", ThriftCompactType.I32, r => (Encoding)r.ReadI32()); break;
                case 3: path = reader.ReadList(field, "path_in_schema", ThriftCompactType.Binary, r => r.ReadString()); break;
                case 4: codec = (CompressionCodec)reader.ReadI32(field, "codec"); break;
                case 5: numValues = reader.ReadI64(field, "num_values"); break;
                case 6: uncompressed = reader.ReadI64(field, "total_uncompressed_size"); break;
                case 7: compressed = reader.ReadI64(field, "total_compressed_size"); break;
                case 9: dataPage = reader.ReadI64(field, "data_page_offset"); break;
                case 10: indexPage = reader.ReadI64(field, "index_page_offset"); break;
                case 11: dictionaryPage = reader.ReadI64(field, "dictionary_page_offset"); break;
                case 12: statistics = reader.ReadStruct(field, "statistics", StatisticsDecoder.Read); break;
                default: reader.Skip(field); break;
            }
        }
        reader.EndStruct();
        const string name = "ColumnMetaData";
        return new ColumnMetaData(reader.Required(type, name, "type", start), reader.Required(encodings, name, "encodings", start),
            reader.Required(path, name, "path_in_schema", start), reader.Required(codec, name, "codec", start),
            reader.Required(numValues, name, "num_values", start), reader.Required(uncompressed, name, "total_uncompressed_size", start),
            reader.Required(compressed, name, "total_compressed_size", start), reader.Required(dataPage, name, "data_page_offset", start),
            indexPage, dictionaryPage, statistics);
    }
}
