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

    // Rows per work item: big enough to amortise scheduling and merging, small enough to feed both cores.
    private const int ChunkRows = 16_384;
    private const int MaxChunks = 32;

    /// <summary>Builds the histogram of <paramref name="rows"/> over all features in one row-wise pass.</summary>
    /// <remarks>
    /// The rows' gradients and hessians are first gathered into contiguous buffers (LightGBM's
    /// ordered gradients). Large nodes are cut into a number of chunks that depends on the row count
    /// only; partial histograms are merged in chunk order, so the sums are the same whatever the
    /// number of threads. With <c>unitHessian</c> (every hessian is 1: squared error without weights)
    /// the hessian sums are the counts and are not summed separately.
    /// </remarks>
    public static void Build(int[] rows, int start, int count, BinnedRows binned, double[] gradients, double[] hessians, HistogramBin[] histogram,
        double[] orderedGradients, double[] orderedHessians, ref HistogramBin[] partials, bool unitHessian = false)
    {
        // The ordered copies live at the node's own offset, so nodes built at the same time do not share
        // them; each chunk gathers its own rows, so the gather (random reads) runs on every core too.
        var nodeRows = rows.AsSpan(start, count);
        var chunks = Math.Clamp(count / ChunkRows, 1, MaxChunks);
        if (chunks == 1)
        {
            Gather(rows, start, count, gradients, hessians, orderedGradients, orderedHessians, unitHessian);
            Array.Clear(histogram);
            BuildRows(nodeRows, binned, orderedGradients.AsSpan(start, count), orderedHessians.AsSpan(start, count), histogram, unitHessian);
            if (unitHessian) CountsAsHessians(histogram);
            return;
        }
        var size = histogram.Length;
        if (partials.Length < chunks * size) partials = new HistogramBin[MaxChunks * size];
        var partial = partials;
        var per = (count + chunks - 1) / chunks;
        Parallel.For(0, chunks, TreeParallelism.Options, c =>
        {
            var from = c * per;
            var length = Math.Min(per, count - from);
            var target = partial.AsSpan(c * size, size);
            Gather(rows, start + from, length, gradients, hessians, orderedGradients, orderedHessians, unitHessian);
            target.Clear();
            BuildRows(rows.AsSpan(start + from, length), binned, orderedGradients.AsSpan(start + from, length), orderedHessians.AsSpan(start + from, length),
                target, unitHessian);
        });
        partial.AsSpan(0, size).CopyTo(histogram);
        for (var c = 1; c < chunks; c++)
        {
            var source = partial.AsSpan(c * size, size);
            for (var i = 0; i < size; i++) histogram[i] += source[i];
        }
        if (unitHessian) CountsAsHessians(histogram);
    }

    /// <summary>Copies the gradients (and hessians) of <c>rows[start .. start + count)</c> to the same positions of the ordered buffers.</summary>
    private static void Gather(int[] rows, int start, int count, double[] gradients, double[] hessians, double[] orderedGradients, double[] orderedHessians, bool unitHessian)
    {
        var nodeRows = rows.AsSpan(start, count);
        var ordered = orderedGradients.AsSpan(start, count);
        for (var i = 0; i < nodeRows.Length; i++) ordered[i] = gradients[nodeRows[i]];
        if (unitHessian) return;
        ordered = orderedHessians.AsSpan(start, count);
        for (var i = 0; i < nodeRows.Length; i++) ordered[i] = hessians[nodeRows[i]];
    }

    private static void CountsAsHessians(HistogramBin[] histogram)
    {
        for (var i = 0; i < histogram.Length; i++) histogram[i].Hessian = histogram[i].Count;
    }

    private static void BuildRows(ReadOnlySpan<int> rows, BinnedRows binned, ReadOnlySpan<double> gradients, ReadOnlySpan<double> hessians,
        Span<HistogramBin> histogram, bool unitHessian)
    {
        var bins = binned.Bins;
        var features = binned.FeatureCount;
        if (unitHessian)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                var g = gradients[i];
                var offset = rows[i] * features;
                for (var f = 0; f < features; f++)
                {
                    ref var bin = ref histogram[f * Stride + bins[offset + f]];
                    bin.Gradient += g;
                    bin.Count++;
                }
            }
            return;
        }
        for (var i = 0; i < rows.Length; i++)
        {
            var g = gradients[i];
            var h = hessians[i];
            var offset = rows[i] * features;
            for (var f = 0; f < features; f++)
            {
                ref var bin = ref histogram[f * Stride + bins[offset + f]];
                bin.Gradient += g;
                bin.Hessian += h;
                bin.Count++;
            }
        }
    }

    /// <summary><paramref name="larger"/> = <paramref name="parent"/> - <paramref name="smaller"/>, bin by bin.</summary>
    public static void Subtract(HistogramBin[] parent, HistogramBin[] smaller, HistogramBin[] larger)
    {
        for (var i = 0; i < parent.Length; i++) larger[i] = parent[i] - smaller[i];
    }
}
