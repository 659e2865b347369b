using System.Runtime.InteropServices;
using ClvML.Features;

namespace ClvML.Clustering;

/// <summary>The checks public clustering methods run once, each failing with a message that names the cause.</summary>
internal static class ClusteringInput
{
    /// <summary>Every value finite; at least one row.</summary>
    public static void CheckFinite(FeatureMatrix x)
    {
        if (x.FeatureCount == 0) throw new InputException("k-means: no feature columns were given; name at least one (segmentation.features).");
        if (x.RowCount == 0) throw new InputException("k-means: the feature table is empty; there are no customers to cluster.");
        for (var f = 0; f < x.FeatureCount; f++)
        {
            var column = x.Columns[f];
            for (var i = 0; i < column.Length; i++)
                if (!double.IsFinite(column[i]))
                    throw new InputException($"k-means: feature '{x.Names[f]}' is {Describe(column[i])} in row {i + 1}; every feature value must be finite (fill or drop such customers first).");
        }
    }

    /// <summary>Weights absent, or one finite non-negative weight per row with a positive total.</summary>
    public static void CheckWeights(double[]? weights, int rowCount)
    {
        if (weights is null) return;
        if (weights.Length != rowCount) throw new InputException($"k-means: {weights.Length} weights for {rowCount} rows; give one weight per row.");
        double total = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            if (!double.IsFinite(weights[i]) || weights[i] < 0)
                throw new InputException($"k-means: weight of row {i + 1} is {weights[i].ToString(System.Globalization.CultureInfo.InvariantCulture)}; weights must be finite and >= 0.");
            total += weights[i];
        }
        if (total <= 0) throw new InputException("k-means: every weight is 0; at least one row needs a positive weight.");
    }

    /// <summary>k no larger than the number of distinct rows (of positive weight): more centroids than points cannot all be used.</summary>
    public static void CheckClusterCount(DenseRows z, double[]? weights, int k)
    {
        if (z.RowCount == 0) throw new InputException("k-means: the feature table is empty; there are no customers to cluster.");
        var distinct = CountDistinct(z, weights, k);
        if (distinct < k)
            throw new InputException($"k-means: k = {k} clusters, but the data have only {distinct} distinct rows; choose k <= {distinct} (segmentation.k or k_range).");
    }

    /// <summary>Distinct rows of positive weight, counted up to <paramref name="limit"/> (stopping there keeps it cheap on a million rows).</summary>
    public static int CountDistinct(DenseRows z, double[]? weights, int limit)
    {
        var distinct = new HashSet<int>(new RowComparer(z));
        for (var i = 0; i < z.RowCount && distinct.Count < limit; i++)
            if (weights is null || weights[i] > 0) distinct.Add(i);
        return distinct.Count;
    }

    private static string Describe(double v) => double.IsNaN(v) ? "NaN" : v > 0 ? "+infinity" : "-infinity";

    /// <summary>Compares rows by their bits, so the set counts exactly distinct points.</summary>
    private sealed class RowComparer(DenseRows z) : IEqualityComparer<int>
    {
        public bool Equals(int a, int b) => MemoryMarshal.AsBytes(z.Row(a)).SequenceEqual(MemoryMarshal.AsBytes(z.Row(b)));

        public int GetHashCode(int row)
        {
            var hash = new HashCode();
            hash.AddBytes(MemoryMarshal.AsBytes(z.Row(row)));
            return hash.ToHashCode();
        }
    }
}
