using ClvML.Data.Parquet.Writing;
using ClvML.Data.Postgres;
using ClvML.Data.Sqlite;
using ClvML.Data.Tables;

namespace ClvML.Data.Destinations;

/// <summary>
/// The typed forms of <c>--output</c>, one writer for every command that has a <see cref="ColumnTable"/>:
/// <c>NAME.parquet</c> writes a Parquet file; <c>sqlite:PATH</c> writes the table (and views) into that
/// database file; <c>postgres:TABLE</c> writes the one table under that name, connecting with
/// <c>--connection</c> or, when that is absent, the <c>CLVML_POSTGRES</c> environment variable
/// (both may reference other variables as <c>${VAR}</c>). CSV has a writer per table (features, scores)
/// and is not handled here.
/// </summary>
public static class TableOutput
{
    /// <summary>Checks up front what a write to <paramref name="target"/> needs (a PostgreSQL server's connection string), so a slow job does not fail at its end.</summary>
    /// <exception cref="InputException">No connection string, or an unset variable in it.</exception>
    public static void CheckReady(OutputTarget target, string? connection)
    {
        if (target.Format == OutputFormat.Postgres) _ = Connection(connection);
    }

    /// <summary>
    /// Writes <paramref name="table"/> to <paramref name="target"/>: as the Parquet file, under its own
    /// name in SQLite, under the target's table name in PostgreSQL.
    /// </summary>
    /// <exception cref="InputException">No connection string, a database refusing the write, naming the target.</exception>
    public static void Write(OutputTarget target, ColumnTable table, string? connection, IReadOnlyList<SqliteView>? views = null)
    {
        switch (target.Format)
        {
            case OutputFormat.Parquet:
                ParquetTableWriter.Write(table, target.Location);
                break;
            case OutputFormat.Sqlite:
                SqliteTableWriter.Write(target.Location, [table], views);
                break;
            case OutputFormat.Postgres:
                PostgresTableWriter.Write(Connection(connection), [new ColumnTable(target.Location, table.Columns)]);
                break;
            default:
                throw new ArgumentException($"{target.Format} output has a writer per table, not a typed one.", nameof(target));
        }
    }

    /// <summary>The server of a <c>postgres:</c> output: <c>--connection</c>, else <c>CLVML_POSTGRES</c>, expanded.</summary>
    /// <exception cref="InputException">Neither is given, or a referenced variable is unset.</exception>
    public static PostgresConnectionSettings Connection(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option)) return PostgresConnectionSettings.Parse(option, "--connection");
        var variable = Environment.GetEnvironmentVariable(PostgresConnectionSettings.EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(variable)) return PostgresConnectionSettings.Parse(variable, PostgresConnectionSettings.EnvironmentVariable);
        throw new InputException($"--output postgres:TABLE needs a server: give --connection \"Host=...;Database=...;Username=...;Password=${{PGPASSWORD}}\" or set {PostgresConnectionSettings.EnvironmentVariable}.");
    }
}
