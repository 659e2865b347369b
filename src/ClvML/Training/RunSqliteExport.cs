using ClvML.Configuration;
using ClvML.Data.Sources;
using ClvML.Data;
using ClvML.Data.Sqlite;
using ClvML.Persistence;

namespace ClvML.Training;

/// <summary>
/// <c>clvml train --output sqlite:PATH</c>: the run's tables (<see cref="RunTables"/>), the
/// <c>customer_months</c> activity table (<see cref="CustomerMonthTable"/>, transactions inputs only)
/// and the analyst views (<see cref="AnalystViews"/>), written into one SQLite file in one transaction.
/// </summary>
public static class RunSqliteExport
{
    /// <summary>Writes the export of <paramref name="result"/> to <paramref name="databasePath"/>; returns the table and view names.</summary>
    /// <param name="config">The run's config.</param>
    /// <param name="configPath">The config file (its folder resolves data.path for the second read).</param>
    /// <param name="result">The committed run.</param>
    /// <param name="databasePath">The SQLite file; created when absent, tables and views of the same names replaced.</param>
    /// <param name="log">Progress lines.</param>
    public static IReadOnlyList<string> Write(TrainConfig config, string configPath, TrainingResult result, string databasePath, Action<string>? log = null)
    {
        log ??= _ => { };
        var run = SavedRun.Open(result.RunPath);
        var features = result.Features.Table;
        var tables = RunTables.From(run, features).ToList();
        if (config.Data.Kind == DataKind.Transactions)
        {
            var configDirectory = Path.GetDirectoryName(Path.GetFullPath(configPath))!;
            tables.Add(CustomerMonthTable.Build(TransactionSources.Create(config.Data, config.Run.Seed, configDirectory), features, config.Data));
        }
        var views = AnalystViews.For(tables, config.Data.Columns.Attributes);
        SqliteTableWriter.Write(databasePath, tables, views);
        var names = tables.Select(t => t.Name).Concat(views.Select(v => v.Name)).ToList();
        log($"sqlite: {databasePath}: tables {string.Join(", ", tables.Select(t => $"{t.Name} ({t.RowCount:N0} rows)"))}; views {string.Join(", ", views.Select(v => v.Name))}");
        return names;
    }
}
