using System.Text.Json;
using ClvML.Features;
using ClvML.Models;

namespace ClvML.Linear;

/// <summary>
/// A fitted ridge model: prediction = intercept + sum over features of coefficient * (x - mean) / scale,
/// with each x first held to the range it had in training, then expm1 when fitted on log1p(target), held
/// to the training targets' <see cref="TargetRange"/>. Saved as JSON (format <c>clvml.ridge</c>) with its scaler.
/// </summary>
public sealed class RidgeModel : IRegressionModel
{
    /// <inheritdoc />
    public string Kind => KindName;

    /// <summary>The registry name of this kind.</summary>
    public const string KindName = "ridge";

    /// <summary>The format name in saved files.</summary>
    public const string Format = "clvml.ridge";
    /// <summary>The version this build writes and the newest it reads (2 added the input and target ranges; a version-1 file predicts unbounded, as it did).</summary>
    public const int FormatVersion = 2;

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
    /// <summary>Smallest training value of each feature; smaller inputs are raised to it (null: unbounded).</summary>
    public double[]? InputMinimums { get; init; }
    /// <summary>Largest training value of each feature; larger inputs are lowered to it (null: unbounded).</summary>
    public double[]? InputMaximums { get; init; }
    /// <summary>The interval predictions are held to.</summary>
    public TargetRange Range { get; init; } = TargetRange.Unbounded;

    /// <summary>Predictions for every row (columns matched by name).</summary>
    public void Predict(FeatureMatrix features, Span<double> destination)
    {
        if (destination.Length != features.RowCount) throw new ArgumentException($"{destination.Length} destinations for {features.RowCount} rows.", nameof(destination));
        Predict(features).CopyTo(destination);
    }

    /// <summary>Predictions for every row of <paramref name="features"/> (columns matched by name).</summary>
    public double[] Predict(FeatureMatrix features)
    {
        var columns = FeatureNames.Select(name =>
        {
            var index = features.Names.ToList().IndexOf(name);
            return index >= 0 ? features.Columns[index]
                : throw new ArgumentException($"Feature '{name}' the model was trained on is missing; the matrix has [{string.Join(", ", features.Names)}].");
        }).ToArray();
        for (var f = 0; f < columns.Length; f++)
            for (var i = 0; i < columns[f].Length; i++)
                if (!double.IsFinite(columns[f][i]))
                    throw new ArgumentException($"Feature '{FeatureNames[f]}' of row {i} is {columns[f][i]}; ridge needs finite features (its input clamp would turn an infinity into the training extreme).");
        var result = new double[features.RowCount];
        for (var i = 0; i < result.Length; i++)
        {
            var value = Intercept;
            for (var f = 0; f < columns.Length; f++)
                value += Term(f, columns[f][i]);
            result[i] = Range.Clamp(LogTarget ? double.ExpM1(value) : value);
        }
        return result;
    }

    /// <inheritdoc />
    public double PredictRow(ReadOnlySpan<double> row)
    {
        if (row.Length != FeatureNames.Count) throw new ArgumentException($"{row.Length} values for {FeatureNames.Count} features.", nameof(row));
        for (var f = 0; f < row.Length; f++)
            if (!double.IsFinite(row[f])) throw new ArgumentException($"Feature '{FeatureNames[f]}' is {row[f]}; ridge needs finite features.", nameof(row));
        var value = Intercept;
        for (var f = 0; f < row.Length; f++)
            value += Term(f, row[f]);
        return Range.Clamp(LogTarget ? double.ExpM1(value) : value);
    }

    /// <summary>Feature <paramref name="feature"/>'s contribution at value <paramref name="x"/> (0 for a feature constant in training).</summary>
    private double Term(int feature, double x) =>
        Scales[feature] > 0 ? Coefficients[feature] * (Bounded(feature, x) - Means[feature]) / Scales[feature] : 0;

    private double Bounded(int feature, double x) =>
        InputMinimums is null || InputMaximums is null ? x : Math.Clamp(x, InputMinimums[feature], InputMaximums[feature]);

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
        if (InputMinimums is not null && InputMaximums is not null)
        {
            ModelJson.WriteDoubles(json, "input_minimums", InputMinimums);
            ModelJson.WriteDoubles(json, "input_maximums", InputMaximums);
        }
        ModelJson.WriteRange(json, Range);
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
            var model = new RidgeModel([.. root.GetProperty("features").EnumerateArray().Select(f => f.GetString()!)],
                ModelJson.ReadDoubles(root.GetProperty("means")), ModelJson.ReadDoubles(root.GetProperty("scales")),
                ModelJson.ReadDoubles(root.GetProperty("coefficients")), root.GetProperty("intercept").GetDouble(), root.GetProperty("log_target").GetBoolean())
            {
                InputMinimums = root.TryGetProperty("input_minimums", out var min) ? ModelJson.ReadDoubles(min) : null,
                InputMaximums = root.TryGetProperty("input_maximums", out var max) ? ModelJson.ReadDoubles(max) : null,
                Range = ModelJson.ReadRange(root),
            };
            if ((model.InputMinimums?.Length ?? model.FeatureNames.Count) != model.FeatureNames.Count || (model.InputMaximums?.Length ?? model.FeatureNames.Count) != model.FeatureNames.Count)
                throw new FormatException("the input ranges do not have one value per feature");
            return model;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InputException($"{path}: not a valid ridge model file ({e.Message}).", e);
        }
    }
}
