using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace ClvML.MLNet;

/// <summary>
/// ML.NET's FastTree with the Tweedie loss (<c>FastTreeTweedieTrainer</c>, power 1.5 between Poisson and Gamma; Yang,
/// Qian &amp; Zou 2018): zero-inflated, skewed targets such as holdout spend. Config name <c>mlnet_fasttree_tweedie</c>;
/// negative targets are fitted as 0 when the forecast cannot be negative (<see cref="FittedTargets"/>).
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

    /// <summary>
    /// The Tweedie loss needs targets &gt;= 0. Where the predicted quantity cannot be negative
    /// (<see cref="FastTreeRegressorOptions.NonNegative"/>, as for holdout spend), a negative target (net returns) is
    /// fitted as 0, the forecast the clamp would give it anyway; otherwise it is refused with its row named.
    /// </summary>
    protected override double[] FittedTargets(ReadOnlySpan<double> target)
    {
        var fitted = target.ToArray();
        for (var i = 0; i < fitted.Length; i++)
        {
            if (fitted[i] >= 0) continue;
            if (!Options.NonNegative) throw new ArgumentException($"Target of row {i} is {fitted[i]}; the Tweedie loss of {KindName} needs targets >= 0.");
            fitted[i] = 0;
        }
        return fitted;
    }

    /// <inheritdoc />
    protected override IEstimator<ITransformer> Trainer(MLContext ml, string? weightColumn) =>
        ml.Regression.Trainers.FastTreeTweedie(Options.ToTrainerOptions<FastTreeTweedieTrainer.Options>(weightColumn));
}
