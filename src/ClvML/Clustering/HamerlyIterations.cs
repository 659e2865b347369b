using ClvML.Numerics;

namespace ClvML.Clustering;

/// <summary>
/// Lloyd's iterations accelerated with Hamerly's bounds (Hamerly 2010, "Making k-means even faster",
/// SDM): each row keeps an upper bound on the distance to its centroid and one lower bound on the distance
/// to every other centroid. When the upper bound is below max(lower bound, half the distance from its
/// centroid to the nearest other centroid), the row cannot change cluster and no distance is computed.
/// After the first iterations almost every row is skipped, so an iteration costs little more than one read
/// of the bounds. The partition is that of <see cref="LloydIterations"/> from the same start; the centroids
/// agree to rounding (the sums here are updated as rows move rather than recomputed).
/// Prior validation of the data is assumed.
/// </summary>
internal static class HamerlyIterations
{
    public static KMeansRun Run(DenseRows x, double[]? weights, double[] initialCentroids, int maximumIterations,
        double shiftTolerance, int threads)
    {
        var n = x.RowCount;
        var d = x.ColumnCount;
        var k = initialCentroids.Length / d;
        var chunks = RowChunks.Count(n);
        var centroids = (double[])initialCentroids.Clone();
        var next = new double[k * d];
        var clusterWeights = new double[k];
        var assignments = new int[n];
        // Bounds are stored relative to their cluster's accumulated drift (upperDrift, lowerDrift): the true
        // upper bound is bounds[2i] + upperDrift[a], the true lower one bounds[2i + 1] - lowerDrift[a]. Moving
        // the centroids then updates k drifts instead of 2n bounds, so a row that keeps its cluster is only
        // read, never written. Upper and lower sit side by side: the skip test reads both.
        var bounds = new double[2 * n];
        var upperDrift = new double[k];
        var lowerDrift = new double[k];
        // Per-chunk sums are kept up to date row by row as rows change cluster, each chunk by its own thread
        // in row order, so they are deterministic and the rows that stay put cost no arithmetic.
        var chunkSums = new double[chunks * k * d];
        var chunkWeights = new double[chunks * k];
        var chunkChanges = new int[chunks];
        var shift = new double[k];
        var halfGap = new double[k];

        RowChunks.For(n, threads, (c, start, end) =>
        {
            var sums = chunkSums.AsSpan(c * k * d, k * d);
            var clusterWeight = chunkWeights.AsSpan(c * k, k);
            var values = x.Values.AsSpan();
            for (var i = start; i < end; i++)
            {
                var row = values.Slice(i * d, d);
                var best = NearestTwo(row, centroids, k, out var first, out var second);
                assignments[i] = best;
                bounds[2 * i] = Math.Sqrt(first);
                bounds[2 * i + 1] = Math.Sqrt(second);
                var w = weights is null ? 1 : weights[i];
                Add(row, w, sums.Slice(best * d, d));
                clusterWeight[best] += w;
            }
        });

        var iterations = 0;
        var converged = false;
        while (iterations < maximumIterations)
        {
            CentroidUpdate.Apply(x, weights, assignments, centroids, chunkSums, chunkWeights, next, clusterWeights);
            double shiftSquared = 0;
            for (var j = 0; j < k; j++)
            {
                var s = SquaredDistance.Between(next.AsSpan(j * d, d), centroids.AsSpan(j * d, d));
                shiftSquared += s;
                shift[j] = Math.Sqrt(s);
            }
            (centroids, next) = (next, centroids);
            HalfGaps(centroids, k, d, halfGap);
            var (largest, largestCluster, secondLargest) = LargestTwo(shift);
            for (var j = 0; j < k; j++)
            {
                upperDrift[j] += shift[j];
                lowerDrift[j] += j == largestCluster ? secondLargest : largest;
            }
            iterations++;

            RowChunks.For(n, threads, (c, start, end) =>
            {
                var sums = chunkSums.AsSpan(c * k * d, k * d);
                var clusterWeight = chunkWeights.AsSpan(c * k, k);
                var values = x.Values.AsSpan();
                var changes = 0;
                for (var i = start; i < end; i++)
                {
                    var a = assignments[i];
                    var bound = Math.Max(halfGap[a], bounds[2 * i + 1] - lowerDrift[a]);
                    if (bounds[2 * i] + upperDrift[a] <= bound) continue;
                    var row = values.Slice(i * d, d);
                    var u = Math.Sqrt(SquaredDistance.Between(row, centroids.AsSpan(a * d, d)));
                    if (u <= bound)
                    {
                        bounds[2 * i] = u - upperDrift[a];
                        continue;
                    }
                    var best = NearestTwo(row, centroids, k, out var first, out var second);
                    if (best != a)
                    {
                        changes++;
                        var w = weights is null ? 1 : weights[i];
                        Add(row, -w, sums.Slice(a * d, d));
                        clusterWeight[a] -= w;
                        Add(row, w, sums.Slice(best * d, d));
                        clusterWeight[best] += w;
                        assignments[i] = best;
                    }
                    bounds[2 * i] = Math.Sqrt(first) - upperDrift[best];
                    bounds[2 * i + 1] = Math.Sqrt(second) + lowerDrift[best];
                }
                chunkChanges[c] = changes;
            });
            if (chunkChanges.Sum() == 0 || shiftSquared <= shiftTolerance)
            {
                converged = true;
                break;
            }
        }
        return new KMeansRun(centroids, assignments, Inertia(x, weights, centroids, assignments, threads), iterations, converged);

    }

    /// <summary>Sum of weight x squared distance to the assigned centroid, reduced in chunk order.</summary>
    public static double Inertia(DenseRows x, double[]? weights, double[] centroids, int[] assignments, int threads)
    {
        var d = x.ColumnCount;
        var partial = new double[RowChunks.Count(x.RowCount)];
        RowChunks.For(x.RowCount, threads, (c, start, end) =>
        {
            var values = x.Values.AsSpan();
            double s = 0;
            for (var i = start; i < end; i++)
            {
                var dist = SquaredDistance.Between(values.Slice(i * d, d), centroids.AsSpan(assignments[i] * d, d));
                s += weights is null ? dist : weights[i] * dist;
            }
            partial[c] = s;
        });
        double total = 0;
        foreach (var p in partial) total += p;
        return total;
    }

    /// <summary>Nearest centroid (first on ties) with the squared distances to it and to the second nearest.</summary>
    internal static int NearestTwo(ReadOnlySpan<double> row, ReadOnlySpan<double> centroids, int k, out double first, out double second)
    {
        var d = row.Length;
        var best = 0;
        first = double.PositiveInfinity;
        second = double.PositiveInfinity;
        for (var j = 0; j < k; j++)
        {
            var s = SquaredDistance.Between(row, centroids.Slice(j * d, d));
            if (s < first)
            {
                second = first;
                first = s;
                best = j;
            }
            else if (s < second)
            {
                second = s;
            }
        }
        return best;
    }

    private static void Add(ReadOnlySpan<double> row, double weight, Span<double> sums)
    {
        for (var f = 0; f < row.Length; f++) sums[f] += weight * row[f];
    }

    /// <summary>Half the distance from each centroid to its nearest other centroid (Hamerly's s(j)).</summary>
    private static void HalfGaps(double[] centroids, int k, int d, double[] halfGap)
    {
        for (var j = 0; j < k; j++)
        {
            var nearest = double.PositiveInfinity;
            for (var o = 0; o < k; o++)
                if (o != j) nearest = Math.Min(nearest, SquaredDistance.Between(centroids.AsSpan(j * d, d), centroids.AsSpan(o * d, d)));
            halfGap[j] = k == 1 ? double.PositiveInfinity : Math.Sqrt(nearest) / 2;
        }
    }

    private static (double Largest, int LargestCluster, double Second) LargestTwo(double[] shift)
    {
        double largest = -1, second = 0;
        var cluster = 0;
        for (var j = 0; j < shift.Length; j++)
        {
            if (shift[j] > largest)
            {
                second = Math.Max(largest, 0);
                largest = shift[j];
                cluster = j;
            }
            else if (shift[j] > second)
            {
                second = shift[j];
            }
        }
        return (largest, cluster, second);
    }
}
