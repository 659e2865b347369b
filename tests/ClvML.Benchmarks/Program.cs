using BenchmarkDotNet.Running;

namespace ClvML.Benchmarks;

/// <summary>
/// Benchmarks are not part of the test run. Timing harnesses that compare with the Python peers
/// (../shared/bench/peers.py) in the same run are named commands:
/// <c>dotnet run -c Release --project tests/ClvML.Benchmarks -- features [--customers N] [--repeat R]</c>.
/// Anything else goes to BenchmarkDotNet's switcher (<c>-- --list flat</c>).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "features") return FeaturesHarness.Run(args[1..]);
        if (args.Length > 0 && args[0] == "gbdt") return GbdtHarness.Run(args[1..]);
        if (args.Length > 0 && args[0] == "probabilistic") return ProbabilisticHarness.Run(args[1..]);
        if (args.Length > 0 && args[0] == "kmeans") return KMeansHarness.Run(args[1..]);
        if (args.Length > 0 && args[0] == "mlnet") return MLNetHarness.Run(args[1..]);
        if (args.Length > 0 && args[0] == "scoring") return ScoringHarness.Run(args[1..]);
        if (args.Length > 0 && args[0] == "csv-split") return CsvSplitHarness.Run(args[1..]);
        if (args.Length > 0 && args[0] == "database-write") return DatabaseWriteHarness.Run(args[1..]);
        if (args.Length > 0 && args[0] == "parquet-write") return ParquetWriteHarness.Run(args[1..]);
        if (args.Length > 0 && args[0] == "parquet") return ParquetHarness.Run(args[1..]);
        if (args.Length > 0 && args[0] == "sample-train") return SampleTrainHarness.Run(args[1..]);
        if (args.Length > 0 && args[0] == "parquet-fuzz") return ParquetFuzzHarness.Run(args[1..]);
        if (args.Length > 0 && args[0] == "gzip-read") return GzipReadHarness.Run(args[1..]);
        if (args.Length > 0 && args[0] == "csv-fuzz") return CsvFuzzHarness.Run(args[1..]);
        if (args.Length > 0 && args[0] == "interop") return InteropHarness.Run(args[1..]);
        if (args.Length > 0 && args[0] == FeaturesHarness.ChildCommand) return FeaturesHarness.RunChild(args[1..]);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
