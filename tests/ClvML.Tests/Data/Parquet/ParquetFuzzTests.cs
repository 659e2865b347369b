namespace ClvML.Tests.Data.Parquet;

/// <summary>
/// The bounded CI run of <see cref="ParquetFuzzer"/>: 100,000 seeded mutations of the small
/// parquet-testing files (every file under 16 KB: all codecs, page versions and encodings), read in
/// full, must fail only with ParquetFormatException/InputException and none may take longer than twenty
/// seconds: a case takes milliseconds, a hang never ends, and a loaded CI machine has been seen to stall
/// a case for 1.5 s, so the limit tells a hang from a stall without making the test flaky. The long run
/// is <c>dotnet run -c Release --project tests/ClvML.Benchmarks -- parquet-fuzz N</c>.
/// </summary>
public sealed class ParquetFuzzTests
{
    [Fact]
    public void A_hundred_thousand_mutations_are_refused_cleanly_or_read()
    {
        var folder = Path.GetDirectoryName(SharedData.File("parquet-testing", "binary.parquet"))!;
        var files = Directory.GetFiles(folder, "*.parquet").Where(f => new FileInfo(f).Length < 16_384).Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 20);
        var result = new ParquetFuzzer(files).Run(firstSeed: 1, count: 100_000, threads: 2);
        // Grouped by exception type and throwing frame, so one message shows every distinct bug.
        var kinds = result.Crashes.GroupBy(c => c.Split('\n')[0].Split(": ")[1] + " @ " + (c.Split('\n').Skip(1).FirstOrDefault()?.Trim() ?? ""))
            .Select(g => $"{g.Count()} x {g.Key}\n    e.g. {g.First().Split('\n')[0]}");
        Assert.True(result.Crashes.Count == 0, $"{result.Crashes.Count} crashes:\n{string.Join("\n", kinds)}");
        Assert.True(result.Refused > 10_000, $"only {result.Refused} of {result.Cases} mutations were refused: the fuzzer is not damaging the files");
        Assert.True(result.SlowestMilliseconds < 20_000, $"the slowest case, {result.SlowestCase}, took {result.SlowestMilliseconds:F0} ms");
    }
}
