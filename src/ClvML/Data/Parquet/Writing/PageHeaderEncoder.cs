namespace ClvML.Data.Parquet.Writing;

/// <summary>
/// Encodes parquet.thrift struct <c>PageHeader</c> with its v1 data page or dictionary page
/// header, the mirror of <see cref="PageHeaderDecoder"/>. The page's bytes follow the header
/// directly in the file (parquet-format README, "Column chunks").
/// </summary>
internal static class PageHeaderEncoder
{
    /// <summary>Writes one PageHeader struct, stop byte included.</summary>
    public static void Write(ThriftCompactWriter writer, PageHeader header)
    {
        writer.BeginStruct();
        writer.WriteI32Field(1, (int)header.Type);
        writer.WriteI32Field(2, header.UncompressedPageSize);
        writer.WriteI32Field(3, header.CompressedPageSize);
        if (header.Crc is { } crc) writer.WriteI32Field(4, crc);
        if (header.DataPageHeader is { } data)
        {
            writer.BeginStructField(5);
            writer.WriteI32Field(1, data.NumValues);
            writer.WriteI32Field(2, (int)data.Encoding);
            writer.WriteI32Field(3, (int)data.DefinitionLevelEncoding);
            writer.WriteI32Field(4, (int)data.RepetitionLevelEncoding);
            if (data.Statistics is { } statistics)
            {
                writer.WriteFieldHeader(5, ThriftCompactType.Struct);
                StatisticsEncoder.Write(writer, statistics);
            }
            writer.EndStruct();
        }
        if (header.DictionaryPageHeader is { } dictionary)
        {
            writer.BeginStructField(7);
            writer.WriteI32Field(1, dictionary.NumValues);
            writer.WriteI32Field(2, (int)dictionary.Encoding);
            if (dictionary.IsSorted is { } sorted) writer.WriteBoolField(3, sorted);
            writer.EndStruct();
        }
        if (header.DataPageHeaderV2 is not null)
            throw new NotSupportedException("ClvML writes v1 data pages only.");
        writer.EndStruct();
    }
}
