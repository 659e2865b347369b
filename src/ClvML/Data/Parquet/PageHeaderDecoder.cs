namespace ClvML.Data.Parquet;

/// <summary>
/// Decodes parquet.thrift struct <c>PageHeader</c> and its per-type headers. The page's bytes
/// follow the header directly, so callers use <see cref="ThriftCompactReader.BytesRead"/> to find them.
/// </summary>
internal static class PageHeaderDecoder
{
    /// <summary>Reads one PageHeader struct, stop byte included, and checks the sizes are not negative.</summary>
    public static PageHeader Read(ThriftCompactReader reader)
    {
        var start = reader.Offset;
        PageType? type = null;
        int? uncompressed = null, compressed = null, crc = null;
        DataPageHeader? v1 = null;
        DictionaryPageHeader? dictionary = null;
        DataPageHeaderV2? v2 = null;
        reader.BeginStruct();
        while (reader.ReadFieldHeader(out var field))
        {
            switch (field.Id)
            {
                case 1: type = (PageType)reader.ReadI32(field, "type"); break;
                case 2: uncompressed = reader.ReadI32(field, "uncompressed_page_size"); break;
                case 3: compressed = reader.ReadI32(field, "compressed_page_size"); break;
                case 4: crc = reader.ReadI32(field, "crc"); break;
                case 5: v1 = reader.ReadStruct(field, "data_page_header", ReadDataPageHeader); break;
                case 7: dictionary = reader.ReadStruct(field, "dictionary_page_header", ReadDictionaryPageHeader); break;
                case 8: v2 = reader.ReadStruct(field, "data_page_header_v2", ReadDataPageHeaderV2); break;
                default: reader.Skip(field); break;
            }
        }
        reader.EndStruct();
        const string name = "PageHeader";
        var header = new PageHeader(reader.Required(type, name, "type", start),
            reader.Required(uncompressed, name, "uncompressed_page_size", start),
            reader.Required(compressed, name, "compressed_page_size", start), crc, v1, dictionary, v2);
        if (header.UncompressedPageSize < 0 || header.CompressedPageSize < 0)
            reader.Fail(start, $"page header has a negative size (compressed {header.CompressedPageSize}, uncompressed {header.UncompressedPageSize})");
        var missing = header.Type switch
        {
            PageType.DataPage when v1 is null => "data_page_header",
            PageType.DictionaryPage when dictionary is null => "dictionary_page_header",
            PageType.DataPageV2 when v2 is null => "data_page_header_v2",
            _ => null,
        };
        if (missing is not null) reader.Fail(start, $"{header.Type} page header is missing its '{missing}'");
        return header;
    }

    private static DataPageHeader ReadDataPageHeader(ThriftCompactReader reader)
    {
        var start = reader.Offset;
        int? numValues = null;
        Encoding? encoding = null, definition = null, repetition = null;
        Statistics? statistics = null;
        reader.BeginStruct();
        while (reader.ReadFieldHeader(out var field))
        {
            switch (field.Id)
            {
                case 1: numValues = reader.ReadI32(field, "num_values"); break;
                case 2: encoding = (Encoding)reader.ReadI32(field, "encoding"); break;
                case 3: definition = (Encoding)reader.ReadI32(field, "definition_level_encoding"); break;
                case 4: repetition = (Encoding)reader.ReadI32(field, "repetition_level_encoding"); break;
                case 5: statistics = reader.ReadStruct(field, "statistics", StatisticsDecoder.Read); break;
                default: reader.Skip(field); break;
            }
        }
        reader.EndStruct();
        const string name = "DataPageHeader";
        return new DataPageHeader(reader.Required(numValues, name, "num_values", start), reader.Required(encoding, name, "encoding", start),
            reader.Required(definition, name, "definition_level_encoding", start),
            reader.Required(repetition, name, "repetition_level_encoding", start), statistics);
    }

    private static DictionaryPageHeader ReadDictionaryPageHeader(ThriftCompactReader reader)
    {
        var start = reader.Offset;
        int? numValues = null;
        Encoding? encoding = null;
        bool? sorted = null;
        reader.BeginStruct();
        while (reader.ReadFieldHeader(out var field))
        {
            switch (field.Id)
            {
                case 1: numValues = reader.ReadI32(field, "num_values"); break;
                case 2: encoding = (Encoding)reader.ReadI32(field, "encoding"); break;
                case 3: sorted = reader.ReadBool(field, "is_sorted"); break;
                default: reader.Skip(field); break;
            }
        }
        reader.EndStruct();
        const string name = "DictionaryPageHeader";
        return new DictionaryPageHeader(reader.Required(numValues, name, "num_values", start),
            reader.Required(encoding, name, "encoding", start), sorted);
    }

    private static DataPageHeaderV2 ReadDataPageHeaderV2(ThriftCompactReader reader)
    {
        var start = reader.Offset;
        int? numValues = null, numNulls = null, numRows = null, definitionBytes = null, repetitionBytes = null;
        Encoding? encoding = null;
        // parquet.thrift: "optional bool is_compressed = 1" with default true; absent means compressed.
        var compressed = true;
        Statistics? statistics = null;
        reader.BeginStruct();
        while (reader.ReadFieldHeader(out var field))
        {
            switch (field.Id)
            {
                case 1: numValues = reader.ReadI32(field, "num_values"); break;
                case 2: numNulls = reader.ReadI32(field, "num_nulls"); break;
                case 3: numRows = reader.ReadI32(field, "num_rows"); break;
                case 4: encoding = (Encoding)reader.ReadI32(field, "encoding"); break;
                case 5: definitionBytes = reader.ReadI32(field, "definition_levels_byte_length"); break;
                case 6: repetitionBytes = reader.ReadI32(field, "repetition_levels_byte_length"); break;
                case 7: compressed = reader.ReadBool(field, "is_compressed"); break;
                case 8: statistics = reader.ReadStruct(field, "statistics", StatisticsDecoder.Read); break;
                default: reader.Skip(field); break;
            }
        }
        reader.EndStruct();
        const string name = "DataPageHeaderV2";
        var header = new DataPageHeaderV2(reader.Required(numValues, name, "num_values", start), reader.Required(numNulls, name, "num_nulls", start),
            reader.Required(numRows, name, "num_rows", start), reader.Required(encoding, name, "encoding", start),
            reader.Required(definitionBytes, name, "definition_levels_byte_length", start),
            reader.Required(repetitionBytes, name, "repetition_levels_byte_length", start), compressed, statistics);
        if (header.DefinitionLevelsByteLength < 0 || header.RepetitionLevelsByteLength < 0)
            reader.Fail(start, "DataPageHeaderV2 has a negative level byte length");
        return header;
    }
}
