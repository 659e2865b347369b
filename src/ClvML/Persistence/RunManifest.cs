using System.Security.Cryptography;
using System.Text.Json;
using ClvML.Features;

namespace ClvML.Persistence;

/// <summary>One file of a run, as the manifest lists it.</summary>
/// <param name="Path">Path relative to the run directory, with forward slashes.</param>
/// <param name="Kind">What the file is (features, rejects, model kinds, report).</param>
/// <param name="FormatVersion">Version of the file's format, checked when it is loaded.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's bytes.</param>
public sealed record RunFile(string Path, string Kind, int FormatVersion, string Sha256);

/// <summary>One model's holdout metrics as the manifest records them (the report's leaderboard, best first).</summary>
/// <param name="Name">Model name.</param>
/// <param name="Kind">probabilistic, regression or heuristic.</param>
/// <param name="Values">Metric values by their metrics.json names.</param>
public sealed record ManifestModelMetrics(string Name, string Kind, IReadOnlyList<KeyValuePair<string, double>> Values)
{
    /// <summary>Leaderboard rank, shared by models tied on the primary metric (null in runs saved before ranks were recorded).</summary>
    public int? Rank { get; init; }
}

/// <summary>
/// <c>manifest.json</c>: schema and tool version, seed, resolved config, data fingerprint,
/// feature schema and every file of the run with its kind, format version and hash
/// (the contract in shared/docs/DESIGN.md). It carries no timestamps, so identical runs give identical manifests.
/// </summary>
public sealed partial record RunManifest
{
    /// <summary>Version of this manifest's layout.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Layout version written.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    /// <summary>ClvML version that wrote the run.</summary>
    public string ToolVersion { get; init; } = typeof(RunManifest).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    /// <summary>Run name (the folder may carry a -N suffix).</summary>
    public required string RunName { get; init; }
    /// <summary>The seed every random choice derived from.</summary>
    public int Seed { get; init; }
    /// <summary>The fully resolved config, as YAML.</summary>
    public required string ConfigYaml { get; init; }
    /// <summary>Input fingerprint and row accounting.</summary>
    public required DataFingerprint Data { get; init; }
    /// <summary>Feature table columns in file order.</summary>
    public IReadOnlyList<string> FeatureColumns { get; init; } = [];
    /// <summary>Time unit of the duration features.</summary>
    public required string TimeUnit { get; init; }
    /// <summary>Purchase period of the frequency features.</summary>
    public required string PurchasePeriod { get; init; }
    /// <summary>The run's files.</summary>
    public IReadOnlyList<RunFile> Files { get; init; } = [];
    /// <summary>Every compared model's holdout metrics, best first by <c>evaluation.primary_metric</c> (empty without a holdout or report).</summary>
    public IReadOnlyList<ManifestModelMetrics> Metrics { get; init; } = [];
    /// <summary>What the run's reader must know (periods against the data, fits at a limit), in the order the report shows them.</summary>
    public IReadOnlyList<RunWarning> Warnings { get; init; } = [];

    /// <summary>Lower-case hex SHA-256 of a file.</summary>
    public static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Writes the manifest as indented JSON with snake_case keys.</summary>
    public void Write(string path)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("schema_version", SchemaVersion);
        json.WriteString("tool_version", ToolVersion);
        json.WriteString("run_name", RunName);
        json.WriteNumber("seed", Seed);
        json.WriteStartObject("data");
        json.WriteString("source", Data.Source);
        json.WriteString("sha256", Data.Sha256);
        json.WriteNumber("rows_read", Data.RowsRead);
        json.WriteNumber("rows_accepted", Data.RowsAccepted);
        json.WriteNumber("rows_rejected", Data.RowsRejected);
        json.WriteStartObject("rejected_by_reason");
        foreach (var (reason, count) in Data.RejectedByReason.OrderBy(r => r.Key, StringComparer.Ordinal)) json.WriteNumber(reason, count);
        json.WriteEndObject();
        json.WriteNumber("blank_lines", Data.BlankLines);
        json.WriteNumber("customers", Data.Customers);
        json.WriteNumber("customers_first_seen_in_holdout", Data.CustomersFirstSeenInHoldout);
        WriteDate(json, "calibration_end", Data.CalibrationEnd);
        WriteDate(json, "observation_end", Data.ObservationEnd);
        WriteDate(json, "first_transaction", Data.FirstTransaction);
        WriteDate(json, "last_transaction", Data.LastTransaction);
        json.WriteEndObject();
        json.WriteStartObject("features");
        json.WriteString("time_unit", TimeUnit);
        json.WriteString("purchase_period", PurchasePeriod);
        json.WriteStartArray("columns");
        foreach (var column in FeatureColumns) json.WriteStringValue(column);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartArray("files");
        foreach (var file in Files)
        {
            json.WriteStartObject();
            json.WriteString("path", file.Path);
            json.WriteString("kind", file.Kind);
            json.WriteNumber("format_version", file.FormatVersion);
            json.WriteString("sha256", file.Sha256);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("metrics");
        foreach (var model in Metrics)
        {
            json.WriteStartObject();
            json.WriteString("name", model.Name);
            json.WriteString("kind", model.Kind);
            if (model.Rank is { } rank) json.WriteNumber("rank", rank);
            json.WriteStartObject("values");
            foreach (var (metric, value) in model.Values)
            {
                json.WritePropertyName(metric);
                ModelJson.WriteDouble(json, value);
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        RunWarning.WriteArray(json, "warnings", Warnings);
        json.WriteString("config", ConfigYaml);
        json.WriteEndObject();
    }

    private static void WriteDate(Utf8JsonWriter json, string name, DateOnly? date)
    {
        if (date is { } d) json.WriteString(name, d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        else json.WriteNull(name);
    }
}
