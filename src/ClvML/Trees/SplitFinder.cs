namespace ClvML.Trees;

/// <summary>The best split of a node: rows with bin &lt;= <see cref="Bin"/> go left; missing values follow <see cref="DefaultLeft"/>.</summary>
internal readonly record struct SplitCandidate(int Feature, int Bin, bool DefaultLeft, double Gain, HistogramBin Left, HistogramBin Right)
{
    public static readonly SplitCandidate None = new(-1, 0, false, 0, default, default);
    public bool IsValid => Feature >= 0;
}

/// <summary>
/// Scans a node's histogram for the split with the largest gain (Chen &amp; Guestrin 2016, eq. 7, with
/// L1 as in LightGBM): gain = [S(G_L, H_L) + S(G_R, H_R) - S(G, H)] / 2, where S(G, H) = T(G)^2 / (H + lambda)
/// and T soft-thresholds G by alpha. Missing values are tried on both sides and go where the gain is larger.
/// </summary>
internal static class SplitFinder
{
    public static SplitCandidate Find(HistogramBin[] histogram, HistogramBin total, BinMapper bins, bool[] featureAllowed, in TreeOptions options)
    {
        var best = SplitCandidate.None;
        var parentScore = Score(total.Gradient, total.Hessian, options);
        for (var f = 0; f < bins.FeatureCount; f++)
        {
            if (!featureAllowed[f]) continue;
            var offset = f * Histogram.Stride;
            var missing = histogram[offset + BinMapper.MissingBin];
            var binCount = bins.BinCount(f);
            var left = default(HistogramBin);
            // With missing values, the last value bin can also split: all values left, missing right.
            var lastBin = missing.Count > 0 ? binCount - 1 : binCount - 2;
            for (var b = 0; b <= lastBin; b++)
            {
                left += histogram[offset + b];
                if (missing.Count == 0 || b < binCount - 1)
                    Consider(ref best, f, b, defaultLeft: false, left, total - left, parentScore, options);
                if (missing.Count > 0)
                    Consider(ref best, f, b, defaultLeft: true, left + missing, total - left - missing, parentScore, options);
            }
        }
        return best;
    }

    private static void Consider(ref SplitCandidate best, int feature, int bin, bool defaultLeft, HistogramBin left, HistogramBin right,
        double parentScore, in TreeOptions options)
    {
        if (left.Count < options.MinSamplesLeaf || right.Count < options.MinSamplesLeaf) return;
        if (left.Hessian < options.MinHessianLeaf || right.Hessian < options.MinHessianLeaf) return;
        var gain = 0.5 * (Score(left.Gradient, left.Hessian, options) + Score(right.Gradient, right.Hessian, options) - parentScore);
        // Strictly greater: ties keep the first feature and bin, so the choice is deterministic.
        if (gain > options.MinGainToSplit && gain > best.Gain)
            best = new SplitCandidate(feature, bin, defaultLeft, gain, left, right);
    }

    /// <summary>S(G, H) = T(G)^2 / (H + lambda).</summary>
    public static double Score(double gradient, double hessian, in TreeOptions options)
    {
        var g = SoftThreshold(gradient, options.L1);
        return g * g / (hessian + options.L2);
    }

    /// <summary>The leaf value that minimises the second-order loss: -T(G) / (H + lambda).</summary>
    public static double LeafValue(double gradient, double hessian, in TreeOptions options) =>
        -SoftThreshold(gradient, options.L1) / (hessian + options.L2);

    private static double SoftThreshold(double g, double alpha) => alpha == 0 ? g : Math.Sign(g) * Math.Max(Math.Abs(g) - alpha, 0);
}
