using System.Globalization;
using System.Text.Json;

namespace ClvML;

/// <summary>
/// Shared conventions of ClvML's JSON model files: a <c>format</c> name and <c>format_version</c> at the
/// top, checked on load with a message that says what to do; doubles in shortest round-trip form, and
/// the non-finite ones JSON has no number for written as the strings "inf", "-inf", "nan".
/// </summary>
public static class ModelJson
{
    /// <summary>Writes the format header of a model file.</summary>
    public static void WriteHeader(Utf8JsonWriter json, string format, int version)
    {
        json.WriteString("format", format);
        json.WriteNumber("format_version", version);
    }

    /// <summary>Checks the header of a model file; throws <see cref="InputException"/> naming the file when it does not fit.</summary>
    public static void CheckHeader(JsonElement root, string format, int newestVersion, string file)
    {
        if (!root.TryGetProperty("format", out var name) || name.GetString() != format)
            throw new InputException($"{file}: not a {format} file.");
        var version = root.TryGetProperty("format_version", out var v) && v.TryGetInt32(out var n) ? n : -1;
        if (version < 1)
            throw new InputException($"{file}: format_version is missing or invalid.");
        if (version > newestVersion)
            throw new InputException($"{file}: written with format version {version}, but this ClvML reads up to version {newestVersion}; upgrade ClvML or retrain the run.");
    }

    /// <summary>Writes a double, finite ones as numbers.</summary>
    public static void WriteDouble(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value)) json.WriteNumberValue(value);
        else json.WriteStringValue(double.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf");
    }

    /// <summary>Writes an array of doubles, as a property when <paramref name="name"/> is given, else as a value.</summary>
    public static void WriteDoubles(Utf8JsonWriter json, string? name, ReadOnlySpan<double> values)
    {
        if (name is null) json.WriteStartArray();
        else json.WriteStartArray(name);
        foreach (var v in values) WriteDouble(json, v);
        json.WriteEndArray();
    }

    /// <summary>Reads a double written by <see cref="WriteDouble"/>.</summary>
    public static double ReadDouble(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.String => element.GetString() switch
        {
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            "nan" => double.NaN,
            var s => double.Parse(s!, CultureInfo.InvariantCulture),
        },
        _ => throw new FormatException($"expected a number, found {element.ValueKind}"),
    };

    /// <summary>Writes a regressor's <see cref="TargetRange"/> as <c>prediction_minimum</c> and <c>prediction_maximum</c>.</summary>
    public static void WriteRange(Utf8JsonWriter json, TargetRange range)
    {
        json.WritePropertyName("prediction_minimum");
        WriteDouble(json, range.Minimum);
        json.WritePropertyName("prediction_maximum");
        WriteDouble(json, range.Maximum);
    }

    /// <summary>Reads what <see cref="WriteRange"/> wrote; a file from before ranges existed is unbounded.</summary>
    public static TargetRange ReadRange(JsonElement root) =>
        root.TryGetProperty("prediction_minimum", out var min) && root.TryGetProperty("prediction_maximum", out var max)
            ? new TargetRange(ReadDouble(min), ReadDouble(max))
            : TargetRange.Unbounded;

    /// <summary>Reads an array of doubles.</summary>
    public static double[] ReadDoubles(JsonElement array) => [.. array.EnumerateArray().Select(ReadDouble)];
}
