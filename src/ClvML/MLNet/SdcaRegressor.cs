using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace ClvML.MLNet;

/// <summary>Options of <see cref="SdcaRegressor"/>: the penalties ML.NET's AutoML sweeps for SDCA (<see cref="SdcaSpace"/>).</summary>
public sealed record SdcaRegressorOptions
{
    /// <summary>L1 penalty (AutoML's starting value 1).</summary>
    public double L1Regularization { get; init; } = 1;
    /// <summary>L2 penalty (AutoML's starting value 0.1).</summary>
    public double L2Regularization { get; init; } = 0.1;
    /// <summary>Seed of the <see cref="MLContext"/>, which orders SDCA's passes over the rows.</summary>
    public int Seed { get; init; }
    /// <summary>The target cannot be negative: predictions are floored at 0 (see <see cref="TargetRange"/>).</summary>
    public bool NonNegative { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the option out of range.</summary>
    public void Validate()
    {
        if (!(L1Regularization >= 0) || !double.IsFinite(L1Regularization)) throw new ArgumentException("SdcaRegressorOptions.L1Regularization must be finite and not negative.", nameof(L1Regularization));
        if (!(L2Regularization > 0) || !double.IsFinite(L2Regularization)) throw new ArgumentException("SdcaRegressorOptions.L2Regularization must be finite and positive.", nameof(L2Regularization));
    }
}

/// <summary>
/// ML.NET's linear regression by stochastic dual coordinate ascent (<c>SdcaRegressionTrainer</c>, squared loss;
/// Shalev-Shwartz &amp; Zhang 2013) on min-max normalised features: config name <c>mlnet_sdca</c>. The normaliser is
/// fitted with the model and saved in its pipeline (SDCA's step sizes assume features of comparable scale; ML.NET's
/// AutoML puts NormalizeMinMax before its linear trainers). Single-threaded: SDCA's parallel updates race, and two fits
/// with the same seed then differ.
/// </summary>
public sealed class SdcaRegressor : MLNetRegressor
{
    /// <summary>The registry name of this kind.</summary>
    public const string KindName = "mlnet_sdca";

    /// <summary>Creates the estimator; options are validated at once.</summary>
    public SdcaRegressor(SdcaRegressorOptions? options = null)
    {
        Options = options ?? new SdcaRegressorOptions();
        Options.Validate();
    }

    /// <summary>The options in force.</summary>
    public SdcaRegressorOptions Options { get; }

    /// <inheritdoc />
    public override string Kind => KindName;

    /// <inheritdoc />
    protected override int Seed => Options.Seed;

    /// <inheritdoc />
    protected override bool NonNegative => Options.NonNegative;

    /// <inheritdoc />
    protected override IEstimator<ITransformer> Trainer(MLContext ml, string? weightColumn) =>
        ml.Transforms.NormalizeMinMax(MLNetPipeline.FeaturesColumn)
            .Append(ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
            {
                L1Regularization = (float)Options.L1Regularization,
                L2Regularization = (float)Options.L2Regularization,
                NumberOfThreads = 1,
                LabelColumnName = MLNetPipeline.LabelColumn,
                FeatureColumnName = MLNetPipeline.FeaturesColumn,
                ExampleWeightColumnName = weightColumn,
            }));
}
