using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace ClvML.MLNet;

/// <summary>
/// ML.NET's FastTree with the Tweedie loss (<c>FastTreeTweedieTrainer</c>, power 1.5 between Poisson and Gamma; Yang,
/// Qian &amp; Zou 2018): zero-inflated, skewed targets such as holdout spend. Config name <c>mlnet_fasttree_tweedie</c>;
/// the targets must not be negative.
/// </summary>
public sealed class FastTreeTweedieRegressor : MLNetRegressor
{
    /// <summary>The registry name of this kind.</summary>
    public const string KindName = "mlnet_fasttree_tweedie";

    /// <summary>Creates the estimator; options are validated at once.</summary>
    public FastTreeTweedieRegressor(FastTreeRegressorOptions? options = null)
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
    protected override void CheckTargets(ReadOnlySpan<double> target)
    {
        for (var i = 0; i < target.Length; i++)
            if (target[i] < 0) throw new ArgumentException($"Target of row {i} is {target[i]}; the Tweedie loss of {KindName} needs targets >= 0.");
    }

    /// <inheritdoc />
    protected override IEstimator<ITransformer> Trainer(MLContext ml, string? weightColumn) =>
        ml.Regression.Trainers.FastTreeTweedie(Options.ToTrainerOptions<FastTreeTweedieTrainer.Options>(weightColumn));
}
