using ClvML.Data.Tables;
using Npgsql;
using NpgsqlTypes;

namespace ClvML.Data.Postgres;

/// <summary>
/// Writes <see cref="ColumnTable"/>s to PostgreSQL with binary COPY, all in ONE transaction: drop a
/// table of the same name, create it, COPY the rows, commit. PostgreSQL's DDL is transactional, so on
/// any failure (a duplicate key, a lost connection, cancellation) the transaction rolls back and
/// nothing of the new rows remains (an old table of that name is kept). Columns map to text, bigint,
/// double precision (binary COPY carries the 8 bytes, so doubles arrive bit for bit) and date. A table
/// whose first column is a text <c>customer_id</c> without repeats gets it as primary key.
/// </summary>
public static class PostgresTableWriter
{
    /// <summary>Writes <paramref name="tables"/>, each under its <see cref="ColumnTable.Name"/> (<c>table</c> or <c>schema.table</c>).</summary>
    /// <exception cref="InputException">The server refuses the connection, the password, or a statement, with its message.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired; nothing was written.</exception>
    public static void Write(PostgresConnectionSettings server, IReadOnlyList<ColumnTable> tables, CancellationToken cancellation = default)
    {
        using var connection = new NpgsqlConnection(server.ConnectionString);
        try
        {
            connection.Open();
        }
        catch (Exception e) when (PostgresFailure.IsDatabaseProblem(e))
        {
            throw PostgresFailure.Connecting(server, "--output postgres", e);
        }
        var sql = "";
        try
        {
            using var transaction = connection.BeginTransaction();
            foreach (var table in tables)
            {
                var name = SqlText.QuoteTable(table.Name);
                var key = table.HasCustomerKey() ? 0 : -1;
                var definitions = table.Columns.Select(c => $"{SqlText.Quote(c.Name)} {DeclaredType(c.Kind)}");
                Execute(connection, transaction, sql = $"DROP TABLE IF EXISTS {name}");
                Execute(connection, transaction, sql = $"CREATE TABLE {name} ({string.Join(", ", definitions)})");
                sql = $"COPY {name} ({string.Join(", ", table.Columns.Select(c => SqlText.Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
                Copy(connection, sql, table, cancellation);
                // The key's index is built after the rows are in: one sort instead of a B-tree insert per row.
                if (key == 0) Execute(connection, transaction, sql = $"ALTER TABLE {name} ADD PRIMARY KEY (\"customer_id\")");
            }
            transaction.Commit();
        }
        catch (Exception e) when (PostgresFailure.IsDatabaseProblem(e))
        {
            throw PostgresFailure.Running(server, "--output postgres", sql, e);
        }
    }

    /// <summary>The PostgreSQL column type of a table column kind.</summary>
    public static string DeclaredType(TableColumnKind kind) => kind switch
    {
        TableColumnKind.Text => "text",
        TableColumnKind.Integer => "bigint",
        TableColumnKind.Real => "double precision",
        TableColumnKind.Timestamp => "timestamp",
        _ => "date",
    };

    private static void Copy(NpgsqlConnection connection, string sql, ColumnTable table, CancellationToken cancellation)
    {
        var columns = table.Columns;
        using var importer = connection.BeginBinaryImport(sql);
        for (var row = 0; row < table.RowCount; row++)
        {
            // Checked every few thousand rows: often enough to stop promptly, rarely enough to cost nothing.
            if ((row & 4095) == 0) cancellation.ThrowIfCancellationRequested();
            importer.StartRow();
            foreach (var column in columns)
            {
                if (column.Kind != TableColumnKind.Text && column.IsNull(row))
                {
                    importer.WriteNull();
                    continue;
                }
                switch (column.Kind)
                {
                    case TableColumnKind.Text:
                        if (column.Text![row] is { } text) importer.Write(text, NpgsqlDbType.Text);
                        else importer.WriteNull();
                        break;
                    case TableColumnKind.Integer:
                        importer.Write(column.Integers.Span[row], NpgsqlDbType.Bigint);
                        break;
                    case TableColumnKind.Real:
                        importer.Write(column.Reals.Span[row], NpgsqlDbType.Double);
                        break;
                    case TableColumnKind.Timestamp:
                        importer.Write(DateTime.SpecifyKind(column.Timestamps.Span[row], DateTimeKind.Unspecified), NpgsqlDbType.Timestamp);
                        break;
                    default:
                        importer.Write(column.Dates.Span[row], NpgsqlDbType.Date);
                        break;
                }
            }
        }
        cancellation.ThrowIfCancellationRequested();
        // Without Complete, disposing the importer cancels the COPY: the rows never become visible.
        importer.Complete();
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}
