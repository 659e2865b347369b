namespace ClvML.Clustering;

/// <summary>
/// Lloyd's iterations accelerated with Hamerly's bounds (Hamerly 2010, "Making k-means even faster",
/// SDM): each row keeps an upper bound on the distance to its centroid and one lower bound on the distance
/// to every other centroid. When the upper bound is below max(lower bound, half the distance from its
/// centroid to the nearest other centroid), the row cannot change cluster and no distance is computed.
/// After the first iterations almost every row is skipped, so an iteration costs little more than one read
/// of the data. The assignment and the per-chunk sums of the next update are one fused pass over the rows.
/// The partition and centroids are those of <see cref="LloydIterations"/> from the same start.
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
        var upper = new double[n];
        var lower = new double[n];
        var chunkSums = new double[chunks * k * d];
        var chunkWeights = new double[chunks * k];
        var chunkChanges = new int[chunks];
        var shift = new double[k];
        var halfGap = new double[k];

        RowChunks.For(n, threads, (c, start, end) =>
        {
            var sums = chunkSums.AsSpan(c * k * d, k * d);
            var clusterWeight = chunkWeights.AsSpan(c * k, k);
            sums.Clear();
            clusterWeight.Clear();
            var values = x.Values.AsSpan();
            for (var i = start; i < end; i++)
            {
                var row = values.Slice(i * d, d);
                var best = NearestTwo(row, centroids, k, out var first, out var second);
                assignments[i] = best;
                upper[i] = Math.Sqrt(first);
                lower[i] = Math.Sqrt(second);
                Accumulate(row, weights is null ? 1 : weights[i], sums.Slice(best * d, d), ref clusterWeight[best]);
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
            iterations++;

            RowChunks.For(n, threads, (c, start, end) =>
            {
                var sums = chunkSums.AsSpan(c * k * d, k * d);
                var clusterWeight = chunkWeights.AsSpan(c * k, k);
                sums.Clear();
                clusterWeight.Clear();
                var values = x.Values.AsSpan();
                var changes = 0;
                for (var i = start; i < end; i++)
                {
                    var row = values.Slice(i * d, d);
                    var a = assignments[i];
                    var u = upper[i] + shift[a];
                    var l = lower[i] - (a == largestCluster ? secondLargest : largest);
                    var bound = Math.Max(halfGap[a], l);
                    if (u > bound)
                    {
                        u = Math.Sqrt(SquaredDistance.Between(row, centroids.AsSpan(a * d, d)));
                        if (u > bound)
                        {
                            var best = NearestTwo(row, centroids, k, out var first, out var second);
                            if (best != a) changes++;
                            a = best;
                            assignments[i] = best;
                            u = Math.Sqrt(first);
                            l = Math.Sqrt(second);
                        }
                    }
                    upper[i] = u;
                    lower[i] = l;
                    Accumulate(row, weights is null ? 1 : weights[i], sums.Slice(a * d, d), ref clusterWeight[a]);
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

    private static void Accumulate(ReadOnlySpan<double> row, double weight, Span<double> sums, ref double clusterWeight)
    {
        for (var f = 0; f < row.Length; f++) sums[f] += weight * row[f];
        clusterWeight += weight;
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
