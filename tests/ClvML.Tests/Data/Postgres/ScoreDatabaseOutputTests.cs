using ClvML.Evaluation.Holdout;
using ClvML.Tests.Cli;
using ClvML.Tests.Data.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ClvML.Tests.Data.Postgres;

/// <summary><c>clvml score --output sqlite:PATH | postgres:TABLE</c> writes exactly the rows and values of the CSV output.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ScoreDatabaseOutputTests(PostgresCluster cluster, ScoreDatabaseOutputTests.ScoredSample scored) : IClassFixture<ScoreDatabaseOutputTests.ScoredSample>
{
    /// <summary>A small trained run and its scores of a second sample as CSV, made once for the class.</summary>
    public sealed class ScoredSample : IDisposable
    {
        public ScoredSample()
        {
            Cli = new CliRun();
            try
            {
                Prepare();
            }
            catch
            {
                // xunit does not dispose a fixture whose constructor threw; the folder would stay behind.
                Cli.Dispose();
                throw;
            }
        }

        private void Prepare()
        {
            var config = Cli.Write("train.yaml", """
                run:
                  name: dbscore
                data:
                  sample:
                    customers: 800
                  columns:
                    order_id: order_id
                features:
                  time_unit: week
                  purchase_period: day
                  calibration_end: 2025-06-30
                  observation_end: 2025-12-31
                segmentation:
                  k: 2
                  restarts: 1
                regression:
                  automl:
                    time_budget_seconds: 600
                    max_trials: 2
                    folds: 2
                evaluation:
                  report: [json]
                """);
            Assert.True(Cli.Run("train", "--config", config, "--output-dir", Cli.Path_("models")) == 0, Cli.Stderr);
            RunPath = Cli.Stdout.Trim().Split('\n')[^1].Trim();
            Assert.Equal(0, Cli.Run("simulate", "--customers", "500", "--seed", "9", "--output", Cli.Path_("tx.csv")));
            Assert.True(Score(Cli.Path_("scores.csv")) == 0, Cli.Stderr);
            Csv = RunCsvFile.Read(Cli.Path_("scores.csv"), TextColumns);
        }

        public static readonly string[] TextColumns = ["customer_id", "cluster_label", "rfm_code", "rfm_segment"];
        internal CliRun Cli { get; }
        public string RunPath { get; private set; } = "";
        public RunCsvFile Csv { get; private set; } = null!;

        public int Score(string output, params string[] more) =>
            Cli.Run(["score", "--run", RunPath, "--input", Cli.Path_("tx.csv"), "--as-of", "2025-12-31", "--output", output, .. more]);

        public void Dispose() => Cli.Dispose();
    }

    [Fact]
    public void Scores_in_sqlite_equal_the_csv_scores()
    {
        Assert.True(scored.Score("sqlite:" + scored.Cli.Path_("scores.db")) == 0, scored.Cli.Stderr);
        Assert.True(File.Exists(scored.Cli.Path_("scores.db.rejects.csv")));
        using var connection = SqliteTableWriterTests.Open(scored.Cli.Path_("scores.db"));
        using var reader = SqliteTableWriterTests.Select(connection, "scores");
        AssertSameAsCsv(reader);
    }

    [Fact]
    public void Scores_in_postgres_equal_the_csv_scores_with_the_connection_from_clvml_postgres_or_the_option()
    {
        cluster.Require();
        Assert.True(scored.Score("postgres:nightly_scores", "--connection", cluster.ConnectionString) == 0, scored.Cli.Stderr);
        Assert.DoesNotContain(PostgresCluster.Password, scored.Cli.Stdout + scored.Cli.Stderr);
        using (var connection = new NpgsqlConnection(cluster.ConnectionString))
        {
            connection.Open();
            using var reader = new NpgsqlCommand("SELECT * FROM nightly_scores", connection).ExecuteReader();
            AssertSameAsCsv(reader);
        }
        // Re-scoring, with the server from CLVML_POSTGRES this time, replaces the table rather than adding rows.
        Environment.SetEnvironmentVariable("CLVML_POSTGRES", cluster.ConnectionString);
        try
        {
            Assert.True(scored.Score("postgres:nightly_scores") == 0, scored.Cli.Stderr);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CLVML_POSTGRES", null);
        }
        Assert.Equal((long)scored.Csv.RowCount, cluster.Scalar("SELECT COUNT(*) FROM nightly_scores"));
    }

    private void AssertSameAsCsv(System.Data.Common.DbDataReader reader)
    {
        var csv = scored.Csv;
        Assert.Equal(csv.Header, Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
        var rowOf = csv.Text("customer_id").Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var columns = csv.Header.Select(h => ScoredSample.TextColumns.Contains(h) ? (object)csv.Text(h) : csv.Numbers(h)).ToArray();
        var rows = 0;
        while (reader.Read())
        {
            var row = rowOf[reader.GetString(0)];
            for (var c = 0; c < columns.Length; c++)
            {
                if (columns[c] is string[] text) Assert.Equal(text[row], reader.GetString(c));
                else Assert.Equal(BitConverter.DoubleToInt64Bits(((double[])columns[c])[row]), BitConverter.DoubleToInt64Bits(reader.GetDouble(c)));
            }
            rows++;
        }
        Assert.Equal(csv.RowCount, rows);
    }
}
