using ClvML.Data.Sqlite;
using ClvML.Data.Tables;
using ClvML.Tests.Cli;
using Microsoft.Data.Sqlite;

namespace ClvML.Tests.Data.Sqlite;

/// <summary>SQLite sink: tables read back exactly as written, replace what was there, and come from the CLI's sqlite: outputs.</summary>
public sealed class SqliteTableWriterTests
{
    /// <summary>Doubles that short decimal text would change, dates, non-ASCII and missing text.</summary>
    internal static ColumnTable TrickyTable(string name = "tricky") => new(name,
    [
        TableColumn.OfText("customer_id", ["Zoë", "李雷", "c'3\"", "emoji 😀"]),
        TableColumn.OfReals("x", new[] { 0.1 + 0.2, double.Epsilon, 1.0 / 3, 1.7976931348623157e308 }),
        TableColumn.OfReals("y", new[] { -1e-300, Math.PI, 123456789.123456789, -0.5 }),
        TableColumn.OfIntegers("n", new[] { long.MinValue, -1L, 0L, long.MaxValue }),
        TableColumn.OfDates("d", new[] { new DateOnly(1, 1, 1), new DateOnly(1999, 12, 31), new DateOnly(2024, 2, 29), new DateOnly(9999, 12, 31) }),
        TableColumn.OfText("note", ["Österreich", null, "", "中国"]),
    ]);

    internal static SqliteDataReader Select(SqliteConnection connection, string table)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        return command.ExecuteReader();
    }

    internal static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=false");
        connection.Open();
        return connection;
    }

    [Fact]
    public void Features_and_a_table_of_awkward_values_read_back_identical_doubles_bit_for_bit()
    {
        using var run = new CliRun();
        run.Write("tx.csv", DatabaseTestTransactions.Csv());
        var (features, _) = DatabaseTestTransactions.Build(DatabaseTestTransactions.Config("  source: csv\n  path: tx.csv"), run.Folder);
        var path = run.Path_("out/results.db");
        SqliteTableWriter.Write(path, [features, TrickyTable()]);

        using var connection = Open(path);
        using (var reader = Select(connection, "features")) TableReadBack.AssertSame(features, reader);
        using (var reader = Select(connection, "tricky")) TableReadBack.AssertSame(TrickyTable(), reader);
        // The declared types say what each column is, for readers that go by them.
        using var types = connection.CreateCommand();
        types.CommandText = "SELECT group_concat(name || ' ' || type || ' ' || pk, ', ') FROM pragma_table_info('tricky')";
        Assert.Equal("customer_id TEXT 1, x REAL 0, y REAL 0, n INTEGER 0, d DATE 0, note TEXT 0", types.ExecuteScalar());
    }

    [Fact]
    public void Writing_again_replaces_the_table_and_a_view_of_the_same_name()
    {
        using var run = new CliRun();
        var path = run.Path_("results.db");
        SqliteTableWriter.Write(path, [TrickyTable()], [new SqliteView("summary", "SELECT COUNT(*) AS n FROM tricky")]);
        var smaller = new ColumnTable("tricky", [TableColumn.OfText("customer_id", ["only"]), TableColumn.OfReals("x", new[] { 2.5 })]);
        // "summary" was a view; now a table of that name replaces it.
        SqliteTableWriter.Write(path, [smaller, new ColumnTable("summary", [TableColumn.OfIntegers("n", new[] { 7L })])]);

        using var connection = Open(path);
        using (var reader = Select(connection, "tricky")) TableReadBack.AssertSame(smaller, reader);
        using var kind = connection.CreateCommand();
        kind.CommandText = "SELECT type FROM sqlite_master WHERE name = 'summary'";
        Assert.Equal("table", kind.ExecuteScalar());
    }

    [Fact]
    public void A_failing_write_leaves_the_database_as_it_was()
    {
        using var run = new CliRun();
        var path = run.Path_("results.db");
        SqliteTableWriter.Write(path, [TrickyTable()]);
        // The second table's view is invalid SQL: the whole transaction, including the new "tricky", rolls back.
        var replacement = new ColumnTable("tricky", [TableColumn.OfText("customer_id", ["new"])]);
        var error = Assert.Throws<InputException>(() => SqliteTableWriter.Write(path, [replacement], [new SqliteView("broken", "SELEC 1")]));
        Assert.Contains("results.db: writing the SQLite database failed", error.Message);
        Assert.Contains("nothing was written", error.Message);
        using var connection = Open(path);
        using var reader = Select(connection, "tricky");
        TableReadBack.AssertSame(TrickyTable(), reader);
    }

    [Fact]
    public void Clvml_features_with_a_sqlite_output_writes_the_feature_table_and_rejects_beside_it()
    {
        using var run = new CliRun();
        run.Write("tx.csv", DatabaseTestTransactions.Csv());
        var configText = DatabaseTestTransactions.Config("  source: csv\n  path: tx.csv");
        var config = run.Write("train.yaml", configText);
        Assert.Equal(0, run.Run("features", "--config", config, "--output", "sqlite:" + run.Path_("f.db")));
        Assert.Contains("rows read 11 = accepted 8 + rejected 3", run.Stdout);
        Assert.Equal(4, File.ReadAllLines(run.Path_("f.db.rejects.csv")).Length);

        var (features, _) = DatabaseTestTransactions.Build(configText, run.Folder);
        using var connection = Open(run.Path_("f.db"));
        using var reader = Select(connection, "features");
        TableReadBack.AssertSame(features, reader);
    }

    [Fact]
    public void Train_refuses_an_output_other_than_sqlite_before_training()
    {
        using var run = new CliRun();
        var config = run.Write("train.yaml", "data:\n  source: csv\n  path: missing.csv\n");
        Assert.Equal(2, run.Run("train", "--config", config, "--output", run.Path_("results.csv")));
        Assert.Contains("train writes its tables to a SQLite database only (sqlite:PATH)", run.Stderr);
        Assert.False(Directory.Exists(run.Path_("models")));
    }
}
