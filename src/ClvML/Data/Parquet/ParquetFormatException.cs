namespace ClvML.Data.Parquet;

/// <summary>
/// A Parquet file (or a Thrift-encoded piece of one) that is corrupt, truncated or uses a feature
/// ClvML does not read. It is an <see cref="InputException"/> because the user must fix the file:
/// the CLI maps it to exit code 2. The message names the file and, where known, the byte offset.
/// (The file is <see cref="FileName"/>, not <c>Exception.Source</c>, which .NET reserves for the throwing assembly.)
/// </summary>
public sealed class ParquetFormatException : InputException
{
    /// <summary>Creates an error about <paramref name="source"/>, at a byte offset when one is known.</summary>
    public ParquetFormatException(string source, long? offset, string problem)
        : base(offset is { } at ? $"{source}: byte {at}: {problem}" : $"{source}: {problem}")
    {
        FileName = source;
        Offset = offset;
        Problem = problem;
    }

    /// <summary>The file (or other byte source) the error is about.</summary>
    public string FileName { get; }

    /// <summary>The byte offset in <see cref="FileName"/> where the problem was found, if known.</summary>
    public long? Offset { get; }

    /// <summary>What is wrong, without the file and offset prefix.</summary>
    public string Problem { get; }
}
