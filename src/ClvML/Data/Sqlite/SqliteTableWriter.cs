using System.Globalization;
using ClvML.Data.Tables;
using Microsoft.Data.Sqlite;
using SQLitePCL;

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
            throw new InputException($"{path}: writing the SQLite database failed: {e.Message.TrimEnd('.')}; nothing was written.", e);
        }
    }

    /// <summary>The column type SQLite is told: the declared type also tells a reader that DATE text is a date.</summary>
    public static string DeclaredType(TableColumnKind kind) => kind switch
    {
        TableColumnKind.Text => "TEXT",
        TableColumnKind.Integer => "INTEGER",
        TableColumnKind.Real => "REAL",
        TableColumnKind.Timestamp => "TIMESTAMP",
        _ => "DATE",
    };

    private static void WriteTable(SqliteConnection connection, SqliteTransaction transaction, ColumnTable table)
    {
        DropExisting(connection, transaction, table.Name);
        var key = table.HasCustomerKey() ? 0 : -1;
        var definitions = table.Columns.Select((c, i) => $"{SqlText.Quote(c.Name)} {DeclaredType(c.Kind)}{(i == key ? " PRIMARY KEY NOT NULL" : "")}");
        Execute(connection, transaction, $"CREATE TABLE {SqlText.Quote(table.Name)} ({string.Join(", ", definitions)})");

        // One prepared statement, values bound by position through SQLite's own API: the ADO.NET
        // command looks every parameter up by name and boxes every value, which made a million
        // 20-column rows take about twice as long.
        var sql = $"INSERT INTO {SqlText.Quote(table.Name)} VALUES ({string.Join(", ", table.Columns.Select(_ => "?"))})";
        var db = connection.Handle!;
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var insert));
        using (insert)
        {
            var columns = table.Columns;
            for (var row = 0; row < table.RowCount; row++)
            {
                for (var c = 0; c < columns.Count; c++) Check(db, Bind(insert, c + 1, columns[c], row));
                if (raw.sqlite3_step(insert) != raw.SQLITE_DONE) Check(db, raw.sqlite3_errcode(db));
                Check(db, raw.sqlite3_reset(insert));
            }
        }
    }

    private static int Bind(sqlite3_stmt insert, int index, TableColumn column, int row)
    {
        if (column.Kind != TableColumnKind.Text && column.IsNull(row)) return raw.sqlite3_bind_null(insert, index);
        switch (column.Kind)
        {
            case TableColumnKind.Text:
                return column.Text![row] is { } text ? raw.sqlite3_bind_text(insert, index, text) : raw.sqlite3_bind_null(insert, index);
            case TableColumnKind.Integer:
                return raw.sqlite3_bind_int64(insert, index, column.Integers.Span[row]);
            case TableColumnKind.Real:
                // SQLite has no NaN (it would store NULL anyway): a missing number is NULL, said explicitly.
                var x = column.Reals.Span[row];
                return double.IsNaN(x) ? raw.sqlite3_bind_null(insert, index) : raw.sqlite3_bind_double(insert, index, x);
            case TableColumnKind.Timestamp:
                // ISO 8601 text, the form SQLite's date functions read; fractions only when present.
                Span<byte> stamp = stackalloc byte[32];
                var when = column.Timestamps.Span[row];
                when.TryFormat(stamp, out var length, when.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture);
                return raw.sqlite3_bind_text(insert, index, stamp[..length]);
            default:
                Span<byte> date = stackalloc byte[10];
                column.Dates.Span[row].TryFormat(date, out _, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                return raw.sqlite3_bind_text(insert, index, date);
        }
    }

    /// <summary>Turns a failed SQLite call into the exception the ADO.NET provider would throw, with SQLite's message.</summary>
    private static void Check(sqlite3 db, int code)
    {
        if (code is raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW) return;
        throw new SqliteException($"SQLite Error {code}: '{raw.sqlite3_errmsg(db).utf8_to_string()}'", code);
    }

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
