using System.Diagnostics;
using System.Globalization;

namespace ClvML.Benchmarks;

/// <summary>
/// The README's first command without its build: <c>clvml train --config train.yaml</c> on the
/// repository's own config, as a fresh process of the Release CLI each time (start-up and JIT
/// included), against the target of well under 30 s on 2 cores. Prints the median and the slowest
/// run, and how long each stage took in the median run, from the time each log line arrived.
/// <c>dotnet run -c Release --project tests/ClvML.Benchmarks -- sample-train [--repeat R]</c>;
/// build the CLI first (<c>dotnet build -c Release src/ClvML.Cli</c>).
/// </summary>
internal static class SampleTrainHarness
{
    private const double TargetSeconds = 30;

    public static int Run(string[] args)
    {
        var repeat = args.Length > 1 && args[0] == "--repeat" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var root = RepositoryRoot();
        var cli = Path.Combine(root, "src", "ClvML.Cli", "bin", "Release", "net10.0", "ClvML.Cli");
        if (!File.Exists(cli))
        {
            Console.Error.WriteLine($"{cli} not found: build it first with dotnet build -c Release src/ClvML.Cli");
            return 2;
        }
        var output = Path.Combine(Path.GetTempPath(), "clvml-bench", "sample-train");
        var runs = new List<(double Seconds, List<(double At, string Line)> Log)>();
        for (var i = 0; i < repeat; i++)
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
            runs.Add(TrainOnce(cli, Path.Combine(root, "train.yaml"), output));
            Console.WriteLine($"run {i + 1}: {runs[^1].Seconds:F2} s");
        }
        var sorted = runs.OrderBy(r => r.Seconds).ToList();
        var median = sorted[sorted.Count / 2];
        Console.WriteLine($"median {median.Seconds:F2} s, slowest {sorted[^1].Seconds:F2} s, target < {TargetSeconds:F0} s: {(sorted[^1].Seconds < TargetSeconds ? "met" : "MISSED")}");
        var previous = 0.0;
        foreach (var (at, line) in median.Log.Where(l => IsStageEnd(l.Line)))
        {
            Console.WriteLine($"  {at - previous,6:F2} s  {line[..Math.Min(line.Length, 90)]}");
            previous = at;
        }
        return 0;
    }

    private static bool IsStageEnd(string line) =>
        line.StartsWith("features written", StringComparison.Ordinal) || line.StartsWith("probabilistic: customer columns", StringComparison.Ordinal)
        || line.StartsWith("segmentation: RFM segments", StringComparison.Ordinal) || line.StartsWith("regression: best", StringComparison.Ordinal)
        || line.StartsWith("report: wrote", StringComparison.Ordinal) || line.StartsWith("run written", StringComparison.Ordinal);

    private static (double Seconds, List<(double At, string Line)> Log) TrainOnce(string cli, string config, string output)
    {
        var start = new ProcessStartInfo(cli, ["train", "--config", config, "--output-dir", output]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["CI"] = "true";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var log = new List<(double, string)>();
        while (process.StandardOutput.ReadLine() is { } line) log.Add((clock.Elapsed.TotalSeconds, line));
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"train exited {process.ExitCode}: {errors}");
        return (clock.Elapsed.TotalSeconds, log);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ClvML.sln"))) return dir.FullName;
        throw new InvalidOperationException("ClvML.sln not found above " + AppContext.BaseDirectory);
    }
}
