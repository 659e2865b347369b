namespace ClvML.Data.Tables;

/// <summary>
/// A named table of typed columns of equal length: the form in which features, scores, segments and
/// the leaderboard reach the Parquet, SQLite and PostgreSQL writers, so each writer handles four
/// column types instead of every table's own layout.
/// </summary>
public sealed class ColumnTable
{
    /// <summary>Creates the table; the columns must have distinct names and equal lengths.</summary>
    public ColumnTable(string name, IReadOnlyList<TableColumn> columns)
    {
        if (columns.Count == 0) throw new ArgumentException($"Table '{name}' has no columns.", nameof(columns));
        var rows = columns[0].Length;
        foreach (var c in columns)
            if (c.Length != rows) throw new ArgumentException($"Table '{name}': column '{c.Name}' has {c.Length} values, '{columns[0].Name}' has {rows}.", nameof(columns));
        var duplicate = columns.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Table '{name}': column '{duplicate.Key}' appears more than once.", nameof(columns));
        Name = name;
        Columns = columns;
        RowCount = rows;
    }

    /// <summary>Table name (a database table; the file's base name for Parquet).</summary>
    public string Name { get; }
    /// <summary>Columns in order.</summary>
    public IReadOnlyList<TableColumn> Columns { get; }
    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The column called <paramref name="name"/>.</summary>
    public TableColumn this[string name] => Columns.FirstOrDefault(c => c.Name == name) ?? throw new KeyNotFoundException($"Table '{Name}' has no column '{name}'.");

    /// <summary>
    /// Whether the writers make the first column the primary key: it is a text <c>customer_id</c> with
    /// no missing and no repeated value (a per-customer table such as features or scores, not customer_months).
    /// The key lets the analyst views join on an index.
    /// </summary>
    public bool HasCustomerKey()
    {
        if (Columns[0] is not { Name: "customer_id", Kind: TableColumnKind.Text, Text: { } ids }) return false;
        var seen = new HashSet<string>(ids.Count, StringComparer.Ordinal);
        foreach (var id in ids)
            if (id is null || !seen.Add(id)) return false;
        return true;
    }
}
