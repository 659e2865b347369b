using ClvML.Configuration;
using ClvML.Data.Csv;
using ClvML.Training;

namespace ClvML.Data;

/// <summary>The transaction source a config asks for.</summary>
public static class TransactionSources
{
    /// <summary>Creates the source of <c>data.source</c>; relative paths resolve against <paramref name="configDirectory"/>.</summary>
    public static ITransactionSource Create(TrainConfig config, string configDirectory) => config.Data.Source switch
    {
        DataSourceKind.Csv => new CsvTransactionSource(FeatureJob.ResolveDataPath(config.Data, configDirectory), config.Data),
        DataSourceKind.Parquet => new Parquet.ParquetTransactionSource(FeatureJob.ResolveDataPath(config.Data, configDirectory), config.Data),
        DataSourceKind.Sample => new SampleTransactionSource(config.Data.Sample.Customers, config.Run.Seed, config.Data),
        var other => throw new InputException($"data.source: '{other.ToString().ToLowerInvariant()}' is not available in this version of ClvML yet; use csv or sample."),
    };
}
