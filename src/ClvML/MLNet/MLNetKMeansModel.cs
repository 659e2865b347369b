using System.IO.Compression;
using System.Text.Json;
using ClvML.Clustering;
using ClvML.Features;
using ClvML.Models;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace ClvML.MLNet;

/// <summary>
/// A fitted ML.NET k-means model behind ClvML's clustering contract: ClvML's <see cref="FeatureTransform"/> (applied in
/// double precision), then ML.NET's pipeline (transformed features by name -> float -> <c>Features</c> -> KMeans ->
/// <c>PredictedLabel</c>, 1-based). Saved as an ML.NET model file (<c>segments/kmeans.zip</c>) with the transform, the
/// labels and the inertia in one more entry of the zip, <see cref="ClvMLEntry"/>, which ML.NET's loader does not read.
/// </summary>
public sealed class MLNetKMeansModel : IClusteringModel
{
    /// <summary>The registry name of this kind (the manifest's file kind).</summary>
    public const string KindName = "mlnet_kmeans";
    /// <summary>The format name in the zip's ClvML entry.</summary>
    public const string Format = "clvml.mlnet_kmeans";
    /// <summary>The version this build writes and the newest it reads.</summary>
    public const int FormatVersion = 1;
    /// <summary>The zip entry holding what ML.NET's model does not: transform, labels, inertia.</summary>
    public const string ClvMLEntry = "ClvML/kmeans.json";

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly double[][] _centroids;
    private readonly string[] _labels;
    private readonly int[] _trainingAssignments;

    private MLNetKMeansModel(IReadOnlyList<string> featureNames, FeatureTransform transform, MLContext ml, ITransformer model,
        IReadOnlyList<string>? labels, double inertia, int[]? trainingAssignments)
    {
        FeatureNames = [.. featureNames];
        Transform = transform;
        _ml = ml;
        _model = model;
        _centroids = Centroids(model, featureNames.Count);
        _labels = labels is null ? [.. Enumerable.Range(0, ClusterCount).Select(j => $"cluster {j}")] : [.. labels];
        if (_labels.Length != ClusterCount) throw new ArgumentException($"{_labels.Length} labels for {ClusterCount} clusters.");
        Inertia = inertia;
        _trainingAssignments = trainingAssignments ?? [];
    }

    /// <inheritdoc />
    public string Kind => KindName;
    /// <inheritdoc />
    public IReadOnlyList<string> FeatureNames { get; }
    /// <summary>The transform fitted with the model.</summary>
    public FeatureTransform Transform { get; }
    /// <inheritdoc />
    public int ClusterCount => _centroids.Length;
    /// <inheritdoc />
    public IReadOnlyList<string> Labels => _labels;
    /// <inheritdoc />
    public double Inertia { get; }
    /// <inheritdoc />
    public IReadOnlyList<int> TrainingAssignments => _trainingAssignments;
    /// <summary>The ML.NET pipeline (input: the transformed features by name, as doubles; output: <c>PredictedLabel</c>).</summary>
    public ITransformer Transformer => _model;

    /// <inheritdoc />
    public double[] CentroidInFeatureUnits(int cluster) => Transform.Invert(_centroids[cluster]);

    /// <inheritdoc />
    public IClusteringModel WithLabels(IReadOnlyList<string> labels) =>
        new MLNetKMeansModel(FeatureNames, Transform, _ml, _model, labels, Inertia, _trainingAssignments);

    /// <inheritdoc />
    public void Predict(FeatureMatrix features, Span<int> destination)
    {
        if (destination.Length != features.RowCount) throw new ArgumentException($"{destination.Length} destinations for {features.RowCount} rows.", nameof(destination));
        var selected = new FeatureMatrix(FeatureNames, MLNetInput.ColumnsByName(features, FeatureNames));
        if (selected.RowCount == 0) return;
        ClusteringInput.CheckFinite(selected);
        Assign(_model, Columns(Transform.Apply(selected.Columns)), selected.RowCount, FeatureNames, destination);
    }

    /// <inheritdoc />
    public void Save(string path)
    {
        var schema = new DataViewSchema.Builder();
        foreach (var name in FeatureNames) schema.AddColumn(name, NumberDataViewType.Double);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            WriteClvMLEntry(json);
        ModelZip.Save(_ml, _model, schema.ToSchema(), path, [(ClvMLEntry, stream.ToArray())]);
    }

    private void WriteClvMLEntry(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WriteNumber("format_version", FormatVersion);
        json.WriteStartArray("features");
        foreach (var name in FeatureNames) json.WriteStringValue(name);
        json.WriteEndArray();
        json.WriteString("transform", FeatureTransform.Name(Transform.Kind));
        WriteNumbers(json, "center", Transform.Center);
        WriteNumbers(json, "scale", Transform.Scale);
        json.WriteStartArray("labels");
        foreach (var label in _labels) json.WriteStringValue(label);
        json.WriteEndArray();
        json.WriteNumber("inertia", Inertia);
        json.WriteEndObject();
    }

    /// <summary>Reads a model file written by <see cref="Save"/>; a foreign or newer file is an <see cref="InputException"/> naming it.</summary>
    public static MLNetKMeansModel Load(string path)
    {
        try
        {
            JsonElement root;
            using (var zip = ZipFile.OpenRead(path))
            {
                var entry = zip.GetEntry(ClvMLEntry) ?? throw new FormatException($"it has no {ClvMLEntry} entry");
                using var stream = entry.Open();
                root = JsonDocument.Parse(stream).RootElement.Clone();
            }
            if (root.GetProperty("format").GetString() != Format) throw new FormatException($"its format is not {Format}");
            var version = root.GetProperty("format_version").GetInt32();
            if (version > FormatVersion) throw new FormatException($"format version {version} is newer than this ClvML reads ({FormatVersion}); upgrade ClvML");
            var names = root.GetProperty("features").EnumerateArray().Select(e => e.GetString()!).ToArray();
            var transform = new FeatureTransform(FeatureTransform.Parse(root.GetProperty("transform").GetString()!),
                [.. root.GetProperty("center").EnumerateArray().Select(e => e.GetDouble())], [.. root.GetProperty("scale").EnumerateArray().Select(e => e.GetDouble())]);
            if (transform.FeatureCount != names.Length) throw new FormatException("the transform does not have one centre and scale per feature");
            var ml = new MLContext();
            var model = ml.Model.Load(path, out _);
            return new MLNetKMeansModel(names, transform, ml, model, [.. root.GetProperty("labels").EnumerateArray().Select(e => e.GetString()!)],
                root.GetProperty("inertia").GetDouble(), null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or InvalidDataException or ArgumentException)
        {
            throw new InputException($"{path}: not a valid ML.NET k-means model file ({e.Message}).", e);
        }
    }

    /// <summary>The model just fitted on the transformed rows <paramref name="z"/>, with its training assignments and inertia.</summary>
    internal static MLNetKMeansModel Fitted(IReadOnlyList<string> names, FeatureTransform transform, MLContext ml, ITransformer model,
        DenseRows z, IReadOnlyList<double[]> columns, double[]? weights)
    {
        var assignments = new int[z.RowCount];
        Assign(model, columns, z.RowCount, names, assignments);
        var centroids = Centroids(model, names.Count);
        // Inertia in ClvML's transformed space, in double precision, from ML.NET's (float) centroids and assignments:
        // the number ClvML's own engine reports for its centroids, so the two engines compare on it.
        double inertia = 0;
        var d = z.ColumnCount;
        for (var i = 0; i < z.RowCount; i++)
        {
            var c = centroids[assignments[i]];
            double distance = 0;
            for (var f = 0; f < d; f++)
            {
                var delta = z.Values[(long)i * d + f] - c[f];
                distance += delta * delta;
            }
            inertia += (weights?[i] ?? 1) * distance;
        }
        return new MLNetKMeansModel(names, transform, ml, model, null, inertia, assignments);
    }

    /// <summary>The columns of row-major <paramref name="z"/>.</summary>
    internal static double[][] Columns(DenseRows z)
    {
        var columns = new double[z.ColumnCount][];
        for (var f = 0; f < z.ColumnCount; f++)
        {
            var column = new double[z.RowCount];
            for (var i = 0; i < column.Length; i++) column[i] = z.Values[(long)i * z.ColumnCount + f];
            columns[f] = column;
        }
        return columns;
    }

    // ML.NET's clusters are key values 1..k; ClvML's are 0..k-1. It assigns in single precision: a row almost
    // equidistant from two centroids may go to the other one than a double-precision nearest-centroid search would.
    private static void Assign(ITransformer model, IReadOnlyList<double[]> columns, int rows, IReadOnlyList<string> names, Span<int> destination)
    {
        var output = model.Transform(new FeatureMatrixDataView(names, columns, rows));
        var column = output.Schema["PredictedLabel"];
        using var cursor = output.GetRowCursor([column]);
        var getter = cursor.GetGetter<uint>(column);
        uint key = 0;
        var i = 0;
        while (cursor.MoveNext())
        {
            getter(ref key);
            destination[i++] = (int)key - 1;
        }
    }

    private static double[][] Centroids(ITransformer model, int featureCount)
    {
        // A fitted chain is typed by its k-means predictor; a loaded one holds it as IPredictorProducing<VBuffer<float>>,
        // whose runtime type is still KMeansModelParameters.
        var last = ((model as IEnumerable<ITransformer>)?.LastOrDefault() as IPredictionTransformer<object>)?.Model as KMeansModelParameters
            ?? throw new InvalidDataException("the ML.NET model does not end in a k-means predictor");
        VBuffer<float>[] centroids = [];
        last.GetClusterCentroids(ref centroids, out var k);
        var result = new double[k][];
        for (var j = 0; j < k; j++)
        {
            var dense = centroids[j].DenseValues().Select(v => (double)v).ToArray();
            if (dense.Length != featureCount) throw new InvalidDataException($"centroid {j} has {dense.Length} values for {featureCount} features");
            result[j] = dense;
        }
        return result;
    }

    private static void WriteNumbers(Utf8JsonWriter json, string name, IReadOnlyList<double> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteNumberValue(v);
        json.WriteEndArray();
    }
}
