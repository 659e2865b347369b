namespace ClvML.Data.Parquet.Writing;

/// <summary>A row group as written: its column chunks in schema order and its row count.</summary>
/// <param name="Columns">One chunk per leaf column, in schema order.</param>
/// <param name="NumRows">Rows in the group.</param>
internal sealed record WrittenRowGroup(IReadOnlyList<WrittenColumnChunk> Columns, long NumRows);

/// <summary>A column chunk as written: its metadata and how many pages of each type and encoding it holds.</summary>
/// <param name="MetaData">The chunk's ColumnMetaData.</param>
/// <param name="EncodingStats">Pages by type and encoding (parquet.thrift <c>PageEncodingStats</c>), which tells a reader whether every data page is dictionary encoded.</param>
internal sealed record WrittenColumnChunk(ColumnMetaData MetaData, IReadOnlyList<PageEncodingCount> EncodingStats)
{
    /// <summary>File offset of the chunk's first page: the dictionary page when there is one.</summary>
    public long FirstPageOffset => MetaData.DictionaryPageOffset ?? MetaData.DataPageOffset;
}

/// <summary>One entry of ColumnMetaData.encoding_stats: parquet.thrift struct <c>PageEncodingStats</c>.</summary>
/// <param name="PageType">DATA_PAGE or DICTIONARY_PAGE.</param>
/// <param name="Encoding">Encoding of the pages' values.</param>
/// <param name="Count">Number of such pages.</param>
internal readonly record struct PageEncodingCount(PageType PageType, Encoding Encoding, int Count);
