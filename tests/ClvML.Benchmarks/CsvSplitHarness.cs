using System.Diagnostics;
using ClvML.Data;
using ClvML.Data.Csv;

namespace ClvML.Benchmarks;

/// <summary>
/// <c>csv-split [--repeat R] [--no-hash]</c>: the CSV splitting thread's work of one scoring read, run on
/// one thread so that its CPU time is measured alone: the benchmark file (1,000,000 customers) opened
/// as scoring opens it (hashed unless <c>--no-hash</c>), split into records, each record's timestamp and
/// amount prepared and the record copied into batches, as <see cref="CsvRecordPipeline"/>'s thread does.
/// Stages are timed separately too: splitting only, and splitting with preparation.
/// </summary>
internal static class CsvSplitHarness
{
    public static int Run(string[] args)
    {
        var repeat = args.Contains("--repeat") ? int.Parse(args[Array.IndexOf(args, "--repeat") + 1], System.Globalization.CultureInfo.InvariantCulture) : 5;
        var hash = !args.Contains("--no-hash");
        var csv = BenchData.TransactionsCsv(1_000_000);
        var data = new DataSettings { Source = DataSourceKind.Csv, Columns = new ColumnMapping { OrderId = "order_id" } };
        foreach (var stage in (string[])["split", "split+prepare", "split+prepare+batch"])
        {
            var wall = new List<double>();
            var cpu = new List<double>();
            long records = 0;
            for (var i = 0; i < repeat + 1; i++)
            {
                var (clock, started) = (Stopwatch.StartNew(), CpuSeconds());
                records = SplitOnce(csv, data, stage, hash);
                if (i == 0) continue; // the first run compiles everything
                wall.Add(clock.Elapsed.TotalSeconds);
                cpu.Add(CpuSeconds() - started);
            }
            Console.WriteLine($"{stage,-20} {records:N0} records: median {Median(wall):F3} s (runs {string.Join(", ", wall.Select(t => t.ToString("F3")))}); CPU median {Median(cpu):F3} s");
        }
        return 0;
    }

    private static long SplitOnce(string csv, DataSettings data, string stage, bool hash)
    {
        using var file = InputFile.Open(csv, data.Compression, hash);
        var records = new CsvRecordReader(file.Content, csv, CsvTransactionReader.DelimiterOf(data));
        var header = CsvHeader.Read(records, csv, data);
        var prepare = stage == "split" ? null : new CsvTransactionReader(data).Preparation(header);
        var batch = stage.EndsWith("batch", StringComparison.Ordinal) ? new CsvRecordBatch(8192) : null;
        long count = 0;
        var check = 0.0;
        while (records.Read())
        {
            count++;
            var prepared = prepare is null ? default : prepare(records);
            check += prepared.Amount;
            if (batch is null) continue;
            batch.Add(records, prepared);
            if (batch.IsFull) batch.Clear(8192);
        }
        if (hash) _ = file.Sha256();
        GC.KeepAlive(check);
        return count;
    }

    private static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
