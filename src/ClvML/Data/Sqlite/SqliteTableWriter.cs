using System.Globalization;
using ClvML.Data.Tables;
using Microsoft.Data.Sqlite;

namespace ClvML.Data.Sqlite;

/// <summary>
/// Writes <see cref="ColumnTable"/>s (and views over them) into a SQLite database file, creating it
/// when absent. Everything happens in one transaction: a reader sees the old tables or all the new
/// ones, and a failure leaves the file as it was. A table or view of the same name is replaced.
/// Columns are stored as TEXT, INTEGER, REAL (8-byte IEEE, so doubles read back bit for bit; NaN,
/// which SQLite cannot store, is NULL) and DATE (ISO text yyyy-MM-dd, which SQLite's date functions read). A table
/// whose first column is a text <c>customer_id</c> without repeats gets it as primary key, for the views' joins.
/// </summary>
public static class SqliteTableWriter
{
    /// <summary>Writes <paramref name="tables"/>, then <paramref name="views"/>, into the database at <paramref name="path"/>.</summary>
    /// <exception cref="InputException">The file cannot be opened as a SQLite database or written, naming it and SQLite's message.</exception>
    public static void Write(string path, IReadOnlyList<ColumnTable> tables, IReadOnlyList<SqliteView>? views = null)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        using var connection = SqliteTransactionSource.Open(full, SqliteOpenMode.ReadWriteCreate);
        try
        {
            using var transaction = connection.BeginTransaction();
            foreach (var table in tables) WriteTable(connection, transaction, table);
            foreach (var view in views ?? [])
            {
                DropExisting(connection, transaction, view.Name);
                Execute(connection, transaction, $"CREATE VIEW {SqlText.Quote(view.Name)} AS\n{view.Select}");
            }
            transaction.Commit();
        }
        catch (SqliteException e)
        {
            throw new InputException($"{path}: writing the SQLite database failed: {e.Message}; nothing was written.", e);
        }
    }

    /// <summary>The column type SQLite is told: the declared type also tells a reader that DATE text is a date.</summary>
    public static string DeclaredType(TableColumnKind kind) => kind switch
    {
        TableColumnKind.Text => "TEXT",
        TableColumnKind.Integer => "INTEGER",
        TableColumnKind.Real => "REAL",
        _ => "DATE",
    };

    private static void WriteTable(SqliteConnection connection, SqliteTransaction transaction, ColumnTable table)
    {
        DropExisting(connection, transaction, table.Name);
        var key = SqlText.HasCustomerKey(table) ? 0 : -1;
        var definitions = table.Columns.Select((c, i) => $"{SqlText.Quote(c.Name)} {DeclaredType(c.Kind)}{(i == key ? " PRIMARY KEY NOT NULL" : "")}");
        Execute(connection, transaction, $"CREATE TABLE {SqlText.Quote(table.Name)} ({string.Join(", ", definitions)})");

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO {SqlText.Quote(table.Name)} VALUES ({string.Join(", ", table.Columns.Select((_, i) => "$p" + i))})";
        var parameters = table.Columns.Select((c, i) => insert.Parameters.Add("$p" + i, Affinity(c.Kind))).ToArray();
        insert.Prepare();
        var columns = table.Columns;
        for (var row = 0; row < table.RowCount; row++)
        {
            for (var c = 0; c < columns.Count; c++) parameters[c].Value = Value(columns[c], row);
            insert.ExecuteNonQuery();
        }
    }

    private static object Value(TableColumn column, int row) => column.Kind switch
    {
        TableColumnKind.Text => (object?)column.Text![row] ?? DBNull.Value,
        TableColumnKind.Integer => column.Integers.Span[row],
        // SQLite has no NaN (Microsoft.Data.Sqlite refuses to bind one): a missing number is NULL.
        TableColumnKind.Real => column.Reals.Span[row] is var x && double.IsNaN(x) ? DBNull.Value : x,
        _ => column.Dates.Span[row].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private static SqliteType Affinity(TableColumnKind kind) => kind switch
    {
        TableColumnKind.Integer => SqliteType.Integer,
        TableColumnKind.Real => SqliteType.Real,
        _ => SqliteType.Text,
    };

    /// <summary>Drops a table or view called <paramref name="name"/>; DROP TABLE refuses a view and DROP VIEW a table, so the kind is looked up.</summary>
    private static void DropExisting(SqliteConnection connection, SqliteTransaction transaction, string name)
    {
        using var lookup = connection.CreateCommand();
        lookup.Transaction = transaction;
        lookup.CommandText = "SELECT type FROM sqlite_master WHERE name = $name COLLATE NOCASE AND type IN ('table', 'view')";
        lookup.Parameters.AddWithValue("$name", name);
        if (lookup.ExecuteScalar() is string type)
            Execute(connection, transaction, $"DROP {(type == "view" ? "VIEW" : "TABLE")} {SqlText.Quote(name)}");
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
