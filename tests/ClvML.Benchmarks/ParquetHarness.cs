using System.Diagnostics;
using System.Globalization;
using ClvML.Data;
using ClvML.Data.Csv;
using ClvML.Data.Parquet;
using ClvML.Data.Parquet.Writing;
using ClvML.Data.Tables;
using ClvML.Features;

namespace ClvML.Benchmarks;

/// <summary>
/// Issue target: 3 million transactions (customer_id int64, date, amount double) from a SNAPPY
/// Parquet file into features in at most 0.5 s on 2 cores, at least twice as fast as from CSV:
/// <c>dotnet run -c Release --project tests/ClvML.Benchmarks -- parquet [FILE.parquet] [--repeat N] [--stages | --parquet-only]</c>.
/// Without a file, the 1,000,000-customer sample (about 3 M rows) is written as Parquet first. The
/// Parquet file's customer_id, date and amount columns are also written as CSV, and both are timed
/// in this process, alternating, N times each (median reported; the first pair includes JIT).
/// </summary>
internal static class ParquetHarness
{
    public static int Run(string[] args)
    {
        var repeat = args.SkipWhile(a => a != "--repeat").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(5);
        var path = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : SampleAsParquet();
        var csv = Path.ChangeExtension(path, ".same-rows.csv");
        if (!File.Exists(csv)) WriteCsv(path, csv);
        Console.WriteLine($"parquet: {path} ({new FileInfo(path).Length / 1e6:F1} MB); csv: {csv} ({new FileInfo(csv).Length / 1e6:F1} MB)");
        var data = new DataSettings { Source = DataSourceKind.Parquet, Returns = ReturnPolicy.Keep };
        var features = new FeatureSettings
        {
            TimeUnit = Features.TimeUnit.Week, PurchasePeriod = Features.TimeUnit.Day,
            CalibrationEnd = BenchData.CalibrationEnd, ObservationEnd = BenchData.ObservationEnd,
        };
        if (args.Contains("--stages")) return Stages(path, csv, data, repeat);
        var parquetOnly = args.Contains("--parquet-only");
        var parquetTimes = new List<double>();
        var csvTimes = new List<double>();
        for (var i = 0; i < repeat; i++)
        {
            var (p, pc) = Time(new ParquetTransactionSource(path, data), data, features);
            var csvData = data with { Source = DataSourceKind.Csv };
            // --parquet-only leaves CSV out, for profiling the Parquet path alone.
            var (c, cc) = parquetOnly ? (double.NaN, "skipped") : Time(new CsvTransactionSource(csv, csvData), csvData, features);
            parquetTimes.Add(p);
            csvTimes.Add(c);
            Console.WriteLine($"  run {i + 1}: parquet {p:F3} s ({pc}), csv {c:F3} s ({cc})");
        }
        double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
        Console.WriteLine($"Parquet -> features: median {Median(parquetTimes):F3} s (min {parquetTimes.Min():F3}); CSV -> features: median {Median(csvTimes):F3} s; CSV / Parquet {Median(csvTimes) / Median(parquetTimes):F2}x");
        return 0;
    }

    /// <summary>
    /// Where the time goes, as process CPU seconds (steadier than wall time on a shared machine): decoding
    /// the row groups alone, then each source into a sink that only counts (Parquet both row by row and
    /// as column batches, the path the feature accumulator takes), so the accumulator is left out.
    /// </summary>
    private static int Stages(string path, string csv, DataSettings data, int repeat)
    {
        for (var i = 0; i < repeat; i++)
        {
            var decode = Cpu(() =>
            {
                using var reader = ParquetFileReader.Open(path);
                var columns = new[] { "customer_id", "date", "amount" }.Select(reader.Column).ToList();
                for (var g = 0; g < reader.RowGroupCount; g++) reader.ReadRowGroup(g, columns);
            });
            var parquet = Cpu(() => new ParquetTransactionSource(path, data).ReadInto(new CountingSink(), new RejectLog(path, BadRowPolicy.Reject)));
            var batches = Cpu(() => new ParquetTransactionSource(path, data).ReadInto(new CountingBatchSink(), new RejectLog(path, BadRowPolicy.Reject)));
            var text = Cpu(() => new CsvTransactionSource(csv, data with { Source = DataSourceKind.Csv }).ReadInto(new CountingSink(), new RejectLog(csv, BadRowPolicy.Reject)));
            Console.WriteLine($"  run {i + 1}: decode row groups {decode:F3} s, parquet rows to sink {parquet:F3} s, parquet column batches to sink {batches:F3} s, csv rows to sink {text:F3} s (CPU)");
        }
        return 0;
    }

    private static double Cpu(Action action)
    {
        GC.Collect();
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        action();
        return (Process.GetCurrentProcess().TotalProcessorTime - before).TotalSeconds;
    }

    private sealed class CountingSink : ITransactionSink
    {
        public long Rows;
        public void Accept(in TransactionRow row) => Rows++;
    }

    /// <summary>Takes the Parquet source's column batches (its fast path) and only counts them.</summary>
    private sealed class CountingBatchSink : ITransactionBatchSink
    {
        public long Rows;
        public void Accept(in TransactionRow row) => Rows++;
        public void AcceptBatch(in TransactionColumns rows) => Rows += rows.Count;
    }

    private static (double Seconds, string Check) Time(ITransactionSource source, DataSettings data, FeatureSettings features)
    {
        GC.Collect();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var (gen0, gen2) = (GC.CollectionCount(0), GC.CollectionCount(2));
        var clock = Stopwatch.StartNew();
        var result = FeatureBuilder.FromTransactions(source, data, features, () => new RejectLog(source.Name, BadRowPolicy.Reject));
        var seconds = clock.Elapsed.TotalSeconds;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var t = result.Table;
        return (seconds, string.Create(CultureInfo.InvariantCulture, $"CPU {cpu.TotalSeconds:F3} s, GC gen0 {GC.CollectionCount(0) - gen0} gen2 {GC.CollectionCount(2) - gen2}, {result.Rejects.RowsRead} rows, {t.Count} customers, sum frequency {t.Frequency.Sum()}, sum monetary {t.MonetaryValue.Sum():F2}"));
    }

    /// <summary>The sample CSV's customer_id (C0037425 -> 37425), date and amount as a SNAPPY Parquet file.</summary>
    private static string SampleAsParquet()
    {
        var csv = BenchData.TransactionsCsv(1_000_000);
        var path = Path.ChangeExtension(csv, ".parquet");
        if (File.Exists(path)) return path;
        var ids = new List<long>();
        var days = new List<int>();
        var amounts = new List<double>();
        foreach (var line in File.ReadLines(csv).Skip(1))
        {
            var f = line.Split(',');
            ids.Add(long.Parse(f[0].AsSpan(1), CultureInfo.InvariantCulture));
            days.Add(DateOnly.ParseExact(f[1], "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber);
            amounts.Add(double.Parse(f[2], CultureInfo.InvariantCulture));
        }
        // ClvML's own writer with its defaults: SNAPPY, one row group per 1,048,576 rows, dictionaries where they pay (date, amount).
        ParquetTableWriter.Write(new ColumnTable("transactions",
        [
            TableColumn.OfIntegers("customer_id", ids.ToArray()),
            TableColumn.OfDates("date", days.Select(d => DateOnly.FromDayNumber(d + DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber)).ToArray()),
            TableColumn.OfReals("amount", amounts.ToArray()),
        ]), path);
        return path;
    }

    private static void WriteCsv(string parquet, string csv)
    {
        using var reader = ParquetFileReader.Open(parquet);
        using var writer = new StreamWriter(csv + ".tmp", false, new System.Text.UTF8Encoding(false), 1 << 20);
        writer.WriteLine("customer_id,date,amount");
        var columns = new[] { "customer_id", "date", "amount" }.Select(reader.Column).ToList();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var v = reader.ReadRowGroup(g, columns);
            for (var i = 0; i < v[0].Count; i++)
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{v[0].Describe(i)},{v[1].GetDateTime(i):yyyy-MM-dd},{v[2].GetReal(i):R}"));
        }
        writer.Dispose();
        File.Move(csv + ".tmp", csv, overwrite: true);
    }
}
