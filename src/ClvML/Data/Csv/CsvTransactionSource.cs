
namespace ClvML.Data.Csv;

/// <summary>A delimited text file (optionally gzip-compressed) as a transaction source.</summary>
/// <param name="path">The file.</param>
/// <param name="settings">Columns, delimiter, formats.</param>
/// <param name="fingerprint">Whether to hash the file for <see cref="ContentSha256"/> (a training run's data fingerprint); without it the property stays null.</param>
public sealed class CsvTransactionSource(string path, DataSettings settings, bool fingerprint = true) : ITransactionSource
{
    /// <inheritdoc />
    public string Name => path;

    /// <inheritdoc />
    public string? ContentSha256 { get; private set; }

    /// <inheritdoc />
    public void ReadInto(ITransactionSink sink, RejectLog rejects)
    {
        using var file = InputFile.Open(path, settings.Compression, hash: fingerprint);
        new CsvTransactionReader(settings).Read(file.Content, path, sink, rejects);
        if (fingerprint) ContentSha256 = file.Sha256();
    }
}
