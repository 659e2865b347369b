namespace ClvML.Trees;

/// <summary>
/// Per-feature quantile bins for histogram boosting (the LightGBM / XGBoost <c>hist</c> / scikit-learn
/// HistGradientBoosting design): each feature's finite values map to at most
/// <see cref="MaxBins"/> - 1 ordered bins, and <see cref="MissingBin"/> is reserved for NaN. A feature
/// with few distinct values gets one bin per value; otherwise bin edges are quantiles of a seeded
/// sample of rows. Binning is monotone: a larger value never gets a smaller bin.
/// </summary>
internal sealed class BinMapper
{
    /// <summary>Bins per feature, the missing-value bin included (one byte per value).</summary>
    public const int MaxBins = 256;
    /// <summary>The bin of NaN, the last one (scikit-learn's convention).</summary>
    public const byte MissingBin = MaxBins - 1;

    private readonly double[][] _upperBounds;

    /// <summary>Creates a mapper from each feature's ascending bin upper bounds (the last bin's bound is +infinity).</summary>
    public BinMapper(double[][] upperBounds)
    {
        foreach (var bounds in upperBounds)
        {
            if (bounds.Length is 0 or >= MaxBins) throw new ArgumentException($"A feature needs 1 to {MaxBins - 1} bins.");
            for (var b = 1; b < bounds.Length; b++)
                if (!(bounds[b] > bounds[b - 1])) throw new ArgumentException("Bin bounds must be strictly increasing.");
        }
        _upperBounds = upperBounds;
    }

    /// <summary>Number of features.</summary>
    public int FeatureCount => _upperBounds.Length;

    /// <summary>Number of value bins of <paramref name="feature"/> (the missing bin not counted).</summary>
    public int BinCount(int feature) => _upperBounds[feature].Length;

    /// <summary>Upper bound of a bin: values &lt;= it fall in this bin or a lower one.</summary>
    public double UpperBound(int feature, int bin) => _upperBounds[feature][bin];

    /// <summary>The bins' upper bounds of every feature (for saving).</summary>
    public IReadOnlyList<double[]> UpperBounds => _upperBounds;

    /// <summary>Fits bins on the columns of <paramref name="features"/> (column-major: features[f][row]).</summary>
    /// <param name="features">One array per feature, all of the same length.</param>
    /// <param name="maxBins">Value bins per feature, at most 255.</param>
    /// <param name="sampleSize">Rows sampled to place quantile edges (LightGBM's bin_construct_sample_cnt).</param>
    /// <param name="seed">Seed of the sample.</param>
    public static BinMapper Fit(IReadOnlyList<double[]> features, int maxBins = MaxBins - 1, int sampleSize = 200_000, int seed = 0)
    {
        if (maxBins is < 2 or >= MaxBins) throw new ArgumentOutOfRangeException(nameof(maxBins), $"Must be from 2 to {MaxBins - 1}.");
        var bounds = new double[features.Count][];
        int[]? sample = null;
        var rows = features.Count == 0 ? 0 : features[0].Length;
        if (rows > sampleSize)
        {
            // A seeded partial Fisher-Yates draw, sorted so the sample reads columns in order.
            var random = new Random(seed);
            var all = Enumerable.Range(0, rows).ToArray();
            for (var i = 0; i < sampleSize; i++)
            {
                var j = random.Next(i, rows);
                (all[i], all[j]) = (all[j], all[i]);
            }
            sample = all[..sampleSize];
            Array.Sort(sample);
        }
        for (var f = 0; f < features.Count; f++)
        {
            var column = features[f];
            var values = sample is null ? column.Where(double.IsFinite).ToArray() : sample.Select(i => column[i]).Where(double.IsFinite).ToArray();
            bounds[f] = FeatureBounds(values, maxBins);
        }
        return new BinMapper(bounds);
    }

    /// <summary>Upper bounds for one feature: midpoints between distinct values, or between quantiles.</summary>
    private static double[] FeatureBounds(double[] values, int maxBins)
    {
        if (values.Length == 0) return [double.PositiveInfinity];
        Array.Sort(values);
        var distinct = new List<double>();
        var counts = new List<int>();
        foreach (var v in values)
        {
            if (distinct.Count > 0 && distinct[^1] == v) counts[^1]++;
            else
            {
                distinct.Add(v);
                counts.Add(1);
            }
        }
        var bounds = new List<double>();
        if (distinct.Count <= maxBins)
        {
            for (var i = 0; i + 1 < distinct.Count; i++) bounds.Add(Midpoint(distinct[i], distinct[i + 1]));
        }
        else
        {
            // Quantile edges; a heavy value that spans several quantiles gets one bin of its own.
            var seen = 0;
            var next = 1;
            for (var i = 0; i + 1 < distinct.Count && bounds.Count < maxBins - 1; i++)
            {
                seen += counts[i];
                if (seen >= (long)next * values.Length / maxBins)
                {
                    bounds.Add(Midpoint(distinct[i], distinct[i + 1]));
                    while (seen >= (long)next * values.Length / maxBins) next++;
                }
            }
        }
        bounds.Add(double.PositiveInfinity);
        return [.. bounds];
    }

    private static double Midpoint(double a, double b)
    {
        var mid = a + (b - a) / 2;
        // Keep a < bound, so a maps below the edge and b above it, even for adjacent doubles.
        return mid >= b ? a : mid;
    }

    /// <summary>The bin of one value of <paramref name="feature"/>.</summary>
    public byte BinOf(int feature, double value)
    {
        if (double.IsNaN(value)) return MissingBin;
        var bounds = _upperBounds[feature];
        int lo = 0, hi = bounds.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (value <= bounds[mid]) hi = mid;
            else lo = mid + 1;
        }
        return (byte)lo;
    }

    /// <summary>Bins every column into row-major storage.</summary>
    internal BinnedRows TransformRows(IReadOnlyList<double[]> features)
    {
        if (features.Count != FeatureCount) throw new ArgumentException($"Expected {FeatureCount} features, got {features.Count}.");
        var rows = features.Count == 0 ? 0 : features[0].Length;
        var bins = new byte[rows * FeatureCount];
        var stride = FeatureCount;
        Parallel.For(0, FeatureCount, TreeParallelism.Options, f =>
        {
            var column = features[f];
            for (var i = 0; i < column.Length; i++) bins[i * stride + f] = BinOf(f, column[i]);
        });
        return new BinnedRows(bins, FeatureCount);
    }
}
