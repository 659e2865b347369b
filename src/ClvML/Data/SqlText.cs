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

    /// <summary>
    /// Whether the writers make the first column the primary key: it is a text <c>customer_id</c> with
    /// no missing and no repeated value (a per-customer table such as features or scores, not customer_months).
    /// The key lets the analyst views join on an index.
    /// </summary>
    public static bool HasCustomerKey(Tables.ColumnTable table)
    {
        if (table.Columns[0] is not { Name: "customer_id", Kind: Tables.TableColumnKind.Text, Text: { } ids }) return false;
        var seen = new HashSet<string>(ids.Count, StringComparer.Ordinal);
        foreach (var id in ids)
            if (id is null || !seen.Add(id)) return false;
        return true;
    }
}
