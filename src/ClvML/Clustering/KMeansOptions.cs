namespace ClvML.Clustering;

/// <summary>Options of <see cref="KMeans"/>; every default carries its reason.</summary>
public sealed record KMeansOptions
{
    /// <summary>Number of clusters k. 8, as scikit-learn's default; the segmentation stage usually chooses k.</summary>
    public int ClusterCount { get; init; } = 8;

    /// <summary>
    /// k-means++ initialisations, each followed by Lloyd iterations; the lowest inertia wins. 1, as
    /// scikit-learn's n_init='auto' for k-means++: the greedy seeding already avoids most bad starts.
    /// </summary>
    public int Restarts { get; init; } = 1;

    /// <summary>Lloyd iterations per initialisation (300, as scikit-learn).</summary>
    public int MaximumIterations { get; init; } = 300;

    /// <summary>
    /// Convergence: stop when the summed squared centroid shift of an iteration is at most this fraction of
    /// the mean per-feature variance of the (transformed) data, scikit-learn's relative tol. Iterations also
    /// stop when no row changes cluster. 1e-6 (tighter than scikit-learn's 1e-4): Hamerly's bounds make the
    /// last iterations, where few rows move, cheap, and they still lower the inertia.
    /// </summary>
    public double Tolerance { get; init; } = 1e-6;

    /// <summary>Seed of every random choice; same seed, same centroids bit for bit.</summary>
    public long Seed { get; init; }

    /// <summary>Threads over rows; 0 uses every core. The result does not depend on it.</summary>
    public int MaximumThreads { get; init; }

    /// <summary>Feature transform fitted with the model. log1p then standardize: RFM values are heavily skewed.</summary>
    public FeatureTransformKind Transform { get; init; } = FeatureTransformKind.LogStandardize;

    /// <summary>
    /// Candidates drawn per k-means++ step, the one lowering the potential most kept; null uses
    /// 2 + floor(ln k), the greedy variant of Arthur &amp; Vassilvitskii (2007) that scikit-learn uses.
    /// </summary>
    public int? CandidatesPerStep { get; init; }

    internal int EffectiveThreads => MaximumThreads > 0 ? MaximumThreads : Environment.ProcessorCount;

    internal int EffectiveCandidates => CandidatesPerStep ?? 2 + (int)Math.Log(ClusterCount);
}
