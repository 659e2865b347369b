using ClvML.Models;

namespace ClvML.MLNet;

/// <summary>
/// FastTree's option space, as ML.NET's AutoML sweeps it (dotnet/machinelearning,
/// src/Microsoft.ML.AutoML/CodeGen/fast_tree_search_space.json): leaves 4-32768 (log), rows per leaf 2-128 (log),
/// trees 4-32768 (log), bins per feature 8-1024 (log), feature fraction 2e-10-1 (linear), learning rate 2e-10-1 (log).
/// Its search starts where AutoML's does (4 leaves, 20 rows per leaf, 4 trees, 256 bins, all features, rate 0.1);
/// the trial timeout bounds the costly corners.
/// </summary>
public class FastTreeSpace : TrainerSpace
{
    /// <inheritdoc />
    public override string Name => FastTreeRegressor.KindName;

    /// <inheritdoc />
    public override IReadOnlyList<SearchDimension> Dimensions { get; } =
    [
        new("number_of_leaves", 4, 32768, LogScale: true, Integer: true),
        new("minimum_example_count_per_leaf", 2, 128, LogScale: true, Integer: true),
        new("number_of_trees", 4, 32768, LogScale: true, Integer: true),
        new("maximum_bin_count_per_feature", 8, 1024, LogScale: true, Integer: true),
        new("feature_fraction", 2e-10, 1),
        new("learning_rate", 2e-10, 1, LogScale: true),
    ];

    /// <inheritdoc />
    public override double[] LowCostStart => Point(new FastTreeRegressorOptions
    {
        NumberOfLeaves = 4, MinimumExampleCountPerLeaf = 20, NumberOfTrees = 4, MaximumBinCountPerFeature = 256, FeatureFraction = 1, LearningRate = 0.1,
    });

    /// <inheritdoc />
    public override double[] DefaultPoint => Point(new FastTreeRegressorOptions());

    /// <inheritdoc />
    public override IRegressor Trainer(double[] point, int seed) => new FastTreeRegressor(Options(point, seed));

    /// <summary>The options at unit point <paramref name="point"/>.</summary>
    protected FastTreeRegressorOptions Options(double[] point, int seed)
    {
        var d = Dimensions;
        return new FastTreeRegressorOptions
        {
            NumberOfLeaves = (int)d[0].Decode(point[0]),
            MinimumExampleCountPerLeaf = (int)d[1].Decode(point[1]),
            NumberOfTrees = (int)d[2].Decode(point[2]),
            MaximumBinCountPerFeature = (int)d[3].Decode(point[3]),
            FeatureFraction = d[4].Decode(point[4]),
            LearningRate = d[5].Decode(point[5]),
            Seed = seed,
            NonNegative = NonNegative,
        };
    }

    private double[] Point(FastTreeRegressorOptions o)
    {
        var d = Dimensions;
        return [d[0].Encode(o.NumberOfLeaves), d[1].Encode(o.MinimumExampleCountPerLeaf), d[2].Encode(o.NumberOfTrees),
            d[3].Encode(o.MaximumBinCountPerFeature), d[4].Encode(o.FeatureFraction), d[5].Encode(o.LearningRate)];
    }
}
