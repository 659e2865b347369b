namespace ClvML.Data;

/// <summary>SQL text as the SQLite and PostgreSQL sources and writers need it: quoted identifiers, queries shortened for messages.</summary>
internal static class SqlText
{
    /// <summary>A double-quoted identifier (standard SQL, both databases): embedded quotes doubled, so any column name is safe.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    /// <summary>
    /// A possibly schema-qualified table name (<c>schema.table</c>) quoted part by part; a name with
    /// more than one dot is taken whole, as a single identifier.
    /// </summary>
    public static string QuoteTable(string name)
    {
        var parts = name.Split('.');
        return parts.Length == 2 && parts.All(p => p.Length > 0) ? Quote(parts[0]) + "." + Quote(parts[1]) : Quote(name);
    }

    /// <summary>A query on one line, cut at 200 characters, for error messages.</summary>
    public static string Shorten(string query)
    {
        var flat = string.Join(' ', query.Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return flat.Length > 200 ? flat[..200] + "..." : flat;
    }
}
