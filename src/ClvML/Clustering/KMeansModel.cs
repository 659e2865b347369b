using ClvML.Features;
using ClvML.Models;
using ClvML.Numerics;

namespace ClvML.Clustering;

/// <summary>
/// A fitted k-means model: the feature transform and the centroids in the transformed space, readable
/// cluster labels, and how the fit ended. Immutable; <see cref="Predict(FeatureMatrix)"/> assigns new
/// customers to the nearest centroid through the saved transform. Saved as JSON by <see cref="KMeansModelJson"/>.
/// </summary>
public sealed class KMeansModel : IClusteringModel
{
    /// <summary>The registry name of this kind (the manifest's file kind).</summary>
    public const string KindName = "kmeans";

    /// <inheritdoc />
    public string Kind => KindName;

    private readonly double[] _centroids;
    private readonly string[] _labels;
    private readonly int[] _trainingAssignments;

    internal KMeansModel(IReadOnlyList<string> featureNames, FeatureTransform transform, double[] centroids, IReadOnlyList<string>? labels,
        double inertia, int iterations, bool converged, int[]? trainingAssignments)
    {
        if (transform.FeatureCount != featureNames.Count || centroids.Length % featureNames.Count != 0)
            throw new ArgumentException("Centroids, transform and feature names disagree on the number of features.");
        FeatureNames = [.. featureNames];
        Transform = transform;
        _centroids = centroids;
        ClusterCount = centroids.Length / featureNames.Count;
        _labels = labels is null ? [.. Enumerable.Range(0, ClusterCount).Select(j => $"cluster {j}")] : [.. labels];
        if (_labels.Length != ClusterCount) throw new ArgumentException($"{_labels.Length} labels for {ClusterCount} clusters.");
        Inertia = inertia;
        Iterations = iterations;
        Converged = converged;
        _trainingAssignments = trainingAssignments ?? [];
    }

    /// <summary>Names of the features, in the order the centroids use.</summary>
    public IReadOnlyList<string> FeatureNames { get; }
    /// <summary>The transform fitted with the model.</summary>
    public FeatureTransform Transform { get; }
    /// <summary>Number of clusters.</summary>
    public int ClusterCount { get; }
    /// <summary>Number of features.</summary>
    public int FeatureCount => FeatureNames.Count;
    /// <summary>Readable label per cluster ("cluster 0", ... until <see cref="WithLabels"/> names them).</summary>
    public IReadOnlyList<string> Labels => _labels;
    /// <summary>Training inertia: sum of (weighted) squared distances to the assigned centroids, in the transformed space.</summary>
    public double Inertia { get; }
    /// <summary>Lloyd iterations of the winning restart.</summary>
    public int Iterations { get; }
    /// <summary>Whether the winning restart converged before the iteration cap.</summary>
    public bool Converged { get; }
    /// <summary>Cluster of every training row (empty for a loaded model: models do not keep training data).</summary>
    public IReadOnlyList<int> TrainingAssignments => _trainingAssignments;

    /// <summary>Centroid <paramref name="cluster"/> in the transformed space (a copy).</summary>
    public double[] Centroid(int cluster) => _centroids.AsSpan(cluster * FeatureCount, FeatureCount).ToArray();

    /// <summary>Centroid <paramref name="cluster"/> mapped back to feature units.</summary>
    public double[] CentroidInFeatureUnits(int cluster) => Transform.Invert(_centroids.AsSpan(cluster * FeatureCount, FeatureCount));

    internal ReadOnlySpan<double> FlatCentroids => _centroids;

    /// <summary>The same model with readable cluster labels.</summary>
    public KMeansModel WithLabels(IReadOnlyList<string> labels) =>
        new(FeatureNames, Transform, _centroids, labels, Inertia, Iterations, Converged, _trainingAssignments);

    /// <inheritdoc />
    IClusteringModel IClusteringModel.WithLabels(IReadOnlyList<string> labels) => WithLabels(labels);

    /// <inheritdoc />
    public void Predict(FeatureMatrix features, Span<int> destination)
    {
        if (destination.Length != features.RowCount) throw new ArgumentException($"{destination.Length} destinations for {features.RowCount} rows.", nameof(destination));
        Predict(features).CopyTo(destination);
    }

    /// <summary>Nearest centroid of every row; the matrix must hold the model's features (by name, any order, extra columns ignored).</summary>
    public int[] Predict(FeatureMatrix x)
    {
        var columns = new double[FeatureCount][];
        for (var f = 0; f < FeatureCount; f++)
        {
            var at = IndexOf(x.Names, FeatureNames[f]);
            if (at < 0)
                throw new InputException($"k-means: the model needs feature '{FeatureNames[f]}', which the input lacks; it has [{string.Join(", ", x.Names)}].");
            columns[f] = x.Columns[at];
        }
        var selected = new FeatureMatrix(FeatureNames, columns);
        if (selected.RowCount == 0) return [];
        ClusteringInput.CheckFinite(selected);
        var z = Transform.Apply(columns);
        var assignments = new int[z.RowCount];
        var k = ClusterCount;
        RowChunks.For(z.RowCount, Environment.ProcessorCount, (chunk, start, end) =>
        {
            for (var i = start; i < end; i++) assignments[i] = SquaredDistance.Nearest(z.Row(i), _centroids, k, out _);
        });
        return assignments;
    }

    /// <summary>Writes the model file.</summary>
    public void Save(string path) => KMeansModelJson.Write(this, path);

    /// <summary>Reads a model file written by <see cref="Save"/>; checks the format and version.</summary>
    public static KMeansModel Load(string path) => KMeansModelJson.Read(path);

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
            if (string.Equals(names[i], name, StringComparison.Ordinal)) return i;
        return -1;
    }
}
