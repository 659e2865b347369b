using System.Diagnostics;
using ClvML.Data.Parquet.Writing;
using ClvML.Data.Sample;
using ClvML.Data.Tables;

namespace ClvML.Benchmarks;

/// <summary>
/// The Parquet writer on the benchmark's file: 3 million transactions (customer_id INT64, date
/// DATE, amount DOUBLE), SNAPPY, default row groups. Times (1) the writer alone on a table already
/// in memory and (2) <c>clvml simulate --numeric-ids --output tx.parquet</c>'s whole job (drawing
/// about a million customers' transactions and writing all six columns), against the same
/// job writing CSV.
/// <c>dotnet run -c Release --project tests/ClvML.Benchmarks -- parquet-write [--rows N] [--customers N]</c>
/// </summary>
internal static class ParquetWriteHarness
{
    public static int Run(string[] args)
    {
        var rows = Option(args, "--rows", 3_000_000);
        var customers = Option(args, "--customers", 1_000_000);
        var folder = Path.Combine(Path.GetTempPath(), "clvml-bench", "parquet-write");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);

        // Transactions shaped like the sample's: ids of a million customers, two years of dates, cent amounts.
        var random = new Random(42);
        var ids = new long[rows];
        var dates = new DateOnly[rows];
        var amounts = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            ids[i] = random.Next(1, customers + 1);
            dates[i] = new DateOnly(2024, 1, 1).AddDays((int)(i * 730L / rows));
            amounts[i] = Math.Round(random.NextDouble() * 200, 2);
        }
        var table = new ColumnTable("tx", [TableColumn.OfIntegers("customer_id", ids), TableColumn.OfDates("date", dates), TableColumn.OfReals("amount", amounts)]);
        var path = Path.Combine(folder, "tx3.parquet");
        var writes = Time(4, () => ParquetTableWriter.Write(table, path));
        Console.WriteLine($"ParquetTableWriter: {rows:N0} rows x 3 columns (int64, date, double), SNAPPY -> {new FileInfo(path).Length / 1e6:F1} MB: " +
            $"median {Median(writes):F3} s (runs {string.Join(", ", writes.Select(t => t.ToString("F3")))})");

        // The sample's text columns too: unique order ids (PLAIN after the dictionary stops paying) and
        // two low-cardinality columns (dictionary encoded).
        string[] channelNames = ["organic", "paid_search", "referral"], countryCodes = ["GB", "DE", "FR", "NL", "US"];
        var wide = new ColumnTable("tx", [.. table.Columns,
            TableColumn.OfText("order_id", Enumerable.Range(1, rows).Select(i => "O" + i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture)).ToArray()),
            TableColumn.OfText("channel", Enumerable.Range(0, rows).Select(i => channelNames[random.Next(3)]).ToArray()),
            TableColumn.OfText("country", Enumerable.Range(0, rows).Select(i => countryCodes[random.Next(5)]).ToArray())]);
        var widePath = Path.Combine(folder, "tx6.parquet");
        var wideWrites = Time(2, () => ParquetTableWriter.Write(wide, widePath));
        Console.WriteLine($"ParquetTableWriter: {rows:N0} rows x 6 columns (+ order_id, channel, country text), SNAPPY -> {new FileInfo(widePath).Length / 1e6:F1} MB: " +
            $"median {Median(wideWrites):F3} s (runs {string.Join(", ", wideWrites.Select(t => t.ToString("F3")))})");

        var options = new SampleOptions { Customers = customers, Seed = 42 };
        var parquet = Path.Combine(folder, "sample.parquet");
        SampleSummary? summary = null;
        var simulateParquet = Time(2, () => summary = SampleGenerator.WriteParquet(options, parquet, numericCustomerIds: true));
        var csv = Path.Combine(folder, "sample.csv");
        var simulateCsv = Time(2, () =>
        {
            using var writer = new StreamWriter(csv, false, new System.Text.UTF8Encoding(false), 1 << 16);
            SampleGenerator.WriteCsv(options, writer);
        });
        // The draw alone (no file), to tell the writers' share from the generator's.
        var draw = Time(2, () => SampleGenerator.Truth(options));
        Console.WriteLine($"simulate --numeric-ids: {customers:N0} customers, {summary!.Purchases + summary.Returns:N0} rows x 6 columns -> " +
            $"Parquet {new FileInfo(parquet).Length / 1e6:F1} MB in median {Median(simulateParquet):F3} s; CSV {new FileInfo(csv).Length / 1e6:F1} MB in median {Median(simulateCsv):F3} s; " +
            $"drawing alone median {Median(draw):F3} s");
        return 0;
    }

    private static List<double> Time(int repeat, Action action)
    {
        action(); // the first call compiles everything
        var times = new List<double>();
        for (var i = 0; i < repeat; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times.Add(clock.Elapsed.TotalSeconds);
        }
        return times;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
