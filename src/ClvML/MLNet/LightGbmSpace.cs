using ClvML.Models;

namespace ClvML.MLNet;

/// <summary>
/// LightGBM's option space, as ML.NET's AutoML sweeps it (dotnet/machinelearning,
/// src/Microsoft.ML.AutoML/CodeGen/lgbm_search_space.json): leaves 4-32768 (linear), rows per leaf 20-1024 (log),
/// learning rate 2e-10-1 (log), trees 4-32768 (linear), subsample fraction 2e-10-1 (log), bins per feature 8-1024
/// (log), feature fraction 2e-10-1 (linear), L1 and L2 penalties 2e-10-1 (log). Its search starts where AutoML's does
/// (4 leaves, 20 rows per leaf, rate 1, 4 trees, no sampling, 256 bins, L1 2e-10, L2 1).
/// </summary>
public sealed class LightGbmSpace : TrainerSpace
{
    /// <inheritdoc />
    public override string Name => LightGbmRegressor.KindName;

    /// <inheritdoc />
    public override IReadOnlyList<SearchDimension> Dimensions { get; } =
    [
        new("number_of_leaves", 4, 32768, Integer: true),
        new("minimum_example_count_per_leaf", 20, 1024, LogScale: true, Integer: true),
        new("learning_rate", 2e-10, 1, LogScale: true),
        new("number_of_trees", 4, 32768, Integer: true),
        new("subsample_fraction", 2e-10, 1, LogScale: true),
        new("maximum_bin_count_per_feature", 8, 1024, LogScale: true, Integer: true),
        new("feature_fraction", 2e-10, 1),
        new("l1_regularization", 2e-10, 1, LogScale: true),
        new("l2_regularization", 2e-10, 1, LogScale: true),
    ];

    /// <inheritdoc />
    public override double[] LowCostStart => Point(new LightGbmRegressorOptions
    {
        NumberOfLeaves = 4, MinimumExampleCountPerLeaf = 20, LearningRate = 1, NumberOfTrees = 4, SubsampleFraction = 1,
        MaximumBinCountPerFeature = 256, FeatureFraction = 1, L1Regularization = 2e-10, L2Regularization = 1,
    });

    /// <inheritdoc />
    public override double[] DefaultPoint => Point(new LightGbmRegressorOptions());

    /// <inheritdoc />
    public override IRegressor Trainer(double[] point, int seed)
    {
        var d = Dimensions;
        return new LightGbmRegressor(new LightGbmRegressorOptions
        {
            NumberOfLeaves = (int)d[0].Decode(point[0]),
            MinimumExampleCountPerLeaf = (int)d[1].Decode(point[1]),
            LearningRate = d[2].Decode(point[2]),
            NumberOfTrees = (int)d[3].Decode(point[3]),
            SubsampleFraction = d[4].Decode(point[4]),
            MaximumBinCountPerFeature = (int)d[5].Decode(point[5]),
            FeatureFraction = d[6].Decode(point[6]),
            L1Regularization = d[7].Decode(point[7]),
            L2Regularization = d[8].Decode(point[8]),
            Seed = seed,
            NonNegative = NonNegative,
        });
    }

    private double[] Point(LightGbmRegressorOptions o)
    {
        var d = Dimensions;
        return [d[0].Encode(o.NumberOfLeaves), d[1].Encode(o.MinimumExampleCountPerLeaf), d[2].Encode(o.LearningRate), d[3].Encode(o.NumberOfTrees),
            d[4].Encode(o.SubsampleFraction), d[5].Encode(o.MaximumBinCountPerFeature), d[6].Encode(o.FeatureFraction),
            d[7].Encode(o.L1Regularization), d[8].Encode(o.L2Regularization)];
    }
}
