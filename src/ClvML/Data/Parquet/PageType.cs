namespace ClvML.Data.Parquet;

/// <summary>Kind of page: parquet.thrift enum <c>PageType</c>.</summary>
internal enum PageType
{
    /// <summary>DATA_PAGE (v1).</summary>
    DataPage = 0,
    /// <summary>INDEX_PAGE (never written in practice).</summary>
    IndexPage = 1,
    /// <summary>DICTIONARY_PAGE.</summary>
    DictionaryPage = 2,
    /// <summary>DATA_PAGE_V2.</summary>
    DataPageV2 = 3,
}
