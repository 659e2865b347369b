namespace ClvML.Data.Destinations;

/// <summary>The kind of place a table is written to.</summary>
public enum OutputFormat
{
    /// <summary>A CSV file (any name not matched by the other forms).</summary>
    Csv,
    /// <summary>A Parquet file: a name ending in <c>.parquet</c>.</summary>
    Parquet,
    /// <summary>A SQLite database: <c>sqlite:PATH</c>.</summary>
    Sqlite,
    /// <summary>A PostgreSQL table: <c>postgres:TABLE</c>.</summary>
    Postgres,
}

/// <summary>
/// Where an <c>--output</c> goes: <c>scores.csv</c>, <c>scores.parquet</c>, <c>sqlite:results.db</c>
/// or <c>postgres:TABLE</c>. The prefix form is explicit because a database is not told apart by a file name.
/// </summary>
/// <param name="Format">The kind of target.</param>
/// <param name="Location">The file path (CSV, Parquet, SQLite) or the table name (PostgreSQL).</param>
public sealed record OutputTarget(OutputFormat Format, string Location)
{
    /// <summary>Parses an <c>--output</c> value; <paramref name="option"/> names the option in errors.</summary>
    /// <exception cref="InputException">An empty value or an empty path or table after a prefix.</exception>
    public static OutputTarget Parse(string text, string option = "--output")
    {
        if (string.IsNullOrWhiteSpace(text)) throw new InputException($"{option}: empty; give a file (scores.csv, scores.parquet), sqlite:PATH or postgres:TABLE.");
        foreach (var (prefix, format) in new[] { ("sqlite:", OutputFormat.Sqlite), ("postgres:", OutputFormat.Postgres) })
        {
            if (!text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) continue;
            var location = text[prefix.Length..].Trim();
            if (location.Length == 0)
                throw new InputException($"{option}: '{text}' names no {(format == OutputFormat.Sqlite ? "database file" : "table")} after '{prefix}'.");
            return new OutputTarget(format, location);
        }
        return new OutputTarget(text.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? OutputFormat.Parquet : OutputFormat.Csv, text);
    }

    /// <summary>
    /// Where rejected input rows go: beside a CSV output under its name with <c>.rejects.csv</c> for
    /// <c>.csv</c> (<c>scores.csv</c> -> <c>scores.rejects.csv</c>, the name scoring jobs know), beside any
    /// other file under its whole name plus <c>.rejects.csv</c> (<c>x.parquet</c> -> <c>x.parquet.rejects.csv</c>,
    /// <c>sqlite:r.db</c> -> <c>r.db.rejects.csv</c>), so two outputs never share one; in the working folder for
    /// PostgreSQL (<c>TABLE.rejects.csv</c>).
    /// </summary>
    public string RejectsPath => Format switch
    {
        OutputFormat.Postgres => Location.Replace('.', '_') + ".rejects.csv",
        OutputFormat.Csv when Location.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) => Location[..^".csv".Length] + ".rejects.csv",
        _ => Location + ".rejects.csv",
    };
}
