using ClvML.Clustering;

namespace ClvML.Tests.Clustering;

public sealed class ClusterCountSearchTests
{
    [Fact]
    public void Four_separated_blobs_give_k_4_with_a_row_per_k()
    {
        var (x, _) = ClusteringTestData.Blobs([[0, 0], [15, 0], [0, 15], [15, 15]], 200, seed: 3);
        var search = new ClusterCountSearch(new ClusterCountSearchOptions
        {
            MinimumClusterCount = 2, MaximumClusterCount = 7,
            KMeans = new KMeansOptions { Transform = FeatureTransformKind.None, Restarts = 3, Seed = 5 },
        });
        var result = search.Run(x);
        Assert.Equal(4, result.ChosenClusterCount);
        Assert.Equal([2, 3, 4, 5, 6, 7], result.Scores.Select(s => s.ClusterCount));
        Assert.Equal(4, result.Model.ClusterCount);
        Assert.False(result.SilhouetteSampled);
        Assert.Equal(800, result.SilhouetteRows);
        var four = result.Scores.Single(s => s.ClusterCount == 4);
        Assert.Equal(2, four.RankSum); // best silhouette and best Davies-Bouldin
        Assert.True(four.Silhouette > 0.8);
        Assert.Equal(result.Scores.Max(s => s.CalinskiHarabasz), four.CalinskiHarabasz);
        // Inertia falls with k (the elbow curve), and the chosen model is the k = 4 fit.
        for (var i = 1; i < result.Scores.Count; i++) Assert.True(result.Scores[i].Inertia < result.Scores[i - 1].Inertia);
        Assert.Equal(four.Inertia, result.Model.Inertia);
    }

    [Fact]
    public void Above_the_limit_the_silhouette_uses_a_seeded_sample()
    {
        var (x, _) = ClusteringTestData.Blobs([[0, 0], [15, 0], [0, 15]], 400, seed: 8);
        var options = new ClusterCountSearchOptions
        {
            MinimumClusterCount = 2, MaximumClusterCount = 4, SilhouetteRows = 500,
            KMeans = new KMeansOptions { Transform = FeatureTransformKind.None, Seed = 1 },
        };
        var first = new ClusterCountSearch(options).Run(x);
        var second = new ClusterCountSearch(options).Run(x);
        Assert.True(first.SilhouetteSampled);
        Assert.Equal(500, first.SilhouetteRows);
        Assert.Equal(3, first.ChosenClusterCount);
        Assert.Equal(first.Scores.Select(s => s.Silhouette), second.Scores.Select(s => s.Silhouette));
    }

    [Fact]
    public void A_range_beyond_the_distinct_rows_is_capped_and_one_below_is_an_error()
    {
        var x = new ClvML.Features.FeatureMatrix(["a"], [[1, 1, 2, 2, 3, 3, 9]]);
        var options = new ClusterCountSearchOptions { MinimumClusterCount = 2, MaximumClusterCount = 10, KMeans = new KMeansOptions { Transform = FeatureTransformKind.None } };
        Assert.Equal([2, 3, 4], new ClusterCountSearch(options).Run(x).Scores.Select(s => s.ClusterCount));
        var e = Assert.Throws<InputException>(() => new ClusterCountSearch(options with { MinimumClusterCount = 5 }).Run(x));
        Assert.Equal("k-means: k_range starts at 5 clusters, but the data have only 4 distinct rows; lower segmentation.k_range.", e.Message);
    }
}
