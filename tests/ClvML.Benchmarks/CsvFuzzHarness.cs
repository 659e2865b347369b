using System.Diagnostics;
using System.Globalization;
using ClvML.Tests.Data.Csv;

namespace ClvML.Benchmarks;

/// <summary>
/// The long fuzzing run of the transaction reader on CSV and gzip input:
/// <c>dotnet run -c Release --project tests/ClvML.Benchmarks -- csv-fuzz N [--first-seed S] [--threads T]</c>.
/// Runs N seeded mutations (the same cases as the CI test for the same seeds), prints every failure
/// (file, seed, mutation kind, what went wrong) and the counts, and exits 1 when there was one.
/// </summary>
internal static class CsvFuzzHarness
{
    public static int Run(string[] args)
    {
        var count = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? long.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var firstSeed = long.Parse(Option("--first-seed") ?? "1", CultureInfo.InvariantCulture);
        var threads = int.Parse(Option("--threads") ?? "2", CultureInfo.InvariantCulture);
        Console.WriteLine($"csv-fuzz: {count:N0} mutations, seeds {firstSeed}..{firstSeed + count - 1}, {threads} threads");
        var fuzzer = new TransactionFileFuzzer();
        var clock = Stopwatch.StartNew();
        const long batch = 100_000;
        long failures = 0, refused = 0, gzip = 0, rows = 0, cases = 0;
        var slowest = 0.0;
        for (var start = firstSeed; start < firstSeed + count; start += batch)
        {
            var result = fuzzer.Run(start, Math.Min(batch, firstSeed + count - start), threads);
            foreach (var failure in result.Failures) Console.WriteLine("FAILURE " + failure);
            (failures, refused, gzip, rows, cases) = (failures + result.Failures.Count, refused + result.Refused, gzip + result.GzipCases, rows + result.RowsRead, cases + result.Cases);
            slowest = Math.Max(slowest, result.SlowestMilliseconds);
            Console.WriteLine($"  {cases:N0} cases ({gzip:N0} gzip), {refused:N0} refused, {rows:N0} rows read, {failures} failures, slowest case {slowest:F1} ms " +
                $"(this batch: {result.SlowestMilliseconds:F1} ms, {result.SlowestCase}), {clock.Elapsed.TotalSeconds:F1} s");
        }
        return failures == 0 ? 0 : 1;
    }
}
