using ClvML.Data.Csv;
using ClvML.Data.Postgres;
using ClvML.Data.Sqlite;
using ClvML.Data.Parquet;
using ClvML.Data.Sample;

namespace ClvML.Data.Sources;

/// <summary>The transaction source a config asks for.</summary>
public static class TransactionSources
{
    /// <summary>Creates the source of <c>data.source</c>; relative paths resolve against <paramref name="configDirectory"/>.</summary>
    /// <param name="data">The <c>data:</c> settings.</param>
    /// <param name="seed">The run's seed (the built-in sample draws with it).</param>
    /// <param name="configDirectory">Folder relative paths resolve against.</param>
    /// <param name="fingerprint">False when the caller will not ask for <see cref="ITransactionSource.ContentSha256"/>; a CSV file is then not hashed.</param>
    public static ITransactionSource Create(DataSettings data, int seed, string configDirectory, bool fingerprint = true) => data.Source switch
    {
        DataSourceKind.Csv => new CsvTransactionSource(ResolvePath(data, configDirectory), data, fingerprint),
        DataSourceKind.Sqlite => new SqliteTransactionSource(ResolvePath(data, configDirectory), Required(data.Query, "data.query"), data),
        DataSourceKind.Postgres => new PostgresTransactionSource(Required(data.ConnectionString, "data.connection_string"), Required(data.Query, "data.query"), data),
        DataSourceKind.Parquet => new ParquetTransactionSource(ResolvePath(data, configDirectory), data),
        DataSourceKind.Sample => new SampleTransactionSource(data.Sample.Customers, seed, data),
        var other => throw new InputException($"data.source: '{other.ToString().ToLowerInvariant()}' is not a transaction source; use sample, csv, parquet, sqlite or postgres."),
    };

    /// <summary><c>data.path</c> resolved against the config's folder; an error naming the key when it is missing.</summary>
    public static string ResolvePath(DataSettings data, string configDirectory) =>
        data.Path is { } p ? Path.GetFullPath(Path.Combine(configDirectory, p))
        : throw new InputException($"data.path: required for data.source {data.Source.ToString().ToLowerInvariant()}.");

    // The loader already requires these keys for their sources; a config built in code may still lack them.
    private static string Required(string? value, string key) =>
        value ?? throw new InputException($"{key}: required for this data.source.");
}
