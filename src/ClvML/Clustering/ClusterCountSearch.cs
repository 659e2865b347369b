using ClvML.Features;
using ClvML.Models;
using ClvML.Numerics;

namespace ClvML.Clustering;

/// <summary>The quality of the k-means fit for one k.</summary>
/// <param name="ClusterCount">k.</param>
/// <param name="Inertia">Within-cluster sum of squares (the elbow curve).</param>
/// <param name="Silhouette">Mean silhouette, higher is better (<see cref="ClusterQuality.Silhouette"/>).</param>
/// <param name="DaviesBouldin">Davies-Bouldin index, lower is better.</param>
/// <param name="CalinskiHarabasz">Calinski-Harabasz index, higher is better.</param>
/// <param name="Iterations">Lloyd iterations of the winning restart (null for an engine that does not report them: ML.NET's).</param>
/// <param name="RankSum">Rank by silhouette plus rank by Davies-Bouldin (1 = best); the pick minimises it.</param>
public sealed record ClusterCountScore(int ClusterCount, double Inertia, double Silhouette, double DaviesBouldin,
    double CalinskiHarabasz, int? Iterations, int RankSum);

/// <summary>What <see cref="ClusterCountSearch.Run"/> found.</summary>
/// <param name="Scores">One row per k tried, in increasing k.</param>
/// <param name="ChosenClusterCount">The k picked by <see cref="ClusterCountSearch.Rule"/>.</param>
/// <param name="Model">The model fitted with the chosen k.</param>
/// <param name="SilhouetteRows">Rows the silhouette was computed on.</param>
/// <param name="SilhouetteSampled">Whether those rows are a seeded sample rather than every row.</param>
public sealed record ClusterCountSearchResult(IReadOnlyList<ClusterCountScore> Scores, int ChosenClusterCount, IClusteringModel Model,
    int SilhouetteRows, bool SilhouetteSampled);

/// <summary>
/// Chooses k for k-means (which ML.NET's trainer cannot do: dotnet/machinelearning#4777): fits every k of the
/// range on the same transformed rows and scores each with inertia, silhouette, Davies-Bouldin and
/// Calinski-Harabasz (<see cref="ClusterQuality"/>), then picks by <see cref="Rule"/>. Two indices vote
/// because each has a known bias: the silhouette tends to favour k = 2 on skewed, one-humped data such as RFM
/// (one-timers against the rest), while Davies-Bouldin rewards compact, well separated clusters; ties, common
/// between neighbouring k, go to Davies-Bouldin for that reason. Inertia and Calinski-Harabasz are reported for
/// the elbow plot and the report, not voted: inertia always falls with k.
/// </summary>
public sealed class ClusterCountSearch
{
    /// <summary>The documented pick rule.</summary>
    public const string Rule =
        "lowest rank sum of silhouette (higher is better) and Davies-Bouldin (lower is better); ties go to the lower Davies-Bouldin, then the smaller k";

    /// <summary>Creates the search.</summary>
    public ClusterCountSearch(ClusterCountSearchOptions? options = null)
    {
        Options = options ?? new ClusterCountSearchOptions();
        if (Options.MinimumClusterCount < 2 || Options.MaximumClusterCount < Options.MinimumClusterCount)
            throw new ArgumentOutOfRangeException(nameof(options), "The k range needs 2 <= minimum <= maximum.");
        if (Options.SilhouetteRows < 2) throw new ArgumentOutOfRangeException(nameof(options), "SilhouetteRows must be at least 2.");
    }

    /// <summary>The options.</summary>
    public ClusterCountSearchOptions Options { get; }

    /// <summary>Fits and scores every k of the range on <paramref name="x"/>.</summary>
    /// <param name="x">The features; every value finite.</param>
    /// <param name="weights">Optional per-row weights; null weighs every row 1.</param>
    /// <param name="log">Told the scores of every k.</param>
    /// <param name="clusterer">
    /// The k-means engine for given options (a registered <c>segmentation.engine</c>); null is ClvML's <see cref="KMeans"/>.
    /// Every engine fits the same <see cref="FeatureTransform"/> on <paramref name="x"/>, so all k are scored in one space.
    /// </param>
    /// <param name="cancellationToken">Stops the search between fits (and inside an engine's fit where it checks).</param>
    public ClusterCountSearchResult Run(FeatureMatrix x, double[]? weights = null, Action<string>? log = null,
        Func<KMeansOptions, IClusterer>? clusterer = null, CancellationToken cancellationToken = default)
    {
        clusterer ??= options => new KMeans(options);
        ClusteringInput.CheckFinite(x);
        ClusteringInput.CheckWeights(weights, x.RowCount);
        var baseOptions = Options.KMeans;
        var transform = FeatureTransform.Fit(baseOptions.Transform, x.Columns);
        var z = transform.Apply(x.Columns);
        var distinct = ClusteringInput.CountDistinct(z, weights, Options.MaximumClusterCount);
        if (distinct < Options.MinimumClusterCount)
            throw new InputException($"k-means: k_range starts at {Options.MinimumClusterCount} clusters, but the data have only {distinct} distinct rows; lower segmentation.k_range.");
        var maximum = Math.Min(Options.MaximumClusterCount, distinct);

        var streams = new RandomStreams(baseOptions.Seed);
        var sampled = z.RowCount > Options.SilhouetteRows;
        var sample = sampled ? SampleRows(z.RowCount, Options.SilhouetteRows, streams.Split(-1)) : null;
        var silhouetteRows = sample is null ? z : z.Select(sample);
        var threads = baseOptions.EffectiveThreads;

        var fits = new List<(IClusteringModel Model, double Silhouette, double DaviesBouldin, double CalinskiHarabasz)>();
        for (var k = Options.MinimumClusterCount; k <= maximum; k++)
        {
            var options = baseOptions with { ClusterCount = k, Seed = (long)streams.Split(k).NextUInt64() };
            var clock = System.Diagnostics.Stopwatch.StartNew();
            cancellationToken.ThrowIfCancellationRequested();
            var model = clusterer(options).Fit(x, weights, cancellationToken);
            var fitSeconds = clock.Elapsed.TotalSeconds;
            var labels = model.TrainingAssignments;
            IReadOnlyList<int> sampleLabels = sample is null ? labels : [.. sample.Select(i => labels[i])];
            var silhouette = ClusterQuality.Silhouette(silhouetteRows, sampleLabels, k, threads);
            fits.Add((model, silhouette, ClusterQuality.DaviesBouldin(z, labels, k), ClusterQuality.CalinskiHarabasz(z, labels, k)));
            log?.Invoke($"k = {k}: inertia {model.Inertia:G6}, silhouette {silhouette:F4}, Davies-Bouldin {fits[^1].DaviesBouldin:F4} (fit {fitSeconds:F2} s, scores {clock.Elapsed.TotalSeconds - fitSeconds:F2} s)");
        }

        var silhouetteRank = Ranks(fits.Select(f => -f.Silhouette).ToArray());
        var daviesBouldinRank = Ranks(fits.Select(f => f.DaviesBouldin).ToArray());
        var scores = fits.Select((f, i) => new ClusterCountScore(f.Model.ClusterCount, f.Model.Inertia, f.Silhouette, f.DaviesBouldin,
            f.CalinskiHarabasz, (f.Model as KMeansModel)?.Iterations, silhouetteRank[i] + daviesBouldinRank[i])).ToList();
        var chosen = scores.Select((s, i) => (s, i)).OrderBy(p => p.s.RankSum).ThenBy(p => p.s.DaviesBouldin).ThenBy(p => p.s.ClusterCount).First().i;
        return new ClusterCountSearchResult(scores, scores[chosen].ClusterCount, fits[chosen].Model, silhouetteRows.RowCount, sampled);
    }

    /// <summary>Competition ranks (1 = smallest value; equal values share the best rank).</summary>
    private static int[] Ranks(double[] values) =>
        [.. values.Select(v => 1 + values.Count(o => o < v))];

    private static int[] SampleRows(int n, int size, RandomStreams random)
    {
        var rows = Enumerable.Range(0, n).ToArray();
        // A partial Fisher-Yates shuffle: the first `size` slots are a uniform sample without replacement.
        for (var i = 0; i < size; i++)
        {
            var j = i + random.NextInt(n - i);
            (rows[i], rows[j]) = (rows[j], rows[i]);
        }
        return [.. rows[..size].Order()];
    }
}
