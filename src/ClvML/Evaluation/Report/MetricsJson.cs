using System.Globalization;
using System.Text.Json;
using ClvML.Data.Output;

namespace ClvML.Evaluation.Report;

/// <summary>
/// Reads and writes report/metrics.json in the shape DESIGN.md fixes:
/// <c>{"models":[{"name":..,"kind":..,"metrics":{"mae":..,...}}],"holdout":{...}}</c>, plus a
/// leading "format_version" and optional "primary_metric", each model's leaderboard "rank" (shared by
/// tied models) and, for a likelihood fit, its "fit" facts, and the run's "warnings" at the end. Doubles are written in shortest
/// round-trip form (what <see cref="Utf8JsonWriter"/> does for double), so reading gives back the
/// same bits; a NaN metric (undefined, e.g. R² on constant actuals) is written as null, since JSON
/// has no NaN and scripts should see "no value", not a string.
/// </summary>
public static class MetricsJson
{
    /// <summary>Writes <paramref name="document"/> to <paramref name="stream"/> as indented UTF-8 JSON.</summary>
    public static void Write(MetricsDocument document, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(stream);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("format_version", MetricsDocument.FormatVersion);
        if (document.PrimaryMetric is { } primary) json.WriteString("primary_metric", primary);
        json.WriteStartArray("models");
        foreach (var model in document.Models)
        {
            json.WriteStartObject();
            json.WriteString("name", model.Name);
            json.WriteString("kind", model.Kind);
            if (model.Rank is { } rank) json.WriteNumber("rank", rank);
            json.WriteStartObject("metrics");
            foreach (var (name, value) in model.Metrics)
            {
                json.WritePropertyName(name);
                WriteDouble(json, value);
            }
            json.WriteEndObject();
            if (model.Fit.Count > 0)
            {
                json.WriteStartObject("fit");
                foreach (var (name, value) in model.Fit)
                {
                    json.WritePropertyName(name);
                    WriteValue(json, name, value);
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("holdout");
        foreach (var (name, value) in document.Holdout)
        {
            json.WritePropertyName(name);
            WriteValue(json, name, value);
        }
        json.WriteEndObject();
        RunWarning.WriteArray(json, "warnings", document.Warnings);
        json.WriteEndObject();
    }

    /// <summary>Writes <paramref name="document"/> to the file at <paramref name="path"/>.</summary>
    public static void WriteFile(MetricsDocument document, string path) => StagedFile.Write(path, temporary =>
    {
        using var stream = File.Create(temporary);
        Write(document, stream);
    });

    /// <summary>Returns <paramref name="document"/> as JSON text.</summary>
    public static string ToJson(MetricsDocument document)
    {
        using var stream = new MemoryStream();
        Write(document, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// Reads a metrics.json back (for rebuilding a report from a saved run). Null metrics come back
    /// as NaN; holdout numbers as <see cref="long"/> when integral, else <see cref="double"/>.
    /// </summary>
    /// <param name="json">The file's text.</param>
    /// <param name="file">File name for error messages.</param>
    public static MetricsDocument Read(string json, string file = "metrics.json")
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new InputException($"{file}: expected a JSON object at the top.");
            if (root.TryGetProperty("format_version", out var version) && version.TryGetInt32(out var v) && v > MetricsDocument.FormatVersion)
                throw new InputException($"{file}: written with format version {v}, but this ClvML reads up to version {MetricsDocument.FormatVersion}; upgrade ClvML or rebuild the report.");
            if (!root.TryGetProperty("models", out var models) || models.ValueKind != JsonValueKind.Array)
                throw new InputException($"{file}: the \"models\" array is missing.");
            var entries = new List<ModelMetrics>();
            foreach (var model in models.EnumerateArray())
            {
                var name = model.TryGetProperty("name", out var n) ? n.GetString() : null;
                var kind = model.TryGetProperty("kind", out var k) ? k.GetString() : null;
                if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(kind))
                    throw new InputException($"{file}: models[{entries.Count}] needs a \"name\" and a \"kind\".");
                var metrics = new List<KeyValuePair<string, double>>();
                if (model.TryGetProperty("metrics", out var m) && m.ValueKind == JsonValueKind.Object)
                    foreach (var p in m.EnumerateObject())
                        metrics.Add(KeyValuePair.Create(p.Name, p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetDouble() : double.NaN));
                entries.Add(new ModelMetrics(name, kind, metrics)
                {
                    Rank = model.TryGetProperty("rank", out var rank) && rank.TryGetInt32(out var r) ? r : null,
                    Fit = model.TryGetProperty("fit", out var fit) && fit.ValueKind == JsonValueKind.Object
                        ? [.. fit.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, ReadValue(p.Value)))] : [],
                });
            }
            var holdout = new List<KeyValuePair<string, object?>>();
            if (root.TryGetProperty("holdout", out var h) && h.ValueKind == JsonValueKind.Object)
                foreach (var p in h.EnumerateObject()) holdout.Add(KeyValuePair.Create(p.Name, ReadValue(p.Value)));
            var primary = root.TryGetProperty("primary_metric", out var pm) && pm.ValueKind == JsonValueKind.String ? pm.GetString() : null;
            return new MetricsDocument(entries, holdout) { PrimaryMetric = primary, Warnings = RunWarning.ReadArray(root, "warnings") };
        }
        catch (JsonException e)
        {
            throw new InputException($"{file}: not valid JSON ({e.Message}).");
        }
        catch (FormatException e)
        {
            throw new InputException($"{file}: {e.Message}.");
        }
    }

    private static void WriteDouble(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value)) json.WriteNumberValue(value);
        else json.WriteNullValue();
    }

    private static void WriteValue(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case bool b: json.WriteBooleanValue(b); break;
            case double d: WriteDouble(json, d); break;
            case float f: WriteDouble(json, f); break;
            case int i: json.WriteNumberValue(i); break;
            case long l: json.WriteNumberValue(l); break;
            case decimal m: json.WriteNumberValue(m); break;
            case DateOnly date: json.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case DateTime time: json.WriteStringValue(time.ToString("O", CultureInfo.InvariantCulture)); break;
            case DateTimeOffset time: json.WriteStringValue(time.ToString("O", CultureInfo.InvariantCulture)); break;
            default: throw new ArgumentException($"Holdout value '{name}' has type {value.GetType().Name}; use a number, string, bool, date or null.");
        }
    }

    private static object? ReadValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => value.TryGetInt64(out var l) ? (object)l : value.GetDouble(),
        _ => value.GetRawText(),
    };
}
