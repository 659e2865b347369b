using ClvML.Numerics;

namespace ClvML.Clustering;

/// <summary>
/// Greedy k-means++ seeding (Arthur &amp; Vassilvitskii 2007, "k-means++: the advantages of careful
/// seeding", SODA): the first centre is a row drawn in proportion to its weight; each next centre is the
/// best of several candidates drawn with probability proportional to weight x squared distance to the
/// nearest chosen centre (D^2 sampling), "best" meaning the candidate that lowers the potential
/// sum w D^2 the most. Several candidates per step is the greedy variant the paper's experiments and
/// scikit-learn use; it avoids the occasional poor pick of plain D^2 sampling.
/// Prior validation of the data is assumed; sums are reduced per <see cref="RowChunks"/> chunk for determinism.
/// </summary>
internal static class KMeansPlusPlus
{
    /// <summary>The k initial centroids, flat (k x d).</summary>
    public static double[] Seed(DenseRows x, double[]? weights, int k, int candidates, RandomStreams random, int threads)
    {
        var n = x.RowCount;
        var d = x.ColumnCount;
        var centroids = new double[k * d];
        var closest = new double[n];
        var chunkTotals = new double[RowChunks.Count(n)];

        // Unweighted, the same draw as all-ones weights, so that weights of 1 give exactly the unweighted fit.
        var first = weights is null ? Math.Min(n - 1, (int)(n * random.NextDouble())) : SampleByWeight(weights, random);
        x.Row(first).CopyTo(centroids.AsSpan(0, d));
        RowChunks.For(n, threads, (c, start, end) =>
        {
            var center = centroids.AsSpan(0, d);
            var values = x.Values.AsSpan();
            double s = 0;
            for (var i = start; i < end; i++)
            {
                var dist = SquaredDistance.Between(values.Slice(i * d, d), center);
                closest[i] = dist;
                s += weights is null ? dist : weights[i] * dist;
            }
            chunkTotals[c] = s;
        });
        var potential = Total(chunkTotals);

        var candidateRows = new int[candidates];
        var candidatePotentials = new double[RowChunks.Count(n) * candidates];
        for (var cluster = 1; cluster < k; cluster++)
        {
            for (var t = 0; t < candidates; t++)
                candidateRows[t] = SampleByPotential(closest, weights, chunkTotals, potential * random.NextDouble());
            RowChunks.For(n, threads, (c, start, end) =>
            {
                var values = x.Values.AsSpan();
                for (var t = 0; t < candidateRows.Length; t++)
                {
                    var candidate = values.Slice(candidateRows[t] * d, d);
                    double s = 0;
                    for (var i = start; i < end; i++)
                    {
                        var dist = Math.Min(closest[i], SquaredDistance.Between(values.Slice(i * d, d), candidate));
                        s += weights is null ? dist : weights[i] * dist;
                    }
                    candidatePotentials[c * candidateRows.Length + t] = s;
                }
            });
            var best = 0;
            var bestPotential = double.PositiveInfinity;
            for (var t = 0; t < candidates; t++)
            {
                double s = 0;
                for (var c = 0; c < chunkTotals.Length; c++) s += candidatePotentials[c * candidates + t];
                if (s < bestPotential)
                {
                    bestPotential = s;
                    best = t;
                }
            }
            x.Row(candidateRows[best]).CopyTo(centroids.AsSpan(cluster * d, d));
            RowChunks.For(n, threads, (c, start, end) =>
            {
                var values = x.Values.AsSpan();
                var center = centroids.AsSpan(cluster * d, d);
                double s = 0;
                for (var i = start; i < end; i++)
                {
                    var dist = Math.Min(closest[i], SquaredDistance.Between(values.Slice(i * d, d), center));
                    closest[i] = dist;
                    s += weights is null ? dist : weights[i] * dist;
                }
                chunkTotals[c] = s;
            });
            potential = Total(chunkTotals);
        }
        return centroids;
    }

    private static double Total(double[] parts)
    {
        double s = 0;
        foreach (var p in parts) s += p;
        return s;
    }

    private static int SampleByWeight(double[] weights, RandomStreams random)
    {
        double total = 0;
        foreach (var w in weights) total += w;
        var target = total * random.NextDouble();
        double cumulative = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            cumulative += weights[i];
            if (cumulative > target && weights[i] > 0) return i;
        }
        return LastPositive(weights);
    }

    /// <summary>
    /// The first row whose cumulative weighted squared distance exceeds <paramref name="target"/>: the chunk
    /// is found from the chunk totals, the row by a scan inside it, so no n-long prefix array is built.
    /// </summary>
    private static int SampleByPotential(double[] closest, double[]? weights, double[] chunkTotals, double target)
    {
        var n = closest.Length;
        double cumulative = 0;
        var chunk = 0;
        while (chunk < chunkTotals.Length - 1 && cumulative + chunkTotals[chunk] <= target) cumulative += chunkTotals[chunk++];
        var end = Math.Min(n, (chunk + 1) * RowChunks.Size);
        var lastPositive = -1;
        for (var i = chunk * RowChunks.Size; i < end; i++)
        {
            var mass = weights is null ? closest[i] : weights[i] * closest[i];
            if (mass <= 0) continue;
            lastPositive = i;
            cumulative += mass;
            if (cumulative > target) return i;
        }
        // Rounding left the target just past the chunk's rows: take its last row with mass, or any row with mass.
        if (lastPositive >= 0) return lastPositive;
        for (var i = n - 1; i >= 0; i--)
            if ((weights is null ? closest[i] : weights[i] * closest[i]) > 0) return i;
        return 0;
    }

    private static int LastPositive(double[] weights)
    {
        for (var i = weights.Length - 1; i >= 0; i--)
            if (weights[i] > 0) return i;
        return 0;
    }
}
