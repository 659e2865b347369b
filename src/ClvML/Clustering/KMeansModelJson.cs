using System.Text.Json;

namespace ClvML.Clustering;

/// <summary>
/// The JSON file of a <see cref="KMeansModel"/>: format header, feature names, the transform (kind, centre,
/// scale), centroids in the transformed space, labels and fit diagnostics. Doubles are written in
/// shortest round-trip form (<see cref="ModelJson"/>), so a loaded model predicts exactly as the saved one.
/// </summary>
public static class KMeansModelJson
{
    /// <summary>The format name in the file header.</summary>
    public const string Format = "clvml.kmeans";
    /// <summary>Version written by this ClvML; the reader accepts versions 1 up to it.</summary>
    public const int FormatVersion = 1;

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/>.</summary>
    public static void Write(KMeansModel model, string path)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        ModelJson.WriteHeader(json, Format, FormatVersion);
        json.WriteStartArray("features");
        foreach (var name in model.FeatureNames) json.WriteStringValue(name);
        json.WriteEndArray();
        json.WriteStartObject("transform");
        json.WriteString("kind", FeatureTransform.Name(model.Transform.Kind));
        ModelJson.WriteDoubles(json, "center", [.. model.Transform.Center]);
        ModelJson.WriteDoubles(json, "scale", [.. model.Transform.Scale]);
        json.WriteEndObject();
        json.WriteNumber("k", model.ClusterCount);
        json.WriteStartArray("centroids");
        for (var j = 0; j < model.ClusterCount; j++) ModelJson.WriteDoubles(json, null, model.Centroid(j));
        json.WriteEndArray();
        json.WriteStartArray("centroids_in_feature_units");
        for (var j = 0; j < model.ClusterCount; j++) ModelJson.WriteDoubles(json, null, model.CentroidInFeatureUnits(j));
        json.WriteEndArray();
        json.WriteStartArray("labels");
        foreach (var label in model.Labels) json.WriteStringValue(label);
        json.WriteEndArray();
        json.WritePropertyName("inertia");
        ModelJson.WriteDouble(json, model.Inertia);
        json.WriteNumber("iterations", model.Iterations);
        json.WriteBoolean("converged", model.Converged);
        json.WriteEndObject();
    }

    /// <summary>Reads a model; a wrong format, a newer version or a malformed file is an <see cref="InputException"/> naming the file.</summary>
    public static KMeansModel Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        ModelJson.CheckHeader(root, Format, FormatVersion, path);
        try
        {
            var names = root.GetProperty("features").EnumerateArray().Select(e => e.GetString()!).ToArray();
            var transform = root.GetProperty("transform");
            var kind = FeatureTransform.Parse(transform.GetProperty("kind").GetString()!);
            var fitted = new FeatureTransform(kind, ModelJson.ReadDoubles(transform.GetProperty("center")), ModelJson.ReadDoubles(transform.GetProperty("scale")));
            var centroids = root.GetProperty("centroids").EnumerateArray().SelectMany(ModelJson.ReadDoubles).ToArray();
            var labels = root.GetProperty("labels").EnumerateArray().Select(e => e.GetString()!).ToArray();
            return new KMeansModel(names, fitted, centroids, labels, ModelJson.ReadDouble(root.GetProperty("inertia")),
                root.GetProperty("iterations").GetInt32(), root.GetProperty("converged").GetBoolean(), null);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new InputException($"{path}: not a valid k-means model file ({e.Message}).", e);
        }
    }
}
