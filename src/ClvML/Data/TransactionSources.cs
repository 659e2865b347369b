using ClvML.Configuration;
using ClvML.Data.Csv;
using ClvML.Data.Postgres;
using ClvML.Data.Sqlite;
using ClvML.Training;

namespace ClvML.Data;

/// <summary>The transaction source a config asks for.</summary>
public static class TransactionSources
{
    /// <summary>Creates the source of <c>data.source</c>; relative paths resolve against <paramref name="configDirectory"/>.</summary>
    /// <param name="config">The config.</param>
    /// <param name="configDirectory">Folder relative paths resolve against.</param>
    /// <param name="fingerprint">False when the caller will not ask for <see cref="ITransactionSource.ContentSha256"/>; a CSV file is then not hashed.</param>
    public static ITransactionSource Create(TrainConfig config, string configDirectory, bool fingerprint = true) => config.Data.Source switch
    {
        DataSourceKind.Csv => new CsvTransactionSource(FeatureJob.ResolveDataPath(config.Data, configDirectory), config.Data, fingerprint),
        DataSourceKind.Sqlite => new SqliteTransactionSource(FeatureJob.ResolveDataPath(config.Data, configDirectory), Required(config.Data.Query, "data.query"), config.Data),
        DataSourceKind.Postgres => new PostgresTransactionSource(Required(config.Data.ConnectionString, "data.connection_string"), Required(config.Data.Query, "data.query"), config.Data),
        DataSourceKind.Parquet => new Parquet.ParquetTransactionSource(FeatureJob.ResolveDataPath(config.Data, configDirectory), config.Data),
        DataSourceKind.Sample => new SampleTransactionSource(config.Data.Sample.Customers, config.Run.Seed, config.Data),
        var other => throw new InputException($"data.source: '{other.ToString().ToLowerInvariant()}' is not a transaction source; use sample, csv, parquet, sqlite or postgres."),
    };

    // The loader already requires these keys for their sources; a config built in code may still lack them.
    private static string Required(string? value, string key) =>
        value ?? throw new InputException($"{key}: required for this data.source.");
}
