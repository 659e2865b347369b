using ClvML.Configuration;
using ClvML.Features;
using ClvML.Probabilistic;

namespace ClvML.Tests.Probabilistic;

/// <summary>Penalizer, failure reporting and CLV arithmetic.</summary>
public sealed class FitBehaviourTests
{
    private static SimulatedCustomers Data() =>
        new BgNbdModel(0.5, 6, 0.8, 2.5).Simulate([.. Enumerable.Range(0, 4000).Select(i => 20.0 + i % 20)], seed: 12);

    [Fact]
    public void Penalizer_shrinks_log_parameters_towards_zero()
    {
        var data = Data();
        var plain = new BgNbd().Fit(data.Frequency, data.Recency, data.T);
        var penalized = new BgNbd(new BgNbdOptions { Penalizer = 0.1 }).Fit(data.Frequency, data.Recency, data.T);
        static double Norm(BgNbdModel m) => m.Parameters.Sum(p => Math.Log(p.Value) * Math.Log(p.Value));
        Assert.True(Norm(penalized) < Norm(plain));
        Assert.True(penalized.Diagnostics!.LogLikelihood < plain.Diagnostics!.LogLikelihood);
        Assert.Equal(0.1, penalized.Diagnostics.Penalizer);
    }

    [Fact]
    public void A_fit_that_cannot_converge_throws_a_clear_message_instead_of_returning_nan()
    {
        var data = Data();
        var options = new BgNbdOptions { MaximumIterations = 1, Starts = 1 };
        var e = Assert.Throws<ConvergenceException>(() => new BgNbd(options).Fit(data.Frequency, data.Recency, data.T));
        Assert.Contains("bgnbd: the likelihood fit did not converge", e.Message);
        Assert.Contains("penalizer", e.Message);
    }

    [Fact]
    public void Clv_discounts_monthly_increments_and_nets_out_costs()
    {
        var model = new BgNbdModel(0.243, 4.414, 0.793, 2.426);
        var flat = new ClvSettings { HorizonMonths = 12, DiscountRate = 0, Margin = 0.5, AcquisitionCost = 3, ServiceCostPerOrder = 2 };
        var value = CustomerLifetimeValue.Compute(model, 2, 30.43, 38.86, 40, flat, TimeUnit.Week);
        var purchases = model.ConditionalExpectedPurchases(12 * 4.345, 2, 30.43, 38.86);
        Assert.Equal(purchases, value.ExpectedOrders, 1e-12);
        Assert.Equal(0.5 * 40 * purchases, value.Clv, 1e-9);
        Assert.Equal(value.Clv - 3 - 2 * purchases, value.NetClv, 1e-9);
        // Discounting lowers the value; monthly increments at 1% per month.
        var discounted = CustomerLifetimeValue.Compute(model, 2, 30.43, 38.86, 40, flat with { DiscountRate = 0.01 }, TimeUnit.Week);
        var expected = 0.0;
        for (var m = 1; m <= 12; m++)
            expected += 0.5 * 40 * (model.ConditionalExpectedPurchases(m * 4.345, 2, 30.43, 38.86) - model.ConditionalExpectedPurchases((m - 1) * 4.345, 2, 30.43, 38.86)) / Math.Pow(1.01, m);
        Assert.Equal(expected, discounted.Clv, 1e-9);
        Assert.True(discounted.Clv < value.Clv);
    }
}
