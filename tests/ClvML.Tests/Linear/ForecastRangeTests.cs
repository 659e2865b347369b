using ClvML.Features;
using ClvML.Linear;
using ClvML.Trees;

namespace ClvML.Tests.Linear;

/// <summary>
/// Spend forecasts stay plausible by construction: never negative for a non-negative target, never
/// beyond the training targets, and a linear model does not extrapolate past the inputs it was fitted on.
/// </summary>
public sealed class ForecastRangeTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "clvml-range-" + Guid.NewGuid().ToString("N"));

    public ForecastRangeTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Zero-inflated spend: 0 below x = 5, rising after it, as most customers spend nothing in a holdout.</summary>
    private static (FeatureMatrix X, double[] Y) ZeroInflated(int n, int seed)
    {
        var random = new Random(seed);
        var x = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 10).ToArray();
        var y = x.Select(v => v < 5 ? 0 : 20 * (v - 5) * random.NextDouble()).ToArray();
        return (new FeatureMatrix(["x"], [x]), y);
    }

    [Fact]
    public void Ridge_on_zero_inflated_spend_never_forecasts_below_zero_although_its_line_does()
    {
        var (x, y) = ZeroInflated(2_000, 1);
        var model = new Ridge(new RidgeOptions { Alpha = 1, NonNegative = true }).Fit(x, y);
        // The least-squares line itself is negative near x = 0: the floor is what keeps the forecast at 0.
        var line = model.Intercept + model.Coefficients[0] * (0 - model.Means[0]) / model.Scales[0];
        Assert.True(line < -5, $"the fitted line at x = 0 is {line}; the test needs a line that goes negative");
        var grid = new FeatureMatrix(["x"], [[.. Enumerable.Range(-50, 200).Select(i => i * 0.1)]]);
        var predicted = model.Predict(grid);
        Assert.All(predicted, p => Assert.True(p >= 0, $"forecast {p}"));
        Assert.Equal(0, predicted[50]);
    }

    [Fact]
    public void Ridge_holds_inputs_to_their_training_range_instead_of_extrapolating()
    {
        var (x, y) = ZeroInflated(2_000, 2);
        var model = new Ridge(new RidgeOptions { Alpha = 1, NonNegative = true }).Fit(x, y);
        var max = x.Columns[0].Max();
        var predicted = model.Predict(new FeatureMatrix(["x"], [[max, max + 10, max * 100, 1e12]]));
        // Beyond the largest x seen in training the forecast is the one at that x, never more.
        Assert.All(predicted, p => Assert.Equal(predicted[0], p));
        Assert.True(predicted[0] <= y.Max());
    }

    [Fact]
    public void A_feature_constant_up_to_rounding_does_not_move_the_forecast_when_it_changes_in_scoring()
    {
        // P(alive) of a degenerate BTYD fit: 1 - 1e-11 give or take for everyone in training; standardized
        // by that spread, a scored value of 0.9 would be 10^10 standard deviations away.
        var random = new Random(3);
        var (x, y) = ZeroInflated(2_000, 3);
        var nearlyOne = Enumerable.Range(0, x.RowCount).Select(_ => 1 - 1e-11 * random.NextDouble()).ToArray();
        var features = new FeatureMatrix(["x", "p_alive"], [x.Columns[0], nearlyOne]);
        var model = new Ridge(new RidgeOptions { Alpha = 1, NonNegative = true }).Fit(features, y);
        Assert.Equal(0, model.Scales[1]);
        var scored = model.Predict(new FeatureMatrix(["x", "p_alive"], [[7.0, 7.0], [1.0, 0.9]]));
        Assert.Equal(scored[0], scored[1]);
    }

    [Fact]
    public void Boosted_trees_with_squared_error_on_zero_inflated_spend_never_forecast_below_zero()
    {
        // Spend only where both inputs are high. Stumps add up to an additive fit, which for that
        // interaction is negative where both are low: squared error does overshoot below 0.
        var random = new Random(4);
        var a = Enumerable.Range(0, 4_000).Select(_ => random.NextDouble()).ToArray();
        var b = Enumerable.Range(0, 4_000).Select(_ => random.NextDouble()).ToArray();
        var y = a.Select((v, i) => v > 0.5 && b[i] > 0.5 ? 100 * random.NextDouble() : 0).ToArray();
        var x = new FeatureMatrix(["a", "b"], [a, b]);
        var options = new GradientBoostedTreesOptions { NumberOfTrees = 100, LearningRate = 0.3, MaximumLeaves = 2, NonNegative = true, Seed = 4 };
        var bounded = new GradientBoostedTrees(options).Fit(x, y);
        // The same trees without the range: what the model predicted before predictions were held to it.
        var raw = new GradientBoostedTreesModel(bounded.FeatureNames, bounded.Objective, bounded.TweediePower, bounded.LogTarget,
            bounded.InitialScore, bounded.Trees, bounded.Bins, [], TargetRange.Unbounded);
        var grid = new FeatureMatrix(["a", "b"], [[.. Enumerable.Range(0, 400).Select(i => i % 20 / 20.0)], [.. Enumerable.Range(0, 400).Select(i => i / 20 / 20.0)]]);
        var rawPredicted = raw.Predict(grid);
        Assert.Contains(rawPredicted, p => p < -5);
        var predicted = bounded.Predict(grid);
        for (var i = 0; i < predicted.Length; i++) Assert.Equal(Math.Max(0, rawPredicted[i]), predicted[i]);
    }

    [Fact]
    public void Saved_models_keep_their_ranges_and_predict_the_same_after_loading()
    {
        var (x, y) = ZeroInflated(1_000, 5);
        var grid = new FeatureMatrix(["x"], [[-100, 0, 3, 6, 9, 1e6]]);
        var ridge = new Ridge(new RidgeOptions { NonNegative = true }).Fit(x, y);
        var ridgePath = Path.Combine(_folder, "ridge.json");
        ridge.Save(ridgePath);
        var ridgeLoaded = RidgeModel.Load(ridgePath);
        Assert.Equal(ridge.Range, ridgeLoaded.Range);
        Assert.Equal(ridge.Predict(grid), ridgeLoaded.Predict(grid));

        var trees = new GradientBoostedTrees(new GradientBoostedTreesOptions { NumberOfTrees = 20, NonNegative = true }).Fit(x, y);
        var treesPath = Path.Combine(_folder, "gbdt.json");
        trees.Save(treesPath);
        var treesLoaded = GradientBoostedTreesModelJson.Load(treesPath);
        Assert.Equal(new TargetRange(0, y.Max()), treesLoaded.Range);
        Assert.Equal(trees.Predict(grid), treesLoaded.Predict(grid));
    }

    [Fact]
    public void A_version_1_ridge_file_still_loads_and_predicts_unbounded_as_it_did()
    {
        var path = Path.Combine(_folder, "v1.json");
        File.WriteAllText(path, """
            {"format":"clvml.ridge","format_version":1,"log_target":false,"intercept":1,"features":["x"],"means":[0],"scales":[1],"coefficients":[2]}
            """);
        var model = RidgeModel.Load(path);
        Assert.Equal(TargetRange.Unbounded, model.Range);
        Assert.Equal([-199.0, 201.0], model.Predict(new FeatureMatrix(["x"], [[-100, 100]])));
    }
}
