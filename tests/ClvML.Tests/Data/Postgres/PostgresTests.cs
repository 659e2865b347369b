using ClvML.Data.Postgres;
using ClvML.Data.Tables;
using ClvML.Tests.Cli;
using ClvML.Tests.Data.Sqlite;
using Npgsql;

namespace ClvML.Tests.Data.Postgres;

/// <summary>
/// PostgreSQL source and sink against a throwaway cluster: exact round trips, the same features and
/// rejects as from CSV, all-or-nothing writes, and exit code 2 with the server's message for every
/// kind of failure (never showing the password).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTests(PostgresCluster cluster)
{
    /// <summary>The environment variable the tests' connection strings reference, as a user's config would.</summary>
    private const string Variable = "CLVML_TEST_PG_CONNECTION";

    private PostgresConnectionSettings Server()
    {
        cluster.Require();
        Environment.SetEnvironmentVariable(Variable, cluster.ConnectionString);
        return PostgresConnectionSettings.Parse("${" + Variable + "}", "test");
    }

    private NpgsqlDataReader Select(NpgsqlConnection connection, string table)
    {
        connection.Open();
        return new NpgsqlCommand($"SELECT * FROM {table}", connection).ExecuteReader();
    }

    [Fact]
    public void Features_and_a_table_of_awkward_values_read_back_identical_doubles_bit_for_bit()
    {
        var server = Server();
        using var run = new CliRun();
        run.Write("tx.csv", DatabaseTestTransactions.Csv());
        var (features, _) = DatabaseTestTransactions.Build(DatabaseTestTransactions.Config("  source: csv\n  path: tx.csv"), run.Folder);
        PostgresTableWriter.Write(server, [new ColumnTable("rt_features", features.Columns), SqliteTableWriterTests.TrickyTable("rt_tricky")]);

        using (var connection = new NpgsqlConnection(cluster.ConnectionString))
        using (var reader = Select(connection, "rt_features")) TableReadBack.AssertSame(features, reader);
        using (var connection = new NpgsqlConnection(cluster.ConnectionString))
        using (var reader = Select(connection, "rt_tricky")) TableReadBack.AssertSame(SqliteTableWriterTests.TrickyTable(), reader);
        Assert.Equal("customer_id", cluster.Scalar("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = 'rt_tricky'::regclass AND i.indisprimary"));
    }

    [Fact]
    public void The_same_transactions_from_csv_and_from_postgres_text_and_typed_tables_give_identical_features_and_rejects()
    {
        Server();
        cluster.Execute("""
            DROP TABLE IF EXISTS tx_text, tx_typed;
            CREATE TABLE tx_text (customer_id text, date text, amount text, country text);
            CREATE TABLE tx_typed (customer_id text, date date, amount double precision, country text);
            """);
        using (var connection = new NpgsqlConnection(cluster.ConnectionString))
        {
            connection.Open();
            foreach (var (customer, date, amount, country) in DatabaseTestTransactions.Rows)
            {
                using var text = new NpgsqlCommand("INSERT INTO tx_text VALUES ($1, $2, $3, $4)", connection);
                text.Parameters.Add(new NpgsqlParameter { Value = (object?)customer ?? DBNull.Value });
                text.Parameters.Add(new NpgsqlParameter { Value = date });
                text.Parameters.Add(new NpgsqlParameter { Value = amount });
                text.Parameters.Add(new NpgsqlParameter { Value = country });
                text.ExecuteNonQuery();
                // A typed column cannot hold a bad date or amount: there the bad value is NULL.
                using var typed = new NpgsqlCommand("INSERT INTO tx_typed VALUES ($1, $2, $3, $4)", connection);
                typed.Parameters.Add(new NpgsqlParameter { Value = (object?)customer ?? DBNull.Value });
                typed.Parameters.Add(new NpgsqlParameter { Value = DateOnly.TryParse(date, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : DBNull.Value });
                typed.Parameters.Add(new NpgsqlParameter { Value = (object?)DatabaseTestTransactions.Number(amount) ?? DBNull.Value });
                typed.Parameters.Add(new NpgsqlParameter { Value = country });
                typed.ExecuteNonQuery();
            }
        }
        using var run = new CliRun();
        run.Write("tx.csv", DatabaseTestTransactions.Csv());
        var (fromCsv, csvBuild) = DatabaseTestTransactions.Build(DatabaseTestTransactions.Config("  source: csv\n  path: tx.csv"), run.Folder);
        foreach (var table in new[] { "tx_text", "tx_typed" })
        {
            var (fromPostgres, built) = DatabaseTestTransactions.Build(DatabaseTestTransactions.Config(
                $"  source: postgres\n  connection_string: ${{{Variable}}}\n  query: SELECT customer_id, date, amount, country FROM {table} ORDER BY ctid"), run.Folder);
            DatabaseTestTransactions.AssertSameTable(fromCsv, fromPostgres);
            Assert.Equal(11, built.Rejects.RowsRead);
            Assert.Equal(DatabaseTestTransactions.ExpectedRejects, csvBuild.Rejects.RejectedByReason);
            // The typed table holds the bad date as NULL: there it is a missing timestamp, not an unparseable one.
            var expected = table == "tx_text" ? DatabaseTestTransactions.ExpectedRejects
                : new Dictionary<string, long> { ["missing_customer_id"] = 1, ["missing_timestamp"] = 1, ["bad_amount"] = 1 };
            Assert.Equal(expected, built.Rejects.RejectedByReason);
        }
    }

    [Fact]
    public void A_failure_mid_copy_leaves_no_table_and_no_rows_and_an_older_table_intact()
    {
        var server = Server();
        cluster.Execute("DROP TABLE IF EXISTS tx_first, tx_second; CREATE TABLE tx_second (kept int); INSERT INTO tx_second VALUES (1), (2)");
        const int rows = 20_000;
        var first = new ColumnTable("tx_first", [TableColumn.OfText("customer_id", [.. Enumerable.Range(0, rows).Select(i => "c" + i)])]);
        // PostgreSQL text cannot hold NUL: the server refuses row 15,000 of the second table, after
        // the first table was created and filled and while the second's COPY is under way.
        var ids = Enumerable.Range(0, rows).Select(i => i == 15_000 ? "bad\0id" : "c" + i).ToArray();
        var second = new ColumnTable("tx_second", [TableColumn.OfText("customer_id", ids), TableColumn.OfReals("x", new double[rows])]);

        var error = Assert.Throws<InputException>(() => PostgresTableWriter.Write(server, [first, second]));
        Assert.Contains("--output postgres", error.Message);
        Assert.Contains("COPY \"tx_second\"", error.Message);
        Assert.Null(cluster.Scalar("SELECT to_regclass('tx_first')::text"));
        Assert.Equal(2L, cluster.Scalar("SELECT COUNT(*) FROM tx_second"));
        Assert.Equal("kept", cluster.Scalar("SELECT string_agg(column_name, ',') FROM information_schema.columns WHERE table_name = 'tx_second'"));
    }

    [Fact]
    public void A_cancelled_write_leaves_nothing_behind()
    {
        var server = Server();
        cluster.Execute("DROP TABLE IF EXISTS tx_cancelled");
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => PostgresTableWriter.Write(server, [new ColumnTable("tx_cancelled", SqliteTableWriterTests.TrickyTable().Columns)], cancellation.Token));
        Assert.Null(cluster.Scalar("SELECT to_regclass('tx_cancelled')::text"));
    }

    [Fact]
    public void Clvml_features_writes_a_postgres_table_with_the_connection_from_an_environment_reference()
    {
        Server();
        using var run = new CliRun();
        run.Write("tx.csv", DatabaseTestTransactions.Csv());
        var configText = DatabaseTestTransactions.Config("  source: csv\n  path: tx.csv");
        var config = run.Write("train.yaml", configText);
        Assert.Equal(0, run.Run("features", "--config", config, "--output", "postgres:public.cli_features", "--connection", "${" + Variable + "}"));
        Assert.DoesNotContain(PostgresCluster.Password, run.Stdout + run.Stderr);
        var (features, _) = DatabaseTestTransactions.Build(configText, run.Folder);
        using var connection = new NpgsqlConnection(cluster.ConnectionString);
        using var reader = Select(connection, "public.cli_features");
        TableReadBack.AssertSame(features, reader);
    }

    [Theory]
    [InlineData("SELEC customer_id FROM tx_text", "syntax error at or near \"SELEC\"", "42601")]
    [InlineData("SELECT customer_id, date, amount, country FROM no_such_table", "relation \"no_such_table\" does not exist", "42P01")]
    public void Bad_sql_and_a_missing_table_are_exit_2_with_the_servers_message_and_the_query(string query, string message, string state)
    {
        Server();
        cluster.Execute("CREATE TABLE IF NOT EXISTS tx_text (customer_id text, date text, amount text, country text)");
        using var run = new CliRun();
        Assert.Equal(2, Features(run, $"${{{Variable}}}", query));
        Assert.Contains("data.query", run.Stderr);
        Assert.Contains($"postgres://postgres@127.0.0.1:{cluster.Port}/postgres", run.Stderr);
        Assert.Contains(message, run.Stderr);
        Assert.Contains(state, run.Stderr);
        Assert.Contains(query, run.Stderr);
    }

    [Fact]
    public void A_wrong_password_is_exit_2_naming_the_server_and_never_the_password()
    {
        cluster.Require();
        using var run = new CliRun();
        const string wrong = "not-the-Secret-42";
        Assert.Equal(2, Features(run, $"Host=127.0.0.1;Port={cluster.Port};Database=postgres;Username=postgres;Password={wrong}", "SELECT 1"));
        Assert.Contains($"cannot connect to postgres://postgres@127.0.0.1:{cluster.Port}/postgres", run.Stderr);
        Assert.Contains("password authentication failed for user \"postgres\"", run.Stderr);
        Assert.Contains("28P01", run.Stderr);
        Assert.DoesNotContain(wrong, run.Stdout + run.Stderr);
    }

    [Fact]
    public void A_refused_connection_is_exit_2_naming_the_server()
    {
        // Needs no server: nothing listens on a port just released.
        var port = PostgresCluster.FreePort();
        using var run = new CliRun();
        Assert.Equal(2, Features(run, $"Host=127.0.0.1;Port={port};Database=shop;Username=clv;Password=hunter2-secret", "SELECT 1"));
        Assert.Contains($"cannot connect to postgres://clv@127.0.0.1:{port}/shop", run.Stderr);
        Assert.Contains("connection refused", run.Stderr);
        Assert.DoesNotContain("hunter2-secret", run.Stdout + run.Stderr);
    }

    [Fact]
    public void An_unset_environment_variable_is_exit_2_naming_the_key_and_the_variable()
    {
        using var run = new CliRun();
        Assert.Equal(2, Features(run, "Host=localhost;Password=${CLVML_TEST_NEVER_SET_VARIABLE}", "SELECT 1"));
        Assert.Contains("data.connection_string: environment variable ${CLVML_TEST_NEVER_SET_VARIABLE}", run.Stderr);
        Assert.Contains("is not set", run.Stderr);
    }

    [Fact]
    public void A_postgres_output_without_a_connection_is_exit_2_before_any_work()
    {
        // In this collection, so no other test has CLVML_POSTGRES set meanwhile.
        Assert.Null(Environment.GetEnvironmentVariable("CLVML_POSTGRES"));
        using var run = new CliRun();
        var config = run.Write("train.yaml", DatabaseTestTransactions.Config("  source: csv\n  path: missing.csv"));
        Assert.Equal(2, run.Run("features", "--config", config, "--output", "postgres:scores"));
        Assert.Contains("--output postgres:TABLE needs a server: give --connection", run.Stderr);
        Assert.Contains("CLVML_POSTGRES", run.Stderr);
        // The connection is checked first: the missing input file is not reached.
        Assert.DoesNotContain("missing.csv", run.Stderr);
    }

    private static int Features(CliRun run, string connectionString, string query)
    {
        var config = run.Write("train.yaml", DatabaseTestTransactions.Config($"  source: postgres\n  connection_string: \"{connectionString}\"\n  query: \"{query.Replace("\"", "\\\"")}\""));
        return run.Run("features", "--config", config, "--output", run.Path_("features.csv"));
    }
}
