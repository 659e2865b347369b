using System.Globalization;
using ClvML.Probabilistic;

namespace ClvML.Tests.Probabilistic;

/// <summary>
/// BG/BB against Fader, Hardie &amp; Shang (2010), "Customer-base analysis in a discrete-time noncontractual
/// setting", Marketing Science 29(6): on the 11,104 donors of donations.csv (6 opportunities),
/// alpha = 1.204, beta = 0.750, gamma = 0.657, delta = 2.783.
/// </summary>
public sealed class BgBbTests
{
    [Fact]
    public void Donations_fit_matches_the_published_estimates()
    {
        var (x, tx, n, w) = Donations();
        Assert.Equal(11_104, w.Sum());
        var model = new BgBb().Fit(x, tx, n, w);
        Assert.Equal(1.204, model.Alpha, 0.0005);
        Assert.Equal(0.750, model.Beta, 0.0005);
        Assert.Equal(0.657, model.Gamma, 0.0005);
        Assert.Equal(2.783, model.Delta, 0.0005);
        Assert.Equal(11_104, model.Diagnostics!.Customers);
        // Probabilities over 0..6 transactions add up to 1, and their mean is E[X(6)].
        var probabilities = Enumerable.Range(0, 7).Select(k => model.ProbabilityOfPurchases(k, 6)).ToArray();
        Assert.Equal(1.0, probabilities.Sum(), 1e-9);
        Assert.Equal(model.ExpectedPurchases(6), probabilities.Select((p, k) => p * k).Sum(), 1e-9);
    }

    [Fact]
    public void Fit_recovers_simulated_parameters()
    {
        var truth = new BgBbModel(1.2, 0.75, 0.66, 2.8);
        var periods = Enumerable.Repeat(6.0, 40_000).ToArray();
        var data = truth.Simulate(periods, seed: 5);
        var model = new BgBb().Fit(data.Frequency, data.Recency, data.T);
        Assert.Equal(1.2, model.Alpha, 0.15);
        Assert.Equal(0.75, model.Beta, 0.1);
        Assert.Equal(0.66, model.Gamma, 0.15);
        Assert.Equal(2.8, model.Delta, 0.7);
    }

    internal static (double[] X, double[] Tx, double[] N, double[] W) Donations()
    {
        var rows = File.ReadAllLines(SharedData.File("cdnow", "donations.csv")).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        return ([.. rows.Select(r => r[0])], [.. rows.Select(r => r[1])], [.. rows.Select(r => r[2])], [.. rows.Select(r => r[3])]);
    }
}
