namespace ClvML.Clustering;

/// <summary>How features are rescaled before clustering.</summary>
public enum FeatureTransformKind
{
    /// <summary>Raw values.</summary>
    None,
    /// <summary>Each feature centred on its mean and divided by its standard deviation.</summary>
    Standardize,
    /// <summary>
    /// <c>sign(x) log(1 + |x|)</c>, then standardized: RFM values are heavily right-skewed, and without the
    /// log a few big spenders would dominate every distance. The signed form equals log1p for x &gt;= 0 and
    /// stays defined for the negative net spends returns can leave.
    /// </summary>
    LogStandardize,
}

/// <summary>
/// A feature transform fitted on the training rows and saved with the model, so new customers are
/// mapped into the same space the centroids live in.
/// </summary>
public sealed class FeatureTransform
{
    private readonly double[] _center;
    private readonly double[] _scale;

    /// <summary>Creates a fitted transform (centre and scale per feature; identity for <see cref="FeatureTransformKind.None"/>).</summary>
    public FeatureTransform(FeatureTransformKind kind, double[] center, double[] scale)
    {
        if (center.Length != scale.Length) throw new ArgumentException("center and scale need one value per feature.");
        Kind = kind;
        _center = [.. center];
        _scale = [.. scale];
    }

    /// <summary>The kind of transform.</summary>
    public FeatureTransformKind Kind { get; }
    /// <summary>Subtracted from each (log-transformed) feature.</summary>
    public IReadOnlyList<double> Center => _center;
    /// <summary>Each centred feature is divided by this.</summary>
    public IReadOnlyList<double> Scale => _scale;
    /// <summary>Number of features.</summary>
    public int FeatureCount => _center.Length;

    /// <summary>
    /// Fits the transform on <paramref name="columns"/>: population mean and standard deviation (as
    /// scikit-learn's StandardScaler); a constant feature keeps scale 1 so it maps to 0 instead of NaN.
    /// </summary>
    public static FeatureTransform Fit(FeatureTransformKind kind, IReadOnlyList<double[]> columns)
    {
        var d = columns.Count;
        var center = new double[d];
        var scale = new double[d];
        for (var f = 0; f < d; f++)
        {
            scale[f] = 1;
            if (kind == FeatureTransformKind.None) continue;
            var column = columns[f];
            double mean = 0;
            for (var i = 0; i < column.Length; i++) mean += Prepare(kind, column[i]);
            mean /= column.Length;
            double squares = 0;
            for (var i = 0; i < column.Length; i++)
            {
                var delta = Prepare(kind, column[i]) - mean;
                squares += delta * delta;
            }
            var sd = Math.Sqrt(squares / column.Length);
            center[f] = mean;
            scale[f] = sd > 0 ? sd : 1;
        }
        return new FeatureTransform(kind, center, scale);
    }

    /// <summary>The transformed rows of <paramref name="columns"/> (one column per feature, in fitted order).</summary>
    public DenseRows Apply(IReadOnlyList<double[]> columns)
    {
        if (columns.Count != FeatureCount) throw new ArgumentException($"{columns.Count} columns for a transform of {FeatureCount} features.");
        var n = columns.Count == 0 ? 0 : columns[0].Length;
        var d = FeatureCount;
        var values = new double[(long)n * d];
        for (var f = 0; f < d; f++)
        {
            var column = columns[f];
            if (column.Length != n) throw new ArgumentException($"Column {f} has {column.Length} rows; the first has {n}.");
            var c = _center[f];
            var inverse = 1 / _scale[f];
            for (var i = 0; i < n; i++) values[i * d + f] = (Prepare(Kind, column[i]) - c) * inverse;
        }
        return new DenseRows(values, n, d);
    }

    /// <summary>Maps a point of the transformed space back to feature units (for reporting centroids).</summary>
    public double[] Invert(ReadOnlySpan<double> transformed)
    {
        var result = new double[FeatureCount];
        for (var f = 0; f < FeatureCount; f++)
        {
            var v = transformed[f] * _scale[f] + _center[f];
            result[f] = Kind == FeatureTransformKind.LogStandardize ? Math.CopySign(double.ExpM1(Math.Abs(v)), v) : v;
        }
        return result;
    }

    private static double Prepare(FeatureTransformKind kind, double x) =>
        kind == FeatureTransformKind.LogStandardize ? Math.CopySign(double.LogP1(Math.Abs(x)), x) : x;

    /// <summary>The config name (none, standardize, log_standardize).</summary>
    public static string Name(FeatureTransformKind kind) => kind switch
    {
        FeatureTransformKind.None => "none",
        FeatureTransformKind.Standardize => "standardize",
        _ => "log_standardize",
    };

    /// <summary>Parses a config name.</summary>
    public static FeatureTransformKind Parse(string name) => name switch
    {
        "none" => FeatureTransformKind.None,
        "standardize" => FeatureTransformKind.Standardize,
        "log_standardize" => FeatureTransformKind.LogStandardize,
        _ => throw new InputException($"unknown feature transform '{name}'; expected none, standardize or log_standardize."),
    };
}
