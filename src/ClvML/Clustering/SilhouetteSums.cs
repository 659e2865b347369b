using System.Numerics;

namespace ClvML.Clustering;

/// <summary>
/// The O(n^2) part of the silhouette: for every row r (rows sorted by cluster) and cluster c, the sum of
/// distances from r to the rows of c, <c>sums[c * n + r]</c>. Each distance is computed once and added to both
/// of its rows, which halves the square roots that bound this loop. Rows are cut into blocks; block pairs
/// (I, I + delta) are processed delta by delta, in two alternating halves, so no two concurrent tasks touch the
/// same block and every sum receives its terms in the same order whatever the number of threads.
/// </summary>
internal static class SilhouetteSums
{
    /// <summary>Rows per block: a block's partial sums (4 KB per cluster) stay in the first-level cache.</summary>
    private const int Block = 512;

    public static double[] Compute(double[][] columns, int[] sortedLabels, int[] starts, int clusterCount, int threads)
    {
        var n = sortedLabels.Length;
        var sums = new double[clusterCount * n];
        var blocks = (n + Block - 1) / Block;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) };
        Parallel.For(0, blocks, options, i => Pair(columns, sortedLabels, starts, sums, i, i));
        for (var delta = 1; delta < blocks; delta++)
        {
            for (var half = 0; half < 2; half++)
            {
                // Pairs (I, I + delta) with I in the same run of delta consecutive blocks share no block.
                var pairs = Enumerable.Range(0, blocks - delta).Where(i => i / delta % 2 == half).ToArray();
                Parallel.For(0, pairs.Length, options, p => Pair(columns, sortedLabels, starts, sums, pairs[p], pairs[p] + delta));
            }
        }
        return sums;
    }

    /// <summary>Adds the distances between the rows of blocks <paramref name="rowBlock"/> and <paramref name="columnBlock"/>.</summary>
    private static void Pair(double[][] columns, int[] sortedLabels, int[] starts, double[] sums, int rowBlock, int columnBlock)
    {
        var n = sortedLabels.Length;
        var d = columns.Length;
        var width = Vector<double>.Count;
        var diagonal = rowBlock == columnBlock;
        var rowEnd = Math.Min(n, (rowBlock + 1) * Block);
        var columnStart = columnBlock * Block;
        var columnEnd = Math.Min(n, columnStart + Block);
        var point = new double[d];
        var broadcast = new Vector<double>[d];
        for (var r = rowBlock * Block; r < rowEnd; r++)
        {
            for (var f = 0; f < d; f++)
            {
                point[f] = columns[f][r];
                broadcast[f] = new Vector<double>(point[f]);
            }
            // The diagonal block is walked in full from each row, so only the row side is added there.
            var mirror = sums.AsSpan(sortedLabels[r] * n, n);
            var s = columnStart;
            while (s < columnEnd)
            {
                var cluster = sortedLabels[s];
                var segmentEnd = Math.Min(columnEnd, starts[cluster + 1]);
                var vectorSum = Vector<double>.Zero;
                for (; s + width <= segmentEnd; s += width)
                {
                    var squares = Vector<double>.Zero;
                    for (var f = 0; f < d; f++)
                    {
                        var delta = new Vector<double>(columns[f].AsSpan(s, width)) - broadcast[f];
                        squares += delta * delta;
                    }
                    var distance = Vector.SquareRoot(squares);
                    vectorSum += distance;
                    if (!diagonal)
                    {
                        var target = mirror.Slice(s, width);
                        (new Vector<double>(target) + distance).CopyTo(target);
                    }
                }
                var total = Vector.Sum(vectorSum);
                for (; s < segmentEnd; s++)
                {
                    double squares = 0;
                    for (var f = 0; f < d; f++)
                    {
                        var delta = columns[f][s] - point[f];
                        squares += delta * delta;
                    }
                    var distance = Math.Sqrt(squares);
                    total += distance;
                    if (!diagonal) mirror[s] += distance;
                }
                sums[cluster * n + r] += total;
            }
        }
    }
}
