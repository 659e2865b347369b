using ClvML.Features;
using ClvML.Linear;

namespace ClvML.Tests.Linear;

public sealed class HuberRegressionTests
{
    // Brownlee's (1965) stack loss data, 21 days of a plant oxidising ammonia: air flow, cooling water
    // temperature, acid concentration -> stack loss (R's datasets::stackloss, statsmodels' datasets.stackloss).
    private static readonly double[][] StackLoss =
    [
        [80, 27, 89, 42], [80, 27, 88, 37], [75, 25, 90, 37], [62, 24, 87, 28], [62, 22, 87, 18], [62, 23, 87, 18], [62, 24, 93, 19],
        [62, 24, 93, 20], [58, 23, 87, 15], [58, 18, 80, 14], [58, 18, 89, 14], [58, 17, 88, 13], [58, 18, 82, 11], [58, 19, 93, 12],
        [50, 18, 89, 8], [50, 18, 86, 7], [50, 19, 72, 8], [50, 19, 79, 8], [50, 20, 80, 9], [56, 20, 82, 15], [70, 20, 91, 15],
    ];

    [Fact]
    public void Stack_loss_coefficients_match_statsmodels_huber_t()
    {
        // statsmodels' "Robust Linear Models" example (robust_models_0): RLM(stackloss, HuberT(t=1.345)) with MAD
        // scale prints params [-41.02649835, 0.82938433, 0.92606597, -0.12784672]; 8 significant digits published.
        var x = new FeatureMatrix(["air_flow", "water_temp", "acid_conc"], [.. Enumerable.Range(0, 3).Select(f => StackLoss.Select(r => r[f]).ToArray())]);
        var y = StackLoss.Select(r => r[3]).ToArray();
        var model = new HuberRegression(new HuberRegressionOptions { Alpha = 0 }).Fit(x, y);
        var b = model.Coefficients();
        Assert.True(model.Converged);
        Assert.Equal(0.82938433, b[0], 5e-8);
        Assert.Equal(0.92606597, b[1], 5e-8);
        Assert.Equal(-0.12784672, b[2], 5e-8);
        Assert.Equal(-41.02649835, b[3], 5e-6);
    }

    [Fact]
    public void An_outlier_moves_the_huber_fit_less_than_least_squares()
    {
        var random = new Random(3);
        var xs = Enumerable.Range(0, 200).Select(_ => random.NextDouble() * 10).ToArray();
        var ys = xs.Select(v => 2 * v + 1 + random.NextDouble() - 0.5).ToArray();
        ys[7] = 1000; // one big spender
        var x = new FeatureMatrix(["x"], [xs]);
        var huber = new HuberRegression(new HuberRegressionOptions { Alpha = 0 }).Fit(x, ys).Coefficients()[0];
        var leastSquares = HuberRegression.OriginalScale(new Ridge(new RidgeOptions { Alpha = 0 }).Fit(x, ys))[0];
        Assert.InRange(huber, 1.95, 2.05);
        Assert.True(Math.Abs(leastSquares - 2) > 10 * Math.Abs(huber - 2), $"least squares slope {leastSquares}, Huber {huber}");
    }
}
