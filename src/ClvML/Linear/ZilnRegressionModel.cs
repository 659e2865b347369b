using System.Text.Json;
using ClvML.Features;
using ClvML.Models;

namespace ClvML.Linear;

/// <summary>
/// A fitted <see cref="ZilnRegression"/>: the input scaling and the three heads' coefficients. It predicts the ZILN
/// mean and, per customer, the probability of any spend and the lognormal's parameters. Saved as versioned JSON
/// (<c>clvml.ziln</c>).
/// </summary>
public sealed class ZilnRegressionModel : IRegressionModel
{
    /// <summary>The registry name of this kind.</summary>
    public const string KindName = "ziln_linear";
    /// <summary>The model file's format name.</summary>
    public const string Format = "clvml.ziln";
    /// <summary>Newest format version written and read.</summary>
    public const int FormatVersion = 1;

    private readonly InputScaling _scaling;
    private readonly double[] _theta;

    internal ZilnRegressionModel(IReadOnlyList<string> featureNames, InputScaling scaling, double[] theta, TargetRange range)
    {
        if (theta.Length != 3 * (featureNames.Count + 1)) throw new ArgumentException($"{theta.Length} coefficients for {featureNames.Count} features and three heads.");
        FeatureNames = [.. featureNames];
        _scaling = scaling;
        _theta = theta;
        Range = range;
    }

    /// <inheritdoc />
    public string Kind => KindName;
    /// <inheritdoc />
    public IReadOnlyList<string> FeatureNames { get; }
    /// <summary>The interval predictions are held to.</summary>
    public TargetRange Range { get; }
    /// <summary>Whether the fit's gradient converged before the iteration limit.</summary>
    public bool Converged { get; init; }

    /// <summary>The three heads' coefficients on the standardized inputs: logit, mu, sigma (softplus), each intercept first.</summary>
    public IReadOnlyList<double> Coefficients => _theta;

    /// <summary>The three heads for one row of <see cref="FeatureNames"/>-ordered values: logit of P(spend &gt; 0), mu, and sigma before its softplus.</summary>
    public (double Logit, double Mu, double SigmaRaw) Heads(ReadOnlySpan<double> row)
    {
        var block = FeatureNames.Count + 1;
        double logit = _theta[0], mu = _theta[block], raw = _theta[2 * block];
        for (var f = 0; f < FeatureNames.Count; f++)
        {
            var z = _scaling.Standardize(f, row[f]);
            logit += _theta[1 + f] * z;
            mu += _theta[block + 1 + f] * z;
            raw += _theta[2 * block + 1 + f] * z;
        }
        return (logit, mu, raw);
    }

    /// <inheritdoc />
    public double PredictRow(ReadOnlySpan<double> row)
    {
        if (row.Length != FeatureNames.Count) throw new ArgumentException($"{row.Length} values for {FeatureNames.Count} features.", nameof(row));
        var (logit, mu, raw) = Heads(row);
        return Range.Clamp(ZilnLoss.Mean(logit, mu, raw));
    }

    /// <inheritdoc />
    public void Predict(FeatureMatrix features, Span<double> destination)
    {
        if (destination.Length != features.RowCount) throw new ArgumentException($"{destination.Length} destinations for {features.RowCount} rows.", nameof(destination));
        var columns = FeatureNames.Select(name =>
        {
            var at = features.Names.ToList().IndexOf(name);
            return at >= 0 ? features.Columns[at]
                : throw new ArgumentException($"Feature '{name}' the model was trained on is missing; the matrix has [{string.Join(", ", features.Names)}].");
        }).ToArray();
        var values = new double[columns.Length];
        for (var i = 0; i < destination.Length; i++)
        {
            for (var f = 0; f < columns.Length; f++)
            {
                values[f] = columns[f][i];
                if (!double.IsFinite(values[f])) throw new ArgumentException($"Feature '{FeatureNames[f]}' of row {i} is {values[f]}; a linear model needs finite features.");
            }
            destination[i] = PredictRow(values);
        }
    }

    /// <inheritdoc />
    public double[] Predict(FeatureMatrix features)
    {
        var predictions = new double[features.RowCount];
        Predict(features, predictions);
        return predictions;
    }

    /// <inheritdoc />
    public void Save(string path)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        ModelJson.WriteHeader(json, Format, FormatVersion);
        json.WriteBoolean("converged", Converged);
        json.WriteStartArray("features");
        foreach (var name in FeatureNames) json.WriteStringValue(name);
        json.WriteEndArray();
        ModelJson.WriteDoubles(json, "means", _scaling.Means);
        ModelJson.WriteDoubles(json, "scales", _scaling.Scales);
        ModelJson.WriteDoubles(json, "input_minimums", _scaling.Minimums);
        ModelJson.WriteDoubles(json, "input_maximums", _scaling.Maximums);
        ModelJson.WriteDoubles(json, "coefficients", _theta);
        json.WriteStartArray("log_inputs");
        foreach (var logged in _scaling.LogOfNonNegative ?? new bool[FeatureNames.Count]) json.WriteBooleanValue(logged);
        json.WriteEndArray();
        ModelJson.WriteRange(json, Range);
        json.WriteEndObject();
    }

    /// <summary>Loads a model saved by <see cref="Save"/>; a foreign or newer file is an <see cref="InputException"/> naming it.</summary>
    public static ZilnRegressionModel Load(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            ModelJson.CheckHeader(root, Format, FormatVersion, path);
            string[] names = [.. root.GetProperty("features").EnumerateArray().Select(f => f.GetString()!)];
            var scaling = new InputScaling(names, ModelJson.ReadDoubles(root.GetProperty("means")), ModelJson.ReadDoubles(root.GetProperty("scales")),
                ModelJson.ReadDoubles(root.GetProperty("input_minimums")), ModelJson.ReadDoubles(root.GetProperty("input_maximums")))
            {
                LogOfNonNegative = [.. root.GetProperty("log_inputs").EnumerateArray().Select(v => v.GetBoolean())],
            };
            if (new[] { scaling.Means, scaling.Scales, scaling.Minimums, scaling.Maximums }.Any(a => a.Length != names.Length) || scaling.LogOfNonNegative!.Length != names.Length)
                throw new FormatException("the input scaling does not have one value per feature");
            return new ZilnRegressionModel(names, scaling, ModelJson.ReadDoubles(root.GetProperty("coefficients")), ModelJson.ReadRange(root))
            {
                Converged = root.GetProperty("converged").GetBoolean(),
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new InputException($"{path}: not a valid ZILN regression model file ({e.Message}).", e);
        }
    }
}
