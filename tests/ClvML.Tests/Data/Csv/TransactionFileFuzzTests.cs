namespace ClvML.Tests.Data.Csv;

/// <summary>
/// The bounded CI run of <see cref="TransactionFileFuzzer"/>: 100,000 seeded mutations of small CSV,
/// whitespace and gzip inputs read through the transaction reader. Every case is refused with an
/// InputException or read with rows read = accepted + rejected; a gzip case reads exactly as its
/// text or is refused; no case runs past twenty seconds (a case takes well under a millisecond; the
/// limit only tells a hang from a loaded machine's stall). The long run is
/// <c>dotnet run -c Release --project tests/ClvML.Benchmarks -- csv-fuzz N</c>.
/// </summary>
public sealed class TransactionFileFuzzTests
{
    [Fact]
    public void A_hundred_thousand_mutations_are_read_with_every_row_accounted_for_or_refused()
    {
        var result = new TransactionFileFuzzer().Run(firstSeed: 1, count: 100_000, threads: 2);
        // Grouped by the start of what went wrong, so one message shows every distinct bug.
        static string What(string failure) => failure[(failure.IndexOf("): ", StringComparison.Ordinal) + 3)..].Split('\n')[0] is var w && w.Length > 60 ? w[..60] : w;
        var kinds = result.Failures.GroupBy(What).Select(g => $"{g.Count()} x {g.Key}\n    e.g. {g.First().Split('\n')[0]}");
        Assert.True(result.Failures.Count == 0, $"{result.Failures.Count} failures:\n{string.Join("\n", kinds)}");
        Assert.Equal(100_000, result.Cases);
        Assert.True(result.GzipCases > 30_000, $"only {result.GzipCases} gzip cases");
        Assert.True(result.Refused > 20_000, $"only {result.Refused} of {result.Cases} cases were refused: the fuzzer is not damaging the inputs");
        Assert.True(result.RowsRead > 1_000_000, $"only {result.RowsRead} rows were read: the cases are not reaching the rows");
        Assert.True(result.SlowestMilliseconds < 20_000, $"the slowest case, {result.SlowestCase}, took {result.SlowestMilliseconds:F0} ms");
    }
}
