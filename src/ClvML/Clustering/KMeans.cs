using ClvML.Features;
using ClvML.Models;
using ClvML.Numerics;

namespace ClvML.Clustering;

/// <summary>
/// The k-means estimator: <see cref="Fit"/> returns an immutable <see cref="KMeansModel"/> (ML.NET's shape).
/// Each restart seeds with greedy k-means++ (<see cref="KMeansPlusPlus"/>, Arthur &amp; Vassilvitskii 2007)
/// from its own random stream, then runs Lloyd iterations bounded as in Hamerly (2010)
/// (<see cref="HamerlyIterations"/>); the restart with the lowest inertia wins (the earliest on ties).
/// Work is spread over rows in fixed chunks reduced in order, so the seed alone determines the centroids,
/// bit for bit, whatever <see cref="KMeansOptions.MaximumThreads"/> is.
/// </summary>
public sealed class KMeans : IClusterer
{
    /// <summary>Creates the estimator.</summary>
    public KMeans(KMeansOptions? options = null)
    {
        Options = options ?? new KMeansOptions();
        Check(Options.ClusterCount >= 1, nameof(KMeansOptions.ClusterCount), "must be at least 1");
        Check(Options.Restarts >= 1, nameof(KMeansOptions.Restarts), "must be at least 1");
        Check(Options.MaximumIterations >= 1, nameof(KMeansOptions.MaximumIterations), "must be at least 1");
        Check(Options.Tolerance >= 0 && double.IsFinite(Options.Tolerance), nameof(KMeansOptions.Tolerance), "must be finite and >= 0");
        Check(Options.MaximumThreads >= 0, nameof(KMeansOptions.MaximumThreads), "must be >= 0 (0 uses every core)");
        Check(Options.CandidatesPerStep is null or >= 1, nameof(KMeansOptions.CandidatesPerStep), "must be at least 1");
    }

    /// <summary>The options.</summary>
    public KMeansOptions Options { get; }

    /// <inheritdoc />
    public string Kind => KMeansModel.KindName;

    /// <inheritdoc />
    IClusteringModel IClusterer.Fit(FeatureMatrix features, ReadOnlySpan<double> weights, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Fit(features, weights.IsEmpty ? null : weights.ToArray());
    }

    /// <summary>Fits the transform and the centroids on <paramref name="x"/> (one row per customer).</summary>
    /// <param name="x">The features; every value finite.</param>
    /// <param name="weights">Optional per-row weights, finite and &gt;= 0 with a positive total; null weighs every row 1.</param>
    public KMeansModel Fit(FeatureMatrix x, double[]? weights = null)
    {
        ClusteringInput.CheckFinite(x);
        ClusteringInput.CheckWeights(weights, x.RowCount);
        var transform = FeatureTransform.Fit(Options.Transform, x.Columns);
        return FitTransformed(x.Names, transform, transform.Apply(x.Columns), weights);
    }

    /// <summary>Fits on rows already in the transformed space (the k search transforms once for every k).</summary>
    internal KMeansModel FitTransformed(IReadOnlyList<string> names, FeatureTransform transform, DenseRows z, double[]? weights)
    {
        var k = Options.ClusterCount;
        ClusteringInput.CheckClusterCount(z, weights, k);
        var threads = Options.EffectiveThreads;
        var tolerance = Options.Tolerance * MeanVariance(z);
        var streams = new RandomStreams(Options.Seed);
        KMeansRun? best = null;
        for (var restart = 0; restart < Options.Restarts; restart++)
        {
            var random = streams.Split(restart);
            var start = KMeansPlusPlus.Seed(z, weights, k, Options.EffectiveCandidates, random, threads);
            var run = HamerlyIterations.Run(z, weights, start, Options.MaximumIterations, tolerance, threads);
            if (best is null || run.Inertia < best.Inertia) best = run;
        }
        return new KMeansModel(names, transform, best!.Centroids, labels: null, best.Inertia, best.Iterations, best.Converged, best.Assignments);
    }

    /// <summary>Mean over features of the population variance: the scale of <see cref="KMeansOptions.Tolerance"/> (as scikit-learn).</summary>
    internal static double MeanVariance(DenseRows z)
    {
        var d = z.ColumnCount;
        var n = z.RowCount;
        var mean = new double[d];
        for (var i = 0; i < n; i++)
            for (var f = 0; f < d; f++) mean[f] += z.Values[i * d + f];
        for (var f = 0; f < d; f++) mean[f] /= n;
        double total = 0;
        for (var i = 0; i < n; i++)
            for (var f = 0; f < d; f++)
            {
                var delta = z.Values[i * d + f] - mean[f];
                total += delta * delta;
            }
        return total / n / d;
    }

    private static void Check(bool ok, string name, string message)
    {
        if (!ok) throw new ArgumentOutOfRangeException(name, $"KMeansOptions.{name} {message}.");
    }
}
