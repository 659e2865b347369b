using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace ClvML.MLNet;

/// <summary>
/// Options of <see cref="FastTreeRegressor"/> and <see cref="FastTreeTweedieRegressor"/>: the parameters ML.NET's
/// AutoML sweeps for FastTree (<see cref="FastTreeSpace"/>), with FastTree's own defaults.
/// </summary>
public sealed record FastTreeRegressorOptions
{
    /// <summary>Leaves per tree (FastTree's default 20).</summary>
    public int NumberOfLeaves { get; init; } = 20;
    /// <summary>Fewest training rows in a leaf (FastTree's default 10).</summary>
    public int MinimumExampleCountPerLeaf { get; init; } = 10;
    /// <summary>Boosting rounds (FastTree's default 100).</summary>
    public int NumberOfTrees { get; init; } = 100;
    /// <summary>Bins per feature (FastTree's default 255).</summary>
    public int MaximumBinCountPerFeature { get; init; } = 255;
    /// <summary>Share of the features each tree may use (1: all).</summary>
    public double FeatureFraction { get; init; } = 1;
    /// <summary>Shrinkage (FastTree's default 0.2).</summary>
    public double LearningRate { get; init; } = 0.2;
    /// <summary>Seed of the <see cref="MLContext"/>, of FastTree's own random choices and of its feature sampling.</summary>
    public int Seed { get; init; }
    /// <summary>The target cannot be negative: predictions are floored at 0 (see <see cref="TargetRange"/>).</summary>
    public bool NonNegative { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the option out of range.</summary>
    public void Validate()
    {
        if (NumberOfLeaves < 2) throw new ArgumentException("FastTreeRegressorOptions.NumberOfLeaves must be at least 2.", nameof(NumberOfLeaves));
        if (MinimumExampleCountPerLeaf < 1) throw new ArgumentException("FastTreeRegressorOptions.MinimumExampleCountPerLeaf must be at least 1.", nameof(MinimumExampleCountPerLeaf));
        if (NumberOfTrees < 1) throw new ArgumentException("FastTreeRegressorOptions.NumberOfTrees must be at least 1.", nameof(NumberOfTrees));
        if (MaximumBinCountPerFeature < 2) throw new ArgumentException("FastTreeRegressorOptions.MaximumBinCountPerFeature must be at least 2.", nameof(MaximumBinCountPerFeature));
        if (!(FeatureFraction > 0 && FeatureFraction <= 1)) throw new ArgumentException("FastTreeRegressorOptions.FeatureFraction must be in (0, 1].", nameof(FeatureFraction));
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw new ArgumentException("FastTreeRegressorOptions.LearningRate must be positive.", nameof(LearningRate));
    }

    /// <summary>The options as ML.NET's <typeparamref name="T"/>, reading <c>Features</c> and <c>Label</c>.</summary>
    internal T ToTrainerOptions<T>(string? weightColumn) where T : BoostedTreeOptions, new() => new()
    {
        NumberOfLeaves = NumberOfLeaves,
        MinimumExampleCountPerLeaf = MinimumExampleCountPerLeaf,
        NumberOfTrees = NumberOfTrees,
        MaximumBinCountPerFeature = MaximumBinCountPerFeature,
        FeatureFraction = FeatureFraction,
        LearningRate = LearningRate,
        Seed = Seed,
        FeatureSelectionSeed = Seed,
        // FastTree's histograms are built per feature and reduced in a fixed order: the same seed gives the same
        // trees whatever the thread count (checked by the conformance tests), so ML.NET chooses the threads.
        LabelColumnName = MLNetPipeline.LabelColumn,
        FeatureColumnName = MLNetPipeline.FeaturesColumn,
        ExampleWeightColumnName = weightColumn,
    };
}

/// <summary>
/// ML.NET's FastTree boosted regression trees (<c>FastTreeRegressionTrainer</c>, least squares; Friedman 2001, as
/// MART) behind ClvML's estimator contract: config name <c>mlnet_fasttree</c>, saved as an ML.NET model file.
/// </summary>
public sealed class FastTreeRegressor : MLNetRegressor
{
    /// <summary>The registry name of this kind.</summary>
    public const string KindName = "mlnet_fasttree";

    /// <summary>Creates the estimator; options are validated at once.</summary>
    public FastTreeRegressor(FastTreeRegressorOptions? options = null)
    {
        Options = options ?? new FastTreeRegressorOptions();
        Options.Validate();
    }

    /// <summary>The options in force.</summary>
    public FastTreeRegressorOptions Options { get; }

    /// <inheritdoc />
    public override string Kind => KindName;

    /// <inheritdoc />
    protected override int Seed => Options.Seed;

    /// <inheritdoc />
    protected override bool NonNegative => Options.NonNegative;

    /// <inheritdoc />
    protected override IEstimator<ITransformer> Trainer(MLContext ml, string? weightColumn) =>
        ml.Regression.Trainers.FastTree(Options.ToTrainerOptions<FastTreeRegressionTrainer.Options>(weightColumn));
}
