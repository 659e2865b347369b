using System.Diagnostics;
using System.Globalization;
using ClvML.Tests.Data.Parquet;

namespace ClvML.Benchmarks;

/// <summary>
/// The long fuzzing run of the Parquet reader:
/// <c>dotnet run -c Release --project tests/ClvML.Benchmarks -- parquet-fuzz N [--first-seed S] [--threads T] [--folder DIR] [--all-sizes]</c>.
/// Runs N seeded mutations (the same cases as the CI test for the same seeds) of the parquet-testing
/// files (under 16 KB unless --all-sizes), prints every crash (file, seed, mutation kind, exception)
/// and exits 1 when there was one.
/// </summary>
internal static class ParquetFuzzHarness
{
    public static int Run(string[] args)
    {
        var count = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? long.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var firstSeed = long.Parse(Option("--first-seed") ?? "1", CultureInfo.InvariantCulture);
        var threads = int.Parse(Option("--threads") ?? "2", CultureInfo.InvariantCulture);
        var folder = Option("--folder") ?? Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "..", "shared", "data", "parquet-testing"));
        var files = Directory.GetFiles(folder, "*.parquet")
            .Where(f => args.Contains("--all-sizes") || new FileInfo(f).Length < 16_384).Order(StringComparer.Ordinal).ToList();
        Console.WriteLine($"parquet-fuzz: {count:N0} mutations of {files.Count} files from {folder}, seeds {firstSeed}..{firstSeed + count - 1}, {threads} threads");
        var fuzzer = new ParquetFuzzer(files);
        var clock = Stopwatch.StartNew();
        const long batch = 100_000;
        long crashes = 0, refused = 0;
        var slowest = 0.0;
        for (var start = firstSeed; start < firstSeed + count; start += batch)
        {
            var result = fuzzer.Run(start, Math.Min(batch, firstSeed + count - start), threads);
            foreach (var crash in result.Crashes) Console.WriteLine("CRASH " + crash);
            crashes += result.Crashes.Count;
            refused += result.Refused;
            slowest = Math.Max(slowest, result.SlowestMilliseconds);
            Console.WriteLine($"  {start + result.Cases - firstSeed:N0} cases, {refused:N0} refused, {crashes} crashes, slowest case {slowest:F1} ms " +
                $"(this batch: {result.SlowestMilliseconds:F1} ms, {result.SlowestCase}), {clock.Elapsed.TotalSeconds:F1} s");
        }
        return crashes == 0 ? 0 : 1;
    }
}
