using ClvML.Clustering;

namespace ClvML.Tests.Clustering;

public sealed class ClusterQualityTests
{
    // One dimension: A = {0, 1}, B = {4, 6}.
    private static readonly DenseRows Line = DenseRows.FromColumns([[0, 1, 4, 6]]);
    private static readonly int[] LineLabels = [0, 0, 1, 1];

    [Fact]
    public void Silhouette_of_a_hand_computed_example_to_1e_12()
    {
        // point 0: a = |0-1| = 1, b = (4 + 6)/2 = 5,   s = (5 - 1)/5     = 4/5
        // point 1: a = 1,          b = (3 + 5)/2 = 4,   s = (4 - 1)/4     = 3/4
        // point 4: a = |4-6| = 2,  b = (4 + 3)/2 = 3.5, s = (3.5 - 2)/3.5 = 3/7
        // point 6: a = 2,          b = (6 + 5)/2 = 5.5, s = (5.5 - 2)/5.5 = 7/11
        // mean = (4/5 + 3/4 + 3/7 + 7/11) / 4 = (1232 + 1155 + 660 + 980) / 1540 / 4 = 4027/6160
        Assert.Equal(4027.0 / 6160.0, ClusterQuality.Silhouette(Line, LineLabels, 2), 1e-12);
    }

    [Fact]
    public void A_singleton_cluster_scores_zero_and_counts_in_the_mean()
    {
        // Add C = {20} alone: its silhouette is 0 by convention; for the others b is unchanged
        // (their mean distance to C, 14..20, exceeds the one to A or B), so the mean is 4027/1540 / 5 = 4027/7700.
        var x = DenseRows.FromColumns([[0, 1, 4, 6, 20]]);
        Assert.Equal(4027.0 / 7700.0, ClusterQuality.Silhouette(x, [0, 0, 1, 1, 2], 3), 1e-12);
    }

    [Fact]
    public void Silhouette_in_two_dimensions_with_3_4_5_triangles()
    {
        // A = {(0,0), (0,3)}, B = {(4,0), (4,3)}: within-cluster distance 3, across 4 and 5 (3-4-5 triangles).
        // Every point: a = 3, b = (4 + 5)/2 = 4.5, s = 1.5/4.5 = 1/3.
        var x = DenseRows.FromColumns([[0, 0, 4, 4], [0, 3, 0, 3]]);
        Assert.Equal(1.0 / 3.0, ClusterQuality.Silhouette(x, [0, 0, 1, 1], 2), 1e-12);
    }

    [Fact]
    public void Davies_Bouldin_and_Calinski_Harabasz_of_the_same_example()
    {
        // Means 0.5 and 5; spreads S_A = 0.5, S_B = 1; separation 4.5: DB = (0.5 + 1)/4.5 = 1/3 for both clusters.
        Assert.Equal(1.0 / 3.0, ClusterQuality.DaviesBouldin(Line, LineLabels, 2), 1e-12);
        // Overall mean 2.75: B = 2 (2.25^2) + 2 (2.25^2) = 20.25; W = 0.25 + 0.25 + 1 + 1 = 2.5;
        // CH = (B / (k - 1)) / (W / (n - k)) = 20.25 / (2.5 / 2) = 16.2.
        Assert.Equal(16.2, ClusterQuality.CalinskiHarabasz(Line, LineLabels, 2), 1e-12);
    }

    [Fact]
    public void Blocked_vectorised_silhouette_matches_a_plain_double_loop_on_any_thread_count()
    {
        // 2,601 rows: six blocks of 512, so diagonal and mirrored off-diagonal blocks and ragged tails all occur.
        const int n = 2601;
        var x = DenseRows.FromColumns(ClusteringTestData.Uniform(n, 3, seed: 4).Columns);
        var labels = Enumerable.Range(0, n).Select(i => (int)(x.Values[i * 3] * 4)).ToArray();
        double total = 0;
        for (var i = 0; i < n; i++)
        {
            var sums = new double[4];
            var counts = new int[4];
            for (var j = 0; j < n; j++)
            {
                double squares = 0;
                for (var f = 0; f < 3; f++) squares += (x.Values[i * 3 + f] - x.Values[j * 3 + f]) * (x.Values[i * 3 + f] - x.Values[j * 3 + f]);
                sums[labels[j]] += Math.Sqrt(squares);
                counts[labels[j]]++;
            }
            var a = sums[labels[i]] / (counts[labels[i]] - 1);
            var b = Enumerable.Range(0, 4).Where(c => c != labels[i]).Min(c => sums[c] / counts[c]);
            total += (b - a) / Math.Max(a, b);
        }
        var one = ClusterQuality.Silhouette(x, labels, 4, threads: 1);
        Assert.Equal(total / n, one, 1e-12);
        Assert.Equal(one, ClusterQuality.Silhouette(x, labels, 4, threads: 2)); // bit for bit
    }
}
