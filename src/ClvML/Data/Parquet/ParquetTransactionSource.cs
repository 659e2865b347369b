using System.Security.Cryptography;
using ClvML.Data.Records;

namespace ClvML.Data.Parquet;

/// <summary>
/// A Parquet file as a transaction source (<c>data.source: parquet</c>): only the columns that
/// <c>data.columns</c> maps are decoded, one row group at a time, and go through the same typed-record
/// path as database rows (<see cref="RecordTransactionReader"/>), so mapping, validation, reject
/// reasons and counts are the CSV reader's. A sink that takes column batches gets the common shape
/// (INT64 id, DATE, DOUBLE amount) through <see cref="ParquetBatchTransactionReader"/> instead,
/// with the same results.
/// </summary>
public sealed class ParquetTransactionSource(string path, DataSettings settings) : ITransactionSource
{
    /// <inheritdoc />
    public string Name => path;

    /// <inheritdoc />
    public string? ContentSha256 { get; private set; }

    /// <inheritdoc />
    /// <exception cref="InputException">The file is missing or corrupt, or a mapped column is absent, nested or of an unsupported type.</exception>
    public void ReadInto(ITransactionSink sink, RejectLog rejects)
    {
        using var reader = ParquetFileReader.Open(path);
        // The hash reads the file on its own stream while the columns decode.
        var hash = Task.Run(() => Sha256(path));
        try
        {
            var columns = RecordColumns.MappedNames(settings.Columns).Select(reader.Column).ToList();
            var cursor = new ParquetRecordCursor(reader, columns);
            if (sink is ITransactionBatchSink batches && ParquetBatchTransactionReader.TryCreate(cursor, columns, settings, path) is { } fast)
                fast.Read(batches, rejects);
            else new RecordTransactionReader(settings).Read(cursor, path, sink, rejects);
        }
        finally
        {
            ContentSha256 = hash.GetAwaiter().GetResult();
        }
    }

    private static string Sha256(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }
}
