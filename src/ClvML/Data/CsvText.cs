namespace ClvML.Data;

/// <summary>RFC 4180 quoting for the CSV files ClvML writes.</summary>
internal static class CsvText
{
    /// <summary>The value as one CSV field: quoted when it holds a comma, quote or line break.</summary>
    public static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
}
