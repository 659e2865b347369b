namespace ClvML.Clustering;

/// <summary>
/// Internal cluster-validity indices of a partition, computed (unweighted) in the space the clustering ran in.
/// Conventions follow scikit-learn so numbers can be compared: a point alone in its cluster has silhouette 0;
/// coinciding centroids contribute 0 to Davies-Bouldin; zero within-cluster dispersion gives Calinski-Harabasz 1.
/// </summary>
public static class ClusterQuality
{
    /// <summary>
    /// Mean silhouette (Rousseeuw 1987, "Silhouettes: a graphical aid to the interpretation and validation of
    /// cluster analysis", J. Comput. Appl. Math. 20): for each point, a = mean distance to the other points of
    /// its cluster, b = the smallest mean distance to the points of another cluster, s = (b - a) / max(a, b).
    /// From -1 to 1, higher is better. Exact: O(n^2) distances, so callers sample large tables.
    /// </summary>
    /// <remarks>
    /// Rows are sorted by cluster once, so each point's distance sums to a cluster are sums over contiguous
    /// ranges of column-major arrays, which vectorise; each distance is computed once for both of its points
    /// (<see cref="SilhouetteSums"/>).
    /// </remarks>
    public static double Silhouette(DenseRows x, IReadOnlyList<int> labels, int clusterCount, int threads = 0)
    {
        var n = x.RowCount;
        var d = x.ColumnCount;
        if (labels.Count != n) throw new ArgumentException($"{labels.Count} labels for {n} rows.");
        var order = Enumerable.Range(0, n).OrderBy(i => labels[i]).ThenBy(i => i).ToArray();
        var columns = new double[d][];
        for (var f = 0; f < d; f++)
        {
            columns[f] = new double[n];
            for (var r = 0; r < n; r++) columns[f][r] = x.Values[order[r] * d + f];
        }
        var starts = new int[clusterCount + 1];
        foreach (var label in labels) starts[label + 1]++;
        for (var c = 0; c < clusterCount; c++) starts[c + 1] += starts[c];

        var sortedLabels = order.Select(i => labels[i]).ToArray();
        var sums = SilhouetteSums.Compute(columns, sortedLabels, starts, clusterCount, threads > 0 ? threads : Environment.ProcessorCount);
        var scores = new double[n];
        for (var r = 0; r < n; r++)
        {
            var own = sortedLabels[r];
            var size = starts[own + 1] - starts[own];
            if (size <= 1) continue; // scores[r] stays 0, Rousseeuw's convention for a singleton
            var a = sums[own * n + r] / (size - 1);
            var b = double.PositiveInfinity;
            for (var c = 0; c < clusterCount; c++)
            {
                var count = starts[c + 1] - starts[c];
                if (c != own && count > 0) b = Math.Min(b, sums[c * n + r] / count);
            }
            var denominator = Math.Max(a, b);
            scores[r] = double.IsPositiveInfinity(b) || denominator == 0 ? 0 : (b - a) / denominator;
        }
        double total = 0;
        foreach (var s in scores) total += s;
        return total / n;
    }

    /// <summary>
    /// Davies-Bouldin index (Davies &amp; Bouldin 1979, "A cluster separation measure", IEEE PAMI 1(2)): the mean
    /// over clusters of the largest (S_i + S_j) / M_ij, S the mean distance of a cluster's points to its mean and
    /// M the distance between means. From 0 up, lower is better.
    /// </summary>
    public static double DaviesBouldin(DenseRows x, IReadOnlyList<int> labels, int clusterCount)
    {
        var d = x.ColumnCount;
        var (means, sizes) = Means(x, labels, clusterCount);
        var spread = new double[clusterCount];
        for (var i = 0; i < x.RowCount; i++)
            spread[labels[i]] += Math.Sqrt(SquaredDistance.Between(x.Row(i), means.AsSpan(labels[i] * d, d)));
        var used = Enumerable.Range(0, clusterCount).Where(c => sizes[c] > 0).ToArray();
        foreach (var c in used) spread[c] /= sizes[c];
        double total = 0;
        foreach (var i in used)
        {
            double worst = 0;
            foreach (var j in used)
            {
                if (i == j) continue;
                var separation = Math.Sqrt(SquaredDistance.Between(means.AsSpan(i * d, d), means.AsSpan(j * d, d)));
                if (separation > 0) worst = Math.Max(worst, (spread[i] + spread[j]) / separation);
            }
            total += worst;
        }
        return used.Length < 2 ? 0 : total / used.Length;
    }

    /// <summary>
    /// Calinski-Harabasz index (Calinski &amp; Harabasz 1974, "A dendrite method for cluster analysis", Comm. in
    /// Statistics 3(1)): between-cluster over within-cluster dispersion, each divided by its degrees of freedom,
    /// (B / (k - 1)) / (W / (n - k)). Higher is better.
    /// </summary>
    public static double CalinskiHarabasz(DenseRows x, IReadOnlyList<int> labels, int clusterCount)
    {
        var n = x.RowCount;
        var d = x.ColumnCount;
        var (means, sizes) = Means(x, labels, clusterCount);
        var overall = new double[d];
        for (var i = 0; i < n; i++)
            for (var f = 0; f < d; f++) overall[f] += x.Values[i * d + f];
        for (var f = 0; f < d; f++) overall[f] /= n;
        double between = 0, within = 0;
        for (var c = 0; c < clusterCount; c++) between += sizes[c] * SquaredDistance.Between(means.AsSpan(c * d, d), overall);
        for (var i = 0; i < n; i++) within += SquaredDistance.Between(x.Row(i), means.AsSpan(labels[i] * d, d));
        var k = sizes.Count(s => s > 0);
        if (k < 2) return 0;
        return within == 0 ? 1 : between * (n - k) / (within * (k - 1));
    }

    private static (double[] Means, int[] Sizes) Means(DenseRows x, IReadOnlyList<int> labels, int clusterCount)
    {
        var d = x.ColumnCount;
        var means = new double[clusterCount * d];
        var sizes = new int[clusterCount];
        for (var i = 0; i < x.RowCount; i++)
        {
            var c = labels[i];
            sizes[c]++;
            for (var f = 0; f < d; f++) means[c * d + f] += x.Values[i * d + f];
        }
        for (var c = 0; c < clusterCount; c++)
            for (var f = 0; f < d && sizes[c] > 0; f++) means[c * d + f] /= sizes[c];
        return (means, sizes);
    }
}
