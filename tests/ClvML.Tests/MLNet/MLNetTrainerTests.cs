using ClvML.Features;
using ClvML.MLNet;
using ClvML.Tests.Models;

namespace ClvML.Tests.MLNet;

/// <summary>What the ML.NET trainers do beyond the conformance suite: their own options and edge cases.</summary>
public sealed class MLNetTrainerTests
{
    private static readonly (FeatureMatrix X, double[] Y) Data = ConformanceData.Regression(300, seed: 8);

    [Fact]
    public void Tweedie_fits_negative_targets_as_zero_when_the_forecast_cannot_be_negative_and_refuses_them_otherwise()
    {
        var withReturns = (double[])Data.Y.Clone();
        withReturns[12] = -40;
        var floored = (double[])Data.Y.Clone();
        floored[12] = 0;
        var options = new FastTreeRegressorOptions { NumberOfTrees = 10, NonNegative = true, Seed = 1 };
        var fromReturns = new FastTreeTweedieRegressor(options).Fit(Data.X, withReturns).Predict(Data.X);
        Assert.Equal(new FastTreeTweedieRegressor(options).Fit(Data.X, floored).Predict(Data.X), fromReturns);
        var e = Assert.Throws<ArgumentException>(() => new FastTreeTweedieRegressor(options with { NonNegative = false }).Fit(Data.X, withReturns));
        Assert.Equal("Target of row 12 is -40; the Tweedie loss of mlnet_fasttree_tweedie needs targets >= 0.", e.Message);
    }

    [Fact]
    public void Sdca_is_randomised_by_its_seed_and_fixed_by_it()
    {
        // SDCA visits the rows in a seeded order: the same seed gives the same model, another seed another one.
        double[] Fit(int seed) => new SdcaRegressor(new SdcaRegressorOptions { Seed = seed, NonNegative = true }).Fit(Data.X, Data.Y).Predict(Data.X);
        Assert.Equal(Fit(1), Fit(1));
        Assert.NotEqual(Fit(1), Fit(2));
    }

    [Fact]
    public void The_clamp_holds_predictions_to_the_float_nearest_the_training_targets_range()
    {
        var model = new FastTreeRegressor(new FastTreeRegressorOptions { NumberOfTrees = 20, NonNegative = true }).Fit(Data.X, Data.Y);
        var far = new FeatureMatrix(Data.X.Names, [.. Data.X.Columns.Select(c => c.Select(v => v * 100 + 500).ToArray())]);
        var predictions = model.Predict(Data.X).Concat(model.Predict(far)).ToArray();
        Assert.All(predictions, p => Assert.InRange(p, 0, (double)(float)Data.Y.Max()));
        // Every prediction is a float widened: ML.NET computes in single precision.
        Assert.All(predictions, p => Assert.Equal(p, (double)(float)p));
    }

    [Fact]
    public void Options_out_of_range_are_refused_naming_the_option()
    {
        Assert.Contains("NumberOfTrees", Assert.Throws<ArgumentException>(() => new FastTreeRegressor(new FastTreeRegressorOptions { NumberOfTrees = 0 })).Message);
        Assert.Contains("FeatureFraction", Assert.Throws<ArgumentException>(() => new LightGbmRegressor(new LightGbmRegressorOptions { FeatureFraction = 0 })).Message);
        Assert.Contains("L2Regularization", Assert.Throws<ArgumentException>(() => new SdcaRegressor(new SdcaRegressorOptions { L2Regularization = 0 })).Message);
    }

    [Fact]
    public void The_option_spaces_start_where_ml_net_automl_starts_and_decode_to_its_ranges()
    {
        var fastTree = new FastTreeSpace().Trainer(new FastTreeSpace().LowCostStart, 0) as FastTreeRegressor;
        Assert.Equal((4, 20, 4, 256, 1.0), (fastTree!.Options.NumberOfLeaves, fastTree.Options.MinimumExampleCountPerLeaf, fastTree.Options.NumberOfTrees,
            fastTree.Options.MaximumBinCountPerFeature, fastTree.Options.FeatureFraction));
        Assert.Equal(0.1, fastTree.Options.LearningRate, 12);
        var lightGbm = new LightGbmSpace().Trainer(new LightGbmSpace().LowCostStart, 0) as LightGbmRegressor;
        Assert.Equal((4, 20, 4, 256), (lightGbm!.Options.NumberOfLeaves, lightGbm.Options.MinimumExampleCountPerLeaf, lightGbm.Options.NumberOfTrees,
            lightGbm.Options.MaximumBinCountPerFeature));
        Assert.Equal(1, lightGbm.Options.LearningRate, 12);
        var top = new LightGbmSpace().Trainer([1, 1, 1, 1, 1, 1, 1, 1, 1], 0) as LightGbmRegressor;
        Assert.Equal((32768, 1024, 32768, 1024), (top!.Options.NumberOfLeaves, top.Options.MinimumExampleCountPerLeaf, top.Options.NumberOfTrees, top.Options.MaximumBinCountPerFeature));
        var sdca = new SdcaSpace().Trainer([0, 1], 0) as SdcaRegressor;
        Assert.Equal(0.03125, sdca!.Options.L1Regularization, 12);
        Assert.Equal(32768, sdca.Options.L2Regularization, 6);
    }
}
