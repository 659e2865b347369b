using ClvML.Configuration;
using ClvML.Data.Sources;
using ClvML.Data;
using ClvML.Data.Tables;

namespace ClvML.Training;

/// <summary>The transactions a conversion read: the accepted rows as a typed table, and the accounting of every row.</summary>
/// <param name="Table">Accepted rows: customer id, timestamp, amount, order id and attributes under the config's column names.</param>
/// <param name="Rejects">Rows read, accepted and rejected by reason.</param>
public sealed record ConvertResult(ColumnTable Table, RejectLog Rejects);

/// <summary>
/// <c>clvml convert</c>: reads the configured transaction source with its mapping and validation (as
/// <c>clvml train</c> does) and keeps the accepted rows as typed columns, so a CSV log becomes a
/// Parquet file or a database table that the same mapping reads back to the same transactions.
/// Quantity x unit price becomes one amount column. Rejected rows go to the rejects file.
/// </summary>
public static class ConvertJob
{
    /// <summary>Reads every row of the source of <paramref name="config"/>.</summary>
    /// <exception cref="InputException">A summary input (it has no transactions to convert) or a bad source.</exception>
    public static ConvertResult Read(TrainConfig config, string configDirectory, string rejectsPath)
    {
        if (config.Data.Kind == DataKind.Summary)
            throw new InputException("data.kind: convert reads transactions; a summary input has none (it is already one row per customer).");
        var source = TransactionSources.Create(config.Data, config.Run.Seed, configDirectory);
        using var writer = FeatureJob.RejectsWriter(rejectsPath);
        var rejects = new RejectLog(source.Name, config.Data.BadRows, writer);
        var builder = new TransactionTableBuilder(config.Data.Columns);
        source.ReadInto(builder, rejects);
        return new ConvertResult(builder.ToTable(), rejects);
    }
}
