namespace ClvML.Data.Parquet;

/// <summary>Page compression codec: parquet.thrift enum <c>CompressionCodec</c> (Compression.md).</summary>
public enum CompressionCodec
{
    /// <summary>UNCOMPRESSED.</summary>
    Uncompressed = 0,
    /// <summary>SNAPPY.</summary>
    Snappy = 1,
    /// <summary>GZIP.</summary>
    Gzip = 2,
    /// <summary>LZO.</summary>
    Lzo = 3,
    /// <summary>BROTLI.</summary>
    Brotli = 4,
    /// <summary>LZ4 (the deprecated Hadoop framing).</summary>
    Lz4 = 5,
    /// <summary>ZSTD.</summary>
    Zstd = 6,
    /// <summary>LZ4_RAW (the plain LZ4 block format).</summary>
    Lz4Raw = 7,
}
