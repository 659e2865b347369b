using ClvML.Data.Csv;
using ClvML.Data.Sqlite;
using ClvML.Data.Tables;
using ClvML.Data;
using ClvML.Features;
using ClvML.Tests.Cli;
using ClvML.Training;
using Microsoft.Data.Sqlite;

namespace ClvML.Tests.Data.Sqlite;

/// <summary>
/// The analyst views on a five-customer data set whose answers are worked out by hand below, and
/// on a trained sample run, where they must agree with the run's own tables.
/// </summary>
public sealed class AnalystViewTests
{
    // Calibration to 2024-03-31, holdout to 2024-04-30. f is first seen in the holdout, so it is no
    // customer of the feature table; d's March holds only a return.
    private const string Transactions = """
        customer_id,date,amount,country
        a,2024-01-05,40,GB
        a,2024-02-10,60,GB
        a,2024-04-01,10,GB
        b,2024-01-20,20,GB
        c,2024-02-03,30,NL
        c,2024-03-15,5,NL
        d,2024-02-28,30,NL
        d,2024-02-29,35,NL
        d,2024-03-05,-5,NL
        e,2024-03-10,1,DE
        f,2024-04-20,99,DE
        """;

    private static readonly Dictionary<string, (string Cluster, string Rfm, double Clv)> Segments = new()
    {
        ["a"] = ("high", "Champions", 50), ["b"] = ("low", "Lost", 5), ["c"] = ("high", "Champions", 40),
        ["d"] = ("low", "At risk", 10), ["e"] = ("low", "Lost", 1),
    };

    private static SqliteConnection WriteHandMadeRun(CliRun run)
    {
        var csv = run.Write("tx.csv", Transactions + "\n");
        var (_, built) = DatabaseTestTransactions.Build(DatabaseTestTransactions.Config("  source: csv\n  path: tx.csv"), run.Folder);
        var table = built.Table;
        var ids = table.CustomerIds;
        var tables = new List<ColumnTable>
        {
            FeatureColumnTable.From(table),
            new("segments", [TableColumn.OfText("customer_id", ids), TableColumn.OfText("cluster_label", [.. ids.Select(i => Segments[i].Cluster)]),
                TableColumn.OfText("rfm_segment", [.. ids.Select(i => Segments[i].Rfm)])]),
            new("predictions", [TableColumn.OfText("customer_id", ids), TableColumn.OfReals("clv", ids.Select(i => Segments[i].Clv).ToArray())]),
            CustomerMonthTable.Build(new CsvTransactionSource(csv, new DataSettings { Columns = new ColumnMapping { Attributes = ["country"] } }), table, new DataSettings()),
        };
        var path = run.Path_("views.db");
        SqliteTableWriter.Write(path, tables, AnalystViews.For(tables, ["country"]));
        return SqliteTableWriterTests.Open(path);
    }

    private static List<object?[]> Rows(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    [Fact]
    public void Segment_summary_counts_revenue_and_mean_clv_match_the_hand_computed_values()
    {
        using var run = new CliRun();
        using var db = WriteHandMadeRun(run);
        // Revenue through the observation end, returns netted: a 40+60+10, b 20, c 30+5, d 30+35-5, e 1.
        var rows = Rows(db, "SELECT segmentation, segment, customers, revenue, mean_clv, customer_share, revenue_share FROM segment_summary");
        Assert.Equal(
        [
            ["cluster", "high", 2L, 145.0, 45.0, 0.4, 145.0 / 226],
            ["cluster", "low", 3L, 81.0, 16.0 / 3, 0.6, 81.0 / 226],
            ["rfm", "Champions", 2L, 145.0, 45.0, 0.4, 145.0 / 226],
            ["rfm", "At risk", 1L, 60.0, 10.0, 0.2, 60.0 / 226],
            ["rfm", "Lost", 2L, 21.0, 3.0, 0.4, 21.0 / 226],
        ], rows.Select(r => r.Select(v => v is double d ? Math.Round(d, 12) : v).ToArray()).ToList(),
            new RowComparer());
        Assert.Equal(5L, Rows(db, "SELECT SUM(customers) FROM segment_summary WHERE segmentation = 'rfm'")[0][0]);
    }

    [Fact]
    public void Top_countries_by_revenue_and_the_favourite_country_per_segment()
    {
        using var run = new CliRun();
        using var db = WriteHandMadeRun(run);
        // GB: a 110 + b 20; NL: c 35 + d 60; DE: e 1 (f is not a customer of the feature table).
        Assert.Equal([[1L, "GB", 2L, 130.0], [2L, "NL", 2L, 95.0], [3L, "DE", 1L, 1.0]],
            Rows(db, "SELECT rank, country, customers, revenue FROM top_country_by_revenue"), new RowComparer());
        // Every segment's countries tie on customers, so revenue decides: high {a GB 110, c NL 35},
        // low {b GB 20, d NL 60, e DE 1}, Champions = high, At risk {d}, Lost {b GB 20, e DE 1}.
        Assert.Equal(
        [
            ["cluster", "high", "GB", 1L, 2L], ["cluster", "low", "NL", 1L, 3L],
            ["rfm", "At risk", "NL", 1L, 1L], ["rfm", "Champions", "GB", 1L, 2L], ["rfm", "Lost", "GB", 1L, 2L],
        ], Rows(db, "SELECT segmentation, segment, country, customers, segment_customers FROM favourite_country_by_segment"), new RowComparer());
    }

    [Fact]
    public void Customer_months_and_m1_retention_follow_the_purchases_month_by_month()
    {
        using var run = new CliRun();
        using var db = WriteHandMadeRun(run);
        // d's March has only a return, so it is no active month; f is not a customer of the feature table.
        Assert.Equal(
        [
            ["a", "2024-01", 1L, 40.0], ["a", "2024-02", 1L, 60.0], ["a", "2024-04", 1L, 10.0], ["b", "2024-01", 1L, 20.0],
            ["c", "2024-02", 1L, 30.0], ["c", "2024-03", 1L, 5.0], ["d", "2024-02", 2L, 65.0], ["e", "2024-03", 1L, 1.0],
        ], Rows(db, "SELECT customer_id, month, purchases, revenue FROM customer_months ORDER BY customer_id, month"), new RowComparer());
        // Cohorts: January {a, b}, a back in February -> 1/2; February {c, d}, c back in March -> 1/2;
        // March {e}, not back in April (the last month with data) -> 0.
        Assert.Equal([["2024-01", 2L, 1L, 0.5], ["2024-02", 2L, 1L, 0.5], ["2024-03", 1L, 0L, 0.0]],
            Rows(db, "SELECT cohort_month, cohort_size, retained_m1, m1_retention FROM m1_retention"), new RowComparer());
        // January's cohort: both active in month 0, a alone in months 1 and 3, nobody in month 2 (no row).
        Assert.Equal([[0L, 2L, 1.0], [1L, 1L, 0.5], [3L, 1L, 0.5]],
            Rows(db, "SELECT months_since_first, active_customers, retention FROM cohort_retention WHERE cohort_month = '2024-01'"), new RowComparer());
    }

    [Fact]
    public void Train_with_a_sqlite_output_writes_every_table_and_views_that_agree_with_them()
    {
        using var run = new CliRun();
        var config = run.Write("train.yaml", """
            run:
              name: db
            data:
              sample:
                customers: 600
              columns:
                order_id: order_id
                attributes: [channel, country]
            features:
              time_unit: week
              purchase_period: day
              calibration_end: 2025-06-30
              observation_end: 2025-12-31
            segmentation:
              k: 3
              restarts: 2
            regression:
              enabled: false
            evaluation:
              report: [json]
            """);
        Assert.Equal(0, run.Run("train", "--config", config, "--output", "sqlite:" + run.Path_("results.db")));
        var runPath = run.Stdout.TrimEnd().Split('\n')[^1];
        using var db = SqliteTableWriterTests.Open(run.Path_("results.db"));
        var objects = Rows(db, "SELECT type || ' ' || name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY type, name").Select(r => (string)r[0]!).ToList();
        Assert.Equal(["table cluster_profiles", "table customer_months", "table features", "table leaderboard", "table predictions", "table segments",
            "view cohort_retention", "view favourite_channel_by_segment", "view favourite_country_by_segment", "view m1_retention",
            "view segment_summary", "view top_channel_by_revenue", "view top_country_by_revenue"], objects);

        // The run's own files say how many customers there are and what each spent.
        var features = File.ReadAllLines(Path.Combine(runPath, "features.csv"));
        var header = features[0].Split(',');
        int spent = Array.IndexOf(header, "total_spend"), holdout = Array.IndexOf(header, "holdout_spend");
        var customers = features.Length - 1;
        var revenue = features.Skip(1).Select(l => l.Split(',')).Sum(f => double.Parse(f[spent], System.Globalization.CultureInfo.InvariantCulture) + double.Parse(f[holdout], System.Globalization.CultureInfo.InvariantCulture));
        foreach (var segmentation in new[] { "cluster", "rfm" })
        {
            var sums = Rows(db, $"SELECT SUM(customers), SUM(revenue), SUM(customer_share), SUM(revenue_share) FROM segment_summary WHERE segmentation = '{segmentation}'")[0];
            Assert.Equal((long)customers, sums[0]);
            Assert.Equal(revenue, (double)sums[1]!, 6);
            Assert.Equal(1.0, (double)sums[2]!, 12);
            Assert.Equal(1.0, (double)sums[3]!, 12);
        }
        Assert.Equal((long)customers, Rows(db, "SELECT SUM(customers) FROM top_channel_by_revenue")[0][0]);
        // Every customer of the feature table bought in calibration, so each is in exactly one cohort.
        Assert.Equal((long)customers, Rows(db, "SELECT SUM(cohort_size) FROM m1_retention")[0][0]);
        Assert.Equal(File.ReadAllLines(Path.Combine(runPath, "segments", "assignments.csv")).Length - 1, (long)Rows(db, "SELECT COUNT(*) FROM segments")[0][0]!);
        Assert.True((long)Rows(db, "SELECT COUNT(*) FROM leaderboard")[0][0]! >= 3);
        Assert.All(Rows(db, "SELECT p_alive FROM predictions"), r => Assert.InRange((double)r[0]!, 0.0, 1.0));
    }

    /// <summary>Compares rows cell by cell; doubles to 12 digits (the views divide).</summary>
    private sealed class RowComparer : IEqualityComparer<object?[]>
    {
        public bool Equals(object?[]? x, object?[]? y) => x!.Length == y!.Length && x.Zip(y).All(p => p switch
        {
            (double a, double b) => Math.Abs(a - b) <= 1e-12 * Math.Max(1, Math.Abs(a)),
            (var a, var b) => Equals(a, b),
        });

        public int GetHashCode(object?[] row) => row.Length;
    }
}
