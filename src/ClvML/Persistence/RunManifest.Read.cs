using System.Globalization;
using System.Text.Json;
using ClvML.Features;

namespace ClvML.Persistence;

public sealed partial record RunManifest
{
    /// <summary>Reads a manifest written by <see cref="Write"/>.</summary>
    /// <exception cref="RunIntegrityException">The file is missing, is not JSON, lacks a key, or has a newer schema.</exception>
    public static RunManifest Read(string path)
    {
        if (!System.IO.File.Exists(path))
            throw new RunIntegrityException(path, "manifest.json is missing: this is not a complete ClvML run directory (an interrupted run leaves only a hidden .incomplete folder); train again");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(System.IO.File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new RunIntegrityException(path, $"not valid JSON ({e.Message}); the file was damaged or edited, train again");
        }
        using (document)
        {
            var root = document.RootElement;
            var schema = Number(root, "schema_version", path);
            if (schema > CurrentSchemaVersion)
                throw new RunIntegrityException(path, $"schema version {schema} is newer than this ClvML reads ({CurrentSchemaVersion}); upgrade ClvML to load this run");
            var data = Member(root, "data", path);
            var features = Member(root, "features", path);
            return new RunManifest
            {
                SchemaVersion = (int)schema,
                ToolVersion = Text(root, "tool_version", path),
                RunName = Text(root, "run_name", path),
                Seed = (int)Number(root, "seed", path),
                ConfigYaml = Text(root, "config", path),
                TimeUnit = Text(features, "time_unit", path),
                PurchasePeriod = Text(features, "purchase_period", path),
                FeatureColumns = [.. Member(features, "columns", path).EnumerateArray().Select(c => c.GetString() ?? "")],
                Data = new DataFingerprint
                {
                    Source = Text(data, "source", path),
                    Sha256 = data.TryGetProperty("sha256", out var sha) && sha.ValueKind == JsonValueKind.String ? sha.GetString() : null,
                    RowsRead = Number(data, "rows_read", path),
                    RowsAccepted = Number(data, "rows_accepted", path),
                    RowsRejected = Number(data, "rows_rejected", path),
                    RejectedByReason = Member(data, "rejected_by_reason", path).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64()),
                    BlankLines = Number(data, "blank_lines", path),
                    Customers = (int)Number(data, "customers", path),
                    CustomersFirstSeenInHoldout = (int)Number(data, "customers_first_seen_in_holdout", path),
                    CalibrationEnd = Date(data, "calibration_end"),
                    ObservationEnd = Date(data, "observation_end"),
                    FirstTransaction = Date(data, "first_transaction"),
                    LastTransaction = Date(data, "last_transaction"),
                },
                Files = [.. Member(root, "files", path).EnumerateArray().Select(f => new RunFile(
                    Text(f, "path", path), Text(f, "kind", path), (int)Number(f, "format_version", path), Text(f, "sha256", path)))],
                // Runs written before the metrics were recorded have none.
                Metrics = root.TryGetProperty("metrics", out var metrics) && metrics.ValueKind == JsonValueKind.Array
                    ? [.. metrics.EnumerateArray().Select(m => new ManifestModelMetrics(Text(m, "name", path), Text(m, "kind", path),
                        [.. Member(m, "values", path).EnumerateObject().Select(v => KeyValuePair.Create(v.Name, ModelJson.ReadDouble(v.Value)))])
                        { Rank = m.TryGetProperty("rank", out var rank) ? (int)Number(m, "rank", path) : null })]
                    : [],
                Warnings = ReadWarnings(root, path),
            };
        }
    }

    private static IReadOnlyList<RunWarning> ReadWarnings(JsonElement root, string path)
    {
        try
        {
            return RunWarning.ReadArray(root, "warnings");
        }
        catch (FormatException e)
        {
            throw new RunIntegrityException(path, $"{e.Message}; the file was damaged or edited, train again");
        }
    }

    private static JsonElement Member(JsonElement element, string name, string path) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new RunIntegrityException(path, $"key '{name}' is missing; the file was damaged or edited, train again");

    private static string Text(JsonElement element, string name, string path) =>
        Member(element, name, path) is { ValueKind: JsonValueKind.String } value ? value.GetString()!
            : throw new RunIntegrityException(path, $"key '{name}' is not a string; the file was damaged or edited, train again");

    private static long Number(JsonElement element, string name, string path) =>
        Member(element, name, path) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var n) ? n
            : throw new RunIntegrityException(path, $"key '{name}' is not an integer; the file was damaged or edited, train again");

    private static DateOnly? Date(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? DateOnly.ParseExact(value.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
}
