using System.Text.Json;
using ClvML.Features;
using ClvML.Models;

namespace ClvML.Linear;

/// <summary>
/// A fitted <see cref="HuberRegression"/>: the linear predictor of its last reweighted fit, with ridge's input
/// clipping and prediction range, plus how the reweighting ended. Saved as versioned JSON (<c>clvml.huber</c>).
/// </summary>
public sealed class HuberRegressionModel : IRegressionModel
{
    /// <summary>The registry name of this kind.</summary>
    public const string KindName = "huber";
    /// <summary>The model file's format name.</summary>
    public const string Format = "clvml.huber";
    /// <summary>Newest format version written and read.</summary>
    public const int FormatVersion = 1;

    internal HuberRegressionModel(RidgeModel linear, double epsilon, int iterations, bool converged)
    {
        Linear = linear;
        Epsilon = epsilon;
        Iterations = iterations;
        Converged = converged;
    }

    /// <inheritdoc />
    public string Kind => KindName;
    /// <inheritdoc />
    public IReadOnlyList<string> FeatureNames => Linear.FeatureNames;
    /// <summary>The linear predictor (standardization, coefficients, input clipping and prediction range).</summary>
    public RidgeModel Linear { get; }
    /// <summary>The tuning constant the model was fitted with.</summary>
    public double Epsilon { get; }
    /// <summary>Reweighting rounds run.</summary>
    public int Iterations { get; }
    /// <summary>Whether the coefficients settled before the iteration cap.</summary>
    public bool Converged { get; }

    /// <summary>Coefficients per unit of each feature (in <see cref="FeatureNames"/> order), then the intercept.</summary>
    public double[] Coefficients() => HuberRegression.OriginalScale(Linear);

    /// <inheritdoc />
    public void Predict(FeatureMatrix features, Span<double> destination) => Linear.Predict(features, destination);

    /// <inheritdoc />
    public double[] Predict(FeatureMatrix features) => Linear.Predict(features);

    /// <inheritdoc />
    public double PredictRow(ReadOnlySpan<double> row) => Linear.PredictRow(row);

    /// <inheritdoc />
    public void Save(string path)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        ModelJson.WriteHeader(json, Format, FormatVersion);
        json.WriteNumber("epsilon", Epsilon);
        json.WriteNumber("iterations", Iterations);
        json.WriteBoolean("converged", Converged);
        json.WriteNumber("intercept", Linear.Intercept);
        json.WriteStartArray("features");
        foreach (var name in FeatureNames) json.WriteStringValue(name);
        json.WriteEndArray();
        ModelJson.WriteDoubles(json, "means", Linear.Means);
        ModelJson.WriteDoubles(json, "scales", Linear.Scales);
        ModelJson.WriteDoubles(json, "coefficients", Linear.Coefficients);
        ModelJson.WriteDoubles(json, "input_minimums", Linear.InputMinimums ?? throw new InvalidOperationException("A fitted Huber model has input ranges."));
        ModelJson.WriteDoubles(json, "input_maximums", Linear.InputMaximums ?? throw new InvalidOperationException("A fitted Huber model has input ranges."));
        ModelJson.WriteRange(json, Linear.Range);
        json.WriteEndObject();
    }

    /// <summary>Loads a model saved by <see cref="Save"/>; a foreign or newer file is an <see cref="InputException"/> naming it.</summary>
    public static HuberRegressionModel Load(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            ModelJson.CheckHeader(root, Format, FormatVersion, path);
            var names = root.GetProperty("features").EnumerateArray().Select(f => f.GetString()!).ToArray();
            var linear = new RidgeModel(names, ModelJson.ReadDoubles(root.GetProperty("means")), ModelJson.ReadDoubles(root.GetProperty("scales")),
                ModelJson.ReadDoubles(root.GetProperty("coefficients")), root.GetProperty("intercept").GetDouble(), logTarget: false)
            {
                InputMinimums = ModelJson.ReadDoubles(root.GetProperty("input_minimums")),
                InputMaximums = ModelJson.ReadDoubles(root.GetProperty("input_maximums")),
                Range = ModelJson.ReadRange(root),
            };
            if (new[] { linear.Means, linear.Scales, linear.Coefficients, linear.InputMinimums, linear.InputMaximums }.Any(a => a.Length != names.Length))
                throw new FormatException("the arrays do not have one value per feature");
            return new HuberRegressionModel(linear, root.GetProperty("epsilon").GetDouble(), root.GetProperty("iterations").GetInt32(), root.GetProperty("converged").GetBoolean());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InputException($"{path}: not a valid Huber regression model file ({e.Message}).", e);
        }
    }
}
