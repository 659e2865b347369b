using ClvML.Features;
using ClvML.Linear;
using ClvML.Numerics;

namespace ClvML.Tests.Linear;

public sealed class ZilnRegressionTests
{
    [Fact]
    public void The_loss_gradient_matches_central_differences()
    {
        var random = new Random(5);
        const int n = 300;
        double[][] z = [[.. Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1)], [.. Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1)]];
        var y = Enumerable.Range(0, n).Select(i => random.NextDouble() < 0.4 ? 0 : Math.Exp(1 + random.NextDouble())).ToArray();
        var w = Enumerable.Range(0, n).Select(_ => 0.5 + random.NextDouble()).ToArray();
        var loss = new ZilnLoss(z, y, w, penalty: 0.01);
        double[] theta = [0.2, -0.3, 0.5, 1.1, 0.4, -0.2, -0.1, 0.3, 0.25];
        var analytic = new double[theta.Length];
        loss.Evaluate(theta, analytic);
        var numeric = new double[theta.Length];
        NumericalDerivatives.Gradient(loss.Evaluate, theta, numeric, h: 1e-6);
        for (var j = 0; j < theta.Length; j++)
            Assert.True(Math.Abs(analytic[j] - numeric[j]) <= 1e-6 * Math.Max(1, Math.Abs(numeric[j])), $"parameter {j}: analytic {analytic[j]}, numeric {numeric[j]}");
    }

    [Fact]
    public void Without_inputs_the_fit_is_the_closed_form_maximum_likelihood()
    {
        // With a constant input the three heads are intercepts, and the ZILN likelihood factorises: p is the share
        // with spend, mu and sigma the mean and maximum-likelihood spread of ln y over them, and the forecast the
        // lognormal mean times p, E[y] = p exp(mu + sigma^2 / 2) (Wang, Liu & Miao 2019, eq. 6).
        var random = new Random(11);
        var y = Enumerable.Range(0, 2000).Select(_ => random.NextDouble() < 0.55 ? 0 : Math.Exp(2 + 0.7 * Normal(random))).ToArray();
        var x = new FeatureMatrix(["constant"], [Enumerable.Repeat(3.0, y.Length).ToArray()]);
        var model = new ZilnRegression(new ZilnRegressionOptions { Penalty = 0 }).Fit(x, y);
        var logs = y.Where(v => v > 0).Select(v => Math.Log(v)).ToArray();
        var share = logs.Length / (double)y.Length;
        var mu = logs.Average();
        var sigma = Math.Sqrt(logs.Select(l => (l - mu) * (l - mu)).Average());
        var (logit, fittedMu, raw) = model.Heads([3.0]);
        Assert.Equal(share, ZilnLoss.Logistic(logit), 1e-6);
        Assert.Equal(mu, fittedMu, 1e-6);
        Assert.Equal(sigma, ZilnLoss.Softplus(raw) + ZilnLoss.SigmaFloor, 1e-6);
        Assert.Equal(share * Math.Exp(mu + sigma * sigma / 2), model.PredictRow([3.0]), 1e-5 * model.PredictRow([3.0]));
    }

    [Fact]
    public void The_heads_recover_known_effects_on_simulated_spend()
    {
        // P(spend) = logistic(0.3 + 0.8 x); ln spend ~ N(1 + 0.5 x, 0.6^2); x ~ N(0, 1), so the standardized x is
        // close to x itself and the fitted coefficients to the true ones.
        var random = new Random(2);
        const int n = 40_000;
        var xs = Enumerable.Range(0, n).Select(_ => Normal(random)).ToArray();
        var y = xs.Select(v => random.NextDouble() < ZilnLoss.Logistic(0.3 + 0.8 * v) ? Math.Exp(1 + 0.5 * v + 0.6 * Normal(random)) : 0).ToArray();
        var model = new ZilnRegression(new ZilnRegressionOptions { Penalty = 0 }).Fit(new FeatureMatrix(["x"], [xs]), y);
        var c = model.Coefficients;
        var scale = Math.Sqrt(xs.Select(v => (v - xs.Average()) * (v - xs.Average())).Average());
        Assert.Equal(0.8, c[1] / scale, 0.05);
        Assert.Equal(0.5, c[3] / scale, 0.02);
        Assert.Equal(0.6, ZilnLoss.Softplus(c[4]) + ZilnLoss.SigmaFloor, 0.02);
        Assert.True(model.Converged);
    }

    [Fact]
    public void A_negative_target_is_refused_unless_the_forecast_is_non_negative()
    {
        var x = new FeatureMatrix(["a"], [[1.0, 2, 3, 4]]);
        double[] y = [0, 5, -2, 7];
        var e = Assert.Throws<ArgumentException>(() => new ZilnRegression().Fit(x, y));
        Assert.Equal("Target of row 2 is -2; a zero-inflated lognormal needs targets >= 0.", e.Message);
        var model = new ZilnRegression(new ZilnRegressionOptions { NonNegative = true }).Fit(x, y);
        Assert.All(model.Predict(x), p => Assert.InRange(p, 0, 7));
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
