using ClvML.Probabilistic;

namespace ClvML.Tests.Probabilistic;

/// <summary>
/// Pareto/NBD against Fader, Hardie &amp; Lee (2005), Marketing Science 24(2), section 4: CDNOW estimates
/// r = 0.553, alpha = 10.578, s = 0.606, beta = 11.669, LL = -9595.0; and Fader &amp; Hardie's note
/// "A note on deriving the Pareto/NBD model and related expressions" (2005), whose worked example
/// gives E[Y(52) | x = 26, t_x = 30.86, T = 31] = 25.46 at those estimates.
/// </summary>
public sealed class ParetoNbdTests
{
    private static readonly ParetoNbdModel Published = new(0.553, 10.578, 0.606, 11.669);

    [Fact]
    public void Cdnow_fit_from_transactions_matches_the_published_estimates()
    {
        var table = CdnowData.FromTransactions();
        AssertPublished(new ParetoNbd().Fit(table.Frequency, table.Recency, table.T));
    }

    [Fact]
    public void Cdnow_fit_from_the_summary_file_agrees_with_the_transaction_fit()
    {
        var (x, tx, t) = CdnowData.FromSummaryFile();
        var model = new ParetoNbd().Fit(x, tx, t);
        var table = CdnowData.FromTransactions();
        var fromTransactions = new ParetoNbd().Fit(table.Frequency, table.Recency, table.T);
        // The summary file rounds recency and T to 2 decimals (38.86 for 272/7 = 38.857...). That moves
        // beta from 11.6686 to 11.6679, across the 3rd decimal's rounding boundary; the other estimates and
        // the log-likelihood keep the published digits. Agreement is therefore asserted to 1e-3 and the
        // published values to the same tolerance.
        Assert.Equal(fromTransactions.R, model.R, 0.001);
        Assert.Equal(fromTransactions.Alpha, model.Alpha, 0.001);
        Assert.Equal(fromTransactions.S, model.S, 0.001);
        Assert.Equal(fromTransactions.Beta, model.Beta, 0.001);
        Assert.Equal(0.553, model.R, 0.0005);
        Assert.Equal(10.578, model.Alpha, 0.0005);
        Assert.Equal(0.606, model.S, 0.0005);
        Assert.Equal(11.669, model.Beta, 0.0015);
        Assert.Equal(-9595.0, model.Diagnostics!.LogLikelihood, 0.05);
    }

    private static void AssertPublished(ParetoNbdModel model)
    {
        Assert.Equal(0.553, model.R, 0.0005);
        Assert.Equal(10.578, model.Alpha, 0.0005);
        Assert.Equal(0.606, model.S, 0.0005);
        Assert.Equal(11.669, model.Beta, 0.0005);
        Assert.Equal(-9595.0, model.Diagnostics!.LogLikelihood, 0.05);
        Assert.All(model.StandardErrors!.Values, e => Assert.True(e > 0 && double.IsFinite(e)));
    }

    [Fact]
    public void Conditional_expectation_matches_the_published_spot_value()
    {
        Assert.Equal(25.46, Published.ConditionalExpectedPurchases(52, 26, 30.86, 31), 0.005);
    }

    [Fact]
    public void Customers_with_hundreds_of_purchases_get_finite_predictions()
    {
        // Other libraries overflow here (the direct 2F1 series for x > 300); the Euler form does not.
        foreach (var x in new[] { 0.0, 1, 50, 300, 1000, 5000 })
        {
            var alive = Published.ProbabilityAlive(x, x == 0 ? 0 : 30, 38.86);
            var expected = Published.ConditionalExpectedPurchases(39, x, x == 0 ? 0 : 30, 38.86);
            Assert.InRange(alive, 0, 1);
            Assert.True(double.IsFinite(expected) && expected >= 0, $"x={x}: {expected}");
            Assert.True(double.IsFinite(Published.LogLikelihood(x, x == 0 ? 0 : 30, 38.86)));
        }
    }
}
