using ClvML.Features;

namespace ClvML.Models;

/// <summary>
/// An unfitted regressor with its options (an estimator, in scikit-learn's and ML.NET's sense): fitting never
/// changes it, and returns an immutable <see cref="IRegressionModel"/>.
/// </summary>
public interface IRegressor
{
    /// <summary>The registry name of the models it fits.</summary>
    string Kind { get; }

    /// <summary>Fits a model of <paramref name="target"/> on <paramref name="features"/>.</summary>
    /// <param name="features">One row per training example; NaN or infinite values are refused.</param>
    /// <param name="target">One finite value per row.</param>
    /// <param name="weights">Non-negative row weights, or empty for unit weights (the same fit as all ones).</param>
    /// <param name="cancellationToken">Stops the fit promptly with an <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="ArgumentException">Lengths disagree, or an input is NaN, infinite or negative where it may not be.</exception>
    IRegressionModel Fit(FeatureMatrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> weights = default, CancellationToken cancellationToken = default);
}
