using System.Diagnostics;
using ClvML.Data.Parquet.Writing;
using ClvML.Data.Sample;
using ClvML.Data.Tables;

namespace ClvML.Benchmarks;

/// <summary>
/// The Parquet writer on the benchmark's file: (0) the 1,000,000-customer sample's 3,013,335
/// transactions (customer_id INT64, date DATE, amount DOUBLE; the file <c>parquet</c> reads),
/// written by ClvML's writer and by ParquetSharp (Arrow's parquet-cpp, its defaults: SNAPPY,
/// dictionaries with PLAIN fallback) alternating in one process, sizes and median times; then
/// 3 million random transactions of the same shape, SNAPPY, default row groups: (1) the writer alone on a table already
/// in memory and (2) <c>clvml simulate --numeric-ids --output tx.parquet</c>'s whole job (drawing
/// about a million customers' transactions and writing all six columns), against the same
/// job writing CSV.
/// <c>dotnet run -c Release --project tests/ClvML.Benchmarks -- parquet-write [--rows N] [--customers N] [--repeat R] [--peer-only]</c>
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
        AgainstParquetSharp(folder, Option(args, "--repeat", 7));
        if (args.Contains("--peer-only")) return 0;

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

    /// <summary>The benchmark file written by ClvML and by ParquetSharp, alternating, <paramref name="repeat"/> times each after a warm-up.</summary>
    private static void AgainstParquetSharp(string folder, int repeat)
    {
        var (ids, dates, amounts) = BenchmarkRows();
        var table = new ColumnTable("transactions", [TableColumn.OfIntegers("customer_id", ids), TableColumn.OfDates("date", dates), TableColumn.OfReals("amount", amounts)]);
        var ours = Path.Combine(folder, "bench-clvml.parquet");
        var theirs = Path.Combine(folder, "bench-parquetsharp.parquet");
        var days = dates.Select(d => new ParquetSharp.Date(d.Year, d.Month, d.Day)).ToArray();
        var rowGroup = new ParquetWriterOptions().RowGroupRows;
        void Peer()
        {
            using var writer = new ParquetSharp.ParquetFileWriter(theirs,
                [new ParquetSharp.Column<long>("customer_id"), new ParquetSharp.Column<ParquetSharp.Date>("date"), new ParquetSharp.Column<double>("amount")],
                ParquetSharp.Compression.Snappy);
            for (var start = 0; start < ids.Length; start += rowGroup)
            {
                var count = Math.Min(rowGroup, ids.Length - start);
                using var group = writer.AppendRowGroup();
                using (var column = group.NextColumn().LogicalWriter<long>()) column.WriteBatch(ids.AsSpan(start, count));
                using (var column = group.NextColumn().LogicalWriter<ParquetSharp.Date>()) column.WriteBatch(days.AsSpan(start, count));
                using (var column = group.NextColumn().LogicalWriter<double>()) column.WriteBatch(amounts.AsSpan(start, count));
            }
            writer.Close();
        }
        ParquetTableWriter.Write(table, ours);
        Peer();
        var (clvml, peer) = (new List<double>(), new List<double>());
        for (var i = 0; i < repeat; i++)
        {
            GC.Collect();
            var clock = Stopwatch.StartNew();
            ParquetTableWriter.Write(table, ours);
            clvml.Add(clock.Elapsed.TotalSeconds);
            GC.Collect();
            clock.Restart();
            Peer();
            peer.Add(clock.Elapsed.TotalSeconds);
        }
        Console.WriteLine($"benchmark file, {ids.Length:N0} rows x 3 columns (int64, date, double), SNAPPY: ClvML {new FileInfo(ours).Length / 1e6:F2} MB " +
            $"({new FileInfo(ours).Length / 1048576.0:F2} MiB) median {Median(clvml):F3} s (runs {string.Join(", ", clvml.Select(t => t.ToString("F3")))}); " +
            $"ParquetSharp {new FileInfo(theirs).Length / 1e6:F2} MB ({new FileInfo(theirs).Length / 1048576.0:F2} MiB) median {Median(peer):F3} s (runs {string.Join(", ", peer.Select(t => t.ToString("F3")))})");
    }

    /// <summary>The rows of <c>parquet</c>'s benchmark file: the sample CSV's customer_id (C0037425 -> 37425), date and amount.</summary>
    private static (long[] Ids, DateOnly[] Dates, double[] Amounts) BenchmarkRows()
    {
        var ids = new List<long>();
        var dates = new List<DateOnly>();
        var amounts = new List<double>();
        foreach (var line in File.ReadLines(BenchData.TransactionsCsv(1_000_000)).Skip(1))
        {
            var f = line.Split(',');
            ids.Add(long.Parse(f[0].AsSpan(1), System.Globalization.CultureInfo.InvariantCulture));
            dates.Add(DateOnly.ParseExact(f[1], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            amounts.Add(double.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture));
        }
        return ([.. ids], [.. dates], [.. amounts]);
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
