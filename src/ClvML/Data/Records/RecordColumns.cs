using ClvML.Configuration;

namespace ClvML.Data.Records;

/// <summary>
/// Where the mapped columns of <c>data.columns</c> are in a typed result. Names match exactly, or,
/// failing that, ignoring case when only one column matches (SQL folds unquoted names: PostgreSQL to
/// lower case). Every missing column is reported at once with the result's columns listed.
/// </summary>
internal sealed class RecordColumns
{
    private readonly IReadOnlyList<string> _names;
    private readonly List<string> _missing = [];

    public RecordColumns(IReadOnlyList<string> names, string sourceName, ColumnMapping map)
    {
        _names = names;
        CustomerId = Require(map.CustomerId, "data.columns.customer_id");
        Timestamp = Require(map.Timestamp, "data.columns.timestamp");
        if (map.Amount is not null) Amount = Require(map.Amount, "data.columns.amount");
        else
        {
            Quantity = Require(map.Quantity!, "data.columns.quantity");
            UnitPrice = Require(map.UnitPrice!, "data.columns.unit_price");
        }
        OrderId = map.OrderId is null ? -1 : Require(map.OrderId, "data.columns.order_id");
        Attributes = [.. map.Attributes.Select((a, i) => Require(a, $"data.columns.attributes[{i}]"))];
        if (_missing.Count > 0)
            throw new InputException($"{sourceName}: {string.Join("; ", _missing)}; the columns are [{string.Join(", ", names)}]. Fix data.columns in the config (or the query).");
    }

    public int CustomerId { get; }
    public int Timestamp { get; }
    public int Amount { get; } = -1;
    public int Quantity { get; } = -1;
    public int UnitPrice { get; } = -1;
    public int OrderId { get; }
    public int[] Attributes { get; }

    /// <summary>The names of every mapped column, once each, for sources that read only what is used (Parquet).</summary>
    public static IReadOnlyList<string> MappedNames(ColumnMapping map)
    {
        var names = new List<string> { map.CustomerId, map.Timestamp };
        if (map.Amount is not null) names.Add(map.Amount);
        else names.AddRange([map.Quantity!, map.UnitPrice!]);
        if (map.OrderId is not null) names.Add(map.OrderId);
        names.AddRange(map.Attributes);
        return [.. names.Distinct(StringComparer.Ordinal)];
    }

    private int Require(string column, string key)
    {
        var exact = -1;
        var folded = new List<int>();
        for (var i = 0; i < _names.Count; i++)
        {
            if (string.Equals(_names[i], column, StringComparison.Ordinal))
            {
                if (exact >= 0) { _missing.Add($"column '{column}' ({key}) appears more than once"); return -1; }
                exact = i;
            }
            else if (string.Equals(_names[i], column, StringComparison.OrdinalIgnoreCase)) folded.Add(i);
        }
        if (exact >= 0) return exact;
        if (folded.Count == 1) return folded[0];
        _missing.Add(folded.Count > 1 ? $"column '{column}' ({key}) matches {folded.Count} columns when case is ignored and none exactly"
            : $"column '{column}' ({key}) is not in the result");
        return -1;
    }
}
