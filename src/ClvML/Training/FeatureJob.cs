using ClvML.Configuration;
using ClvML.Data.Sources;
using ClvML.Data;
using ClvML.Features;

namespace ClvML.Training;

/// <summary>
/// The shared first stage of <c>clvml train</c> and <c>clvml features</c>: the configured source
/// read into the customer feature table, rejected rows written to a rejects file.
/// </summary>
public static class FeatureJob
{
    /// <summary>Builds the feature table for <paramref name="config"/>.</summary>
    /// <param name="config">The loaded config.</param>
    /// <param name="configDirectory">Folder relative paths in the config are resolved against.</param>
    /// <param name="rejectsPath">Where rejects.csv is written.</param>
    /// <param name="source">The transaction source that was read (null for a summary input).</param>
    /// <param name="fingerprint">False when the caller does not use the source's <see cref="ITransactionSource.ContentSha256"/> (scoring), so a CSV input is not hashed.</param>
    public static FeatureBuildResult Build(TrainConfig config, string configDirectory, string rejectsPath, out ITransactionSource? source, bool fingerprint = true)
    {
        var data = config.Data;
        if (data.Kind == DataKind.Summary)
        {
            if (data.Source is DataSourceKind.Sqlite or DataSourceKind.Postgres)
                throw new InputException($"data.kind: summary is read from a CSV file; with data.source {data.Source.ToString().ToLowerInvariant()} give the transactions (data.kind: transactions) or export the summary to CSV.");
            source = null;
            var path = TransactionSources.ResolvePath(data, configDirectory);
            using var writer = RejectsWriter(rejectsPath);
            var rejects = new RejectLog(path, data.BadRows, writer);
            var table = SummaryReader.Read(path, data, config.Features, rejects);
            return new FeatureBuildResult(table, rejects, new FeatureBuildStats(table.Count, 0, Buffered: false));
        }
        source = TransactionSources.Create(config.Data, config.Run.Seed, configDirectory, fingerprint);
        StreamWriter? current = null;
        try
        {
            var read = source;
            return FeatureBuilder.FromTransactions(read, data, config.Features, () =>
            {
                current?.Dispose();
                current = RejectsWriter(rejectsPath);
                return new RejectLog(read.Name, data.BadRows, current);
            });
        }
        finally
        {
            current?.Dispose();
        }
    }

    /// <summary>A rejects.csv writer at <paramref name="path"/> (its folder created, UTF-8 without BOM, LF line ends).</summary>
    internal static StreamWriter RejectsWriter(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return new StreamWriter(path, false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
    }
}
