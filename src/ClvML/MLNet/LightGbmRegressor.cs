using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;

namespace ClvML.MLNet;

/// <summary>Options of <see cref="LightGbmRegressor"/>: the parameters ML.NET's AutoML sweeps for LightGBM (<see cref="LightGbmSpace"/>), with LightGBM's defaults.</summary>
public sealed record LightGbmRegressorOptions
{
    /// <summary>Leaves per tree (LightGBM's num_leaves default 31).</summary>
    public int NumberOfLeaves { get; init; } = 31;
    /// <summary>Fewest rows in a leaf (LightGBM's min_data_in_leaf default 20).</summary>
    public int MinimumExampleCountPerLeaf { get; init; } = 20;
    /// <summary>Shrinkage (LightGBM's default 0.1).</summary>
    public double LearningRate { get; init; } = 0.1;
    /// <summary>Boosting rounds (ML.NET's default 100).</summary>
    public int NumberOfTrees { get; init; } = 100;
    /// <summary>Share of the rows each tree is grown on (bagging every round when below 1).</summary>
    public double SubsampleFraction { get; init; } = 1;
    /// <summary>Bins per feature (LightGBM's max_bin default 255).</summary>
    public int MaximumBinCountPerFeature { get; init; } = 255;
    /// <summary>Share of the features each tree may use.</summary>
    public double FeatureFraction { get; init; } = 1;
    /// <summary>L1 penalty on leaf values (2e-10: the bottom of AutoML's range, in effect none).</summary>
    public double L1Regularization { get; init; } = 2e-10;
    /// <summary>L2 penalty on leaf values (ML.NET's default 0.01).</summary>
    public double L2Regularization { get; init; } = 0.01;
    /// <summary>Seed of the <see cref="MLContext"/> and of LightGBM's sampling.</summary>
    public int Seed { get; init; }
    /// <summary>The target cannot be negative: predictions are floored at 0 (see <see cref="TargetRange"/>).</summary>
    public bool NonNegative { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the option out of range.</summary>
    public void Validate()
    {
        if (NumberOfLeaves < 2) throw new ArgumentException("LightGbmRegressorOptions.NumberOfLeaves must be at least 2.", nameof(NumberOfLeaves));
        if (MinimumExampleCountPerLeaf < 1) throw new ArgumentException("LightGbmRegressorOptions.MinimumExampleCountPerLeaf must be at least 1.", nameof(MinimumExampleCountPerLeaf));
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw new ArgumentException("LightGbmRegressorOptions.LearningRate must be positive.", nameof(LearningRate));
        if (NumberOfTrees < 1) throw new ArgumentException("LightGbmRegressorOptions.NumberOfTrees must be at least 1.", nameof(NumberOfTrees));
        if (!(SubsampleFraction > 0 && SubsampleFraction <= 1)) throw new ArgumentException("LightGbmRegressorOptions.SubsampleFraction must be in (0, 1].", nameof(SubsampleFraction));
        if (MaximumBinCountPerFeature < 2) throw new ArgumentException("LightGbmRegressorOptions.MaximumBinCountPerFeature must be at least 2.", nameof(MaximumBinCountPerFeature));
        if (!(FeatureFraction > 0 && FeatureFraction <= 1)) throw new ArgumentException("LightGbmRegressorOptions.FeatureFraction must be in (0, 1].", nameof(FeatureFraction));
        if (!(L1Regularization >= 0) || !double.IsFinite(L1Regularization)) throw new ArgumentException("LightGbmRegressorOptions.L1Regularization must be finite and not negative.", nameof(L1Regularization));
        if (!(L2Regularization >= 0) || !double.IsFinite(L2Regularization)) throw new ArgumentException("LightGbmRegressorOptions.L2Regularization must be finite and not negative.", nameof(L2Regularization));
    }
}

/// <summary>
/// LightGBM (Ke et al. 2017) through ML.NET's <c>LightGbmRegressionTrainer</c>, least squares: config name
/// <c>mlnet_lightgbm</c>, saved as an ML.NET model file. LightGBM runs on every core
/// (<see cref="Environment.ProcessorCount"/> threads, waiting passively: <see cref="OpenMpWaitPolicy"/>) in its
/// deterministic mode, so the seed fixes the model.
/// </summary>
public sealed class LightGbmRegressor : MLNetRegressor
{
    /// <summary>The registry name of this kind.</summary>
    public const string KindName = "mlnet_lightgbm";

    /// <summary>Creates the estimator; options are validated at once.</summary>
    public LightGbmRegressor(LightGbmRegressorOptions? options = null)
    {
        Options = options ?? new LightGbmRegressorOptions();
        Options.Validate();
    }

    /// <summary>The options in force.</summary>
    public LightGbmRegressorOptions Options { get; }

    /// <inheritdoc />
    public override string Kind => KindName;

    /// <inheritdoc />
    protected override int Seed => Options.Seed;

    /// <inheritdoc />
    protected override bool NonNegative => Options.NonNegative;

    /// <inheritdoc />
    protected override IEstimator<ITransformer> Trainer(MLContext ml, string? weightColumn)
    {
        OpenMpWaitPolicy.EnsurePassive();
        var o = Options;
        return ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
        {
            NumberOfLeaves = o.NumberOfLeaves,
            MinimumExampleCountPerLeaf = o.MinimumExampleCountPerLeaf,
            LearningRate = o.LearningRate,
            NumberOfIterations = o.NumberOfTrees,
            MaximumBinCountPerFeature = o.MaximumBinCountPerFeature,
            Booster = new GradientBooster.Options
            {
                // LightGBM bags only when a frequency is set; AutoML's subsample fraction means "every round".
                SubsampleFraction = o.SubsampleFraction,
                SubsampleFrequency = o.SubsampleFraction < 1 ? 1 : 0,
                FeatureFraction = o.FeatureFraction,
                L1Regularization = o.L1Regularization,
                L2Regularization = o.L2Regularization,
            },
            Seed = o.Seed,
            NumberOfThreads = Environment.ProcessorCount,
            // LightGBM's documented way to the same model from the same inputs and seed: deterministic mode with a
            // fixed histogram layout (force_row_wise), whatever it would pick from timing its first iteration.
            Deterministic = true,
            ForceRowWise = true,
            Silent = true,
            Verbose = false,
            LabelColumnName = MLNetPipeline.LabelColumn,
            FeatureColumnName = MLNetPipeline.FeaturesColumn,
            ExampleWeightColumnName = weightColumn,
        });
    }
}
