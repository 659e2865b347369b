using ClvML.Clustering;
using ClvML.Features;
using ClvML.Models;
using ClvML.Numerics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace ClvML.MLNet;

/// <summary>
/// ML.NET's k-means (<c>KMeansTrainer</c>: k-means++ seeding, Arthur &amp; Vassilvitskii 2007, then Lloyd iterations
/// accelerated with Elkan-style bounds) as <c>segmentation.engine: mlnet</c>. ClvML's <see cref="FeatureTransform"/>
/// is fitted and applied first, as for ClvML's own <see cref="KMeans"/>, so both engines cluster the same points and
/// report inertia in the same space. <see cref="KMeansOptions.Restarts"/> fits are run with seeds split from
/// <see cref="KMeansOptions.Seed"/> and the lowest inertia wins (ML.NET's trainer has no restarts of its own);
/// ML.NET's convergence tolerance and iteration cap apply, not ClvML's relative tolerance.
/// </summary>
public sealed class MLNetKMeans : IClusterer
{
    /// <summary>Creates the estimator over <paramref name="options"/> (cluster count, restarts, seed, transform, iteration cap).</summary>
    public MLNetKMeans(KMeansOptions? options = null)
    {
        Options = options ?? new KMeansOptions();
        if (Options.ClusterCount < 1) throw new ArgumentOutOfRangeException(nameof(options), "KMeansOptions.ClusterCount must be at least 1.");
        if (Options.Restarts < 1) throw new ArgumentOutOfRangeException(nameof(options), "KMeansOptions.Restarts must be at least 1.");
        if (Options.MaximumIterations < 1) throw new ArgumentOutOfRangeException(nameof(options), "KMeansOptions.MaximumIterations must be at least 1.");
    }

    /// <summary>The options.</summary>
    public KMeansOptions Options { get; }

    /// <inheritdoc />
    public string Kind => MLNetKMeansModel.KindName;

    /// <inheritdoc />
    public IClusteringModel Fit(FeatureMatrix features, ReadOnlySpan<double> weights = default, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var w = weights.IsEmpty ? null : weights.ToArray();
        ClusteringInput.CheckFinite(features);
        ClusteringInput.CheckWeights(w, features.RowCount);
        var transform = FeatureTransform.Fit(Options.Transform, features.Columns);
        var z = transform.Apply(features.Columns);
        ClusteringInput.CheckClusterCount(z, w, Options.ClusterCount);
        var columns = MLNetKMeansModel.Columns(z);
        var names = features.Names.ToArray();
        var extras = w is null ? null : new List<(string, float[])> { (MLNetPipeline.WeightColumn, MLNetInput.ToSingle(w)) };
        var streams = new RandomStreams(Options.Seed);
        MLNetKMeansModel? best = null;
        for (var restart = 0; restart < Options.Restarts; restart++)
        {
            var ml = new MLContext((int)(streams.Split(restart).NextUInt64() & int.MaxValue));
            var pipeline = MLNetPipeline.InputMapping(ml, names).Append(ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
            {
                NumberOfClusters = Options.ClusterCount,
                MaximumNumberOfIterations = Options.MaximumIterations,
                InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
                // ML.NET's k-means gives the same centroids for a seed on any thread count (checked on 1 and 2 threads;
                // the conformance tests check the seed), so it runs on the cores KMeansOptions.MaximumThreads allows.
                NumberOfThreads = Options.EffectiveThreads,
                FeatureColumnName = MLNetPipeline.FeaturesColumn,
                ExampleWeightColumnName = w is null ? null : MLNetPipeline.WeightColumn,
            }));
            var data = new FeatureMatrixDataView(names, columns, features.RowCount, extras, cancellationToken);
            var model = MLNetPipeline.Fit(ml, pipeline, data, "k-means (ML.NET)", cancellationToken);
            var fitted = MLNetKMeansModel.Fitted(names, transform, ml, model, z, columns, w);
            if (best is null || fitted.Inertia < best.Inertia) best = fitted;
        }
        return best!;
    }
}
