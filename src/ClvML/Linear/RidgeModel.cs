using System.Text.Json;
using ClvML.Features;
using ClvML.Persistence;

namespace ClvML.Linear;

/// <summary>
/// A fitted ridge model: prediction = intercept + sum over features of coefficient * (x - mean) / scale,
/// then expm1 when fitted on log1p(target). Saved as JSON (format <c>clvml.ridge</c>) with its scaler.
/// </summary>
public sealed class RidgeModel : IRegressionModel
{
    /// <inheritdoc />
    public string Kind => "ridge";

    /// <summary>The format name in saved files.</summary>
    public const string Format = "clvml.ridge";
    /// <summary>The version this build writes and the newest it reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>Creates a model from its parts.</summary>
    public RidgeModel(IReadOnlyList<string> featureNames, double[] means, double[] scales, double[] coefficients, double intercept, bool logTarget)
    {
        FeatureNames = featureNames;
        Means = means;
        Scales = scales;
        Coefficients = coefficients;
        Intercept = intercept;
        LogTarget = logTarget;
    }

    /// <summary>Feature names, in coefficient order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }
    /// <summary>The scaler's means.</summary>
    public double[] Means { get; }
    /// <summary>The scaler's standard deviations (0 for a constant feature).</summary>
    public double[] Scales { get; }
    /// <summary>Coefficients on the standardized features.</summary>
    public double[] Coefficients { get; }
    /// <summary>The (weighted) mean of the fitted target.</summary>
    public double Intercept { get; }
    /// <summary>Whether the model was fitted on log1p(target).</summary>
    public bool LogTarget { get; }

    /// <summary>Predictions for every row (columns matched by name).</summary>
    public double[] Predict(FeatureMatrix features)
    {
        var columns = FeatureNames.Select(name =>
        {
            var index = features.Names.ToList().IndexOf(name);
            return index >= 0 ? features.Columns[index]
                : throw new ArgumentException($"Feature '{name}' the model was trained on is missing; the matrix has [{string.Join(", ", features.Names)}].");
        }).ToArray();
        var result = new double[features.RowCount];
        for (var i = 0; i < result.Length; i++)
        {
            var value = Intercept;
            for (var f = 0; f < columns.Length; f++)
                if (Scales[f] > 0) value += Coefficients[f] * (columns[f][i] - Means[f]) / Scales[f];
            result[i] = LogTarget ? double.ExpM1(value) : value;
        }
        return result;
    }

    /// <inheritdoc />
    public void Save(string path)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        ModelJson.WriteHeader(json, Format, FormatVersion);
        json.WriteBoolean("log_target", LogTarget);
        json.WriteNumber("intercept", Intercept);
        json.WriteStartArray("features");
        foreach (var name in FeatureNames) json.WriteStringValue(name);
        json.WriteEndArray();
        ModelJson.WriteDoubles(json, "means", Means);
        ModelJson.WriteDoubles(json, "scales", Scales);
        ModelJson.WriteDoubles(json, "coefficients", Coefficients);
        json.WriteEndObject();
    }

    /// <summary>Loads a model saved by <see cref="Save"/>; a foreign or newer file is an <see cref="InputException"/> naming it.</summary>
    public static RidgeModel Load(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            ModelJson.CheckHeader(root, Format, FormatVersion, path);
            return new RidgeModel([.. root.GetProperty("features").EnumerateArray().Select(f => f.GetString()!)],
                ModelJson.ReadDoubles(root.GetProperty("means")), ModelJson.ReadDoubles(root.GetProperty("scales")),
                ModelJson.ReadDoubles(root.GetProperty("coefficients")), root.GetProperty("intercept").GetDouble(), root.GetProperty("log_target").GetBoolean());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InputException($"{path}: not a valid ridge model file ({e.Message}).", e);
        }
    }
}
