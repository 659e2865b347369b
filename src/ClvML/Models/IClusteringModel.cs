using ClvML.Features;

namespace ClvML.Models;

/// <summary>
/// A fitted clustering (k-means, ClvML's or ML.NET's): immutable, it assigns rows to clusters, names its clusters,
/// and saves itself as a versioned file; its <c>ClustererKind</c> in the model registry says how to load it back.
/// </summary>
public interface IClusteringModel
{
    /// <summary>The registry name of the model's engine (kmeans, mlnet_kmeans).</summary>
    string Kind { get; }
    /// <summary>The features the model reads, by name.</summary>
    IReadOnlyList<string> FeatureNames { get; }
    /// <summary>Number of clusters.</summary>
    int ClusterCount { get; }
    /// <summary>Readable label per cluster.</summary>
    IReadOnlyList<string> Labels { get; }
    /// <summary>Training inertia: the (weighted) sum of squared distances to the assigned centroids, in the space clustered.</summary>
    double Inertia { get; }
    /// <summary>Cluster of every training row (empty for a loaded model: models do not keep training data).</summary>
    IReadOnlyList<int> TrainingAssignments { get; }
    /// <summary>Centroid <paramref name="cluster"/> in feature units.</summary>
    double[] CentroidInFeatureUnits(int cluster);
    /// <summary>The same model with <paramref name="labels"/> as its cluster labels.</summary>
    IClusteringModel WithLabels(IReadOnlyList<string> labels);

    /// <summary>Writes the cluster of every row of <paramref name="features"/> (columns matched by name) into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">A feature is missing, a value is NaN or infinite, or the destination has the wrong length.</exception>
    void Predict(FeatureMatrix features, Span<int> destination);

    /// <summary>The cluster of every row of <paramref name="features"/>.</summary>
    int[] Predict(FeatureMatrix features)
    {
        var clusters = new int[features.RowCount];
        Predict(features, clusters);
        return clusters;
    }

    /// <summary>Saves the model to <paramref name="path"/> in its kind's current format version.</summary>
    void Save(string path);
}
