using ClvML.Features;
using ClvML.Linear;
using ClvML.Trees;

namespace ClvML.AutoML;

/// <summary>A trainer the search can tune: its dimensions, a cheap starting point, and how a point becomes a fitted model.</summary>
public abstract class TrainerSpace
{
    /// <summary>Trainer name as in <c>regression.trainers</c>.</summary>
    public abstract string Name { get; }
    /// <summary>The tuned hyper-parameters.</summary>
    public abstract IReadOnlyList<SearchDimension> Dimensions { get; }
    /// <summary>
    /// Where the search starts: a point that is cheap to evaluate (few, small trees), as FLAML's CFO
    /// does, so that cost grows only where quality pays for it.
    /// </summary>
    public abstract double[] LowCostStart { get; }

    /// <summary>The trainer's default options as a point (used when the search is off).</summary>
    public abstract double[] DefaultPoint { get; }

    /// <summary>Whether the target cannot be negative (spend, purchases): the fitted models floor their predictions at 0.</summary>
    public bool NonNegative { get; init; }

    /// <summary>Fits the model at unit point <paramref name="point"/>.</summary>
    public abstract IRegressionModel Fit(FeatureMatrix features, double[] target, double[] point, int seed, CancellationToken cancellation);

    /// <summary>The hyper-parameters at <paramref name="point"/>, by name, as text.</summary>
    public IReadOnlyDictionary<string, string> Describe(double[] point) =>
        Dimensions.Select((d, i) => (d.Name, Value: d.Describe(point[i]))).ToDictionary(p => p.Name, p => p.Value);

    /// <summary>The spaces of the trainers ClvML has, by name.</summary>
    /// <param name="name">The trainer's name.</param>
    /// <param name="nonNegative">Whether the target cannot be negative (see <see cref="NonNegative"/>).</param>
    public static TrainerSpace ForName(string name, bool nonNegative = false) => name switch
    {
        "gbdt" => new GbdtSpace { NonNegative = nonNegative },
        "ridge" => new RidgeSpace { NonNegative = nonNegative },
        _ => throw new ArgumentException($"Unknown trainer '{name}'; expected gbdt or ridge."),
    };
}

/// <summary>Boosted trees: size, shrinkage, regularisation, sampling and the loss (spend is zero-inflated and skewed).</summary>
internal sealed class GbdtSpace : TrainerSpace
{
    private static readonly string[] Losses = ["squared_error", "log_squared_error", "tweedie", "poisson"];

    public override string Name => "gbdt";

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
    public override double[] LowCostStart => [0, 0.7, 0, 0.5, 0.5, 1, 1, 0.1];

    // GradientBoostedTreesOptions' defaults: 100 trees, rate 0.1, 31 leaves, 20 rows per leaf, lambda 1, no sampling, squared error.
    public override double[] DefaultPoint =>
        [Dimensions[0].Encode(100), Dimensions[1].Encode(0.1), Dimensions[2].Encode(31), Dimensions[3].Encode(20), Dimensions[4].Encode(1), 1, 1, Dimensions[7].Encode(0)];

    public override IRegressionModel Fit(FeatureMatrix features, double[] target, double[] point, int seed, CancellationToken cancellation)
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
        return new GradientBoostedTrees(options).Fit(features, target, default, cancellation);
    }
}

/// <summary>Ridge: the penalty and whether to fit the log of the target.</summary>
internal sealed class RidgeSpace : TrainerSpace
{
    public override string Name => "ridge";

    public override IReadOnlyList<SearchDimension> Dimensions { get; } =
    [
        new("alpha", 1e-4, 1e4, LogScale: true),
        SearchDimension.Choice("log_target", "false", "true"),
    ];

    public override double[] LowCostStart => [0.5, 0.25];

    // RidgeOptions' defaults: alpha 1, plain target.
    public override double[] DefaultPoint => [Dimensions[0].Encode(1), 0.25];

    public override IRegressionModel Fit(FeatureMatrix features, double[] target, double[] point, int seed, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var options = new RidgeOptions { Alpha = Dimensions[0].Decode(point[0]), LogTarget = Dimensions[1].Decode(point[1]) == 1, NonNegative = NonNegative };
        return new Ridge(options).Fit(features, target);
    }
}
