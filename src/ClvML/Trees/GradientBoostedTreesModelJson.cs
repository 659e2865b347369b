using System.Text.Json;

namespace ClvML.Trees;

/// <summary>
/// Saves and loads <see cref="GradientBoostedTreesModel"/> as JSON (format <c>clvml.gradient_boosted_trees</c>):
/// objective, initial score, feature names, bin bounds and every tree's node arrays. No timestamps, and
/// doubles in round-trip form, so the same model always gives the same bytes.
/// </summary>
public static class GradientBoostedTreesModelJson
{
    /// <summary>The format name in the file.</summary>
    public const string Format = "clvml.gradient_boosted_trees";
    /// <summary>The version this build writes and the newest it reads (2 added the prediction range; a version-1 file predicts unbounded, as it did).</summary>
    public const int FormatVersion = 2;

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/>.</summary>
    public static void Save(GradientBoostedTreesModel model, string path)
    {
        using var stream = File.Create(path);
        Write(model, stream);
    }

    /// <summary>Writes <paramref name="model"/> to a stream.</summary>
    public static void Write(GradientBoostedTreesModel model, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        ModelJson.WriteHeader(json, Format, FormatVersion);
        json.WriteString("objective", model.Objective.ToString());
        json.WriteNumber("tweedie_power", model.TweediePower);
        json.WriteBoolean("log_target", model.LogTarget);
        json.WritePropertyName("initial_score");
        ModelJson.WriteDouble(json, model.InitialScore);
        ModelJson.WriteRange(json, model.Range);
        json.WriteStartArray("features");
        foreach (var name in model.FeatureNames) json.WriteStringValue(name);
        json.WriteEndArray();
        json.WriteStartArray("bin_upper_bounds");
        foreach (var bounds in model.Bins.UpperBounds) ModelJson.WriteDoubles(json, null, bounds);
        json.WriteEndArray();
        json.WriteStartArray("trees");
        foreach (var tree in model.Trees)
        {
            json.WriteStartObject();
            WriteInts(json, "feature", tree.Feature);
            ModelJson.WriteDoubles(json, "threshold", tree.Threshold);
            WriteInts(json, "threshold_bin", tree.ThresholdBin.Select(b => (int)b).ToArray());
            json.WriteStartArray("default_left");
            foreach (var d in tree.DefaultLeft) json.WriteBooleanValue(d);
            json.WriteEndArray();
            WriteInts(json, "left", tree.Left);
            WriteInts(json, "right", tree.Right);
            ModelJson.WriteDoubles(json, "value", tree.Value);
            ModelJson.WriteDoubles(json, "gain", tree.Gain);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Loads a model; an unreadable, foreign or newer file is an <see cref="InputException"/> naming it.</summary>
    public static GradientBoostedTreesModel Load(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            ModelJson.CheckHeader(root, Format, FormatVersion, path);
            var bins = new BinMapper([.. root.GetProperty("bin_upper_bounds").EnumerateArray().Select(ModelJson.ReadDoubles)]);
            var trees = root.GetProperty("trees").EnumerateArray().Select(t => new RegressionTree(
                Ints(t.GetProperty("feature")), ModelJson.ReadDoubles(t.GetProperty("threshold")),
                [.. Ints(t.GetProperty("threshold_bin")).Select(b => (byte)b)],
                [.. t.GetProperty("default_left").EnumerateArray().Select(b => b.GetBoolean())],
                Ints(t.GetProperty("left")), Ints(t.GetProperty("right")),
                ModelJson.ReadDoubles(t.GetProperty("value")), ModelJson.ReadDoubles(t.GetProperty("gain")))).ToList();
            return new GradientBoostedTreesModel(
                [.. root.GetProperty("features").EnumerateArray().Select(f => f.GetString()!)],
                Enum.Parse<BoostingObjective>(root.GetProperty("objective").GetString()!),
                root.GetProperty("tweedie_power").GetDouble(), root.GetProperty("log_target").GetBoolean(),
                ModelJson.ReadDouble(root.GetProperty("initial_score")), trees, bins, [], ModelJson.ReadRange(root));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new InputException($"{path}: not a valid boosted-trees model file ({e.Message}).", e);
        }
    }

    private static void WriteInts(Utf8JsonWriter json, string name, int[] values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteNumberValue(v);
        json.WriteEndArray();
    }

    private static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];
}
