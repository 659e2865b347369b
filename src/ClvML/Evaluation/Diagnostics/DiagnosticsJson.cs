using System.Text.Json;

namespace ClvML.Evaluation.Diagnostics;

/// <summary>
/// Reads and writes report/diagnostics.json (<see cref="RunDiagnostics"/>). Doubles are written in
/// shortest round-trip form and NaN as null, so a report rebuilt from the file is byte-identical
/// to the one written at training time.
/// </summary>
public static class DiagnosticsJson
{
    /// <summary>
    /// Version of the file's layout; readers refuse newer ones. Version 2 added "fits" (how each
    /// transaction model's fit went): a report rebuilt without it would again present a fit at the
    /// no-dropout limit as a result, so older readers must refuse it. Version 1 files are read with no fits.
    /// </summary>
    public const int FormatVersion = 2;

    /// <summary>Writes <paramref name="diagnostics"/> to <paramref name="path"/>.</summary>
    public static void WriteFile(RunDiagnostics diagnostics, string path)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("format_version", FormatVersion);
        json.WriteStartArray("models");
        foreach (var m in diagnostics.Models)
        {
            json.WriteStartObject();
            json.WriteString("name", m.Name);
            json.WriteString("kind", m.Kind);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("notes");
        foreach (var note in diagnostics.Notes) json.WriteStringValue(note);
        json.WriteEndArray();
        json.WriteString("automl_winner", diagnostics.AutoMLWinner);
        json.WriteString("primary_transaction_model", diagnostics.PrimaryTransactionModel);
        WriteComparison(json, "repeat_purchases", diagnostics.RepeatPurchases);
        if (diagnostics.Tracking is { } tracking)
        {
            json.WriteStartObject("tracking");
            json.WriteNumber("calibration_end", tracking.CalibrationEnd);
            Doubles(json, "period_ends", tracking.PeriodEnds);
            Doubles(json, "actual_incremental", tracking.ActualIncremental);
            Columns(json, "models", tracking.Models);
            json.WriteEndObject();
        }
        else json.WriteNull("tracking");
        if (diagnostics.Alive is { } alive)
        {
            json.WriteStartObject("alive");
            json.WriteString("model", alive.Model);
            Strings(json, "frequency_bins", alive.FrequencyBins);
            Strings(json, "recency_bins", alive.RecencyBins);
            json.WriteStartArray("mean_p_alive");
            for (var f = 0; f < alive.FrequencyBins.Count; f++)
            {
                json.WriteStartArray();
                for (var r = 0; r < alive.RecencyBins.Count; r++) Double(json, alive.MeanPAlive[f, r]);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteStartArray("customers");
            for (var f = 0; f < alive.FrequencyBins.Count; f++)
            {
                json.WriteStartArray();
                for (var r = 0; r < alive.RecencyBins.Count; r++) json.WriteNumberValue(alive.Customers[f, r]);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        else json.WriteNull("alive");
        json.WriteStartArray("fits");
        foreach (var fit in diagnostics.Fits) WriteFit(json, fit);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteFit(Utf8JsonWriter json, ModelFit fit)
    {
        json.WriteStartObject();
        json.WriteString("model", fit.Model);
        json.WriteStartObject("parameters");
        foreach (var (name, value) in fit.Parameters)
        {
            json.WritePropertyName(name);
            Double(json, value);
        }
        json.WriteEndObject();
        json.WritePropertyName("log_likelihood");
        Double(json, fit.LogLikelihood);
        json.WriteBoolean("weakly_identified", fit.WeaklyIdentified);
        if (fit.Dropout is { } d)
        {
            json.WriteStartObject("no_dropout_limit");
            json.WriteBoolean("at_limit", d.AtLimit);
            json.WritePropertyName("highest_dropout_probability");
            Double(json, d.HighestDropoutProbability);
            json.WritePropertyName("log_likelihood");
            Double(json, d.NoDropoutLogLikelihood);
            json.WritePropertyName("r");
            Double(json, d.NoDropoutR);
            json.WritePropertyName("alpha");
            Double(json, d.NoDropoutAlpha);
            json.WriteEndObject();
        }
        else json.WriteNull("no_dropout_limit");
        json.WriteEndObject();
    }

    private static ModelFit ReadFit(JsonElement fit)
    {
        var d = fit.GetProperty("no_dropout_limit");
        double Number(JsonElement e, string name) => e.GetProperty(name) is { ValueKind: JsonValueKind.Null } ? double.NaN : e.GetProperty(name).GetDouble();
        return new ModelFit(fit.GetProperty("model").GetString()!,
            [.. fit.GetProperty("parameters").EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.ValueKind == JsonValueKind.Null ? double.NaN : p.Value.GetDouble()))],
            Number(fit, "log_likelihood"), fit.GetProperty("weakly_identified").GetBoolean(),
            d.ValueKind == JsonValueKind.Null ? null
                : new Probabilistic.DropoutDiagnosis(d.GetProperty("at_limit").GetBoolean(), Number(d, "highest_dropout_probability"),
                    Number(d, "log_likelihood"), Number(d, "r"), Number(d, "alpha")));
    }

    /// <summary>Reads a diagnostics.json; a malformed file is an <see cref="InputException"/> naming it.</summary>
    public static RunDiagnostics ReadFile(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.GetProperty("format_version").GetInt32() > FormatVersion)
                throw new InputException($"{path}: written by a newer ClvML (format version {root.GetProperty("format_version").GetInt32()}); upgrade ClvML or train again.");
            var tracking = root.GetProperty("tracking");
            var alive = root.GetProperty("alive");
            return new RunDiagnostics
            {
                Models = [.. root.GetProperty("models").EnumerateArray().Select(m => new ComparedModel(m.GetProperty("name").GetString()!, m.GetProperty("kind").GetString()!))],
                Notes = [.. root.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!)],
                AutoMLWinner = root.GetProperty("automl_winner").GetString(),
                PrimaryTransactionModel = root.GetProperty("primary_transaction_model").GetString(),
                RepeatPurchases = ReadComparison(root.GetProperty("repeat_purchases")),
                Tracking = tracking.ValueKind == JsonValueKind.Null ? null : new TransactionTracking(
                    ReadDoubles(tracking.GetProperty("period_ends")), tracking.GetProperty("calibration_end").GetDouble(),
                    ReadDoubles(tracking.GetProperty("actual_incremental")), ReadColumns(tracking.GetProperty("models"))),
                Alive = alive.ValueKind == JsonValueKind.Null ? null : ReadAlive(alive),
                Fits = root.TryGetProperty("fits", out var fits) ? [.. fits.EnumerateArray().Select(ReadFit)] : [],
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InputException($"{path}: not a diagnostics file this ClvML can read ({e.Message}); train the run again.");
        }
    }

    private static AliveGrid ReadAlive(JsonElement alive)
    {
        var rows = alive.GetProperty("mean_p_alive").EnumerateArray().Select(ReadDoubles).ToArray();
        var counts = alive.GetProperty("customers").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetInt32()).ToArray()).ToArray();
        var columns = rows.Length > 0 ? rows[0].Length : 0;
        var mean = new double[rows.Length, columns];
        var customers = new int[rows.Length, columns];
        for (var f = 0; f < rows.Length; f++)
            for (var r = 0; r < columns; r++)
            {
                mean[f, r] = rows[f][r];
                customers[f, r] = counts[f][r];
            }
        return new AliveGrid(alive.GetProperty("model").GetString()!, ReadStrings(alive.GetProperty("frequency_bins")),
            ReadStrings(alive.GetProperty("recency_bins")), mean, customers);
    }

    private static void WriteComparison(Utf8JsonWriter json, string name, CategoryComparison? comparison)
    {
        if (comparison is null)
        {
            json.WriteNull(name);
            return;
        }
        json.WriteStartObject(name);
        Strings(json, "categories", comparison.Categories);
        Doubles(json, "customers", comparison.Customers);
        Doubles(json, "actual", comparison.Actual);
        Columns(json, "models", comparison.Models);
        json.WriteEndObject();
    }

    private static CategoryComparison? ReadComparison(JsonElement e) =>
        e.ValueKind == JsonValueKind.Null ? null
        : new CategoryComparison(ReadStrings(e.GetProperty("categories")), ReadDoubles(e.GetProperty("customers")),
            ReadDoubles(e.GetProperty("actual")), ReadColumns(e.GetProperty("models")));

    private static void Columns(Utf8JsonWriter json, string name, IReadOnlyList<NamedValues> columns)
    {
        json.WriteStartArray(name);
        foreach (var c in columns)
        {
            json.WriteStartObject();
            json.WriteString("name", c.Name);
            Doubles(json, "values", c.Values);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static IReadOnlyList<NamedValues> ReadColumns(JsonElement e) =>
        [.. e.EnumerateArray().Select(c => new NamedValues(c.GetProperty("name").GetString()!, ReadDoubles(c.GetProperty("values"))))];

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteStringValue(v);
        json.WriteEndArray();
    }

    private static string[] ReadStrings(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetString()!)];

    private static void Doubles(Utf8JsonWriter json, string name, IEnumerable<double> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) Double(json, v);
        json.WriteEndArray();
    }

    private static void Double(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value)) json.WriteNumberValue(value);
        else json.WriteNullValue();
    }

    private static double[] ReadDoubles(JsonElement e) => [.. e.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble())];
}
