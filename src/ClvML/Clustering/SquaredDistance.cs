using System.Runtime.CompilerServices;

namespace ClvML.Clustering;

/// <summary>Squared Euclidean distance, the one formula every kernel uses so that their results agree exactly.</summary>
internal static class SquaredDistance
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Between(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (var f = 0; f < a.Length; f++)
        {
            var delta = a[f] - b[f];
            s += delta * delta;
        }
        return s;
    }

    /// <summary>Index and squared distance of the nearest of <paramref name="k"/> flat centroids (the first on ties).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Nearest(ReadOnlySpan<double> row, ReadOnlySpan<double> centroids, int k, out double distance)
    {
        var d = row.Length;
        var best = 0;
        var bestDistance = double.PositiveInfinity;
        for (var j = 0; j < k; j++)
        {
            var s = Between(row, centroids.Slice(j * d, d));
            if (s < bestDistance)
            {
                bestDistance = s;
                best = j;
            }
        }
        distance = bestDistance;
        return best;
    }
}
