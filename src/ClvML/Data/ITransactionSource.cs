namespace ClvML.Data;

/// <summary>
/// A re-readable source of transactions (a file, a database query, the sample generator). Every row
/// it reads is counted in the <see cref="RejectLog"/> and either rejected there or handed to the sink.
/// </summary>
public interface ITransactionSource
{
    /// <summary>Name used in messages and the run manifest (usually the file path).</summary>
    string Name { get; }

    /// <summary>SHA-256 (hex) of the bytes last read, or null before the first read or when not applicable.</summary>
    string? ContentSha256 { get; }

    /// <summary>Reads every row once, in source order.</summary>
    void ReadInto(ITransactionSink sink, RejectLog rejects);
}
