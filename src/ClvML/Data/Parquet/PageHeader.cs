namespace ClvML.Data.Parquet;

/// <summary>
/// The Thrift header in front of every page: parquet.thrift struct <c>PageHeader</c>. Exactly one
/// of the per-type headers is set, matching <paramref name="Type"/>.
/// </summary>
/// <param name="Type">Kind of page.</param>
/// <param name="UncompressedPageSize">Page bytes after decompression (header excluded).</param>
/// <param name="CompressedPageSize">Page bytes as stored (header excluded).</param>
/// <param name="Crc">CRC-32 of the stored page bytes, if written.</param>
/// <param name="DataPageHeader">Set for DATA_PAGE.</param>
/// <param name="DictionaryPageHeader">Set for DICTIONARY_PAGE.</param>
/// <param name="DataPageHeaderV2">Set for DATA_PAGE_V2.</param>
internal sealed record PageHeader(
    PageType Type,
    int UncompressedPageSize,
    int CompressedPageSize,
    int? Crc,
    DataPageHeader? DataPageHeader,
    DictionaryPageHeader? DictionaryPageHeader,
    DataPageHeaderV2? DataPageHeaderV2);

/// <summary>Header of a v1 data page: parquet.thrift struct <c>DataPageHeader</c>.</summary>
/// <param name="NumValues">Values in the page, nulls included.</param>
/// <param name="Encoding">Encoding of the values.</param>
/// <param name="DefinitionLevelEncoding">Encoding of the definition levels (RLE or BIT_PACKED).</param>
/// <param name="RepetitionLevelEncoding">Encoding of the repetition levels.</param>
/// <param name="Statistics">Page statistics, if written.</param>
internal sealed record DataPageHeader(
    int NumValues,
    Encoding Encoding,
    Encoding DefinitionLevelEncoding,
    Encoding RepetitionLevelEncoding,
    Statistics? Statistics);

/// <summary>Header of a dictionary page: parquet.thrift struct <c>DictionaryPageHeader</c>.</summary>
/// <param name="NumValues">Entries in the dictionary.</param>
/// <param name="Encoding">Encoding of the entries (PLAIN or PLAIN_DICTIONARY).</param>
/// <param name="IsSorted">True when the entries are sorted.</param>
internal sealed record DictionaryPageHeader(int NumValues, Encoding Encoding, bool? IsSorted);

/// <summary>
/// Header of a v2 data page: parquet.thrift struct <c>DataPageHeaderV2</c>. Levels are stored
/// uncompressed before the values, with their byte lengths given here.
/// </summary>
/// <param name="NumValues">Values in the page, nulls included.</param>
/// <param name="NumNulls">Nulls in the page.</param>
/// <param name="NumRows">Rows in the page.</param>
/// <param name="Encoding">Encoding of the values.</param>
/// <param name="DefinitionLevelsByteLength">Bytes of definition levels.</param>
/// <param name="RepetitionLevelsByteLength">Bytes of repetition levels.</param>
/// <param name="IsCompressed">Whether the values section is compressed (the spec's default is true).</param>
/// <param name="Statistics">Page statistics, if written.</param>
internal sealed record DataPageHeaderV2(
    int NumValues,
    int NumNulls,
    int NumRows,
    Encoding Encoding,
    int DefinitionLevelsByteLength,
    int RepetitionLevelsByteLength,
    bool IsCompressed,
    Statistics? Statistics);
