using ClvML.Numerics;
using ClvML.Probabilistic;

namespace ClvML.Tests.Probabilistic;

/// <summary>The analytic gradients of the likelihood kernels agree with central differences, in both Pareto/NBD branches.</summary>
public sealed class LikelihoodGradientTests
{
    private static PurchaseSummary Data()
    {
        double[] x = [0, 1, 2, 5, 30, 300, 0, 3];
        double[] tx = [0, 3.5, 10, 20, 35, 38, 0, 1];
        double[] t = [10, 20, 30, 38.86, 38.86, 39, 0.5, 40];
        return PurchaseSummary.Create(x, tx, t);
    }

    public static TheoryData<string, double[]> Cases => new()
    {
        { "bgnbd", [0.24, 4.4, 0.79, 2.4] },
        { "mbgnbd", [0.5, 5, 1.2, 3] },
        { "pareto_alpha_below_beta", [0.55, 10.6, 0.6, 11.7] },
        { "pareto_alpha_above_beta", [0.8, 20, 1.3, 6] },
        { "pareto_far_apart", [0.72, 65.7, 0.01, 5e5] }, // z near 1: A0 by quadrature (Online Retail's optimum)
        { "pareto_beta_far_below_alpha", [0.76, 65.2, 0.018, 2.19] }, // quadrature with beta < alpha (Online Retail, penalized)
    };

    [Theory]
    [InlineData(0.55, 10.6, 0.6, 11.7, 2, 30.43, 38.86)]
    [InlineData(0.8, 20, 1.3, 6, 0, 0, 38.86)]
    [InlineData(0.3, 1, 0.5, 15, 1, 0.5, 30)]
    [InlineData(4, 0.5, 0.5, 40, 300, 38, 39)]
    [InlineData(0.7, 2, 2, 60, 3, 10, 200)]
    public void Pareto_a0_by_quadrature_agrees_with_the_series(double r, double alpha, double s, double beta, double x, double tx, double T)
    {
        Span<double> series = stackalloc double[4];
        Span<double> quadrature = stackalloc double[4];
        var bySeries = ParetoNbdLikelihood.LogA0(r, alpha, s, beta, x, tx, T, series);
        var byQuadrature = ParetoNbdLikelihood.LogA0ByQuadrature(r, alpha, s, beta, x, tx, T, quadrature);
        Assert.Equal(bySeries, byQuadrature, 1e-10 * Math.Max(1, Math.Abs(bySeries)));
        for (var j = 0; j < 4; j++) Assert.Equal(series[j], quadrature[j], 1e-8 * Math.Max(1, Math.Abs(series[j])));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Analytic_gradient_matches_central_differences(string model, double[] parameters)
    {
        var data = Data();
        ObjectiveFunction f = model switch
        {
            "bgnbd" => new BgNbdLikelihood(data, modified: false).Evaluate,
            "mbgnbd" => new BgNbdLikelihood(data, modified: true).Evaluate,
            _ => new ParetoNbdLikelihood(data).Evaluate,
        };
        var theta = parameters.Select(p => Math.Log(p)).ToArray();
        var analytic = new double[4];
        var value = f(theta, analytic);
        var numeric = new double[4];
        NumericalDerivatives.Gradient((t, _) => f(t, default), theta, numeric, 1e-6);
        for (var i = 0; i < 4; i++) Assert.Equal(numeric[i], analytic[i], 1e-5 * Math.Max(1, Math.Abs(numeric[i])));
        Assert.True(double.IsFinite(value));
    }

    [Fact]
    public void Pareto_kernel_agrees_with_the_hypergeometric_form_used_for_predictions()
    {
        var data = Data();
        foreach (var p in new[] { new ParetoNbdModel(0.55, 10.6, 0.6, 11.7), new ParetoNbdModel(0.8, 20, 1.3, 6) })
        {
            var kernel = -new ParetoNbdLikelihood(data).Evaluate([Math.Log(p.R), Math.Log(p.Alpha), Math.Log(p.S), Math.Log(p.Beta)], default);
            var direct = Enumerable.Range(0, data.Rows).Sum(i => data.Weight[i] * p.LogLikelihood(data.X[i], data.Tx[i], data.T[i]));
            Assert.Equal(direct, kernel, 1e-9 * Math.Abs(direct));
        }
    }

    [Fact]
    public void Gamma_gamma_gradient_matches_central_differences()
    {
        // Through the public fit: a converged fit has a near-zero gradient only if gradient and value agree.
        var truth = new GammaGammaModel(6, 4, 15);
        double[] frequency = [.. Enumerable.Range(0, 3000).Select(i => 1.0 + i % 9)];
        var model = new GammaGamma().Fit(frequency, truth.Simulate(frequency, 3));
        Assert.Equal("GradientConverged", model.Diagnostics!.ExitReason);
        Assert.True(model.Diagnostics.GradientNorm < 1e-8);
    }
}
