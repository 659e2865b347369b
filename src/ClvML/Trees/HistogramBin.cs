namespace ClvML.Trees;

/// <summary>Sums of gradients and hessians, and the row count, of one bin of one feature in one node.</summary>
internal struct HistogramBin
{
    public double Gradient;
    public double Hessian;
    public int Count;

    public static HistogramBin operator -(HistogramBin a, HistogramBin b) =>
        new() { Gradient = a.Gradient - b.Gradient, Hessian = a.Hessian - b.Hessian, Count = a.Count - b.Count };

    public static HistogramBin operator +(HistogramBin a, HistogramBin b) =>
        new() { Gradient = a.Gradient + b.Gradient, Hessian = a.Hessian + b.Hessian, Count = a.Count + b.Count };
}

/// <summary>
/// Gradient/hessian histograms of a node: <see cref="BinMapper.MaxBins"/> bins per feature, laid
/// out feature after feature. A node's histogram is built from its rows, or, for the larger of two
/// siblings, obtained as parent minus the smaller sibling (LightGBM's subtraction trick), which
/// halves the work of every split.
/// </summary>
internal static class Histogram
{
    public const int Stride = BinMapper.MaxBins;

    /// <summary>Builds the histogram of <paramref name="rows"/> over all features, features in parallel.</summary>
    /// <remarks>
    /// The rows' gradients and hessians are first gathered into contiguous buffers (LightGBM's
    /// ordered gradients), so each feature's pass reads them in sequence instead of scattered. Each
    /// feature is summed by one thread in row order, so the sums do not depend on the thread count.
    /// </remarks>
    public static void Build(int[] rows, int start, int count, byte[][] binned, double[] gradients, double[] hessians, HistogramBin[] histogram,
        double[] orderedGradients, double[] orderedHessians)
    {
        Array.Clear(histogram);
        var nodeRows = rows.AsSpan(start, count);
        for (var i = 0; i < nodeRows.Length; i++)
        {
            orderedGradients[i] = gradients[nodeRows[i]];
            orderedHessians[i] = hessians[nodeRows[i]];
        }
        Parallel.For(0, binned.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, f =>
            BuildFeature(rows.AsSpan(start, count), binned[f], orderedGradients, orderedHessians, histogram.AsSpan(f * Stride, Stride)));
    }

    private static void BuildFeature(ReadOnlySpan<int> rows, byte[] bins, double[] gradients, double[] hessians, Span<HistogramBin> histogram)
    {
        for (var i = 0; i < rows.Length; i++)
        {
            ref var bin = ref histogram[bins[rows[i]]];
            bin.Gradient += gradients[i];
            bin.Hessian += hessians[i];
            bin.Count++;
        }
    }

    /// <summary><paramref name="larger"/> = <paramref name="parent"/> - <paramref name="smaller"/>, bin by bin.</summary>
    public static void Subtract(HistogramBin[] parent, HistogramBin[] smaller, HistogramBin[] larger)
    {
        for (var i = 0; i < parent.Length; i++) larger[i] = parent[i] - smaller[i];
    }
}
