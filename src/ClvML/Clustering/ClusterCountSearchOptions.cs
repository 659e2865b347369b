namespace ClvML.Clustering;

/// <summary>Options of <see cref="ClusterCountSearch"/>.</summary>
public sealed record ClusterCountSearchOptions
{
    /// <summary>Smallest k tried (2: one cluster has no silhouette).</summary>
    public int MinimumClusterCount { get; init; } = 2;
    /// <summary>Largest k tried (10: more segments than marketing teams act on).</summary>
    public int MaximumClusterCount { get; init; } = 10;
    /// <summary>The k-means settings of every fit (its <see cref="KMeansOptions.ClusterCount"/> is replaced per k, its seed split per k).</summary>
    public KMeansOptions KMeans { get; init; } = new();
    /// <summary>
    /// Up to this many rows the silhouette is exact; above, it is computed on a seeded sample of this many
    /// rows (the same sample for every k). 20,000: exact on the default 20,000-customer sample while one
    /// silhouette stays well under a second on two cores (it costs n^2 distances).
    /// </summary>
    public int SilhouetteRows { get; init; } = 20_000;
}
