using System.Security.Cryptography;
using ClvML.Data;
using ClvML.Data.Sqlite;
using ClvML.Tests.Cli;
using Microsoft.Data.Sqlite;

namespace ClvML.Tests.Data.Sqlite;

/// <summary><c>data.source: sqlite</c>: the same rows as a CSV file give the same features and rejects; every failure is exit 2 with a message naming the database.</summary>
public sealed class SqliteSourceTests
{
    /// <summary>A database with table <c>tx</c>: numbers stored as REAL, dates as text, a non-number amount as text in the REAL column.</summary>
    internal static string WriteDatabase(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE tx (customer_id TEXT, date TEXT, amount REAL, country TEXT)";
            create.ExecuteNonQuery();
        }
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO tx VALUES ($c, $d, $a, $n)";
        foreach (var (customer, date, amount, country) in DatabaseTestTransactions.Rows)
        {
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$c", (object?)customer ?? DBNull.Value);
            insert.Parameters.AddWithValue("$d", date);
            insert.Parameters.AddWithValue("$a", (object?)DatabaseTestTransactions.Number(amount) ?? amount);
            insert.Parameters.AddWithValue("$n", country);
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
        return path;
    }

    [Fact]
    public void The_same_transactions_from_csv_and_from_sqlite_give_identical_features_and_reject_counts()
    {
        using var run = new CliRun();
        run.Write("tx.csv", DatabaseTestTransactions.Csv());
        WriteDatabase(run.Path_("tx.db"));

        var (fromCsv, csvBuild) = DatabaseTestTransactions.Build(DatabaseTestTransactions.Config("  source: csv\n  path: tx.csv"), run.Folder);
        var (fromSqlite, sqliteBuild) = DatabaseTestTransactions.Build(DatabaseTestTransactions.Config("  source: sqlite\n  path: tx.db\n  query: SELECT customer_id, date, amount, country FROM tx"), run.Folder);

        DatabaseTestTransactions.AssertSameTable(fromCsv, fromSqlite);
        Assert.Equal(["Zoë", "c3", "c4", "李雷"], fromSqlite["customer_id"].Text!.Order(StringComparer.Ordinal));
        Assert.Equal(11, sqliteBuild.Rejects.RowsRead);
        Assert.Equal(DatabaseTestTransactions.ExpectedRejects, sqliteBuild.Rejects.RejectedByReason);
        Assert.Equal(csvBuild.Rejects.RejectedByReason, sqliteBuild.Rejects.RejectedByReason);
        // Zoë's three calibration purchases, summed by hand.
        var zoe = fromSqlite["customer_id"].Text!.ToList().IndexOf("Zoë");
        Assert.Equal(30.6, fromSqlite["total_spend"].Reals.Span[zoe], 12);
        Assert.Equal("Österreich", fromSqlite["country"].Text![zoe]);
    }

    [Fact]
    public void The_fingerprint_is_the_sha256_of_the_database_file_and_reading_leaves_it_unchanged()
    {
        using var run = new CliRun();
        var path = WriteDatabase(run.Path_("tx.db"));
        var before = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        var source = new SqliteTransactionSource(path, "SELECT * FROM tx", new DataSettings { Columns = new ColumnMapping { Attributes = ["country"] } });
        var rejects = new RejectLog(path, BadRowPolicy.Reject);
        source.ReadInto(new CountingSink(), rejects);
        Assert.Equal(before, source.ContentSha256);
        Assert.Equal(before, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
        Assert.Equal(11, rejects.RowsRead);
    }

    [Fact]
    public void The_database_is_opened_read_only_so_a_query_cannot_change_it()
    {
        using var run = new CliRun();
        WriteDatabase(run.Path_("tx.db"));
        Assert.Equal(2, Features(run, "DELETE FROM tx RETURNING customer_id, date, amount, country"));
        Assert.Contains("readonly", run.Stderr);
        using var connection = new SqliteConnection($"Data Source={run.Path_("tx.db")};Pooling=false");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM tx";
        Assert.Equal(11L, count.ExecuteScalar());
    }

    [Fact]
    public void Bad_sql_is_exit_2_naming_the_database_the_query_and_sqlites_message()
    {
        using var run = new CliRun();
        WriteDatabase(run.Path_("tx.db"));
        Assert.Equal(2, Features(run, "SELEC customer_id FROM tx"));
        Assert.Contains("tx.db: data.query failed", run.Stderr);
        Assert.Contains("syntax error", run.Stderr);
        Assert.Contains("SELEC customer_id FROM tx", run.Stderr);
    }

    [Fact]
    public void A_missing_table_is_exit_2_naming_it()
    {
        using var run = new CliRun();
        WriteDatabase(run.Path_("tx.db"));
        Assert.Equal(2, Features(run, "SELECT customer_id, date, amount, country FROM orders"));
        Assert.Contains("no such table: orders", run.Stderr);
    }

    [Fact]
    public void A_missing_database_file_is_exit_2_naming_it_and_creates_nothing()
    {
        using var run = new CliRun();
        Assert.Equal(2, Features(run, "SELECT * FROM tx"));
        Assert.Contains("tx.db: database file not found", run.Stderr);
        Assert.False(File.Exists(run.Path_("tx.db")));
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_exit_2_naming_it()
    {
        using var run = new CliRun();
        run.Write("tx.db", "customer_id,date,amount\nc1,2024-01-01,5\n");
        Assert.Equal(2, Features(run, "SELECT * FROM tx"));
        Assert.Contains("tx.db", run.Stderr);
        Assert.Contains("not a database", run.Stderr);
    }

    [Fact]
    public void A_query_missing_a_mapped_column_names_the_column_and_the_result_columns()
    {
        using var run = new CliRun();
        WriteDatabase(run.Path_("tx.db"));
        Assert.Equal(2, Features(run, "SELECT customer_id, date, country FROM tx"));
        Assert.Contains("column 'amount' (data.columns.amount) is not in the result", run.Stderr);
        Assert.Contains("[customer_id, date, country]", run.Stderr);
    }

    private static int Features(CliRun run, string query)
    {
        var config = run.Write("train.yaml", DatabaseTestTransactions.Config($"  source: sqlite\n  path: tx.db\n  query: \"{query}\""));
        return run.Run("features", "--config", config, "--output", run.Path_("features.csv"));
    }

    private sealed class CountingSink : ITransactionSink
    {
        public int Rows { get; private set; }
        public void Accept(in TransactionRow row) => Rows++;
    }
}
