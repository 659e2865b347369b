using System.Security.Cryptography;
using ClvML.Data.Csv;
using ClvML.Data.Sample;

namespace ClvML.Data.Sample;

/// <summary>
/// <c>data.source: sample</c>: the built-in generator's CSV text, made in memory and read through
/// the same CSV reader as a file, so its malformed rows are rejected exactly as a file's would be.
/// The column mapping comes from the config (its defaults name the sample's columns); the text
/// format is the generator's own.
/// </summary>
public sealed class SampleTransactionSource : ITransactionSource
{
    private readonly SampleOptions _options;
    private readonly DataSettings _settings;
    private byte[]? _text;

    /// <summary>Creates the source for <paramref name="customers"/> customers drawn with <paramref name="seed"/>.</summary>
    public SampleTransactionSource(int customers, int seed, DataSettings settings)
    {
        _options = new SampleOptions { Customers = customers, Seed = seed };
        _settings = settings with
        {
            Delimiter = ",", Header = true, ColumnNames = null, TimestampFormats = [], Compression = CompressionKind.None,
        };
    }

    /// <inheritdoc />
    public string Name => $"sample(customers={_options.Customers}, seed={_options.Seed})";

    /// <inheritdoc />
    public string? ContentSha256 => _text is null ? null : Convert.ToHexStringLower(SHA256.HashData(_text));

    /// <inheritdoc />
    public void ReadInto(ITransactionSink sink, RejectLog rejects)
    {
        _text ??= Generate();
        using var stream = new MemoryStream(_text, writable: false);
        new CsvTransactionReader(_settings).Read(stream, Name, sink, rejects);
    }

    private byte[] Generate()
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true))
            SampleGenerator.WriteCsv(_options, writer);
        return buffer.ToArray();
    }
}
