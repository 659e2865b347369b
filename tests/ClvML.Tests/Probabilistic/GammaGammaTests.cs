using ClvML.Probabilistic;

namespace ClvML.Tests.Probabilistic;

/// <summary>
/// Gamma-Gamma against Fader &amp; Hardie (2013), "The Gamma-Gamma model of monetary value": on the
/// 946 CDNOW sample customers with repeat purchases, p = 6.25, q = 3.74, gamma = 15.44.
/// </summary>
public sealed class GammaGammaTests
{
    [Fact]
    public void Cdnow_fit_on_the_946_repeat_buyers_matches_the_published_estimates()
    {
        // Exact mean repeat spends from the raw transactions (the note's spreadsheet uses the exact values;
        // the 2-decimal zbar of cdnow_customers_summary_with_transactions.csv moves gamma to 15.448).
        var table = CdnowData.FromTransactions();
        var model = new GammaGamma().Fit(table.Frequency, table.MonetaryValue);
        Assert.Equal(946, model.Diagnostics!.Customers);
        Assert.Equal(6.25, model.P, 0.005);
        Assert.Equal(3.74, model.Q, 0.005);
        Assert.Equal(15.44, model.Gamma, 0.005);
        Assert.InRange(model.FrequencyMonetaryCorrelation, -0.3, 0.3); // the note reports a weak correlation (0.11)
        Assert.Equal(model.P * model.Gamma / (model.Q - 1), model.ConditionalExpectedAverageSpend(0, 0), 1e-12);
    }

    [Fact]
    public void Fit_recovers_simulated_parameters()
    {
        var truth = new GammaGammaModel(6, 4, 15);
        var random = new Random(7);
        var frequency = Enumerable.Range(0, 20_000).Select(_ => (double)random.Next(1, 12)).ToArray();
        var spend = truth.Simulate(frequency, seed: 11);
        var model = new GammaGamma().Fit(frequency, spend);
        Assert.Equal(6, model.P, 0.6);
        Assert.Equal(4, model.Q, 0.4);
        Assert.Equal(15, model.Gamma, 2.0);
        // The estimates sit within a few standard errors of the truth.
        Assert.InRange(Math.Abs(model.P - 6) / model.StandardErrors!["p"], 0, 4);
    }
}
