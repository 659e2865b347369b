using ClvML.Numerics;
using ClvML.Probabilistic;

namespace ClvML.Tests.Numerics;

/// <summary>Special functions against closed forms and the optimisers on Rosenbrock's function.</summary>
public sealed class NumericsTests
{
    [Theory]
    // Closed forms (Abramowitz & Stegun 15.1.3-15.1.5): 2F1(1,1;2;z) = -ln(1-z)/z, 2F1(1/2,1;3/2;z^2) = atanh(z)/z,
    // 2F1(a,b;b;z) = (1-z)^-a.
    [InlineData(1, 1, 2, 0.5)]
    [InlineData(1, 1, 2, 0.99)]
    [InlineData(1, 1, 2, -3)]
    [InlineData(0.5, 1, 1.5, 0.81)]
    [InlineData(2.5, 4, 4, 0.9)]
    [InlineData(300.5, 4, 4, 0.5)]
    public void Hypergeometric_matches_closed_forms(double a, double b, double c, double z)
    {
        double expected;
        if (b == c) expected = Math.Pow(1 - z, -a);
        else if (a == 0.5) expected = Math.Atanh(Math.Sqrt(z)) / Math.Sqrt(z);
        else expected = -Math.Log(1 - z) / z;
        var log = Hypergeometric.Log2F1(a, b, c, z, out var sign);
        Assert.Equal(1, sign);
        Assert.Equal(Math.Log(expected), log, 1e-12 * Math.Max(1, Math.Abs(log)));
    }

    [Fact]
    public void Shared_coefficient_series_matches_closed_forms_at_every_argument()
    {
        // A&S 15.1.3 and 15.1.8: 2F1(1,1;2;z) = -ln(1-z)/z and 2F1(a,b;b;z) = (1-z)^-a, at once for many z.
        double[] z = [0, 0.01, 0.2, 0.45, 0.7, 0.9, 0.99];
        var sum = new double[z.Length];
        Assert.True(Hypergeometric.TrySeries(1, 1, 2, z, sum));
        for (var m = 0; m < z.Length; m++)
            Assert.Equal(z[m] == 0 ? 1 : -Math.Log(1 - z[m]) / z[m], sum[m], 1e-13 * sum[m]);
        Assert.True(Hypergeometric.TrySeries(2.5, 4, 4, z, sum));
        for (var m = 0; m < z.Length; m++)
            Assert.Equal(Math.Pow(1 - z[m], -2.5), sum[m], 1e-12 * sum[m]);
        // Coefficients that overflow are refused, for the caller's rescaling scalar form.
        Assert.False(Hypergeometric.TrySeries(400, 400, 1, [0.9], new double[1]));
        Assert.False(Hypergeometric.TrySeries(1, 1, 2, [1.0], new double[1]));
    }

    [Fact]
    public void Log_space_helpers_are_accurate_where_naive_forms_fail()
    {
        Assert.Equal(1e-20, LogSpace.Log1p(1e-20));
        Assert.Equal(1e-20, LogSpace.Expm1(1e-20));
        Assert.Equal(1000 + Math.Log(2), LogSpace.LogSumExp(1000, 1000), 1e-12);
        Assert.Equal(Math.Log(1 - Math.Exp(-1e-10)), LogSpace.Log1mExp(-1e-10), 1e-6);
        Assert.Equal(Math.Log(0.5), LogSpace.LogDiffExp(0, Math.Log(0.5)), 1e-15);
        Assert.Equal(Math.Log(1.0 / 12), LogSpace.LogBeta(2, 3), 1e-14);
        // psi'(1) = pi^2/6, psi'(1/2) = pi^2/2.
        Assert.Equal(Math.PI * Math.PI / 6, LogSpace.Trigamma(1), 1e-13);
        Assert.Equal(Math.PI * Math.PI / 2, LogSpace.Trigamma(0.5), 1e-13);
    }

    private static double Rosenbrock(ReadOnlySpan<double> x, Span<double> g)
    {
        var (a, b) = (x[0], x[1]);
        if (!g.IsEmpty)
        {
            g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
            g[1] = 200 * (b - a * a);
        }
        return (1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a);
    }

    [Fact]
    public void Bfgs_and_nelder_mead_find_rosenbrocks_minimum()
    {
        var bfgs = Bfgs.Minimize(Rosenbrock, [-1.2, 1]);
        Assert.Equal(MinimizationExit.GradientConverged, bfgs.Exit);
        Assert.Equal(1, bfgs.Minimizer[0], 1e-6);
        Assert.Equal(1, bfgs.Minimizer[1], 1e-6);
        var simplex = NelderMead.Minimize(Rosenbrock, [-1.2, 1]);
        Assert.Equal(1, simplex.Minimizer[0], 1e-4);
        Assert.Equal(1, simplex.Minimizer[1], 1e-4);
        var hessian = NumericalDerivatives.Hessian(Rosenbrock, [1.0, 1.0]);
        Assert.Equal(802, hessian[0, 0], 1e-4);
        Assert.Equal(-400, hessian[0, 1], 1e-4);
        Assert.Equal(200, hessian[1, 1], 1e-4);
    }

    [Fact]
    public void Gamma_gamma_on_many_customers_polishes_with_newton_and_recovers_the_parameters()
    {
        var truth = new GammaGammaModel(6.25, 3.74, 15.44);
        var random = new Random(3);
        var frequency = Enumerable.Range(0, 80_000).Select(_ => (double)random.Next(1, 15)).ToArray();
        var model = new GammaGamma().Fit(frequency, truth.Simulate(frequency, seed: 4));
        Assert.Equal("newton", model.Diagnostics!.Optimizer);
        Assert.True(model.Diagnostics.GradientNorm <= 1e-8);
        foreach (var (name, value) in truth.Parameters)
        {
            var fitted = model.Parameters.Single(p => p.Key == name).Value;
            Assert.True(Math.Abs(fitted - value) <= 4 * model.StandardErrors![name], $"{name}: {fitted} vs {value} (se {model.StandardErrors[name]})");
        }
    }
}
