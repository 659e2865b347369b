using ClvML.Features;
using ClvML.Models;
using Microsoft.ML;

namespace ClvML.MLNet;

/// <summary>
/// What every ML.NET regressor in ClvML does around its trainer: checks the data, maps the feature columns into
/// ML.NET (<see cref="MLNetPipeline.InputMapping"/>), fits with an <see cref="MLContext"/> seeded by the trainer's
/// seed, clamps the score to the training targets' <see cref="TargetRange"/>, and returns the whole pipeline as one
/// immutable <see cref="MLNetRegressionModel"/>. A subclass only says which ML.NET estimator is fitted.
/// </summary>
public abstract class MLNetRegressor : IRegressor
{
    /// <inheritdoc />
    public abstract string Kind { get; }

    /// <summary>Seed of the <see cref="MLContext"/> and of the trainer's own random choices.</summary>
    protected abstract int Seed { get; }

    /// <summary>Whether predictions are floored at 0 (see <see cref="TargetRange"/>).</summary>
    protected abstract bool NonNegative { get; }

    /// <summary>
    /// The ML.NET estimators from the <see cref="MLNetPipeline.FeaturesColumn"/> vector to the
    /// <see cref="MLNetPipeline.ScoreColumn"/> (a normaliser and the trainer, or the trainer alone).
    /// </summary>
    /// <param name="ml">The fit's context.</param>
    /// <param name="weightColumn">The example-weight column, or null for unit weights.</param>
    protected abstract IEstimator<ITransformer> Trainer(MLContext ml, string? weightColumn);

    /// <summary>
    /// The targets the trainer is fitted on: <paramref name="target"/> itself, unless the trainer's loss cannot take
    /// some of them (Tweedie needs them non-negative), which it then adjusts or refuses with the row named.
    /// </summary>
    protected virtual double[] FittedTargets(ReadOnlySpan<double> target) => target.ToArray();

    /// <inheritdoc />
    /// <exception cref="ArgumentException">Lengths disagree, a value is NaN or infinite, a weight is negative, or ML.NET refused the configuration.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired (ML.NET checks it every boosting iteration).</exception>
    public IRegressionModel Fit(FeatureMatrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> weights = default, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        MLNetInput.CheckFit(features, target, weights);
        var fitted = FittedTargets(target);
        var ml = new MLContext(Seed);
        var names = features.Names.ToArray();
        var extras = new List<(string, float[])> { (MLNetPipeline.LabelColumn, MLNetInput.ToSingle(fitted)) };
        if (!weights.IsEmpty) extras.Add((MLNetPipeline.WeightColumn, MLNetInput.ToSingle(weights)));
        var data = new FeatureMatrixDataView(names, features.Columns, features.RowCount, extras, cancellationToken);
        var pipeline = MLNetPipeline.InputMapping(ml, names)
            .Append(Trainer(ml, weights.IsEmpty ? null : MLNetPipeline.WeightColumn))
            .Append(MLNetPipeline.Clamp(ml, TargetRange.Of(target, NonNegative)));
        var model = MLNetPipeline.Fit(ml, pipeline, data, Kind, cancellationToken);
        return new MLNetRegressionModel(Kind, names, ml, model);
    }
}
