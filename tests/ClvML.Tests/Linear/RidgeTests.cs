using ClvML.Features;
using ClvML.Linear;
using MathNet.Numerics.LinearAlgebra;

namespace ClvML.Tests.Linear;

public sealed class RidgeTests
{
    private static (FeatureMatrix X, double[] Y) Data(int n, int seed)
    {
        var random = new Random(seed);
        var a = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 10).ToArray();
        var b = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var c = Enumerable.Range(0, n).Select(i => a[i] * 0.3 + random.NextDouble()).ToArray(); // correlated with a
        var y = Enumerable.Range(0, n).Select(i => 2 + 0.5 * a[i] - 3 * b[i] + 0.1 * c[i] + 0.2 * (random.NextDouble() - 0.5)).ToArray();
        return (new FeatureMatrix(["a", "b", "c"], [a, b, c]), y);
    }

    [Fact]
    public void Coefficients_solve_the_penalised_normal_equations_to_1e_9()
    {
        var (x, y) = Data(500, 1);
        const double alpha = 3.0;
        var model = new Ridge(new RidgeOptions { Alpha = alpha }).Fit(x, y);

        // Independent check: build the standardized design Z and solve (Z'Z + alpha I) beta = Z'(y - ybar) by QR on the augmented system.
        var n = x.RowCount;
        var z = Matrix<double>.Build.Dense(n, 3, (i, f) =>
        {
            var column = x.Columns[f];
            var mean = column.Average();
            var sd = Math.Sqrt(column.Select(v => (v - mean) * (v - mean)).Average());
            return (column[i] - mean) / sd;
        });
        var yMean = y.Average();
        var augmented = z.Stack(Matrix<double>.Build.DenseIdentity(3) * Math.Sqrt(alpha));
        var target = Vector<double>.Build.DenseOfEnumerable(y.Select(v => v - yMean).Concat([0.0, 0.0, 0.0]));
        var beta = augmented.QR().Solve(target);
        for (var f = 0; f < 3; f++) Assert.Equal(beta[f], model.Coefficients[f], 1e-9);
        Assert.Equal(yMean, model.Intercept, 1e-12);

        // Fitted values are the linear predictor, held to the training targets' range.
        var predicted = model.Predict(x);
        var expected = z * beta + yMean;
        for (var i = 0; i < n; i++) Assert.Equal(Math.Clamp(expected[i], y.Min(), y.Max()), predicted[i], 1e-9);
    }

    [Fact]
    public void Without_penalty_it_is_least_squares_and_recovers_the_true_coefficients()
    {
        var (x, y) = Data(20_000, 2);
        var model = new Ridge(new RidgeOptions { Alpha = 0 }).Fit(x, y);
        // Back on the original scale: coefficient / scale.
        Assert.Equal(0.5, model.Coefficients[0] / model.Scales[0], 2);
        Assert.Equal(-3.0, model.Coefficients[1] / model.Scales[1], 2);
        Assert.Equal(0.1, model.Coefficients[2] / model.Scales[2], 2);
    }

    [Fact]
    public void A_constant_feature_gets_no_weight_and_save_load_predicts_identically()
    {
        var (x, y) = Data(300, 3);
        var withConstant = new FeatureMatrix([.. x.Names, "k"], [.. x.Columns, Enumerable.Repeat(7.0, 300).ToArray()]);
        var model = new Ridge(new RidgeOptions { LogTarget = true }).Fit(withConstant, y.Select(Math.Abs).ToArray());
        Assert.Equal(0, model.Coefficients[3]);
        var path = Path.Combine(Path.GetTempPath(), $"ridge-{Guid.NewGuid():N}.json");
        try
        {
            model.Save(path);
            Assert.Equal(model.Predict(withConstant), RidgeModel.Load(path).Predict(withConstant));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Unit_weights_equal_no_weights_and_NaN_features_are_named()
    {
        var (x, y) = Data(200, 4);
        var plain = new Ridge().Fit(x, y);
        var weighted = new Ridge().Fit(x, y, Enumerable.Repeat(1.0, 200).ToArray());
        Assert.Equal(plain.Coefficients, weighted.Coefficients);
        x.Columns[1][42] = double.NaN;
        var e = Assert.Throws<ArgumentException>(() => new Ridge().Fit(x, y));
        Assert.Contains("'b' of row 42", e.Message);
    }
}
