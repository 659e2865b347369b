using ClvML.Numerics;

namespace ClvML.Clustering;

/// <summary>
/// Plain Lloyd iterations (Lloyd 1982): assign every row to its nearest centroid, move every centroid to
/// the weighted mean of its rows, repeat. Every distance is computed every iteration, so it is the
/// reference the bounded <see cref="HamerlyIterations"/> is checked against, and it can record the inertia
/// after each assignment (which Lloyd's algorithm never increases).
/// </summary>
internal static class LloydIterations
{
    public static KMeansRun Run(DenseRows x, double[]? weights, double[] initialCentroids, int maximumIterations,
        double shiftTolerance, int threads, List<double>? inertiaHistory = null)
    {
        var n = x.RowCount;
        var d = x.ColumnCount;
        var k = initialCentroids.Length / d;
        var chunks = RowChunks.Count(n);
        var centroids = (double[])initialCentroids.Clone();
        var next = new double[k * d];
        var clusterWeights = new double[k];
        var assignments = new int[n];
        var chunkSums = new double[chunks * k * d];
        var chunkWeights = new double[chunks * k];
        var chunkChanges = new int[chunks];
        var chunkInertia = new double[chunks];

        void Assign()
        {
            RowChunks.For(n, threads, (c, start, end) =>
            {
                var sums = chunkSums.AsSpan(c * k * d, k * d);
                var clusterWeight = chunkWeights.AsSpan(c * k, k);
                sums.Clear();
                clusterWeight.Clear();
                var values = x.Values.AsSpan();
                var changes = 0;
                double inertia = 0;
                for (var i = start; i < end; i++)
                {
                    var row = values.Slice(i * d, d);
                    var best = SquaredDistance.Nearest(row, centroids, k, out var distance);
                    if (best != assignments[i]) changes++;
                    assignments[i] = best;
                    var w = weights is null ? 1 : weights[i];
                    inertia += w * distance;
                    for (var f = 0; f < d; f++) sums[best * d + f] += w * row[f];
                    clusterWeight[best] += w;
                }
                chunkChanges[c] = changes;
                chunkInertia[c] = inertia;
            });
            if (inertiaHistory is not null)
            {
                double total = 0;
                foreach (var p in chunkInertia) total += p;
                inertiaHistory.Add(total);
            }
        }

        Assign();
        var iterations = 0;
        var converged = false;
        while (iterations < maximumIterations)
        {
            CentroidUpdate.Apply(x, weights, assignments, centroids, chunkSums, chunkWeights, next, clusterWeights);
            double shiftSquared = 0;
            for (var j = 0; j < k; j++) shiftSquared += SquaredDistance.Between(next.AsSpan(j * d, d), centroids.AsSpan(j * d, d));
            (centroids, next) = (next, centroids);
            iterations++;
            Assign();
            if (chunkChanges.Sum() == 0 || shiftSquared <= shiftTolerance)
            {
                converged = true;
                break;
            }
        }
        return new KMeansRun(centroids, assignments, HamerlyIterations.Inertia(x, weights, centroids, assignments, threads), iterations, converged);
    }
}
