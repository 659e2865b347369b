using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ClvML.Data;
using ClvML.Data.Csv;
using ClvML.Features;

namespace ClvML.Benchmarks;

/// <summary>
/// Issue target: CSV -> calibration/holdout features for 1,000,000 customers (~3 M rows) in at most
/// 1.0 s wall and well under 1 GB peak memory. Each repetition runs in a fresh process so its peak
/// resident set (VmHWM) is its own; pandas (peers.py --only summary) runs on the same file in the same run.
/// </summary>
internal static class FeaturesHarness
{
    public const string ChildCommand = "features-once";

    public static int Run(string[] args)
    {
        var customers = Option(args, "--customers", 1_000_000);
        var repeat = Option(args, "--repeat", 5);
        var path = BenchData.TransactionsCsv(customers);
        Console.WriteLine($"input: {path} ({new FileInfo(path).Length / 1e6:F1} MB)");

        var runs = new List<JsonElement>();
        for (var i = 0; i < repeat; i++)
        {
            using var child = Process.Start(ChildProcess(ChildCommand, path))!;
            var output = child.StandardOutput.ReadToEnd();
            child.WaitForExit();
            var result = JsonDocument.Parse(output).RootElement;
            runs.Add(result);
            Console.WriteLine($"  run {i + 1}: {result.GetProperty("seconds").GetDouble():F3} s, peak {result.GetProperty("peak_mb").GetDouble():F0} MB");
        }
        var seconds = runs.Select(r => r.GetProperty("seconds").GetDouble()).Order().ToArray();
        var peak = runs.Select(r => r.GetProperty("peak_mb").GetDouble()).Order().ToArray();
        Console.WriteLine($"ClvML CSV -> features: median {seconds[seconds.Length / 2]:F3} s (min {seconds[0]:F3}), median peak {peak[peak.Length / 2]:F0} MB");
        Console.WriteLine("ClvML check: " + runs[0].GetProperty("check").GetRawText());

        var peers = Peers.Run(path, BenchData.CalibrationEnd, BenchData.ObservationEnd, "summary");
        if (peers is { } p)
        {
            var read = p.GetProperty("read_csv_s").GetDouble();
            var summary = p.GetProperty("summary_s").GetDouble();
            Console.WriteLine($"pandas {p.GetProperty("pandas").GetString()}: read_csv {read:F3} s + summary {summary:F3} s = {read + summary:F3} s");
            Console.WriteLine("pandas check: " + p.GetProperty("summary_check").GetRawText());
            Console.WriteLine($"ratio pandas / ClvML (medians): {(read + summary) / seconds[seconds.Length / 2]:F1}x");
        }
        return 0;
    }

    /// <summary>One timed build in this process; prints JSON with seconds, peak memory and check sums.</summary>
    public static int RunChild(string[] args)
    {
        var path = args[0];
        var data = new DataSettings { Source = DataSourceKind.Csv, Returns = ReturnPolicy.Keep };
        var features = new FeatureSettings
        {
            TimeUnit = TimeUnit.Week, PurchasePeriod = TimeUnit.Day,
            CalibrationEnd = BenchData.CalibrationEnd, ObservationEnd = BenchData.ObservationEnd,
        };
        var clock = Stopwatch.StartNew();
        var result = FeatureBuilder.FromTransactions(new CsvTransactionSource(path, data), data, features, () => new RejectLog(path, BadRowPolicy.Reject));
        var seconds = clock.Elapsed.TotalSeconds;
        var t = result.Table;
        var check = new Dictionary<string, double>
        {
            ["customers"] = t.Count, ["sum_frequency"] = t.Frequency.Sum(), ["sum_recency"] = t.Recency.Sum(), ["sum_T"] = t.T.Sum(),
            ["sum_monetary_value"] = t.MonetaryValue.Sum(), ["sum_holdout_spend"] = t.Holdout!.Spend.Sum(),
        };
        Console.WriteLine(JsonSerializer.Serialize(new { seconds, peak_mb = PeakResidentMegabytes(), rows = result.Rejects.RowsRead, buffered = result.Stats.Buffered, check }));
        return 0;
    }

    /// <summary>This program again, as an apphost or through the dotnet host, with other arguments.</summary>
    private static ProcessStartInfo ChildProcess(params string[] args)
    {
        var host = Environment.ProcessPath!;
        var viaDotnet = Path.GetFileNameWithoutExtension(host) == "dotnet";
        return new ProcessStartInfo(host, viaDotnet ? [typeof(Program).Assembly.Location, .. args] : args)
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
    }

    /// <summary>Peak resident set size of this process (Linux VmHWM).</summary>
    private static double PeakResidentMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
