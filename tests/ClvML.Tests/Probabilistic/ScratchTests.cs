using ClvML.Probabilistic;
namespace ClvML.Tests.Probabilistic;
public sealed class ScratchTests
{
    [Fact]
    public void Scratch()
    {
        var table = CdnowData.FromTransactions();
        var (x, tx, t) = CdnowData.FromSummaryFile();
        var o = new System.Text.StringBuilder();
        foreach (var tol in new[] { 1e-8, 1e-10 })
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var a = new ParetoNbd(new ParetoNbdOptions { GradientTolerance = tol }).Fit(table.Frequency, table.Recency, table.T);
            var el = sw.Elapsed.TotalMilliseconds;
            var b = new ParetoNbd(new ParetoNbdOptions { GradientTolerance = tol }).Fit(x, tx, t);
            o.AppendLine($"{tol} tx: {a} {a.Diagnostics} {el}ms\n sum: {b} {b.Diagnostics}");
            var c = new BgNbd().Fit(table.Frequency, table.Recency, table.T);
            o.AppendLine($"bg: {c} {c.Diagnostics}");
        }
        File.WriteAllText("/tmp/scratch.txt", o.ToString());
    }
}
