using ClvML.Configuration;

namespace ClvML.Data.Tables;

/// <summary>
/// Collects accepted transactions as typed columns, for converting a source (a CSV file, a query) into a
/// Parquet file or a table: customer id, timestamp, amount, order id and attributes under the names of
/// the config's mapping, so the same <c>data.columns</c> (with amount in place of quantity x unit price)
/// reads the converted file back to the same transactions.
/// </summary>
public sealed class TransactionTableBuilder(ColumnMapping mapping) : ITransactionSink
{
    private readonly List<string> _customers = [];
    private readonly List<DateTime> _timestamps = [];
    private readonly List<double> _amounts = [];
    private readonly List<string?> _orders = [];
    private readonly List<string?>[] _attributes = [.. mapping.Attributes.Select(_ => new List<string?>())];

    /// <summary>Rows collected.</summary>
    public int Count => _customers.Count;

    /// <inheritdoc />
    public void Accept(in TransactionRow row)
    {
        _customers.Add(row.CustomerId.ToString());
        _timestamps.Add(row.Timestamp);
        _amounts.Add(row.Amount);
        if (mapping.OrderId is not null) _orders.Add(row.OrderId.IsEmpty ? null : row.OrderId.ToString());
        for (var i = 0; i < _attributes.Length; i++)
        {
            var value = row.Attribute(i);
            _attributes[i].Add(value.IsEmpty ? null : value.ToString());
        }
    }

    /// <summary>The columns collected so far, as a table called <paramref name="name"/>.</summary>
    public ColumnTable ToTable(string name = "transactions")
    {
        var columns = new List<TableColumn>
        {
            TableColumn.OfText(mapping.CustomerId, _customers),
            TableColumn.OfTimestamps(mapping.Timestamp, _timestamps.ToArray()),
            TableColumn.OfReals(mapping.Amount ?? "amount", _amounts.ToArray()),
        };
        if (mapping.OrderId is not null) columns.Add(TableColumn.OfText(mapping.OrderId, _orders));
        for (var i = 0; i < _attributes.Length; i++) columns.Add(TableColumn.OfText(mapping.Attributes[i], _attributes[i]));
        return new ColumnTable(name, columns);
    }
}
