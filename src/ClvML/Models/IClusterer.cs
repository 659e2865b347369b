using ClvML.Features;

namespace ClvML.Models;

/// <summary>An unfitted clusterer with its options (cluster count, seed, transform); fitting returns an immutable <see cref="IClusteringModel"/>.</summary>
public interface IClusterer
{
    /// <summary>The registry name of the models it fits.</summary>
    string Kind { get; }

    /// <summary>Clusters the rows of <paramref name="features"/>.</summary>
    /// <param name="features">One row per customer; NaN or infinite values are refused.</param>
    /// <param name="weights">Non-negative row weights, or empty for unit weights.</param>
    /// <param name="cancellationToken">Stops the fit promptly with an <see cref="OperationCanceledException"/>.</param>
    IClusteringModel Fit(FeatureMatrix features, ReadOnlySpan<double> weights = default, CancellationToken cancellationToken = default);
}
