using ClvML.Configuration;

namespace ClvML.Data.Csv;

/// <summary>A delimited text file (optionally gzip-compressed) as a transaction source.</summary>
public sealed class CsvTransactionSource(string path, DataSettings settings) : ITransactionSource
{
    /// <inheritdoc />
    public string Name => path;

    /// <inheritdoc />
    public string? ContentSha256 { get; private set; }

    /// <inheritdoc />
    public void ReadInto(ITransactionSink sink, RejectLog rejects)
    {
        using var file = InputFile.Open(path, settings.Compression);
        try
        {
            new CsvTransactionReader(settings).Read(file.Content, path, sink, rejects);
        }
        catch (InvalidDataException e) when (file.IsGzip)
        {
            throw new InputException($"{path}: not a valid gzip file ({e.Message}).", e);
        }
        ContentSha256 = file.Sha256();
    }
}
