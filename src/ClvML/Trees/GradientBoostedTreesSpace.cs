using ClvML.Models;

namespace ClvML.Trees;

/// <summary>Boosted trees: size, shrinkage, regularisation, sampling and the loss (spend is zero-inflated and skewed).</summary>
public sealed class GradientBoostedTreesSpace : TrainerSpace
{
    private static readonly string[] Losses = ["squared_error", "log_squared_error", "tweedie", "poisson"];

    /// <inheritdoc />
    public override string Name => "gbdt";

    /// <inheritdoc />
    public override IReadOnlyList<SearchDimension> Dimensions { get; } =
    [
        new("number_of_trees", 10, 500, LogScale: true, Integer: true),
        new("learning_rate", 0.01, 0.3, LogScale: true),
        new("maximum_leaves", 4, 128, LogScale: true, Integer: true),
        new("minimum_samples_per_leaf", 5, 200, LogScale: true, Integer: true),
        new("l2_regularization", 0.01, 100, LogScale: true),
        new("row_subsample", 0.5, 1.0),
        new("feature_subsample", 0.5, 1.0),
        SearchDimension.Choice("loss", Losses),
    ];

    // 10 trees of 4 leaves, learning rate ~0.1, no sampling, squared error.
    /// <inheritdoc />
    public override double[] LowCostStart => [0, 0.7, 0, 0.5, 0.5, 1, 1, 0.1];

    // GradientBoostedTreesOptions' defaults: 100 trees, rate 0.1, 31 leaves, 20 rows per leaf, lambda 1, no sampling, squared error.
    /// <inheritdoc />
    public override double[] DefaultPoint =>
        [Dimensions[0].Encode(100), Dimensions[1].Encode(0.1), Dimensions[2].Encode(31), Dimensions[3].Encode(20), Dimensions[4].Encode(1), 1, 1, Dimensions[7].Encode(0)];

    /// <inheritdoc />
    public override IRegressor Trainer(double[] point, int seed)
    {
        var d = Dimensions;
        var loss = Losses[(int)d[7].Decode(point[7])];
        var options = new GradientBoostedTreesOptions
        {
            NumberOfTrees = (int)d[0].Decode(point[0]),
            LearningRate = d[1].Decode(point[1]),
            MaximumLeaves = (int)d[2].Decode(point[2]),
            MinimumSamplesPerLeaf = (int)d[3].Decode(point[3]),
            L2Regularization = d[4].Decode(point[4]),
            RowSubsample = d[5].Decode(point[5]),
            FeatureSubsample = d[6].Decode(point[6]),
            Objective = loss switch { "tweedie" => BoostingObjective.Tweedie, "poisson" => BoostingObjective.Poisson, _ => BoostingObjective.SquaredError },
            LogTarget = loss == "log_squared_error",
            NonNegative = NonNegative,
            Seed = seed,
        };
        return new GradientBoostedTrees(options);
    }
}
