namespace ClvML.Data.Parquet.Writing;

/// <summary>One page ready for the file: its Thrift-encoded PageHeader and its (compressed) body.</summary>
/// <param name="Header">The encoded PageHeader.</param>
/// <param name="Body">The page bytes as stored.</param>
/// <param name="Type">DATA_PAGE or DICTIONARY_PAGE.</param>
/// <param name="Encoding">Encoding of the page's values.</param>
/// <param name="UncompressedBodySize">Bytes of the body before compression.</param>
internal sealed record EncodedPage(byte[] Header, byte[] Body, PageType Type, Encoding Encoding, int UncompressedBodySize)
{
    /// <summary>Header and body as stored.</summary>
    public long StoredSize => Header.Length + Body.Length;

    /// <summary>Header and body before compression: what ColumnMetaData.total_uncompressed_size adds up.</summary>
    public long UncompressedSize => Header.Length + UncompressedBodySize;
}
