namespace ClvML.Clustering;

/// <summary>
/// The update step shared by <see cref="HamerlyIterations"/> and <see cref="LloydIterations"/>: per-chunk
/// weighted sums added in chunk order (deterministic), each centroid the weighted mean of its rows, and
/// empty-cluster repair. Sharing it makes the two kernels give bit-identical centroids on the same partition.
/// </summary>
internal static class CentroidUpdate
{
    /// <summary>
    /// Writes the new centroids into <paramref name="next"/> from the chunk partials. An empty cluster is moved
    /// onto the row farthest from its current centroid (distinct rows for several), and that row's weight is
    /// taken from its old cluster, as scikit-learn's relocation does: an empty centroid would otherwise be lost.
    /// </summary>
    public static void Apply(DenseRows x, double[]? weights, int[] assignments, double[] current, double[] chunkSums,
        double[] chunkWeights, double[] next, double[] clusterWeights)
    {
        var d = x.ColumnCount;
        var k = clusterWeights.Length;
        var chunks = chunkWeights.Length / k;
        Array.Clear(next);
        Array.Clear(clusterWeights);
        for (var c = 0; c < chunks; c++)
        {
            for (var j = 0; j < k; j++) clusterWeights[j] += chunkWeights[c * k + j];
            var sums = chunkSums.AsSpan(c * k * d, k * d);
            for (var v = 0; v < sums.Length; v++) next[v] += sums[v];
        }
        var empty = 0;
        for (var j = 0; j < k; j++)
            if (clusterWeights[j] <= 0) empty++;
        if (empty > 0) RelocateEmpty(x, weights, assignments, current, next, clusterWeights, empty);
        for (var j = 0; j < k; j++)
        {
            if (clusterWeights[j] <= 0)
            {
                // Still empty (no row could be spared): the centroid stays where it was.
                current.AsSpan(j * d, d).CopyTo(next.AsSpan(j * d, d));
                continue;
            }
            var inverse = 1 / clusterWeights[j];
            for (var f = 0; f < d; f++) next[j * d + f] *= inverse;
        }
    }

    private static void RelocateEmpty(DenseRows x, double[]? weights, int[] assignments, double[] current, double[] sums,
        double[] clusterWeights, int empty)
    {
        var d = x.ColumnCount;
        var n = x.RowCount;
        var far = new List<(double Distance, int Row)>(empty + 1);
        for (var i = 0; i < n; i++)
        {
            if (weights is not null && weights[i] <= 0) continue;
            var dist = SquaredDistance.Between(x.Row(i), current.AsSpan(assignments[i] * d, d));
            if (far.Count == empty && dist <= far[^1].Distance) continue;
            var at = far.FindIndex(e => dist > e.Distance);
            far.Insert(at < 0 ? far.Count : at, (dist, i));
            if (far.Count > empty) far.RemoveAt(far.Count - 1);
        }
        var next = 0;
        for (var j = 0; j < clusterWeights.Length && next < far.Count; j++)
        {
            if (clusterWeights[j] > 0) continue;
            var row = far[next++].Row;
            var w = weights is null ? 1 : weights[row];
            var from = assignments[row];
            if (clusterWeights[from] - w <= 0) continue; // taking its only row would just empty another cluster
            var values = x.Row(row);
            for (var f = 0; f < d; f++)
            {
                sums[from * d + f] -= w * values[f];
                sums[j * d + f] = w * values[f];
            }
            clusterWeights[from] -= w;
            clusterWeights[j] = w;
        }
    }
}
