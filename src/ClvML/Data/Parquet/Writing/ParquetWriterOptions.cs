namespace ClvML.Data.Parquet.Writing;

/// <summary>
/// How the Parquet writer lays out a file. Vary it with <c>with</c>:
/// <c>new ParquetWriterOptions { Codec = CompressionCodec.Gzip }</c>.
/// </summary>
public sealed record ParquetWriterOptions
{
    /// <summary>Rows per row group: the unit a reader can skip or read in parallel, and what the writer holds in memory at once.</summary>
    // 1 Mi rows, Arrow's default row-group length: a few row groups even for millions of customers,
    // and a feature table's row group stays well under a hundred megabytes while it is encoded.
    public int RowGroupRows { get; init; } = 1_048_576;

    /// <summary>Page compression: SNAPPY, GZIP or UNCOMPRESSED.</summary>
    // SNAPPY is what Spark, Arrow and DuckDB write by default: fast to decode, reasonably small.
    public CompressionCodec Codec { get; init; } = CompressionCodec.Snappy;

    /// <summary>Target bytes of a data page before compression; a page ends after the value that reaches it.</summary>
    // 1 MiB, parquet-mr's and Arrow's default page size.
    public int DataPageSize { get; init; } = 1 << 20;

    /// <summary>
    /// Whether columns may be dictionary encoded (RLE_DICTIONARY with a PLAIN dictionary page): text,
    /// and numbers, dates and timestamps, each chunk only where the dictionary makes it smaller.
    /// </summary>
    // Channels, countries, segment labels, dates and cent amounts repeat: a dictionary makes them a few bits a row.
    public bool UseDictionary { get; init; } = true;

    /// <summary>
    /// Largest dictionary page, in PLAIN-encoded bytes. When a column chunk's distinct values
    /// outgrow it, the rest of the chunk is written PLAIN (the pages before stay dictionary encoded).
    /// </summary>
    // 1 MiB, parquet-mr's and Arrow's default dictionary page size limit, kept after measuring the
    // 3,013,335-row benchmark file (tests/ClvML.Benchmarks README, "parquet-write"): 64 KiB makes its
    // amounts (about 35,000 distinct a row group) fall back to PLAIN, 28.6 MB; 256 KiB to 4 MiB all give
    // 20.8 MB. Above 1 MiB a dictionary only adds entries of 8-byte values that need 17+ bit indices, and
    // the whole dictionary must be decoded before a reader can use any page of the chunk.
    public int DictionaryPageSizeLimit { get; init; } = 1 << 20;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first option that is out of range.</summary>
    internal void Validate()
    {
        if (RowGroupRows < 1) Fail(nameof(RowGroupRows), $"must be at least 1; got {RowGroupRows}.");
        if (!PageCompressor.Supported.Contains(Codec))
            Fail(nameof(Codec), $"must be one of {string.Join(", ", PageCompressor.Supported)}; got {Codec}.");
        if (DataPageSize < 1) Fail(nameof(DataPageSize), $"must be at least 1 byte; got {DataPageSize}.");
        if (DictionaryPageSizeLimit < 0) Fail(nameof(DictionaryPageSizeLimit), $"must not be negative; got {DictionaryPageSizeLimit}.");
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(string option, string problem) =>
        throw new ArgumentException($"ParquetWriterOptions.{option} {problem}", option);
}
