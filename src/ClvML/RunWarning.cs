using System.Text.Json;

namespace ClvML;

/// <summary>
/// Something a run's reader must know that does not stop the run: printed to the log, listed in
/// manifest.json's and metrics.json's "warnings" and shown in the report.
/// </summary>
/// <param name="Code">Stable snake_case name of the situation, for scripts (e.g. <c>observation_end_after_last_transaction</c>).</param>
/// <param name="Subject">What it is about: a YAML key (<c>features.observation_end</c>) or a model name (<c>bgnbd</c>).</param>
/// <param name="Message">The explanation for a person, with the figures behind it.</param>
public sealed record RunWarning(string Code, string Subject, string Message)
{
    /// <summary>Writes <paramref name="warnings"/> as the array <paramref name="name"/> of {code, subject, message} objects.</summary>
    public static void WriteArray(Utf8JsonWriter json, string name, IEnumerable<RunWarning> warnings)
    {
        json.WriteStartArray(name);
        foreach (var warning in warnings)
        {
            json.WriteStartObject();
            json.WriteString("code", warning.Code);
            json.WriteString("subject", warning.Subject);
            json.WriteString("message", warning.Message);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>Reads the array <paramref name="name"/> of <paramref name="parent"/> written by <see cref="WriteArray"/>; empty when absent (files written before warnings were recorded).</summary>
    /// <exception cref="FormatException">An entry lacks a text code, subject or message.</exception>
    public static IReadOnlyList<RunWarning> ReadArray(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? [.. array.EnumerateArray().Select(w => new RunWarning(Text(w, "code"), Text(w, "subject"), Text(w, "message")))]
            : [];

    private static string Text(JsonElement warning, string key) =>
        warning.ValueKind == JsonValueKind.Object && warning.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"a warning's \"{key}\" is missing or not text");
}
