namespace ClvML.Data.Parquet;

/// <summary>Encoding of values or levels in a page: parquet.thrift enum <c>Encoding</c> (Encodings.md).</summary>
internal enum Encoding
{
    /// <summary>PLAIN.</summary>
    Plain = 0,
    /// <summary>GROUP_VAR_INT (never used; kept so the numbers line up).</summary>
    GroupVarInt = 1,
    /// <summary>PLAIN_DICTIONARY (deprecated spelling of dictionary encoding in v1 files).</summary>
    PlainDictionary = 2,
    /// <summary>RLE: the RLE/bit-packing hybrid.</summary>
    Rle = 3,
    /// <summary>BIT_PACKED (deprecated level encoding).</summary>
    BitPacked = 4,
    /// <summary>DELTA_BINARY_PACKED.</summary>
    DeltaBinaryPacked = 5,
    /// <summary>DELTA_LENGTH_BYTE_ARRAY.</summary>
    DeltaLengthByteArray = 6,
    /// <summary>DELTA_BYTE_ARRAY.</summary>
    DeltaByteArray = 7,
    /// <summary>RLE_DICTIONARY.</summary>
    RleDictionary = 8,
    /// <summary>BYTE_STREAM_SPLIT.</summary>
    ByteStreamSplit = 9,
}
