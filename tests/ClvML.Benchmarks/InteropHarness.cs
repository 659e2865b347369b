using System.Diagnostics;
using System.Globalization;
using ClvML.Configuration;
using ClvML.Data;
using ClvML.Data.Csv;
using ClvML.Features;
using ClvML.Interop;
using Microsoft.Data.Analysis;
using Microsoft.ML;

namespace ClvML.Benchmarks;

/// <summary>
/// Issue target: the DataFrame and IDataView export of a 1,000,000-customer feature table under 50 ms.
/// The table is the generator's million-customer CSV as features (weekly units, calibration end and holdout
/// as in the other harnesses: the id, 12 numeric columns and 2 dates). Timed, each the median of
/// <c>--repeat</c> calls after one untimed call: <see cref="FeatureTableConversions.ToDataFrame"/> (the first call
/// is reported too: it is the one that turns the feature build's compact ids into strings, which later calls
/// share), <see cref="FeatureTableConversions.ToDataView"/>, and for scale one cursor pass over every column of
/// each view and the import back to a table.
/// </summary>
internal static class InteropHarness
{
    public static int Run(string[] args)
    {
        var repeat = Option(args, "--repeat", 9);
        var csv = BenchData.TransactionsCsv(1_000_000);
        var data = new DataSettings { Source = DataSourceKind.Csv, Returns = ReturnPolicy.Keep };
        var features = new FeatureSettings
        {
            TimeUnit = TimeUnit.Week, PurchasePeriod = TimeUnit.Day, CalibrationEnd = BenchData.CalibrationEnd, ObservationEnd = BenchData.ObservationEnd,
        };
        var table = FeatureBuilder.FromTransactions(new CsvTransactionSource(csv, data), data, features, () => new RejectLog(csv, BadRowPolicy.Reject)).Table;
        var columns = FeatureSchema.ColumnsOf(table);
        Console.WriteLine($"feature table: {table.Count:N0} customers x {columns.Count} columns ({columns.Count(c => c.IsNumeric)} numeric, " +
            $"{columns.Count(c => c.Type == FeatureValueType.Date)} dates, {columns.Count(c => c.Type == FeatureValueType.Text)} text)");

        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores");
        var first = Stopwatch.StartNew();
        var frame = table.ToDataFrame();
        Console.WriteLine($"DataFrame export, first call (ids become strings): {first.Elapsed.TotalMilliseconds:F1} ms");
        Report("DataFrame export", repeat, () => frame = table.ToDataFrame());
        Report("  of which the numeric columns alone (wrapped)", repeat, () => NumericOnly(table));
        Report("  of which the id column alone (text, converted)", repeat, () => FrameColumns.Text("customer_id", table.CustomerIds));
        var allValid = FrameColumns.AllValid(table.Count);
        Report("  of which the two date columns alone (converted)", repeat,
            () => (FrameColumns.Dates("first_purchase", table.Rfm!.FirstPurchase, allValid), FrameColumns.Dates("last_purchase", table.Rfm.LastPurchase, allValid)));
        FeatureTableDataView view = table.ToDataView();
        Report("IDataView export", repeat, () => view = table.ToDataView());
        Report("cursor pass, every column: FeatureTableDataView", Math.Min(repeat, 5), () => Pass(view));
        Report("cursor pass, every column: DataFrame as IDataView", Math.Min(repeat, 5), () => Pass(frame));
        Report("import DataFrame -> table", Math.Min(repeat, 5), () => frame.ToFeatureTable(table.TimeUnit));
        Report("import IDataView -> table", Math.Min(repeat, 5), () => view.ToFeatureTable(table.TimeUnit));
        return 0;
    }

    private static DataFrame NumericOnly(CustomerFeatureTable table)
    {
        var allValid = FrameColumns.AllValid(table.Count);
        return new DataFrame(FeatureSchema.ColumnsOf(table).Where(c => c.IsNumeric).Select(column => column.ValuesIn(table) switch
        {
            double[] reals => (DataFrameColumn)FrameColumns.Wrap(column.Name, reals, allValid),
            int[] integers => FrameColumns.Wrap(column.Name, integers, allValid),
            _ => throw new InvalidOperationException(column.Name),
        }));
    }

    /// <summary>Reads every column of every row, as a trainer's first pass would.</summary>
    private static double Pass(IDataView view)
    {
        var sum = 0.0;
        using var cursor = view.GetRowCursor(view.Schema);
        var getters = view.Schema.Select(c => Getter(cursor, c)).ToArray();
        while (cursor.MoveNext())
            foreach (var get in getters) sum += get();
        return sum;
    }

    private static Func<double> Getter(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (column.Type.RawType == typeof(double)) { var g = cursor.GetGetter<double>(column); var v = 0.0; return () => { g(ref v); return v; }; }
        if (column.Type.RawType == typeof(int)) { var g = cursor.GetGetter<int>(column); var v = 0; return () => { g(ref v); return v; }; }
        if (column.Type.RawType == typeof(DateTime)) { var g = cursor.GetGetter<DateTime>(column); var v = default(DateTime); return () => { g(ref v); return v.Day; }; }
        { var g = cursor.GetGetter<ReadOnlyMemory<char>>(column); var v = default(ReadOnlyMemory<char>); return () => { g(ref v); return v.Length; }; }
    }

    private static void Report(string what, int repeat, Func<object> run)
    {
        run(); // compiles the path
        var times = new List<double>();
        var cpu = new List<double>();
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < repeat; i++)
        {
            process.Refresh();
            var (clock, started) = (Stopwatch.StartNew(), process.TotalProcessorTime);
            GC.KeepAlive(run());
            times.Add(clock.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - started).TotalMilliseconds);
        }
        // CPU time (all threads) is steadier than wall time on a shared machine.
        Console.WriteLine($"{what}: median {Median(times):F1} ms, CPU median {Median(cpu):F0} ms (runs {string.Join(", ", times.Select(t => t.ToString("F1", CultureInfo.InvariantCulture)))})");
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
