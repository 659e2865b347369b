using System.Diagnostics;
using ClvML.Data.Parquet.Writing;
using ClvML.Data.Postgres;
using ClvML.Data.Sqlite;
using ClvML.Data.Tables;

namespace ClvML.Benchmarks;

/// <summary>
/// Writing a million feature-shaped rows (20 columns) as Parquet, to SQLite and, when
/// <c>CLVML_POSTGRES</c> names a server, to PostgreSQL (binary COPY in one transaction):
/// <c>dotnet run -c Release --project tests/ClvML.Benchmarks -- database-write [--repeat N]</c>.
/// Medians of N writes each; the machine is shared, so compare ratios.
/// </summary>
internal static class DatabaseWriteHarness
{
    public static int Run(string[] args)
    {
        var repeat = args.SkipWhile(a => a != "--repeat").Skip(1).Select(int.Parse).FirstOrDefault(3);
        var table = MillionRows();
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "clvml-bench", "database-write")).FullName;
        Report("Parquet (SNAPPY)", repeat, () => ParquetTableWriter.Write(table, Path.Combine(folder, "features.parquet")));
        Report("SQLite", repeat, () =>
        {
            var path = Path.Combine(folder, "features.db");
            File.Delete(path);
            SqliteTableWriter.Write(path, [table]);
        });
        if (Environment.GetEnvironmentVariable("CLVML_POSTGRES") is { Length: > 0 } connection)
        {
            var server = PostgresConnectionSettings.Parse(connection, "CLVML_POSTGRES");
            Report("PostgreSQL", repeat, () => PostgresTableWriter.Write(server, [table]));
        }
        else Console.WriteLine("PostgreSQL: skipped (set CLVML_POSTGRES to a connection string to include it)");
        return 0;
    }

    private static void Report(string name, int repeat, Action write)
    {
        var times = new List<double>();
        for (var i = 0; i < repeat; i++)
        {
            var clock = Stopwatch.StartNew();
            write();
            times.Add(clock.Elapsed.TotalSeconds);
        }
        Console.WriteLine($"{name}: 1,000,000 rows x 20 columns, median {times.Order().ElementAt(times.Count / 2):F2} s (runs {string.Join(", ", times.Select(t => t.ToString("F2")))})");
    }

    /// <summary>A feature-shaped table (20 columns: ids, 13 doubles, 3 integers, 2 dates, a text attribute) of a million customers.</summary>
    private static ColumnTable MillionRows()
    {
        const int n = 1_000_000;
        var random = new Random(7);
        var columns = new List<TableColumn> { TableColumn.OfText("customer_id", [.. Enumerable.Range(0, n).Select(i => "customer-" + i)]) };
        foreach (var c in new[] { "frequency", "recency", "T", "monetary_value", "total_spend", "avg_order_value", "holdout_frequency", "holdout_spend", "holdout_duration", "p_alive", "clv", "expected_spend", "expected_purchases" })
            columns.Add(TableColumn.OfReals(c, Enumerable.Range(0, n).Select(_ => random.NextDouble() * 100).ToArray()));
        foreach (var c in new[] { "recency_days", "orders", "tenure_days" })
            columns.Add(TableColumn.OfIntegers(c, Enumerable.Range(0, n).Select(_ => (long)random.Next(1000)).ToArray()));
        foreach (var c in new[] { "first_purchase", "last_purchase" })
            columns.Add(TableColumn.OfDates(c, Enumerable.Range(0, n).Select(_ => new DateOnly(2020, 1, 1).AddDays(random.Next(1500))).ToArray()));
        columns.Add(TableColumn.OfText("country", [.. Enumerable.Range(0, n).Select(i => i % 3 == 0 ? "GB" : "Österreich")]));
        return new ColumnTable("features", columns);
    }
}
